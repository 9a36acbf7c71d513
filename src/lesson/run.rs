//! Playing a lesson: the lab is driven forward until the next step's
//! trigger, where it pauses for the learner; the run remembers the learner's
//! answers, can go back or forward to any step (by replaying the lesson,
//! which is deterministic), and hands the lab over when the learner takes
//! over. The lab belongs to the caller, so the learner's controls act on the
//! very run the lesson narrates.

use super::cue::Cues;
use super::data::{Lesson, Step, Track, Trigger};
use crate::lab::Lab;
use crate::sim::{SimTime, TraceEvent};
use std::collections::VecDeque;
use std::rc::Rc;

/// Why a lesson could not start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LessonError {
    /// The lesson has no variant with that id.
    UnknownVariant,
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LessonError::UnknownVariant => write!(f, "no such variant"),
        }
    }
}

/// Where a lesson run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Playing towards the next step's trigger (`None` before the first step).
    Playing(Option<usize>),
    /// Stopped at the moment step `n` (zero-based) describes; `resume` goes on.
    Paused(usize),
    /// The scenario reached its stop time (after the last step it reached).
    Finished(Option<usize>),
    /// The learner took over after step `n` (if any): the lab runs freely.
    TakenOver(Option<usize>),
}

impl Phase {
    /// The latest step reached, whatever the phase.
    pub fn step(self) -> Option<usize> {
        match self {
            Phase::Paused(n) => Some(n),
            Phase::Playing(n) | Phase::Finished(n) | Phase::TakenOver(n) => n,
        }
    }

    /// A stable name, used in the page as a data attribute.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Playing(None) => "intro",
            Phase::Playing(Some(_)) => "playing",
            Phase::Paused(_) => "paused",
            Phase::Finished(_) => "finished",
            Phase::TakenOver(_) => "free",
        }
    }
}

/// A lesson (or one of its variants) being played in a lab.
pub struct LessonRun<P: Cues> {
    lesson: Rc<Lesson<P, P::Cue>>,
    variant: Option<String>,
    phase: Phase,
    /// Steps that have fired.
    fired: usize,
    /// The event that fired the latest step, if an event did.
    cue_event: Option<TraceEvent<P::Event>>,
    /// How many trace events of the lab have been examined for triggers.
    seen: u64,
    /// The learner's choice for each step's question.
    answers: Vec<Option<usize>>,
}

impl<P: Cues> Clone for LessonRun<P> {
    fn clone(&self) -> Self {
        LessonRun {
            lesson: self.lesson.clone(),
            variant: self.variant.clone(),
            phase: self.phase,
            fired: self.fired,
            cue_event: self.cue_event.clone(),
            seen: self.seen,
            answers: self.answers.clone(),
        }
    }
}

impl<P: Cues> LessonRun<P> {
    /// Starts the main run of `lesson`, or its variant `variant`, with the
    /// lab it plays in, at time zero.
    pub fn start(
        lesson: Rc<Lesson<P, P::Cue>>,
        variant: Option<&str>,
    ) -> Result<(Self, Lab<P>), LessonError> {
        let track = lesson.track(variant).ok_or(LessonError::UnknownVariant)?;
        let lab = Lab::new(&track.scenario);
        let run = LessonRun {
            answers: vec![None; track.steps.len()],
            lesson,
            variant: variant.map(str::to_string),
            phase: Phase::Playing(None),
            fired: 0,
            cue_event: None,
            seen: lab.trace_count(),
        };
        Ok((run, lab))
    }

    pub fn lesson(&self) -> &Rc<Lesson<P, P::Cue>> {
        &self.lesson
    }
    pub fn variant(&self) -> Option<&str> {
        self.variant.as_deref()
    }
    fn track(&self) -> &Track<P, P::Cue> {
        self.lesson
            .track(self.variant.as_deref())
            .unwrap_or(&self.lesson.main)
    }
    /// The steps of the main run or of the variant being played.
    pub fn steps(&self) -> &[Step<P::Cue>] {
        &self.track().steps
    }
    pub fn phase(&self) -> Phase {
        self.phase
    }
    pub fn taken_over(&self) -> bool {
        matches!(self.phase, Phase::TakenOver(_))
    }
    /// The scenario's stop time: the lesson ends there unless taken over.
    pub fn stop(&self) -> SimTime {
        self.track().scenario.stop
    }

    /// The latest step that fired (zero-based) and the step itself: the text to show.
    pub fn current(&self) -> Option<(usize, &Step<P::Cue>)> {
        let n = self.fired.checked_sub(1)?;
        Some((n, &self.steps()[n]))
    }

