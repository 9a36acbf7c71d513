// What the browser benchmarks share: the e2e server on its own port and
// Debian's Chromium, both stopped when the measurement is done.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const E2E = fileURLToPath(new URL("..", import.meta.url));

// Serves dist/ on `port`, opens a 1280×720 page and calls `measure(page,
// base)` with the app's URL; returns what it returns.
export async function withPage(port, measure) {
  const server = spawn("node", ["serve.mjs"], { cwd: E2E, env: { ...process.env, E2E_PORT: String(port) }, stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    return await measure(page, `http://127.0.0.1:${port}/deploy/raftlab/`);
  } finally {
    await browser.close();
    server.kill();
  }
}
