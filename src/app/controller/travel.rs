//! The controller's side of time travel: jumping between timeline landmarks
//! and by fixed steps, and what the view should point at (the event just
//! stepped over, or the event and servers a lesson step is about).

use super::{Controller, View};
use crate::app::Command;
use crate::lesson::Phase;
use crate::protocol::TraceKind;
use crate::sim::{MsgId, NodeId, SimDuration, TraceEvent};
use crate::view::timeline::{next_landmark, nudge, prev_landmark};

/// What the view points at now: an event of the narration (a reference into
/// the lab's recent events when it is there), the servers to highlight and
/// the message, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Focus<'a, E> {
    pub event: Option<&'a TraceEvent<E>>,
    pub nodes: Vec<NodeId>,
    pub message: Option<MsgId>,
}

impl<E> Default for Focus<'_, E> {
    fn default() -> Self {
        Focus {
            event: None,
            nodes: Vec::new(),
            message: None,
        }
    }
}

impl<P: View> Controller<P> {
    /// Carries out `NextMarker`, `PrevMarker` and `SeekBy`; they pause playback.
    pub(super) fn jump(&mut self, cmd: &Command<P, P::Command>) {
        let now = self.lab.now();
        let horizon = self.horizon();
        let target = match *cmd {
            Command::NextMarker => next_landmark(self.lab.markers(), now),
            Command::PrevMarker => prev_landmark(self.lab.markers(), now),
            Command::SeekBy(ms) => Some(nudge(
                now,
                SimDuration::from_millis(ms.unsigned_abs()),
                ms < 0,
                horizon,
            )),
            _ => None,
        };
        if let Some(t) = target {
            self.playing = false;
            self.lab.seek(t.min(horizon));
            self.drop_stale_selection();
        }
    }

    /// The event, servers and message to point at: at a lesson step, its cue
    /// and highlighted servers; when paused, the latest event.
    pub fn focus(&self) -> Focus<'_, P::Event> {
        if let Some(s) = self.lesson.as_ref()
            && let Phase::Paused(_) = s.phase()
        {
            // The narration's own copy of the cue, so the panel can mark it.
            let event = s.cue_event().map(|cue| {
                self.lab
                    .recent_events()
                    .iter()
                    .rev()
                    .find(|e| *e == cue)
                    .unwrap_or(cue)
            });
            let mut nodes: Vec<NodeId> = s
                .current()
                .map(|(_, st)| st.highlight.clone())
                .unwrap_or_default();
            for n in event.map(|e| e.kind.nodes()).unwrap_or_default() {
                if !nodes.contains(&n) {
                    nodes.push(n);
                }
            }
            return Focus {
                event,
                nodes,
                message: event.and_then(|e| e.kind.message()),
            };
        }
        if self.playing {
            return Focus::default();
        }
        let event = self.lab.recent_events().back();
        Focus {
            event,
            nodes: event.map(|e| e.kind.nodes()).unwrap_or_default(),
            message: event.and_then(|e| e.kind.message()),
        }
    }
}
