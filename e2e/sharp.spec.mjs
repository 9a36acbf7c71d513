// The small canvases (timeline, election chart) are drawn at the device
// pixel ratio like the stage, at both scales the suite runs.
import { expect, test } from "@playwright/test";
import { APP, open, shot, watchConsole } from "./lib.mjs";

test("the timeline and the chart are sharp at the device pixel ratio", async ({ page }, testInfo) => {
  // A thousand trials per range, computed a few per frame.
  test.setTimeout(180_000);
  const { errors } = await watchConsole(page);
  await open(page, `${APP}#lesson=timing&lang=en`);
  for (const selector of [".timeline canvas", ".timing-chart canvas"]) {
    await page.waitForFunction((selector) => {
      const c = document.querySelector(selector);
      const r = c.getBoundingClientRect();
      return r.width > 0 && c.width === Math.round(r.width * devicePixelRatio) && c.height === Math.round(r.height * devicePixelRatio);
    }, selector);
  }
  await expect(page.locator(".timing-chart canvas")).toHaveAttribute("data-trials", "6000/6000", { timeout: 150_000 });
  await page.screenshot({ path: shot(testInfo, "timing-chart") });
  expect(errors).toEqual([]);
});
