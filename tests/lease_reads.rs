//! Lease reads (thesis §6.4.1) stay linearizable with perfect clocks. Each
//! scenario opens one window in which a rival leader could be elected while
//! the old leader still believes its lease holds; the old leader is then asked
//! for a read after the new leader committed a write. The client history must
//! stay linearizable: either no rival is elected inside the lease, or the old
//! leader no longer answers from its lease.

use raftlab::protocols::raft::Raft;
use raftlab::protocols::raft::report::{Summary, summarize};
use raftlab::protocols::raft::trace::EventKind;
use raftlab::report::{Linearizable, run};
use raftlab::scenario::parse;

/// Runs a scenario given as JSON and returns its summary with the client
/// and role events (for a readable failure message).
fn run_json(json: &str) -> (Summary, String) {
    let scenario = parse::<Raft>(json).unwrap_or_else(|e| panic!("{e}"));
    let mut clients = String::new();
    let (cluster, hash) = run(&scenario, |ev, line| {
        if matches!(ev.kind, EventKind::Client { .. } | EventKind::Role { .. }) {
            clients.push_str(line);
            clients.push('\n');
        }
    });
    (summarize(&scenario, &cluster, &hash), clients)
}

/// Asserts the run broke no invariant and its client history is
/// linearizable. `SHOW_EVENTS=1` prints the client and role events.
fn assert_safe(json: &str) {
    let (summary, events) = run_json(json);
    if std::env::var_os("SHOW_EVENTS").is_some() {
        println!("{events}");
    }
    assert!(
        summary.invariants.iter().all(|i| i.ok),
        "invariant broken:\n{events}"
    );
    assert!(
        summary.clients.linearizable == Linearizable::Yes,
        "stale read: {:?}\n{events}",
        summary.clients.linearizability_error
    );
}

/// Mechanism a: a follower that acknowledged the leader restarts inside the
/// lease. After a restart a server grants no vote for a minimum election
/// timeout, since it cannot know what it promised before the crash.
#[test]
fn a_follower_restarting_inside_the_lease_does_not_vote_at_once() {
    assert_safe(
        r#"{
  "version": 1, "protocol": "raft", "seed": 3, "nodes": 5, "stop_ms": 6000,
  "network": { "latency_ms": [10, 10], "jitter_ms": 0 },
  "raft": { "election_timeout_ms": [1000, 1200], "heartbeat_ms": 50, "read_mode": "lease" },
  "clients": { "timeout_ms": 400 },
  "actions": [
    { "at_ms": 10, "do": "timeout", "node": 1 },
    { "at_ms": 300, "do": "propose", "node": 1, "command": "set x 1" },
    { "at_ms": 1000, "do": "partition", "groups": [[1, 2, 3], [4, 5]] },
    { "at_ms": 2000, "do": "crash", "node": 2 },
    { "at_ms": 2000, "do": "partition", "groups": [[1, 3], [2, 4, 5]] },
    { "at_ms": 2010, "do": "restart", "node": 2 },
    { "at_ms": 2020, "do": "timeout", "node": 4 },
    { "at_ms": 2100, "do": "propose", "node": 4, "command": "set x 2" },
    { "at_ms": 2300, "do": "read", "node": 1, "key": "x" }
  ]
}"#,
    );
}

/// Mechanism b: a late refusal of an old RequestVote carries a higher term
/// to a follower of the lease holder. Learning a term does not end what the
/// follower promised its leader: it still grants no vote, of that term or a
/// later one, until a minimum election timeout after it last heard from it.
#[test]
fn a_term_learned_from_a_late_refusal_does_not_release_the_promise() {
    assert_safe(
        r#"{
  "version": 1, "protocol": "raft", "seed": 3, "nodes": 5, "stop_ms": 6000,
  "network": { "latency_ms": [10, 10], "jitter_ms": 0 },
  "raft": { "election_timeout_ms": [1000, 1500], "heartbeat_ms": 50, "read_mode": "lease" },
  "clients": { "timeout_ms": 400 },
  "actions": [
    { "at_ms": 0, "do": "cut", "from": 2, "to": 1 },
    { "at_ms": 0, "do": "cut", "from": 2, "to": 3 },
    { "at_ms": 0, "do": "cut", "from": 2, "to": 5 },
    { "at_ms": 0, "do": "set_latency", "latency_ms": [1500, 1500], "from": 2, "to": 4 },
    { "at_ms": 10, "do": "timeout", "node": 2 },
    { "at_ms": 15, "do": "set_latency", "latency_ms": [10, 10], "from": 2, "to": 4 },
    { "at_ms": 20, "do": "timeout", "node": 1 },
    { "at_ms": 100, "do": "uncut", "from": 2, "to": 1 },
    { "at_ms": 100, "do": "uncut", "from": 2, "to": 3 },
    { "at_ms": 100, "do": "uncut", "from": 2, "to": 5 },
    { "at_ms": 500, "do": "cut", "from": 1, "to": 4, "both": true },
    { "at_ms": 500, "do": "cut", "from": 1, "to": 5, "both": true },
    { "at_ms": 500, "do": "cut", "from": 3, "to": 4, "both": true },
    { "at_ms": 500, "do": "cut", "from": 3, "to": 5, "both": true },
    { "at_ms": 300, "do": "propose", "node": 1, "command": "set x 1" },
    { "at_ms": 1300, "do": "timeout", "node": 4 },
    { "at_ms": 1515, "do": "cut", "from": 2, "to": 1 },
    { "at_ms": 1530, "do": "timeout", "node": 4 },
    { "at_ms": 1560, "do": "propose", "node": 4, "command": "set x 2" },
    { "at_ms": 1700, "do": "read", "node": 1, "key": "x" }
  ]
}"#,
    );
}

