//! A Wing–Gong linearizability checker for key-value histories, with the
//! memoisation of Lowe's "just-in-time" variant. Keys are independent
//! (linearizability is local, Herlihy & Wing 1990), so each key is checked on
//! its own. Operations whose outcome is unknown (no reply) may or may not have
//! taken effect, at any point after they were invoked.

use crate::sim::SimTime;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// An operation on one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpKind {
    Set(Arc<str>),
    Append(Arc<str>),
    Delete,
    Get,
}

/// One client operation as observed by the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryOp {
    pub client: u32,
    pub key: Arc<str>,
    pub kind: OpKind,
    pub invoke: SimTime,
    /// When the reply arrived and what it said; `None` if no reply ever came.
    pub result: Option<(SimTime, Option<Arc<str>>)>,
}

/// A key whose history has no linearization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinearizabilityError {
    pub key: Arc<str>,
    pub ops: usize,
}

impl std::fmt::Display for LinearizabilityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the {} operations on key {:?} have no linearization",
            self.ops, self.key
        )
    }
}

type State = Option<Arc<str>>;

fn step(kind: &OpKind, state: &State) -> State {
    match kind {
        OpKind::Set(v) => Some(v.clone()),
        OpKind::Append(v) => Some(match state {
            Some(old) => format!("{old}{v}").into(),
            None => v.clone(),
        }),
        OpKind::Delete => None,
        OpKind::Get => state.clone(),
    }
}

/// Whether `op` may take effect on `state`, and the state after it.
fn apply(op: &HistoryOp, state: &State) -> Option<State> {
    let next = step(&op.kind, state);
    match &op.result {
        Some((_, observed)) if observed != &next => None,
        _ => Some(next),
    }
}

/// Checks every key's history; returns the first key that cannot be linearized.
pub fn check_history(history: &[HistoryOp]) -> Result<(), LinearizabilityError> {
    let mut by_key: BTreeMap<&Arc<str>, Vec<&HistoryOp>> = BTreeMap::new();
    for op in history {
        // A read that never returned constrains nothing.
        if op.kind == OpKind::Get && op.result.is_none() {
            continue;
        }
        by_key.entry(&op.key).or_default().push(op);
    }
    for (key, ops) in by_key {
        if !check_key(&ops) {
            return Err(LinearizabilityError {
                key: key.clone(),
                ops: ops.len(),
            });
        }
    }
    Ok(())
}

fn check_key(ops: &[&HistoryOp]) -> bool {
    let n = ops.len();
    let done_at = |i: usize| ops[i].result.as_ref().map_or(SimTime::MAX, |r| r.0);
    let required: Vec<usize> = (0..n).filter(|&i| ops[i].result.is_some()).collect();
    let words = n.div_ceil(64);
    let mut seen: BTreeSet<(Vec<u64>, State)> = BTreeSet::new();
    // Depth-first search over partial linearizations; each frame is (set, state, next candidate).
    let mut stack: Vec<(Vec<u64>, State, usize)> = vec![(vec![0; words], None, 0)];
    let is_in = |set: &[u64], i: usize| set[i / 64] & (1 << (i % 64)) != 0;
    while let Some((set, state, from)) = stack.pop() {
        if required.iter().all(|&i| is_in(&set, i)) {
            return true;
        }
        // An op can go next only if no pending op finished before it began.
        let horizon = (0..n)
            .filter(|&i| !is_in(&set, i))
            .map(done_at)
            .min()
            .unwrap_or(SimTime::MAX);
        let mut candidate = from;
        while candidate < n {
            let i = candidate;
            candidate += 1;
            if is_in(&set, i) || ops[i].invoke > horizon {
                continue;
            }
            let Some(next) = apply(ops[i], &state) else {
                continue;
            };
            let mut grown = set.clone();
            grown[i / 64] |= 1 << (i % 64);
            if seen.insert((grown.clone(), next.clone())) {
                stack.push((set, state, candidate));
                stack.push((grown, next, 0));
                break;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(client: u32, kind: OpKind, invoke: u64, done: Option<(u64, Option<&str>)>) -> HistoryOp {
        HistoryOp {
            client,
            key: "x".into(),
            kind,
            invoke: SimTime(invoke),
            result: done.map(|(t, v)| (SimTime(t), v.map(Into::into))),
        }
    }

    #[test]
    fn sequential_history_is_linearizable() {
        let h = vec![
            op(1, OpKind::Set("1".into()), 0, Some((10, Some("1")))),
            op(2, OpKind::Get, 20, Some((30, Some("1")))),
            op(1, OpKind::Append("2".into()), 40, Some((50, Some("12")))),
            op(2, OpKind::Get, 60, Some((70, Some("12")))),
        ];
        assert!(check_history(&h).is_ok());
    }

    #[test]
    fn a_stale_read_after_a_completed_write_is_caught() {
        let h = vec![
            op(1, OpKind::Set("1".into()), 0, Some((10, Some("1")))),
            op(1, OpKind::Set("2".into()), 20, Some((30, Some("2")))),
            op(2, OpKind::Get, 40, Some((50, Some("1")))),
        ];
        let err = check_history(&h).unwrap_err();
        assert_eq!(&*err.key, "x");
    }

    #[test]
    fn concurrent_operations_may_take_either_order() {
        let h = vec![
            op(1, OpKind::Set("1".into()), 0, Some((100, Some("1")))),
            op(2, OpKind::Get, 10, Some((20, None))),
            op(3, OpKind::Get, 30, Some((40, Some("1")))),
        ];
        assert!(check_history(&h).is_ok());
    }

    #[test]
    fn an_unacknowledged_write_may_or_may_not_have_happened() {
        let happened = vec![
            op(1, OpKind::Set("1".into()), 0, None),
            op(2, OpKind::Get, 50, Some((60, Some("1")))),
        ];
        assert!(check_history(&happened).is_ok());
        let not_happened = vec![
            op(1, OpKind::Set("1".into()), 0, None),
            op(2, OpKind::Get, 50, Some((60, None))),
        ];
        assert!(check_history(&not_happened).is_ok());
        let flip_flop = vec![
            op(1, OpKind::Set("1".into()), 0, None),
            op(2, OpKind::Get, 50, Some((60, Some("1")))),
            op(2, OpKind::Get, 70, Some((80, None))),
        ];
        assert!(
            check_history(&flip_flop).is_err(),
            "a value cannot vanish without a write"
        );
    }

    #[test]
    fn deletes_and_wrong_append_results() {
        let h = vec![
            op(1, OpKind::Set("a".into()), 0, Some((10, Some("a")))),
            op(1, OpKind::Delete, 20, Some((30, None))),
            op(2, OpKind::Get, 40, Some((50, None))),
        ];
        assert!(check_history(&h).is_ok());
        let bad = vec![
            op(1, OpKind::Set("a".into()), 0, Some((10, Some("a")))),
            op(1, OpKind::Append("b".into()), 20, Some((30, Some("b")))),
        ];
        assert!(check_history(&bad).is_err());
    }
}
