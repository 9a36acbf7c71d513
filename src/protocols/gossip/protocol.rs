//! Gossip on the shared layers: its world, its setup (the configuration),
//! and how its trace events read.

use super::scenario::Expect;
use super::{Action, EventKind, GossipConfig, GossipWorld, MAX_NODES, SpreadConfig};
use crate::lab::Footprint;
use crate::lang::{Lang, Text};
use crate::net::NetEvent;
use crate::protocol::{Protocol, TraceKind};
use crate::sim::NodeId;

/// Epidemic rumor spreading (Demers et al. 1987) with SWIM membership (Das,
/// Gupta and Motivala 2002).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Gossip;

impl Protocol for Gossip {
    const ID: &'static str = "gossip";
    const NAME: Text = Text::new("Gossip", "Gossip");
    type World = GossipWorld;
    type Action = Action;
    type Event = EventKind;
    type Setup = GossipConfig;
    type Expect = Expect;

    /// A validated configuration always starts; one that is not starts the
    /// default world with its seed instead of failing in front of a user.
    fn start(setup: &GossipConfig) -> GossipWorld {
        GossipWorld::new(setup.clone()).unwrap_or_else(|_| GossipWorld::fallback(setup.seed))
    }
    fn seed(setup: &GossipConfig) -> u64 {
        setup.seed
    }
    fn set_seed(setup: &mut GossipConfig, seed: u64) {
        setup.seed = seed;
    }
    /// The fan-out shrinks to fit the new cluster and the spare slots to
    /// the room left, so the setup stays valid (one that is not would start
    /// the fallback world instead).
    fn set_nodes(setup: &mut GossipConfig, nodes: usize) -> bool {
        setup.nodes = nodes;
        setup.spare = setup.spare.min(MAX_NODES.saturating_sub(nodes));
        setup.spread.fanout = setup.spread.fanout.min(SpreadConfig::max_fanout(nodes));
        true
    }
    fn current_setup(w: &GossipWorld) -> GossipConfig {
        w.config().clone()
    }
    fn footprint(w: &GossipWorld) -> Footprint {
        Footprint {
            copied: w.copied_bytes(),
            ..Footprint::default()
        }
    }
    fn fingerprint(w: &GossipWorld) -> u64 {
        w.fingerprint()
    }
    fn describe_action(action: &Action, lang: Lang) -> String {
        action.describe(lang)
    }
}

impl TraceKind for EventKind {
    fn name(&self) -> &'static str {
        EventKind::name(self)
    }
    fn describe(&self, lang: Lang) -> String {
        EventKind::describe(self, lang)
    }
    fn net(&self) -> Option<&NetEvent> {
        match self {
            EventKind::Net(e) => Some(e),
            _ => None,
        }
    }
    fn nodes(&self) -> Vec<NodeId> {
        match self {
            EventKind::Rumor { node, .. }
            | EventKind::Remove { node, .. }
            | EventKind::Refute { node, .. }
            | EventKind::Leave { node } => vec![*node],
            EventKind::Infect { node, from, .. } => vec![*node, *from],
            EventKind::Detect { node, about, .. } => vec![*node, *about],
            EventKind::Join { node, seed } => vec![*node, *seed],
            EventKind::Net(e) => e.nodes(),
        }
    }
}