    /// The trace event that fired the current step, while stopped at it (its
    /// servers are worth highlighting too).
    pub fn cue_event(&self) -> Option<&TraceEvent<P::Event>> {
        match self.phase {
            Phase::Paused(_) => self.cue_event.as_ref(),
            _ => None,
        }
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

    /// Leaves the pause and plays on towards the next step.
    pub fn resume(&mut self) {
        if let Phase::Paused(n) = self.phase {
            self.phase = Phase::Playing(Some(n));
        }
    }

    /// Steps stop firing; the lab is the learner's from now on.
    pub fn take_over(&mut self) {
        self.phase = Phase::TakenOver(self.phase.step());
    }

    /// Plays `lab` up to `until`, stopping earlier, exactly at the moment a
    /// step's trigger fires (the phase is then `Paused`). While paused or
    /// finished nothing moves; once taken over the caller plays the lab.
    pub fn advance(&mut self, lab: &mut Lab<P>, until: SimTime) -> Phase {
        if let Phase::Playing(_) = self.phase {
            let until = until.min(self.stop());
            self.play(lab, until);
        }
        self.phase
    }

    /// Goes straight to the next step (or the end) without pausing on the way.
    pub fn skip(&mut self, lab: &mut Lab<P>) {
        self.resume();
        self.advance(lab, SimTime::MAX);
    }

    /// Replays the lesson into a fresh `lab`, stopped at step `n` (`None`:
    /// its start). Answers given so far are kept.
    pub fn goto(&mut self, lab: &mut Lab<P>, n: Option<usize>) {
        *lab = Lab::new(&self.track().scenario);
        self.phase = Phase::Playing(None);
        self.fired = 0;
        self.cue_event = None;
        self.seen = lab.trace_count();
        let Some(n) = n.map(|n| n.min(self.steps().len().saturating_sub(1))) else {
            return;
        };
        while let Phase::Paused(at) = self.advance(lab, SimTime::MAX) {
            if at == n {
                return;
            }
            self.resume();
        }
    }

    fn play(&mut self, lab: &mut Lab<P>, until: SimTime) {
        loop {
            let Some(step) = self.steps().get(self.fired) else {
                return self.play_until(lab, until);
            };
            match &step.when {
                Trigger::At(t) => {
                    let t = *t;
                    if t > until {
                        return self.play_until(lab, until);
                    }
                    lab.advance(t);
                    self.seen = lab.trace_count();
                    return self.fire(None);
                }
                Trigger::On(cue) if P::is_condition(cue) => {
                    if P::holds(cue, lab.world()) {
                        self.seen = lab.trace_count();
                        return self.fire(None);
                    }
                }
                Trigger::On(cue) => {
                    let cue = cue.clone();
                    let total = lab.trace_count();
                    if let Some(ev) = scan_new(lab.recent_events(), total, &mut self.seen, |ev| {
                        P::matches(&cue, &ev.kind)
                    }) {
                        return self.fire(Some(ev));
                    }
                }
            }
            if !lab.step_within(until) {
                // Nothing left before `until`: move the clock there.
                return self.play_until(lab, until);
            }
        }
    }

    /// Plays to `until` without looking for triggers; at the stop the lesson
    /// is finished, even if a step never fired (a defect the tests rule out).
    fn play_until(&mut self, lab: &mut Lab<P>, until: SimTime) {
        lab.advance(until);
        self.seen = lab.trace_count();
        if lab.now() >= self.stop() {
            self.phase = Phase::Finished(self.phase.step());
        }
    }

    fn fire(&mut self, ev: Option<TraceEvent<P::Event>>) {
        self.phase = Phase::Paused(self.fired);
        self.fired += 1;
        self.cue_event = ev;
    }
}

/// Examines the events of `recent` a reader has not examined yet (the buffer
/// has taken in `total` events, the reader `*seen` of them), in order, up to
/// the first one `pred` accepts, which it returns; `*seen` moves past it.
fn scan_new<E: Clone>(
    recent: &VecDeque<E>,
    total: u64,
    seen: &mut u64,
    pred: impl Fn(&E) -> bool,
) -> Option<E> {
    let new = usize::try_from(total - *seen).unwrap_or(usize::MAX);
    let skip = recent.len().saturating_sub(new);
    for (i, ev) in recent.iter().enumerate().skip(skip) {
        if pred(ev) {
            *seen = total - (recent.len() - 1 - i) as u64;
            return Some(ev.clone());
        }
    }
    *seen = total;
    None
}
