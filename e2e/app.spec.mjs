// End-to-end tests of the built dist/, served under a sub-path by serve.mjs.
// Screenshots go to e2e/screenshots/ (not committed).
import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";

const APP = "/deploy/raftlab/";
const SHOTS = new URL("./screenshots/", import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const shot = (testInfo, name) => `${SHOTS}${testInfo.project.name}-${name}.png`;

// Everything the browser reports as going wrong, in the page or its frames,
// and its console warnings apart. CSP violations are echoed to the console so they are counted even where
// Chromium would only report them as warnings.
async function watchConsole(page) {
  const errors = [];
  const warnings = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
    });
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
    if (msg.type() === "warning") warnings.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (req) => errors.push(`failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on("response", (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { errors, warnings };
}

// Runs in the page: canvas geometry and a summary of its pixels.
function canvasStats() {
  const canvas = document.querySelector(".stage canvas");
  const rect = canvas.getBoundingClientRect();
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  const colours = new Set();
  let opaque = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 255) opaque += 1;
    colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  }
  return {
    width: canvas.width,
    height: canvas.height,
    expectedWidth: Math.round(rect.width * devicePixelRatio),
    expectedHeight: Math.round(rect.height * devicePixelRatio),
    opaqueShare: opaque / (data.length / 4),
    colours: colours.size,
  };
}

// Waits until the canvas backing store matches its CSS size times the
// device pixel ratio, i.e. the app has mounted and the resize path has run.
async function canvasFitted(frame) {
  await frame.waitForFunction(() => {
    const canvas = document.querySelector(".stage canvas");
    if (!canvas) return false;
    const rect = canvas.getBoundingClientRect();
    return rect.width > 0 && canvas.width === Math.round(rect.width * devicePixelRatio);
  });
  return frame.evaluate(canvasStats);
}

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
    const canvas = document.querySelector(".stage canvas");
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
