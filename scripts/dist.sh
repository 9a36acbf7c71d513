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

# Raw and gzipped size of each shipped file and what a first load of each
# view downloads: the shared files, the course index, and that view's module
# only (static/boot.js loads the one `#view=` names). Lesson files are
# fetched one at a time when a lesson opens; their total is listed apart.
(
	cd dist
	declare -A view_raw view_gz
	shared_raw=0 shared_gz=0
	for file in * lessons/index.json; do
		[ -f "$file" ] || continue
		raw=$(wc -c <"$file")
		gz=$(gzip -9c "$file" | wc -c)
		view=
		if [[ $file =~ ^raftlab-([a-z]+)(_bg)?\.(js|wasm)$ ]]; then
			view=${BASH_REMATCH[1]}
		elif [[ $file == raftlab-* ]]; then
			view=raft
		fi
		if [ -n "$view" ]; then
			view_raw[$view]=$((${view_raw[$view]:-0} + raw))
			view_gz[$view]=$((${view_gz[$view]:-0} + gz))
		else
			shared_raw=$((shared_raw + raw)) shared_gz=$((shared_gz + gz))
		fi
		printf '  %-36s %8d B raw %8d B gzip\n' "$file" "$raw" "$gz"
	done
	total_raw=$shared_raw total_gz=$shared_gz
	for view in $(printf '%s\n' "${!view_raw[@]}" | sort); do
		printf '  %-36s %8d B raw %8d B gzip\n' "$view-view first load" \
			$((shared_raw + view_raw[$view])) $((shared_gz + view_gz[$view]))
		total_raw=$((total_raw + view_raw[$view])) total_gz=$((total_gz + view_gz[$view]))
	done
	lessons_raw=0 lessons_gz=0
	for file in lessons/*.json; do
		[ "$file" = lessons/index.json ] && continue
		lessons_raw=$((lessons_raw + $(wc -c <"$file")))
		lessons_gz=$((lessons_gz + $(gzip -9c "$file" | wc -c)))
	done
	printf '  %-36s %8d B raw %8d B gzip\n' "lesson files (on demand)" "$lessons_raw" "$lessons_gz"
	printf '  %-36s %8d B raw %8d B gzip\n' "total" \
		$((total_raw + lessons_raw)) $((total_gz + lessons_gz))
) >&2
say "dist/ ready: copy it anywhere, or embed it with an <iframe src=\".../dist/index.html\">"
