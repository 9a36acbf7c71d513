//! Decodes choices into a gossip world and the actions a user or a scenario
//! could apply to it. Settings are sometimes out of range on purpose (the
//! world must refuse them, not break), and node numbers sometimes name no
//! node; periods stay at 10 ms or more so that one run stays quick.

use super::Choices;
use super::net_input::{duration, latency, net_config, probability};
use crate::net::{NetAction, NodeRef};
use crate::protocols::gossip::{
    Action, Feedback, GossipConfig, Mode, SpreadConfig, StopRule, SwimConfig,
};
use crate::sim::{NodeId, SimDuration};

/// Largest world decoded.
pub const MAX_NODES: usize = 48;
/// Shortest round or protocol period decoded.
const MIN_PERIOD_MS: u64 = 10;

fn period(c: &mut Choices, max_ms: u64) -> SimDuration {
    let d = duration(c, max_ms);
    d.max(SimDuration::from_millis(MIN_PERIOD_MS))
}

fn spread(c: &mut Choices, nodes: usize) -> SpreadConfig {
    let max_fanout = SpreadConfig::max_fanout(nodes);
    SpreadConfig {
        mode: c.pick(&[Mode::Push, Mode::Pull, Mode::PushPull]),
        // One past the largest allowed now and then: it must be refused.
        fanout: c.below(max_fanout + 2),
        period: period(c, 2_000),
        stop: match c.below(3) {
            0 => StopRule::Forever,
            1 => StopRule::Counter(c.byte() % 66),
            _ => StopRule::Coin(c.byte() % 66),
        },
        // Not drawn, so recorded inputs keep reading the same bytes.
        feedback: Feedback::Arrival,
        anti_entropy: c.flag().then(|| period(c, 5_000)),
    }
}

fn swim(c: &mut Choices) -> SwimConfig {
    let period = period(c, 3_000);
    SwimConfig {
        enabled: c.flag(),
        period,
        // At least the 1 ms scenarios accept; at or past the period now and then.
        ping_timeout: SimDuration(c.range(1_000, period.as_micros() + 1_000)),
        indirect: c.range(0, 66) as u32,
        suspicion_mult: c.range(0, 66) as u32,
        retransmit_mult: c.range(0, 66) as u32,
        piggyback: c.range(0, 40) as usize,
        reconnect_every: c.range(0, 1001) as u32,
    }
}

/// A valid world configuration of up to `MAX_NODES` nodes and 4 spare slots.
pub fn gossip_config(c: &mut Choices) -> GossipConfig {
    let nodes = 1 + c.below(MAX_NODES);
    let mut cfg = GossipConfig {
        nodes,
        spare: c.below(5),
        seed: c.u64(),
        net: net_config(c),
        spread: spread(c, nodes),
        swim: swim(c),
    };
    if cfg.spread.validate(nodes).is_err() {
        cfg.spread = SpreadConfig::default();
    }
    if cfg.swim.validate().is_err() {
        cfg.swim = SwimConfig {
            enabled: cfg.swim.enabled,
            ..SwimConfig::default()
        };
    }
    cfg
}

/// A node number: mostly one of the `slots`, sometimes 0 or one past them.
fn node(c: &mut Choices, slots: usize) -> NodeId {
    NodeId(c.range(0, slots as u64 + 1) as u16)
}

fn groups(c: &mut Choices, slots: usize) -> Vec<Vec<NodeId>> {
    let count = 1 + c.below(4);
    let mut groups = vec![Vec::new(); count + 1];
    for id in NodeId::all(slots) {
        groups[c.below(count + 1)].push(id);
    }
    groups.truncate(count);
    groups.retain(|g| !g.is_empty());
    groups
}

/// Any action on a world of `nodes` initial members and `slots` slots.
pub fn gossip_action(c: &mut Choices, nodes: usize, slots: usize) -> Action {
    match c.below(16) {
        0..=2 => Action::StartRumor {
            node: node(c, slots),
            key: ["color", "x", "y"][c.below(3)].into(),
            value: format!("v{}", c.below(50)).into(),
        },
        3 | 4 => NetAction::Crash(NodeRef::Id(node(c, slots))).into(),
        5 | 6 => NetAction::Restart(NodeRef::Id(node(c, slots))).into(),
        7 => Action::Join {
            seed: node(c, slots),
        },
        8 => Action::Leave(node(c, slots)),
        9 => NetAction::Partition(groups(c, slots)).into(),
        10 => {
            let (from, to) = (node(c, slots), node(c, slots));
            let both = c.flag();
            if c.flag() {
                NetAction::Cut { from, to, both }.into()
            } else {
                NetAction::Uncut { from, to, both }.into()
            }
        }
        11 => NetAction::Heal.into(),
        12 => NetAction::SetLoss(match c.below(8) {
            0 => [f64::NAN, -0.5, 1.5][c.below(3)],
            _ => probability(c),
        })
        .into(),
        13 => match c.below(2) {
            0 => NetAction::SetLatency(latency(c)).into(),
            _ => NetAction::SetNetwork(net_config(c)).into(),
        },
        14 => Action::SetSpread(spread(c, nodes)),
        _ => Action::SetSwim(swim(c)),
    }
}
