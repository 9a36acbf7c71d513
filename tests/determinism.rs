//! A run is a pure function of its scenario: the same input gives the same
//! trace, byte for byte. The pinned fingerprint below is also checked under
//! wasm (tests/wasm_determinism.rs), so native and wasm runs agree.

use raftlab::protocols::gossip::Gossip;
use raftlab::protocols::raft::Raft;
use raftlab::report::run;
use raftlab::scenario::parse;

const SCENARIO: &str = include_str!("scenarios/leader_crash.json");
const PINNED: &str = include_str!("determinism.hash");

fn fingerprint(seed: Option<u64>) -> (String, u64) {
    let mut s = parse::<Raft>(SCENARIO).unwrap();
    if let Some(seed) = seed {
        s.setup.seed = seed;
    }
    let (_, hash) = run(&s, |_, _| {});
    (hash.hex(), hash.count())
}

#[test]
fn the_same_scenario_gives_the_same_trace() {
    assert_eq!(fingerprint(None), fingerprint(None));
}

#[test]
fn another_seed_gives_another_trace() {
    assert_ne!(fingerprint(None).0, fingerprint(Some(99)).0);
}

#[test]
fn the_trace_fingerprint_is_pinned() {
    let (hash, count) = fingerprint(None);
    if std::env::var_os("RAFTLAB_BLESS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/determinism.hash");
        std::fs::write(path, format!("{hash}\n")).unwrap();
        return;
    }
    assert_eq!(
        hash,
        PINNED.trim(),
        "trace of {count} events changed; rerun with RAFTLAB_BLESS=1 if intended"
    );
}

#[test]
fn gossip_runs_are_deterministic_too() {
    let text = include_str!("scenarios/gossip_swim_crash.json");
    let hash = |seed: Option<u64>| {
        let mut s = parse::<Gossip>(text).unwrap();
        if let Some(seed) = seed {
            s.set_seed(seed);
        }
        let (_, hash) = run(&s, |_, _| {});
        (hash.hex(), hash.count())
    };
    assert_eq!(hash(None), hash(None));
    assert_ne!(hash(None).0, hash(Some(99)).0);
}
