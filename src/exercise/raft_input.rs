//! Decodes choices into what a user or a scenario could give a Raft cluster:
//! a configuration with every rule of Raft kept (no teaching toggle, no
//! unsafe read mode) and any action, each value within the ranges scenario
//! validation accepts. Workloads stay small so that a run stays quick.

use super::Choices;
use super::net_input::{MAX_DELAY_MS, duration, latency, net_config};
use crate::net::NetAction;
use crate::protocols::raft::cluster::{
    Action, ClientConfig, ClusterConfig, MAX_NODES, MsgFilter, NodeRef, Workload,
};
use crate::protocols::raft::{KvOp, MsgKind, RaftConfig, ReadMode};
use crate::sim::{MsgId, NodeId, SimDuration, SimTime};

/// An index below `wide` or, as often, below `narrow`.
fn below_either(c: &mut Choices, wide: usize, narrow: usize) -> usize {
    let n = if c.flag() { wide } else { narrow };
    c.below(n)
}

/// Raft settings that keep every rule of Raft.
pub fn safe_raft_config(c: &mut Choices) -> RaftConfig {
    // At least 2 ms (scenarios allow 0.1): with long latencies, shorter
    // heartbeats put millions of messages in flight and one run takes seconds.
    let heartbeat = duration(c, 2_000).max(SimDuration::from_millis(2));
    let above = SimDuration::from_millis(1 + c.millis(5_000));
    let min = SimDuration((heartbeat.as_micros() + above.as_micros()).min(MAX_DELAY_MS * 1000));
    let heartbeat = SimDuration(heartbeat.as_micros().min(min.as_micros() - 1));
    let max =
        SimDuration((min.as_micros() + duration(c, 5_000).as_micros()).min(MAX_DELAY_MS * 1000));
    RaftConfig {
        election_timeout_min: min,
        election_timeout_max: max,
        heartbeat,
        max_batch: 1 + below_either(c, 1000, 10),
        snapshot_threshold: [0, 1, 2, 5, 20, 200][c.below(6)],
        noop_on_election: c.flag(),
        fast_backup: c.flag(),
        pre_vote: c.flag(),
        check_quorum: c.flag(),
        leader_transfer: c.flag(),
        read_mode: c.pick(&[ReadMode::ReadIndex, ReadMode::Lease]),
        ..RaftConfig::default()
    }
}

/// A workload of at most 6 clients at 40 operations a second each.
pub fn workload(c: &mut Choices) -> Workload {
    let start = SimTime::from_millis(c.millis(10_000));
    let stop = c
        .flag()
        .then(|| start + SimDuration::from_millis(c.millis(60_000)));
    Workload {
        clients: 1 + c.below(6) as u32,
        rate: 0.5 + c.unit() * 40.0,
        keys: 1 + below_either(c, 1000, 4) as u32,
        read_ratio: c.unit(),
        start,
        stop,
    }
}

fn client_config(c: &mut Choices) -> ClientConfig {
    if c.byte() < 192 {
        return ClientConfig::default();
    }
    ClientConfig {
        // As scenarios allow: at least 1 µs (`MIN_CLIENT_LATENCY_MS`).
        latency: duration(c, 500).max(SimDuration::from_micros(1)),
        timeout: duration(c, 5_000).max(SimDuration::from_millis(1)),
        backoff: duration(c, 1_000),
        max_attempts: 1 + c.below(30) as u32,
    }
}

/// A cluster of 1 to 9 servers (3 to 5 most often) under safe settings.
pub fn safe_cluster_config(c: &mut Choices) -> ClusterConfig {
    let nodes = if c.flag() {
        3 + c.below(3)
    } else {
        1 + c.below(MAX_NODES)
    };
    ClusterConfig {
        nodes,
        seed: c.u64(),
        net: net_config(c),
        raft: safe_raft_config(c),
        client: client_config(c),
        workload: c.flag().then(|| workload(c)),
    }
}

fn node(c: &mut Choices, n: usize) -> NodeId {
    NodeId::from_index(c.below(n))
}

fn node_ref(c: &mut Choices, n: usize) -> NodeRef {
    if c.byte() < 64 {
        NodeRef::Leader
    } else {
        NodeRef::Id(node(c, n))
    }
}

