//! Trace events: one record per thing that happened in a run, in the order it
//! happened. Their JSON form (one object per line) is a stable interface read
//! by external checkers: every event has "t_ms" and "kind".

pub use crate::client::{ClientEvent, ClientPhase};
use crate::net::NetEvent;
use crate::protocols::raft::{Command, LogIndex, Role, Term};
use crate::sim::{MsgId, NodeId, SimTime, display};
use serde::{Serialize, Serializer};
use std::sync::Arc;

/// Something that happened in a Raft run, and when.
pub type TraceEvent = crate::sim::TraceEvent<EventKind>;

/// Why the engine recorded an event, where the event's own fields do not
/// tell which rule fired: a commit by a leader, by a follower told the
/// leader's commit index, or by a follower installing a snapshot look the
/// same in the trace. The events that need it carry it in a `cause` field
/// left out of their JSON, so traces do not change; [`rule`](super::rule)
/// reads it to cite the rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Cause {
    /// The event's fields say enough (or nothing more is known).
    #[default]
    Unstated,
    /// Role follower: the server saw a higher term (§5.1).
    HigherTerm,
    /// Role follower: a candidate heard from the leader of its own term (§5.2).
    LeaderOfTerm,
    /// Role follower: a leader that lost touch with a majority stepped down (CheckQuorum).
    LostQuorum,
    /// Role follower: the server restarted.
    Restarted,
    /// Timeout: the timer fired on a candidate or pre-candidate, not a follower.
    CandidateTimer,
    /// Append: a leader's own entry for a client command. Client: a write
    /// sent to a server that is leader.
    ClientCommand,
    /// Append: a leader's own no-op entry.
    Noop,
    /// Commit: a leader counted a majority for an entry of its term (§5.4.2).
    Majority,
    /// Commit: a leader counted a majority for an entry of an earlier term,
    /// with the rule of §5.4.2 switched off.
    MajorityEarlierTerm,
    /// Commit: a follower took the leader's commit index from AppendEntries.
    LeaderCommit,
    /// Commit: a follower installed a snapshot, whose entries are committed.
    Snapshot,
    /// Vote: granted only because the election restriction is switched off.
    UncheckedVote,
    /// Client: a request sent to a server that is not the leader.
    NotLeader,
    /// Read, or a `get` sent to a leader: served by ReadIndex.
    ReadIndex,
    /// Read, or a `get` sent to a leader: served under a lease.
    Lease,
    /// Read, or a `get`: answered from the server's own state (unsafe modes).
    LocalRead,
    /// Persist: a leader writing its own entries, which it sends meanwhile
    /// (thesis §10.2.1).
    LeaderWrite,
}

/// The five safety properties of Raft (Figure 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Invariant {
    #[serde(rename = "Election Safety")]
    ElectionSafety,
    #[serde(rename = "Leader Append-Only")]
    LeaderAppendOnly,
    #[serde(rename = "Log Matching")]
    LogMatching,
    #[serde(rename = "Leader Completeness")]
    LeaderCompleteness,
    #[serde(rename = "State Machine Safety")]
    StateMachineSafety,
}

impl Invariant {
    pub const ALL: [Invariant; 5] = [
        Invariant::ElectionSafety,
        Invariant::LeaderAppendOnly,
        Invariant::LogMatching,
        Invariant::LeaderCompleteness,
        Invariant::StateMachineSafety,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Invariant::ElectionSafety => "Election Safety",
            Invariant::LeaderAppendOnly => "Leader Append-Only",
            Invariant::LogMatching => "Log Matching",
            Invariant::LeaderCompleteness => "Leader Completeness",
            Invariant::StateMachineSafety => "State Machine Safety",
        }
    }

    pub fn from_name(name: &str) -> Option<Invariant> {
        Invariant::ALL.into_iter().find(|i| i.name() == name)
    }
}

