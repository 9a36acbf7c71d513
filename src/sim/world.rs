//! The one step loop every protocol runs on. A protocol's world ([`World`])
//! knows its state, its queue of due events and how to carry out an action;
//! a [`Run`] pairs a world with the script of timed actions it follows and
//! advances both in the one order a replay reproduces: every event due at an
//! instant first, then the actions of that instant.

use super::SimTime;
use super::script::{ActionScript, event_first};
use super::trace::TraceEvent;
use std::fmt;
use std::sync::Arc;

/// A protocol's simulated world: everything a run of it is, `Clone` for
/// checkpoints. Time moves only through [`World::process_next_event`] and
/// [`World::set_now`]; randomness comes from streams forked from the seed.
pub trait World: Clone + fmt::Debug + 'static {
    /// What a user or a script can do to the world.
    type Action: Clone + fmt::Debug + PartialEq + 'static;
    /// What happened: the kind of one trace record.
    type Event: Clone + fmt::Debug + PartialEq + 'static;

    fn now(&self) -> SimTime;
    /// Moves the clock to `t`, which is never earlier than now.
    fn set_now(&mut self, t: SimTime);
    /// When the earliest queued event is due. Queues may hold stale entries
    /// that do nothing when they come up, so this can be earlier than the
    /// next thing that really happens.
    fn next_event_time(&self) -> Option<SimTime>;
    /// Pops one queued event and carries it out; false if it was stale (then
    /// the clock stays where it was).
    fn process_next_event(&mut self) -> bool;
    /// Carries out `action` now, counting it as one event.
    fn apply(&mut self, action: Self::Action);
    /// Events processed so far: deliveries, timers, actions.
    fn events(&self) -> u64;
    /// Turns recording of trace events on or off.
    fn set_tracing(&mut self, on: bool);
    /// Trace events recorded since the last drain.
    fn trace(&self) -> &[TraceEvent<Self::Event>];
    /// Takes the trace events recorded since the last drain.
    fn drain_trace(&mut self) -> std::vec::Drain<'_, TraceEvent<Self::Event>>;
}

/// The timed actions of a run, shared between checkpoints.
pub type Script<A> = Arc<Vec<(SimTime, A)>>;

/// A world following a script of timed actions.
#[derive(Clone, Debug)]
pub struct Run<W: World> {
    world: W,
    script: ActionScript<W::Action>,
}

impl<W: World> Run<W> {
    /// A run of `world` that will follow `script` (put in time order here).
    pub fn new(world: W, script: Vec<(SimTime, W::Action)>) -> Self {
        Run {
            world,
            script: ActionScript::new(script),
        }
    }

    pub fn world(&self) -> &W {
        &self.world
    }

    /// The world, for settings that do not change what happens (tracing,
    /// history recording). Actions go through [`Run::act`].
    pub fn world_mut(&mut self) -> &mut W {
        &mut self.world
    }

    pub fn into_world(self) -> W {
        self.world
    }

    pub fn now(&self) -> SimTime {
        self.world.now()
    }

    /// The time of the next thing that will happen (event or scripted action).
    pub fn next_time(&self) -> Option<SimTime> {
        match (self.world.next_event_time(), self.script.next_time()) {
            (Some(e), Some(a)) => Some(e.min(a)),
            (e, a) => e.or(a),
        }
    }

    /// Processes the next event or scripted action. Returns false when nothing is left.
    pub fn step(&mut self) -> bool {
        self.step_within(SimTime::MAX)
    }

    /// Processes the next event or scripted action due at or before `limit`,
    /// discarding stale queue entries on the way; false if there is none.
    pub fn step_within(&mut self, limit: SimTime) -> bool {
        loop {
            let (event_time, action_time) = (self.world.next_event_time(), self.script.next_time());
            let Some(event_first) = event_first(event_time, action_time) else {
                return false;
            };
            let due = if event_first { event_time } else { action_time };
            if due.is_none_or(|t| t > limit) {
                return false;
            }
            if !event_first {
                if let Some((at, action)) = self.script.take_next() {
                    let now = self.world.now().max(at);
                    self.world.set_now(now);
                    self.world.apply(action);
                }
                return true;
            }
            if self.world.process_next_event() {
                return true;
            }
        }
    }

    /// Processes everything due at or before `t`, then sets the clock to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        while self.step_within(t) {}
        let now = self.world.now().max(t);
        self.world.set_now(now);
    }

    /// Applies `action` now and records it in the script: first every event due
    /// at the current instant is processed, so a replay of the script (where an
    /// action at `t` follows every event at `t`) reaches the same state. Scripted
    /// actions not yet reached are discarded: acting forks a new future.
    pub fn act(&mut self, action: W::Action) {
        let now = self.world.now();
        self.run_until(now);
        self.script.record(now, action.clone());
        self.world.apply(action);
    }

    /// The actions of this run, applied and still to come, in time order.
    pub fn script(&self) -> &Script<W::Action> {
        self.script.actions()
    }

    /// How many script actions have been applied.
    pub fn script_position(&self) -> usize {
        self.script.position()
    }

    /// Replaces the script by one with the same past (the actions already
    /// applied) and possibly another future: a checkpoint restored into a
    /// branch whose future differs from the one it was taken in.
    pub fn replace_script(&mut self, script: Script<W::Action>) {
        self.script.replace(script);
    }

    /// Whether acting now would discard scripted actions that have not happened yet.
    pub fn has_future_script(&self) -> bool {
        self.script.has_future()
    }

    pub fn set_tracing(&mut self, on: bool) {
        self.world.set_tracing(on);
    }

    pub fn trace(&self) -> &[TraceEvent<W::Event>] {
        self.world.trace()
    }

    pub fn drain_trace(&mut self) -> std::vec::Drain<'_, TraceEvent<W::Event>> {
        self.world.drain_trace()
    }
}
