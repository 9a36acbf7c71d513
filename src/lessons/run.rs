//! Playing a lesson: a [`Lab`] driven forward until the next step's trigger,
//! where it pauses for the learner, until the learner takes over.

use super::{Lesson, Step, Trigger};
use crate::lab::Lab;
use crate::scenario::{ScenarioError, parse_scenario};
use crate::sim::SimTime;
use crate::trace::TraceEvent;

/// Why a lesson could not start.
#[derive(Clone, Debug, PartialEq)]
pub enum LessonError {
    /// The lesson has no variant with that id.
    UnknownVariant,
    /// The lesson's scenario does not parse (a defect the tests rule out).
    Scenario(ScenarioError),
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LessonError::UnknownVariant => write!(f, "no such variant"),
            LessonError::Scenario(e) => write!(f, "{e}"),
        }
    }
}

/// Where a lesson run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Playing towards the next step's trigger.
    Playing,
    /// Stopped at the moment step `n` (zero-based) describes; `resume` goes on.
    Paused(usize),
    /// The scenario reached its stop time.
    Finished,
    /// The learner took over: the lab runs freely and steps no longer fire.
    TakenOver,
}

/// A lesson (or one of its variants) being played in a lab.
#[derive(Clone, Debug)]
pub struct LessonRun {
    lesson: &'static Lesson,
    variant: Option<&'static str>,
    steps: &'static [Step],
    lab: Lab,
    stop: SimTime,
    phase: Phase,
    /// Steps that have fired.
    fired: usize,
    /// The event that fired the latest step, if an event did.
    cue_event: Option<TraceEvent>,
    /// How many trace events of the lab have been examined for triggers.
    seen: u64,
}

impl LessonRun {
    /// Starts the main run of `lesson`, or the variant with id `variant`.
    pub fn new(lesson: &'static Lesson, variant: Option<&str>) -> Result<LessonRun, LessonError> {
        let variant = match variant {
            None => None,
            Some(id) => Some(lesson.variant(id).ok_or(LessonError::UnknownVariant)?.id),
        };
        let (json, steps) = lesson.track(variant).ok_or(LessonError::UnknownVariant)?;
        let scenario = parse_scenario(json).map_err(LessonError::Scenario)?;
        Ok(LessonRun {
            lesson,
            variant,
            steps,
            seen: 0,
            lab: Lab::new(&scenario),
            stop: scenario.stop,
            phase: Phase::Playing,
            fired: 0,
            cue_event: None,
        })
    }

    pub fn lesson(&self) -> &'static Lesson {
        self.lesson
    }
    pub fn variant(&self) -> Option<&'static str> {
        self.variant
    }
    pub fn steps(&self) -> &'static [Step] {
        self.steps
    }
    pub fn lab(&self) -> &Lab {
        &self.lab
    }
    pub fn phase(&self) -> Phase {
        self.phase
    }
    /// The scenario's stop time: the lesson ends there unless taken over.
    pub fn stop(&self) -> SimTime {
        self.stop
    }

    /// The latest step that fired (zero-based) and the step itself: the text to show.
    pub fn current(&self) -> Option<(usize, &'static Step)> {
        let n = self.fired.checked_sub(1)?;
        Some((n, &self.steps[n]))
    }

    /// The trace event that fired the current step (`None` for a timed step):
    /// its servers are worth highlighting too.
    pub fn cue_event(&self) -> Option<&TraceEvent> {
        self.cue_event.as_ref()
    }

    /// Leaves the pause and plays on towards the next step.
    pub fn resume(&mut self) {
        if let Phase::Paused(_) = self.phase {
            self.phase = Phase::Playing;
        }
    }

    /// Hands the lab to the learner: steps stop firing and `advance` just plays.
    pub fn take_over(&mut self) -> &mut Lab {
        self.phase = Phase::TakenOver;
        &mut self.lab
    }

    /// The lab, taken over.
    pub fn into_lab(self) -> Lab {
        self.lab
    }

    /// Plays up to `until`, stopping earlier, exactly at the moment a step's
    /// trigger fires (then the phase is `Paused`). While paused or finished
    /// nothing moves; once taken over the lab plays freely. Call it every frame.
    pub fn advance(&mut self, until: SimTime) -> Phase {
        match self.phase {
            Phase::TakenOver => {
                self.lab.advance(until);
                return self.phase;
            }
            Phase::Paused(_) | Phase::Finished => return self.phase,
            Phase::Playing => {}
        }
        let until = until.min(self.stop);
        loop {
            let Some(step) = self.steps.get(self.fired) else {
                return self.play_until(until);
            };
            match step.trigger {
                Trigger::At(t) => {
                    if t > until {
                        return self.play_until(until);
                    }
                    self.lab.advance(t);
                    self.seen = self.lab.trace_count();
                    return self.fire(None);
                }
                Trigger::First(m) => {
                    if let Some(ev) = self.scan(|ev| m.matches(&ev.kind)) {
                        return self.fire(Some(ev));
                    }
                    if !self.lab.step_within(until) {
                        // Nothing left before `until`: move the clock there.
                        return self.play_until(until);
                    }
                }
            }
        }
    }

    /// Plays to `until` without looking for triggers; at the stop the lesson
    /// is finished, even if a step never fired (a defect the tests rule out).
    fn play_until(&mut self, until: SimTime) -> Phase {
        self.lab.advance(until);
        self.seen = self.lab.trace_count();
        if self.lab.now() >= self.stop {
            self.phase = Phase::Finished;
        }
        self.phase
    }

    /// Examines the lab's events not yet examined, in order, up to the first
    /// one `pred` accepts, which it returns.
    fn scan(&mut self, pred: impl Fn(&TraceEvent) -> bool) -> Option<TraceEvent> {
        let total = self.lab.trace_count();
        scan_new(self.lab.recent_events(), total, &mut self.seen, pred)
    }

    fn fire(&mut self, ev: Option<TraceEvent>) -> Phase {
        self.phase = Phase::Paused(self.fired);
        self.fired += 1;
        self.cue_event = ev;
        self.phase
    }
}

