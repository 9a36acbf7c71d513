//! Data-driven scenario tests: every `tests/scenarios/*.json` is run to its
//! stop time; its `expect` block must hold and its narrated trace (state
//! changes, not message traffic) must equal the `.trace` file beside it.
//! Regenerate the traces with `RAFTLAB_BLESS=1 cargo test --test scenarios`.

use raftlab::lang::Lang;
use raftlab::report::{run, summarize};
use raftlab::scenario::parse_scenario;
use raftlab::trace::describe;
use std::fmt::Write;
use std::path::Path;

fn narrated(file: &Path) -> (String, raftlab::report::Summary) {
    let text = std::fs::read_to_string(file).unwrap();
    let scenario = parse_scenario(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut out = String::new();
    let (cluster, hash) = run(&scenario, |ev, _| {
        if !ev.kind.is_traffic() {
            writeln!(
                out,
                "{:>10.3}  {}",
                ev.at.as_millis_f64(),
                describe(&ev.kind, Lang::En)
            )
            .unwrap();
        }
    });
    (out, summarize(&scenario, &cluster, &hash))
}

#[test]
fn scenarios_meet_their_expectations_and_traces() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let bless = std::env::var_os("RAFTLAB_BLESS").is_some();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "expected the scenario suite, found {} files",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let (trace, summary) = narrated(file);
        for check in summary.expectations.iter().filter(|c| !c.ok) {
            failures.push(format!(
                "{}: {}: {}",
                file.display(),
                check.check,
                check.detail
            ));
        }
        if summary.expectations.is_empty() {
            failures.push(format!("{}: has no expectations", file.display()));
        }
        let expected_path = file.with_extension("trace");
        if bless {
            std::fs::write(&expected_path, &trace).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != trace {
            let line = expected
                .lines()
                .zip(trace.lines())
                .position(|(a, b)| a != b);
            failures.push(format!(
                "{}: trace differs from {} (first difference at line {}); rerun with RAFTLAB_BLESS=1 if intended",
                file.display(),
                expected_path.display(),
                line.map_or(expected.lines().count().min(trace.lines().count()), |l| l) + 1
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
