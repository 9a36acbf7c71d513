//! Writes a scenario back as JSON: every setting explicit, so the file still
//! means the same run if defaults change. `from_json(&to_json(s)) == s`.

use super::json::*;
use super::{Expect, Scenario, export_gossip};
use crate::cluster::{Action, ClientConfig, MsgFilter, NodeRef, Workload};
use crate::raft::RaftConfig;
use crate::sim::{NetConfig, NodeId, SimDuration, SimTime};

pub(super) fn ms(d: SimDuration) -> f64 {
    d.as_millis_f64()
}

pub(crate) fn network_json(n: &NetConfig) -> NetworkJson {
    NetworkJson {
        latency_ms: Some([ms(n.latency.min), ms(n.latency.max)]),
        jitter_ms: Some(ms(n.jitter)),
        loss: Some(n.loss),
        duplicate: Some(n.duplicate),
    }
}

pub(crate) fn raft_json(r: &RaftConfig) -> RaftJson {
    RaftJson {
        election_timeout_ms: Some([ms(r.election_timeout_min), ms(r.election_timeout_max)]),
        heartbeat_ms: Some(ms(r.heartbeat)),
        max_batch: Some(r.max_batch as i64),
        snapshot_threshold: Some(r.snapshot_threshold as i64),
        noop_on_election: Some(r.noop_on_election),
        fast_backup: Some(r.fast_backup),
        pre_vote: Some(r.pre_vote),
        check_quorum: Some(r.check_quorum),
        leader_transfer: Some(r.leader_transfer),
        read_mode: Some(r.read_mode.name().to_string()),
        unsafe_: Some(UnsafeJson {
            no_election_restriction: Some(r.unsafe_.no_election_restriction),
            commit_previous_terms: Some(r.unsafe_.commit_previous_terms),
            fixed_election_timeout: Some(r.unsafe_.fixed_election_timeout),
        }),
    }
}

fn clients_json(c: &ClientConfig) -> ClientsJson {
    ClientsJson {
        latency_ms: Some(ms(c.latency)),
        timeout_ms: Some(ms(c.timeout)),
        backoff_ms: Some(ms(c.backoff)),
        max_attempts: Some(i64::from(c.max_attempts)),
    }
}

pub(crate) fn workload_json(w: &Workload) -> WorkloadJson {
    WorkloadJson {
        clients: Some(i64::from(w.clients)),
        rate: Some(w.rate),
        keys: Some(i64::from(w.keys)),
        read_ratio: Some(w.read_ratio),
        start_ms: Some(w.start.as_millis_f64()),
        stop_ms: w.stop.map(SimTime::as_millis_f64),
    }
}

/// Partition groups as node numbers.
pub(super) fn groups_json(groups: &[Vec<NodeId>]) -> Vec<Vec<i64>> {
    groups
        .iter()
        .map(|g| g.iter().map(|n| i64::from(n.0)).collect())
        .collect()
}

/// A `cut` (or, with `cut` false, an `uncut`) of the link `from → to`.
pub(super) fn link_json(
    at: SimTime,
    cut: bool,
    from: NodeId,
    to: NodeId,
    both: bool,
) -> ActionJson {
    ActionJson {
        at_ms: at.as_millis_f64(),
        what: if cut { "cut" } else { "uncut" }.into(),
        from: Some(i64::from(from.0)),
        to: Some(i64::from(to.0)),
        both: Some(both),
        ..Default::default()
    }
}

fn node_json(n: NodeRef) -> NodeRefJson {
    match n {
        NodeRef::Id(id) => NodeRefJson::Number(i64::from(id.0)),
        NodeRef::Leader => NodeRefJson::Name("leader".into()),
    }
}

fn filter_json(a: ActionJson, f: &MsgFilter) -> ActionJson {
    ActionJson {
        id: f.id.map(|i| i.0),
        msg: f.kind.map(|k| k.name().to_string()),
        from: f.from.map(|n| i64::from(n.0)),
        to: f.to.map(|n| i64::from(n.0)),
        ..a
    }
}

