//! A Raft server as a sans-IO state machine: inputs arrive through `step`
//! (messages), `tick` (timers) and the client and user methods; everything it
//! wants done comes out of its outbox as `Output`s. Time is always a
//! parameter. Role changes follow etcd's `become_*` vocabulary; the message
//! rules live in `election.rs`, `replication.rs` and `reads.rs`.

use super::config::{RaftConfig, ReadMode};
use super::kv::{Applied, KvStore};
use super::log::RaftLog;
use super::message::Message;
use super::storage::{DiskWrite, Storage};
use super::types::{ClientId, Command, KvOp, LogIndex, RequestId, Role, Term};
use crate::lang::Tag;
use crate::sim::{NodeId, SimDuration, SimRng, SimTime};
use std::collections::BTreeMap;
use std::sync::Arc;

/// With lease reads, a server inside its lease promise starts no election.
const LEASE_PROMISE: Tag = Tag::new(
    "lease_promise",
    "with lease reads, a server that heard from a leader (or restarted) within the minimum election timeout does not start an election",
    "使用租约读时，在最小选举超时内收到过领导者消息（或刚重启）的服务器不发起选举",
);

/// With lease reads, a TimeoutNow overtaken by a later heartbeat is ignored.
const STALE_TIMEOUT_NOW: Tag = Tag::new(
    "stale_timeout_now",
    "a later heartbeat overtook this TimeoutNow: the transfer may have been given up",
    "一个更晚的心跳赶在这条 TimeoutNow 之前到达：转移可能已被放弃",
);

/// The stream of a server's write times when none is given.
const DISK_STREAM: u64 = 0x0d15c;

/// The timers a server arms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Timer {
    /// Followers and candidates start an election when it fires (§5.2); leaders
    /// use it for CheckQuorum and to give up a stalled transfer.
    Election,
    /// Leaders send AppendEntries to every follower when it fires.
    Heartbeat,
    /// The write to stable storage in progress is done (Figure 2).
    Disk,
}

/// A candidate's view of one server's vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoteState {
    /// Asked, no answer yet (or not asked: the server itself before it votes).
    Pending,
    Granted,
    Refused,
}

/// A leader's bookkeeping for one follower (Figure 2: nextIndex, matchIndex).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub next: LogIndex,
    pub matched: LogIndex,
    /// The batch of entries (or the snapshot) still awaiting its reply: when it
    /// was sent and the last index it carries. At most one is in flight.
    pub awaiting: Option<(SimTime, LogIndex)>,
    /// Heard from since the last CheckQuorum round.
    pub recent_active: bool,
    /// Latest request stamp this follower acknowledged in the current term.
    pub acked_stamp: Option<SimTime>,
}

/// What a client asks a server to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientRequest {
    Write(KvOp),
    Read { key: Arc<str> },
}

/// A server's answer to a client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientReply {
    /// Done: the value after a write, or the value read.
    Ok(Option<Arc<str>>),
    /// This server is not the leader; try the hinted one.
    NotLeader(Option<NodeId>),
    /// The leader lost leadership or is transferring it; the outcome is unknown, retry.
    Retry,
}

/// Why a vote was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The candidate's term is behind ours (§5.1).
    StaleTerm,
    /// We already voted for someone else in this term (§5.2).
    AlreadyVoted(NodeId),
    /// The candidate's log is less up to date than ours (§5.4.1).
    LogBehind,
}

/// Why a leader stepped down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepDown {
    /// It saw a higher term (§5.1).
    HigherTerm(Term),
    /// It has not heard from a majority for an election timeout (CheckQuorum).
    LostQuorum,
}

/// Why a server took the role a [`Note::Role`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleChange {
    /// It campaigns or won: the role says which rule (§5.2, thesis §9.6).
    Campaign,
    /// It saw a higher term (§5.1).
    HigherTerm,
    /// A candidate heard from the leader of its own term (§5.2).
    LeaderOfTerm,
    /// A leader lost touch with a majority (CheckQuorum, thesis §6.2).
    LostQuorum,
    /// It restarted, as a follower (§5.2).
    Restart,
}

