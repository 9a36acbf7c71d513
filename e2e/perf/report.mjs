// Writes docs/performance.md (to stdout) from the results `make perf` left
// in target/: criterion's estimates, the browser measurements
// (target/perf/*.json) and the dist/ size table. Missing results are shown
// as "not measured" rather than guessed.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const read = (p) => (existsSync(join(ROOT, p)) ? JSON.parse(readFileSync(join(ROOT, p), "utf8")) : null);

// Every criterion result, keyed "group/function".
function criterion() {
  const out = {};
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (!statSync(p).isDirectory()) continue;
      const bench = join(p, "new", "benchmark.json");
      if (existsSync(bench)) {
        const b = JSON.parse(readFileSync(bench, "utf8"));
        const e = JSON.parse(readFileSync(join(p, "new", "estimates.json"), "utf8"));
        out[`${b.group_id}/${b.function_id ?? ""}`] = {
          median_ns: e.median.point_estimate,
          elements: b.throughput?.Elements ?? null,
        };
      } else {
        walk(p);
      }
    }
  };
  walk(join(ROOT, "target/criterion"));
  return out;
}

function sizes() {
  const log = join(ROOT, "target/perf/dist.log");
  if (!existsSync(log)) return null;
  const files = {};
  for (const line of readFileSync(log, "utf8").split("\n")) {
    const m = line.match(/^\s+(.+?)\s+(\d+) B raw\s+(\d+) B gzip/);
    if (m) files[m[1]] = { raw: Number(m[2]), gz: Number(m[3]) };
  }
  return files;
}

const fmt = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? "not measured" : Number(x).toFixed(digits));
const num = (x) => (x === null || x === undefined ? "not measured" : Math.round(x).toLocaleString("en-US"));
const verdict = (ok) => (ok === null ? "—" : ok ? "met" : "**not met**");

const c = criterion();
const raft = read("target/perf/raft.json");
const gossip = read("target/perf/gossip-frames.json");
const seek = read("target/perf/seek.json");
const memory = read("target/perf/memory.json");
const bytes = read("target/perf/bytes.json");
const dist = sizes();

const engine = c["engine/5 servers, client load, 1% loss"];
const enginePerSec = engine && engine.elements ? engine.elements / (engine.median_ns / 1e9) : null;
const seekNative = c["seek/random moment in a 10-minute history"];
const fig16 = c["figure16/100 trials for each of the 6 paper ranges"];
const gossipBench = Object.entries(c).filter(([k]) => k.startsWith("gossip/"));
const raftView = dist?.["raft-view first load"] ?? null;
const gossipView = dist?.["gossip-view first load"] ?? null;
const nwrView = dist?.["nwr-view first load"] ?? null;

const rows = [];
const row = (what, measured, target, ok) => rows.push(`| ${what} | ${measured} | ${target} | ${verdict(ok)} |`);
row("Engine events/s, native release (5 servers, client load, 1% loss)", num(enginePerSec), "≥ 2,000,000", enginePerSec === null ? null : enginePerSec >= 2e6);
row("Engine events/s, wasm in Chromium (the shipped -Oz build)", num(raft?.engine_wasm?.eventsPerSecond), "reported", null);
row("Raft view, 5 servers idle: frame work median / p95 (ms)", `${fmt(raft?.raft_5_idle?.median_ms)} / ${fmt(raft?.raft_5_idle?.p95_ms)}`, "p95 ≤ 4", raft ? raft.raft_5_idle.p95_ms <= 4 : null);
row(`Raft view, 9 servers, ${raft?.raft_9_loaded?.messages_in_flight ?? "~200"} messages in flight, loss and client load: median / p95 (ms)`, `${fmt(raft?.raft_9_loaded?.median_ms)} / ${fmt(raft?.raft_9_loaded?.p95_ms)}`, "p95 ≤ 4", raft ? raft.raft_9_loaded.p95_ms <= 4 : null);
for (const run of Array.isArray(gossip) ? gossip : []) {
  row(`Gossip view, 2,000 nodes spreading, ${run.run}: frame work median / p95 (ms)`, `${fmt(run.work_ms?.median)} / ${fmt(run.work_ms?.p95)}`, "p95 ≤ 12", run.work_ms ? run.work_ms.p95 <= 12 : null);
}
row("Seek in a 10-minute history, native (median, ms)", fmt(seekNative ? seekNative.median_ns / 1e6 : null, 2), "≤ 16", seekNative ? seekNative.median_ns / 1e6 <= 16 : null);
if (seek) row("Seek in a 10-minute history, in Chromium (p95, ms)", fmt(seek.p95_ms, 2), "≤ 16", seek.p95_ms <= 16);
row("First frame after load (ms since navigation)", fmt(raft?.first_frame_ms, 0), "reported", null);
row("Transfer size of the Raft view: html + js + wasm + css (+ boot.js, favicon, lesson index), gzipped", raftView ? `${(raftView.gz / 1024).toFixed(1)} KiB` : "not measured", "≤ 400 KB", raftView ? raftView.gz <= 400 * 1000 : null);
row("Transfer size of the Gossip view (its own module instead of the Raft one), gzipped", gossipView ? `${(gossipView.gz / 1024).toFixed(1)} KiB` : "not measured", "reported", null);
row("Transfer size of the Quorum NWR view (its own module), gzipped", nwrView ? `${(nwrView.gz / 1024).toFixed(1)} KiB` : "not measured", "reported", null);
for (const [k, v] of gossipBench) row(`Gossip headless: ${k.slice(7)} (median, ms)`, fmt(v.median_ns / 1e6, 1), "well under 1000", v.median_ns / 1e6 < 1000);
if (fig16) row("Figure 16 chart: 100 trials × 6 timeout ranges (median, ms)", fmt(fig16.median_ns / 1e6, 0), "reported", null);
if (memory) row(`Wasm memory after ${memory.minutes ?? 30} simulated minutes (MiB), and growth over the last 20`, `${fmt(memory.final_mib)} (×${fmt(memory.growth, 2)})`, "levels off", memory.levels_off);