/// What happened. Node and client fields are numbers from 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    Role {
        node: NodeId,
        role: Role,
        term: Term,
        /// What the fields do not say about why; not in the JSON trace.
        #[serde(skip)]
        cause: Cause,
    },
    /// The election timer fired (or was forced) on `node`, in `term`.
    Timeout {
        node: NodeId,
        term: Term,
        forced: bool,
        /// What the fields do not say about why; not in the JSON trace.
        #[serde(skip)]
        cause: Cause,
    },
    Vote {
        node: NodeId,
        candidate: NodeId,
        term: Term,
        granted: bool,
        pre_vote: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        voted_for: Option<NodeId>,
        /// What the fields do not say about why; not in the JSON trace.
        #[serde(skip)]
        cause: Cause,
    },
    VoteIgnored {
        node: NodeId,
        candidate: NodeId,
        term: Term,
        pre_vote: bool,
    },
    StepDown {
        node: NodeId,
        term: Term,
        reason: &'static str,
    },
    Append {
        node: NodeId,
        first: LogIndex,
        last: LogIndex,
        term: Term,
        /// What the fields do not say about why; not in the JSON trace.
        #[serde(skip)]
        cause: Cause,
    },
    Truncate {
        node: NodeId,
        from: LogIndex,
        count: usize,
    },
    Reject {
        node: NodeId,
        leader: NodeId,
        prev_log_index: LogIndex,
        prev_log_term: Term,
    },
    Backoff {
        node: NodeId,
        peer: NodeId,
        next: LogIndex,
    },
    Commit {
        node: NodeId,
        commit_index: LogIndex,
        /// What the fields do not say about why; not in the JSON trace.
        #[serde(skip)]
        cause: Cause,
    },
    CommitDeferred {
        node: NodeId,
        index: LogIndex,
        term: Term,
    },
    Apply {
        node: NodeId,
        index: LogIndex,
        term: Term,
        #[serde(serialize_with = "display")]
        command: Command,
        duplicate: bool,
        /// Prefix hash of the applied entry, for the invariant checker.
        #[serde(skip)]
        hash: u64,
    },
    Snapshot {
        node: NodeId,
        index: LogIndex,
        term: Term,
    },
    InstallSnapshot {
        node: NodeId,
        index: LogIndex,
        term: Term,
    },
    Read {
        node: NodeId,
        client: u32,
        key: Arc<str>,
        read_index: LogIndex,
        value: Option<Arc<str>>,
        /// What the fields do not say about why; not in the JSON trace.
        #[serde(skip)]
        cause: Cause,
    },
    Transfer {
        node: NodeId,
        to: NodeId,
        phase: &'static str,
    },
    /// A write of the persistent state to stable storage: `phase` is
    /// `start` (done at `until`), `done`, or `lost` in a crash (Figure 2).
    Persist {
        node: NodeId,
        phase: &'static str,
        term: Term,
        #[serde(skip_serializing_if = "Option::is_none")]
        voted_for: Option<NodeId>,
        last_index: LogIndex,
        #[serde(
            rename = "until_ms",
            skip_serializing_if = "Option::is_none",
            serialize_with = "millis"
        )]
        until: Option<SimTime>,
        /// What the fields do not say about why; not in the JSON trace.
        #[serde(skip)]
        cause: Cause,
    },
    /// A client sent a command, heard back, or gave up (the shared client
    /// event, whose JSON is the same in every protocol).
    Client {
        #[serde(flatten)]
        event: ClientEvent,
        /// What the fields do not say about why; not in the JSON trace.
        #[serde(skip)]
        cause: Cause,
    },
    Redirect {
        client: u32,
        node: NodeId,
        leader: Option<NodeId>,
    },
    Violation {
        invariant: Invariant,
        #[serde(serialize_with = "display")]
        detail: Violation,
    },
    /// The network or a server's process (shared by every protocol).
    #[serde(untagged)]
    Net(NetEvent),
}

/// A time as trace fields write it, in milliseconds.
fn millis<S: Serializer>(t: &Option<SimTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_f64(t.as_millis_f64()),
        None => s.serialize_none(),
    }
}

