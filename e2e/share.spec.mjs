// Sharing in a real browser: a share link replays the same run to the same
// moment; scenario files download, open and drop onto the page; bad files and
// garbage links each say what is wrong and leave the default lab; the lab
// embeds in a 640×400 iframe of a course page.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { APP, open, canvasFitted, leader, shot, timeline, watchConsole } from "./lib.mjs";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "standard", "behaviour is checked at one pixel ratio");
});

// The default lab, untouched: five servers at time zero.
async function expectDefaultLab(page) {
  await expect(page.locator(".servers-table tbody tr")).toHaveCount(5);
  expect((await timeline(page)).now).toBe(0);
}

test("a share link replays the same run to the same moment", async ({ page, context }, testInfo) => {
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#seed=11&speed=1&autoplay=1&lang=zh&theme=dark`);
  const first = await leader(page);
  await page.locator("form.command input").fill("set x 5");
  await page.locator("form.command input").press("Enter");
  await page.getByRole("button", { name: "领导者崩溃" }).click();
  await leader(page, first.node);
  await page.keyboard.press(" ");
  const original = await timeline(page);
  const narration = await page.locator(".event-list").innerText();

  await page.getByRole("button", { name: "分享" }).click();
  const link = await page.locator(".share-link").inputValue();
  expect(link).toContain("#");
  expect(link).toContain("s=1.");
  expect(link).toContain("lang=zh");
  await page.getByRole("button", { name: "复制链接" }).click();
  await expect(page.locator(".copy-note")).not.toBeEmpty();
  await page.screenshot({ path: shot(testInfo, "share-dialog-zh") });

  const other = await context.newPage();
  const otherConsole = await watchConsole(other);
  await open(other, link);
  await expect(other.locator(".timeline")).toHaveAttribute("data-now-ms", String(original.now));
  const replay = await timeline(other);
  expect(replay.fingerprint).toBe(original.fingerprint);
  expect(replay.events).toBe(original.events);
  expect(await other.locator(".event-list").innerText()).toBe(narration);
  await expect(other.locator("html")).toHaveAttribute("lang", "zh-Hans");
  expect(errors).toEqual([]);
  expect(otherConsole.errors).toEqual([]);
});

test("a run downloads as a scenario file that opens and drops back in", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#seed=5&speed=1&autoplay=1&lang=en`);
  await leader(page);
  await page.getByRole("button", { name: "Crash leader" }).click();
  await page.keyboard.press(" ");
  await page.getByRole("button", { name: "Share" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: /Download the run/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("raftlab-raft-seed-5.json");
  const file = testInfo.outputPath("run.json");
  await download.saveAs(file);
  const text = readFileSync(file, "utf8");
  const json = JSON.parse(text);
  expect(json.version).toBe(1);
  expect(json.seed).toBe(5);
  expect(json.actions.map((a) => a.do)).toContain("crash");

  // Open it through the file input.
  await page.locator('.file-button input[type="file"]').setInputFiles(file);
  await expect(page.locator(".notice.info")).toContainText('Loaded the run from "run.json"');
  expect((await timeline(page)).now).toBe(0);

  // Drop it onto the page.
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "dropped.json", { type: "application/json" }));
    document.querySelector(".shell").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text);
  await expect(page.locator(".notice.info")).toContainText('Loaded the run from "dropped.json"');
  expect(errors).toEqual([]);
});

const badFiles = {
  "malformed.json": ["not valid JSON", "hello, world"],
  "truncated.json": ["cut short", '{"version": 1, "protocol": "raft", "seed": 4'],
  "newer.json": ["newer than this build reads", '{"version": 7, "protocol": "raft"}'],
  "nested.json": ["nested too deeply", "[".repeat(100_000)],
  "invalid.json": ["nodes: must be between 1 and 9", '{"version": 1, "protocol": "raft", "nodes": 50}'],
  "huge.json": ["at most 1024 KiB", " ".repeat(1_100_000)],
};

