//! A linearizability checker for key-value histories: the search of Wing &
//! Gong, with the memoisation of Lowe and Porcupine, and a budget.
//!
//! Keys are independent (linearizability is local, Herlihy & Wing 1990), so
//! each key is checked on its own. The search linearizes one operation at a
//! time, among those that began before every pending one finished; it
//! remembers each configuration it has left behind (the set of linearized
//! operations as a bitset, and the register's value) and never enters one
//! twice. Three reductions keep every answer and spare most choices:
//! - a completed read that sees the current value is linearized at once;
//! - a write with no reply whose value no completed operation saw is left out
//!   (it may not have happened, and nothing depends on it);
//! - a completed `set` whose value no one saw was overwritten at once: it is
//!   placed just before the next write, in any order with its like.
//!
//! Operations with no reply may or may not have taken effect, at any point
//! after they were invoked. The search of one key stops after `budget`
//! configurations: the answer is then "undecided", never a hang, and memory
//! stays in proportion to the budget.

use crate::sim::SimTime;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// Configurations the search may explore per key unless told otherwise.
pub const DEFAULT_BUDGET: u64 = 500_000;
/// The range a user may choose a budget from (`raftlab-sim run --check-budget`).
pub const MIN_BUDGET: u64 = 1_000;
pub const MAX_BUDGET: u64 = 2_000_000;
/// The remembered configurations of one key may hold at most this many words
/// (256 MiB) whatever the budget: past it the key is undecided.
const MAX_CACHE_WORDS: usize = 32 << 20;

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

/// Why a history was not shown to be linearizable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinearizabilityError {
    /// No order of the operations on `key` explains what the clients saw.
    NotLinearizable { key: Arc<str>, ops: usize },
    /// The search over the operations on `key` explored `budget`
    /// configurations without an answer either way.
    Undecided {
        key: Arc<str>,
        ops: usize,
        budget: u64,
    },
}

impl LinearizabilityError {
    /// The key whose history was not shown linearizable.
    pub fn key(&self) -> &Arc<str> {
        match self {
            Self::NotLinearizable { key, .. } | Self::Undecided { key, .. } => key,
        }
    }

    /// How many operations on that key were checked.
    pub fn ops(&self) -> usize {
        match self {
            Self::NotLinearizable { ops, .. } | Self::Undecided { ops, .. } => *ops,
        }
    }

    /// True when the checker could not tell (its budget ran out).
    pub fn is_undecided(&self) -> bool {
        matches!(self, Self::Undecided { .. })
    }
}

impl std::fmt::Display for LinearizabilityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotLinearizable { key, ops } => {
                write!(
                    f,
                    "the {ops} operations on key {key:?} have no linearization"
                )
            }
            Self::Undecided { key, ops, budget } => write!(
                f,
                "undecided: the search over the {ops} operations on key {key:?} \
                 stopped after {budget} configurations"
            ),
        }
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

/// Checks every key's history with the default budget.
pub fn check_history(history: &[HistoryOp]) -> Result<(), LinearizabilityError> {
    check_history_within(history, DEFAULT_BUDGET)
}

/// Checks every key's history, exploring at most `budget` configurations per
/// key. A key with no linearization wins over an undecided one; otherwise the
/// first undecided key is reported.
pub fn check_history_within(
    history: &[HistoryOp],
    budget: u64,
) -> Result<(), LinearizabilityError> {
    let mut by_key: BTreeMap<&Arc<str>, Vec<&HistoryOp>> = BTreeMap::new();
    for op in history {
        // A read that never returned constrains nothing.
        if op.kind == OpKind::Get && op.result.is_none() {
            continue;
        }
        by_key.entry(&op.key).or_default().push(op);
    }
    let mut undecided = None;
    for (key, ops) in by_key {
        let (key, count) = (key.clone(), ops.len());
        match Search::new(ops).run(budget).0 {
            Outcome::Linearizable => {}
            Outcome::NotLinearizable => {
                return Err(LinearizabilityError::NotLinearizable { key, ops: count });
            }
            Outcome::Undecided => {
                undecided.get_or_insert(LinearizabilityError::Undecided {
                    key,
                    ops: count,
                    budget,
                });
            }
        }
    }
    undecided.map_or(Ok(()), Err)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Linearizable,
    NotLinearizable,
    Undecided,
}

