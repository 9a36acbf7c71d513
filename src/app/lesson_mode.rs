//! A guided lesson inside the lab: plays a [`LessonRun`], stops at each step,
//! remembers the learner's answers, moves to any step (by replaying the
//! lesson, which is deterministic) and hands the lab to the learner when they
//! take over. The controller decides when time moves; this only keeps the
//! lesson's place.

use super::controller::{Level, Notice};
use crate::lab::Lab;
use crate::lessons::{self, Lesson, LessonRun, Phase, Step};
use crate::sim::SimTime;
use crate::trace::TraceEvent;

/// Where a lesson is, as its panel shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonPhase {
    /// No step has been reached yet.
    Intro,
    /// Stopped at step `n` (zero-based), waiting for the learner.
    Paused(usize),
    /// On the way from step `n` to the next one.
    Playing(usize),
    /// The lesson's run reached its end.
    Finished,
    /// The learner took over the lab after step `n` (if any).
    Free(Option<usize>),
}

impl LessonPhase {
    /// A stable name, used in the page as a data attribute.
    pub fn name(self) -> &'static str {
        match self {
            LessonPhase::Intro => "intro",
            LessonPhase::Paused(_) => "paused",
            LessonPhase::Playing(_) => "playing",
            LessonPhase::Finished => "finished",
            LessonPhase::Free(_) => "free",
        }
    }
}

/// A lesson being followed in the lab.
#[derive(Clone, Debug)]
pub struct LessonSession {
    lesson: &'static Lesson,
    variant: Option<&'static str>,
    /// `None` once the learner took over.
    run: Option<LessonRun>,
    /// The latest step reached.
    step: Option<usize>,
    cue: Option<TraceEvent>,
    paused: bool,
    finished: bool,
    /// The learner's choice for each step's question.
    answers: Vec<Option<usize>>,
}

fn lesson_ids() -> String {
    lessons::all()
        .iter()
        .map(|l| l.id)
        .collect::<Vec<_>>()
        .join(", ")
}

