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

#[cfg(test)]
mod tests {
    use crate::app::Command;
    use crate::app::controller::tests::{RAFT_LESSON, ctrl, lesson, open, run};
    use crate::lesson::Phase;
    use crate::protocols::raft::Raft;
    use crate::sim::{NodeId, SimDuration, SimTime};

    #[test]
    fn landmarks_and_steps_of_a_second_move_through_the_run() {
        let mut c = ctrl();
        run(&mut c, 3000.0);
        let end = c.lab().now();
        c.handle(Command::Seek(SimTime::ZERO));
        c.handle(Command::NextMarker);
        let first = c.lab().markers()[0].at;
        assert_eq!(c.lab().now(), first);
        assert!(!c.playing());
        c.handle(Command::NextMarker);
        assert!(c.lab().now() > first);
        c.handle(Command::PrevMarker);
        assert_eq!(c.lab().now(), first);
        c.handle(Command::SeekBy(1000));
        assert_eq!(c.lab().now(), first + SimDuration::from_millis(1000));
        c.handle(Command::SeekBy(-60_000));
        assert_eq!(c.lab().now(), SimTime::ZERO);
        c.handle(Command::SeekBy(60_000));
        assert_eq!(c.lab().now(), end, "never past the run so far");
        c.handle(Command::Seek(SimTime::from_millis(999_999)));
        assert_eq!(c.lab().now(), end, "seeking is bounded too");
    }

    #[test]
    fn when_paused_the_focus_is_the_latest_event() {
        let mut c = ctrl();
        run(&mut c, 500.0);
        assert!(c.focus().event.is_none(), "nothing while playing");
        c.handle(Command::StepForward);
        let f = c.focus();
        let last = c.lab().recent_events().back().unwrap();
        assert_eq!(f.event, Some(last));
        assert_eq!(f.nodes, last.kind.nodes());
        assert_eq!(f.message, last.kind.message());
    }

    #[test]
    fn at_a_lesson_step_the_focus_is_its_cue() {
        let mut c = ctrl();
        open(&mut c, &lesson::<Raft>(RAFT_LESSON), None);
        // The third step is cued by S1's crash and highlights S2 and S3.
        c.handle(Command::LessonGoto(2));
        assert_eq!(c.lesson().unwrap().phase(), Phase::Paused(2));
        let f = c.focus();
        let cue = c.lesson().unwrap().cue_event().unwrap();
        assert_eq!(f.event, Some(cue));
        assert_eq!(cue.kind.name(), "crash");
        let listed = c
            .lab()
            .recent_events()
            .iter()
            .any(|e| std::ptr::eq(e, f.event.unwrap()));
        assert!(listed, "the narration's own copy");
        assert_eq!(
            f.nodes,
            [NodeId(2), NodeId(3), NodeId(1)],
            "the step's servers, then the cue's"
        );
        c.handle(Command::TogglePlay);
        assert!(
            c.focus().event.is_none(),
            "no cue on the way to the next step"
        );
    }

    #[test]
    fn a_link_moment_is_caught_up_with_a_frame_at_a_time() {
        let mut c = ctrl();
        let target = SimTime::from_millis(120_000);
        c.handle(Command::CatchUp(target));
        let mut frames = 0;
        while c.catching_up().is_some() {
            c.tick(16.0);
            frames += 1;
        }
        assert!(frames > 1, "spread over frames");
        assert_eq!(c.lab().now(), target);
        c.handle(Command::CatchUp(SimTime::from_millis(240_000)));
        c.handle(Command::SetLang(crate::lang::Lang::Zh));
        assert!(c.catching_up().is_some(), "a change of language keeps it");
        c.handle(Command::Pause);
        assert!(c.catching_up().is_none(), "any other command stops it");
    }
}
