//! The lab: a run of any protocol that can be played forward, scrubbed to any moment
//! (backwards included), stepped one event at a time in either direction, and
//! changed in the past, which forks a new future and keeps the old one as a
//! branch. Seeking restores the nearest checkpoint and re-executes: the run is
//! deterministic, so the state is exactly what it was. Each checkpoint keeps
//! the narration that led to it, so the recent events are exact after a seek
//! too. Checkpoints stay evenly spaced: when there are too many, or together
//! they hold more memory than their budget, every other one goes and the
//! spacing doubles, so memory stays bounded and the longest re-execution is
//! one spacing.

mod footprint;
mod markers;
mod narration;

pub use footprint::Footprint;
pub use markers::{Marker, MarkerKind, MarkerLog};
use narration::Narration;
pub use narration::{NOTABLE_EVENTS, RECENT_EVENTS};

use footprint::held_bytes;

use crate::protocol::{Protocol, Scenario};
use crate::sim::{Run, Script, SimTime, TraceEvent, World};
use std::collections::VecDeque;
use std::sync::Arc;

/// Engine events between checkpoints at first; doubles each time the list is thinned.
pub const CHECKPOINT_SPACING: u64 = 1500;
/// Checkpoints kept per branch before they are thinned. With the spacing this
/// keeps a seek in a 10-minute history under loaded clients (about 220 000
/// events) to at most 3000 re-executed events.
pub const MAX_CHECKPOINTS: usize = 128;
/// Estimated bytes the checkpoints of a branch may hold before they are
/// thinned: the further apart they are, the less they share, so past some
/// spacing this bounds them before their number does.
pub const CHECKPOINT_BUDGET: usize = 7 << 20;
/// Checkpoints kept however much they hold.
pub const MIN_CHECKPOINTS: usize = 16;

struct Checkpoint<P: Protocol> {
    at: SimTime,
    events: u64,
    run: Arc<Run<P::World>>,
    /// The narration up to this moment.
    narration: Arc<Narration<P::Event>>,
    footprint: Footprint,
}

impl<P: Protocol> Clone for Checkpoint<P> {
    fn clone(&self) -> Self {
        Checkpoint {
            at: self.at,
            events: self.events,
            run: self.run.clone(),
            narration: self.narration.clone(),
            footprint: self.footprint.clone(),
        }
    }
}

/// A saved future: what happened after `fork_at` before the user changed the past.
pub struct Branch<P: Protocol> {
    pub fork_at: SimTime,
    pub horizon: SimTime,
    horizon_events: u64,
    script: Script<P::Action>,
    markers: MarkerLog,
    checkpoints: Vec<Checkpoint<P>>,
    spacing: u64,
}

impl<P: Protocol> Clone for Branch<P> {
    fn clone(&self) -> Self {
        Branch {
            fork_at: self.fork_at,
            horizon: self.horizon,
            horizon_events: self.horizon_events,
            script: self.script.clone(),
            markers: self.markers.clone(),
            checkpoints: self.checkpoints.clone(),
            spacing: self.spacing,
        }
    }
}

impl<P: Protocol> Branch<P> {
    pub fn markers(&self) -> &[Marker] {
        self.markers.markers()
    }
}

/// A run with its history.
pub struct Lab<P: Protocol> {
    name: Option<String>,
    description: Option<String>,
    setup: P::Setup,
    stop: SimTime,
    run: Run<P::World>,
    script: Script<P::Action>,
    checkpoints: Vec<Checkpoint<P>>,
    /// Engine events between checkpoints now.
    spacing: u64,
    /// Estimated bytes the checkpoints may hold (`CHECKPOINT_BUDGET`).
    budget: usize,
    horizon: SimTime,
    horizon_events: u64,
    markers: MarkerLog,
    narration: Narration<P::Event>,
    /// Trace events ever pushed into the narration (a cursor for readers of
    /// `recent_events`).
    absorbed: u64,
    branches: Vec<Branch<P>>,
}

impl<P: Protocol> Clone for Lab<P> {
    fn clone(&self) -> Self {
        Lab {
            name: self.name.clone(),
            description: self.description.clone(),
            setup: self.setup.clone(),
            stop: self.stop,
            run: self.run.clone(),
            script: self.script.clone(),
            checkpoints: self.checkpoints.clone(),
            spacing: self.spacing,
            budget: self.budget,
            horizon: self.horizon,
            horizon_events: self.horizon_events,
            markers: self.markers.clone(),
            narration: self.narration.clone(),
            absorbed: self.absorbed,
            branches: self.branches.clone(),
        }
    }
}

impl<P: Protocol> std::fmt::Debug for Lab<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lab")
            .field("protocol", &P::ID)
            .field("now", &self.now())
            .field("horizon", &self.horizon)
            .field("checkpoints", &self.checkpoints.len())
            .field("branches", &self.branches.len())
            .finish()
    }
}