/// Which rule appended the entries of a [`Note::Appended`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppendedBy {
    /// A leader appended a client's command (§5.3).
    ClientCommand,
    /// A leader appended a no-op (§8).
    Noop,
    /// A follower accepted entries from AppendEntries (§5.3).
    Replication,
}

/// Which rule advanced the commit index in a [`Note::Committed`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitBy {
    /// A leader counted a majority for an entry of its own term (§5.4.2).
    Majority,
    /// A leader counted a majority for an entry of an earlier term, with
    /// that rule switched off (Figure 8).
    MajorityEarlierTerm,
    /// A follower took the leader's commit index (AppendEntries, §5.3).
    LeaderCommit,
    /// A follower installed a snapshot (§7).
    Snapshot,
}

/// How a read in a [`Note::ReadServed`] was made safe, if it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadBy {
    /// Leadership confirmed by a heartbeat round (thesis §6.4).
    ReadIndex,
    /// Leadership assumed under a lease (thesis §6.4.1).
    Lease,
    /// Answered from local state, unconfirmed (an unsafe read mode).
    Local,
}

/// Things that happened inside a server, for traces and narration.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    Role {
        role: Role,
        term: Term,
        why: RoleChange,
    },
    /// The election timer fired (or was forced) while the server had `role`.
    ElectionTimeout {
        term: Term,
        forced: bool,
        role: Role,
    },
    Vote {
        candidate: NodeId,
        term: Term,
        pre_vote: bool,
        refused: Option<Refusal>,
        /// Granted only because the election restriction is switched off.
        unchecked: bool,
    },
    /// A vote request was disregarded because a leader was heard from recently (thesis §4.2.3).
    VoteIgnored {
        candidate: NodeId,
        term: Term,
        pre_vote: bool,
    },
    StepDown(StepDown),
    /// Entries `first..=last` of `term` were appended (by a leader, or accepted by a follower).
    Appended {
        first: LogIndex,
        last: LogIndex,
        term: Term,
        by: AppendedBy,
    },
    /// Conflicting entries from `from` on were deleted (§5.3).
    Truncated {
        from: LogIndex,
        count: usize,
    },
    /// An AppendEntries failed the consistency check at `prev_log_index` (§5.3).
    RejectedAppend {
        leader: NodeId,
        prev_log_index: LogIndex,
        prev_log_term: Term,
    },
    /// The leader lowered a follower's nextIndex after a rejection (§5.3).
    Backoff {
        peer: NodeId,
        next: LogIndex,
    },
    Committed {
        index: LogIndex,
        by: CommitBy,
    },
    /// A majority stores `index` but it is from an earlier term, so it is not
    /// committed by counting (§5.4.2).
    CommitDeferred {
        index: LogIndex,
        term: Term,
    },
    Applied {
        index: LogIndex,
        term: Term,
        hash: u64,
        command: Command,
        outcome: Applied,
    },
    SnapshotTaken {
        index: LogIndex,
        term: Term,
    },
    SnapshotInstalled {
        index: LogIndex,
        term: Term,
    },
    ReadServed {
        client: ClientId,
        key: Arc<str>,
        read_index: LogIndex,
        value: Option<Arc<str>>,
        by: ReadBy,
    },
    TransferStarted {
        to: NodeId,
    },
    TransferAborted {
        to: NodeId,
    },
    /// A request could not be done (e.g. transfer with the toggle off).
    Refused {
        why: Tag,
    },
    /// A write of the persistent state to stable storage began; it is done
    /// at `until` (Figure 2).
    WriteStarted {
        term: Term,
        voted_for: Option<NodeId>,
        last_index: LogIndex,
        until: SimTime,
    },
    /// A write to stable storage is done: what waited for it goes out.
    WriteDone {
        term: Term,
        voted_for: Option<NodeId>,
        last_index: LogIndex,
    },
}

/// What a server asks its environment to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    Send {
        to: NodeId,
        msg: Message,
    },
    /// Arm (or re-arm) `timer` to fire at `at`.
    SetTimer {
        timer: Timer,
        at: SimTime,
    },
    Reply {
        to: RequestId,
        reply: ClientReply,
    },
    Note(Note),
}

