// Browser measurements of the Raft view for the performance report (not a
// test: it prints figures as JSON and asserts nothing). Starts the e2e static
// server, opens dist/ in Debian's Chromium and reads window.raftlabPerf,
// which the app fills when the URL carries `perf` or `bench=engine`.
//   node e2e/perf/raft.mjs > target/perf/raft.json
import { spawn } from "node:child_process";
import { deflateSync } from "node:zlib";
import { chromium } from "playwright-core";

const PORT = Number(process.env.PERF_PORT ?? 8766);
const APP = `http://127.0.0.1:${PORT}/deploy/raftlab/`;
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// The share-link codec, as the app reads it: zlib, base64url, version prefix.
const encode = (scenario) => `1.${deflateSync(Buffer.from(JSON.stringify(scenario))).toString("base64url")}`;

// Nine servers with about 200 messages in flight: frequent heartbeats on a
// slow network, client load and 5% loss.
const loaded = {
  version: 1, protocol: "raft", seed: 9, nodes: 9, stop_ms: 3600000,
  network: { latency_ms: [120, 220], jitter_ms: 20, loss: 0.05 },
  raft: { election_timeout_ms: [1500, 3000], heartbeat_ms: 15, snapshot_threshold: 200 },
  workload: { clients: 6, rate: 5, keys: 10, read_ratio: 0.3 },
};

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : null;
};

// Each measurement gets a fresh page: a new fragment alone would not reload the app.
async function fresh(browser) {
  return browser.newPage({ viewport: { width: 1280, height: 720 } });
}

async function frames(browser, hash, seconds) {
  const page = await fresh(browser);
  await page.goto(`${APP}#perf&autoplay=1&speed=1&lang=en${hash}`);
  await page.waitForFunction(() => window.raftlabPerf && window.raftlabPerf.frames.length > 60);
  await page.waitForTimeout(1000);
  // Frame intervals seen by a second requestAnimationFrame loop: they include
  // everything the main thread did (panel renders too), not only the app's frame work.
  await page.evaluate(() => {
    window.intervals = [];
    let last = performance.now();
    const loop = (t) => { window.intervals.push(t - last); last = t; window.raf = requestAnimationFrame(loop); };
    window.raf = requestAnimationFrame(loop);
  });
  const before = await page.evaluate(() => window.raftlabPerf.frames.length);
  await page.waitForTimeout(seconds * 1000);
  const all = await page.evaluate(() => Array.from(window.raftlabPerf.frames));
  const intervals = await page.evaluate(() => window.intervals.slice(1));
  const recent = all.slice(-(all.length - before));
  const inFlight = Number(await page.locator(".stage-index .count").getAttribute("data-count"));
  await page.close();
  return {
    frames: recent.length,
    median_ms: quantile(recent, 0.5),
    p95_ms: quantile(recent, 0.95),
    max_ms: Math.max(...recent),
    interval_median_ms: quantile(intervals, 0.5),
    interval_p95_ms: quantile(intervals, 0.95),
    messages_in_flight: inFlight,
  };
}

const server = spawn(process.execPath, [new URL("../serve.mjs", import.meta.url).pathname], {
  env: { ...process.env, E2E_PORT: String(PORT) },
  stdio: "ignore",
});
await new Promise((r) => setTimeout(r, 700));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
try {
  const result = {};
  result.raft_5_idle = await frames(browser, "&seed=1", 8);
  result.raft_9_loaded = await frames(browser, `&s=${encode(loaded)}`, 8);

  let page = await fresh(browser);
  await page.goto(`${APP}#perf&lang=en`);
  await page.waitForFunction(() => window.raftlabPerf && window.raftlabPerf.firstPaint !== null);
  result.first_frame_ms = await page.evaluate(() => window.raftlabPerf.firstPaint);

  await page.close();
  page = await fresh(browser);
  await page.goto(`${APP}#bench=engine&lang=en`);
  await page.waitForFunction(() => window.raftlabPerf && window.raftlabPerf.engine, null, { timeout: 60_000 });
  result.engine_wasm = await page.evaluate(() => window.raftlabPerf.engine);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  server.kill();
}
