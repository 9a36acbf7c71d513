// Measures wasm memory over a long run (not a test: `make perf` runs it, or
// run it by hand after `make dist`):
//
//   node e2e/perf/memory.mjs          # serves dist/ itself on 127.0.0.1
//
// It opens the page with #bench=soak, which plays the soak run of
// src/soak.rs in the page's wasm build (5 servers under client load, a fault
// every 5 simulated seconds, a look back each minute) for 30 simulated
// minutes at top speed, one minute per timer tick, sampling wasm linear
// memory after each minute. Prints a JSON summary: the table, the final
// size, and the growth over the last 20 minutes (memory levels off when it
// stays within 10%).
import { withPage } from "./harness.mjs";

const PORT = Number(process.env.E2E_PORT ?? 8791);
const MIB = 1024 * 1024;

const summary = await withPage(PORT, async (page, base) => {
  await page.goto(`${base}#lang=en&bench=soak`);
  await page.waitForFunction(() => window.raftlabPerf?.soakDone === true, null, { timeout: 30 * 60_000, polling: 1000 });
  const samples = await page.evaluate(() => window.raftlabPerf.soak);
  const table = samples.map((s) => ({ minute: s.minute, mib: s.bytes / MIB, checkpoints: s.checkpoints, seconds: s.ms / 1000 }));
  const last = table[table.length - 1];
  const at10 = table.find((r) => r.minute === 10) ?? table[0];
  const growth = last.mib / at10.mib;
  return { minutes: last.minute, final_mib: last.mib, growth, levels_off: growth <= 1.1, wall_seconds: last.seconds, table };
});
console.log(JSON.stringify(summary, null, 2));
