// Prints one closing line, "N passed, N failed", for scripts/test.sh to read.
// A run that broke before or outside the tests (server did not start, a file
// failed to load) counts as at least one failure, never as "0 failed".
export default class SummaryReporter {
  onBegin(_config, suite) {
    this.suite = suite;
    this.errors = 0;
  }

  onError() {
    this.errors += 1;
  }

  onEnd(result) {
    let passed = 0;
    let failed = 0;
    for (const test of this.suite?.allTests() ?? []) {
      const outcome = test.outcome();
      if (outcome === "expected" || outcome === "flaky") passed += 1;
      else if (outcome === "unexpected") failed += 1;
    }
    if (result.status !== "passed" && failed === 0) failed = Math.max(1, this.errors);
    console.log(`${passed} passed, ${failed} failed`);
  }

  printsToStdio() {
    return true;
  }
}
