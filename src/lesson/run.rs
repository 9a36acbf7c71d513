//! Playing a lesson: the lab is driven forward until the next step's
//! trigger, where it pauses for the learner; the run remembers the learner's
//! answers, can go back or forward to any step (by replaying the lesson,
//! which is deterministic), and hands the lab over when the learner takes
//! over. The lab belongs to the caller, so the learner's controls act on the
//! very run the lesson narrates. On the way it checks what the steps claim
//! ([`ClaimReport`]) and plays quiet stretches faster ([`Pace`]).

use super::claims::{ClaimReport, Status, Tally};
use super::cue::Cues;
use super::data::{Lesson, Step, Track, Trigger};
use super::pace::Pace;
use crate::lab::Lab;
use crate::sim::{SimDuration, SimTime, TraceEvent};
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
    /// How many trace events of the lab have been examined for triggers and claims.
    seen: u64,
    /// The learner's choice for each step's question.
    answers: Vec<Option<usize>>,
    /// What the steps' claims have seen so far.
    tally: Tally,
    pace: Pace,
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
            tally: self.tally.clone(),
            pace: self.pace,
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
            tally: Tally::new(&track.steps),
            lesson,
            variant: variant.map(str::to_string),
            phase: Phase::Playing(None),
            fired: 0,
            cue_event: None,
            seen: lab.trace_count(),
            pace: Pace::default(),
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
        track_of(&self.lesson, self.variant.as_deref())
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

    /// Every claim of the steps, as far as the lesson has played.
    pub fn claims(&self) -> Vec<ClaimReport> {
        self.tally.reports(self.steps())
    }

    /// The claims that do not hold, as far as the lesson has played.
    pub fn failed_claims(&self) -> Vec<ClaimReport> {
        let mut all = self.claims();
        all.retain(|c| c.status == Status::Failed);
        all
    }

    /// How fast the lesson plays now, against the chosen speed.
    pub fn pace(&self) -> &Pace {
        &self.pace
    }

    /// Leaves the pause and plays on towards the next step.
    pub fn resume(&mut self) {
        if let Phase::Paused(n) = self.phase {
            self.phase = Phase::Playing(Some(n));
            self.pace.reset();
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
        self.play(lab, until, false, u64::MAX);
        self.phase
    }

    /// Plays `real_ms` of wall-clock time at `speed` (simulated per real
    /// milliseconds), faster through a quiet stretch ([`Pace`]), processing
    /// at most `budget` engine events. A sped-up frame stops right after
    /// the first notable event, so nothing a step talks about flies by.
    pub fn play_for(&mut self, lab: &mut Lab<P>, real_ms: f64, speed: f64, budget: u64) -> Phase {
        if !matches!(self.phase, Phase::Playing(_)) || !real_ms.is_finite() || real_ms <= 0.0 {
            return self.phase;
        }
        let factor = self.pace.factor();
        let target = lab.now() + SimDuration::from_millis_f64(real_ms * speed * factor);
        let notable = self.play(lab, target, factor > 1.0, budget);
        self.pace.frame(real_ms, notable);
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
        self.tally = Tally::new(self.steps());
        self.pace.reset();
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

    /// The next step's trigger, if a step is left.
    fn next_trigger(&self) -> Option<&Trigger<P::Cue>> {
        self.steps().get(self.fired).map(|s| &s.when)
    }

    /// Plays towards `until` (at most `budget` engine events), firing the
    /// next step where its trigger says; with `stop_at_notable`, stops after
    /// the engine event that brought something notable. Returns whether
    /// something notable happened: a step fired, or an event or condition a
    /// claim waits for.
    fn play(
        &mut self,
        lab: &mut Lab<P>,
        until: SimTime,
        stop_at_notable: bool,
        budget: u64,
    ) -> bool {
        if !matches!(self.phase, Phase::Playing(_)) {
            return false;
        }
        let until = until.min(self.stop());
        let mut notable = false;
        let mut left = budget;
        loop {
            let (fired, seen) = self.look(lab);
            notable |= seen;
            if fired || (notable && stop_at_notable) {
                return notable;
            }
            let limit = match self.next_trigger() {
                Some(Trigger::At(t)) => (*t).min(until),
                _ => until,
            };
            if left == 0 {
                return notable;
            }
            if lab.step_within(limit) {
                left -= 1;
                continue;
            }
            // Nothing left to happen by `limit`: the clock moves there.
            lab.advance(limit);
            let (fired, seen) = self.look(lab);
            notable |= seen;
            if fired {
                return notable;
            }
            if let Some(Trigger::At(t)) = self.next_trigger()
                && *t <= until
            {
                self.fire(None);
                return true;
            }
            if lab.now() >= self.stop() {
                self.tally.finish(self.fired);
                self.phase = Phase::Finished(self.phase.step());
            }
            return notable;
        }
    }

    /// Examines the trace events not examined yet, in order, and the world
    /// now: counts them for the claims, and fires the next step if its
    /// trigger is among them. Returns (a step fired, something notable).
    fn look(&mut self, lab: &Lab<P>) -> (bool, bool) {
        let lesson = self.lesson.clone();
        let steps = &track_of(&lesson, self.variant.as_deref()).steps;
        let mut notable = false;
        let recent = lab.recent_events();
        let total = lab.trace_count();
        let new = usize::try_from(total - self.seen).unwrap_or(usize::MAX);
        let skip = recent.len().saturating_sub(new);
        for (i, ev) in recent.iter().enumerate().skip(skip) {
            self.seen = total - (recent.len() - 1 - i) as u64;
            let begins = matches!(
                steps.get(self.fired).map(|s| &s.when),
                Some(Trigger::On(c)) if !P::is_condition(c) && P::matches(c, &ev.kind)
            );
            if begins {
                // The event ends the stretch of the step before (which
                // reaches up to the next step's moment) and the window of the
                // step it begins, and opens that step's stretch and the
                // window of the step after.
                self.tally
                    .event::<P>(self.fired, steps, &ev.kind, true, true);
                self.fire(Some(ev.clone()));
                self.tally
                    .event::<P>(self.fired, steps, &ev.kind, true, true);
                // The rest of the engine step is on show at the pause too.
                for later in recent.iter().skip(i + 1) {
                    self.tally
                        .at_moment::<P>(self.fired - 1, steps, &later.kind);
                }
                return (true, true);
            }
            notable |= self
                .tally
                .event::<P>(self.fired, steps, &ev.kind, true, true);
        }
        self.seen = total;
        notable |= self.tally.world::<P>(self.fired, steps, lab.world());
        if let Some(Trigger::On(c)) = steps.get(self.fired).map(|s| &s.when)
            && P::is_condition(c)
            && P::holds(c, lab.world())
        {
            self.fire(None);
            return (true, true);
        }
        (false, notable)
    }

    fn fire(&mut self, ev: Option<TraceEvent<P::Event>>) {
        self.tally.fire(self.fired);
        self.phase = Phase::Paused(self.fired);
        self.fired += 1;
        self.cue_event = ev;
        self.pace.reset();
    }
}

fn track_of<'a, P: Cues>(
    lesson: &'a Lesson<P, P::Cue>,
    variant: Option<&str>,
) -> &'a Track<P, P::Cue> {
    lesson.track(variant).unwrap_or(&lesson.main)
}
