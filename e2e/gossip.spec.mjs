// The Gossip view in a real browser: it loads beside the Raft view, a
// rumor started by clicking a node reaches every live node, SWIM finds a
// crashed node, a partition stops the spread and healing lets it converge,
// time travel, bad settings are refused with their range, 2,000 nodes, a
// lesson with Raft beside gossip, and the Chinese interface.
import { deflateSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { APP, canvasFitted, clickStage, scrubTo, shot, timeline, watchConsole } from "./lib.mjs";

// One device scale is enough for behaviour; the shell spec covers HiDPI.
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "standard", "behaviour is checked at one pixel ratio");
});

const gossip = (extra = "") => `${APP}#view=gossip&seed=3&speed=1&lang=en${extra}`;

// A scenario as a share link parameter (the app's codec: zlib, then base64url).
const scenarioParam = (scenario) => `1.${deflateSync(JSON.stringify(scenario), { level: 9 }).toString("base64url")}`;

// Node n's position on the stage, from the list kept for screen readers.
async function nodeAt(page, n) {
  const li = page.locator(`.stage-index .nodes li[data-node="${n}"]`);
  await expect(li).toHaveCount(1);
  return { x: Number(await li.getAttribute("data-x")), y: Number(await li.getAttribute("data-y")) };
}

async function clickNode(page, n) {
  const { x, y } = await nodeAt(page, n);
  await clickStage(page, x, y);
}

// Coverage of the rumor on show, as the counters panel reports it.
async function coverage(page) {
  const dd = page.locator(".g-informed");
  return { informed: Number(await dd.getAttribute("data-informed")), live: Number(await dd.getAttribute("data-live")) };
}

const everyoneKnows = (page, timeout = 15_000) =>
  page.waitForFunction(
    () => {
      const dd = document.querySelector(".g-informed");
      return dd && dd.dataset.informed === dd.dataset.live;
    },
    null,
    { timeout },
  );

// Simulated milliseconds, from the timeline.
const simMs = async (page) => (await timeline(page)).now;

// Opens the settings dialog.
const settings = (page, name = "Settings") => page.getByRole("button", { name, exact: true }).click();

test("the gossip view loads beside the Raft view with no console errors", async ({ page }, testInfo) => {
  const { errors, warnings } = await watchConsole(page);
  await page.goto(gossip());
  await expect(page.locator(".view-gossip")).toBeVisible();
  await expect(page.locator(".view-switch button", { hasText: "Gossip" })).toHaveAttribute("aria-pressed", "true");
  const stats = await canvasFitted(page);
  expect(stats.opaqueShare).toBe(1);
  expect(stats.colours).toBeGreaterThanOrEqual(3);
  await expect(page.locator(".g-chart")).toBeVisible();
  await page.screenshot({ path: shot(testInfo, "gossip-start") });
  // The switch goes to the Raft view and back, and the URL follows.
  await page.locator(".view-switch button", { hasText: "Raft" }).click();
  await expect(page.locator(".servers-table")).toBeVisible();
  expect(page.url()).toContain("view=raft");
  await page.locator(".view-switch button", { hasText: "Gossip" }).click();
  await expect(page.locator(".view-gossip")).toBeVisible();
  expect(page.url()).toContain("view=gossip");
  expect(errors).toEqual([]);
  expect(warnings).toEqual([]);
});

test("a rumor started by clicking a node reaches every live node, and time travel shows it again", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(gossip("&autoplay=1"));
  await clickNode(page, 7);
  await expect(page.locator(".event-list")).toContainText("S7 started rumor 1: x = 1");
  // A moment in the middle of the spread, to come back to (measured, since a
  // busy machine may click late in simulated time).
  await page.waitForFunction(() => {
    const n = Number(document.querySelector(".g-informed")?.dataset.informed);
    return n > 10 && n < 60;
  });
  const middle = await simMs(page);
  await page.screenshot({ path: shot(testInfo, "gossip-spreading") });
  await everyoneKnows(page);
  const { informed, live } = await coverage(page);
  expect(informed).toBe(60);
  expect(live).toBe(60);
  await expect(page.locator(".g-all")).toContainText("rounds");
  await page.screenshot({ path: shot(testInfo, "gossip-everyone") });

  // Scrub back to the middle of the spread, then step forward: the past replays.
  await page.getByRole("button", { name: /Pause/ }).click();
  const end = await simMs(page);
  await scrubTo(page, middle);
  await page.waitForFunction(() => Number(document.querySelector(".g-informed")?.dataset.informed) < 60);
  expect(await simMs(page)).toBeLessThan(end);
  await page.getByRole("button", { name: "Step ▶" }).click();
  await page.keyboard.press("End");
  await everyoneKnows(page);
  expect(errors).toEqual([]);
});

