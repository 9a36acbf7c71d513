//! Writes a gossip scenario back as JSON, every setting explicit (anti-entropy
//! off is written as 0), so that `from_json(&to_json(s)) == s`.

use super::export::{expect_json, groups_json, link_json, ms, network_json};
use super::json::*;
use super::{GossipSetup, Scenario};
use crate::gossip::{Action, Mode, SpreadConfig, StopRule, SwimConfig};
use crate::sim::{NodeId, SimTime};

fn node(n: NodeId) -> i64 {
    i64::from(n.0)
}

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Push => "push",
        Mode::Pull => "pull",
        Mode::PushPull => "push_pull",
    }
}

/// The spreading rules as the fields of a gossip section.
fn spread_json(s: &SpreadConfig) -> GossipJson {
    GossipJson {
        mode: Some(mode_name(s.mode).into()),
        fanout: Some(s.fanout as i64),
        period_ms: Some(ms(s.period)),
        stop: Some(match s.stop {
            StopRule::Forever => StopJson::Forever,
            StopRule::Counter(k) => StopJson::Counter(i64::from(k)),
            StopRule::Coin(k) => StopJson::Coin(i64::from(k)),
        }),
        anti_entropy_ms: Some(s.anti_entropy.map_or(0.0, ms)),
        ..Default::default()
    }
}

fn swim_json(s: &SwimConfig) -> SwimJson {
    SwimJson {
        enabled: Some(s.enabled),
        period_ms: Some(ms(s.period)),
        ping_timeout_ms: Some(ms(s.ping_timeout)),
        indirect: Some(i64::from(s.indirect)),
        suspicion_mult: Some(i64::from(s.suspicion_mult)),
        retransmit_mult: Some(i64::from(s.retransmit_mult)),
        piggyback: Some(s.piggyback as i64),
        reconnect_every: Some(i64::from(s.reconnect_every)),
    }
}

/// One gossip action as JSON.
fn action_json(at: SimTime, action: &Action) -> ActionJson {
    let base = |what: &str| ActionJson {
        at_ms: at.as_millis_f64(),
        what: what.into(),
        ..Default::default()
    };
    let with_node = |what: &str, n: NodeId| ActionJson {
        node: Some(NodeRefJson::Number(node(n))),
        ..base(what)
    };
    match action {
        Action::StartRumor { node, key, value } => ActionJson {
            key: Some(key.to_string()),
            value: Some(value.to_string()),
            ..with_node("start_rumor", *node)
        },
        Action::Crash(n) => with_node("crash", *n),
        Action::Restart(n) => with_node("restart", *n),
        Action::Leave(n) => with_node("leave", *n),
        Action::Join { seed } => ActionJson {
            via: Some(node(*seed)),
            ..base("join")
        },
        Action::Partition(groups) => ActionJson {
            groups: Some(groups_json(groups)),
            ..base("partition")
        },
        Action::Cut { from, to, both } => link_json(at, true, *from, *to, *both),
        Action::Uncut { from, to, both } => link_json(at, false, *from, *to, *both),
        Action::Heal => base("heal"),
        Action::SetLoss(loss) => ActionJson {
            loss: Some(*loss),
            ..base("set_loss")
        },
        Action::SetLatency(r) => ActionJson {
            latency_ms: Some([ms(r.min), ms(r.max)]),
            ..base("set_latency")
        },
        Action::SetNetwork(n) => ActionJson {
            network: Some(network_json(n)),
            ..base("set_network")
        },
        Action::SetSpread(s) => ActionJson {
            gossip: Some(spread_json(s)),
            ..base("set_gossip")
        },
        Action::SetSwim(s) => ActionJson {
            gossip: Some(GossipJson {
                swim: Some(swim_json(s)),
                ..Default::default()
            }),
            ..base("set_gossip")
        },
    }
}

/// A gossip scenario as JSON, every setting explicit.
pub(super) fn to_json(s: &Scenario, g: &GossipSetup) -> ScenarioJson {
    let c = &g.config;
    ScenarioJson {
        version: FORMAT_VERSION,
        protocol: "gossip".into(),
        name: s.name.clone(),
        description: s.description.clone(),
        seed: Some(c.seed),
        nodes: Some(c.nodes as i64),
        stop_ms: Some(s.stop.as_millis_f64()),
        network: Some(network_json(&c.net)),
        gossip: Some(GossipJson {
            spare: Some(c.spare as i64),
            swim: Some(swim_json(&c.swim)),
            ..spread_json(&c.spread)
        }),
        actions: g.script.iter().map(|(t, a)| action_json(*t, a)).collect(),
        expect: expect_json(&s.expect),
        ..Default::default()
    }
}
