//! What a gossip lesson step waits for: a trace event of some kind (on a
//! node, about a node), a rumor reaching a share of the live nodes, a
//! crashed node known to be gone by everyone, or convergence.

use crate::gossip::{EventKind, GossipWorld, MemberState, RumorId};
use crate::sim::{NodeId, SimTime};

/// A kind of gossip trace event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GossipCue {
    /// A rumor starts.
    Rumor,
    /// A node learns a rumor.
    Infect,
    /// A node stops spreading a rumor.
    Remove,
    /// A node comes to hold a member in this state.
    Detect(MemberState),
    /// A node refutes a suspicion with a higher incarnation.
    Refute,
    Crash,
    Restart,
    Partition,
    Heal,
    /// Settings change.
    Configure,
}

/// A trace event pattern: a cue, optionally narrowed to the node it happens
/// on and the member it is about (for `Detect`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GossipMatch {
    pub cue: GossipCue,
    pub node: Option<NodeId>,
    pub about: Option<NodeId>,
}

/// Waits for `cue` on any node.
pub const fn on(cue: GossipCue) -> GossipMatch {
    GossipMatch {
        cue,
        node: None,
        about: None,
    }
}

impl GossipMatch {
    pub const fn node(self, n: u16) -> Self {
        GossipMatch {
            node: Some(NodeId(n)),
            ..self
        }
    }
    pub const fn about(self, n: u16) -> Self {
        GossipMatch {
            about: Some(NodeId(n)),
            ..self
        }
    }

    /// Whether `ev` is an event this pattern waits for.
    pub fn matches(&self, ev: &EventKind) -> bool {
        use EventKind as E;
        let (node, about) = match *ev {
            E::Rumor { node, .. }
            | E::Infect { node, .. }
            | E::Remove { node, .. }
            | E::Refute { node, .. }
            | E::Crash { node }
            | E::Restart { node } => (Some(node), None),
            E::Detect { node, about, .. } => (Some(node), Some(about)),
            _ => (None, None),
        };
        let cue = match (self.cue, ev) {
            (GossipCue::Detect(want), E::Detect { state, .. }) => want == *state,
            (GossipCue::Partition, E::Partition { .. } | E::Cut { .. }) => true,
            (GossipCue::Rumor, E::Rumor { .. })
            | (GossipCue::Infect, E::Infect { .. })
            | (GossipCue::Remove, E::Remove { .. })
            | (GossipCue::Refute, E::Refute { .. })
            | (GossipCue::Crash, E::Crash { .. })
            | (GossipCue::Restart, E::Restart { .. })
            | (GossipCue::Heal, E::Heal)
            | (GossipCue::Configure, E::Configure { .. }) => true,
            _ => false,
        };
        cue && self.node.is_none_or(|n| node == Some(n))
            && self.about.is_none_or(|a| about == Some(a))
    }
}

/// When a gossip lesson step begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GossipTrigger {
    /// When the simulated clock reaches this time.
    At(SimTime),
    /// At the first trace event matching this, after the previous step's moment.
    First(GossipMatch),
    /// When rumor `r` is known by at least `percent` % of the live nodes.
    Reached(RumorId, u32),
    /// When no live node holds this crashed node alive or suspect any more.
    Gone(NodeId),
    /// When every live node holds the newest version of every key.
    Converged,
}

impl GossipTrigger {
    pub(crate) const fn at_ms(ms: u64) -> Self {
        GossipTrigger::At(SimTime::from_millis(ms))
    }

    pub(crate) const fn reached(rumor: u32, percent: u32) -> Self {
        GossipTrigger::Reached(RumorId(rumor), percent)
    }

    /// Whether a condition trigger holds in `w` (event and time triggers never do here).
    pub fn holds(&self, w: &GossipWorld) -> bool {
        match *self {
            GossipTrigger::Reached(r, pct) => {
                r.index() < w.rumors().len()
                    && u64::from(w.rumor_stats(r).informed) * 100
                        >= u64::from(pct) * w.live_count() as u64
            }
            GossipTrigger::Gone(n) => w
                .failures()
                .iter()
                .any(|f| f.node == n && f.all_know.is_some() && f.restarted_at.is_none()),
            GossipTrigger::Converged => {
                !w.rumors().is_empty() && w.up_to_date_count() == w.live_count()
            }
            GossipTrigger::At(_) | GossipTrigger::First(_) => false,
        }
    }
}

impl From<GossipMatch> for GossipTrigger {
    fn from(m: GossipMatch) -> Self {
        GossipTrigger::First(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_narrow_the_cue() {
        let ev = EventKind::Detect {
            node: NodeId(2),
            about: NodeId(7),
            state: MemberState::Dead,
            incarnation: 0,
        };
        assert!(on(GossipCue::Detect(MemberState::Dead)).matches(&ev));
        assert!(
            on(GossipCue::Detect(MemberState::Dead))
                .about(7)
                .matches(&ev)
        );
        assert!(
            !on(GossipCue::Detect(MemberState::Dead))
                .about(6)
                .matches(&ev)
        );
        assert!(!on(GossipCue::Detect(MemberState::Suspect)).matches(&ev));
        assert!(
            on(GossipCue::Detect(MemberState::Dead))
                .node(2)
                .matches(&ev)
        );
        assert!(!on(GossipCue::Heal).matches(&ev));
        assert!(on(GossipCue::Heal).matches(&EventKind::Heal));
    }
}
