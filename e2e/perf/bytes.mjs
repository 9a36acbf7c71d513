// Where the Raft view's wasm bytes are: twiggy's per-function sizes of the
// module as cargo built it (names kept, before wasm-bindgen and wasm-opt),
// summed by crate, and by module for this crate's own code. Prints JSON.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const wasm = join(ROOT, "target/wasm32-unknown-unknown/release/raftlab.wasm");
if (!existsSync(wasm)) {
  console.log(JSON.stringify({ error: "no release build of the Raft view: run make dist first" }));
  process.exit(0);
}
const csv = execFileSync("twiggy", ["top", "-n", "1000000", "-f", "csv", wasm], { encoding: "utf8", maxBuffer: 1 << 28 });

// The crate (or `raftlab::module`) an item belongs to, from its demangled name.
function owner(name) {
  if (/^data\[/.test(name)) return "data segments (strings, tables)";
  if (/custom section|subsection/.test(name)) return "names and custom sections (stripped when shipped)";
  if (/wbindgen_describe/.test(name)) return "wasm-bindgen descriptors (removed by wasm-bindgen)";
  const plain = name
    .replace(/\[[0-9a-f]{16}\]/g, "")
    .replace(/^[<&_\s]+/, "")
    .replace(/^(?:mut )?[A-Za-z0-9_]+ as /, "");
  const path = plain.match(/^([a-z_][a-z0-9_]*)::(?:([a-z_][a-z0-9_]*)::(?:([a-z_][a-z0-9_]*)::)?)?/);
  if (!path) return "other (runtime, unnamed)";
  const [, crate, a, b] = path;
  if (crate !== "raftlab") return crate;
  return ["protocols", "ui", "app"].includes(a) && b ? `raftlab::${a}::${b}` : `raftlab::${a ?? ""}`;
}

const totals = new Map();
let all = 0;
for (const line of csv.split("\n").slice(1)) {
  const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  if (!m) continue;
  const name = m[1].replace(/^"|"$/g, "").replace(/""/g, '"');
  const size = Number(m[2]);
  all += size;
  totals.set(owner(name), (totals.get(owner(name)) ?? 0) + size);
}
const rows = [...totals].sort((a, b) => b[1] - a[1]).map(([owner, bytes]) => ({ owner, bytes }));
console.log(JSON.stringify({ total: all, rows }, null, 1));