/// Mechanism c: a TimeoutNow still in flight when the leader gives up a
/// transfer. The target's election is exempt from the vote rule by design,
/// so the leader regains no lease until the target has acknowledged a
/// heartbeat sent after the abort.
#[test]
fn a_timeout_now_in_flight_after_an_aborted_transfer_voids_the_lease() {
    assert_safe(
        r#"{
  "version": 1, "protocol": "raft", "seed": 3, "nodes": 5, "stop_ms": 6000,
  "network": { "latency_ms": [10, 10], "jitter_ms": 0 },
  "raft": { "election_timeout_ms": [300, 600], "heartbeat_ms": 50, "read_mode": "lease" },
  "clients": { "timeout_ms": 400 },
  "actions": [
    { "at_ms": 10, "do": "timeout", "node": 1 },
    { "at_ms": 300, "do": "propose", "node": 1, "command": "set x 1" },
    { "at_ms": 999, "do": "set_latency", "latency_ms": [2500, 2500], "from": 1, "to": 2 },
    { "at_ms": 999, "do": "cut", "from": 2, "to": 1 },
    { "at_ms": 1000, "do": "transfer", "node": 2 },
    { "at_ms": 1001, "do": "set_latency", "latency_ms": [10, 10], "from": 1, "to": 2 },
    { "at_ms": 2300, "do": "uncut", "from": 2, "to": 1 },
    { "at_ms": 3490, "do": "cut", "from": 2, "to": 1 },
    { "at_ms": 3490, "do": "cut", "from": 3, "to": 1 },
    { "at_ms": 3490, "do": "cut", "from": 4, "to": 1 },
    { "at_ms": 3490, "do": "cut", "from": 5, "to": 1 },
    { "at_ms": 3540, "do": "propose", "node": "leader", "command": "set x 2" },
    { "at_ms": 3600, "do": "read", "node": 1, "key": "x" }
  ]
}"#,
    );
}

/// Switching to lease reads at run time: acknowledgements gathered under
/// ReadIndex, when followers made no promise, do not count toward a lease.
#[test]
fn acknowledgements_from_before_a_switch_to_leases_do_not_count() {
    assert_safe(
        r#"{
  "version": 1, "protocol": "raft", "seed": 3, "nodes": 5, "stop_ms": 6000,
  "network": { "latency_ms": [10, 10], "jitter_ms": 0 },
  "raft": { "election_timeout_ms": [1000, 1200], "heartbeat_ms": 50, "read_mode": "read_index" },
  "clients": { "timeout_ms": 400 },
  "actions": [
    { "at_ms": 10, "do": "timeout", "node": 1 },
    { "at_ms": 300, "do": "propose", "node": 1, "command": "set x 1" },
    { "at_ms": 1000, "do": "cut", "from": 1, "to": 4, "both": true },
    { "at_ms": 1000, "do": "cut", "from": 1, "to": 5, "both": true },
    { "at_ms": 1000, "do": "cut", "from": 3, "to": 4, "both": true },
    { "at_ms": 1000, "do": "cut", "from": 3, "to": 5, "both": true },
    { "at_ms": 2000, "do": "cut", "from": 2, "to": 1 },
    { "at_ms": 2001, "do": "timeout", "node": 4 },
    { "at_ms": 2050, "do": "set_raft", "raft": { "read_mode": "lease" } },
    { "at_ms": 2060, "do": "propose", "node": 4, "command": "set x 2" },
    { "at_ms": 2200, "do": "read", "node": 1, "key": "x" }
  ]
}"#,
    );
}

/// Mechanism c again, where the target cannot tell the TimeoutNow is stale:
/// it was paused and wakes to find the TimeoutNow first. The leader gave up
/// the transfer meanwhile; it must not serve lease reads until the target
/// acknowledges a heartbeat sent after that, which never happens here.
#[test]
fn a_paused_target_waking_to_a_timeout_now_finds_no_lease_to_break() {
    assert_safe(
        r#"{
  "version": 1, "protocol": "raft", "seed": 3, "nodes": 5, "stop_ms": 6000,
  "network": { "latency_ms": [10, 10], "jitter_ms": 0 },
  "raft": { "election_timeout_ms": [300, 600], "heartbeat_ms": 50, "read_mode": "lease" },
  "clients": { "timeout_ms": 400 },
  "actions": [
    { "at_ms": 10, "do": "timeout", "node": 1 },
    { "at_ms": 300, "do": "propose", "node": 1, "command": "set x 1" },
    { "at_ms": 999, "do": "pause", "node": 2 },
    { "at_ms": 1000, "do": "transfer", "node": 2 },
    { "at_ms": 2299, "do": "cut", "from": 2, "to": 1 },
    { "at_ms": 2299, "do": "cut", "from": 3, "to": 1 },
    { "at_ms": 2299, "do": "cut", "from": 4, "to": 1 },
    { "at_ms": 2299, "do": "cut", "from": 5, "to": 1 },
    { "at_ms": 2300, "do": "resume", "node": 2 },
    { "at_ms": 2340, "do": "propose", "node": "leader", "command": "set x 2" },
    { "at_ms": 2400, "do": "read", "node": 1, "key": "x" }
  ]
}"#,
    );
}
