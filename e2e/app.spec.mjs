// End-to-end tests of the built dist/, served under a sub-path by serve.mjs.
// Screenshots go to e2e/screenshots/ (not committed).
import { expect, test } from "@playwright/test";
import { APP, canvasFitted, shot, watchConsole } from "./lib.mjs";

function expectPainted(stats) {
  expect(stats.width).toBe(stats.expectedWidth);
  expect(stats.height).toBe(stats.expectedHeight);
  expect(stats.opaqueShare).toBe(1); // the background covers every pixel
  expect(stats.colours).toBeGreaterThanOrEqual(3); // background, grid, caption
}

test("boots under the CSP with no console errors", async ({ page }, testInfo) => {
  const { errors, warnings } = await watchConsole(page);
  await page.goto(APP);

  await expect(page.locator("header .brand")).toHaveText("RaftLab");
  await expect(page.locator("nav.controls")).toBeVisible();
  await expect(page.locator(".boot-note")).toHaveCount(0);
  expectPainted(await canvasFitted(page));

  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute("content");
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toContain("'unsafe-eval'");
  expect(await page.locator("script:not([src])").count()).toBe(0);

  await page.screenshot({ path: shot(testInfo, "app") });
  await page.waitForTimeout(300); // let late errors surface
  expect(errors).toEqual([]);
  expect(warnings).toEqual([]);
});

test("canvas follows window resizes", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(APP);
  const before = await canvasFitted(page);

  await page.setViewportSize({ width: 720, height: 480 });
  await page.waitForFunction((oldWidth) => {
    const canvas = document.querySelector(".stage > canvas");
    return canvas.width !== oldWidth;
  }, before.width);
  const after = await canvasFitted(page);
  expect(after.width).toBeLessThan(before.width);
  expectPainted(after);

  await page.screenshot({ path: shot(testInfo, "resized") });
  expect(errors).toEqual([]);
});

test("a panic shows the error banner with a working reload button", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto(`${APP}#panic-test`);

  const banner = page.locator("#panic-banner[role=alert]");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("RaftLab stopped because of an internal error.");
  await expect(banner.locator("pre")).toContainText("deliberate panic requested by the #panic-test URL fragment");
  // console_error_panic_hook still tells the console why.
  expect(errors.some((e) => e.includes("panicked at"))).toBe(true);
  await page.screenshot({ path: shot(testInfo, "panic") });

  const reloaded = page.waitForEvent("load");
  await banner.getByRole("button", { name: "Reload" }).click();
  await reloaded;
  await expect(page.locator("#panic-banner")).toBeVisible(); // the flag is still in the URL
});

test("works under a sub-path inside an iframe", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto("/embed.html");

  const frame = page.frameLocator("iframe");
  await expect(frame.locator("header .brand")).toHaveText("RaftLab");
  const app = page.frames().find((f) => f.url().includes(APP));
  expectPainted(await canvasFitted(app));

  await page.screenshot({ path: shot(testInfo, "embedded") });
  expect(errors).toEqual([]);
});

test("a sandboxed frame whose server sends no CORS headers says why the lab cannot start", async ({ page }) => {
  await page.goto("/embed-sandboxed-nocors.html");
  const frame = page.frameLocator("iframe");
  await expect(frame.locator(".boot-stuck")).toBeVisible({ timeout: 15_000 });
  await expect(frame.locator(".boot-stuck")).toContainText("Access-Control-Allow-Origin");
  await expect(frame.locator(".shell")).toHaveCount(0);
});

test("runs in an iframe sandboxed to allow-scripts and leaves the host page alone", async ({ page }, testInfo) => {
  const { errors } = await watchConsole(page);
  await page.goto("/embed-sandboxed.html");
  const host = await page.evaluate(() => ({ html: document.body.innerHTML, title: document.title, url: location.href }));
  const frame = page.frameLocator("iframe");
  await expect(frame.locator(".panel.lesson[data-lesson=figure8]")).toBeVisible();
  const app = page.frames().find((f) => f.url().includes(APP));
  expectPainted(await canvasFitted(app));
  // The sandbox gives the app an opaque origin: it cannot reach the host,
  // and the host page is exactly as it was.
  expect(await app.evaluate(() => self.origin)).toBe("null");
  expect(await page.evaluate(() => ({ html: document.body.innerHTML, title: document.title, url: location.href }))).toEqual(host);
  await page.screenshot({ path: shot(testInfo, "sandboxed") });
  expect(errors).toEqual([]);
});