/// Two different servers, or `None` in a cluster of one.
fn link(c: &mut Choices, n: usize) -> Option<(NodeId, NodeId)> {
    if n < 2 {
        return None;
    }
    let from = c.below(n);
    let to = (from + 1 + c.below(n - 1)) % n;
    Some((NodeId::from_index(from), NodeId::from_index(to)))
}

fn key(c: &mut Choices) -> std::sync::Arc<str> {
    ["x", "y", "k1", "k2", "a-long_key.with:parts"][c.below(5)].into()
}

fn kv_op(c: &mut Choices) -> KvOp {
    let key = key(c);
    let value: std::sync::Arc<str> = format!("v{}", c.below(100)).into();
    match c.below(3) {
        0 => KvOp::Set { key, value },
        1 => KvOp::Append { key, value },
        _ => KvOp::Delete { key },
    }
}

fn groups(c: &mut Choices, n: usize) -> Vec<Vec<NodeId>> {
    // Each server goes into one of up to `n` groups, or into none (the rest).
    let count = 1 + c.below(n);
    let mut groups = vec![Vec::new(); count + 1];
    for id in NodeId::all(n) {
        groups[c.below(count + 1)].push(id);
    }
    groups.truncate(count);
    groups.retain(|g| !g.is_empty());
    if groups.is_empty() {
        groups.push(vec![node(c, n)]);
    }
    groups
}

fn filter(c: &mut Choices, n: usize, in_flight: &[MsgId]) -> MsgFilter {
    MsgFilter {
        id: match c.below(3) {
            0 if !in_flight.is_empty() => Some(c.pick(in_flight)),
            1 => Some(MsgId(c.range(0, 64))),
            _ => None,
        },
        kind: c.flag().then(|| c.pick(&MsgKind::ALL).name()),
        from: c.flag().then(|| node(c, n)),
        to: c.flag().then(|| node(c, n)),
    }
}

/// Any action on a cluster of `n` servers; message filters may name one of
/// the messages `in_flight`. Settings changes keep Raft's rules.
pub fn action(c: &mut Choices, n: usize, in_flight: &[MsgId]) -> Action {
    match c.below(24) {
        0 | 1 => NetAction::Crash(node_ref(c, n)).into(),
        2 | 3 => NetAction::Restart(node_ref(c, n)).into(),
        4 => NetAction::Pause(node_ref(c, n)).into(),
        5 => NetAction::Resume(node_ref(c, n)).into(),
        6 => NetAction::Slow {
            node: node_ref(c, n),
            factor: 1 + c.below(100) as u16,
        }
        .into(),
        7 => Action::Timeout(node_ref(c, n)),
        8 => Action::Propose {
            node: c.flag().then(|| node_ref(c, n)),
            op: kv_op(c),
        },
        9 => Action::Read {
            node: c.flag().then(|| node_ref(c, n)),
            key: key(c),
        },
        10 => NetAction::Partition(groups(c, n)).into(),
        11 => NetAction::Isolate(node_ref(c, n)).into(),
        12 | 13 => match link(c, n) {
            Some((from, to)) if c.flag() => NetAction::Cut {
                from,
                to,
                both: c.flag(),
            }
            .into(),
            Some((from, to)) => NetAction::Uncut {
                from,
                to,
                both: c.flag(),
            }
            .into(),
            None => NetAction::Heal.into(),
        },
        14 | 15 => NetAction::Heal.into(),
        16 => NetAction::Drop(filter(c, n, in_flight)).into(),
        17 => NetAction::Duplicate(filter(c, n, in_flight)).into(),
        18 => NetAction::Deliver(filter(c, n, in_flight)).into(),
        19 => NetAction::SetNetwork(net_config(c)).into(),
        20 => match link(c, n) {
            Some((from, to)) => NetAction::SetLinkLatency {
                from,
                to,
                range: latency(c),
            }
            .into(),
            None => NetAction::Heal.into(),
        },
        21 => Action::SetRaft(Box::new(safe_raft_config(c))),
        22 => Action::SetWorkload(c.flag().then(|| workload(c))),
        _ => Action::Transfer(node_ref(c, n)),
    }
}
