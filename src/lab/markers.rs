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
    /// The highest commit index in the cluster rose to `index`.
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

/// Commit markers closer together than this are merged.
const COMMIT_SPACING: SimDuration = SimDuration::from_millis(20);

/// Collects markers from trace events.
#[derive(Clone, Debug, Default)]
pub struct MarkerLog {
    markers: Vec<Marker>,
    max_commit: LogIndex,
}

impl MarkerLog {
    pub fn markers(&self) -> &[Marker] {
        &self.markers
    }

    /// Looks at one event of the run (in order).
    pub fn observe(&mut self, ev: &TraceEvent) {
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
            EventKind::Commit { commit_index, .. } if *commit_index > self.max_commit => {
                self.max_commit = *commit_index;
                if let Some(last) = self.markers.last_mut()
                    && matches!(last.kind, MarkerKind::Commit { .. })
                    && ev.at.since(last.at) < COMMIT_SPACING
                {
                    last.kind = MarkerKind::Commit {
                        index: *commit_index,
                    };
                    return;
                }
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
        self.markers.push(Marker { at: ev.at, kind });
    }

    /// Forgets markers after `t` (the run is forked there).
    pub fn truncate_after(&mut self, t: SimTime) {
        self.markers.retain(|m| m.at <= t);
        self.max_commit = self
            .markers
            .iter()
            .filter_map(|m| match m.kind {
                MarkerKind::Commit { index } => Some(index),
                _ => None,
            })
            .max()
            .unwrap_or_default();
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