/// FxHash with a finaliser: fast, and the same on every run (the search's
/// answer never depends on it, only its speed).
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    /// Mixes high bits into low ones (SplitMix64's finaliser): the table
    /// picks buckets by the low bits, and bitsets differ in high ones.
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxBuild = BuildHasherDefault<Fx>;

/// The value after an unseen `set`: nobody may look at it.
const OVERWRITTEN: u32 = u32::MAX;

/// One step of the search: the operations it linearized (the chosen one,
/// then the reads that matched at once), what to restore on the way back,
/// and the candidates for the next step.
struct Frame {
    taken: Vec<u32>,
    prev_state: u32,
    prev_top: usize,
    candidates: Vec<u32>,
    next: usize,
}

/// The search over one key's operations, sorted by invocation. The set of
/// linearized operations is a bitset; every operation below `low` is in it
/// and none from `top` on, so (value, `low`, `top`, the words between)
/// names a configuration.
struct Search<'a> {
    ops: Vec<&'a HistoryOp>,
    /// Completed `set`s whose value no one saw, and how many are not linearized.
    unseen: Vec<bool>,
    unseen_left: usize,
    done: Vec<SimTime>,
    /// `done_after[i]`: the earliest completion among operations `i..`.
    done_after: Vec<SimTime>,
    states: Vec<State>,
    state_ids: HashMap<State, u32, FxBuild>,
    /// The value each completed operation answered with (an interned state).
    seen: Vec<Option<u32>>,
    /// The value each `set` and `del` leaves.
    written: Vec<u32>,
    /// The value an `append` leaves after a value, as met.
    appended: HashMap<(u32, u32), u32, FxBuild>,
    linearized: Vec<u64>,
    low: usize,
    top: usize,
    state: u32,
    required: usize,
}

impl<'a> Search<'a> {
    fn new(mut ops: Vec<&'a HistoryOp>) -> Self {
        // Values seen by completed reads and appends. Every value that
        // descends from `set v` starts with v; every value that descends from
        // `append v` contains v.
        let seen: Vec<&str> = ops
            .iter()
            .filter(|o| matches!(o.kind, OpKind::Get | OpKind::Append(_)))
            .filter_map(|o| o.result.as_ref().and_then(|(_, v)| v.as_deref()))
            .collect();
        let observed = |o: &HistoryOp| match &o.kind {
            OpKind::Set(v) => seen.iter().any(|s| s.starts_with(&**v)),
            OpKind::Append(v) => seen.iter().any(|s| s.contains(&**v)),
            OpKind::Delete | OpKind::Get => true,
        };
        // A write with no reply whose value nobody saw may be taken as never
        // having happened: whatever followed it overwrote it.
        ops.retain(|o| o.result.is_some() || observed(o));
        ops.sort_by_key(|o| o.invoke);
        // A completed `set` whose value nobody saw was overwritten at once:
        // only a write may follow it, so after it the value is `OVERWRITTEN`.
        let unseen: Vec<bool> = ops
            .iter()
            .map(|o| matches!(o.kind, OpKind::Set(_)) && !observed(o))
            .collect();
        let n = ops.len();
        let done: Vec<SimTime> = ops
            .iter()
            .map(|o| o.result.as_ref().map_or(SimTime::MAX, |r| r.0))
            .collect();
        let mut done_after = vec![SimTime::MAX; n + 1];
        for i in (0..n).rev() {
            done_after[i] = done_after[i + 1].min(done[i]);
        }
        let required = ops.iter().filter(|o| o.result.is_some()).count();
        let unseen_left = unseen.iter().filter(|&&u| u).count();
        let mut search = Search {
            ops,
            unseen,
            unseen_left,
            done,
            done_after,
            states: Vec::new(),
            state_ids: HashMap::default(),
            seen: Vec::new(),
            written: Vec::new(),
            appended: HashMap::default(),
            linearized: vec![0; n.div_ceil(64)],
            low: 0,
            top: 0,
            state: 0,
            required,
        };
        search.state = search.intern(None);
        for i in 0..search.ops.len() {
            let op = search.ops[i];
            let seen = op.result.as_ref().map(|(_, v)| search.intern(v.clone()));
            let written = match &op.kind {
                OpKind::Set(_) | OpKind::Delete => search.intern(step(&op.kind, &None)),
                OpKind::Append(_) | OpKind::Get => OVERWRITTEN,
            };
            search.seen.push(seen);
            search.written.push(written);
        }
        search
    }

