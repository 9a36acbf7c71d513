// The Quorum NWR view in a real browser: it loads beside the Raft and
// Gossip views, a put then a get typed in the command box shows the value
// on the replicas and in the client history, settings refuse W above N
// naming the field and its range (in English and Chinese), and a lesson
// opens from its link.
import { expect, test } from "@playwright/test";
import { APP, canvasFitted, shot, watchConsole } from "./lib.mjs";

// One device scale is enough for behaviour; the shell spec covers HiDPI.
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "standard", "behaviour is checked at one pixel ratio");
});

const nwr = (extra = "") => `${APP}#view=nwr&seed=1&speed=1&lang=en${extra}`;

// Sends a client command through the command box.
async function send(page, text) {
  const input = page.locator(".command input[type=text]");
  await input.fill(text);
  await input.press("Enter");
  await expect(page.locator("#command-error")).toBeHidden();
}

test("the NWR view loads with no console errors and switches to the other views", async ({ page }, testInfo) => {
  const { errors, warnings } = await watchConsole(page);
  await page.goto(nwr());
  await expect(page.locator(".view-nwr")).toBeVisible();
  await expect(page.locator(".view-switch button", { hasText: "NWR" })).toHaveAttribute("aria-pressed", "true");
  const stats = await canvasFitted(page);
  expect(stats.opaqueShare).toBe(1);
  expect(stats.colours).toBeGreaterThanOrEqual(3);
  await expect(page.locator(".stage-index .nodes li")).toHaveCount(5);
  await expect(page.locator(".nwr-settings-line")).toContainText("N = 3 · W = 2 · R = 2");
  await page.screenshot({ path: shot(testInfo, "nwr-start") });
  await page.locator(".view-switch button", { hasText: "Gossip" }).click();
  await expect(page.locator(".view-gossip")).toBeVisible();
  await page.locator(".view-switch button", { hasText: "NWR" }).click();
  await expect(page.locator(".view-nwr")).toBeVisible();
  expect(page.url()).toContain("view=nwr");
  expect(errors).toEqual([]);
  expect(warnings).toEqual([]);
});

test("a put then a get shows the value on the replicas and in the history", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(nwr("&autoplay=1"));
  await send(page, "put x 7");
  const written = page.locator('.nwr-history tr.op[data-op="set"]');
  await expect(written).toHaveAttribute("data-outcome", "fresh", { timeout: 10_000 });
  // Each replica of x holds 7 once the copies arrive.
  await expect(page.locator('.nwr-stores td[data-key="x"][data-value="7"]')).toHaveCount(3, { timeout: 10_000 });
  await expect(page.locator(".nwr-stores tr.replica")).toHaveCount(3);
  await send(page, "get x");
  const read = page.locator('.nwr-history tr.op[data-op="get"]');
  await expect(read).toHaveAttribute("data-outcome", "fresh", { timeout: 10_000 });
  await expect(read.locator(".nwr-result")).toHaveText("7");
  await expect(page.locator(".nwr-verdict")).toHaveAttribute("data-anomalies", "0");
  // A command the store does not take is refused beside the field.
  await page.locator(".command input[type=text]").fill("append x 1");
  await page.locator(".command input[type=text]").press("Enter");
  await expect(page.locator("#command-error")).toContainText("put k v or get k");
  await page.screenshot({ path: shot(testInfo, "nwr-put-get") });
  expect(errors).toEqual([]);
});

test("settings refuse W above N with the field and its range", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await page.goto(nwr());
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const apply = page.getByRole("button", { name: "Apply" });
  await page.locator("#f-nwr-w").fill("4");
  await expect(page.locator("#f-nwr-w-e")).toHaveText("must be between 1 and 3 (n = 3), got 4");
  await expect(page.locator("#f-nwr-w")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#apply-why")).toContainText("W, write acknowledgements");
  await expect(apply).toBeDisabled();
  await page.locator("#f-nwr-r").fill("two");
  await expect(page.locator("#f-nwr-r-e")).toContainText('must be a whole number, got "two"');
  // Fixed values apply and start the run over.
  await page.locator("#f-nwr-w").fill("1");
  await page.locator("#f-nwr-r").fill("1");
  await apply.click();
  await expect(page.locator(".nwr-settings-line")).toContainText("N = 3 · W = 1 · R = 1");
  await expect(page.locator(".nwr-guarantee").first()).toContainText("stale reads can happen");
  expect(errors).toEqual([]);
});

test("the Chinese interface names the refused field in Chinese", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await page.goto(`${APP}#view=nwr&seed=1&lang=zh`);
  await page.getByRole("button", { name: "设置", exact: true }).click();
  await page.locator("#f-nwr-w").fill("5");
  await expect(page.locator("#f-nwr-w-e")).toHaveText("必须在 1 到 3 之间（n = 3），实际为 5");
  await expect(page.locator("#apply-why")).toContainText("W，写确认数");
  await page.getByRole("button", { name: "取消" }).click();
  await expect(page.locator(".nwr-stores h2")).toHaveText("服务器及其副本");
  expect(errors).toEqual([]);
});

test("an NWR lesson opens from its link and plays its first step", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await page.goto(`${APP}#view=nwr&lesson=nwr-quorums&lang=en`);
  await expect(page.locator(".view-nwr")).toBeVisible();
  const panel = page.locator(".panel.lesson");
  await expect(panel).toHaveAttribute("data-lesson", "nwr-quorums", { timeout: 10_000 });
  await expect(panel).toContainText("Quorums: W + R > N");
  // The picker offers the five Quorum NWR lessons.
  const ids = await page
    .locator(".lesson-picker option")
    .evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  expect(ids).toEqual(["nwr-quorums", "nwr-read-repair", "nwr-partition", "nwr-sloppy-quorum", "nwr-last-write-wins"]);
  expect(errors).toEqual([]);
});
