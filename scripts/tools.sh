#!/usr/bin/env bash
# Installs what builds and tests need, only where it is missing or the wrong
# version, so a second run takes seconds. Nothing comes from GitHub: Rust
# tools from crates.io, wasm-opt from npm (binaryen), browsers from apt.
#
# Source it and call need_build_tools / need_test_tools, or run it:
#   scripts/tools.sh build|test
# Versions are read from the project files, never repeated here:
#   trunk         Trunk.toml  trunk-version
#   wasm-bindgen  Cargo.lock  (and Trunk.toml [tools] wasm_bindgen must agree)
#   wasm-opt      Trunk.toml  [tools] wasm_opt = "version_N" -> npm binaryen@N
#   cargo-fuzz    fuzz/Cargo.toml  cargo-fuzz-version

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS="$ROOT/.tools"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
# Project-local wasm-opt first, then cargo-installed tools, so a wrong
# version elsewhere on PATH is shadowed by the one installed here.
export PATH="$TOOLS/binaryen/node_modules/.bin:$CARGO_BIN:$PATH"

say() { printf 'raftlab: %s\n' "$*" >&2; }
die() {
	say "error: $*"
	exit 1
}

# toml_value FILE KEY -> the string value of the first `KEY = "..."` line.
toml_value() { sed -n "s/^$2 *= *\"\(.*\)\".*/\1/p" "$1" | head -n1; }