/// A read waiting at the leader until leadership is confirmed and the state
/// machine has caught up with its read index (thesis §6.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PendingRead {
    pub id: RequestId,
    pub key: Arc<str>,
    pub registered_at: SimTime,
    pub read_index: Option<LogIndex>,
    pub confirmed: bool,
    /// Confirmed under a lease rather than by a heartbeat round.
    pub by_lease: bool,
}

/// One Raft server.
#[derive(Clone, Debug)]
pub struct RaftNode {
    pub(super) id: NodeId,
    pub(super) n: usize,
    // Persistent state on all servers (Figure 2).
    pub(super) term: Term,
    pub(super) voted_for: Option<NodeId>,
    pub(super) log: RaftLog,
    // Volatile state.
    pub(super) role: Role,
    pub(super) leader: Option<NodeId>,
    pub(super) commit: LogIndex,
    pub(super) applied: LogIndex,
    pub(super) kv: KvStore,
    pub(super) election_deadline: SimTime,
    pub(super) election_timeout: SimDuration,
    pub(super) last_leader_contact: Option<SimTime>,
    /// When the process last restarted: with lease reads it grants no vote
    /// for a minimum election timeout after, not knowing what leader it
    /// acknowledged before the crash (thesis §6.4.1).
    pub(super) restarted_at: Option<SimTime>,
    /// The latest request stamp received from the leader of a term; with
    /// lease reads, a TimeoutNow older than it is ignored.
    pub(super) leader_stamp: Option<(Term, SimTime)>,
    pub(super) votes: Vec<VoteState>,
    pub(super) progress: Vec<Progress>,
    pub(super) pending_writes: BTreeMap<LogIndex, RequestId>,
    pub(super) pending_reads: Vec<PendingRead>,
    pub(super) transfer: Option<(NodeId, SimTime)>,
    /// Targets of transfers given up in this leadership, with when: a
    /// TimeoutNow to one may still be in flight, so no lease holds until the
    /// target has acknowledged a heartbeat sent after that time.
    pub(super) abandoned_transfers: Vec<(NodeId, SimTime)>,
    /// Acknowledgements of requests stamped before this do not count toward a
    /// lease: followers promised nothing before the switch to lease reads.
    pub(super) lease_from: SimTime,
    pub(super) deferred: Option<LogIndex>,
    pub(super) rng: SimRng,
    /// Draws the time each write to stable storage takes.
    pub(super) disk_rng: SimRng,
    pub(super) storage: Storage,
    pub(super) outbox: Vec<Output>,
}

impl RaftNode {
    /// A fresh server of an `n`-server cluster at term 0 with an empty log.
    pub fn new(id: NodeId, n: usize, rng: SimRng) -> Self {
        RaftNode {
            id,
            n,
            term: Term(0),
            voted_for: None,
            log: RaftLog::default(),
            role: Role::Follower,
            leader: None,
            commit: LogIndex(0),
            applied: LogIndex(0),
            kv: KvStore::default(),
            election_deadline: SimTime::ZERO,
            election_timeout: SimDuration::ZERO,
            last_leader_contact: None,
            restarted_at: None,
            leader_stamp: None,
            votes: vec![VoteState::Pending; n],
            progress: Vec::new(),
            pending_writes: BTreeMap::new(),
            pending_reads: Vec::new(),
            transfer: None,
            abandoned_transfers: Vec::new(),
            lease_from: SimTime::ZERO,
            deferred: None,
            disk_rng: SimRng::fork(u64::from(id.0), DISK_STREAM),
            rng,
            storage: Storage::default(),
            outbox: Vec::new(),
        }
    }

    /// The same server drawing the times of its writes to stable storage
    /// from `rng` (one of the run's streams).
    pub fn with_disk_rng(mut self, rng: SimRng) -> Self {
        self.disk_rng = rng;
        self
    }

    // ---- getters -------------------------------------------------------

