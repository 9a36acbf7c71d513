//! Time travel for a gossip run, as the Raft lab does it: the world is
//! `Clone`, so checkpoints are copies taken every so many events, and any
//! moment is reached again by restoring the nearest earlier checkpoint and
//! re-executing (the run is deterministic, so the state is exactly what it
//! was). Acting in the past discards the recorded future. Trace events other
//! than message traffic are kept in a bounded buffer for narration and for
//! lesson triggers.

use crate::gossip::{Action, ConfigError, GossipConfig, GossipEvent, GossipWorld};
use crate::sim::{SimDuration, SimTime};
use std::collections::VecDeque;
use std::sync::Arc;

/// Checkpoints kept before older ones are thinned.
pub const MAX_CHECKPOINTS: usize = 64;
/// Trace events (other than traffic) kept for narration.
pub const RECENT_EVENTS: usize = 300;

/// The timed actions of a run.
pub type GossipScript = Arc<Vec<(SimTime, Action)>>;

#[derive(Clone, Debug)]
struct Checkpoint {
    at: SimTime,
    events: u64,
    world: Arc<GossipWorld>,
}

/// A gossip run with its history.
#[derive(Clone, Debug)]
pub struct GossipLab {
    world: GossipWorld,
    script: GossipScript,
    checkpoints: Vec<Checkpoint>,
    /// Events between checkpoints: more for larger clusters, whose rounds have more.
    spacing: u64,
    horizon: SimTime,
    horizon_events: u64,
    recent: VecDeque<GossipEvent>,
    /// Events ever pushed into `recent` (a cursor for readers of it).
    absorbed: u64,
}

impl GossipLab {
    /// A lab at time zero that will follow `script`.
    pub fn new(cfg: GossipConfig, script: Vec<(SimTime, Action)>) -> Result<Self, ConfigError> {
        let spacing = 2_000 + 8 * cfg.nodes as u64;
        let world = GossipWorld::with_script(cfg, script)?;
        let mut lab = GossipLab {
            script: world.script().clone(),
            world,
            checkpoints: Vec::new(),
            spacing,
            horizon: SimTime::ZERO,
            horizon_events: 0,
            recent: VecDeque::new(),
            absorbed: 0,
        };
        lab.absorb_trace();
        lab.checkpoint();
        Ok(lab)
    }

