//! Decodes choices into what a user or a scenario could give a Quorum NWR
//! cluster: settings within the ranges scenario validation accepts (half of
//! them atomic: blocking read repair, two-phase writes, strict quorums with
//! W + R > N), a small workload, and any action. Node numbers in actions
//! sometimes name no server (the client then picks its own coordinator).

use super::Choices;
use super::net_input::{duration, latency, probability};
use crate::net::{MsgFilter, NetAction, NodeRef};
use crate::protocols::nwr::{
    Action, ClientConfig, MAX_NODES, MsgKind, NwrConfig, NwrSetup, ReadRepair, Workload,
};
use crate::sim::{NetConfig, NodeId, SimDuration, SimTime};

/// A delay of the `nwr` section: 1 ms to `max_ms`.
fn delay(c: &mut Choices, max_ms: u64) -> SimDuration {
    duration(c, max_ms).max(SimDuration::from_millis(1))
}

/// Quorum settings for `nodes` servers; atomic ones when `atomic`.
pub fn nwr_config(c: &mut Choices, nodes: usize, atomic: bool) -> NwrConfig {
    let n = 1 + c.below(nodes);
    let w = 1 + c.below(n);
    let mut r = 1 + c.below(n);
    let mut cfg = NwrConfig {
        n,
        w,
        r,
        read_repair: c.pick(&ReadRepair::ALL),
        two_phase_writes: c.flag(),
        sloppy_quorum: c.flag(),
        timeout: delay(c, 2_000),
        fallback: delay(c, 500),
        handoff: delay(c, 1_000),
    };
    if atomic {
        if w + r <= n {
            r = n - w + 1;
        }
        cfg.r = r;
        cfg.read_repair = ReadRepair::Blocking;
        cfg.two_phase_writes = true;
        cfg.sloppy_quorum = false;
    }
    cfg
}

/// Network settings that keep a run quick: latencies up to 200 ms.
fn net(c: &mut Choices) -> NetConfig {
    if c.byte() < 128 {
        return NetConfig::default();
    }
    let (a, b) = (duration(c, 200), duration(c, 200));
    NetConfig {
        latency: crate::sim::LatencyRange {
            min: a.min(b),
            max: a.max(b),
        },
        jitter: duration(c, 50),
        loss: probability(c),
        duplicate: probability(c),
    }
}

/// A workload of at most 4 clients on at most 3 keys, or none.
fn workload(c: &mut Choices) -> Option<Workload> {
    c.flag().then(|| Workload {
        clients: 1 + c.below(4) as u32,
        rate: 0.5 + c.unit() * 20.0,
        keys: 1 + c.below(3) as u32,
        read_ratio: c.unit(),
        start: SimTime::from_millis(c.millis(2_000)),
        stop: None,
    })
}

/// A setup of 1 to 9 servers (3 to 5 most often); its second value says
/// whether it was drawn atomic.
pub fn nwr_setup(c: &mut Choices) -> (NwrSetup, bool) {
    let nodes = if c.flag() {
        3 + c.below(3)
    } else {
        1 + c.below(MAX_NODES)
    };
    let atomic = c.flag();
    let setup = NwrSetup {
        nodes,
        seed: c.u64(),
        net: net(c),
        nwr: nwr_config(c, nodes, atomic),
        client: ClientConfig {
            latency: SimDuration::from_micros(1 + c.range(0, 10_000)),
            timeout: delay(c, 3_000),
            ..ClientConfig::default()
        },
        workload: workload(c),
    };
    (setup, atomic)
}

/// A node number: mostly one of `nodes`, sometimes 0 or one past them.
fn node(c: &mut Choices, nodes: usize) -> NodeId {
    NodeId(c.range(0, nodes as u64 + 1) as u16)
}

fn key(c: &mut Choices) -> std::sync::Arc<str> {
    ["x", "y", "k1"][c.below(3)].into()
}

/// Any action on a cluster of `nodes` servers.
pub fn nwr_action(c: &mut Choices, nodes: usize) -> Action {
    let coordinator = |c: &mut Choices| c.flag().then(|| node(c, nodes));
    match c.below(16) {
        0..=3 => Action::Put {
            node: coordinator(c),
            key: key(c),
            value: format!("v{}", c.below(1000)).into(),
        },
        4..=6 => Action::Get {
            node: coordinator(c),
            key: key(c),
        },
        7 => NetAction::Crash(NodeRef::Id(node(c, nodes))).into(),
        8 => NetAction::Restart(NodeRef::Id(node(c, nodes))).into(),
        9 => {
            let mut groups = vec![Vec::new(), Vec::new()];
            for id in NodeId::all(nodes) {
                groups[c.below(2)].push(id);
            }
            groups.retain(|g| !g.is_empty());
            NetAction::Partition(groups).into()
        }
        10 => NetAction::Isolate(NodeRef::Id(node(c, nodes))).into(),
        11 => NetAction::Heal.into(),
        12 => {
            let (from, to, both) = (node(c, nodes), node(c, nodes), c.flag());
            if c.flag() {
                NetAction::Cut { from, to, both }.into()
            } else {
                NetAction::Uncut { from, to, both }.into()
            }
        }
        13 => NetAction::SetLoss(probability(c)).into(),
        14 => NetAction::SetLatency(latency(c)).into(),
        _ => {
            let kind = c
                .flag()
                .then(|| MsgKind::ALL[c.below(MsgKind::ALL.len())].name());
            let f = MsgFilter {
                kind,
                to: c.flag().then(|| node(c, nodes)),
                ..MsgFilter::default()
            };
            match c.below(3) {
                0 => NetAction::Drop(f).into(),
                1 => NetAction::Duplicate(f).into(),
                _ => NetAction::Deliver(f).into(),
            }
        }
    }
}
