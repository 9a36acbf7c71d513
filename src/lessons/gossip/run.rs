//! Playing a gossip lesson: the lab is driven forward until the next step's
//! trigger, where it pauses for the learner, until the learner takes over.
//! The lab itself belongs to the caller (the view's controller), so the
//! learner's controls act on the very run the lesson narrates. A Raft run,
//! if the lesson has one, follows the gossip run's clock.

use super::{GossipLesson, GossipStep, GossipTrigger};
use crate::app::gossip_lab::GossipLab;
use crate::gossip::GossipEvent;
use crate::lab::Lab;
use crate::lessons::run::scan_new;
use crate::lessons::{LessonError, Phase};
use crate::scenario::parse_scenario;
use crate::sim::SimTime;

/// A gossip lesson being played.
#[derive(Clone, Debug)]
pub struct GossipLessonRun {
    lesson: &'static GossipLesson,
    stop: SimTime,
    phase: Phase,
    /// Steps that have fired.
    fired: usize,
    /// The event that fired the latest step, if an event did.
    cue_event: Option<GossipEvent>,
    /// How many trace events of the lab have been examined for triggers.
    seen: u64,
    raft: Option<Lab>,
}

impl GossipLessonRun {
    /// The run of `lesson` and the lab it drives, at time zero.
    pub fn start(lesson: &'static GossipLesson) -> Result<(Self, GossipLab), LessonError> {
        let scenario = parse_scenario(lesson.scenario).map_err(LessonError::Scenario)?;
        let setup = scenario.gossip.clone().unwrap_or_default();
        let lab = GossipLab::new(setup.config, setup.script).map_err(|e| {
            LessonError::Scenario(crate::scenario::ScenarioError::one(e.field, e.message))
        })?;
        let raft = match lesson.raft {
            Some(json) => Some(Lab::new(
                &parse_scenario(json).map_err(LessonError::Scenario)?,
            )),
            None => None,
        };
        let run = GossipLessonRun {
            lesson,
            stop: scenario.stop,
            phase: Phase::Playing,
            fired: 0,
            cue_event: None,
            seen: lab.trace_count(),
            raft,
        };
        Ok((run, lab))
    }

    pub fn lesson(&self) -> &'static GossipLesson {
        self.lesson
    }
    pub fn steps(&self) -> &'static [GossipStep] {
        &self.lesson.steps
    }
    pub fn phase(&self) -> Phase {
        self.phase
    }
    /// The scenario's stop time: the lesson ends there unless taken over.
    pub fn stop(&self) -> SimTime {
        self.stop
    }
    /// The Raft run beside the gossip run, if the lesson has one.
    pub fn raft(&self) -> Option<&Lab> {
        self.raft.as_ref()
    }
    /// The latest step that fired (zero-based) and the step itself.
    pub fn current(&self) -> Option<(usize, &'static GossipStep)> {
        let n = self.fired.checked_sub(1)?;
        Some((n, &self.lesson.steps[n]))
    }
    /// The trace event that fired the current step (`None` for other triggers).
    pub fn cue_event(&self) -> Option<&GossipEvent> {
        self.cue_event.as_ref()
    }

    /// Leaves the pause and plays on towards the next step.
    pub fn resume(&mut self) {
        if let Phase::Paused(_) = self.phase {
            self.phase = Phase::Playing;
        }
    }

    /// Steps stop firing; the lab runs freely from now on.
    pub fn take_over(&mut self) {
        self.phase = Phase::TakenOver;
    }

    /// Brings the Raft run to the gossip run's moment.
    pub fn follow(&mut self, lab: &GossipLab) {
        if let Some(raft) = &mut self.raft
            && raft.now() != lab.now()
        {
            raft.seek(lab.now());
        }
    }

    /// Plays `lab` up to `until`, stopping exactly where a step's trigger
    /// fires (the phase is then `Paused`). While paused or finished nothing
    /// moves; once taken over the caller plays the lab itself.
    pub fn advance(&mut self, lab: &mut GossipLab, until: SimTime) -> Phase {
        if self.phase == Phase::Playing {
            self.play(lab, until.min(self.stop));
        }
        self.follow(lab);
        self.phase
    }

    fn play(&mut self, lab: &mut GossipLab, until: SimTime) {
        loop {
            let Some(step) = self.lesson.steps.get(self.fired) else {
                return self.play_until(lab, until);
            };
            match step.trigger {
                GossipTrigger::At(t) => {
                    if t > until {
                        return self.play_until(lab, until);
                    }
                    lab.advance(t);
                    self.seen = lab.trace_count();
                    return self.fire(None);
                }
                GossipTrigger::First(m) => {
                    if let Some(ev) = self.scan(lab, |ev| m.matches(&ev.kind)) {
                        return self.fire(Some(ev));
                    }
                }
                condition => {
                    if condition.holds(lab.world()) {
                        self.seen = lab.trace_count();
                        return self.fire(None);
                    }
                }
            }
            if !lab.step_within(until) {
                return self.play_until(lab, until);
            }
        }
    }

    fn play_until(&mut self, lab: &mut GossipLab, until: SimTime) {
        lab.advance(until);
        self.seen = lab.trace_count();
        if lab.now() >= self.stop {
            self.phase = Phase::Finished;
        }
    }

    /// Examines the lab's events not yet examined, in order, up to the first
    /// one `pred` accepts, which it returns.
    fn scan(
        &mut self,
        lab: &GossipLab,
        pred: impl Fn(&GossipEvent) -> bool,
    ) -> Option<GossipEvent> {
        scan_new(lab.recent_events(), lab.trace_count(), &mut self.seen, pred)
    }

    fn fire(&mut self, ev: Option<GossipEvent>) {
        self.phase = Phase::Paused(self.fired);
        self.fired += 1;
        self.cue_event = ev;
    }
}
