#!/usr/bin/env bash
# make dist: release build into dist/ (relative URLs, wasm-opt -Oz), then a
# size report. Skipped when no input changed since the last build.
set -euo pipefail
. "$(dirname "$0")/tools.sh"
cd "$ROOT"
need_build_tools

# Everything the build reads, plus the tool versions that produced it.
inputs_hash() {
	{
		find src static index.html Trunk.toml Cargo.toml Cargo.lock .cargo -type f -print0 |
			sort -z | xargs -0 sha256sum
		trunk --version
		wasm-bindgen --version
		wasm-opt --version
	} | sha256sum | cut -d' ' -f1
}

stamp=target/dist.stamp
hash=$(inputs_hash)
if [ -f dist/index.html ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
	say "dist/ is up to date"
else
	rm -f "$stamp"
	trunk build --release
	mkdir -p target
	echo "$hash" >"$stamp"
fi

# Raw and gzipped size of each shipped file, what a page showing each view
# downloads (everything but the other view's module: static/boot.js loads one),
# and the whole of dist/.
(
	cd dist
	# Bytes of the files only the Raft view, only the Gossip view, or both load.
	raft_raw=0 raft_gz=0 gossip_raw=0 gossip_gz=0 shared_raw=0 shared_gz=0
	for file in *; do
		raw=$(wc -c <"$file")
		gz=$(gzip -9c "$file" | wc -c)
		case "$file" in
		raftlab-gossip*) gossip_raw=$((gossip_raw + raw)) gossip_gz=$((gossip_gz + gz)) ;;
		raftlab-*) raft_raw=$((raft_raw + raw)) raft_gz=$((raft_gz + gz)) ;;
		*) shared_raw=$((shared_raw + raw)) shared_gz=$((shared_gz + gz)) ;;
		esac
		printf '  %-36s %8d B raw %8d B gzip\n' "$file" "$raw" "$gz"
	done
	printf '  %-36s %8d B raw %8d B gzip\n' "raft-view" \
		$((shared_raw + raft_raw)) $((shared_gz + raft_gz))
	printf '  %-36s %8d B raw %8d B gzip\n' "gossip-view" \
		$((shared_raw + gossip_raw)) $((shared_gz + gossip_gz))
	printf '  %-36s %8d B raw %8d B gzip\n' "total" \
		$((shared_raw + raft_raw + gossip_raw)) $((shared_gz + raft_gz + gossip_gz))
) >&2
say "dist/ ready: copy it anywhere, or embed it with an <iframe src=\".../dist/index.html\">"