/// What exactly broke, in enough detail to explain it in any language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// Two servers became leader in the same term.
    TwoLeaders {
        term: Term,
        first: NodeId,
        second: NodeId,
    },
    /// A leader deleted entries from its own log.
    LeaderTruncated {
        node: NodeId,
        term: Term,
        from: LogIndex,
    },
    /// Two logs hold an entry with the same index and term but differ up to it.
    LogsDiverge {
        index: LogIndex,
        term: Term,
        first: NodeId,
        second: NodeId,
    },
    /// A leader lacks an entry committed before (or while) it leads.
    LeaderMissesCommitted {
        leader: NodeId,
        term: Term,
        index: LogIndex,
        committed_term: Term,
    },
    /// Two different entries were committed at the same index.
    CommittedTwice {
        index: LogIndex,
        first: NodeId,
        first_term: Term,
        second: NodeId,
        second_term: Term,
    },
    /// Two servers applied different entries at the same index.
    AppliedTwice {
        index: LogIndex,
        first: NodeId,
        first_term: Term,
        second: NodeId,
        second_term: Term,
    },
}

impl Violation {
    /// Which safety property this breaks.
    pub fn invariant(&self) -> Invariant {
        match self {
            Violation::TwoLeaders { .. } => Invariant::ElectionSafety,
            Violation::LeaderTruncated { .. } => Invariant::LeaderAppendOnly,
            Violation::LogsDiverge { .. } => Invariant::LogMatching,
            Violation::LeaderMissesCommitted { .. } | Violation::CommittedTwice { .. } => {
                Invariant::LeaderCompleteness
            }
            Violation::AppliedTwice { .. } => Invariant::StateMachineSafety,
        }
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Violation::TwoLeaders {
                term,
                first,
                second,
            } => {
                write!(f, "{first} and {second} were both leader in term {term}")
            }
            Violation::LeaderTruncated { node, term, from } => {
                write!(
                    f,
                    "leader {node} of term {term} deleted its own entries from index {from}"
                )
            }
            Violation::LogsDiverge {
                index,
                term,
                first,
                second,
            } => write!(
                f,
                "{first} and {second} both hold an entry of term {term} at index {index}, but their logs differ up to it"
            ),
            Violation::LeaderMissesCommitted {
                leader,
                term,
                index,
                committed_term,
            } => write!(
                f,
                "leader {leader} of term {term} lacks the entry of term {committed_term} committed at index {index}"
            ),
            Violation::CommittedTwice {
                index,
                first,
                first_term,
                second,
                second_term,
            } => write!(
                f,
                "index {index} was committed as term {first_term} on {first} and as term {second_term} on {second}"
            ),
            Violation::AppliedTwice {
                index,
                first,
                first_term,
                second,
                second_term,
            } => write!(
                f,
                "{first} applied the entry of term {first_term} at index {index}, {second} applied one of term {second_term}"
            ),
        }
    }
}

impl EventKind {
    /// The rule of Raft that made this event happen, if one did (see
    /// [`rule`](super::rule)).
    pub fn rule(&self) -> Option<super::Rule> {
        super::rule(self)
    }

