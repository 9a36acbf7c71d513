//! Running the world: one event or scripted action at a time, up to a time
//! or until the rumors settle, user actions recorded into the script, and
//! the trace recorded (or not) along the way.

use super::{Action, EventKind, GossipEvent, GossipWorld};
use crate::sim::{SimTime, event_first};
use std::sync::Arc;

impl GossipWorld {
    /// Turns recording of trace events on or off (metrics are kept either way).
    pub fn set_tracing(&mut self, on: bool) {
        self.tracing = on;
    }

    pub fn is_tracing(&self) -> bool {
        self.tracing
    }

    /// Trace events recorded since the last drain.
    pub fn trace(&self) -> &[GossipEvent] {
        &self.trace
    }

    pub fn drain_trace(&mut self) -> std::vec::Drain<'_, GossipEvent> {
        self.trace.drain(..)
    }

    pub(crate) fn record(&mut self, kind: EventKind) {
        if self.tracing {
            self.trace.push(GossipEvent { at: self.now, kind });
        }
    }

    /// The time of the next thing that will happen (event or scripted action).
    pub fn next_time(&self) -> Option<SimTime> {
        match (self.queue.peek_time(), self.script.next_time()) {
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
            let (event_time, action_time) = (self.queue.peek_time(), self.script.next_time());
            let Some(event_first) = event_first(event_time, action_time) else {
                return false;
            };
            let due = if event_first { event_time } else { action_time };
            if due.is_none_or(|t| t > limit) {
                return false;
            }
            if !event_first {
                if let Some((at, action)) = self.script.take_next() {
                    self.now = self.now.max(at);
                    self.counters.events += 1;
                    self.apply(action);
                }
                return true;
            }
            if self.process_next_event() {
                return true;
            }
        }
    }

    /// Processes everything due at or before `t`, then sets the clock to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        while self.step_within(t) {}
        self.now = self.now.max(t);
    }

    /// Runs until every rumor has reached all live nodes or has died out
    /// (no live node spreads it and no message in flight carries it), or
    /// until `deadline`. With anti-entropy on, only full coverage counts as
    /// settled. Returns whether it settled.
    pub fn run_until_settled(&mut self, deadline: SimTime) -> bool {
        while !self.is_settled() {
            if !self.step_within(deadline) {
                self.now = self.now.max(deadline);
                return false;
            }
        }
        true
    }

    /// Applies `action` now and records it in the script: first every event due
    /// at the current instant is processed, so a replay reaches the same state.
    /// Scripted actions not yet reached are discarded: acting forks a new future.
    pub fn act(&mut self, action: Action) {
        let now = self.now;
        self.run_until(now);
        self.script.record(now, action.clone());
        self.counters.events += 1;
        self.apply(action);
    }

    /// Whether acting now would discard scripted actions that have not happened yet.
    pub fn has_future_script(&self) -> bool {
        self.script.has_future()
    }

    /// The actions of this run, applied and still to come, in time order.
    pub fn script(&self) -> &Arc<Vec<(SimTime, Action)>> {
        self.script.actions()
    }

    /// How many script actions have been applied.
    pub fn script_position(&self) -> usize {
        self.script.position()
    }

    /// Swaps in a script with the same past and perhaps a longer future: a
    /// checkpoint restored under the actions recorded since it was taken.
    pub fn replace_script(&mut self, actions: Arc<Vec<(SimTime, Action)>>) {
        self.script.replace(actions);
    }
}
