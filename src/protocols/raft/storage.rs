//! Stable storage (Figure 2): the persistent state — current term, vote and
//! log — is "updated on stable storage before responding to RPCs".
//!
//! The model is etcd's `Ready` loop, as etcd's server runs it. A server
//! handles every input at once, in memory: a vote is decided and the
//! election timer reset, entries are appended, a heartbeat is taken. What
//! the input changed in the persistent state is then written to stable
//! storage as one write, and writes go one after another. A server that is
//! not the leader sends the messages of an input (vote replies,
//! AppendEntries replies, its own RequestVote) only once everything the
//! input changed, and every write before, is on stable storage. A leader
//! sends at once and writes its own new entries meanwhile, but counts them
//! toward a majority (its matchIndex) only once they are written (thesis
//! §10.2.1); a candidate counts its own vote only once its term and vote are
//! written. A crash loses the write in progress and every change after it,
//! and nothing else: no message ever went out on their strength.
//!
//! With `persist_ms` [0, 0] (the default) writes take no time: nothing
//! waits, no write is recorded, and no random number is drawn.

use super::config::RaftConfig;
use super::log::RaftLog;
use super::message::Message;
use super::node::{Note, Output, RaftNode, Timer, VoteState};
use super::types::{LogIndex, Role, Term};
use crate::sim::{NodeId, SimTime};
use std::collections::VecDeque;

/// The persistent state of Figure 2, as a write stores it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Durable {
    pub term: Term,
    pub voted_for: Option<NodeId>,
    pub log: RaftLog,
}

impl Durable {
    fn of(node: &RaftNode) -> Durable {
        Durable {
            term: node.term,
            voted_for: node.voted_for,
            log: node.log.clone(),
        }
    }
}

/// Enough of the persistent state to tell that it changed: the prefix hash
/// stands for the whole log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Mark {
    term: Term,
    voted_for: Option<NodeId>,
    last_index: LogIndex,
    last_hash: u64,
    snapshot_index: LogIndex,
}

impl Mark {
    fn of(node: &RaftNode) -> Mark {
        Mark {
            term: node.term,
            voted_for: node.voted_for,
            last_index: node.log.last_index(),
            last_hash: node.log.last_hash(),
            snapshot_index: node.log.snapshot_index(),
        }
    }
}

/// A write in progress.
#[derive(Clone, Debug)]
struct Write {
    /// Writes are numbered from 1 in the order they begin.
    number: u64,
    since: SimTime,
    until: SimTime,
    state: Durable,
}

/// A write to stable storage in progress, as a view draws it (a disk filling
/// up from `since` to `until`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskWrite {
    pub since: SimTime,
    pub until: SimTime,
    /// The term, vote and last log index the write stores.
    pub term: Term,
    pub voted_for: Option<NodeId>,
    pub last_index: LogIndex,
    /// The persistent state changed again since the write began: another
    /// write follows this one.
    pub more: bool,
    /// Messages waiting for this write (or the next) before they go out.
    pub waiting: usize,
}

impl DiskWrite {
    /// How far the write has got at `now`, from 0 to 1.
    pub fn progress(&self, now: SimTime) -> f64 {
        let span = self.until.since(self.since).as_micros();
        if span == 0 {
            return 1.0;
        }
        (now.since(self.since).as_micros() as f64 / span as f64).clamp(0.0, 1.0)
    }
}

/// A server's stable storage and the messages waiting for it.
#[derive(Clone, Debug, Default)]
pub(super) struct Storage {
    /// What stable storage holds; `None` while writes take no time, when
    /// memory is stable as soon as it changes.
    stable: Option<Durable>,
    /// The persistent state in memory when last looked at.
    mark: Mark,
    /// Memory's persistent state changed since the last write began.
    dirty: bool,
    writing: Option<Write>,
    /// Writes begun and writes done.
    begun: u64,
    done: u64,
    /// Messages of the input being handled.
    ready: Vec<(NodeId, Message)>,
    /// Messages waiting for the write of the given number, in order.
    held: VecDeque<(u64, NodeId, Message)>,
}

impl Storage {
    fn idle(&self) -> bool {
        !self.dirty && self.writing.is_none() && self.held.is_empty() && self.ready.is_empty()
    }
}

impl RaftNode {
    /// Whether what this input changes is stable at once (writes take no
    /// time and none is under way).
    pub(super) fn writes_instantly(&self) -> bool {
        self.storage.stable.is_none()
    }

    /// The write to stable storage in progress, if any.
    pub fn disk_write(&self) -> Option<DiskWrite> {
        let s = &self.storage;
        s.writing.as_ref().map(|w| DiskWrite {
            since: w.since,
            until: w.until,
            term: w.state.term,
            voted_for: w.state.voted_for,
            last_index: w.state.log.last_index(),
            more: s.dirty,
            waiting: s.held.len(),
        })
    }