    pub fn id(&self) -> NodeId {
        self.id
    }
    pub fn term(&self) -> Term {
        self.term
    }
    pub fn voted_for(&self) -> Option<NodeId> {
        self.voted_for
    }
    pub fn log(&self) -> &RaftLog {
        &self.log
    }
    pub fn role(&self) -> Role {
        self.role
    }
    /// The leader this server currently follows (itself when leader).
    pub fn leader(&self) -> Option<NodeId> {
        self.leader
    }
    pub fn commit_index(&self) -> LogIndex {
        self.commit
    }
    pub fn applied_index(&self) -> LogIndex {
        self.applied
    }
    pub fn state(&self) -> &KvStore {
        &self.kv
    }
    /// When the election timer fires, and the timeout it was armed with.
    pub fn election_timer(&self) -> (SimTime, SimDuration) {
        (self.election_deadline, self.election_timeout)
    }
    /// Votes gathered in the current campaign, by server (candidates only).
    pub fn votes(&self) -> &[VoteState] {
        &self.votes
    }
    /// The leader's nextIndex and matchIndex per server (empty unless leader).
    pub fn progress(&self) -> &[Progress] {
        &self.progress
    }
    /// The server leadership is being transferred to, if any.
    pub fn transfer_target(&self) -> Option<NodeId> {
        self.transfer.map(|(to, _)| to)
    }
    pub fn pending_reads(&self) -> usize {
        self.pending_reads.len()
    }
    pub fn pending_writes(&self) -> usize {
        self.pending_writes.len()
    }