impl<P: Protocol> Lab<P> {
    /// A lab starting `scenario` at time zero.
    pub fn new(scenario: &Scenario<P>) -> Self {
        let mut run = scenario.start();
        P::prepare_lab(run.world_mut());
        let script = run.script().clone();
        let mut lab = Lab {
            name: scenario.name.clone(),
            description: scenario.description.clone(),
            setup: scenario.setup.clone(),
            stop: scenario.stop,
            checkpoints: Vec::new(),
            spacing: CHECKPOINT_SPACING,
            budget: CHECKPOINT_BUDGET,
            horizon: SimTime::ZERO,
            horizon_events: 0,
            markers: MarkerLog::default(),
            narration: Narration::default(),
            absorbed: 0,
            branches: Vec::new(),
            script,
            run,
        };
        lab.absorb_trace(true);
        lab.checkpoint();
        lab
    }

    /// A lab from a bare setup with no scripted actions.
    pub fn from_setup(setup: P::Setup) -> Self {
        Lab::new(&Scenario {
            setup,
            stop: SimTime::from_millis(600_000),
            ..Scenario::default()
        })
    }

    /// The world as it is at the current moment.
    pub fn world(&self) -> &P::World {
        self.run.world()
    }
    /// The run: the world and the script it follows.
    pub fn run(&self) -> &Run<P::World> {
        &self.run
    }
    /// The setup the run started from.
    pub fn setup(&self) -> &P::Setup {
        &self.setup
    }
    /// When the run stops, unless played on by hand.
    pub fn stop(&self) -> SimTime {
        self.stop
    }
    pub fn now(&self) -> SimTime {
        self.run.now()
    }
    /// Events processed up to the current moment.
    pub fn events(&self) -> u64 {
        self.run.world().events()
    }
    /// The latest moment simulated on this branch.
    pub fn horizon(&self) -> SimTime {
        self.horizon
    }
    pub fn markers(&self) -> &[Marker] {
        self.markers.markers()
    }
    pub fn marker_log(&self) -> &MarkerLog {
        &self.markers
    }
    pub fn branches(&self) -> &[Branch<P>] {
        &self.branches
    }
    /// Recent trace events up to the current moment, oldest first.
    pub fn recent_events(&self) -> &VecDeque<TraceEvent<P::Event>> {
        self.narration.recent()
    }
    /// Recent notable events (see [`TraceKind::is_notable`]), oldest first:
    /// further back than `recent_events` when messages fill that.
    pub fn notable_events(&self) -> &VecDeque<TraceEvent<P::Event>> {
        self.narration.notable()
    }
    /// How many trace events have entered `recent_events` since the lab was made:
    /// a running count that never decreases (events re-executed after a seek
    /// count again), so a reader can tell which of the recent events are new.
    pub fn trace_count(&self) -> u64 {
        self.absorbed
    }
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len()
    }
    /// Whether the current moment is before the end of the recorded history.
    pub fn in_past(&self) -> bool {
        self.now() < self.horizon
    }

    /// Moves new trace events into the narration buffer and, beyond the horizon, the markers.
    fn absorb_trace(&mut self, extend_markers: bool) {
        let events = self.events();
        let beyond = extend_markers || events > self.horizon_events;
        for ev in self.run.drain_trace() {
            if beyond {
                self.markers.observe(&ev, events);
            }
            self.narration.push(ev);
            self.absorbed += 1;
        }
    }

    fn note_progress(&mut self) {
        let (now, events) = (self.now(), self.events());
        if now > self.horizon || events > self.horizon_events {
            self.horizon = self.horizon.max(now);
            self.horizon_events = self.horizon_events.max(events);
        }
        let last = self.checkpoints.last().map_or(0, |c| c.events);
        if events >= last + self.spacing && now >= self.horizon {
            self.checkpoint();
        }
    }

    fn checkpoint(&mut self) {
        let footprint =
            P::footprint(self.run.world()).with_narration::<P::Event>(self.narration.held());
        let c = Checkpoint {
            at: self.now(),
            events: self.events(),
            run: Arc::new(self.run.clone()),
            narration: Arc::new(self.narration.clone()),
            footprint,
        };
        self.checkpoints.push(c);
        while self.checkpoints.len() > MAX_CHECKPOINTS
            || (self.checkpoints.len() > MIN_CHECKPOINTS
                && held_bytes(&self.checkpoints) > self.budget)
        {
            thin(&mut self.checkpoints);
            self.spacing *= 2;
        }
    }

    /// Roughly the bytes the checkpoints hold, beyond the present state.
    pub fn checkpoint_bytes(&self) -> usize {
        held_bytes(&self.checkpoints)
    }

    /// The engine events between checkpoints now: the most a seek re-executes.
    pub fn checkpoint_spacing(&self) -> u64 {
        self.spacing
    }

    /// Plays forward to `t` (no-op if `t` is not ahead).
    pub fn advance(&mut self, t: SimTime) {
        self.advance_bounded(t, u64::MAX);
    }

    /// Plays forward towards `t`, processing at most `budget` events; returns
    /// true if `t` was reached. Keeps a frame's work bounded at high speed.
    pub fn advance_bounded(&mut self, t: SimTime, budget: u64) -> bool {
        let mut left = budget;
        loop {
            if left == 0 {
                if self.run.next_time().is_some_and(|next| next <= t) {
                    return false;
                }
                break;
            }
            if !self.run.step_within(t) {
                break;
            }
            left -= 1;
            self.absorb_trace(false);
            self.note_progress();
        }
        self.run.run_until(t);
        self.absorb_trace(false);
        self.note_progress();
        true
    }

    /// Processes the next event; returns false if nothing is left to happen.
    pub fn step(&mut self) -> bool {
        self.step_within(SimTime::MAX)
    }

    /// Processes the next event due at or before `limit`; false if there is none.
    pub fn step_within(&mut self, limit: SimTime) -> bool {
        let did = self.run.step_within(limit);
        self.absorb_trace(false);
        self.note_progress();
        did
    }

    /// The latest checkpoint satisfying `before` (the first one always exists).
    fn nearest(&self, before: impl Fn(&Checkpoint<P>) -> bool) -> usize {
        self.checkpoints.iter().rposition(before).unwrap_or(0)
    }

    /// Restores checkpoint `i`, with its narration.
    fn restore(&mut self, i: usize) {
        let c = &self.checkpoints[i];
        let mut run = (*c.run).clone();
        run.replace_script(self.script.clone());
        run.drain_trace().for_each(drop);
        self.narration = (*c.narration).clone();
        self.run = run;
    }

    /// Shows the run exactly as it was (or will be) at `t`. Going forward
    /// re-executes from here unless a checkpoint on the way is nearer.
    pub fn seek(&mut self, t: SimTime) {
        let i = self.nearest(|c| c.at <= t);
        if t < self.now() || self.checkpoints[i].events > self.events() {
            self.restore(i);
        }
        self.advance(t);
    }

    /// Goes back to just before the last event that happened.
    pub fn step_back(&mut self) -> bool {
        let events = self.events();
        if events == 0 {
            return false;
        }
        self.seek_event(events - 1);
        true
    }

    /// Shows the state right after the `k`-th event of the run.
    pub fn seek_event(&mut self, k: u64) {
        let i = self.nearest(|c| c.events <= k);
        self.restore(i);
        while self.events() < k && self.run.step() {
            self.absorb_trace(false);
            self.note_progress();
        }
        self.absorb_trace(false);
    }

    /// Applies a user action now. In the past this forks: the recorded future is
    /// kept as a branch (returned as its index) and the run continues from here.
    pub fn act(&mut self, action: P::Action) -> Option<usize> {
        // An action follows every event of its instant: finish the instant
        // first, so the fork point below is where the futures part.
        self.advance(self.now());
        // Acting before the end of the history, or before scripted actions that
        // have not happened yet, replaces that future: keep it as a branch.
        let forked = self.in_past() || self.run.has_future_script();
        let branch = if forked {
            let (now, events) = (self.now(), self.events());
            self.branches.push(Branch {
                fork_at: now,
                horizon: self.horizon,
                horizon_events: self.horizon_events,
                script: self.script.clone(),
                markers: self.markers.clone(),
                checkpoints: self.checkpoints.clone(),
                spacing: self.spacing,
            });
            self.checkpoints.retain(|c| c.events <= events);
            self.markers.truncate_to(events);
            self.horizon = now;
            self.horizon_events = events;
            Some(self.branches.len() - 1)
        } else {
            None
        };
        self.run.act(action);
        self.script = self.run.script().clone();
        self.absorb_trace(true);
        self.note_progress();
        branch
    }

    /// Returns to a saved branch; the current future becomes a branch in its place.
    pub fn switch_branch(&mut self, i: usize) {
        if i >= self.branches.len() {
            return;
        }
        let now = self.now();
        let b = self.branches.remove(i);
        let current = Branch {
            fork_at: b.fork_at,
            horizon: self.horizon,
            horizon_events: self.horizon_events,
            script: self.script.clone(),
            markers: self.markers.clone(),
            checkpoints: self.checkpoints.clone(),
            spacing: self.spacing,
        };
        self.branches.insert(i, current);
        self.script = b.script;
        self.markers = b.markers;
        self.checkpoints = b.checkpoints;
        self.spacing = b.spacing;
        self.horizon = b.horizon;
        self.horizon_events = b.horizon_events;
        let at = self.nearest(|c| c.at <= now);
        self.restore(at);
        self.advance(now);
    }

    /// Forgets a saved branch.
    pub fn discard_branch(&mut self, i: usize) {
        if i < self.branches.len() {
            self.branches.remove(i);
        }
    }

    /// The run so far as a scenario: setup, seed and every action.
    pub fn scenario(&self) -> Scenario<P> {
        Scenario {
            name: self.name.clone(),
            description: self.description.clone(),
            setup: self.setup.clone(),
            script: self.script.iter().cloned().collect(),
            stop: self.stop.max(self.horizon),
            expect: P::Expect::default(),
        }
    }
}

/// Halves the checkpoint list, keeping every other checkpoint (the first, at
/// time zero, always stays), so the spacing stays even over the whole history.
fn thin<P: Protocol>(checkpoints: &mut Vec<Checkpoint<P>>) {
    let mut i = 0;
    checkpoints.retain(|_| {
        let keep = i % 2 == 0;
        i += 1;
        keep
    });
}

#[cfg(test)]
mod tests;
