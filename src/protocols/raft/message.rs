//! The RPCs servers exchange (Figure 2, §7, thesis §3.10 and §9.6). Every
//! request carries `stamp`, the sender's clock when it was sent, and replies
//! echo it: leaders measure leases and confirm ReadIndex rounds with it.

use super::log::Snapshot;
use super::types::{Entry, LogIndex, Term};
use crate::sim::{NodeId, SimTime};
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    /// Invoked by candidates to gather votes (§5.2); with `pre_vote`, asks
    /// whether a vote would be granted without disturbing anyone (thesis §9.6).
    RequestVote {
        term: Term,
        candidate: NodeId,
        last_log_index: LogIndex,
        last_log_term: Term,
        pre_vote: bool,
        /// Sent after TimeoutNow: voters must not ignore it as disruptive (thesis §3.10).
        transfer: bool,
    },
    RequestVoteReply {
        term: Term,
        granted: bool,
        pre_vote: bool,
    },
    /// Replicates entries and serves as heartbeat (§5.3).
    AppendEntries {
        term: Term,
        leader: NodeId,
        prev_log_index: LogIndex,
        prev_log_term: Term,
        entries: Vec<Entry>,
        leader_commit: LogIndex,
        stamp: SimTime,
    },
    AppendEntriesReply {
        term: Term,
        success: bool,
        /// On success, the last index known to match the leader; on rejection,
        /// the `prev_log_index` that did not match.
        index: LogIndex,
        /// The follower's last index (a hint when its log is short).
        last_index: LogIndex,
        /// With fast backup: the term at the rejected index, if the follower has an entry there.
        conflict_term: Option<Term>,
        /// With fast backup: the first index of `conflict_term`, or `last_index + 1`.
        conflict_index: LogIndex,
        stamp: SimTime,
    },
    /// Sends a snapshot to a follower whose next entry was compacted away (§7).
    InstallSnapshot {
        term: Term,
        leader: NodeId,
        snapshot: Arc<Snapshot>,
        stamp: SimTime,
    },
    InstallSnapshotReply {
        term: Term,
        last_index: LogIndex,
        stamp: SimTime,
    },
    /// Tells the transfer target to start an election at once (thesis §3.10).
    /// `stamp` lets the target, with lease reads, ignore one that a later
    /// heartbeat of the same leader overtook: the transfer may be given up.
    TimeoutNow { term: Term, stamp: SimTime },
}

/// The kinds of message, for filters, counters and glyphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MsgKind {
    RequestVote,
    RequestVoteReply,
    PreVote,
    PreVoteReply,
    AppendEntries,
    AppendEntriesReply,
    InstallSnapshot,
    InstallSnapshotReply,
    TimeoutNow,
}

impl MsgKind {
    pub const ALL: [MsgKind; 9] = [
        MsgKind::RequestVote,
        MsgKind::RequestVoteReply,
        MsgKind::PreVote,
        MsgKind::PreVoteReply,
        MsgKind::AppendEntries,
        MsgKind::AppendEntriesReply,
        MsgKind::InstallSnapshot,
        MsgKind::InstallSnapshotReply,
        MsgKind::TimeoutNow,
    ];

    /// The RPC name used in traces and scenario files.
    pub fn name(self) -> &'static str {
        match self {
            MsgKind::RequestVote => "RequestVote",
            MsgKind::RequestVoteReply => "RequestVoteReply",
            MsgKind::PreVote => "PreVote",
            MsgKind::PreVoteReply => "PreVoteReply",
            MsgKind::AppendEntries => "AppendEntries",
            MsgKind::AppendEntriesReply => "AppendEntriesReply",
            MsgKind::InstallSnapshot => "InstallSnapshot",
            MsgKind::InstallSnapshotReply => "InstallSnapshotReply",
            MsgKind::TimeoutNow => "TimeoutNow",
        }
    }

    pub fn from_name(name: &str) -> Option<MsgKind> {
        MsgKind::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn is_reply(self) -> bool {
        matches!(
            self,
            MsgKind::RequestVoteReply
                | MsgKind::PreVoteReply
                | MsgKind::AppendEntriesReply
                | MsgKind::InstallSnapshotReply
        )
    }
}

impl Message {
    /// The note a heartbeat's send and delivery carry in the trace (see
    /// [`Message::note`]).
    pub const HEARTBEAT: &'static str = "heartbeat";

    pub fn kind(&self) -> MsgKind {
        match self {
            Message::RequestVote {
                pre_vote: false, ..
            } => MsgKind::RequestVote,
            Message::RequestVote { pre_vote: true, .. } => MsgKind::PreVote,
            Message::RequestVoteReply {
                pre_vote: false, ..
            } => MsgKind::RequestVoteReply,
            Message::RequestVoteReply { pre_vote: true, .. } => MsgKind::PreVoteReply,
            Message::AppendEntries { .. } => MsgKind::AppendEntries,
            Message::AppendEntriesReply { .. } => MsgKind::AppendEntriesReply,
            Message::InstallSnapshot { .. } => MsgKind::InstallSnapshot,
            Message::InstallSnapshotReply { .. } => MsgKind::InstallSnapshotReply,
            Message::TimeoutNow { .. } => MsgKind::TimeoutNow,
        }
    }

    pub fn term(&self) -> Term {
        match self {
            Message::RequestVote { term, .. }
            | Message::RequestVoteReply { term, .. }
            | Message::AppendEntries { term, .. }
            | Message::AppendEntriesReply { term, .. }
            | Message::InstallSnapshot { term, .. }
            | Message::InstallSnapshotReply { term, .. }
            | Message::TimeoutNow { term, .. } => *term,
        }
    }

    /// The log entries the message carries.
    pub fn entries(&self) -> &[Entry] {
        match self {
            Message::AppendEntries { entries, .. } => entries,
            _ => &[],
        }
    }

    /// An AppendEntries without entries: a heartbeat.
    pub fn is_heartbeat(&self) -> bool {
        matches!(self, Message::AppendEntries { entries, .. } if entries.is_empty())
    }

    /// A finer name than the kind's, which the trace keeps beside a send or
    /// delivery for narration and views (not in its JSON):
    /// [`Message::HEARTBEAT`] for an AppendEntries without entries (§5.2).
    pub fn note(&self) -> Option<&'static str> {
        self.is_heartbeat().then_some(Message::HEARTBEAT)
    }

    /// A reply that says no: a refused vote or a rejected AppendEntries.
    pub fn is_rejection(&self) -> bool {
        matches!(
            self,
            Message::RequestVoteReply { granted: false, .. }
                | Message::AppendEntriesReply { success: false, .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_names() {
        for k in MsgKind::ALL {
            assert_eq!(MsgKind::from_name(k.name()), Some(k));
        }
        assert_eq!(MsgKind::from_name("Gossip"), None);
    }

    #[test]
    fn heartbeats_and_rejections() {
        let hb = Message::AppendEntries {
            term: Term(1),
            leader: NodeId(1),
            prev_log_index: LogIndex(0),
            prev_log_term: Term(0),
            entries: vec![],
            leader_commit: LogIndex(0),
            stamp: SimTime::ZERO,
        };
        assert!(hb.is_heartbeat());
        assert_eq!(hb.note(), Some(Message::HEARTBEAT));
        let no = Message::RequestVoteReply {
            term: Term(2),
            granted: false,
            pre_vote: true,
        };
        assert!(no.is_rejection());
        assert_eq!(no.kind(), MsgKind::PreVoteReply);
        assert_eq!(no.term(), Term(2));
    }
}
