//! Helpers shared by the gossip unit tests: small worlds and trace checks.

use super::*;
use crate::net::{NetAction, NodeRef};
use crate::sim::{NetConfig, Run};

/// A world of `n` nodes (and 4 spare slots) with the given spreading rules,
/// SWIM on or off, and message loss `loss`.
pub fn world(n: usize, seed: u64, spread: SpreadConfig, swim: bool, loss: f64) -> Run<GossipWorld> {
    let cfg = GossipConfig {
        nodes: n,
        spare: 4,
        seed,
        net: NetConfig {
            loss,
            ..NetConfig::default()
        },
        spread,
        swim: SwimConfig {
            enabled: swim,
            ..SwimConfig::default()
        },
    };
    Run::new(
        GossipWorld::new(cfg).expect("valid test configuration"),
        Vec::new(),
    )
}

pub fn crash(node: u16) -> Action {
    NetAction::Crash(NodeRef::Id(NodeId(node))).into()
}

pub fn restart(node: u16) -> Action {
    NetAction::Restart(NodeRef::Id(NodeId(node))).into()
}

pub fn partition(groups: Vec<Vec<NodeId>>) -> Action {
    NetAction::Partition(groups).into()
}

pub fn set_loss(p: f64) -> Action {
    NetAction::SetLoss(p).into()
}

pub fn push_pull() -> SpreadConfig {
    SpreadConfig {
        mode: Mode::PushPull,
        ..SpreadConfig::default()
    }
}

pub fn rumor(node: u16, key: &str, value: &str) -> Action {
    Action::StartRumor {
        node: NodeId(node),
        key: key.into(),
        value: value.into(),
    }
}

pub fn ms(t: u64) -> SimTime {
    SimTime::from_millis(t)
}

/// Runs `w` for another `millis` of simulated time.
pub fn run_for(w: &mut Run<GossipWorld>, millis: u64) {
    let until = w.now() + crate::sim::SimDuration::from_millis(millis);
    w.run_until(until);
}

/// The trace as JSON lines.
pub fn json_lines(w: &Run<GossipWorld>) -> Vec<String> {
    w.trace()
        .iter()
        .map(|e| serde_json::to_string(e).expect("serializable"))
        .collect()
}

/// Live nodes (other than `about`) whose list holds `about` in `state`, counted one by one.
pub fn count_views(w: &GossipWorld, about: NodeId, states: &[MemberState]) -> u32 {
    NodeId::all(w.node_count())
        .filter(|&o| o != about && w.health(o) == Health::Up)
        .filter(|&o| {
            w.node(o)
                .view()
                .get(about)
                .is_some_and(|m| states.contains(&m.state))
        })
        .count() as u32
}