    fn intern(&mut self, state: State) -> u32 {
        if let Some(&id) = self.state_ids.get(&state) {
            return id;
        }
        let id = self.states.len() as u32;
        self.states.push(state.clone());
        self.state_ids.insert(state, id);
        id
    }

    #[inline]
    fn is_linearized(&self, i: usize) -> bool {
        self.linearized[i / 64] & (1 << (i % 64)) != 0
    }

    fn mark(&mut self, i: usize) {
        self.linearized[i / 64] |= 1 << (i % 64);
        if self.done[i] != SimTime::MAX {
            self.required -= 1;
        }
        if self.unseen[i] {
            self.unseen_left -= 1;
        }
        self.top = self.top.max(i + 1);
        while self.low < self.ops.len() && self.is_linearized(self.low) {
            self.low += 1;
        }
    }

    fn undo(&mut self, frame: &Frame) {
        for &i in frame.taken.iter().rev() {
            let i = i as usize;
            self.linearized[i / 64] &= !(1 << (i % 64));
            if self.done[i] != SimTime::MAX {
                self.required += 1;
            }
            if self.unseen[i] {
                self.unseen_left += 1;
            }
            self.low = self.low.min(i);
        }
        self.state = frame.prev_state;
        self.top = frame.prev_top;
    }

    /// The value after operation `i` if it may take effect now.
    fn transition(&mut self, i: usize) -> Option<u32> {
        if self.unseen[i] {
            return Some(OVERWRITTEN);
        }
        let next = match (&self.ops[i].kind, self.state) {
            (OpKind::Get, state) => state,
            (OpKind::Set(_) | OpKind::Delete, _) => self.written[i],
            // Only a write that ignores the value may follow an unseen one.
            (OpKind::Append(_), OVERWRITTEN) => return None,
            (OpKind::Append(_), state) => match self.appended.get(&(i as u32, state)) {
                Some(&next) => next,
                None => {
                    let value = step(&self.ops[i].kind, &self.states[state as usize]);
                    let next = self.intern(value);
                    self.appended.insert((i as u32, state), next);
                    next
                }
            },
        };
        (next != OVERWRITTEN && self.seen[i].is_none_or(|v| v == next)).then_some(next)
    }

    /// The operations in `from..to` not linearized yet, in order.
    fn pending_in(&self, from: usize, to: usize, out: &mut Vec<usize>) {
        let mut word = from / 64;
        while word * 64 < to {
            let mut free = !self.linearized[word];
            while free != 0 {
                let i = word * 64 + free.trailing_zeros() as usize;
                free &= free - 1;
                if i >= to {
                    return;
                }
                if i >= from {
                    out.push(i);
                }
            }
            word += 1;
        }
    }

    /// The operations that may go next, in order: no operation may go next
    /// if it began after a pending one finished.
    fn ready_all(&self) -> Vec<usize> {
        let mut pending = Vec::new();
        self.pending_in(self.low, self.top, &mut pending);
        let mut horizon = self.done_after[self.top];
        for &i in &pending {
            horizon = horizon.min(self.done[i]);
        }
        let mut end = self.top;
        while end < self.ops.len() && self.ops[end].invoke <= horizon {
            end += 1;
        }
        pending.retain(|&i| self.ops[i].invoke <= horizon);
        pending.extend(self.top..end);
        pending
    }

    /// The operations that may go next and satisfy `keep`.
    fn ready(&self, keep: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut ready = self.ready_all();
        ready.retain(|&i| keep(i));
        ready
    }

    /// The operations to branch on among those that may go next, the most
    /// urgent (earliest to finish) first. An unseen `set` is one only while
    /// nothing finished before it: otherwise it can wait to be taken just
    /// before the write that follows it, or at the end.
    fn candidates(&self, ready: &[usize]) -> Vec<u32> {
        // The operation that finishes first may go next, so it is ready.
        let horizon = ready.iter().map(|&i| self.done[i]).min();
        let mut c: Vec<u32> = ready
            .iter()
            .filter(|&&i| !self.unseen[i] || Some(self.done[i]) == horizon)
            .map(|&i| i as u32)
            .collect();
        c.sort_by_key(|&i| (self.done[i as usize], i));
        c
    }