test("bad scenario files say what is wrong and leave the lab as it was", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#lang=en`);
  for (const [name, [message, text]] of Object.entries(badFiles)) {
    await page.evaluate(
      ({ name, text }) => {
        const data = new DataTransfer();
        data.items.add(new File([text], name));
        document.querySelector(".shell").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      { name, text },
    );
    const notice = page.locator(".notice.error");
    await expect(notice).toContainText(`The file "${name}" could not be loaded`);
    await expect(notice).toContainText(message);
    if (name === "newer.json") await page.screenshot({ path: shot(testInfo, "bad-file") });
    await notice.getByRole("button", { name: "Dismiss" }).click();
    await expectDefaultLab(page);
  }
  expect(errors).toEqual([]);
});

const garbage = {
  truncated: [/cut short|damaged/, (s) => s.slice(0, Math.floor(s.length / 2))],
  tampered: [/damaged|cut short|not valid/, (s) => s.slice(0, 20) + (s[20] === "A" ? "B" : "A") + s.slice(21)],
  newer: [/made by a newer version of RaftLab/, (s) => s.replace(/^1\./, "9.")],
  huge: [/characters long; at most/, () => `1.${"A".repeat(270_000)}`],
  nonsense: [/characters a share link never has/, () => "1.<script>alert(1)</script>"],
};

test("garbage links say what is wrong and show the default lab", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#seed=2&speed=1&autoplay=1&lang=en`);
  await leader(page);
  await page.getByRole("button", { name: "Share" }).click();
  const good = new URL(await page.locator(".share-link").inputValue()).hash.slice(1);
  const s = good.match(/(?:^|&)s=([^&]*)/)[1];
  for (const [name, [message, mangle]] of Object.entries(garbage)) {
    await page.goto("about:blank");
    await open(page, `${APP}#lang=en&s=${mangle(s)}`);
    const notice = page.locator(".notices .notice").first();
    await expect(notice, name).toContainText("The shared scenario could not be loaded");
    await expect(notice, name).toContainText(message);
    await expectDefaultLab(page);
    if (name === "tampered") await page.screenshot({ path: shot(testInfo, "garbage-link") });
  }
  await page.goto("about:blank");
  await open(page, `${APP}#lang=en&speed=banana&nodes=99&bogus=1&theme=neon&t=-4`);
  const notices = page.locator(".notices .notice");
  await expect(notices).toHaveCount(5);
  // One notice per bad parameter, in whatever order they were checked.
  const texts = await notices.allTextContents();
  for (const message of [
    "speed: must be between 0.001 and 1",
    "nodes: must be between 1 and 9",
    "bogus: is not a parameter RaftLab knows",
    "theme: must be light, dark or contrast",
    "t: must be a time between 0 and",
  ]) {
    expect(texts.filter((t) => t.includes(message)), message).toHaveLength(1);
  }
  await expectDefaultLab(page);
  expect(errors).toEqual([]);
});

test("a lesson embeds in a 640×400 iframe without page chrome", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(`/embed-small.html?frag=${encodeURIComponent("embed&lesson=figure8&lang=zh")}`);
  const app = page.frameLocator("iframe");
  await expect(app.locator(".panel.lesson")).toHaveAttribute("data-lesson", "figure8");
  await expect(app.locator("header.topbar")).toHaveCount(0);
  await expect(app.locator(".timeline canvas")).toBeVisible();
  const frame = page.frames().find((f) => f.url().includes(APP));
  const stats = await canvasFitted(frame);
  expect(stats.width).toBeGreaterThan(200);
  // Nothing spills out of the iframe, and the controls are on screen.
  const fit = await frame.evaluate(() => ({
    w: document.documentElement.scrollWidth,
    h: document.documentElement.scrollHeight,
    vw: innerWidth,
    vh: innerHeight,
    controls: document.querySelector("nav.controls").getBoundingClientRect().bottom,
  }));
  expect(fit.w).toBeLessThanOrEqual(fit.vw);
  expect(fit.h).toBeLessThanOrEqual(fit.vh);
  expect(fit.controls).toBeLessThanOrEqual(fit.vh);
  await app.locator("body[data-keyboard=on]").waitFor({ state: "attached" });
  // Focus the lab in the frame (as a click would), then use the clicker keys.
  await app.locator(".panel.lesson h2").click();
  await page.keyboard.press("PageDown");
  await page.keyboard.press("PageDown");
  await expect(app.locator(".panel.lesson")).toHaveAttribute("data-phase", "paused");
  await page.screenshot({ path: shot(testInfo, "embed-640x400-zh") });
  expect(errors).toEqual([]);
});
