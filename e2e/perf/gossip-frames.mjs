// Frame times of the Gossip view with 2,000 nodes spreading a rumor, in
// headless Chromium. A benchmark, not a test: it prints what it measured,
// a line per run on stderr and the figures as JSON on stdout.
//
//   scripts/perf-gossip.sh            (builds dist/ first)
//   node e2e/perf/gossip-frames.mjs   (uses the dist/ already built)
//
// Every requestAnimationFrame callback is wrapped: a frame's work is the
// time from the start of the callback until a message posted at its end
// arrives, which includes the simulation, the canvas painting, Yew's
// re-rendering and the browser's own style, layout and paint work that
// follows. Frame intervals (the gaps between animation frames) are
// reported too. The run covers the whole spread to every node plus two
// simulated seconds, at full speed (1×).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import config from "../playwright.config.mjs";

const E2E = fileURLToPath(new URL("../", import.meta.url));
const PORT = Number(process.env.PERF_PORT ?? 8937);
const BASE = `http://127.0.0.1:${PORT}/deploy/raftlab/`;

const RUNS = [
  { name: "push, fan-out 1 (default)", fragment: "view=gossip&nodes=2000&seed=3&speed=1&autoplay=1&lang=en" },
  {
    name: "push-pull, fan-out 2",
    fragment: "view=gossip&nodes=2000&seed=3&speed=1&autoplay=1&lang=en",
    settings: { "#g-fanout": "2", "#g-mode": "push-pull" },
  },
];

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  const r = (x) => Math.round(x * 100) / 100;
  return { frames: s.length, median: r(quantile(s, 0.5)), p95: r(quantile(s, 0.95)), max: r(s[s.length - 1] ?? NaN) };
}

async function measure(browser, run) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    window.__frames = [];
    window.__recording = false;
    window.requestAnimationFrame = (cb) =>
      raf((ts) => {
        const start = performance.now();
        try {
          cb(ts);
        } finally {
          if (window.__recording) {
            const script = performance.now() - start;
            const channel = new MessageChannel();
            channel.port1.onmessage = () => window.__frames.push([ts, performance.now() - start, script]);
            channel.port2.postMessage(0);
          }
        }
      });
  });
  await page.goto(`${BASE}#${run.fragment}`);
  await page.waitForSelector('.stage-index .nodes li[data-node="1"]');
  if (run.settings) {
    // The settings live in their dialog: open it, edit, apply.
    await page.getByRole("button", { name: "Settings", exact: true }).click();
    for (const [selector, value] of Object.entries(run.settings)) {
      const el = page.locator(selector);
      if ((await el.evaluate((e) => e.tagName)) === "SELECT") await el.selectOption(value);
      else await el.fill(value);
    }
    await page.locator(".overlay button[type=submit]").click();
    await page.waitForSelector('.stage-index .nodes li[data-node="1"]');
  }
  const li = page.locator('.stage-index .nodes li[data-node="1"]');
  const x = Number(await li.getAttribute("data-x"));
  const y = Number(await li.getAttribute("data-y"));
  const box = await page.locator(".stage > canvas").boundingBox();
  await page.evaluate(() => (window.__recording = true));
  await page.mouse.click(box.x + x, box.y + y);
  await page.waitForFunction(
    () => {
      const dd = document.querySelector(".g-informed");
      return dd && dd.dataset.informed === dd.dataset.live;
    },
    null,
    { timeout: 120_000 },
  );
  const now = () => page.evaluate(() => Number(document.querySelector(".timeline").dataset.nowMs));
  const t0 = await now();
  await page.waitForFunction((t) => Number(document.querySelector(".timeline").dataset.nowMs) >= t + 2000, t0, {
    timeout: 60_000,
  });
  const frames = await page.evaluate(() => window.__frames);
  const sim = await now();
  await page.close();
  const work = frames.map((f) => f[1]);
  const script = frames.map((f) => f[2]);
  const gaps = frames.slice(1).map((f, i) => f[0] - frames[i][0]);
  return {
    run: run.name,
    simulated_ms: Number(sim),
    work_ms: summary(work),
    callback_ms: summary(script),
    interval_ms: summary(gaps),
  };
}

const server = spawn(process.execPath, ["serve.mjs"], { cwd: E2E, env: { ...process.env, E2E_PORT: String(PORT) } });
try {
  await new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => String(d).includes("e2e server") && resolve());
    server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  // The same browser and flags as the end-to-end tests.
  const browser = await chromium.launch(config.use.launchOptions);
  const results = [];
  for (const run of RUNS) results.push(await measure(browser, run));
  await browser.close();
  for (const r of results) {
    console.error(
      `${r.run}: ${r.work_ms.frames} frames over ${(r.simulated_ms / 1000).toFixed(1)} simulated s; ` +
        `frame work median ${r.work_ms.median} ms, p95 ${r.work_ms.p95} ms, max ${r.work_ms.max} ms ` +
        `(of which the app's frame callback: median ${r.callback_ms.median} ms, p95 ${r.callback_ms.p95} ms); ` +
        `frame interval median ${r.interval_ms.median} ms, p95 ${r.interval_ms.p95} ms`,
    );
  }
  // The figures as JSON on stdout (make perf keeps them in target/perf/).
  console.log(JSON.stringify(results, null, 2));
} finally {
  server.kill();
}