test("crashing a node with SWIM on gets it detected and shown dead", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  const scenario = {
    version: 1,
    protocol: "gossip",
    seed: 4,
    nodes: 30,
    stop_ms: 60000,
    gossip: { swim: { enabled: true, period_ms: 300, ping_timeout_ms: 60, suspicion_mult: 2 } },
  };
  await page.goto(gossip(`&autoplay=1&s=${scenarioParam(scenario)}`));
  await expect(page.locator(".g-swim")).toBeVisible();
  await page.getByRole("button", { name: "crash / restart" }).click();
  await clickNode(page, 5);
  await expect(page.locator(".g-selected")).toHaveAttribute("data-up", "false");
  await page.waitForFunction(() => document.querySelector('.g-failures li[data-node="5"]')?.dataset.member === "dead", null, {
    timeout: 15_000,
  });
  await expect(page.locator(".g-selected")).toHaveAttribute("data-member", "dead");
  await expect(page.locator(".g-failures")).toContainText("first suspected after");
  await expect(page.locator(".g-swim")).toContainText("false positives (suspected / declared dead): 0 / 0");
  await page.screenshot({ path: shot(testInfo, "gossip-swim-dead") });
  // Restarting it brings it back alive.
  await clickNode(page, 5);
  await page.waitForFunction(() => document.querySelector('.g-failures li[data-node="5"]')?.dataset.member === "alive", null, {
    timeout: 15_000,
  });
  expect(errors).toEqual([]);
});

test("a partition stops the spread and healing lets it converge", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(gossip("&autoplay=1&nodes=40"));
  const box = await page.locator(".stage > canvas").boundingBox();
  const cx = box.width / 2 + 3;
  // Drag top to bottom through the middle of the ring: two halves.
  await page.mouse.move(box.x + cx, box.y + 8);
  await page.mouse.down();
  await page.mouse.move(box.x + cx, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + cx, box.y + box.height - 5, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator(".event-list")).toContainText("the network is partitioned");
  // Positions after the split: the origin's group is every node on its side.
  const nodes = await page.locator(".stage-index .nodes li").evaluateAll((lis) =>
    lis.map((li) => ({ n: Number(li.dataset.node), x: Number(li.dataset.x) })),
  );
  const origin = nodes.find((p) => p.n === 3);
  const mid = (Math.min(...nodes.map((p) => p.x)) + Math.max(...nodes.map((p) => p.x))) / 2;
  const side = nodes.filter((p) => p.x < mid === origin.x < mid).length;
  expect(side).toBeGreaterThan(5);
  expect(side).toBeLessThan(35);
  await clickNode(page, 3);
  await page.waitForFunction((side) => Number(document.querySelector(".g-informed")?.dataset.informed) === side, side, {
    timeout: 15_000,
  });
  // Three more simulated seconds (15 rounds): nothing crosses the partition.
  const t0 = await simMs(page);
  await page.waitForFunction((t) => Number(document.querySelector(".timeline").dataset.nowMs) > t + 3000, t0, { timeout: 15_000 });
  expect((await coverage(page)).informed).toBe(side);
  await page.screenshot({ path: shot(testInfo, "gossip-partitioned") });
  await page.getByRole("button", { name: "Heal" }).click();
  await everyoneKnows(page);
  expect((await coverage(page)).informed).toBe(40);
  await page.screenshot({ path: shot(testInfo, "gossip-healed") });
  expect(errors).toEqual([]);
});

test("bad settings are refused with the field and its range", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await page.goto(gossip());
  await settings(page);
  const apply = page.getByRole("button", { name: "Apply" });
  await page.locator("#g-fanout").fill("100");
  await page.locator("#g-period").fill("0");
  await page.locator("#g-loss").fill("1.5");
  await apply.click();
  await expect(page.locator("#g-fanout-e")).toContainText(
    "fan-out: must be a whole number between 1 and 59 (the other nodes of a 60-node cluster), got 100",
  );
  await expect(page.locator("#g-period-e")).toContainText("round period: must be between 1 and 60000 ms, got 0");
  await expect(page.locator("#g-loss-e")).toContainText("loss: must be between 0 and 1, got 1.5");
  await expect(page.locator("#g-fanout")).toHaveAttribute("aria-invalid", "true");
  for (const [nodes, got] of [["0", "got 0"], ["2001", "got 2001"], ["-3", "got -3"]]) {
    await page.locator("#g-nodes").fill(nodes);
    await apply.click();
    await expect(page.locator("#g-nodes-e")).toContainText(`nodes: must be a whole number between 1 and 2000, ${got}`);
  }
  await page.locator("#g-period").fill("-5");
  await apply.click();
  await expect(page.locator("#g-period-e")).toContainText("got -5");
  // Nothing was applied: still 60 nodes.
  await expect(page.locator(".stage-index .nodes li")).toHaveCount(60);
  // Fixed values apply.
  await page.locator("#g-nodes").fill("30");
  await page.locator("#g-fanout").fill("2");
  await page.locator("#g-period").fill("150");
  await page.locator("#g-loss").fill("0.1");
  await apply.click();
  await expect(page.locator(".g-settings")).toHaveCount(0);
  await expect(page.locator(".stage-index .nodes li")).toHaveCount(30);
  expect(errors).toEqual([]);
});

