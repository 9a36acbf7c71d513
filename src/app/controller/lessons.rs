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
