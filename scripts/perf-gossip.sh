#!/usr/bin/env bash
# Gossip view benchmarks (not tests; they print what they measure):
#   frames   frame times with 2,000 nodes spreading, in headless Chromium
#            (e2e/perf/gossip-frames.mjs, against a fresh release dist/)
#   engine   full dissemination among 10,000 nodes, headless (benches/gossip.rs)
# Usage: scripts/perf-gossip.sh [frames|engine|all]   (default: frames)
set -euo pipefail
. "$(dirname "$0")/tools.sh"
cd "$ROOT"
what=${1:-frames}
if [ "$what" = frames ] || [ "$what" = all ]; then
	need_test_tools
	scripts/dist.sh
	(cd e2e && node perf/gossip-frames.mjs)
fi
if [ "$what" = engine ] || [ "$what" = all ]; then
	cargo bench --bench gossip
fi
