//! Quorum NWR on the shared layers: its world, its setup, and how its trace
//! events read and which timeline markers they make (completed writes as
//! progress; stale reads, inversions and lost writes as violations).

use super::scenario::Expect;
use super::{Action, EventKind, NwrSetup, NwrWorld};
use crate::lab::{Footprint, MarkerKind};
use crate::lang::{Lang, Tag, Text};
use crate::net::NetEvent;
use crate::protocol::{Protocol, TraceKind};
use crate::sim::NodeId;

/// Quorum NWR: leaderless replication with read and write quorums (Dynamo,
/// DeCandia et al. 2007; Gifford 1979).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Nwr;

/// A read older than a completed write, as a timeline marks it.
pub const STALE_READ: Tag = Tag::new("stale_read", "stale read", "过期读");
/// A read older than a completed read, as a timeline marks it.
pub const INVERSION: Tag = Tag::new("inversion", "new–old inversion", "新旧倒置");
/// An acknowledged write below a completed one, as a timeline marks it.
pub const LOST_WRITE: Tag = Tag::new("lost_write", "lost write", "写入丢失");

impl Protocol for Nwr {
    const ID: &'static str = "nwr";
    const NAME: Text = Text::new("Quorum NWR", "Quorum NWR");
    type World = NwrWorld;
    type Action = Action;
    type Event = EventKind;
    type Setup = NwrSetup;
    type Expect = Expect;

    fn start(setup: &NwrSetup) -> NwrWorld {
        NwrWorld::new(setup.clone())
    }
    fn seed(setup: &NwrSetup) -> u64 {
        setup.seed
    }
    fn set_seed(setup: &mut NwrSetup, seed: u64) {
        setup.seed = seed;
    }
    fn set_nodes(setup: &mut NwrSetup, nodes: usize) -> bool {
        setup.nodes = nodes;
        let c = &mut setup.nwr;
        c.n = c.n.min(nodes.max(1));
        c.w = c.w.min(c.n);
        c.r = c.r.min(c.n);
        true
    }
    fn current_setup(w: &NwrWorld) -> NwrSetup {
        w.setup().clone()
    }
    fn prepare_lab(w: &mut NwrWorld) {
        w.set_record_history(false);
    }
    fn footprint(w: &NwrWorld) -> Footprint {
        Footprint {
            copied: w.copied_bytes(),
            ..Footprint::default()
        }
    }
    fn fingerprint(w: &NwrWorld) -> u64 {
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
        EventKind::nodes(self)
    }
    fn marker(&self, last_commit: u64) -> Option<MarkerKind> {
        match self {
            EventKind::Written { done, .. } if *done > last_commit => {
                Some(MarkerKind::Commit { index: *done })
            }
            EventKind::StaleRead { .. } => Some(MarkerKind::Violation { name: STALE_READ }),
            EventKind::Inversion { .. } => Some(MarkerKind::Violation { name: INVERSION }),
            EventKind::LostWrite { .. } => Some(MarkerKind::Violation { name: LOST_WRITE }),
            EventKind::Net(e) => MarkerKind::of_net(e),
            _ => None,
        }
    }
}
