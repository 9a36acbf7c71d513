// Presenter mode for projectors: large type, the high-contrast theme, and
// the whole lab driven from the keyboard or a clicker (Page Down / Page Up,
// space, x, h), checked at 1280×720 and 1920×1080.
import { expect, test } from "@playwright/test";
import { APP, open, leader, shot, watchConsole } from "./lib.mjs";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "standard", "behaviour is checked at one pixel ratio");
});

// Everything that matters is on screen: the controls and the lesson panel's
// buttons are not pushed off the bottom, and nothing scrolls sideways.
async function expectFits(page) {
  const fit = await page.evaluate(() => ({
    w: document.documentElement.scrollWidth,
    vw: innerWidth,
    vh: innerHeight,
    controls: document.querySelector("nav.controls").getBoundingClientRect().bottom,
    timeline: document.querySelector(".timeline").getBoundingClientRect().height,
  }));
  expect(fit.w).toBeLessThanOrEqual(fit.vw);
  expect(fit.controls).toBeLessThanOrEqual(fit.vh);
  expect(fit.timeline).toBeGreaterThan(60);
}

for (const [w, h] of [
  [1280, 720],
  [1920, 1080],
]) {
  test(`a lesson driven by the clicker in presenter mode at ${w}×${h}`, async ({ page }, testInfo) => {
    const { errors } = await watchConsole(page);
    await page.setViewportSize({ width: w, height: h });
    await open(page, `${APP}#present&theme=contrast&lesson=leader-crash&lang=en&speed=1`);
    await expect(page.locator(".shell")).toHaveClass(/present/);
    await expect(page.locator(".shell")).toHaveClass(/theme-contrast/);
    const panel = page.locator(".panel.lesson");
    await expect(panel).toHaveAttribute("data-phase", "intro");
    await page.keyboard.press("PageDown");
    await expect(panel).toHaveAttribute("data-phase", "paused");
    await page.keyboard.press("PageDown");
    await page.keyboard.press("PageDown");
    await expect(panel).toHaveAttribute("data-step", "1");
    await expectFits(page);
    await page.screenshot({ path: shot(testInfo, `present-lesson-${w}x${h}`) });
    await page.keyboard.press("PageUp");
    await expect(panel).toHaveAttribute("data-step", "0");
    expect(errors).toEqual([]);
  });
}

test("the free lab from the keyboard in presenter mode", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, `${APP}#present&theme=contrast&seed=3&speed=1&lang=zh`);
  await page.keyboard.press(" ");
  const first = await leader(page);
  await page.keyboard.press("x");
  await leader(page, first.node);
  await page.keyboard.press("h");
  await page.keyboard.press(" ");
  await page.keyboard.press("PageUp");
  await expect(page.locator(".event-list .event.current")).toHaveCount(1);
  await page.keyboard.press("PageDown");
  await expectFits(page);
  await page.screenshot({ path: shot(testInfo, "present-free-zh-1920x1080") });
  expect(errors).toEqual([]);
});
