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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::raft::test_support::{
        append, drain, log_terms, ms, new_follower, slow_disk, vote, vote_reply,
    };

    fn acked(term: u64, index: u64) -> Message {
        Message::AppendEntriesReply {
            term: Term(term),
            success: true,
            index: LogIndex(index),
            last_index: LogIndex(index),
            conflict_term: None,
            conflict_index: LogIndex(0),
            stamp: SimTime::ZERO,
        }
    }

    fn granted(term: u64) -> Message {
        Message::RequestVoteReply {
            term: Term(term),
            granted: true,
            pre_vote: false,
        }
    }

    #[test]
    fn a_follower_acknowledges_entries_only_once_they_are_written() {
        // Figure 2: persistent state is updated on stable storage before
        // responding to RPCs.
        let cfg = slow_disk(10);
        let mut n = new_follower(2, 3, 1, &[]);
        n.step(ms(100), NodeId(1), append(1, 1, (0, 0), &[1], 0), &cfg);
        let out = drain(&mut n);
        assert_eq!(out.sent, vec![]);
        assert!(out.timers.contains(&(Timer::Disk, ms(110))));
        assert_eq!(
            n.disk_write(),
            Some(DiskWrite {
                since: ms(100),
                until: ms(110),
                term: Term(1),
                voted_for: None,
                last_index: LogIndex(1),
                more: false,
                waiting: 1,
            })
        );
        n.tick(ms(110), Timer::Disk, &cfg);
        let out = drain(&mut n);
        assert_eq!(out.sent, vec![(NodeId(1), acked(1, 1))]);
        assert_eq!(
            out.notes,
            vec![Note::WriteDone {
                term: Term(1),
                voted_for: None,
                last_index: LogIndex(1),
            }]
        );
        assert_eq!(n.disk_write(), None);
    }

    #[test]
    fn a_granted_vote_goes_out_only_once_it_is_written() {
        // Figure 2 (currentTerm, votedFor on stable storage), §5.2: a vote
        // forgotten in a crash could be given twice in one term.
        let cfg = slow_disk(10);
        let mut n = new_follower(2, 3, 1, &[]);
        n.step(ms(100), NodeId(1), vote(2, 1, 0, 0), &cfg);
        assert_eq!(drain(&mut n).sent, vec![]);
        assert_eq!(n.voted_for(), Some(NodeId(1)), "decided in memory at once");
        n.tick(ms(110), Timer::Disk, &cfg);
        assert_eq!(drain(&mut n).sent, vec![(NodeId(1), granted(2))]);
    }

    #[test]
    fn a_crash_mid_write_loses_what_was_not_yet_written() {
        // Figure 2: only what reached stable storage survives a crash; the
        // reply that waited for it was never sent.
        let cfg = slow_disk(10);
        let mut n = new_follower(2, 3, 1, &[1]);
        n.step(ms(100), NodeId(1), append(2, 1, (1, 1), &[2], 0), &cfg);
        assert_eq!(drain(&mut n).sent, vec![]);
        let lost = n.crash();
        assert_eq!(
            lost,
            Some(DiskWrite {
                since: ms(100),
                until: ms(110),
                term: Term(2),
                voted_for: None,
                last_index: LogIndex(2),
                more: false,
                waiting: 1,
            })
        );
        assert_eq!((n.term(), log_terms(&n)), (Term(1), vec![1]));
        assert_eq!(n.awaiting_write().count(), 0);
    }

    #[test]
    fn a_crash_after_the_write_keeps_what_was_written() {
        // Figure 2: a written vote survives; the restarted server cannot vote
        // for another candidate in that term (§5.2).
        let cfg = slow_disk(10);
        let mut n = new_follower(2, 3, 1, &[]);
        n.step(ms(100), NodeId(1), vote(2, 1, 0, 0), &cfg);
        n.tick(ms(110), Timer::Disk, &cfg);
        assert_eq!(n.crash(), None);
        assert_eq!((n.term(), n.voted_for()), (Term(2), Some(NodeId(1))));
    }

    #[test]
    fn a_candidate_asks_and_counts_its_own_vote_only_once_it_is_written() {
        // Figure 2, §5.2: the new term and the vote for itself are written
        // before its RequestVotes go out and before its vote counts.
        let cfg = slow_disk(10);
        let mut n = new_follower(1, 3, 1, &[1]);
        n.tick(ms(100), Timer::Election, &cfg);
        assert_eq!(drain(&mut n).sent, vec![]);
        assert_eq!(
            (n.role(), n.votes()[0]),
            (Role::Candidate, VoteState::Pending)
        );
        n.tick(ms(110), Timer::Disk, &cfg);
        let ask = vote(2, 1, 1, 1);
        assert_eq!(
            drain(&mut n).sent,
            vec![(NodeId(2), ask.clone()), (NodeId(3), ask)]
        );
        assert_eq!(
            (n.role(), n.votes()[0]),
            (Role::Candidate, VoteState::Granted)
        );
        n.step(ms(120), NodeId(2), vote_reply(2, true), &cfg);
        assert_eq!(n.role(), Role::Leader);
    }

    #[test]
    fn with_instant_writes_nothing_waits() {
        // persist_ms [0, 0]: replies go out with the input, no write is recorded.
        let cfg = RaftConfig::default();
        let mut n = new_follower(2, 3, 1, &[]);
        n.step(ms(100), NodeId(1), append(1, 1, (0, 0), &[1], 0), &cfg);
        let out = drain(&mut n);
        assert_eq!(out.sent, vec![(NodeId(1), acked(1, 1))]);
        assert_eq!(out.timer_kinds(), vec![Timer::Election]);
        assert!(
            !out.notes
                .iter()
                .any(|n| matches!(n, Note::WriteStarted { .. }))
        );
        assert_eq!(n.disk_write(), None);
        n.step(ms(120), NodeId(3), vote(2, 3, 1, 1), &cfg);
        assert_eq!(drain(&mut n).sent, vec![(NodeId(3), granted(2))]);
    }
}