impl LessonSession {
    /// Starts lesson `id` (or its `variant`). An unknown lesson is an error
    /// notice; an unknown variant starts the main run and says so.
    pub fn start(id: &str, variant: Option<&str>) -> Result<(Self, Option<Notice>), Notice> {
        let Some(lesson) = lessons::by_id(id) else {
            return Err(Notice::new(
                Level::Error,
                format!(
                    "There is no lesson \"{id}\". The lessons are: {}.",
                    lesson_ids()
                ),
                format!("没有名为“{id}”的课程。课程有：{}。", lesson_ids()),
            ));
        };
        let mut warning = None;
        let variant = match variant {
            Some(v) if lesson.variant(v).is_none() => {
                let known: Vec<&str> = lesson.variants.iter().map(|x| x.id).collect();
                let known = if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                };
                warning = Some(Notice::new(
                    Level::Warning,
                    format!(
                        "Lesson \"{id}\" has no variant \"{v}\" (it has: {known}); the main run is shown."
                    ),
                    format!("课程“{id}”没有变体“{v}”（可选：{known}）；已显示主线。"),
                ));
                None
            }
            other => other.and_then(|v| lesson.variant(v)).map(|v| v.id),
        };
        let mut session = LessonSession {
            lesson,
            variant,
            run: None,
            step: None,
            cue: None,
            paused: false,
            finished: false,
            answers: Vec::new(),
        };
        session.goto(None)?;
        session.answers = vec![None; session.steps().len()];
        Ok((session, warning))
    }

    pub fn lesson(&self) -> &'static Lesson {
        self.lesson
    }
    pub fn variant(&self) -> Option<&'static str> {
        self.variant
    }
    /// The steps of the main run or of the variant being played.
    pub fn steps(&self) -> &'static [Step] {
        self.lesson
            .track(self.variant)
            .map_or(&[], |(_, steps)| steps)
    }
    /// The lab while the lesson drives it.
    pub fn lab(&self) -> Option<&Lab> {
        self.run.as_ref().map(LessonRun::lab)
    }
    pub fn taken_over(&self) -> bool {
        self.run.is_none()
    }

    pub fn phase(&self) -> LessonPhase {
        match (self.run.is_some(), self.step) {
            (false, n) => LessonPhase::Free(n),
            _ if self.finished => LessonPhase::Finished,
            (true, Some(n)) if self.paused => LessonPhase::Paused(n),
            (true, Some(n)) => LessonPhase::Playing(n),
            (true, None) => LessonPhase::Intro,
        }
    }

    /// The latest step reached and its text.
    pub fn current(&self) -> Option<(usize, &'static Step)> {
        let n = self.step?;
        self.steps().get(n).map(|s| (n, s))
    }

    /// The event that triggered the current step, while stopped at it.
    pub fn cue(&self) -> Option<&TraceEvent> {
        self.paused.then_some(self.cue.as_ref()).flatten()
    }

    /// The learner's answer to step `n`'s question.
    pub fn answer_of(&self, n: usize) -> Option<usize> {
        self.answers.get(n).copied().flatten()
    }

    /// Records an answer to the current step's question.
    pub fn answer(&mut self, choice: usize) {
        let Some((n, step)) = self.current() else {
            return;
        };
        if step
            .question
            .as_ref()
            .is_some_and(|q| choice < q.choices.len())
        {
            self.answers[n] = Some(choice);
        }
    }

    /// Plays towards `until`, stopping at the next step. True if it stopped or finished.
    pub fn advance(&mut self, until: SimTime) -> bool {
        let Some(run) = self.run.as_mut() else {
            return false;
        };
        match run.advance(until) {
            Phase::Paused(n) => {
                self.step = Some(n);
                self.cue = run.cue_event().cloned();
                self.paused = true;
                true
            }
            Phase::Finished => {
                self.finished = true;
                self.paused = false;
                true
            }
            Phase::Playing | Phase::TakenOver => false,
        }
    }

    /// Leaves the current step to play on.
    pub fn resume(&mut self) {
        if let Some(run) = self.run.as_mut() {
            run.resume();
            self.paused = false;
        }
    }

    /// Goes straight to the next step (or the end) without playing the way there.
    pub fn skip(&mut self) {
        self.resume();
        self.advance(SimTime::MAX);
    }

    /// Hands the lab to the learner: steps stop, the lab runs freely. The
    /// lesson's script stays in it, so acting later keeps it as a branch.
    pub fn take_over(&mut self) -> Option<Lab> {
        self.paused = false;
        self.run.take().map(LessonRun::into_lab)
    }

    /// Replays the lesson to step `n` (`None`: its start), stopped there.
    pub fn goto(&mut self, n: Option<usize>) -> Result<(), Notice> {
        let run = LessonRun::new(self.lesson, self.variant).map_err(|e| {
            let text = e.to_string();
            Notice::new(Level::Error, text.clone(), text)
        })?;
        self.run = Some(run);
        self.step = None;
        self.cue = None;
        self.paused = false;
        self.finished = false;
        let Some(n) = n.map(|n| n.min(self.steps().len().saturating_sub(1))) else {
            return Ok(());
        };
        while self.advance(SimTime::MAX) && !self.finished && self.step != Some(n) {
            self.resume();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_stops_at_each_step_and_can_go_back() {
        let (mut s, warning) = LessonSession::start("figure8", None).unwrap();
        assert!(warning.is_none());
        assert_eq!(s.phase(), LessonPhase::Intro);
        assert!(s.advance(SimTime::MAX));
        assert_eq!(s.phase(), LessonPhase::Paused(0));
        let first_stop = s.lab().unwrap().now();
        s.skip();
        assert_eq!(s.phase(), LessonPhase::Paused(1));
        s.resume();
        assert_eq!(s.phase(), LessonPhase::Playing(1));
        s.goto(Some(0)).unwrap();
        assert_eq!(s.phase(), LessonPhase::Paused(0));
        assert_eq!(s.lab().unwrap().now(), first_stop, "the same moment again");
        let steps = s.steps().len();
        while s.phase() != LessonPhase::Finished {
            s.skip();
        }
        assert_eq!(s.current().map(|c| c.0), Some(steps - 1));
    }

    #[test]
    fn answers_are_kept_per_step_and_checked() {
        let (mut s, _) = LessonSession::start("election", None).unwrap();
        let asks = s
            .steps()
            .iter()
            .position(|st| st.question.is_some())
            .unwrap();
        s.goto(Some(asks)).unwrap();
        s.answer(99);
        assert_eq!(s.answer_of(asks), None, "no such choice");
        s.answer(1);
        assert_eq!(s.answer_of(asks), Some(1));
        s.goto(Some(asks)).unwrap();
        assert_eq!(s.answer_of(asks), Some(1), "kept when coming back");
    }

    #[test]
    fn taking_over_hands_out_the_lab_with_the_lesson_script() {
        let (mut s, _) = LessonSession::start("leader-crash", None).unwrap();
        s.skip();
        let at = s.lab().unwrap().now();
        let lab = s.take_over().unwrap();
        assert_eq!(lab.now(), at);
        assert!(
            lab.cluster().has_future_script(),
            "the lesson's future is still there"
        );
        assert_eq!(s.phase(), LessonPhase::Free(Some(0)));
        assert!(s.lab().is_none());
        s.goto(Some(0)).unwrap();
        assert_eq!(s.phase(), LessonPhase::Paused(0), "back to the lesson");
    }

    #[test]
    fn unknown_lessons_and_variants_say_what_exists() {
        let err = LessonSession::start("figure9", None).unwrap_err();
        assert!(err.en.contains("figure8") && err.zh.contains("figure9"));
        let (s, warning) = LessonSession::start("figure8", Some("nope")).unwrap();
        assert!(warning.unwrap().en.contains("unsafe-commit"));
        assert_eq!(s.variant(), None);
        let (s, _) = LessonSession::start("figure8", Some("unsafe-commit")).unwrap();
        assert_eq!(s.variant(), Some("unsafe-commit"));
    }
}
