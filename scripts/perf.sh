#!/usr/bin/env bash
# make perf: every benchmark of the performance report, then docs/performance.md
# regenerated from their results. Benchmarks measure; they never pass or fail.
#   criterion (native, release): engine events/s, Figure 16 trials, seeking, gossip
#   Chromium (the release dist/): frame times, first frame, engine events/s in wasm
#   the dist/ transfer size, and where the Raft view's wasm bytes are (twiggy)
# Figures vary with the machine and its load: run it on a quiet machine.
set -euo pipefail
. "$(dirname "$0")/tools.sh"
cd "$ROOT"
need_test_tools
need_twiggy
mkdir -p target/perf

say "release build and transfer size"
scripts/dist.sh 2>&1 | tee target/perf/dist.log

say "native benchmarks (criterion)"
for bench in engine seek gossip; do
	cargo bench --bench "$bench" -- --noplot >/dev/null
done

say "browser benchmarks (Chromium)"
for script in e2e/perf/*.mjs; do
	case $(basename "$script") in report.mjs | harness.mjs) continue ;; esac
	node "$script" >"target/perf/$(basename "$script" .mjs).json"
done

say "writing docs/performance.md"
node e2e/perf/report.mjs >docs/performance.md
say "done: docs/performance.md"