/// Examines the events of `recent` a reader has not examined yet (the buffer
/// has taken in `total` events, the reader `*seen` of them), in order, up to
/// the first one `pred` accepts, which it returns; `*seen` moves past it.
pub(crate) fn scan_new<E: Clone>(
    recent: &std::collections::VecDeque<E>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::by_id;

    fn start(lesson: &str, variant: Option<&str>) -> LessonRun {
        LessonRun::new(by_id(lesson).unwrap(), variant).unwrap()
    }

    #[test]
    fn advance_stops_at_the_trigger_and_not_before_or_after() {
        let mut run = start("figure8", None);
        // The first step waits for the partition at 500 ms.
        let before = SimTime::from_millis(499);
        assert_eq!(run.advance(before), Phase::Playing);
        assert_eq!(run.lab().now(), before);
        assert!(run.current().is_none());
        assert_eq!(run.advance(SimTime::from_millis(2_000)), Phase::Paused(0));
        assert_eq!(run.lab().now(), SimTime::from_millis(500));
        assert_eq!(run.current().map(|(n, _)| n), Some(0));
        // Paused: nothing moves until resumed.
        assert_eq!(run.advance(SimTime::from_millis(3_000)), Phase::Paused(0));
        assert_eq!(run.lab().now(), SimTime::from_millis(500));
        run.resume();
        assert_eq!(run.advance(SimTime::from_millis(3_000)), Phase::Paused(1));
        assert!(run.lab().now() > SimTime::from_millis(500));
    }

    #[test]
    fn steps_cued_by_one_engine_step_pause_separately() {
        // S5 becomes leader of term 4 and the checker flags Leader Completeness
        // in the same engine step: two lesson steps, two pauses, one moment.
        let mut run = start("figure8", Some("unsafe-commit"));
        let mut pauses = Vec::new();
        while let Phase::Paused(n) = run.advance(SimTime::MAX) {
            pauses.push((n, run.lab().now(), run.cue_event().unwrap().kind.name()));
            run.resume();
        }
        let leader = pauses
            .iter()
            .position(|p| p.2 == "role" && p.1 > SimTime::from_millis(2_000))
            .unwrap();
        let (n, at, _) = pauses[leader];
        assert_eq!(pauses[leader + 1], (n + 1, at, "violation"));
    }

    #[test]
    fn taking_over_stops_the_steps_and_lets_the_lab_run_past_the_stop() {
        let mut run = start("election", None);
        assert_eq!(run.advance(SimTime::MAX), Phase::Paused(0));
        let lab = run.take_over();
        lab.act(crate::cluster::Action::Crash(
            crate::cluster::NodeRef::Leader,
        ));
        let beyond = run.stop() + crate::sim::SimDuration::from_millis(500);
        assert_eq!(run.advance(beyond), Phase::TakenOver);
        assert_eq!(run.lab().now(), beyond);
        assert_eq!(run.current().map(|(n, _)| n), Some(0), "no step fired");
    }

    #[test]
    fn unknown_variants_are_refused() {
        let lesson = by_id("figure8").unwrap();
        assert_eq!(
            LessonRun::new(lesson, Some("nope")).err(),
            Some(LessonError::UnknownVariant)
        );
        assert_eq!(
            LessonRun::new(lesson, Some("unsafe-commit"))
                .unwrap()
                .variant(),
            Some("unsafe-commit")
        );
    }
}
