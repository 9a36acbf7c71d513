// The Raft view in a real browser: elections, crashes, partitions, client
// commands, dropping a message by clicking it, slicing the network by
// dragging, bad input, the keyboard, and the Chinese interface.
import { expect, test } from "@playwright/test";
import { APP, clickStage, leader, servers, shot, watchConsole } from "./lib.mjs";

// One device scale is enough for behaviour; the shell spec covers HiDPI.
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "standard", "behaviour is checked at one pixel ratio");
});

const live = (seed = 3) => `${APP}#seed=${seed}&speed=1&autoplay=1&lang=en`;

async function send(page, text, via = "") {
  await page.locator("form.command select").selectOption(via);
  await page.locator("form.command input").fill(text);
  await page.locator("form.command input").press("Enter");
}

test("a leader is elected and shown", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(live());
  const l = await leader(page);
  expect(l.term).toBeGreaterThanOrEqual(1);
  const rows = await servers(page);
  expect(rows.filter((r) => r.role === "leader")).toHaveLength(1);
  expect(rows.filter((r) => r.role === "follower" && r.term === l.term).length).toBeGreaterThanOrEqual(2);
  await expect(page.locator(".invariant.ok")).toHaveCount(5);
  await expect(page.locator(".event-list")).toContainText(`S${l.node} became leader`);
  await page.screenshot({ path: shot(testInfo, "raft-leader") });
  // Seconds of heartbeats later the narration (messages hidden) still tells it.
  await page.waitForFunction(() => Number(document.querySelector("[data-now-ms]")?.dataset.nowMs) > 4000, null, {
    timeout: 15_000,
  });
  await expect(page.locator(".event-list")).toContainText(`S${l.node} became leader`);
  expect(errors).toEqual([]);
});

test("crashing the leader elects a new one", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(live());
  const first = await leader(page);
  await page.getByRole("button", { name: "Crash leader" }).click();
  const second = await leader(page, first.node);
  expect(second.term).toBeGreaterThan(first.term);
  const rows = await servers(page);
  expect(rows.find((r) => r.node === first.node).up).toBe(false);
  await page.screenshot({ path: shot(testInfo, "raft-new-leader") });
  expect(errors).toEqual([]);
});

test("a command is committed on a majority", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await page.goto(live());
  await leader(page);
  await send(page, "set x 5");
  await page.waitForFunction(
    () => [...document.querySelectorAll(".servers-table td.kv")].filter((td) => td.textContent.includes("x=5")).length >= 3,
    null,
    { timeout: 10_000 },
  );
  await expect(page.locator(".event-list")).toContainText("got the answer to set x 5");
  expect(errors).toEqual([]);
});

test("a partitioned leader cannot commit; after the heal it steps down and its entry is replaced", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const { errors } = await watchConsole(page);
  await page.goto(live());
  const old = await leader(page);
  // Isolate the leader, then write through it: it appends but cannot commit.
  await page.locator(`.servers-table tr[data-node="${old.node}"] button`).click();
  await page.locator(".popover").getByRole("button", { name: /Isolate/ }).click();
  await page.locator(`.servers-table tr[data-node="${old.node}"] button`).click();
  await page.locator(".popover .node-command input").fill("set lost 1");
  await page.locator(".popover .node-command input").press("Enter");
  await page.waitForFunction(
    (n) => {
      const r = document.querySelector(`.servers-table tr[data-node="${n}"]`);
      return Number(r.dataset.len) > Number(r.dataset.commit);
    },
    old.node,
  );
  const stuck = (await servers(page)).find((r) => r.node === old.node);
  const index = stuck.len;
  const cell = page.locator(`.log-row[data-node="${old.node}"] .cell[data-index="${index}"]`);
  await expect(cell).toHaveAttribute("data-term", String(old.term));
  await expect(cell).toHaveClass(/uncommitted/);

  // The majority elects a leader of a later term and commits.
  const fresh = await leader(page, old.node);
  expect(fresh.term).toBeGreaterThan(old.term);
  await send(page, "set x 7");
  await page.waitForFunction(
    () => [...document.querySelectorAll(".servers-table td.kv")].filter((td) => td.textContent.includes("x=7")).length >= 3,
    null,
    { timeout: 10_000 },
  );
  const meanwhile = (await servers(page)).find((r) => r.node === old.node);
  expect(meanwhile.role).toBe("leader");
  expect(meanwhile.commit).toBe(stuck.commit);
  expect(meanwhile.kv).not.toContain("x=7");
  await page.screenshot({ path: shot(testInfo, "raft-partition") });

  // Heal: the old leader sees the higher term, steps down, and its entry is replaced.
  // The narration lists the step-down while it is among the latest events:
  // watch for it from the heal on (the run keeps playing).
  const narrated = page.waitForFunction(
    (n) => document.querySelector(".event-list")?.textContent.includes(`S${n} steps down`),
    old.node,
    { timeout: 10_000 },
  );
  await page.getByRole("button", { name: "Heal" }).click();
  await page.waitForFunction(
    ({ n, i, t }) => {
      const r = document.querySelector(`.servers-table tr[data-node="${n}"]`);
      const c = document.querySelector(`.log-row[data-node="${n}"] .cell[data-index="${i}"]`);
      return r.dataset.role === "follower" && c && c.dataset.term !== String(t) && r.querySelector("td.kv").textContent.includes("x=7");
    },
    { n: old.node, i: index, t: old.term },
    { timeout: 10_000 },
  );
  await narrated;
  await expect(page.locator(".invariant.ok")).toHaveCount(5);
  await page.screenshot({ path: shot(testInfo, "raft-healed") });
  expect(errors).toEqual([]);
});

