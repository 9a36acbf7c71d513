//! The lab: a cluster run that can be played forward, scrubbed to any moment
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

pub use markers::{Marker, MarkerKind, MarkerLog};
use narration::Narration;
pub use narration::{NOTABLE_EVENTS, RECENT_EVENTS};

use footprint::{Footprint, held_bytes};

use crate::cluster::{Action, Cluster, ClusterConfig, Script};
use crate::scenario::{Expect, Protocol, Scenario};
use crate::sim::SimTime;
use crate::trace::TraceEvent;
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

#[derive(Clone, Debug)]
struct Checkpoint {
    at: SimTime,
    events: u64,
    cluster: Arc<Cluster>,
    /// The narration up to this moment.
    narration: Arc<Narration>,
    footprint: Footprint,
}

/// A saved future: what happened after `fork_at` before the user changed the past.
#[derive(Clone, Debug)]
pub struct Branch {
    pub fork_at: SimTime,
    pub horizon: SimTime,
    horizon_events: u64,
    script: Script,
    markers: MarkerLog,
    checkpoints: Vec<Checkpoint>,
    spacing: u64,
}

impl Branch {
    pub fn markers(&self) -> &[Marker] {
        self.markers.markers()
    }
}

/// A run with its history.
#[derive(Clone, Debug)]
pub struct Lab {
    name: Option<String>,
    description: Option<String>,
    stop: SimTime,
    cluster: Cluster,
    script: Script,
    checkpoints: Vec<Checkpoint>,
    /// Engine events between checkpoints now.
    spacing: u64,
    /// Estimated bytes the checkpoints may hold (`CHECKPOINT_BUDGET`).
    budget: usize,
    horizon: SimTime,
    horizon_events: u64,
    markers: MarkerLog,
    narration: Narration,
    /// Trace events ever pushed into the narration (a cursor for readers of
    /// `recent_events`).
    absorbed: u64,
    branches: Vec<Branch>,
}

impl Lab {
    /// A lab starting the given Raft scenario at time zero (the lab runs
    /// Raft only: a gossip scenario's `gossip` part is not used here).
    pub fn new(scenario: &Scenario) -> Self {
        let mut cluster = scenario.start();
        cluster.set_record_history(false);
        let script = cluster.script().clone();
        let mut lab = Lab {
            name: scenario.name.clone(),
            description: scenario.description.clone(),
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
            cluster,
        };
        lab.absorb_trace(true);
        lab.checkpoint();
        lab
    }

    /// A lab from a bare configuration with no scripted actions.
    pub fn from_config(cfg: ClusterConfig) -> Self {
        Lab::new(&Scenario {
            cluster: cfg,
            stop: SimTime::from_millis(600_000),
            ..Scenario::default()
        })
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }
    pub fn now(&self) -> SimTime {
        self.cluster.now()
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
    pub fn branches(&self) -> &[Branch] {
        &self.branches
    }
    /// Recent trace events up to the current moment, oldest first.
    pub fn recent_events(&self) -> &VecDeque<TraceEvent> {
        self.narration.recent()
    }
    /// Recent notable events (see [`EventKind::is_notable`]), oldest first:
    /// further back than `recent_events` when messages fill that.
    ///
    /// [`EventKind::is_notable`]: crate::trace::EventKind::is_notable
    pub fn notable_events(&self) -> &VecDeque<TraceEvent> {
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
        let events = self.cluster.stats().events;
        let beyond = extend_markers || events > self.horizon_events;
        for ev in self.cluster.drain_trace() {
            if beyond {
                self.markers.observe(&ev, events);
            }
            self.narration.push(ev);
            self.absorbed += 1;
        }
    }

    fn note_progress(&mut self) {
        if self.cluster.now() > self.horizon || self.cluster.stats().events > self.horizon_events {
            self.horizon = self.horizon.max(self.cluster.now());
            self.horizon_events = self.horizon_events.max(self.cluster.stats().events);
        }
        let last = self.checkpoints.last().map_or(0, |c| c.events);
        if self.cluster.stats().events >= last + self.spacing && self.cluster.now() >= self.horizon
        {
            self.checkpoint();
        }
    }

    fn checkpoint(&mut self) {
        let c = Checkpoint {
            at: self.cluster.now(),
            events: self.cluster.stats().events,
            cluster: Arc::new(self.cluster.clone()),
            narration: Arc::new(self.narration.clone()),
            footprint: Footprint::of(&self.cluster, self.narration.held()),
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
                if self.cluster.next_time().is_some_and(|next| next <= t) {
                    return false;
                }
                break;
            }
            if !self.cluster.step_within(t) {
                break;
            }
            left -= 1;
            self.absorb_trace(false);
            self.note_progress();
        }
        self.cluster.run_until(t);
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
        let did = self.cluster.step_within(limit);
        self.absorb_trace(false);
        self.note_progress();
        did
    }

    /// The latest checkpoint satisfying `before` (the first one always exists).
    fn nearest(&self, before: impl Fn(&Checkpoint) -> bool) -> usize {
        self.checkpoints.iter().rposition(before).unwrap_or(0)
    }

    /// Restores checkpoint `i`, with its narration.
    fn restore(&mut self, i: usize) {
        let c = &self.checkpoints[i];
        let mut cluster = (*c.cluster).clone();
        cluster.replace_script(self.script.clone());
        cluster.drain_trace().for_each(drop);
        self.narration = (*c.narration).clone();
        self.cluster = cluster;
    }

    /// Shows the run exactly as it was (or will be) at `t`. Going forward
    /// re-executes from here unless a checkpoint on the way is nearer.
    pub fn seek(&mut self, t: SimTime) {
        let i = self.nearest(|c| c.at <= t);
        if t < self.now() || self.checkpoints[i].events > self.cluster.stats().events {
            self.restore(i);
        }
        self.advance(t);
    }

    /// Goes back to just before the last event that happened.
    pub fn step_back(&mut self) -> bool {
        let events = self.cluster.stats().events;
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
        while self.cluster.stats().events < k && self.cluster.step() {
            self.absorb_trace(false);
            self.note_progress();
        }
        self.absorb_trace(false);
    }

    /// Applies a user action now. In the past this forks: the recorded future is
    /// kept as a branch (returned as its index) and the run continues from here.
    pub fn act(&mut self, action: Action) -> Option<usize> {
        // An action follows every event of its instant: finish the instant
        // first, so the fork point below is where the futures part.
        self.advance(self.now());
        // Acting before the end of the history, or before scripted actions that
        // have not happened yet, replaces that future: keep it as a branch.
        let forked = self.in_past() || self.cluster.has_future_script();
        let branch = if forked {
            let (now, events) = (self.now(), self.cluster.stats().events);
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
        self.cluster.act(action);
        self.script = self.cluster.script().clone();
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

    /// The run so far as a scenario: configuration, seed and every action.
    pub fn scenario(&self) -> Scenario {
        let first = &self.checkpoints[0].cluster;
        Scenario {
            name: self.name.clone(),
            description: self.description.clone(),
            protocol: Protocol::Raft,
            cluster: first.config().clone(),
            script: self.script.iter().cloned().collect(),
            gossip: None,
            stop: self.stop.max(self.horizon),
            expect: Expect::default(),
        }
    }
}

/// Halves the checkpoint list, keeping every other checkpoint (the first, at
/// time zero, always stays), so the spacing stays even over the whole history.
fn thin(checkpoints: &mut Vec<Checkpoint>) {
    let mut i = 0;
    checkpoints.retain(|_| {
        let keep = i % 2 == 0;
        i += 1;
        keep
    });
}

#[cfg(test)]
mod tests;