    /// Takes everything the server asked for since the last call.
    pub fn drain_outputs(&mut self) -> std::vec::Drain<'_, Output> {
        self.outbox.drain(..)
    }

    // ---- helpers shared by the rule files ------------------------------

    pub(super) fn quorum(&self) -> usize {
        self.n / 2 + 1
    }

    pub(super) fn peers(&self) -> impl Iterator<Item = NodeId> + use<> {
        let me = self.id;
        NodeId::all(self.n).filter(move |&p| p != me)
    }

    pub(super) fn note(&mut self, note: Note) {
        self.outbox.push(Output::Note(note));
    }

    pub(super) fn reply(&mut self, to: RequestId, reply: ClientReply) {
        self.outbox.push(Output::Reply { to, reply });
    }

    /// Re-arms the election timer with a fresh randomized timeout (§5.2).
    pub(super) fn reset_election_timer(&mut self, now: SimTime, cfg: &RaftConfig) {
        let min = cfg.election_timeout_min.as_micros();
        let max = cfg.election_timeout_max.as_micros();
        let timeout = if cfg.unsafe_.fixed_election_timeout {
            min
        } else {
            self.rng.range_inclusive(min, max)
        };
        self.election_timeout = SimDuration(timeout);
        self.election_deadline = now + self.election_timeout;
        self.outbox.push(Output::SetTimer {
            timer: Timer::Election,
            at: self.election_deadline,
        });
    }

    /// Whether a leader was heard from within the minimum election timeout.
    pub(super) fn in_lease(&self, now: SimTime, cfg: &RaftConfig) -> bool {
        if self.role == Role::Leader {
            return true;
        }
        self.leader.is_some()
            && self
                .last_leader_contact
                .is_some_and(|t| now < t + cfg.election_timeout_min)
    }

    /// Until when this server keeps the promise that makes a leader's lease
    /// safe (thesis §6.4.1): no vote that could elect a rival for a minimum
    /// election timeout after it last heard from a leader, whatever term it
    /// has learned since, or after a restart, since it cannot know what it
    /// acknowledged before the crash. `None` when no promise is in force.
    pub(super) fn lease_promise(&self, now: SimTime, cfg: &RaftConfig) -> Option<SimTime> {
        let until = |t: Option<SimTime>| t.map(|t| t + cfg.election_timeout_min);
        until(self.last_leader_contact)
            .max(until(self.restarted_at))
            .filter(|&end| now < end)
    }

    /// Whether a vote request is disregarded (thesis §4.2.3). With CheckQuorum,
    /// one for a later term while a leader is heard from. With lease reads,
    /// also while the lease promise is in force (or this server leads),
    /// including a request for the current term: the term may have been
    /// learned from a message that says nothing of the leader. A transfer's
    /// election is exempt: its leader gave up its lease (thesis §3.10).
    fn disregards_vote(
        &self,
        now: SimTime,
        term: Term,
        pre_vote: bool,
        transfer: bool,
        cfg: &RaftConfig,
    ) -> bool {
        if transfer || term < self.term {
            return false;
        }
        let later = term > self.term;
        if later && cfg.leader_stickiness() && self.in_lease(now, cfg) {
            return true;
        }
        cfg.read_mode == ReadMode::Lease
            && (later || !pre_vote)
            && (self.role == Role::Leader || self.lease_promise(now, cfg).is_some())
    }

    /// Records the stamp of a request from the leader of `term`.
    pub(super) fn note_leader_stamp(&mut self, term: Term, stamp: SimTime) {
        self.leader_stamp = Some(match self.leader_stamp {
            Some((t, s)) if t == term => (t, s.max(stamp)),
            _ => (term, stamp),
        });
    }

    /// A TimeoutNow a later heartbeat of the same leader overtook: the
    /// transfer may have been given up, and the leader serving lease reads
    /// again (lease reads only; thesis §3.10, §6.4.1).
    fn stale_timeout_now(&self, term: Term, stamp: SimTime, cfg: &RaftConfig) -> bool {
        cfg.read_mode == ReadMode::Lease
            && self
                .leader_stamp
                .is_some_and(|(t, latest)| t == term && stamp < latest)
    }

    // ---- role changes ---------------------------------------------------

    /// Becomes a follower of `leader` in `term`, clearing the vote if the term
    /// is new. The election timer keeps running: Figure 2 resets it only on
    /// hearing from the current leader or granting a vote, and callers do that.
    pub(super) fn become_follower(&mut self, term: Term, leader: Option<NodeId>, why: RoleChange) {
        let was = (self.role, self.term);
        if term > self.term {
            self.term = term;
            self.voted_for = None;
        }
        self.leave_leadership();
        self.role = Role::Follower;
        self.leader = leader;
        if was != (self.role, self.term) {
            self.note(Note::Role {
                role: Role::Follower,
                term: self.term,
                why,
            });
        }
    }

    /// Drops the leader's bookkeeping, failing clients still waiting on it.
    fn leave_leadership(&mut self) {
        for (_, to) in std::mem::take(&mut self.pending_writes) {
            self.reply(to, ClientReply::Retry);
        }
        for r in std::mem::take(&mut self.pending_reads) {
            self.reply(r.id, ClientReply::Retry);
        }
        self.progress.clear();
        self.transfer = None;
        self.abandoned_transfers.clear();
        self.deferred = None;
    }

    pub(super) fn become_leader(&mut self, now: SimTime, cfg: &RaftConfig) {
        self.role = Role::Leader;
        self.leader = Some(self.id);
        let next = self.log.last_index().next();
        self.progress = vec![
            Progress {
                next,
                matched: LogIndex(0),
                awaiting: None,
                recent_active: false,
                acked_stamp: None,
            };
            self.n
        ];
        self.note(Note::Role {
            role: Role::Leader,
            term: self.term,
            why: RoleChange::Campaign,
        });
        // Everything before the no-op was written when the candidate's own
        // vote was (storage.rs); the no-op counts once written.
        let written = self.log.last_index();
        if cfg.noop_on_election {
            self.append_local(Command::Noop);
        }
        self.progress[self.id.index()].matched = if self.writes_instantly() {
            self.log.last_index()
        } else {
            written
        };
        self.broadcast_append(now, cfg);
        self.outbox.push(Output::SetTimer {
            timer: Timer::Heartbeat,
            at: now + cfg.heartbeat,
        });
        self.reset_election_timer(now, cfg);
        self.maybe_commit(now, cfg);
    }

    // ---- inputs ----------------------------------------------------------

    /// A message arrives from `from` (Figure 2, "Rules for Servers").
    pub fn step(&mut self, now: SimTime, from: NodeId, msg: Message, cfg: &RaftConfig) {
        self.begin_input(cfg);
        self.step_message(now, from, msg, cfg);
        self.persist(now, cfg);
    }

    fn step_message(&mut self, now: SimTime, from: NodeId, msg: Message, cfg: &RaftConfig) {
        let term = msg.term();
        if let Message::RequestVote {
            candidate,
            transfer,
            pre_vote,
            ..
        } = &msg
            && self.disregards_vote(now, term, *pre_vote, *transfer, cfg)
        {
            self.note(Note::VoteIgnored {
                candidate: *candidate,
                term,
                pre_vote: *pre_vote,
            });
            return;
        }
        if term > self.term {
            match &msg {
                // A pre-vote request proposes a term without claiming it; a granted
                // pre-vote reply echoes that proposal (thesis §9.6).
                Message::RequestVote { pre_vote: true, .. } => {}
                Message::RequestVoteReply {
                    pre_vote: true,
                    granted: true,
                    ..
                } => {}
                Message::AppendEntries { leader, .. } | Message::InstallSnapshot { leader, .. } => {
                    if self.role == Role::Leader {
                        self.note(Note::StepDown(StepDown::HigherTerm(term)));
                    }
                    self.become_follower(term, Some(*leader), RoleChange::HigherTerm);
                }
                _ => {
                    if self.role == Role::Leader {
                        self.note(Note::StepDown(StepDown::HigherTerm(term)));
                    }
                    self.become_follower(term, None, RoleChange::HigherTerm);
                }
            }
        }
        match msg {
            Message::RequestVote { .. } => self.handle_request_vote(now, from, msg, cfg),
            Message::RequestVoteReply {
                term,
                granted,
                pre_vote,
            } => self.handle_vote_reply(now, from, term, granted, pre_vote, cfg),
            Message::AppendEntries { .. } => self.handle_append_entries(now, from, msg, cfg),
            Message::AppendEntriesReply { .. } => self.handle_append_reply(now, from, msg, cfg),
            Message::InstallSnapshot { .. } => self.handle_install_snapshot(now, from, msg, cfg),
            Message::InstallSnapshotReply {
                term,
                last_index,
                stamp,
            } => self.handle_snapshot_reply(now, from, term, last_index, stamp, cfg),
            Message::TimeoutNow { term, stamp } => {
                if self.stale_timeout_now(term, stamp, cfg) {
                    self.note(Note::Refused {
                        why: STALE_TIMEOUT_NOW,
                    });
                } else if term == self.term && self.role != Role::Leader {
                    self.campaign(now, false, true, cfg);
                }
            }
        }
    }

    /// A timer fires.
    pub fn tick(&mut self, now: SimTime, timer: Timer, cfg: &RaftConfig) {
        self.begin_input(cfg);
        self.tick_timer(now, timer, cfg);
        self.persist(now, cfg);
    }

    fn tick_timer(&mut self, now: SimTime, timer: Timer, cfg: &RaftConfig) {
        match (timer, self.role) {
            (Timer::Disk, _) => self.write_done(now, cfg),
            (Timer::Heartbeat, Role::Leader) => {
                self.broadcast_append(now, cfg);
                self.outbox.push(Output::SetTimer {
                    timer: Timer::Heartbeat,
                    at: now + cfg.heartbeat,
                });
            }
            (Timer::Heartbeat, _) => {}
            (Timer::Election, Role::Leader) => self.tick_leader_election_timer(now, cfg),
            (Timer::Election, role) => {
                // Only a settings change can make the timer fire inside the
                // lease promise: wait for its end (thesis §6.4.1).
                if cfg.read_mode == ReadMode::Lease
                    && let Some(end) = self.lease_promise(now, cfg)
                {
                    self.election_deadline = end;
                    self.outbox.push(Output::SetTimer {
                        timer: Timer::Election,
                        at: end,
                    });
                    return;
                }
                self.note(Note::ElectionTimeout {
                    term: self.term,
                    forced: false,
                    role,
                });
                self.campaign(now, cfg.pre_vote, false, cfg);
            }
        }
    }

    /// The leader's election timer: CheckQuorum and stalled transfers (thesis §6.2, §3.10).
    fn tick_leader_election_timer(&mut self, now: SimTime, cfg: &RaftConfig) {
        if let Some((to, since)) = self.transfer
            && now.since(since) >= cfg.election_timeout_max
        {
            self.abandon_transfer(to, now);
            self.note(Note::TransferAborted { to });
        }
        if cfg.check_quorum {
            let me = self.id.index();
            let active = self
                .progress
                .iter()
                .enumerate()
                .filter(|(i, p)| *i == me || p.recent_active)
                .count();
            if active < self.quorum() {
                self.note(Note::StepDown(StepDown::LostQuorum));
                self.become_follower(self.term, None, RoleChange::LostQuorum);
                self.reset_election_timer(now, cfg);
                return;
            }
            self.progress
                .iter_mut()
                .for_each(|p| p.recent_active = false);
        }
        self.reset_election_timer(now, cfg);
    }

    /// Gives up the transfer to `to`, remembering that its TimeoutNow may
    /// still be on its way.
    pub(super) fn abandon_transfer(&mut self, to: NodeId, now: SimTime) {
        self.transfer = None;
        self.abandoned_transfers.retain(|(t, _)| *t != to);
        self.abandoned_transfers.push((to, now));
    }

    /// Starts an election now, as if the election timer had fired. With lease
    /// reads, not while this server's lease promise is in force: its own vote
    /// could elect a rival to a leader serving reads from its lease (§6.4.1).
    pub fn force_timeout(&mut self, now: SimTime, cfg: &RaftConfig) {
        self.begin_input(cfg);
        self.force_timeout_now(now, cfg);
        self.persist(now, cfg);
    }

    fn force_timeout_now(&mut self, now: SimTime, cfg: &RaftConfig) {
        if cfg.read_mode == ReadMode::Lease
            && self.role != Role::Leader
            && self.lease_promise(now, cfg).is_some()
        {
            self.note(Note::Refused { why: LEASE_PROMISE });
            return;
        }
        if self.role != Role::Leader {
            self.note(Note::ElectionTimeout {
                term: self.term,
                forced: true,
                role: self.role,
            });
            self.campaign(now, cfg.pre_vote, false, cfg);
        }
    }

    /// The process stops: volatile state is lost, persistent state (current
    /// term, vote, log and snapshot) survives as far as it was written to
    /// stable storage (Figure 2). Returns the write in progress, now lost.
    pub fn crash(&mut self) -> Option<DiskWrite> {
        let lost = self.lose_unwritten();
        self.role = Role::Follower;
        self.leader = None;
        self.commit = self.log.snapshot_index();
        self.applied = self.log.snapshot_index();
        self.kv = self.log.snapshot().state.clone();
        self.votes.iter_mut().for_each(|v| *v = VoteState::Pending);
        self.progress.clear();
        self.pending_writes.clear();
        self.pending_reads.clear();
        self.transfer = None;
        self.abandoned_transfers.clear();
        self.lease_from = SimTime::ZERO;
        self.deferred = None;
        self.last_leader_contact = None;
        self.leader_stamp = None;
        self.outbox.clear();
        lost
    }

    /// The process starts again from its persistent state as a follower.
    pub fn restart(&mut self, now: SimTime, cfg: &RaftConfig) {
        self.crash();
        self.restarted_at = Some(now);
        self.note(Note::Role {
            role: Role::Follower,
            term: self.term,
            why: RoleChange::Restart,
        });
        self.reset_election_timer(now, cfg);
    }

    /// Settings change from `old` to `new` at `now`. Switching to lease reads,
    /// or changing the minimum election timeout under them, voids the
    /// acknowledgements gathered so far: they were given under other promises.
    pub fn reconfigure(&mut self, now: SimTime, old: &RaftConfig, new: &RaftConfig) {
        if new.read_mode == ReadMode::Lease
            && (old.read_mode != ReadMode::Lease
                || old.election_timeout_min != new.election_timeout_min)
        {
            self.lease_from = now;
        }
    }

    /// Arms the first election timer of a fresh server.
    pub fn start(&mut self, now: SimTime, cfg: &RaftConfig) {
        self.reset_election_timer(now, cfg);
    }
}