    /// Linearizes, until none is left, the operations that may go next in
    /// `pick`: moving them here keeps some order that works, if any does.
    fn take_all(&mut self, taken: &mut Vec<u32>, pick: impl Fn(&Self, usize) -> bool) {
        loop {
            let ops = self.ready(|i| pick(self, i));
            if ops.is_empty() {
                return;
            }
            for i in ops {
                self.mark(i);
                taken.push(i as u32);
            }
        }
    }

    /// Takes what needs no choice: completed reads that see the current
    /// value, and, once nothing else is required, the unseen `set`s. Returns
    /// the operations that may go next after that.
    fn take_forced(&mut self, taken: &mut Vec<u32>) -> Vec<usize> {
        loop {
            let ready = self.ready_all();
            let forced: Vec<usize> = ready
                .iter()
                .copied()
                .filter(|&i| {
                    if self.required == self.unseen_left {
                        self.unseen[i]
                    } else {
                        self.ops[i].kind == OpKind::Get && self.seen[i] == Some(self.state)
                    }
                })
                .collect();
            if forced.is_empty() {
                return ready;
            }
            for i in forced {
                self.mark(i);
                taken.push(i as u32);
            }
        }
    }

    /// The configuration's name in the cache of configurations left behind.
    fn key(&self, key: &mut Vec<u64>) {
        let (first, last) = (self.low / 64, self.top.div_ceil(64));
        key.clear();
        key.push(u64::from(self.state));
        key.push(((self.low as u64) << 32) | self.top as u64);
        key.extend_from_slice(&self.linearized[first..last.max(first)]);
    }

    /// Depth-first search over partial linearizations (Wing & Gong), never
    /// entering a configuration twice (Lowe; Porcupine).
    fn run(mut self, budget: u64) -> (Outcome, u64) {
        let mut taken = Vec::new();
        let ready = self.take_forced(&mut taken);
        if self.required == 0 {
            return (Outcome::Linearizable, 0);
        }
        let mut seen: HashSet<Box<[u64]>, FxBuild> = HashSet::default();
        let mut words = 0;
        let mut key = Vec::new();
        self.key(&mut key);
        seen.insert(key.as_slice().into());
        let mut explored = 1;
        let mut stack = vec![Frame {
            taken,
            prev_state: self.state,
            prev_top: 0,
            candidates: self.candidates(&ready),
            next: 0,
        }];
        while let Some(frame) = stack.last_mut() {
            let Some(&i) = frame.candidates.get(frame.next) else {
                if let Some(frame) = stack.pop() {
                    self.undo(&frame);
                }
                continue;
            };
            frame.next += 1;
            let Some(next) = self.transition(i as usize) else {
                continue;
            };
            let mut step = Frame {
                taken: Vec::new(),
                prev_state: self.state,
                prev_top: self.top,
                candidates: Vec::new(),
                next: 0,
            };
            // Unseen `set`s that may go now go just before a write that
            // overwrites them, whatever their order.
            if matches!(self.ops[i as usize].kind, OpKind::Set(_) | OpKind::Delete)
                && !self.unseen[i as usize]
            {
                self.take_all(&mut step.taken, |s, j| s.unseen[j]);
            }
            self.state = next;
            self.mark(i as usize);
            step.taken.push(i);
            let ready = self.take_forced(&mut step.taken);
            if self.required == 0 {
                return (Outcome::Linearizable, explored);
            }
            self.key(&mut key);
            if seen.contains(key.as_slice()) {
                self.undo(&step);
                continue;
            }
            if explored >= budget || words > MAX_CACHE_WORDS {
                return (Outcome::Undecided, explored);
            }
            explored += 1;
            words += key.len();
            seen.insert(key.as_slice().into());
            step.candidates = self.candidates(&ready);
            stack.push(step);
        }
        (Outcome::NotLinearizable, explored)
    }
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
        assert_eq!(&**err.key(), "x");
        assert!(!err.is_undecided());
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