test("2,000 nodes spread, drawn with a sample of their messages", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(gossip("&autoplay=1&nodes=2000"));
  await expect(page.locator(".stage-index")).toContainText("+1940");
  await clickNode(page, 1);
  await page.waitForFunction(() => Number(document.querySelector(".g-informed")?.dataset.informed) > 1000, null, {
    timeout: 15_000,
  });
  // The canvas draws at most 400 of the messages sent a moment ago, and says so.
  await page.getByRole("button", { name: /Pause/ }).click();
  const sample = await page.locator(".g-sample").evaluate((dd) => ({
    drawn: Number(dd.dataset.drawn),
    sent: Number(dd.dataset.sent),
    text: dd.textContent,
  }));
  expect(sample.drawn).toBeLessThanOrEqual(400);
  if (sample.sent > sample.drawn) expect(sample.text).toContain(`showing ${sample.drawn} of ${sample.sent} messages sent`);
  else expect(sample.text).toContain(`showing all ${sample.sent} messages sent`);
  await page.screenshot({ path: shot(testInfo, "gossip-2000-ring") });
  await page.locator(".g-layout").selectOption("grid");
  await page.screenshot({ path: shot(testInfo, "gossip-2000-grid") });
  await page.locator(".g-layout").selectOption("force");
  await page.screenshot({ path: shot(testInfo, "gossip-2000-force") });
  await page.getByRole("button", { name: /Play/ }).click();
  await everyoneKnows(page, 20_000);
  expect(errors).toEqual([]);
});

test("a lesson runs Raft beside gossip under the same partition", async ({ page }, testInfo) => {
  test.setTimeout(60_000); // seven simulated seconds of two clusters, step by step
  const { errors } = await watchConsole(page);
  await page.goto(`${APP}#view=gossip&lesson=gossip-vs-raft&speed=1&lang=en`);
  const lesson = page.locator(".panel.lesson");
  await expect(lesson).toContainText("gossip beside Raft");
  const next = lesson.locator("button.next");
  // Play on to step 4, where both sides of the gossip partition hold a value.
  for (let step = 1; step <= 4; step++) {
    await next.click();
    await expect(lesson).toHaveAttribute("data-step", String(step - 1), { timeout: 15_000 });
  }
  await expect(lesson.locator(".say")).toContainText("committed x = right");
  for (const n of [3, 4, 5]) await expect(page.locator(`.beside-table tr[data-node="${n}"] .kv`)).toHaveText("x=right");
  await expect(page.locator('.beside-table tr[data-node="1"] .kv')).toHaveText("–");
  await lesson.getByRole("button", { name: "Gossip." }).click();
  await expect(lesson.locator(".feedback.right")).toContainText("CAP");
  await expect(page.locator(".panel.beside canvas")).toBeVisible();
  await page.screenshot({ path: shot(testInfo, "gossip-vs-raft") });
  // Play on past the heal: gossip converges on one value.
  for (let step = 5; step <= 6; step++) {
    await next.click();
    await expect(lesson).toHaveAttribute("data-step", String(step - 1), { timeout: 15_000 });
  }
  await expect(lesson.locator(".say")).toContainText("every node holds x = right");
  await page.screenshot({ path: shot(testInfo, "gossip-vs-raft-converged") });
  expect(errors).toEqual([]);
});

test("the gossip interface speaks Chinese", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(`${APP}#view=gossip&seed=3&speed=1&autoplay=1&lang=zh`);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
  await expect(page.getByRole("button", { name: "恢复网络" })).toBeVisible();
  await clickNode(page, 2);
  await expect(page.locator(".event-list")).toContainText("S2 发起了传闻 1");
  await settings(page, "设置");
  await expect(page.locator("#g-settings-h")).toHaveText("设置");
  await page.locator("#g-fanout").fill("99");
  await page.getByRole("button", { name: "应用" }).click();
  await expect(page.locator("#g-fanout-e")).toContainText("扇出：须为 1 到 59 之间的整数");
  await page.getByRole("button", { name: "取消" }).click();
  await everyoneKnows(page);
  await expect(page.locator(".g-counters")).toContainText("已知晓");
  await page.screenshot({ path: shot(testInfo, "gossip-zh") });
  expect(errors).toEqual([]);
});