# lock_version CRATE -> the version Cargo.lock resolved for CRATE.
lock_version() {
	awk -v name="name = \"$1\"" '$0 == name { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# tool_version COMMAND -> second word of `COMMAND --version` ("trunk 0.21.14").
tool_version() { { "$@" --version 2>/dev/null || true; } | awk 'NR == 1 {print $2}'; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need_rust() {
	command -v rustup >/dev/null || die "rustup not found: install Rust (1.95 or newer) with rustup, then run this again"
	if ! rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
		say "Rust target wasm32-unknown-unknown missing: adding it with rustup"
		rustup target add wasm32-unknown-unknown
	fi
	local component
	for component in rustfmt clippy; do
		if ! rustup component list --installed | grep "^$component" >/dev/null; then
			say "rustup component $component missing: adding it"
			rustup component add "$component"
		fi
	done
}

# cargo_install NAME VERSION: --locked first, plain if the crate's own
# lockfile no longer resolves (wasm-bindgen-cli 0.2.130 is such a case).
# --force: it is only called when the binary on disk was found wrong, even
# if cargo's records say that version is installed.
cargo_install() {
	cargo install --quiet --force --locked "$1" --version "$2" 2>/dev/null && return
	say "$1 $2 does not install with --locked (its lockfile no longer resolves): retrying without"
	cargo install --quiet --force "$1" --version "$2"
}

need_trunk() {
	local want have
	want=$(toml_value "$ROOT/Trunk.toml" trunk-version)
	want=${want#=}
	have=$(tool_version trunk)
	[ "$have" = "$want" ] && return
	if [ -z "$have" ]; then
		say "trunk not found: installing trunk $want with cargo (about 11 min)"
	else
		say "trunk $have on PATH but Trunk.toml wants $want: installing trunk $want with cargo (about 11 min)"
	fi
	cargo_install trunk "$want"
	have=$(tool_version trunk)
	[ "$have" = "$want" ] || die "trunk reports '$have' after installing $want: check PATH ($(command -v trunk))"
}

need_wasm_bindgen() {
	local want pinned have runner
	want=$(lock_version wasm-bindgen)
	[ -n "$want" ] || die "Cargo.lock has no wasm-bindgen entry: run 'cargo generate-lockfile'"
	pinned=$(toml_value "$ROOT/Trunk.toml" wasm_bindgen)
	[ "$pinned" = "$want" ] ||
		die "Trunk.toml [tools] wasm_bindgen is $pinned but Cargo.lock has wasm-bindgen $want: make them equal"
	have=$(tool_version wasm-bindgen)
	runner=$(tool_version wasm-bindgen-test-runner)
	[ "$have" = "$want" ] && [ "$runner" = "$want" ] && return
	if [ -z "$have" ]; then
		say "wasm-bindgen not found: installing wasm-bindgen-cli $want (Cargo.lock's version) with cargo (about 4 min)"
	else
		say "wasm-bindgen $have on PATH but Cargo.lock has $want, and they must match exactly: installing wasm-bindgen-cli $want with cargo (about 4 min)"
	fi
	cargo_install wasm-bindgen-cli "$want"
	have=$(tool_version wasm-bindgen)
	[ "$have" = "$want" ] || die "wasm-bindgen reports '$have' after installing $want: check PATH ($(command -v wasm-bindgen))"
}

need_node() {
	local major
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
		say "node/npm not found: installing Debian's nodejs and npm with apt-get"
		apt_install nodejs npm
	fi
	major=$(node -p 'process.versions.node.split(".")[0]')
	[ "$major" -ge 20 ] || die "node $(node --version) is too old for Playwright: install Node 20 or newer"
}

need_wasm_opt() {
	local want found
	want=$(toml_value "$ROOT/Trunk.toml" wasm_opt)
	"$TOOLS/binaryen/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -qF "($want)" && return
	found=$({ wasm-opt --version 2>/dev/null || true; } | head -n1)
	say "wasm-opt $want missing${found:+ (PATH has '$found')}: installing npm binaryen@${want#version_} into .tools/binaryen"
	need_node
	mkdir -p "$TOOLS/binaryen"
	npm install --prefix "$TOOLS/binaryen" --no-audit --no-fund --loglevel=error "binaryen@${want#version_}" >/dev/null
	"$TOOLS/binaryen/node_modules/.bin/wasm-opt" --version | grep -qF "($want)" ||
		die "wasm-opt in .tools/binaryen does not report $want"
}

need_chromium() {
	local browser driver
	if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
		say "chromium or chromedriver not found: installing Debian's chromium and chromium-driver with apt-get (a few minutes)"
		apt_install chromium chromium-driver
	fi
	browser=$(tool_version chromium)
	driver=$(tool_version chromedriver)
	if [ "${browser%%.*}" != "${driver%%.*}" ]; then
		say "chromedriver $driver does not match chromium $browser: reinstalling both with apt-get"
		apt_install chromium chromium-driver
	fi
	CHROMIUM=$(command -v chromium)
	CHROMEDRIVER=$(command -v chromedriver)
	export CHROMIUM CHROMEDRIVER
	# The e2e tests render the Chinese interface and look at its screenshots.
	if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
		say "no Chinese font for the headless browser: installing Debian's fonts-noto-cjk with apt-get"
		apt_install fonts-noto-cjk
	fi
}

# npm ci for the e2e tests, skipped while package-lock.json is unchanged.
need_e2e_packages() {
	local lock="$ROOT/e2e/package-lock.json" stamp="$ROOT/e2e/node_modules/.raftlab-lock"
	need_node
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(sha256sum <"$lock")" ]; then
		return
	fi
	say "e2e/node_modules missing or out of date: running npm ci"
	(cd "$ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
	sha256sum <"$lock" >"$stamp"
}

# The fuzz targets need a nightly toolchain (libFuzzer's instrumentation) and
# cargo-fuzz at the version fuzz/Cargo.toml names.
need_fuzz_tools() {
	rustup run nightly rustc --version >/dev/null 2>&1 ||
		die "no nightly Rust toolchain: the fuzz targets need one (rustup toolchain install nightly --profile minimal)"
	local want
	want=$(toml_value "$ROOT/fuzz/Cargo.toml" cargo-fuzz-version)
	if [ "$(tool_version cargo-fuzz)" != "$want" ]; then
		say "cargo-fuzz $want missing: installing it from crates.io"
		cargo_install cargo-fuzz "$want"
	fi
}

# twiggy shows where the wasm bytes are (make perf).
TWIGGY_VERSION=0.7.0
need_twiggy() {
	[ "$(tool_version twiggy)" = "$TWIGGY_VERSION" ] && return
	say "twiggy $TWIGGY_VERSION missing: installing it from crates.io (about 2 min)"
	cargo_install twiggy "$TWIGGY_VERSION"
}

need_build_tools() {
	need_rust
	need_trunk
	need_wasm_bindgen
	need_wasm_opt
	# Trunk runs offline (Trunk.toml), so every crate must be on disk first.
	cargo fetch --quiet --manifest-path "$ROOT/Cargo.toml"
}

need_test_tools() {
	need_build_tools
	need_chromium
	need_e2e_packages
	need_fuzz_tools
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	case "${1:-test}" in
	build) need_build_tools ;;
	test) need_test_tools ;;
	*) die "usage: scripts/tools.sh build|test" ;;
	esac
	say "tools ready"
fi