    /// `pairs` writes of distinct values, each read back by a read that
    /// overlaps it, the pair starting every 10 µs and lasting `span` µs;
    /// then a read of a value nobody wrote, so that every order must be tried.
    fn staircase(pairs: u64, span: u64) -> Vec<HistoryOp> {
        let mut h = Vec::new();
        for i in 0..pairs {
            let v = format!("v{i}");
            let (at, until) = (10 * i, 10 * i + span);
            h.push(op(
                1,
                OpKind::Set(v.as_str().into()),
                at,
                Some((until, Some(&v))),
            ));
            h.push(op(2, OpKind::Get, at + 1, Some((until + 1, Some(&v)))));
        }
        let end = 10 * pairs + span + 100;
        h.push(op(3, OpKind::Get, end, Some((end + 10, Some("nope")))));
        h
    }

    fn explored(h: &[HistoryOp], budget: u64) -> (Outcome, u64) {
        Search::new(h.iter().collect()).run(budget)
    }

    #[test]
    fn memoisation_keeps_an_overlapping_history_small() {
        // 49 operations, each pair overlapping the next four: there are
        // more than 4^24 orders to refute, but few configurations.
        let h = staircase(24, 45);
        let (outcome, states) = explored(&h, 20_000);
        assert_eq!(outcome, Outcome::NotLinearizable);
        assert!(states < 20_000, "{states} configurations");
        let err = check_history_within(&h, 20_000).unwrap_err();
        assert!(!err.is_undecided());
        assert_eq!(err.ops(), 49);
    }

    #[test]
    fn a_history_too_hard_to_decide_is_undecided_not_a_hang() {
        // 81 operations all overlapping: 2^40 sets of writes to refute.
        let h = staircase(40, 10_000);
        let err = check_history_within(&h, 10_000).unwrap_err();
        assert!(err.is_undecided(), "{err}");
        assert_eq!((&**err.key(), err.ops()), ("x", 81));
        assert!(err.to_string().contains("undecided"), "{err}");
    }

    #[test]
    fn a_key_with_no_linearization_wins_over_an_undecided_one() {
        let mut h = staircase(40, 10_000);
        let mut bad = vec![
            op(1, OpKind::Set("1".into()), 0, Some((10, Some("1")))),
            op(2, OpKind::Get, 20, Some((30, None))),
        ];
        bad.iter_mut().for_each(|o| o.key = "y".into());
        h.extend(bad);
        let err = check_history_within(&h, 10_000).unwrap_err();
        assert_eq!((&**err.key(), err.is_undecided()), ("y", false));
    }

    #[test]
    fn overwritten_writes_need_no_order() {
        // 40 concurrent writes nobody read, then one that was read: the
        // forty need not be ordered among themselves.
        let mut h: Vec<HistoryOp> = (0..40)
            .map(|i| {
                op(
                    i,
                    OpKind::Set(format!("w{i}").into()),
                    i as u64,
                    Some((500, None)),
                )
            })
            .map(|mut o| {
                let OpKind::Set(v) = &o.kind else {
                    unreachable!()
                };
                o.result = Some((SimTime(500), Some(v.clone())));
                o
            })
            .collect();
        h.push(op(41, OpKind::Set("b".into()), 600, Some((610, Some("b")))));
        h.push(op(42, OpKind::Get, 620, Some((630, Some("b")))));
        let (outcome, states) = explored(&h, 1_000);
        assert_eq!(outcome, Outcome::Linearizable);
        assert!(states < 100, "{states} configurations");
    }

    #[test]
    fn an_overwritten_value_must_really_be_overwritten() {
        // Nobody saw "a", yet a read after it cannot see the older value.
        let h = vec![
            op(1, OpKind::Set("a".into()), 0, Some((10, Some("a")))),
            op(2, OpKind::Get, 20, Some((30, None))),
        ];
        assert!(check_history(&h).is_err());
        let h = vec![
            op(1, OpKind::Set("a".into()), 0, Some((10, Some("a")))),
            op(1, OpKind::Append("b".into()), 20, Some((30, Some("b")))),
        ];
        assert!(check_history(&h).is_err());
        // An unacknowledged write nobody saw is left out.
        let h = vec![
            op(1, OpKind::Set("a".into()), 0, None),
            op(2, OpKind::Get, 20, Some((30, None))),
        ];
        assert!(check_history(&h).is_ok());
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
