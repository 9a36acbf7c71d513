// Measures seeking in the browser (not a test: `make perf` runs it, or run
// it by hand on an idle machine after `make dist`):
//
//   node e2e/perf/seek.mjs            # serves dist/ itself on 127.0.0.1
//
// It opens a share link to minute ten of a run (5 servers, 4 clients at 5
// operations per second, 1% loss: the history of benches/seek.rs), so the
// lab plays the whole history (a frame's worth at a time), then clicks the
// timeline at 200 pseudo-random moments. For each click it reports the time the page spends handling it
// (the seek and the re-render, synchronously in the pointer handler) and the
// time until the next frame is painted. Prints a JSON summary.
import { deflateSync } from "node:zlib";
import { withPage } from "./harness.mjs";

const PORT = Number(process.env.E2E_PORT ?? 8790);
const SEEKS = Number(process.env.SEEKS ?? 200);

// The history of benches/seek.rs as a scenario.
const scenario = {
  version: 1,
  protocol: "raft",
  seed: 3,
  nodes: 5,
  stop_ms: 3_600_000,
  network: { loss: 0.01 },
  workload: { clients: 4, rate: 5, keys: 8, read_ratio: 0.3 },
};

await withPage(PORT, async (page, base) => {
  // A share link to minute ten of the run: the lab catches up with it a
  // frame at a time, as it does for any link with a moment.
  const packed = deflateSync(JSON.stringify(scenario), { level: 9 }).toString("base64url");
  const started = Date.now();
  await page.goto(`${base}#lang=en&s=1.${packed}&t=600000`);
  await page.waitForFunction(() => Number(document.querySelector(".timeline")?.dataset.nowMs) >= 600_000, null, {
    timeout: 10 * 60_000,
    polling: 500,
  });
  const built = (Date.now() - started) / 1000;
  const results = await page.evaluate(async (seeks) => {
    const canvas = document.querySelector(".timeline canvas");
    const box = canvas.getBoundingClientRect();
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    // A fixed pseudo-random sequence, so runs are comparable.
    let x = 12345;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const handle = [];
    const painted = [];
    for (let i = 0; i < seeks; i++) {
      await frame();
      const px = box.left + 12 + rand() * (box.width - 24);
      const init = { clientX: px, clientY: box.top + box.height / 2, bubbles: true, pointerId: 1 };
      const t0 = performance.now();
      canvas.dispatchEvent(new PointerEvent("pointerdown", init));
      const t1 = performance.now();
      canvas.dispatchEvent(new PointerEvent("pointerup", init));
      await frame();
      const t2 = performance.now();
      handle.push(t1 - t0);
      painted.push(t2 - t0);
    }
    return { handle, painted, horizon: Number(document.querySelector(".timeline").dataset.horizonMs) };
  }, SEEKS);
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    return { median: +q(0.5).toFixed(2), p95: +q(0.95).toFixed(2), max: +s[s.length - 1].toFixed(2) };
  };
  const handler = stats(results.handle);
  console.log(
    JSON.stringify(
      {
        // The seek itself, as the performance report reads it.
        median_ms: handler.median,
        p95_ms: handler.p95,
        max_ms: handler.max,
        history_s: results.horizon / 1000,
        built_in_s: built,
        seeks: SEEKS,
        seek_handler_ms: handler,
        click_to_next_frame_ms: stats(results.painted),
      },
      null,
      2,
    ),
  );
});