const cpu = cpus()[0]?.model ?? "unknown CPU";
const lines = [
  "# Performance",
  "",
  "Regenerated by `make perf` (scripts/perf.sh): native benchmarks with criterion,",
  "browser measurements with Playwright driving Debian's Chromium (software",
  "rendering, no GPU) against the release `dist/`, and the size of `dist/`.",
  "Benchmarks report; no test depends on a timing.",
  "",
  `Machine: ${cpus().length} × ${cpu}. Figures vary with load; take them from a quiet machine.`,
  "",
  "| measure | measured | target | |",
  "|---|---|---|---|",
  ...rows,
  "",
  "## How each figure is taken",
  "",
  "- **Engine events/s**: `cargo bench --bench engine` runs 20 simulated seconds of a",
  "  5-server cluster (8 closed-loop clients, 1% loss, tracing off, invariant checker on);",
  "  an event is a delivery, a timer firing, a client step or an action. The wasm figure",
  "  runs the same cluster inside the shipped page (`#bench=engine`), built for size (-Oz).",
  "- **Frame work**: the page records, per animation frame, the time spent advancing the",
  "  simulation, painting the canvas and re-rendering the panels (`#perf`); the script",
  "  samples 8 s of real-time play at 1× speed. A second requestAnimationFrame loop records",
  "  the intervals between frames, which also include the browser's own layout and",
  "  (software) painting:",
  raft ? `  5 servers: interval median ${fmt(raft.raft_5_idle.interval_median_ms)} ms, p95 ${fmt(raft.raft_5_idle.interval_p95_ms)} ms; 9 servers: median ${fmt(raft.raft_9_loaded.interval_median_ms)} ms, p95 ${fmt(raft.raft_9_loaded.interval_p95_ms)} ms.` : "  (not measured)",
  "- **Seeking**: restoring the nearest of the lab's evenly spaced checkpoints and",
  "  re-executing to a random moment of a 10-minute history (5 servers, client load);",
  "  see [Seeking](#seeking).",
  "- **Transfer size**: the files of `dist/` a page downloads, gzip -9. Each protocol view",
  "  is its own wasm module and `static/boot.js` loads only the one the link names, so the",
  "  Raft view's figure leaves out `raftlab-gossip*` and the Gossip view's the Raft module.",
  "",
];
if (dist) {
  lines.push("## Transfer size by file", "", "| file | raw (bytes) | gzipped (bytes) |", "|---|---|---|");
  for (const [f, s] of Object.entries(dist)) lines.push(`| ${f} | ${num(s.raw)} | ${num(s.gz)} |`);
  lines.push("");
}
if (memory?.table) {
  lines.push("## Long run: wasm memory over 30 simulated minutes", "", "| simulated minute | wasm memory (MiB) | checkpoints |", "|---|---|---|");
  for (const r of memory.table) lines.push(`| ${r.minute} | ${fmt(r.mib)} | ${r.checkpoints ?? ""} |`);
  lines.push("");
}
lines.push(...whereTheBytesAre(bytes));
lines.push(...seeking(seek, seekNative));
console.log(lines.join("\n"));

