//! Under wasm (run in Node by wasm-bindgen-test), the engine produces the same
//! trace fingerprint as natively: see tests/determinism.rs.
#![cfg(target_arch = "wasm32")]

use raftlab::protocols::raft::Raft;
use raftlab::report::run;
use raftlab::scenario::parse;
use wasm_bindgen_test::wasm_bindgen_test;

const SCENARIO: &str = include_str!("scenarios/leader_crash.json");
const PINNED: &str = include_str!("determinism.hash");

#[wasm_bindgen_test]
fn wasm_trace_matches_the_native_fingerprint() {
    let s = parse::<Raft>(SCENARIO).unwrap();
    let (cluster, hash) = run(&s, |_, _| {});
    assert!(cluster.leader().is_some());
    assert_eq!(hash.hex(), PINNED.trim());
}

#[wasm_bindgen_test]
fn every_scenario_file_parses_under_wasm() {
    for text in [
        include_str!("scenarios/figure8_unsafe.json"),
        include_str!("scenarios/figure7_repair.json"),
        include_str!("scenarios/snapshot_install.json"),
    ] {
        let s = parse::<Raft>(text).unwrap();
        let (_, hash) = run(&s, |_, _| {});
        assert!(hash.count() > 0);
    }
}
