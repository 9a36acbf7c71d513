// Playwright drives Debian's /usr/bin/chromium (never `playwright install`:
// browser downloads are not available). scripts/test.sh builds dist/ first.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 8765);

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.mjs",
  outputDir: "test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 20_000,
  reporter: [["list"], ["./summary-reporter.mjs"]],
  webServer: {
    command: "node serve.mjs",
    url: `http://127.0.0.1:${port}/embed.html`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 10_000,
  },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "standard", use: { deviceScaleFactor: 1 } },
    { name: "hidpi", use: { deviceScaleFactor: 2 } },
  ],
});
