#!/usr/bin/env bash
# make fuzz: runs every fuzz target (fuzz/fuzz_targets) for a while each.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# SECONDS per target (default 600; `make test` runs 10). FUZZ_SEED fixes
# libFuzzer's seed (`make test` uses 1, so its short runs repeat; 0 draws one). The targets run
# without a sanitizer: the crate has no unsafe code, so what a fuzzer can
# find is a panic, an overflow, a hang or a failed check, which it sees
# plainly. Corpora grow in fuzz/corpus/ (not versioned; the scenario files
# of tests/scenarios seed the scenario targets). An input that fails is saved
# in fuzz/artifacts/TARGET/; copy it to fuzz/regressions/TARGET/ and
# `cargo test --test fuzz_regressions` replays it from then on.
# Prints "fuzz: N passed, N failed" (one per target) as its last line.
set -uo pipefail
. "$(dirname "$0")/tools.sh"
cd "$ROOT/fuzz"
set -e
need_rust
need_fuzz_tools
set +e

seconds=${1:-600}
[ $# -gt 0 ] && shift
if [ $# -gt 0 ]; then
	targets=("$@")
else
	mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^raftlab-fuzz$')
fi

# One build for every target (the crate and its dependencies compile once).
if ! cargo +nightly fuzz build --sanitizer none --debug-assertions 2>&1 | tail -n 20; then
	say "error: the fuzz targets do not build"
	printf 'fuzz: 0 passed, %d failed\n' "${#targets[@]}"
	exit 1
fi

passed=0 failed=0
for target in "${targets[@]}"; do
	corpus=corpus/$target
	mkdir -p "$corpus"
	case $target in scenario_*) cp -n ../tests/scenarios/*.json "$corpus/" 2>/dev/null ;; esac
	printf '\n==> fuzz %s for %ss\n' "$target" "$seconds"
	if cargo +nightly fuzz run --sanitizer none --debug-assertions "$target" "$corpus" -- \
		-max_total_time="$seconds" -seed="${FUZZ_SEED:-0}" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 2>&1 |
		grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|thread|Failing input|  fuzz/artifacts|Done)' |
		head -n 40; [ "${PIPESTATUS[0]}" -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		say "$target failed: see fuzz/artifacts/$target/, and copy the input to fuzz/regressions/$target/ once fixed"
	fi
done
printf 'fuzz: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