    pub fn world(&self) -> &GossipWorld {
        &self.world
    }
    pub fn now(&self) -> SimTime {
        self.world.now()
    }
    /// The latest moment simulated.
    pub fn horizon(&self) -> SimTime {
        self.horizon.max(self.now())
    }
    /// Whether the current moment is before the end of the recorded history.
    pub fn in_past(&self) -> bool {
        self.now() < self.horizon
    }
    /// The configuration the run started with.
    pub fn initial_config(&self) -> &GossipConfig {
        self.checkpoints[0].world.config()
    }
    /// Every action of the run, applied and to come.
    pub fn script(&self) -> &GossipScript {
        &self.script
    }
    /// Recent trace events other than message traffic, oldest first.
    pub fn recent_events(&self) -> &VecDeque<GossipEvent> {
        &self.recent
    }
    /// How many events have entered `recent_events` (re-executed ones count again).
    pub fn trace_count(&self) -> u64 {
        self.absorbed
    }
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len()
    }

    fn events(&self) -> u64 {
        self.world.counters().events
    }

    fn absorb_trace(&mut self) {
        for ev in self.world.drain_trace() {
            if ev.kind.is_traffic() {
                continue;
            }
            if self.recent.len() == RECENT_EVENTS {
                self.recent.pop_front();
            }
            self.recent.push_back(ev);
            self.absorbed += 1;
        }
    }

    fn note_progress(&mut self) {
        self.absorb_trace();
        let events = self.events();
        if self.now() > self.horizon || events > self.horizon_events {
            self.horizon = self.horizon.max(self.now());
            self.horizon_events = self.horizon_events.max(events);
        }
        let last = self.checkpoints.last().map_or(0, |c| c.events);
        if events >= last + self.spacing && self.now() >= self.horizon {
            self.checkpoint();
        }
    }

    fn checkpoint(&mut self) {
        self.checkpoints.push(Checkpoint {
            at: self.now(),
            events: self.events(),
            world: Arc::new(self.world.clone()),
        });
        if self.checkpoints.len() > MAX_CHECKPOINTS {
            // Every other checkpoint in the older three quarters goes; the first stays.
            let old = self.checkpoints.len() * 3 / 4;
            let mut i = 0;
            self.checkpoints.retain(|_| {
                let keep = i == 0 || i >= old || i % 2 == 0;
                i += 1;
                keep
            });
        }
    }

    /// Plays towards `t`, processing at most `budget` events; true if `t` was
    /// reached. A frame's work stays bounded however large the cluster.
    pub fn advance_bounded(&mut self, t: SimTime, budget: u64) -> bool {
        for _ in 0..budget {
            if !self.world.step_within(t) {
                self.world.run_until(t);
                self.note_progress();
                return true;
            }
            self.note_progress();
        }
        if self.world.next_time().is_some_and(|next| next <= t) {
            return false;
        }
        self.world.run_until(t);
        self.note_progress();
        true
    }

    /// Plays forward to `t`.
    pub fn advance(&mut self, t: SimTime) {
        self.advance_bounded(t, u64::MAX);
    }

    /// Processes the next event due at or before `limit`; false if there is none.
    pub fn step_within(&mut self, limit: SimTime) -> bool {
        let did = self.world.step_within(limit);
        self.note_progress();
        did
    }

    /// Processes the next event; false if nothing is left to happen.
    pub fn step(&mut self) -> bool {
        self.step_within(SimTime::MAX)
    }

    fn restore(&mut self, before: impl Fn(&Checkpoint) -> bool) {
        let i = self.checkpoints.iter().rposition(before).unwrap_or(0);
        let mut world = (*self.checkpoints[i].world).clone();
        world.replace_script(self.script.clone());
        world.drain_trace().for_each(drop);
        self.world = world;
        self.recent.clear();
    }

    /// Shows the run exactly as it was (or will be) at `t`.
    pub fn seek(&mut self, t: SimTime) {
        if t < self.now() || t > self.now() + SimDuration::from_millis(2_000) {
            self.restore(|c| c.at <= t);
        }
        self.advance(t);
    }

    /// Shows the state right after the `k`-th event of the run.
    pub fn seek_event(&mut self, k: u64) {
        self.restore(|c| c.events <= k);
        while self.events() < k && self.world.step() {
            self.note_progress();
        }
        self.note_progress();
    }

    /// Goes back to just before the last event; false at the very start.
    pub fn step_back(&mut self) -> bool {
        let events = self.events();
        if events == 0 {
            return false;
        }
        self.seek_event(events - 1);
        true
    }

    /// Applies a user action now. In the past it discards the recorded
    /// future (returned as true): the run goes on from here.
    pub fn act(&mut self, action: Action) -> bool {
        let forked = self.in_past() || self.world.has_future_script();
        if forked {
            let now = self.now();
            self.checkpoints.retain(|c| c.at <= now);
            self.horizon = now;
            self.horizon_events = self.events();
        }
        self.world.act(action);
        self.script = self.world.script().clone();
        self.note_progress();
        forked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gossip::{MemberState, Mode, RumorId, SpreadConfig, SwimConfig};
    use crate::sim::NodeId;

    fn cfg(nodes: usize) -> GossipConfig {
        GossipConfig {
            nodes,
            spare: 0,
            seed: 4,
            spread: SpreadConfig {
                mode: Mode::PushPull,
                ..SpreadConfig::default()
            },
            swim: SwimConfig {
                enabled: true,
                ..SwimConfig::default()
            },
            ..GossipConfig::default()
        }
    }

    fn rumor(node: u16) -> Action {
        Action::StartRumor {
            node: NodeId(node),
            key: "x".into(),
            value: "1".into(),
        }
    }

    /// What a moment looks like from outside: enough to tell two states apart.
    fn look(lab: &GossipLab) -> (SimTime, u64, u32, u64) {
        let w = lab.world();
        let informed = if w.rumors().is_empty() {
            0
        } else {
            w.rumor_stats(RumorId(1)).informed
        };
        (
            w.now(),
            w.counters().events,
            informed,
            w.counters().messages_sent(),
        )
    }

    #[test]
    fn seeking_back_and_forth_shows_the_same_states() {
        let mut lab = GossipLab::new(cfg(60), vec![]).unwrap();
        lab.advance(SimTime::from_millis(300));
        lab.act(rumor(1));
        lab.advance(SimTime::from_millis(1_200));
        let mid = look(&lab);
        lab.advance(SimTime::from_millis(6_000));
        let end = look(&lab);
        assert!(lab.checkpoint_count() > 1);
        lab.seek(SimTime::from_millis(1_200));
        assert_eq!(look(&lab), mid, "the rumor was replayed from the script");
        lab.seek(SimTime::from_millis(6_000));
        assert_eq!(look(&lab), end);
        assert!(!lab.in_past());
    }

    #[test]
    fn stepping_back_undoes_exactly_one_event() {
        let mut lab = GossipLab::new(cfg(20), vec![(SimTime::ZERO, rumor(3))]).unwrap();
        lab.advance(SimTime::from_millis(900));
        let before = look(&lab);
        assert!(lab.step());
        assert_eq!(lab.world().counters().events, before.1 + 1);
        assert!(lab.step_back());
        let after = look(&lab);
        assert_eq!((after.1, after.2, after.3), (before.1, before.2, before.3));
        assert!(after.0 <= before.0, "back at the time of the last event");
    }

    #[test]
    fn acting_in_the_past_discards_the_future() {
        let mut lab = GossipLab::new(cfg(30), vec![]).unwrap();
        lab.advance(SimTime::from_millis(5_000));
        lab.seek(SimTime::from_millis(1_000));
        assert!(lab.in_past());
        assert!(lab.act(Action::Crash(NodeId(7))));
        assert!(!lab.in_past());
        assert_eq!(lab.horizon(), SimTime::from_millis(1_000));
        lab.advance(SimTime::from_millis(12_000));
        let seen = lab.world().opinion(NodeId(7)).worst();
        assert_eq!(seen, MemberState::Dead, "SWIM found the crash");
        lab.seek(SimTime::from_millis(500));
        lab.seek(SimTime::from_millis(12_000));
        assert_eq!(lab.world().opinion(NodeId(7)).worst(), MemberState::Dead);
    }

    #[test]
    fn a_bounded_advance_stops_short_and_resumes() {
        let mut lab = GossipLab::new(cfg(200), vec![(SimTime::ZERO, rumor(1))]).unwrap();
        let t = SimTime::from_millis(2_000);
        assert!(!lab.advance_bounded(t, 100));
        assert!(lab.now() < t);
        while !lab.advance_bounded(t, 1_000) {}
        assert_eq!(lab.now(), t);
        let mut whole = GossipLab::new(cfg(200), vec![(SimTime::ZERO, rumor(1))]).unwrap();
        whole.advance(t);
        assert_eq!(look(&lab), look(&whole));
    }

    #[test]
    fn narration_keeps_state_changes_not_traffic() {
        let mut lab = GossipLab::new(cfg(10), vec![(SimTime::ZERO, rumor(1))]).unwrap();
        lab.advance(SimTime::from_millis(3_000));
        assert!(lab.trace_count() > 0);
        assert!(lab.recent_events().iter().all(|e| !e.kind.is_traffic()));
        assert!(
            lab.recent_events()
                .iter()
                .any(|e| e.kind.name() == "infect")
        );
    }
}
