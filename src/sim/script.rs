//! The script of timed actions a run follows: replayed in time order after
//! every event of the same instant, shared between checkpoints (a clone
//! copies a pointer), and cut short when a user acts while scripted actions
//! are still ahead, so that acting forks a new future.

use super::SimTime;
use std::sync::Arc;

/// Timed actions and how many of them have been applied.
#[derive(Clone, Debug)]
pub struct ActionScript<A> {
    actions: Arc<Vec<(SimTime, A)>>,
    pos: usize,
}

impl<A> Default for ActionScript<A> {
    fn default() -> Self {
        ActionScript {
            actions: Arc::new(Vec::new()),
            pos: 0,
        }
    }
}

impl<A: Clone> ActionScript<A> {
    /// A script of `actions`, put in time order (actions at one instant keep their order).
    pub fn new(mut actions: Vec<(SimTime, A)>) -> Self {
        actions.sort_by_key(|(t, _)| *t);
        ActionScript {
            actions: Arc::new(actions),
            pos: 0,
        }
    }

    /// Every action, applied and still to come, in time order.
    pub fn actions(&self) -> &Arc<Vec<(SimTime, A)>> {
        &self.actions
    }

    /// How many actions have been applied.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// When the next action is due.
    pub fn next_time(&self) -> Option<SimTime> {
        self.actions.get(self.pos).map(|(t, _)| *t)
    }

    /// The next action, now counted as applied.
    pub fn take_next(&mut self) -> Option<(SimTime, A)> {
        let next = self.actions.get(self.pos).cloned()?;
        self.pos += 1;
        Some(next)
    }

    /// Records `action` as applied at `now`, dropping the actions not yet reached.
    pub fn record(&mut self, now: SimTime, action: A) {
        let actions = Arc::make_mut(&mut self.actions);
        actions.truncate(self.pos);
        actions.push((now, action));
        self.pos += 1;
    }

    /// Swaps in actions with the same past (those already applied) and perhaps
    /// another future: restoring a checkpoint into a different branch.
    pub fn replace(&mut self, actions: Arc<Vec<(SimTime, A)>>) {
        debug_assert!(actions.len() >= self.pos);
        self.pos = self.pos.min(actions.len());
        self.actions = actions;
    }

    /// Whether actions are still ahead (acting now would discard them).
    pub fn has_future(&self) -> bool {
        self.pos < self.actions.len()
    }
}

/// Whether the next queued event comes before the next scripted action
/// (`None` when neither exists). Events win ties: an action at `t` follows
/// every event at `t`, so a replay of the script reaches the same state.
pub fn event_first(event: Option<SimTime>, action: Option<SimTime>) -> Option<bool> {
    match (event, action) {
        (None, None) => None,
        (Some(e), Some(a)) => Some(e <= a),
        (e, _) => Some(e.is_some()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_replay_in_time_order_and_acting_forks() {
        let mut s = ActionScript::new(vec![
            (SimTime(5), "b"),
            (SimTime(1), "a"),
            (SimTime(9), "c"),
        ]);
        assert_eq!(s.take_next(), Some((SimTime(1), "a")));
        assert_eq!(s.next_time(), Some(SimTime(5)));
        let checkpoint = s.clone();
        s.record(SimTime(2), "user");
        assert!(!s.has_future());
        assert_eq!(
            s.actions().as_slice(),
            &[(SimTime(1), "a"), (SimTime(2), "user")]
        );
        assert_eq!(
            checkpoint.actions().len(),
            3,
            "a checkpoint keeps its own future"
        );
    }

    #[test]
    fn events_go_before_actions_at_the_same_instant() {
        assert_eq!(event_first(Some(SimTime(3)), Some(SimTime(3))), Some(true));
        assert_eq!(event_first(Some(SimTime(4)), Some(SimTime(3))), Some(false));
        assert_eq!(event_first(None, Some(SimTime(3))), Some(false));
        assert_eq!(event_first(Some(SimTime(3)), None), Some(true));
        assert_eq!(event_first(None, None), None);
    }
}