test("clicking a message and dropping it removes it", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(live());
  await leader(page);
  await page.getByRole("button", { name: /Pause/ }).click();
  // A message halfway along its link, clear of the server glyphs.
  const midway = () =>
    page.locator(".stage-index .messages li").evaluateAll((lis) =>
      lis
        .filter((li) => Number(li.dataset.progress) > 0.3 && Number(li.dataset.progress) < 0.7)
        .map((li) => ({ id: li.dataset.msg, x: Number(li.dataset.x), y: Number(li.dataset.y) })),
    );
  let found = await midway();
  for (let i = 0; i < 300 && found.length === 0; i++) {
    await page.getByRole("button", { name: "Step ▶" }).click();
    found = await midway();
  }
  const { id, x, y } = found[0];
  await clickStage(page, x, y);
  const popover = page.locator(".popover");
  await expect(popover).toBeVisible();
  await expect(popover.locator("h3")).toContainText("→");
  await page.screenshot({ path: shot(testInfo, "raft-message-selected") });
  await popover.getByRole("button", { name: /Drop/ }).click();
  await expect(page.locator(`.stage-index .messages li[data-msg="${id}"]`)).toHaveCount(0);
  await expect(page.locator(".event-list")).toContainText("was lost: dropped by hand");
  expect(errors).toEqual([]);
});

test("dragging across the canvas slices the network", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(live());
  await leader(page);
  const pos = async (n) => {
    const li = page.locator(`.stage-index .nodes li[data-node="${n}"]`);
    return { x: Number(await li.getAttribute("data-x")), y: Number(await li.getAttribute("data-y")) };
  };
  const [s1, s2] = [await pos(1), await pos(2)];
  const y = (s1.y + s2.y) / 2;
  const box = await page.locator(".stage > canvas").boundingBox();
  await page.mouse.move(box.x + 5, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + y, { steps: 5 });
  await page.mouse.move(box.x + box.width - 5, box.y + y, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator(".event-list")).toContainText("the network is partitioned: S1 | S2 S3 S4 S5");
  await page.screenshot({ path: shot(testInfo, "raft-sliced") });
  expect(errors).toEqual([]);
});

test("bad input is refused with a message and sends nothing", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await page.goto(`${APP}#seed=3&lang=en`);
  await send(page, "sett x 5");
  await expect(page.locator("#command-error")).toContainText("unknown command");
  await expect(page.locator(".event-list")).not.toContainText("sends");
  await page.locator("form.command input").fill("set x");
  await page.locator("form.command input").press("Enter");
  await expect(page.locator("#command-error")).toContainText("missing value");

  await page.getByRole("button", { name: /Settings/ }).click();
  const loss = page.locator("#f-network-loss");
  await loss.fill("2");
  await expect(page.locator("#f-network-loss-e")).toContainText("must be between 0 and 1");
  await expect(page.getByRole("button", { name: "Apply" })).toBeDisabled();
  await loss.fill("0.1");
  await page.locator("#f-raft-election_timeout_ms-0-").fill("40");
  await expect(page.locator(".dialog .field-error:not(:empty)").first()).toContainText("above heartbeat_ms");
  expect(errors).toEqual([]);
});

test("the keyboard drives the lab and ? shows every shortcut", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await page.goto(`${APP}#seed=3&speed=1&lang=en`);
  await expect(page.locator(".servers-table tbody tr")).toHaveCount(5);
  // Keys pressed before the page listens for them would be lost.
  await page.waitForFunction(() => document.body.hasAttribute("data-keyboard"));
  await page.keyboard.press(" ");
  await expect(page.locator(".controls button.primary")).toHaveAttribute("aria-pressed", "true");
  const l = await leader(page);
  await page.keyboard.press(String(l.node));
  await expect(page.locator(`.servers-table tr[data-node="${l.node}"]`)).toHaveClass(/selected/);
  await page.keyboard.press("c");
  await expect(page.locator(`.servers-table tr[data-node="${l.node}"]`)).toHaveAttribute("data-up", "false");
  await page.keyboard.press("?");
  await expect(page.locator(".dialog.help")).toBeVisible();
  await expect(page.locator(".dialog.help tr")).toHaveCount(30);
  await page.keyboard.press("Escape");
  await expect(page.locator(".dialog.help")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("the interface speaks Chinese", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(`${APP}#seed=3&speed=1&autoplay=1&lang=zh`);
  const l = await leader(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
  await expect(page.locator(".event-list")).toContainText(`S${l.node} 在任期`);
  await expect(page.getByRole("button", { name: "领导者崩溃" })).toBeVisible();
  await page.screenshot({ path: shot(testInfo, "raft-zh") });
  expect(errors).toEqual([]);
});

test("the canvas key shows each message and client glyph with its name", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await page.goto(live());
  const key = page.locator(".stage-key");
  await expect(key.locator(".raft-legend")).toBeHidden();
  await key.locator("summary").click();
  await expect(key.locator(".raft-legend li").first()).toBeVisible();
  expect(await key.locator(".raft-legend li").count()).toBeGreaterThanOrEqual(6);
  await expect(key).toContainText("heartbeat");
  expect(errors).toEqual([]);
});
