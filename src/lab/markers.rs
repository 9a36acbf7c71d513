//! Timeline markers: the moments worth seeing on a run's timeline, taken from
//! its trace as the run is simulated. Each protocol says which of its events
//! make which marker ([`TraceKind::marker`]); faults make theirs the same way
//! in every protocol.

use crate::lang::Tag;
use crate::net::NetEvent;
use crate::protocol::TraceKind;
use crate::sim::{Fnv64, NodeId, SimDuration, SimTime, TraceEvent};

/// What a timeline marker marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// A candidate started an election for `term`.
    Election {
        node: NodeId,
        term: u64,
    },
    /// `node` became leader of `term`.
    Leader {
        node: NodeId,
        term: u64,
    },
    /// The run's progress rose, to `index`: the highest commit index, or the
    /// protocol's count of completed operations (markers of rises that follow
    /// within the spacing are left out).
    Commit {
        index: u64,
    },
    Crash {
        node: NodeId,
    },
    Restart {
        node: NodeId,
    },
    Partition,
    Heal,
    /// A safety property broke (`name` is the property).
    Violation {
        name: Tag,
    },
}

impl MarkerKind {
    /// The marker a shared network or process event makes, if any.
    pub fn of_net(ev: &NetEvent) -> Option<MarkerKind> {
        Some(match ev {
            NetEvent::Crash { node } => MarkerKind::Crash { node: *node },
            NetEvent::Restart { node } => MarkerKind::Restart { node: *node },
            NetEvent::Partition { .. } | NetEvent::Cut { .. } => MarkerKind::Partition,
            NetEvent::Heal => MarkerKind::Heal,
            _ => return None,
        })
    }
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
        MarkerKind::Violation { name } => Some((2, Fnv64::new().write_str(&name.code).finish())),
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

    fn last_commit(&self) -> u64 {
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
    pub fn observe<E: TraceKind>(&mut self, ev: &TraceEvent<E>, event: u64) {
        let Some(kind) = ev.kind.marker(self.last_commit()) else {
            return;
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
    pub fn term_bands(&self, horizon: SimTime) -> Vec<(SimTime, SimTime, u64, NodeId)> {
        let leaders: Vec<(SimTime, u64, NodeId)> = self
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
