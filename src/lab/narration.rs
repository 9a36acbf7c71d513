//! The narration a lab keeps: its latest trace events, and apart from them its
//! latest notable ones (state changes and what the user did to messages), so
//! that a quiet cluster's heartbeats never push the last election out of the
//! story.

use crate::protocol::TraceKind;
use crate::sim::TraceEvent;
use std::collections::VecDeque;

/// Trace events kept, message traffic included.
pub const RECENT_EVENTS: usize = 400;
/// Notable events kept besides: as many as the events panel lists. Every
/// checkpoint holds a copy of the narration and its size counts toward the
/// checkpoints' memory budget, so keeping more would thin the checkpoints and
/// make seeking slower.
pub const NOTABLE_EVENTS: usize = 60;

#[derive(Clone, Debug, PartialEq)]
pub struct Narration<E> {
    recent: VecDeque<TraceEvent<E>>,
    notable: VecDeque<TraceEvent<E>>,
}

impl<E> Default for Narration<E> {
    fn default() -> Self {
        Narration {
            recent: VecDeque::new(),
            notable: VecDeque::new(),
        }
    }
}

fn push_bounded<E>(q: &mut VecDeque<TraceEvent<E>>, ev: TraceEvent<E>, cap: usize) {
    if q.len() == cap {
        q.pop_front();
    }
    q.push_back(ev);
}

impl<E: TraceKind> Narration<E> {
    pub fn push(&mut self, ev: TraceEvent<E>) {
        if ev.kind.is_notable() {
            push_bounded(&mut self.notable, ev.clone(), NOTABLE_EVENTS);
        }
        push_bounded(&mut self.recent, ev, RECENT_EVENTS);
    }
    /// The latest events, oldest first.
    pub fn recent(&self) -> &VecDeque<TraceEvent<E>> {
        &self.recent
    }
    /// The latest notable events, oldest first.
    pub fn notable(&self) -> &VecDeque<TraceEvent<E>> {
        &self.notable
    }
    /// Events held, for the memory estimate.
    pub fn held(&self) -> usize {
        self.recent.len() + self.notable.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::NetEvent;
    use crate::protocols::raft::trace::EventKind;
    use crate::sim::{MsgId, NodeId, SimTime};

    fn traffic(at: u64) -> TraceEvent<EventKind> {
        TraceEvent {
            at: SimTime(at),
            kind: EventKind::Net(NetEvent::Deliver {
                from: NodeId(1),
                to: NodeId(2),
                msg: "AppendEntries",
                term: Some(1),
                id: MsgId(at),
                note: None,
            }),
        }
    }

    #[test]
    fn heartbeats_do_not_push_state_changes_out() {
        let mut n = Narration::<EventKind>::default();
        let elected = TraceEvent {
            at: SimTime(1),
            kind: EventKind::Net(NetEvent::Crash { node: NodeId(3) }),
        };
        n.push(elected.clone());
        for t in 2..2 + 2 * RECENT_EVENTS as u64 {
            n.push(traffic(t));
        }
        assert_eq!(n.recent().len(), RECENT_EVENTS);
        assert!(!n.recent().contains(&elected), "gone from the full list");
        assert_eq!(n.notable().iter().collect::<Vec<_>>(), vec![&elected]);
        for t in 0..NOTABLE_EVENTS as u64 + 5 {
            n.push(TraceEvent {
                at: SimTime(10_000 + t),
                kind: EventKind::Net(NetEvent::Crash { node: NodeId(1) }),
            });
        }
        assert_eq!(n.notable().len(), NOTABLE_EVENTS, "bounded too");
    }
}
