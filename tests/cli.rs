//! The headless runner end to end: exit codes (0 met, 1 not met, 2 bad
//! input), the JSON summary, the trace file and `--seed`, for every protocol.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SIM: &str = env!("CARGO_BIN_EXE_raftlab-sim");

fn scenario(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios")
        .join(name)
}

fn sim(args: &[&str]) -> Output {
    Command::new(SIM).args(args).output().expect("runs")
}

/// A scratch file for this test process.
fn scratch(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("raftlab-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

fn summary(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("the summary is JSON")
}

#[test]
fn a_gossip_run_prints_its_metrics_and_writes_its_trace() {
    let file = scenario("gossip_push.json");
    let trace = scratch("push.jsonl", "");
    let out = sim(&[
        "run",
        file.to_str().unwrap(),
        "--trace",
        trace.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let s = summary(&out);
    assert_eq!(s["protocol"], "gossip");
    assert_eq!(s["ok"], true);
    let rumor = &s["rumors"][0];
    assert_eq!(rumor["residue"], 0.0);
    for pct in ["50", "99", "100"] {
        assert!(rumor["reached"][pct]["rounds"].as_u64().is_some(), "{pct}");
    }
    assert!(s["messages"]["sent"]["Push"].as_u64().unwrap() > 0);
    let lines = std::fs::read_to_string(&trace).unwrap();
    assert_eq!(
        lines.lines().count() as u64,
        s["trace_events"].as_u64().unwrap()
    );
    let infect: Value = lines
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|e| e["kind"] == "infect")
        .expect("an infection");
    for field in ["t_ms", "node", "rumor", "from", "round"] {
        assert!(infect.get(field).is_some(), "{field} in {infect}");
    }
    std::fs::remove_file(trace).ok();
}

#[test]
fn swim_runs_report_detection_and_the_seed_can_be_overridden() {
    let file = scenario("gossip_swim_crash.json");
    let out = sim(&["run", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let s = summary(&out);
    let failure = &s["swim"]["failures"][0];
    assert_eq!(failure["node"], 5);
    assert!(failure["first_detection_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(s["swim"]["false_positives"]["suspected"], 0);
    let other = summary(&sim(&["run", file.to_str().unwrap(), "--seed", "99"]));
    assert_eq!(other["seed"], 99);
    assert_ne!(other["trace_hash"], s["trace_hash"]);
}

#[test]
fn an_unmet_expectation_exits_with_1() {
    let text = r#"{"version": 1, "protocol": "gossip", "nodes": 20, "stop_ms": 500,
        "actions": [{"at_ms": 0, "do": "start_rumor", "node": 1, "key": "x", "value": "1"}],
        "expect": {"all_informed": true, "max_rounds": 1}}"#;
    let file = scratch("unmet.json", text);
    let out = sim(&["run", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(summary(&out)["ok"], false);
    std::fs::remove_file(file).ok();
}

#[test]
fn bad_gossip_input_exits_with_2_naming_the_field_and_range() {
    let cases = [
        (r#""nodes": 0"#, "nodes: must be between 1 and 10000, got 0"),
        (
            r#""nodes": 10001"#,
            "nodes: must be between 1 and 10000, got 10001",
        ),
        (
            r#""nodes": 5, "gossip": {"fanout": 8}"#,
            "gossip.fanout: must be between 1 and 4",
        ),
        (
            r#""gossip": {"period_ms": 0}"#,
            "gossip.period_ms: must be between 1 and 60000, got 0",
        ),
        (
            r#""gossip": {"swim": {"enabled": true, "period_ms": -1}}"#,
            "gossip.swim.period_ms: must be between 1 and 60000, got -1",
        ),
        (
            r#""network": {"loss": 2}"#,
            "network.loss: must be between 0 and 1, got 2",
        ),
    ];
    for (i, (fields, expected)) in cases.into_iter().enumerate() {
        let text = format!(r#"{{"version": 1, "protocol": "gossip", {fields}}}"#);
        let file = scratch(&format!("bad{i}.json"), &text);
        for cmd in ["run", "check"] {
            let out = sim(&[cmd, file.to_str().unwrap()]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{text}: {err}");
            assert!(err.contains(expected), "{text}\n  got: {err}");
            assert!(!err.contains("panicked"), "{err}");
        }
        std::fs::remove_file(file).ok();
    }
}

#[test]
fn raft_runs_still_print_the_raft_summary() {
    let file = scenario("election_basic.json");
    let out = sim(&["run", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let s = summary(&out);
    assert_eq!(s["protocol"], "raft");
    assert!(s["leaders"].as_array().is_some_and(|l| !l.is_empty()));
}

/// Thirty clients on one key reading from any server (unsafe): stale reads
/// among many overlapping operations, too many orders to refute in 1,000
/// steps.
const CROWDED: &str = r#"{
  "version": 1, "protocol": "raft", "seed": 1, "nodes": 5, "stop_ms": 3000,
  "raft": { "read_mode": "any_local" },
  "workload": { "clients": 30, "rate": 20, "keys": 1, "read_ratio": 0.3 },
  "clients": { "timeout_ms": 300 },
  "actions": [ { "at_ms": 1000, "do": "crash", "node": "leader" } ],
  "expect": { "linearizable": false }
}"#;

#[test]
fn an_undecided_history_is_reported_as_unknown_and_meets_no_expectation() {
    let file = scratch("crowded.json", CROWDED);
    let out = sim(&["run", file.to_str().unwrap(), "--check-budget", "1000"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let s = summary(&out);
    assert_eq!(s["clients"]["linearizable"], "unknown");
    assert_eq!(s["clients"]["undecided"]["key"], "k1");
    assert_eq!(s["clients"]["undecided"]["budget"], 1000);
    assert!(s["clients"]["undecided"]["operations"].as_u64().unwrap() > 28);
    let check = &s["expectations"][0];
    assert_eq!(
        (&check["check"], &check["ok"]),
        (&"linearizable".into(), &false.into())
    );
    assert!(
        check["detail"].as_str().unwrap().contains("unknown"),
        "{check}"
    );
}

#[test]
fn the_check_budget_is_bounded() {
    let file = scenario("leader_crash.json");
    for bad in ["0", "999", "2000001", "lots"] {
        let out = sim(&["run", file.to_str().unwrap(), "--check-budget", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--check-budget must be a whole number from 1000 to 2000000"),
            "{err}"
        );
    }
    let out = sim(&["run", file.to_str().unwrap(), "--check-budget", "5000"]);
    assert_eq!(summary(&out)["clients"]["linearizable"], true);
}

#[test]
fn an_nwr_run_prints_each_replica_and_writes_client_events_as_raft_does() {
    let file = scenario("nwr_partition_refuse.json");
    let trace = scratch("nwr.jsonl", "");
    let out = sim(&[
        "run",
        file.to_str().unwrap(),
        "--trace",
        trace.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let s = summary(&out);
    assert_eq!(s["protocol"], "nwr");
    assert_eq!(s["settings"]["fresh_reads"], true);
    assert_eq!(s["keys"]["x"]["replicas"], serde_json::json!([2, 3, 4]));
    assert_eq!(s["keys"]["x"]["copies"][0]["value"], "2");
    assert_eq!(s["clients"]["failed"], 1);
    let events: Vec<Value> = std::fs::read_to_string(&trace)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let allowed = [
        "t_ms", "kind", "client", "op", "key", "value", "phase", "node", "result",
    ];
    let clients: Vec<&Value> = events.iter().filter(|e| e["kind"] == "client").collect();
    assert_eq!(clients.len(), 8, "four operations, sent and answered");
    for e in &clients {
        let fields: Vec<&String> = e.as_object().unwrap().keys().collect();
        assert!(fields.iter().all(|f| allowed.contains(&f.as_str())), "{e}");
    }
    assert!(
        clients
            .iter()
            .any(|e| e["phase"] == "fail" && e["op"] == "get")
    );
    assert!(events.iter().any(|e| e["kind"] == "give_up"));
    std::fs::remove_file(trace).ok();
}

#[test]
fn bad_nwr_input_exits_with_2_naming_the_field_and_range() {
    let cases = [
        (
            r#""nodes": 5, "nwr": {"n": 3, "w": 4}"#,
            "nwr.w: must be between 1 and 3 (n = 3), got 4",
        ),
        (
            r#""nodes": 4, "nwr": {"n": 5}"#,
            "nwr.n: must be between 1 and 4 (the number of servers), got 5",
        ),
        (r#""nodes": 10"#, "nodes: must be between 1 and 9, got 10"),
        (
            r#""gossip": {"fanout": 2}"#,
            "gossip: applies to gossip scenarios only",
        ),
    ];
    for (i, (fields, expected)) in cases.into_iter().enumerate() {
        let text = format!(r#"{{"version": 1, "protocol": "nwr", {fields}}}"#);
        let file = scratch(&format!("nwr-bad{i}.json"), &text);
        let out = sim(&["check", file.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {err}");
        assert!(err.contains(expected), "{text}\n  got: {err}");
        std::fs::remove_file(file).ok();
    }
}

#[test]
fn an_nwr_lesson_plays_to_its_last_step() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("static/lessons/nwr-quorums.json");
    let out = sim(&["lesson", file.to_str().unwrap(), "--variant", "w1-r1"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(text.contains("end (5 of 5 steps reached)"), "{text}");
}
