# Entry points. Each one installs the tools it is missing first
# (scripts/tools.sh), so these work on a fresh machine and take seconds
# when everything is already there.

.PHONY: serve test dist perf fuzz tools clean

## serve: build and serve the app on http://127.0.0.1:8080/
serve:
	@scripts/serve.sh

## test: formatting, clippy, native + wasm (Node, Chromium) + e2e tests
test:
	@scripts/test.sh

## dist: release build into dist/ (works under any sub-path, in an iframe)
dist:
	@scripts/dist.sh

## perf: run every benchmark and regenerate docs/performance.md
perf:
	@scripts/perf.sh

## fuzz: run every fuzz target for ten minutes each (FUZZ_SECONDS=n to change)
fuzz:
	@scripts/fuzz.sh $(or $(FUZZ_SECONDS),600)

## tools: only install the tools
tools:
	@scripts/tools.sh test

## clean: remove build outputs and local tools
clean:
	rm -rf dist target .tools e2e/node_modules e2e/test-results e2e/screenshots
