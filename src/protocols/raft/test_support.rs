//! Builders for the rule tests beside the engine, in etcd's style: a server
//! put straight into a role, term and log, the RPCs of Figure 2 by name, and
//! its outbox drained into what it sent, noted, armed and answered.

use super::config::RaftConfig;
use super::message::Message;
use super::node::{ClientReply, Note, Output, Progress, RaftNode, Timer, VoteState};
use super::types::{ClientId, Command, Entry, KvOp, LogIndex, RequestId, Role, Term};
use crate::sim::{NodeId, SimDuration, SimRng, SimTime};

pub(super) fn ms(t: u64) -> SimTime {
    SimTime::from_millis(t)
}

/// Settings where every write to stable storage takes exactly `write_ms`.
pub(super) fn slow_disk(write_ms: u64) -> RaftConfig {
    RaftConfig {
        persist_min: SimDuration::from_millis(write_ms),
        persist_max: SimDuration::from_millis(write_ms),
        ..RaftConfig::default()
    }
}

/// Server `id` of an `n`-server cluster: a follower in `term` with no vote
/// and no leader, whose log holds one no-op per item of `log`, of that term.
/// Its election timer is armed from 0 ms; its outbox is empty.
pub(super) fn new_follower(id: u16, n: usize, term: u64, log: &[u64]) -> RaftNode {
    let mut node = RaftNode::new(NodeId(id), n, SimRng::fork(7, u64::from(id)));
    node.term = Term(term);
    for &t in log {
        node.log.append(Term(t), Command::Noop);
    }
    node.start(SimTime::ZERO, &RaftConfig::default());
    node.outbox.clear();
    node
}

/// As [`new_follower`], campaigning in `term`: it voted for itself, and no
/// other vote has come in.
pub(super) fn new_candidate(id: u16, n: usize, term: u64, log: &[u64]) -> RaftNode {
    let mut node = new_follower(id, n, term, log);
    node.role = Role::Candidate;
    node.voted_for = Some(node.id);
    node.votes[node.id.index()] = VoteState::Granted;
    node
}

/// As [`new_follower`], leading `term` with nothing committed and no no-op
/// appended: every follower's nextIndex is just past the leader's log and
/// its matchIndex 0 (Figure 2, "Volatile state on leaders").
pub(super) fn new_leader(id: u16, n: usize, term: u64, log: &[u64]) -> RaftNode {
    let mut node = new_follower(id, n, term, log);
    let last = node.log.last_index();
    node.role = Role::Leader;
    node.leader = Some(node.id);
    node.voted_for = Some(node.id);
    node.progress = vec![
        Progress {
            next: last.next(),
            matched: LogIndex(0),
            awaiting: None,
            recent_active: false,
            acked_stamp: None,
        };
        n
    ];
    node.progress[node.id.index()].matched = last;
    node
}

/// The terms of a server's live log entries, oldest first.
pub(super) fn log_terms(node: &RaftNode) -> Vec<u64> {
    node.log().entries().map(|(_, e)| e.term.0).collect()
}

/// No-op entries of the given terms, as a leader would send them.
pub(super) fn entries(terms: &[u64]) -> Vec<Entry> {
    terms
        .iter()
        .map(|&t| Entry::new(0, Term(t), Command::Noop))
        .collect()
}

pub(super) fn vote(term: u64, candidate: u16, last_index: u64, last_term: u64) -> Message {
    Message::RequestVote {
        term: Term(term),
        candidate: NodeId(candidate),
        last_log_index: LogIndex(last_index),
        last_log_term: Term(last_term),
        pre_vote: false,
        transfer: false,
    }
}

pub(super) fn pre_vote(term: u64, candidate: u16, last_index: u64, last_term: u64) -> Message {
    Message::RequestVote {
        term: Term(term),
        candidate: NodeId(candidate),
        last_log_index: LogIndex(last_index),
        last_log_term: Term(last_term),
        pre_vote: true,
        transfer: false,
    }
}

pub(super) fn vote_reply(term: u64, granted: bool) -> Message {
    Message::RequestVoteReply {
        term: Term(term),
        granted,
        pre_vote: false,
    }
}

/// An AppendEntries of `term` from `leader`, checked at `(prevLogIndex,
/// prevLogTerm)`, carrying entries of the terms in `new`, stamped 0 ms.
pub(super) fn append(
    term: u64,
    leader: u16,
    prev: (u64, u64),
    new: &[u64],
    commit: u64,
) -> Message {
    Message::AppendEntries {
        term: Term(term),
        leader: NodeId(leader),
        prev_log_index: LogIndex(prev.0),
        prev_log_term: Term(prev.1),
        entries: entries(new),
        leader_commit: LogIndex(commit),
        stamp: SimTime::ZERO,
    }
}

/// A follower's answer to an AppendEntries stamped `stamp`, without the
/// fast-backup hints.
pub(super) fn append_reply(term: u64, success: bool, index: u64, stamp: SimTime) -> Message {
    Message::AppendEntriesReply {
        term: Term(term),
        success,
        index: LogIndex(index),
        last_index: LogIndex(index),
        conflict_term: None,
        conflict_index: LogIndex(0),
        stamp,
    }
}

/// Client 1's `seq`-th request, first attempt.
pub(super) fn request(seq: u64) -> RequestId {
    RequestId {
        client: ClientId(1),
        seq,
        attempt: 1,
    }
}

pub(super) fn set(key: &str, value: &str) -> KvOp {
    KvOp::Set {
        key: key.into(),
        value: value.into(),
    }
}

/// A server's outbox, sorted by kind, in the order it was filled.
#[derive(Debug, Default)]
pub(super) struct Out {
    pub sent: Vec<(NodeId, Message)>,
    pub notes: Vec<Note>,
    pub timers: Vec<(Timer, SimTime)>,
    pub replies: Vec<(RequestId, ClientReply)>,
}

impl Out {
    /// The timers armed, without when.
    pub fn timer_kinds(&self) -> Vec<Timer> {
        self.timers.iter().map(|(t, _)| *t).collect()
    }
}

/// Takes everything `node` asked for since the last drain.
pub(super) fn drain(node: &mut RaftNode) -> Out {
    let mut out = Out::default();
    for o in node.drain_outputs() {
        match o {
            Output::Send { to, msg } => out.sent.push((to, msg)),
            Output::Note(note) => out.notes.push(note),
            Output::SetTimer { timer, at } => out.timers.push((timer, at)),
            Output::Reply { to, reply } => out.replies.push((to, reply)),
        }
    }
    out
}
