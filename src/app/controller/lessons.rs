//! The controller's side of a guided lesson: starting one, the clicker's next
//! and previous step, playing towards a step, and handing the lab over.

use super::Controller;
use crate::app::Command;
use crate::app::Selection;
use crate::app::lesson_mode::{LessonPhase, LessonSession};

impl Controller {
    /// Whether a lesson drives the lab (it has not been taken over).
    pub(super) fn lesson_drives(&self) -> bool {
        self.lesson.as_ref().is_some_and(|s| !s.taken_over())
    }

    /// Hands the lab to the learner if a lesson drives it.
    pub(super) fn take_over(&mut self) {
        if let Some(lab) = self.lesson.as_mut().and_then(LessonSession::take_over) {
            self.lab = lab;
        }
    }

    pub(super) fn start_lesson(&mut self, id: &str, variant: Option<&str>) {
        match LessonSession::start(id, variant) {
            Ok((session, warning)) => {
                if let Some(lab) = session.lab() {
                    // The free lab waits for a take-over; keep it small meanwhile.
                    self.lab = lab.clone();
                }
                self.lesson = Some(session);
                self.notice = warning;
                self.selection = Selection::None;
                self.playing = false;
            }
            Err(notice) => self.notice = Some(notice),
        }
    }

    /// Play (or pause) a lesson: from a step, playing moves on towards the next.
    pub(super) fn lesson_play(&mut self, play: bool) {
        let Some(s) = self.lesson.as_mut() else {
            return;
        };
        match s.phase() {
            LessonPhase::Finished => self.playing = false,
            LessonPhase::Paused(_) if play => {
                s.resume();
                self.playing = true;
            }
            _ => self.playing = play,
        }
    }

    /// Replays the lesson to step `n` (or its start), stopped there.
    pub(super) fn lesson_goto(&mut self, n: Option<usize>) {
        let Some(s) = self.lesson.as_mut() else {
            return;
        };
        if let Err(notice) = s.goto(n) {
            self.notice = Some(notice);
        }
        self.playing = false;
        self.selection = Selection::None;
    }

    /// The clicker's "next": leave a step and play on; while playing, go
    /// straight to the next step; after a take-over, back to the next step.
    pub(super) fn lesson_next(&mut self) {
        let Some(s) = self.lesson.as_mut() else {
            return self.handle(Command::StepForward);
        };
        match s.phase() {
            LessonPhase::Finished => {}
            LessonPhase::Free(n) => {
                let next = n.map_or(0, |n| n + 1);
                self.lesson_goto(Some(next));
            }
            LessonPhase::Paused(_) => self.lesson_play(true),
            LessonPhase::Intro | LessonPhase::Playing(_) if self.playing => {
                s.skip();
                self.playing = false;
            }
            LessonPhase::Intro | LessonPhase::Playing(_) => self.playing = true,
        }
    }

    /// The clicker's "previous": back to the step before (or to the current
    /// step's moment when on the way from it).
    pub(super) fn lesson_prev(&mut self) {
        let Some(s) = self.lesson.as_ref() else {
            return self.handle(Command::StepBack);
        };
        let target = match s.phase() {
            LessonPhase::Intro => None,
            LessonPhase::Paused(n) => n.checked_sub(1),
            LessonPhase::Playing(n) | LessonPhase::Free(Some(n)) => Some(n),
            LessonPhase::Free(None) => None,
            LessonPhase::Finished => s.current().map(|(n, _)| n),
        };
        self.lesson_goto(target);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::controller::tests::ctrl;
    use crate::sim::NodeId;

    fn lesson(c: &mut Controller) -> LessonPhase {
        c.lesson().map(|s| s.phase()).unwrap()
    }

    #[test]
    fn the_clicker_walks_through_a_lesson_to_its_end() {
        let mut c = ctrl();
        c.handle(Command::StartLesson {
            id: "replication".into(),
            variant: None,
        });
        assert_eq!(lesson(&mut c), LessonPhase::Intro);
        c.handle(Command::LessonNext);
        assert!(c.playing(), "the first press plays");
        c.handle(Command::LessonNext);
        assert_eq!(
            lesson(&mut c),
            LessonPhase::Paused(0),
            "the second skips to the step"
        );
        assert!(!c.playing());
        let steps = c.lesson().unwrap().steps().len();
        let mut presses = 0;
        while lesson(&mut c) != LessonPhase::Finished && presses < 4 * steps {
            c.handle(Command::LessonNext);
            presses += 1;
        }
        assert_eq!(lesson(&mut c), LessonPhase::Finished);
        c.handle(Command::LessonPrev);
        assert_eq!(lesson(&mut c), LessonPhase::Paused(steps - 1));
        c.handle(Command::LessonPrev);
        assert_eq!(lesson(&mut c), LessonPhase::Paused(steps - 2));
    }

    #[test]
    fn playing_stops_at_each_step() {
        let mut c = ctrl();
        c.handle(Command::StartLesson {
            id: "election".into(),
            variant: None,
        });
        c.handle(Command::SetSpeed(1.0));
        c.handle(Command::Play);
        for _ in 0..400 {
            c.tick(16.0);
        }
        assert_eq!(lesson(&mut c), LessonPhase::Paused(0));
        assert!(!c.playing(), "a step pauses the clock");
        c.handle(Command::TogglePlay);
        assert_eq!(lesson(&mut c), LessonPhase::Playing(0));
    }

    #[test]
    fn acting_takes_over_and_keeps_the_lesson_future_as_a_branch() {
        let mut c = ctrl();
        c.handle(Command::StartLesson {
            id: "leader-crash".into(),
            variant: None,
        });
        c.handle(Command::LessonNext);
        c.handle(Command::LessonNext);
        let at = c.lab().now();
        c.handle(Command::CrashOrRestart(NodeId(1)));
        assert_eq!(lesson(&mut c), LessonPhase::Free(Some(0)));
        assert_eq!(c.lab().now(), at, "the same moment, now free");
        assert_eq!(
            c.lab().branches().len(),
            1,
            "the lesson's future is a branch"
        );
        assert_eq!(c.notice().unwrap().branch, Some(0));
        c.handle(Command::LessonPrev);
        assert_eq!(lesson(&mut c), LessonPhase::Paused(0), "back to the lesson");
        c.handle(Command::CloseLesson);
        assert!(c.lesson().is_none());
        assert_eq!(c.lab().now(), at, "closing keeps the lab where it is");
    }

    #[test]
    fn without_a_lesson_the_clicker_steps_events() {
        let mut c = ctrl();
        c.handle(Command::LessonNext);
        c.handle(Command::LessonNext);
        assert_eq!(c.cluster().stats().events, 2);
        c.handle(Command::LessonPrev);
        assert_eq!(c.cluster().stats().events, 1);
        c.handle(Command::StartLesson {
            id: "nope".into(),
            variant: None,
        });
        assert!(c.lesson().is_none());
        assert!(c.notice().unwrap().en.contains("no lesson"));
    }
}