// The section on seeking: how it works and what the browser measured.
function seeking(seek, native) {
  const ms = (x) => (x === null || x === undefined ? "not measured" : `${fmt(x)} ms`);
  return [
    "## Seeking",
    "",
    "Scrubbing the timeline must feel immediate: seeking anywhere in a 10-minute",
    "simulated history has to fit in one frame (16 ms).",
    "",
    "**How it works.** The lab keeps checkpoints of the whole cluster (`src/lab/mod.rs`),",
    "each with the narration that led to it. A seek restores the latest checkpoint at or",
    "before the moment and re-executes from there; the run is deterministic, so the state,",
    "the logs and the narration are exactly what they were. Checkpoints are evenly spaced:",
    "one every 1 500 engine events at first; when 128 have accumulated, or when together",
    "they hold more than their memory budget (7 MiB as estimated from log, message and",
    "narration lengths; the further apart they are, the less they share), every other one",
    "goes and the spacing doubles. A seek therefore re-executes at most one spacing of",
    "events: 3 000 events for the 10-minute history (about 218 000 events, 73 checkpoints",
    "holding an estimated 6.5 MiB). Longer histories get sparser checkpoints rather than",
    "more memory. A seek forward re-executes from the current state unless a checkpoint on",
    "the way is nearer.",
    "",
    "**The history.** Five servers, four clients issuing 5 operations a second each over 8",
    "keys (30% reads), 1% message loss, seed 3, played to 600 s: the history of",
    "`benches/seek.rs`. Natively (`cargo bench --bench seek`, median): " + ms(native ? native.median_ns / 1e6 : null) + ".",
    "",
    "**In the browser** (`node e2e/perf/seek.mjs`): a share link to minute ten of that run,",
    `so the page plays the whole history a frame's worth at a time (${seek ? `${fmt(seek.built_in_s)} s` : "not measured"}),`,
    `then ${seek?.seeks ?? 200} clicks on the timeline at pseudo-random moments:`,
    "",
    "| measure | median | 95th percentile | max |",
    "|---|---|---|---|",
    `| pointer handler: seek and state update | ${ms(seek?.seek_handler_ms?.median)} | ${ms(seek?.seek_handler_ms?.p95)} | ${ms(seek?.seek_handler_ms?.max)} |`,
    `| click to the next animation frame (includes waiting for it) | ${ms(seek?.click_to_next_frame_ms?.median)} | ${ms(seek?.click_to_next_frame_ms?.p95)} | ${ms(seek?.click_to_next_frame_ms?.max)} |`,
    "",
    "The second row includes the wait for the next frame (up to 16.7 ms) and the",
    "re-render of every panel.",
    "",
  ];
}

// The section on where the Raft view's wasm bytes are (e2e/perf/bytes.mjs).
function whereTheBytesAre(bytes) {
  if (!bytes?.rows) return [];
  const dropped = (o) => /stripped when shipped|removed by wasm-bindgen/.test(o);
  const code = bytes.rows.filter((r) => !dropped(r.owner));
  const total = code.reduce((a, r) => a + r.bytes, 0);
  const out = [
    "## Where the Raft view's bytes are",
    "",
    "twiggy's sizes of every function and data segment of `raftlab.wasm` as cargo builds it",
    "(before wasm-bindgen and wasm-opt, which shrink it by about a third), summed by crate,",
    "and by module for RaftLab's own code; names, custom sections and wasm-bindgen's",
    `descriptors, which never ship, are left out. ${num(total)} bytes in all.`,
    "",
    "| crate or module | bytes | share |",
    "|---|---|---|",
  ];
  for (const r of code.slice(0, 24)) out.push(`| ${r.owner} | ${num(r.bytes)} | ${fmt((100 * r.bytes) / total)} % |`);
  const share = (test) => fmt((100 * code.filter((r) => test(r.owner)).reduce((a, r) => a + r.bytes, 0)) / total, 0);
  out.push(
    "",
    "What stands between this and 400 KB (and 300 KB): the wasm module is most of the",
    "first load, and no one part of it is large enough to remove alone. Yew, the",
    `standard library (core, alloc) and the JavaScript bindings take ${share((o) => /^(yew|core|alloc|js_sys|web_sys|wasm_bindgen|compiler_builtins|dlmalloc|hashbrown)$/.test(o))} % of the code;`,
    `reading and writing scenario files and share links (raftlab::scenario, raftlab::share, serde and its`,
    `helpers, miniz_oxide) ${share((o) => /^(raftlab::scenario|raftlab::share|serde.*|miniz_oxide)$/.test(o))} %; the Raft engine and its view ${share((o) => o === "raftlab::protocols::raft")} %; strings and tables`,
    `${share((o) => o.startsWith("data"))} %. Reaching 400 KB needs about a quarter of the module gone: the file and`,
    "link codecs loaded as a second module only when a file or link is opened, and fewer",
    "monomorphised copies of the panels' generic code, are the next steps; 300 KB would",
    "also need a lighter view layer than Yew.",
    "",
  );
  return out;
}
