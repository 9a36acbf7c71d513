//! Decodes choices into a valid scenario, Raft, gossip or Quorum NWR: a configuration,
//! timed actions in order, a name, a stop time and expectations, each within
//! the ranges validation accepts. Any such scenario must survive export and
//! import unchanged.

use super::net_input::MAX_DELAY_MS;
use super::{Choices, gossip_input, nwr_input, raft_input};
use crate::net::{NetAction, NodeRef};
use crate::protocol::Scenario;
use crate::protocols::AnyScenario;
use crate::protocols::gossip::scenario::Expect as GossipExpect;
use crate::protocols::gossip::{Action as GossipAction, Gossip, GossipConfig};
use crate::protocols::nwr::scenario::Expect as NwrExpect;
use crate::protocols::nwr::{Action as NwrAction, Nwr, NwrSetup};
use crate::protocols::raft::scenario::Expect;
use crate::protocols::raft::trace::Invariant;
use crate::protocols::raft::{MsgKind, Raft};
use crate::sim::{NodeId, SimDuration, SimTime};
use std::collections::BTreeMap;

/// Most actions decoded into one scenario.
const MAX_ACTIONS: usize = 24;

fn text(c: &mut Choices, max_chars: usize) -> Option<String> {
    let pieces = [
        "Leader",
        " crash",
        " \"quoted\"",
        "\n",
        "\t",
        "é",
        "中文",
        "😀",
        "\\",
        "\u{0}",
        "</script>",
    ];
    c.flag().then(|| {
        let mut s = String::new();
        for _ in 0..c.below(12) {
            s.push_str(pieces[c.below(pieces.len())]);
        }
        s.chars().take(max_chars).collect()
    })
}

fn times(c: &mut Choices, count: usize) -> Vec<SimTime> {
    let mut t = SimTime::ZERO;
    (0..count)
        .map(|_| {
            t += SimDuration::from_micros(
                c.millis(MAX_DELAY_MS) * 1000 + c.range(0, 999) * u64::from(c.flag()),
            );
            t
        })
        .collect()
}

fn raft_expect(c: &mut Choices, n: usize) -> Expect {
    Expect {
        violations: c.flag().then(|| {
            Invariant::ALL
                .iter()
                .copied()
                .filter(|_| c.flag())
                .collect()
        }),
        leader_at_end: c.flag().then(|| c.flag()),
        min_commit: c.flag().then(|| c.range(0, 1 << 40)),
        linearizable: c.flag().then(|| c.flag()),
        leader: c.flag().then(|| NodeId::from_index(c.below(n))),
        elections: c.flag().then(|| c.range(0, 100)),
        min_delivered: c.flag().then(|| {
            let mut m = BTreeMap::new();
            for k in MsgKind::ALL {
                if c.flag() {
                    m.insert(k, c.range(0, 1000));
                }
            }
            m
        }),
        kv: c.flag().then(|| {
            let mut m = BTreeMap::new();
            for k in ["x", "k1"] {
                if c.flag() {
                    m.insert(k.to_string(), c.flag().then(|| format!("v{}", c.below(9))));
                }
            }
            m
        }),
    }
}

fn gossip_expect(c: &mut Choices) -> GossipExpect {
    GossipExpect {
        all_informed: c.flag().then(|| c.flag()),
        max_rounds: c.flag().then(|| c.range(0, 1 << 20)),
        residue_max: c.flag().then(|| c.unit()),
        false_positives: c.flag().then(|| c.range(0, 1000)),
        detected: c.flag().then(|| c.flag()),
        max_detection: c
            .flag()
            .then(|| SimDuration::from_millis(c.millis(MAX_DELAY_MS))),
    }
}

/// Whether scenario validation accepts `a` in a world of `cfg` after `joins` joins.
fn gossip_action_valid(a: &GossipAction, cfg: &GossipConfig, joins: usize) -> bool {
    let slots = cfg.slots();
    let ok = |n: &NodeId| n.0 >= 1 && n.index() < slots;
    let okr = |r: &NodeRef| r.id().is_some_and(|n| ok(&n));
    match a {
        GossipAction::StartRumor { node, .. } | GossipAction::Leave(node) => ok(node),
        GossipAction::Join { seed } => ok(seed) && joins < cfg.spare,
        GossipAction::SetSpread(s) => s.validate(cfg.nodes).is_ok(),
        GossipAction::SetSwim(s) => s.validate().is_ok(),
        GossipAction::Net(n) => match n {
            NetAction::Crash(r) | NetAction::Restart(r) => okr(r),
            NetAction::Partition(groups) => !groups.is_empty() && groups.iter().flatten().all(ok),
            NetAction::Cut { from, to, .. } | NetAction::Uncut { from, to, .. } => {
                ok(from) && ok(to) && from != to
            }
            NetAction::SetLoss(p) => (0.0..=1.0).contains(p),
            NetAction::Heal | NetAction::SetLatency(_) | NetAction::SetNetwork(_) => true,
            _ => false,
        },
    }
}

