// Every screen the lab is used on is a real layout: a phone (390×844, by
// touch), 640×400 and 960×600 embeds, and presenter mode at 1280×720 and
// 1920×1080, in English and Chinese. Each journey asserts the layout facts
// that make the screen usable and saves screenshots to look at.
import { expect, test } from "@playwright/test";
import { APP, open, shot, watchConsole } from "./lib.mjs";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "standard", "layouts are checked at one pixel ratio");
});

const panel = (page) => page.locator(".panel.lesson");

// Whether `selector`'s box lies inside the viewport.
const inView = (page, selector) =>
  page.evaluate((selector) => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
  }, selector);

const noSidewaysScroll = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);

// The share of the viewport the canvas takes.
const canvasShare = (page) =>
  page.evaluate(() => {
    const r = document.querySelector(".stage > canvas").getBoundingClientRect();
    return (r.width * r.height) / (innerWidth * innerHeight);
  });

// Steps through a lesson with `next` (a tap or a key), checking at every step
// that its text and the Next button are on screen.
async function everyStep(page, next, testInfo, name) {
  for (let presses = 0; presses < 60; presses++) {
    const phase = await panel(page).getAttribute("data-phase");
    if (phase === "finished") return;
    if (phase === "paused") {
      expect(await inView(page, ".panel.lesson .say"), "step text in view").toBe(true);
      expect(await inView(page, ".panel.lesson button.next"), "Next in view").toBe(true);
      expect(await noSidewaysScroll(page)).toBe(true);
      const step = await panel(page).getAttribute("data-step");
      if (step === "1") await page.screenshot({ path: shot(testInfo, `${name}-step2`) });
    }
    const before = `${phase}/${await panel(page).getAttribute("data-step")}`;
    await next();
    await page.waitForFunction(
      (before) => {
        const p = document.querySelector(".panel.lesson");
        return `${p.dataset.phase}/${p.dataset.step}` !== before;
      },
      before,
      { timeout: 30_000 },
    );
  }
  throw new Error("the lesson did not finish");
}