    /// The kind name as it appears in the trace.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Role { .. } => "role",
            EventKind::Timeout { .. } => "timeout",
            EventKind::Vote { .. } => "vote",
            EventKind::VoteIgnored { .. } => "vote_ignored",
            EventKind::StepDown { .. } => "step_down",
            EventKind::Append { .. } => "append",
            EventKind::Truncate { .. } => "truncate",
            EventKind::Reject { .. } => "reject",
            EventKind::Backoff { .. } => "backoff",
            EventKind::Commit { .. } => "commit",
            EventKind::CommitDeferred { .. } => "commit_deferred",
            EventKind::Apply { .. } => "apply",
            EventKind::Snapshot { .. } => "snapshot",
            EventKind::InstallSnapshot { .. } => "install_snapshot",
            EventKind::Read { .. } => "read",
            EventKind::Transfer { .. } => "transfer",
            EventKind::Persist { .. } => "persist",
            EventKind::Client { .. } => "client",
            EventKind::Redirect { .. } => "redirect",
            EventKind::Violation { .. } => "violation",
            EventKind::Net(e) => e.name(),
        }
    }

    /// The nodes this event is about, for highlighting.
    pub fn nodes(&self) -> Vec<NodeId> {
        match self {
            EventKind::Role { node, .. }
            | EventKind::Timeout { node, .. }
            | EventKind::StepDown { node, .. }
            | EventKind::Append { node, .. }
            | EventKind::Truncate { node, .. }
            | EventKind::Commit { node, .. }
            | EventKind::CommitDeferred { node, .. }
            | EventKind::Apply { node, .. }
            | EventKind::Snapshot { node, .. }
            | EventKind::InstallSnapshot { node, .. }
            | EventKind::Read { node, .. }
            | EventKind::Persist { node, .. }
            | EventKind::Redirect { node, .. } => vec![*node],
            EventKind::Vote {
                node, candidate, ..
            }
            | EventKind::VoteIgnored {
                node, candidate, ..
            } => {
                vec![*node, *candidate]
            }
            EventKind::Reject { node, leader, .. } => vec![*node, *leader],
            EventKind::Backoff { node, peer, .. } => vec![*node, *peer],
            EventKind::Transfer { node, to, .. } => vec![*node, *to],
            EventKind::Client { event, .. } => event.node.into_iter().collect(),
            EventKind::Violation { .. } => vec![],
            EventKind::Net(e) => e.nodes(),
        }
    }

    /// The message this event is about, if any.
    pub fn message(&self) -> Option<MsgId> {
        match self {
            EventKind::Net(e) => e.message(),
            _ => None,
        }
    }

    /// Message traffic (send, deliver, drop, duplicate) rather than a state change.
    pub fn is_traffic(&self) -> bool {
        self.message().is_some()
    }

    /// Worth a line in the narration with message traffic hidden: a state
    /// change, or a message the user dropped or duplicated.
    pub fn is_notable(&self) -> bool {
        match self {
            EventKind::Net(e) => e.is_notable(),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimTime;

    #[test]
    fn serializes_with_the_fixed_trace_fields() {
        let ev = TraceEvent {
            at: SimTime(1500),
            kind: EventKind::Role {
                node: NodeId(3),
                role: Role::Candidate,
                term: Term(4),
                cause: Cause::Unstated,
            },
        };
        assert_eq!(
            serde_json::to_string(&ev).unwrap(),
            r#"{"t_ms":1.5,"kind":"role","node":3,"role":"candidate","term":4}"#
        );
        let send = TraceEvent {
            at: SimTime(2000),
            kind: EventKind::Net(NetEvent::Drop {
                from: NodeId(1),
                to: NodeId(2),
                msg: "AppendEntries",
                term: Some(1),
                id: MsgId(9),
                reason: crate::sim::DropReason::Partition,
            }),
        };
        assert_eq!(
            serde_json::to_string(&send).unwrap(),
            r#"{"t_ms":2.0,"kind":"drop","from":1,"to":2,"msg":"AppendEntries","term":1,"id":9,"reason":"partition"}"#
        );
    }

    #[test]
    fn the_cause_stays_out_of_the_json() {
        let commit = |cause| TraceEvent {
            at: SimTime(1000),
            kind: EventKind::Commit {
                node: NodeId(2),
                commit_index: LogIndex(5),
                cause,
            },
        };
        let json = serde_json::to_string(&commit(Cause::Snapshot)).unwrap();
        assert_eq!(
            json,
            r#"{"t_ms":1.0,"kind":"commit","node":2,"commit_index":5}"#
        );
        assert_eq!(
            json,
            serde_json::to_string(&commit(Cause::Majority)).unwrap()
        );
    }

    #[test]
    fn apply_serializes_the_command_as_text() {
        let ev = TraceEvent {
            at: SimTime(0),
            kind: EventKind::Apply {
                node: NodeId(1),
                index: LogIndex(2),
                term: Term(1),
                command: Command::Noop,
                duplicate: false,
                hash: 0,
            },
        };
        let v: serde_json::Value = serde_json::to_value(&ev).unwrap();
        assert_eq!(v["command"], "no-op");
        assert_eq!(v["index"], 2);
    }
}
