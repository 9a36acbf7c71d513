//! Timeline markers: the moments worth seeing on a run's timeline, taken from
//! its trace as the run is simulated.

use crate::raft::{LogIndex, Role, Term};
use crate::sim::{NodeId, SimDuration, SimTime};
use crate::trace::{EventKind, Invariant, TraceEvent};

/// What a timeline marker marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// A candidate started an election for `term`.
    Election {
        node: NodeId,
        term: Term,
    },
    /// `node` became leader of `term`.
    Leader {
        node: NodeId,
        term: Term,
    },
    /// The highest commit index in the cluster rose, to `index` (markers of
    /// commits that follow within the spacing are left out).
    Commit {
        index: LogIndex,
    },
    Crash {
        node: NodeId,
    },
    Restart {
        node: NodeId,
    },
    Partition,
    Heal,
    Violation {
        invariant: Invariant,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub at: SimTime,
    pub kind: MarkerKind,
}

/// The least time between two markers of one kind that may come in floods
/// (commits, one server's elections, one invariant's violations); it grows
/// with the run (`at / SPACING_SHARE`), so a long history keeps about as
/// many markers as a timeline can show and memory stays bounded.
const MIN_SPACING: SimDuration = SimDuration::from_millis(20);
const SPACING_SHARE: u64 = 256;

/// What two markers must share to be thinned against each other, if anything.
fn flood_kind(kind: &MarkerKind) -> Option<(u8, u64)> {
    match kind {
        MarkerKind::Commit { .. } => Some((0, 0)),
        MarkerKind::Election { node, .. } => Some((1, u64::from(node.0))),
        MarkerKind::Violation { invariant } => Some((2, *invariant as u64)),
        _ => None,
    }
}

/// Collects markers from trace events. A marker never changes once made,
/// and remembers when (the run's event count) it was made, so the log can
/// be cut back to any moment exactly.
#[derive(Clone, Debug, Default)]
pub struct MarkerLog {
    markers: Vec<Marker>,
    made: Vec<u64>,
}

impl MarkerLog {
    pub fn markers(&self) -> &[Marker] {
        &self.markers
    }

    /// The last marker of a flooding kind, if it is closer to `at` than the spacing.
    fn recent_like(&self, kind: &MarkerKind, at: SimTime) -> Option<&Marker> {
        let class = flood_kind(kind)?;
        let spacing = MIN_SPACING.max(SimDuration(at.as_micros() / SPACING_SHARE));
        self.markers
            .iter()
            .rev()
            .take_while(|m| at.since(m.at) < spacing)
            .find(|m| flood_kind(&m.kind) == Some(class))
    }

    fn last_commit(&self) -> LogIndex {
        self.markers
            .iter()
            .rev()
            .find_map(|m| match m.kind {
                MarkerKind::Commit { index } => Some(index),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Looks at one event of the run (in order); `event` is the run's event
    /// count once the event happened.
    pub fn observe(&mut self, ev: &TraceEvent, event: u64) {
        let kind = match &ev.kind {
            EventKind::Role {
                node,
                role: Role::Candidate,
                term,
            } => MarkerKind::Election {
                node: *node,
                term: *term,
            },
            EventKind::Role {
                node,
                role: Role::Leader,
                term,
            } => MarkerKind::Leader {
                node: *node,
                term: *term,
            },
            // The commit index reached in the cluster rose: at least to `commit_index`.
            EventKind::Commit { commit_index, .. } if *commit_index > self.last_commit() => {
                MarkerKind::Commit {
                    index: *commit_index,
                }
            }
            EventKind::Crash { node } => MarkerKind::Crash { node: *node },
            EventKind::Restart { node } => MarkerKind::Restart { node: *node },
            EventKind::Partition { .. } | EventKind::Cut { .. } => MarkerKind::Partition,
            EventKind::Heal => MarkerKind::Heal,
            EventKind::Violation { invariant, .. } => MarkerKind::Violation {
                invariant: *invariant,
            },
            _ => return,
        };
        if self.recent_like(&kind, ev.at).is_some() {
            return;
        }
        self.markers.push(Marker { at: ev.at, kind });
        self.made.push(event);
    }

    /// Forgets the markers made after the run's `event`-th event (the run is forked there).
    pub fn truncate_to(&mut self, event: u64) {
        let keep = self.made.partition_point(|&e| e <= event);
        self.markers.truncate(keep);
        self.made.truncate(keep);
    }

    /// Leadership bands: (from, to, term, leader) for each elected leader, up to `horizon`.
    pub fn term_bands(&self, horizon: SimTime) -> Vec<(SimTime, SimTime, Term, NodeId)> {
        let leaders: Vec<(SimTime, Term, NodeId)> = self
            .markers
            .iter()
            .filter_map(|m| match m.kind {
                MarkerKind::Leader { node, term } => Some((m.at, term, node)),
                _ => None,
            })
            .collect();
        leaders
            .iter()
            .enumerate()
            .map(|(i, &(at, term, node))| {
                let end = leaders.get(i + 1).map_or(horizon, |next| next.0);
                (at, end.max(at), term, node)
            })
            .collect()
    }
}
