// Time travel in a real browser: scrubbing the timeline back and forth shows
// exactly what was, the keyboard jumps between landmarks and seconds,
// stepping marks the event in the narration, and acting in the past forks a
// new future while the old one stays a branch to return to or discard.
import { expect, test } from "@playwright/test";
import { APP, open, leader, panels, scrubTo, shot, timeline, watchConsole } from "./lib.mjs";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "standard", "behaviour is checked at one pixel ratio");
});

// Opens the branches menu (a <details>) if it is closed.
async function openBranches(page) {
  await page.locator(".branches").evaluate((d) => {
    d.open = true;
  });
}

// A run with an election, a crash and a second election, then paused.
async function history(page) {
  await open(page, `${APP}#seed=3&speed=1&autoplay=1&lang=en`);
  const first = await leader(page);
  await page.getByRole("button", { name: "Crash leader" }).click();
  await leader(page, first.node);
  await page.waitForFunction(() => Number(document.querySelector(".timeline").dataset.nowMs) > 3000);
  await page.keyboard.press(" ");
  await expect(page.getByRole("button", { name: /Play/ })).toBeVisible();
  return timeline(page);
}

test("scrubbing away and back shows the panels exactly as they were", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  const end = await history(page);
  await scrubTo(page, end.horizon * 0.3);
  const then = await panels(page);
  const at = (await timeline(page)).now;
  expect(at).toBeGreaterThan(0);
  expect(at).toBeLessThan(end.horizon);
  await page.screenshot({ path: shot(testInfo, "timeline-scrubbed") });

  await scrubTo(page, end.horizon * 0.95);
  expect((await panels(page)).fingerprint).not.toBe(then.fingerprint);
  await page.keyboard.press("Home");
  await expect(page.locator(".timeline")).toHaveAttribute("data-now-ms", "0");
  await scrubTo(page, end.horizon * 0.3);
  expect((await timeline(page)).now).toBe(at);
  expect(await panels(page)).toEqual(then);

  await page.keyboard.press("End");
  await expect(page.locator(".timeline")).toHaveAttribute("data-fingerprint", end.fingerprint);
  expect(errors).toEqual([]);
});

test("the keyboard jumps between landmarks and by seconds", async ({ page }) => {
  const { errors } = await watchConsole(page);
  const end = await history(page);
  await page.keyboard.press("Home");
  await page.keyboard.press("]");
  const landmarks = await page
    .locator(".timeline-index li")
    .evaluateAll((lis) => lis.map((li) => Number(li.dataset.atMs)));
  expect(landmarks.length).toBeGreaterThanOrEqual(3);
  expect((await timeline(page)).now).toBe(landmarks[0]);
  await page.keyboard.press("]");
  expect((await timeline(page)).now).toBe(landmarks.find((t) => t > landmarks[0]));
  await page.keyboard.press("[");
  expect((await timeline(page)).now).toBe(landmarks[0]);
  await page.keyboard.press("Shift+ArrowRight");
  expect((await timeline(page)).now).toBeCloseTo(landmarks[0] + 1000, 3);
  await page.keyboard.press("Shift+ArrowLeft");
  expect((await timeline(page)).now).toBeCloseTo(landmarks[0], 3);
  await page.keyboard.press("End");
  expect((await timeline(page)).now).toBe(end.horizon);
  expect(errors).toEqual([]);
});

test("stepping marks the event it stepped over, and stepping back undoes it", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await history(page);
  await scrubTo(page, 1200);
  await page.keyboard.press("ArrowRight");
  const before = await timeline(page);
  await page.keyboard.press("ArrowRight");
  const after = await timeline(page);
  expect(after.events).toBe(before.events + 1);
  await expect(page.locator(".event-list .event.current")).toHaveCount(1);
  await expect(page.locator(".event-list .event.current")).toHaveAttribute("aria-current", "true");
  await page.screenshot({ path: shot(testInfo, "step-focus") });
  await page.keyboard.press("ArrowLeft");
  expect((await timeline(page)).fingerprint).toBe(before.fingerprint);
  expect(errors).toEqual([]);
});

test("acting in the past forks; the old future is a branch to switch back to or discard", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  const end = await history(page);
  await scrubTo(page, end.horizon * 0.5);
  const forkAt = (await timeline(page)).now;
  const rows = await page.locator(".servers-table tbody tr").evaluateAll((r) =>
    r.filter((x) => x.dataset.up === "true").map((x) => Number(x.dataset.node)),
  );
  await page.keyboard.press(String(rows[0]));
  await page.keyboard.press("c");
  const notice = page.locator(".notice.info");
  await expect(notice).toContainText("You changed the past");
  await expect(notice.getByRole("button", { name: "Keep both" })).toBeVisible();
  await expect(notice.getByRole("button", { name: "Discard the old future" })).toBeVisible();
  expect((await timeline(page)).horizon).toBe(forkAt);
  await page.screenshot({ path: shot(testInfo, "fork-notice") });
  await notice.getByRole("button", { name: "Keep both" }).click();
  await expect(notice).toHaveCount(0);

  // The branch is listed; switching to it and going to its end restores the old future.
  await openBranches(page);
  await expect(page.locator(".branches li")).toHaveCount(1);
  await page.screenshot({ path: shot(testInfo, "branches-menu") });
  await page.locator(".branches li").getByRole("button", { name: "Switch to it" }).click();
  await page.keyboard.press("End");
  const back = await timeline(page);
  expect(back.horizon).toBe(end.horizon);
  expect(back.fingerprint).toBe(end.fingerprint);

  // The new future is now the branch; discard it.
  await openBranches(page);
  await page.locator(".branches li").getByRole("button", { name: "Discard" }).click();
  await expect(page.locator(".branches")).toHaveCount(0);

  // Forking again and discarding the old future at once.
  await scrubTo(page, end.horizon * 0.5);
  await page.keyboard.press("h");
  await page.locator(".notice.info").getByRole("button", { name: "Discard the old future" }).click();
  await expect(page.locator(".branches")).toHaveCount(0);
  await expect(page.locator(".notice.info")).toHaveCount(0);
  expect(errors).toEqual([]);
});
