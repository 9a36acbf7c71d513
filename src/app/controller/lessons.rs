//! The controller's side of a guided lesson: opening one, the clicker's next
//! and previous step, playing towards a step, and handing the lab over.

use super::{Controller, Level, Notice, View};
use crate::app::command::{Command, LessonRef, Selection};
use crate::lesson::{LessonRun, Phase};
use crate::msg;

impl<P: View> Controller<P> {
    /// Whether a lesson drives the lab (it has not been taken over).
    pub(super) fn lesson_drives(&self) -> bool {
        self.lesson.as_ref().is_some_and(|s| !s.taken_over())
    }

    /// Hands the lab to the learner if a lesson drives it.
    pub(super) fn take_over(&mut self) {
        if let Some(run) = self.lesson.as_mut() {
            run.take_over();
        }
    }

    /// Opens `lesson` (or its `variant`): its run replaces the lab. An unknown
    /// variant plays the main run and says so.
    pub(super) fn open_lesson(&mut self, lesson: LessonRef<P>, variant: Option<&str>) {
        let (variant, warning) = match variant {
            Some(v) if lesson.variant(v).is_none() => {
                let known: Vec<&str> = lesson.variants.iter().map(|x| x.id.as_str()).collect();
                let id = &lesson.id;
                let text = if known.is_empty() {
                    msg!(
                        "Lesson \"{id}\" has no variant \"{v}\" (it has none); the main run is shown.",
                        "课程“{id}”没有变体“{v}”（它没有任何变体）；已显示主线。"
                    )
                } else {
                    let known = known.join(", ");
                    msg!(
                        "Lesson \"{id}\" has no variant \"{v}\" (it has: {known}); the main run is shown.",
                        "课程“{id}”没有变体“{v}”（可选：{known}）；已显示主线。"
                    )
                };
                let warning = Notice::new(Level::Warning, text);
                (None, Some(warning))
            }
            other => (other, None),
        };
        match LessonRun::start(lesson, variant) {
            Ok((run, lab)) => {
                self.lab = lab;
                self.lesson = Some(run);
                self.notice = warning;
                self.selection = Selection::None;
                self.playing = false;
                self.catch_up = None;
            }
            Err(e) => {
                let e = e.to_string();
                self.notice = Some(Notice::new(Level::Error, msg!("{e}", "{e}")));
            }
        }
    }

    /// Play (or pause) a lesson: from a step, playing moves on towards the next.
    pub(super) fn lesson_play(&mut self, play: bool) {
        let Some(s) = self.lesson.as_mut() else {
            return;
        };
        match s.phase() {
            Phase::Finished(_) => self.playing = false,
            Phase::Paused(_) if play => {
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
        s.goto(&mut self.lab, n);
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
            Phase::Finished(_) => {}
            Phase::TakenOver(n) => {
                let next = n.map_or(0, |n| n + 1);
                self.lesson_goto(Some(next));
            }
            Phase::Paused(_) => self.lesson_play(true),
            Phase::Playing(_) if self.playing => {
                s.skip(&mut self.lab);
                self.playing = false;
            }
            Phase::Playing(_) => self.playing = true,
        }
    }

    /// The clicker's "previous": back to the step before (or to the current
    /// step's moment when on the way from it).
    pub(super) fn lesson_prev(&mut self) {
        let Some(s) = self.lesson.as_ref() else {
            return self.handle(Command::StepBack);
        };
        let target = match s.phase() {
            Phase::Playing(None) | Phase::TakenOver(None) => None,
            Phase::Paused(n) => n.checked_sub(1),
            Phase::Playing(Some(n)) | Phase::TakenOver(Some(n)) => Some(n),
            Phase::Finished(n) => n,
        };
        self.lesson_goto(target);
    }
}

#[cfg(test)]
mod tests {
    use crate::app::controller::tests::{RAFT_LESSON, assert_notice, ctrl, lesson, open};
    use crate::app::{Command, Controller, Level};
    use crate::lesson::Phase;
    use crate::protocols::raft::Raft;
    use crate::sim::{NodeId, SimTime};

    fn phase(c: &Controller<Raft>) -> Phase {
        c.lesson().expect("a lesson").phase()
    }

    /// A Raft lab with the test lesson open.
    fn opened() -> Controller<Raft> {
        let mut c = ctrl();
        open(&mut c, &lesson::<Raft>(RAFT_LESSON), None);
        c
    }

    #[test]
    fn the_clicker_walks_through_a_lesson_to_its_end() {
        let mut c = opened();
        assert_eq!(phase(&c), Phase::Playing(None), "the introduction");
        c.handle(Command::LessonNext);
        assert!(c.playing(), "the first press plays");
        c.handle(Command::LessonNext);
        assert_eq!(phase(&c), Phase::Paused(0), "the second skips to the step");
        assert!(!c.playing());
        let steps = c.lesson().unwrap().steps().len();
        let mut presses = 0;
        while !matches!(phase(&c), Phase::Finished(_)) && presses < 4 * steps {
            c.handle(Command::LessonNext);
            presses += 1;
        }
        assert_eq!(phase(&c), Phase::Finished(Some(steps - 1)));
        c.handle(Command::LessonPrev);
        assert_eq!(phase(&c), Phase::Paused(steps - 1));
        c.handle(Command::LessonPrev);
        assert_eq!(phase(&c), Phase::Paused(steps - 2));
    }

    #[test]
    fn playing_stops_at_each_step() {
        let mut c = opened();
        c.handle(Command::SetSpeed(1.0));
        c.handle(Command::Play);
        for _ in 0..400 {
            c.tick(16.0);
        }
        assert_eq!(phase(&c), Phase::Paused(0));
        assert!(!c.playing(), "a step pauses the clock");
        let at = c.lab().now();
        c.tick(16.0);
        assert_eq!(c.lab().now(), at, "paused at the step");
        c.handle(Command::TogglePlay);
        assert_eq!(phase(&c), Phase::Playing(Some(0)));
        assert!(c.playing());
    }