/// One action as JSON.
pub(crate) fn action_json(at: SimTime, action: &Action) -> ActionJson {
    let base = |what: &str| ActionJson {
        at_ms: at.as_millis_f64(),
        what: what.into(),
        ..Default::default()
    };
    let with_node = |what: &str, n: &NodeRef| ActionJson {
        node: Some(node_json(*n)),
        ..base(what)
    };
    match action {
        Action::Crash(n) => with_node("crash", n),
        Action::Restart(n) => with_node("restart", n),
        Action::Pause(n) => with_node("pause", n),
        Action::Resume(n) => with_node("resume", n),
        Action::Timeout(n) => with_node("timeout", n),
        Action::Isolate(n) => with_node("isolate", n),
        Action::Transfer(n) => with_node("transfer", n),
        Action::Slow { node, factor } => ActionJson {
            factor: Some(i64::from(*factor)),
            ..with_node("slow", node)
        },
        Action::Propose { node, op } => ActionJson {
            node: node.map(node_json),
            command: Some(op.to_string()),
            ..base("propose")
        },
        Action::Read { node, key } => ActionJson {
            node: node.map(node_json),
            key: Some(key.to_string()),
            ..base("read")
        },
        Action::Partition(groups) => ActionJson {
            groups: Some(groups_json(groups)),
            ..base("partition")
        },
        Action::Cut { from, to, both } => link_json(at, true, *from, *to, *both),
        Action::Uncut { from, to, both } => link_json(at, false, *from, *to, *both),
        Action::Heal => base("heal"),
        Action::Drop(f) => filter_json(base("drop"), f),
        Action::Duplicate(f) => filter_json(base("duplicate"), f),
        Action::Deliver(f) => filter_json(base("deliver"), f),
        Action::SetNetwork(n) => ActionJson {
            network: Some(network_json(n)),
            ..base("set_network")
        },
        Action::SetLinkLatency { from, to, range } => ActionJson {
            from: Some(i64::from(from.0)),
            to: Some(i64::from(to.0)),
            latency_ms: Some([ms(range.min), ms(range.max)]),
            ..base("set_latency")
        },
        Action::SetRaft(r) => ActionJson {
            raft: Some(raft_json(r)),
            ..base("set_raft")
        },
        Action::SetWorkload(w) => ActionJson {
            workload: w.as_ref().map(workload_json),
            ..base("set_workload")
        },
    }
}

/// The expectations as JSON, if there are any.
pub(super) fn expect_json(expect: &Expect) -> Option<ExpectJson> {
    let has_expect = expect != &Default::default();
    has_expect.then(|| ExpectJson {
        violations: expect
            .violations
            .as_ref()
            .map(|v| v.iter().map(|i| i.name().to_string()).collect()),
        leader_at_end: expect.leader_at_end,
        min_commit: expect.min_commit,
        linearizable: expect.linearizable,
        leader: expect.leader.map(|n| i64::from(n.0)),
        elections: expect.elections,
        min_delivered: expect
            .min_delivered
            .as_ref()
            .map(|m| m.iter().map(|(k, v)| (k.name().to_string(), *v)).collect()),
        kv: expect.kv.clone(),
        all_informed: expect.all_informed,
        max_rounds: expect.max_rounds,
        residue_max: expect.residue_max,
        false_positives: expect.false_positives,
        detected: expect.detected,
        max_detection_ms: expect.max_detection.map(ms),
    })
}

/// The scenario as JSON, every setting explicit.
pub fn to_json(s: &Scenario) -> ScenarioJson {
    if let Some(g) = &s.gossip {
        return export_gossip::to_json(s, g);
    }
    let c = &s.cluster;
    ScenarioJson {
        version: FORMAT_VERSION,
        protocol: "raft".into(),
        name: s.name.clone(),
        description: s.description.clone(),
        seed: Some(c.seed),
        nodes: Some(c.nodes as i64),
        stop_ms: Some(s.stop.as_millis_f64()),
        network: Some(network_json(&c.net)),
        raft: Some(raft_json(&c.raft)),
        clients: Some(clients_json(&c.client)),
        workload: c.workload.as_ref().map(workload_json),
        gossip: None,
        actions: s.script.iter().map(|(t, a)| action_json(*t, a)).collect(),
        expect: expect_json(&s.expect),
    }
}