    /// Messages waiting for a write to stable storage, in the order they will go.
    pub fn awaiting_write(&self) -> impl Iterator<Item = (NodeId, &Message)> + '_ {
        self.storage.held.iter().map(|(_, to, m)| (*to, m))
    }

    /// Hands a message to the network, or to the queue of messages waiting
    /// for stable storage: a server that is not the leader sends nothing
    /// before what it has changed is written.
    pub(super) fn send(&mut self, to: NodeId, msg: Message) {
        if self.role == Role::Leader || self.writes_instantly() {
            self.outbox.push(Output::Send { to, msg });
        } else {
            self.storage.ready.push((to, msg));
        }
    }

    /// Called as an input begins: with writes that take time, remembers
    /// what stable storage holds.
    pub(super) fn begin_input(&mut self, cfg: &RaftConfig) {
        if cfg.persists_instantly() && self.storage.idle() {
            self.storage.stable = None;
        } else if self.storage.stable.is_none() {
            self.storage.stable = Some(Durable::of(self));
            self.storage.mark = Mark::of(self);
        }
    }

    /// Called as an input ends (etcd's `Ready`): what it changed in the
    /// persistent state joins the next write, and its messages wait for that
    /// write and every write before.
    pub(super) fn persist(&mut self, now: SimTime, cfg: &RaftConfig) {
        if self.writes_instantly() {
            return;
        }
        let mark = Mark::of(self);
        if mark != self.storage.mark {
            self.storage.mark = mark;
            self.storage.dirty = true;
        }
        let need = self.storage.begun + u64::from(self.storage.dirty);
        let ready = std::mem::take(&mut self.storage.ready);
        self.storage
            .held
            .extend(ready.into_iter().map(|(to, msg)| (need, to, msg)));
        if self.storage.writing.is_none() && self.storage.dirty {
            self.begin_write(now, cfg);
        }
        self.release_held();
    }

    fn begin_write(&mut self, now: SimTime, cfg: &RaftConfig) {
        let vote_only = self.storage.stable.as_ref().is_some_and(|d| {
            d.log.last_index() == self.log.last_index()
                && d.log.last_hash() == self.log.last_hash()
                && d.log.snapshot_index() == self.log.snapshot_index()
        });
        let (min, max) = match cfg.persist_vote {
            Some((min, max)) if vote_only => (min, max),
            _ => (cfg.persist_min, cfg.persist_max),
        };
        let (min, max) = (min.as_micros(), max.as_micros().max(min.as_micros()));
        let until = SimTime(now.0 + self.disk_rng.range_inclusive(min, max));
        let s = &mut self.storage;
        s.begun += 1;
        s.dirty = false;
        let state = Durable::of(self);
        self.note(Note::WriteStarted {
            term: state.term,
            voted_for: state.voted_for,
            last_index: state.log.last_index(),
            until,
        });
        self.storage.writing = Some(Write {
            number: self.storage.begun,
            since: now,
            until,
            state,
        });
        self.outbox.push(Output::SetTimer {
            timer: Timer::Disk,
            at: until,
        });
    }

    /// Sends the messages whose writes are done, in order.
    fn release_held(&mut self) {
        while let Some((need, _, _)) = self.storage.held.front()
            && *need <= self.storage.done
        {
            if let Some((_, to, msg)) = self.storage.held.pop_front() {
                self.outbox.push(Output::Send { to, msg });
            }
        }
    }

    /// The write in progress is done: what waited for it goes out, a
    /// candidate counts its own vote and a leader its own entries.
    pub(super) fn write_done(&mut self, now: SimTime, cfg: &RaftConfig) {
        let Some(w) = self.storage.writing.take_if(|w| w.until <= now) else {
            return;
        };
        self.storage.done = w.number;
        self.note(Note::WriteDone {
            term: w.state.term,
            voted_for: w.state.voted_for,
            last_index: w.state.log.last_index(),
        });
        let (term, voted_for, last) = (w.state.term, w.state.voted_for, w.state.log.last_index());
        self.storage.stable = Some(w.state);
        self.release_held();
        let me = self.id.index();
        if self.role == Role::Candidate
            && term == self.term
            && voted_for == Some(self.id)
            && self.votes[me] == VoteState::Pending
        {
            self.votes[me] = VoteState::Granted;
            self.count_votes(now, cfg);
        } else if self.role == Role::Leader && term == self.term {
            // A leader's log only grows within its term: what was written is a
            // prefix of it (§5.3, thesis §10.2.1).
            let p = &mut self.progress[me];
            p.matched = p.matched.max(last);
            self.maybe_commit(now, cfg);
            self.advance_reads(now, cfg);
        }
    }

    /// A crash: memory goes back to what stable storage holds. Returns the
    /// write that was in progress, now lost.
    pub(super) fn lose_unwritten(&mut self) -> Option<DiskWrite> {
        let lost = self.disk_write();
        if let Some(d) = self.storage.stable.take() {
            self.term = d.term;
            self.voted_for = d.voted_for;
            self.log = d.log;
        }
        self.storage = Storage::default();
        lost
    }
}