    #[test]
    fn acting_takes_over_and_keeps_the_lesson_future_as_a_branch() {
        let mut c = opened();
        c.handle(Command::LessonNext);
        c.handle(Command::LessonNext);
        let at = c.lab().now();
        c.handle(Command::CrashOrRestart(NodeId(1)));
        assert_eq!(phase(&c), Phase::TakenOver(Some(0)));
        assert_eq!(c.lab().now(), at, "the same moment, now free");
        assert_eq!(
            c.lab().branches().len(),
            1,
            "the lesson's future is a branch"
        );
        assert_eq!(c.notice().unwrap().branch, Some(0));
        c.handle(Command::LessonPrev);
        assert_eq!(phase(&c), Phase::Paused(0), "back to the lesson");
        c.handle(Command::CloseLesson);
        assert!(c.lesson().is_none());
        assert_eq!(c.lab().now(), at, "closing keeps the lab where it is");
    }

    /// Without a lesson the clicker steps one event. (An unknown lesson id is
    /// answered by the page, which looks it up in the course index.)
    #[test]
    fn without_a_lesson_the_clicker_steps_events() {
        let mut c = ctrl();
        c.handle(Command::LessonNext);
        c.handle(Command::LessonNext);
        assert_eq!(c.lab().events(), 2);
        c.handle(Command::LessonPrev);
        assert_eq!(c.lab().events(), 1);
        assert!(c.lesson().is_none());
    }

    #[test]
    fn a_lesson_stops_at_each_step_and_can_go_back() {
        let mut c = opened();
        c.handle(Command::LessonNext);
        c.handle(Command::LessonNext);
        assert_eq!(phase(&c), Phase::Paused(0));
        let first_stop = c.lab().now();
        c.handle(Command::LessonNext);
        c.handle(Command::LessonNext);
        assert_eq!(phase(&c), Phase::Paused(1));
        assert!(c.lab().now() > first_stop);
        c.handle(Command::TogglePlay);
        assert_eq!(phase(&c), Phase::Playing(Some(1)));
        c.handle(Command::LessonGoto(0));
        assert_eq!(phase(&c), Phase::Paused(0));
        assert!(!c.playing());
        assert_eq!(c.lab().now(), first_stop, "the same moment again");
        c.handle(Command::Reset);
        assert_eq!(phase(&c), Phase::Playing(None), "reset goes to the start");
        assert_eq!(c.lab().now(), SimTime::ZERO);
        let steps = c.lesson().unwrap().steps().len();
        c.handle(Command::LessonGoto(steps - 1));
        assert_eq!(phase(&c), Phase::Paused(steps - 1));
        assert_eq!(c.lesson().unwrap().current().map(|s| s.0), Some(steps - 1));
    }

    #[test]
    fn answers_are_kept_per_step_and_checked() {
        let mut c = opened();
        let asks = c
            .lesson()
            .unwrap()
            .steps()
            .iter()
            .position(|st| st.question.is_some())
            .unwrap();
        c.handle(Command::LessonGoto(asks));
        c.handle(Command::Answer(99));
        assert_eq!(c.lesson().unwrap().answer_of(asks), None, "no such choice");
        c.handle(Command::Answer(1));
        assert_eq!(c.lesson().unwrap().answer_of(asks), Some(1));
        c.handle(Command::LessonGoto(0));
        c.handle(Command::Answer(0));
        assert_eq!(c.lesson().unwrap().answer_of(0), None, "no question here");
        c.handle(Command::LessonGoto(asks));
        assert_eq!(
            c.lesson().unwrap().answer_of(asks),
            Some(1),
            "kept when coming back"
        );
    }

    /// Taking over leaves the lab, the lesson's own, where it is, with the
    /// lesson's script still ahead. (The lab always belongs to the
    /// controller now, so there is no separate lab to hand out.)
    #[test]
    fn taking_over_hands_out_the_lab_with_the_lesson_script() {
        let mut c = opened();
        c.handle(Command::LessonNext);
        c.handle(Command::LessonNext);
        let at = c.lab().now();
        c.handle(Command::TakeOver);
        assert_eq!(phase(&c), Phase::TakenOver(Some(0)));
        assert_eq!(c.lab().now(), at);
        assert!(
            c.lab().run().has_future_script(),
            "the lesson's future is still there"
        );
        assert!(c.lab().branches().is_empty(), "nothing changed yet");
        c.handle(Command::LessonGoto(0));
        assert_eq!(phase(&c), Phase::Paused(0), "back to the lesson");
    }

    /// An unknown variant plays the main run and names the variants there
    /// are. (Unknown lesson ids are the page's to answer: it looks them up
    /// in the course index before fetching a lesson.)
    #[test]
    fn unknown_lessons_and_variants_say_what_exists() {
        let l = lesson::<Raft>(RAFT_LESSON);
        let mut c = ctrl();
        open(&mut c, &l, Some("nope"));
        let n = assert_notice(&c, Level::Warning);
        assert!(
            n.text.en.contains("\"nope\"") && n.text.en.contains("quiet"),
            "{n:?}"
        );
        assert_eq!(c.lesson().unwrap().variant(), None);
        assert_eq!(c.lesson().unwrap().steps().len(), l.main.steps.len());
        open(&mut c, &l, Some("quiet"));
        assert!(c.notice().is_none());
        assert_eq!(c.lesson().unwrap().variant(), Some("quiet"));
        assert_eq!(c.lesson().unwrap().steps().len(), 1);
    }
}
