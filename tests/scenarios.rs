//! Data-driven scenario tests: every `tests/scenarios/*.json`, Raft,
//! gossip or Quorum NWR, is run to its stop time; its `expect` block must hold and its
//! narrated trace (state changes, not message traffic) must equal the
//! `.trace` file beside it.
//! Regenerate the traces with `RAFTLAB_BLESS=1 cargo test --test scenarios`.

use raftlab::lang::Lang;
use raftlab::protocol::{Scenario, TraceKind};
use raftlab::protocols::{AnyScenario, parse_any};
use raftlab::report::{CheckRecord, Summarize, run};
use raftlab::sim::SimTime;
use std::fmt::Write;
use std::path::Path;

fn narrate(out: &mut String, at: SimTime, sentence: &str) {
    writeln!(out, "{:>10.3}  {sentence}", at.as_millis_f64()).unwrap();
}

/// The narrated trace of a run (state changes, not traffic) and its checks.
fn narrated_run<P: Summarize>(scenario: &Scenario<P>) -> (String, Vec<CheckRecord>)
where
    P::Event: serde::Serialize,
{
    let mut out = String::new();
    let (world, hash) = run(scenario, |ev, _| {
        if !ev.kind.is_traffic() {
            narrate(&mut out, ev.at, &ev.kind.describe(Lang::En));
        }
    });
    let summary = P::summarize(scenario, &world, &hash);
    (out, P::expectations(&summary).to_vec())
}

/// The narrated trace of a scenario file, its expectation checks, and its protocol.
fn narrated(file: &Path) -> (String, Vec<CheckRecord>, &'static str) {
    let text = std::fs::read_to_string(file).unwrap();
    let scenario = parse_any(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    match &scenario {
        AnyScenario::Raft(s) => {
            let (out, checks) = narrated_run(s);
            (out, checks, "raft")
        }
        AnyScenario::Gossip(s) => {
            let (out, checks) = narrated_run(s);
            (out, checks, "gossip")
        }
        AnyScenario::Nwr(s) => {
            let (out, checks) = narrated_run(s);
            (out, checks, "nwr")
        }
    }
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
    let (mut gossip, mut nwr) = (0, 0);
    for file in &files {
        let (trace, expectations, protocol) = narrated(file);
        gossip += usize::from(protocol == "gossip");
        nwr += usize::from(protocol == "nwr");
        for check in expectations.iter().filter(|c| !c.ok) {
            failures.push(format!(
                "{}: {}: {}",
                file.display(),
                check.check,
                check.detail
            ));
        }
        if expectations.is_empty() {
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
    assert!(gossip >= 4, "expected the gossip scenarios, found {gossip}");
    assert!(nwr >= 10, "expected the Quorum NWR scenarios, found {nwr}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
