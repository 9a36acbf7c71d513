//! What the gossip view starts with, from the link's parameters: a node
//! count and seed, or a shared gossip scenario. A problem with the link
//! becomes a notice naming it, and the defaults load instead.

use super::controller::{Level, Notice};
use super::gossip_controller::default_config;
use super::gossip_form::MAX_LIVE_NODES;
use crate::gossip::{Action, GossipConfig};
use crate::share::{LinkParams, decode_scenario};
use crate::sim::SimTime;

/// The run a fresh gossip view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct GossipStart {
    pub config: GossipConfig,
    pub script: Vec<(SimTime, Action)>,
    pub notices: Vec<Notice>,
}

/// The run the link asks for.
pub fn gossip_start(params: &LinkParams) -> GossipStart {
    let mut start = GossipStart {
        config: default_config(),
        script: Vec::new(),
        notices: Vec::new(),
    };
    if let Some(encoded) = &params.scenario {
        match decode_scenario(encoded) {
            Ok(s) => match s.gossip {
                Some(g) if g.config.slots() <= MAX_LIVE_NODES => {
                    start.config = g.config;
                    start.script = g.script;
                }
                Some(g) => start.notices.push(Notice::new(
                    Level::Warning,
                    format!(
                        "This scenario has {} node slots; the live view runs at most {MAX_LIVE_NODES}. The defaults are shown.",
                        g.config.slots()
                    ),
                    format!(
                        "此场景有 {} 个节点位置；实时视图最多运行 {MAX_LIVE_NODES} 个。已显示默认设置。",
                        g.config.slots()
                    ),
                )),
                None => start.notices.push(Notice::new(
                    Level::Warning,
                    "This link holds a Raft scenario; the gossip view opened with its defaults.",
                    "此链接包含一个 Raft 场景；Gossip 视图以默认设置打开。",
                )),
            },
            Err(e) => start.notices.push(Notice::new(
                Level::Error,
                format!("The shared scenario could not be loaded ({e}). The defaults are shown."),
                format!("无法加载分享的场景（{e}）。已显示默认设置。"),
            )),
        }
    }
    if let Some(n) = params.nodes {
        start.config.nodes = n;
        start.config.spare = 0;
        let most = crate::gossip::SpreadConfig::max_fanout(n);
        start.config.spread.fanout = start.config.spread.fanout.min(most);
        start.script.retain(|(_, a)| named_nodes_fit(a, n));
    }
    if let Some(seed) = params.seed {
        start.config.seed = seed;
    }
    start
}

/// Whether every node `a` names exists among `n`.
fn named_nodes_fit(a: &Action, n: usize) -> bool {
    let ok = |id: &crate::sim::NodeId| id.0 >= 1 && id.index() < n;
    match a {
        Action::StartRumor { node, .. }
        | Action::Crash(node)
        | Action::Restart(node)
        | Action::Leave(node)
        | Action::Join { seed: node } => ok(node),
        Action::Cut { from, to, .. } | Action::Uncut { from, to, .. } => ok(from) && ok(to),
        Action::Partition(groups) => groups.iter().flatten().all(ok),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn the_link_sets_size_and_seed() {
        let (params, _) = LinkParams::parse("view=gossip&nodes=2000&seed=9");
        let s = gossip_start(&params);
        assert_eq!(s.config.nodes, 2000);
        assert_eq!(s.config.seed, 9);
        assert!(s.config.validate().is_ok());
        assert!(s.notices.is_empty());
        let one = gossip_start(&LinkParams::parse("nodes=1").0);
        assert!(
            one.config.validate().is_ok(),
            "fan-out fits a one-node cluster"
        );
    }

    #[test]
    fn a_broken_or_foreign_scenario_gives_a_notice_and_the_defaults() {
        let s = gossip_start(&LinkParams::parse("view=gossip&s=1.garbage").0);
        assert_eq!(s.config, default_config());
        assert_eq!(s.notices[0].level, Level::Error);
        let raft = crate::scenario::Scenario {
            stop: SimTime::from_millis(1_000),
            ..Default::default()
        };
        let link = format!("s={}", crate::share::encode_scenario(&raft));
        let s = gossip_start(&LinkParams::parse(&link).0);
        assert!(
            s.notices[0].text(Lang::Zh).contains("Raft"),
            "{:?}",
            s.notices
        );
    }

    #[test]
    fn a_shared_gossip_scenario_loads_with_its_script() {
        let text = r#"{"version":1,"protocol":"gossip","nodes":12,"seed":3,
            "actions":[{"at_ms":5,"do":"start_rumor","node":12,"key":"x","value":"1"}]}"#;
        let scenario = crate::scenario::parse_scenario(text).unwrap();
        let link = format!("s={}", crate::share::encode_scenario(&scenario));
        let s = gossip_start(&LinkParams::parse(&link).0);
        assert_eq!(s.config.nodes, 12);
        assert_eq!(s.script.len(), 1);
        let smaller = gossip_start(&LinkParams::parse(&format!("{link}&nodes=5&view=gossip")).0);
        assert!(
            smaller.script.is_empty(),
            "S12 does not exist among 5 nodes"
        );
    }
}