for (const lang of ["en", "zh"]) {
  test.describe(`phone (${lang})`, () => {
    test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test(`a whole lesson by taps on a phone (${lang})`, async ({ page }, testInfo) => {
      test.setTimeout(120_000);
      const { errors } = await watchConsole(page);
      await open(page, `${APP}#lesson=leader-crash&lang=${lang}&speed=1`);
      await expect(panel(page)).toBeVisible();
      expect(await noSidewaysScroll(page)).toBe(true);
      // A compact header: the canvas gets the room.
      const header = await page.locator(".topbar").boundingBox();
      expect(header.height).toBeLessThan(60);
      expect(await canvasShare(page)).toBeGreaterThan(0.25);
      // No keyboard hints on touch.
      await expect(page.locator(".shell")).toHaveClass(/touch/);
      await page.screenshot({ path: shot(testInfo, `phone-lesson-${lang}`) });
      await everyStep(page, () => panel(page).locator("button.next").tap(), testInfo, `phone-${lang}`);
      // Logs, servers and the narration are one tap away.
      for (const tab of ["log", "servers", "events"]) {
        await page.locator(`.tabs [data-tab="${tab}"]`).tap();
        await expect(page.locator(`.pane[data-pane="${tab}"]`)).toBeVisible();
        expect(await inView(page, `.pane[data-pane="${tab}"]`)).toBe(true);
      }
      await page.locator('.tabs [data-tab="log"]').tap();
      await expect(page.locator(".log-row[data-node]")).toHaveCount(5);
      await page.screenshot({ path: shot(testInfo, `phone-logs-${lang}`) });
      // The menu folds behind one button and opens as a sheet.
      await page.locator(".menu-toggle").tap();
      await expect(page.locator(".menu.open")).toBeVisible();
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.screenshot({ path: shot(testInfo, `phone-menu-${lang}`) });
      expect(errors).toEqual([]);
    });
  });

  for (const [w, h] of [
    [640, 400],
    [960, 600],
  ]) {
    test(`a lesson embedded at ${w}×${h} (${lang})`, async ({ page }, testInfo) => {
      test.setTimeout(120_000);
      const { errors } = await watchConsole(page);
      await page.setViewportSize({ width: w, height: h });
      await open(page, `${APP}#embed&lesson=figure8&lang=${lang}&speed=1`);
      await expect(page.locator(".topbar")).toHaveCount(0);
      if (w === 960) {
        // Every server's log row is in view.
        for (let n = 1; n <= 5; n++) expect(await inView(page, `.log-row[data-node="${n}"]`), `S${n}'s log`).toBe(true);
      }
      await everyStep(page, () => page.keyboard.press("PageDown"), testInfo, `embed-${w}x${h}-${lang}`);
      expect(errors).toEqual([]);
    });
  }

  for (const [w, h] of [
    [1280, 720],
    [1920, 1080],
  ]) {
    test(`presenter mode at ${w}×${h} (${lang})`, async ({ page }, testInfo) => {
      const { errors } = await watchConsole(page);
      await page.setViewportSize({ width: w, height: h });
      await open(page, `${APP}#present&lesson=election&lang=${lang}&speed=1`);
      // One header row, the canvas most of the screen, labels readable from the back.
      const header = await page.locator(".topbar").boundingBox();
      expect(header.height).toBeLessThan(60);
      expect(await canvasShare(page)).toBeGreaterThan(0.4);
      const label = Number(await page.locator(".stage-index .nodes li").first().getAttribute("data-label-px"));
      expect(label).toBeGreaterThanOrEqual(24);
      // Secondary panels wait for `e`.
      await expect(page.locator('.pane[data-pane="servers"]')).toBeHidden();
      await page.keyboard.press("e");
      await expect(page.locator('.pane[data-pane="servers"]')).toBeVisible();
      await page.keyboard.press("e");
      await page.keyboard.press("PageDown");
      await expect(panel(page)).toHaveAttribute("data-phase", "paused");
      expect(await inView(page, ".panel.lesson button.next")).toBe(true);
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.screenshot({ path: shot(testInfo, `present-${w}x${h}-${lang}`) });
      expect(errors).toEqual([]);
    });
  }
}

test("live actions say nothing about the past; information notices fade", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#seed=3&speed=1&lang=en`);
  await page.keyboard.press(" ");
  await page.waitForFunction(() => document.querySelector('.servers-table tr[data-role="leader"]'));
  await page.keyboard.press("x");
  await expect(page.locator(".notice")).toHaveCount(0);
  // Back in time, the fork is announced, then the notice fades by itself.
  await page.keyboard.press(" ");
  await page.keyboard.press("Home");
  await page.keyboard.press("1");
  await page.keyboard.press("c");
  await expect(page.locator(".notice.info")).toContainText("You changed the past");
  await expect(page.locator(".notice.info")).toHaveCount(0, { timeout: 12_000 });
  expect(errors).toEqual([]);
});

test("the header is one row at 1280 px in the dark theme, in every view and both languages", async ({ page }) => {
  const { errors } = await watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const view of ["raft", "gossip", "nwr"]) {
    for (const lang of ["en", "zh"]) {
      await open(page, `${APP}#view=${view}&theme=dark&lang=${lang}`);
      const rows = await page.evaluate(() => {
        const tops = [...document.querySelectorAll(".topbar button, .topbar select")]
          .filter((el) => el.getBoundingClientRect().width > 0)
          .map((el) => Math.round(el.getBoundingClientRect().top / 8));
        return new Set(tops).size;
      });
      expect(rows, `${view} ${lang}`).toBe(1);
      expect((await page.locator(".topbar").boundingBox()).height, `${view} ${lang}`).toBeLessThan(60);
      expect(await noSidewaysScroll(page)).toBe(true);
    }
  }
  expect(errors).toEqual([]);
});