fn gossip_scenario(c: &mut Choices) -> (GossipConfig, Vec<(SimTime, GossipAction)>) {
    let config = gossip_input::gossip_config(c);
    let count = c.below(MAX_ACTIONS);
    let mut joins = 0;
    let mut script = Vec::new();
    for at in times(c, count) {
        let a = gossip_input::gossip_action(c, config.nodes, config.slots());
        if gossip_action_valid(&a, &config, joins) {
            joins += usize::from(matches!(a, GossipAction::Join { .. }));
            script.push((at, a));
        }
    }
    (config, script)
}

fn nwr_expect(c: &mut Choices) -> NwrExpect {
    let count = |c: &mut Choices| c.flag().then(|| c.range(0, 1000));
    NwrExpect {
        linearizable: c.flag().then(|| c.flag()),
        min_ok: count(c),
        failed: count(c),
        stale_reads: count(c),
        max_stale_reads: count(c),
        inversions: count(c),
        lost_writes: count(c),
        kv: c.flag().then(|| {
            let mut m = BTreeMap::new();
            for k in ["x", "k1"] {
                if c.flag() {
                    m.insert(k.to_string(), c.flag().then(|| format!("v{}", c.below(9))));
                }
            }
            m
        }),
    }
}

/// Whether scenario validation accepts `a` in a cluster of `nodes` servers.
fn nwr_action_valid(a: &NwrAction, nodes: usize) -> bool {
    let ok = |n: &NodeId| n.0 >= 1 && n.index() < nodes;
    let okr = |r: &NodeRef| r.id().is_some_and(|n| ok(&n));
    match a {
        NwrAction::Put { node, .. } | NwrAction::Get { node, .. } => node.is_none_or(|n| ok(&n)),
        NwrAction::Net(n) => match n {
            NetAction::Crash(r) | NetAction::Restart(r) | NetAction::Isolate(r) => okr(r),
            NetAction::Partition(groups) => !groups.is_empty() && groups.iter().flatten().all(ok),
            NetAction::Cut { from, to, .. } | NetAction::Uncut { from, to, .. } => {
                ok(from) && ok(to) && from != to
            }
            NetAction::Drop(f) | NetAction::Duplicate(f) | NetAction::Deliver(f) => {
                f.to.is_none_or(|n| ok(&n)) && f.from.is_none_or(|n| ok(&n))
            }
            NetAction::SetLoss(p) => (0.0..=1.0).contains(p),
            NetAction::Heal | NetAction::SetLatency(_) => true,
            _ => false,
        },
    }
}

fn nwr_scenario(c: &mut Choices) -> (NwrSetup, Vec<(SimTime, NwrAction)>) {
    let (setup, _) = nwr_input::nwr_setup(c);
    let count = c.below(MAX_ACTIONS);
    let script = times(c, count)
        .into_iter()
        .map(|at| (at, nwr_input::nwr_action(c, setup.nodes)))
        .filter(|(_, a)| nwr_action_valid(a, setup.nodes))
        .collect();
    (setup, script)
}

/// A valid scenario of any protocol.
pub fn scenario(c: &mut Choices) -> AnyScenario {
    let name = text(c, 200);
    let description = text(c, 4000);
    let stop = SimTime(c.range(1_000, 86_400_000_000));
    if c.byte() < 64 {
        let (setup, script) = nwr_scenario(c);
        return AnyScenario::Nwr(Scenario::<Nwr> {
            name,
            description,
            setup,
            script,
            stop,
            expect: nwr_expect(c),
        });
    }
    if c.flag() {
        let (setup, script) = gossip_scenario(c);
        return AnyScenario::Gossip(Scenario::<Gossip> {
            name,
            description,
            setup,
            script,
            stop,
            expect: gossip_expect(c),
        });
    }
    let cluster = raft_input::safe_cluster_config(c);
    let count = c.below(MAX_ACTIONS);
    let script = times(c, count)
        .into_iter()
        .map(|at| (at, raft_input::action(c, cluster.nodes, &[])))
        .collect();
    let expect = raft_expect(c, cluster.nodes);
    AnyScenario::Raft(Scenario::<Raft> {
        name,
        description,
        setup: cluster,
        script,
        stop,
        expect,
    })
}
