#!/usr/bin/env bash
# make serve: install missing tools, build, and serve on 127.0.0.1:8080
# (address and port come from Trunk.toml [serve]). Rebuilds on file changes;
# reload the page by hand (the autoreload script would break the CSP).
set -euo pipefail
. "$(dirname "$0")/tools.sh"
cd "$ROOT"
need_build_tools
say "RaftLab will be at http://127.0.0.1:8080/ once built (Ctrl-C stops)"
# Its own output directory: dist/ holds only release builds (make dist).
exec trunk serve --dist target/serve
