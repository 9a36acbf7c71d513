//! Matching trace events: what a lesson step waits for.

use crate::raft::{LogIndex, MsgKind, Role, Term};
use crate::sim::NodeId;
use crate::trace::{ClientPhase, EventKind, Invariant};

/// A kind of trace event a step can wait for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// A server takes this role.
    Role(Role),
    /// An election timer fires, or a server is told to time out.
    Timeout,
    /// A server answers a (pre-)vote request.
    Vote {
        granted: bool,
        pre_vote: bool,
    },
    /// A server disregards a vote request because it hears from a leader (thesis §4.2.3).
    VoteIgnored,
    /// A leader or candidate steps down.
    StepDown,
    /// A server appends entries to its log.
    Append,
    /// A follower deletes conflicting entries.
    Truncate,
    /// A follower rejects AppendEntries (the consistency check failed).
    Reject,
    /// A leader lowers a follower's nextIndex after a rejection.
    Backoff,
    /// A server advances its commit index.
    Commit,
    /// A leader holds back committing an entry of an earlier term (§5.4.2).
    CommitDeferred,
    /// A server applies an entry to its state machine.
    Apply,
    /// A server compacts its log into a snapshot.
    Snapshot,
    /// A follower installs a snapshot sent by the leader.
    InstallSnapshot,
    /// A server answers a read.
    Read,
    /// A message of this kind arrives.
    Deliver(MsgKind),
    Crash,
    Restart,
    /// The network is partitioned, a server isolated or a link cut.
    Partition,
    Heal,
    /// A client sends a command, hears back, or gives up.
    Client(ClientPhase),
    /// The invariant checker flags a violation (of this invariant, or of any).
    Violation(Option<Invariant>),
}

/// A trace event pattern: a cue, optionally narrowed to a server, a term and
/// a least log index. A field the event does not have never matches a filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventMatch {
    pub cue: Cue,
    /// The server the event happened on: the voter for votes, the follower
    /// for rejections, the leader for backoffs, the receiver for deliveries,
    /// the contacted server for client events.
    pub node: Option<NodeId>,
    /// The term the event names (for rejections, the `prevLogTerm` checked).
    pub term: Option<Term>,
    /// The event's log index is at least this: the last appended entry, the
    /// first truncated one, the rejected `prevLogIndex`, the new commit index,
    /// the applied, deferred or snapshot index, or the read index.
    pub index: Option<LogIndex>,
}

/// Waits for `cue` on any server, in any term.
pub const fn on(cue: Cue) -> EventMatch {
    EventMatch {
        cue,
        node: None,
        term: None,
        index: None,
    }
}

impl EventMatch {
    pub const fn node(self, n: u16) -> Self {
        EventMatch {
            node: Some(NodeId(n)),
            ..self
        }
    }
    pub const fn term(self, t: u64) -> Self {
        EventMatch {
            term: Some(Term(t)),
            ..self
        }
    }
    pub const fn index(self, i: u64) -> Self {
        EventMatch {
            index: Some(LogIndex(i)),
            ..self
        }
    }

    /// Whether `ev` is an event this pattern waits for.
    pub fn matches(&self, ev: &EventKind) -> bool {
        let (node, term, index) = fields(ev);
        self.cue_matches(ev)
            && self.node.is_none_or(|n| node == Some(n))
            && self.term.is_none_or(|t| term == Some(t))
            && self.index.is_none_or(|i| index.is_some_and(|x| x >= i))
    }

    fn cue_matches(&self, ev: &EventKind) -> bool {
        use EventKind as E;
        match (self.cue, ev) {
            (Cue::Role(want), E::Role { role, .. }) => want == *role,
            (
                Cue::Vote { granted, pre_vote },
                E::Vote {
                    granted: g,
                    pre_vote: p,
                    ..
                },
            ) => granted == *g && pre_vote == *p,
            (Cue::Deliver(kind), E::Deliver { msg, .. }) => kind.name() == *msg,
            (Cue::Client(want), E::Client { phase, .. }) => want == *phase,
            (Cue::Violation(want), E::Violation { invariant, .. }) => {
                want.is_none_or(|w| w == *invariant)
            }
            (Cue::Partition, E::Partition { .. } | E::Cut { .. }) => true,
            (Cue::Timeout, E::Timeout { .. })
            | (Cue::VoteIgnored, E::VoteIgnored { .. })
            | (Cue::StepDown, E::StepDown { .. })
            | (Cue::Append, E::Append { .. })
            | (Cue::Truncate, E::Truncate { .. })
            | (Cue::Reject, E::Reject { .. })
            | (Cue::Backoff, E::Backoff { .. })
            | (Cue::Commit, E::Commit { .. })
            | (Cue::CommitDeferred, E::CommitDeferred { .. })
            | (Cue::Apply, E::Apply { .. })
            | (Cue::Snapshot, E::Snapshot { .. })
            | (Cue::InstallSnapshot, E::InstallSnapshot { .. })
            | (Cue::Read, E::Read { .. })
            | (Cue::Crash, E::Crash { .. })
            | (Cue::Restart, E::Restart { .. })
            | (Cue::Heal, E::Heal) => true,
            _ => false,
        }
    }
}

/// The server, term and log index an event names, where it has them.
fn fields(ev: &EventKind) -> (Option<NodeId>, Option<Term>, Option<LogIndex>) {
    use EventKind as E;
    match ev {
        E::Role { node, term, .. }
        | E::Timeout { node, term, .. }
        | E::Vote { node, term, .. }
        | E::VoteIgnored { node, term, .. }
        | E::StepDown { node, term, .. } => (Some(*node), Some(*term), None),
        E::Append {
            node, last, term, ..
        } => (Some(*node), Some(*term), Some(*last)),
        E::Truncate { node, from, .. } => (Some(*node), None, Some(*from)),
        E::Reject {
            node,
            prev_log_index,
            prev_log_term,
            ..
        } => (Some(*node), Some(*prev_log_term), Some(*prev_log_index)),
        E::Backoff { node, .. } | E::Crash { node } | E::Restart { node } => {
            (Some(*node), None, None)
        }
        E::Commit { node, commit_index } => (Some(*node), None, Some(*commit_index)),
        E::CommitDeferred { node, index, term }
        | E::Apply {
            node, index, term, ..
        }
        | E::Snapshot { node, index, term }
        | E::InstallSnapshot { node, index, term } => (Some(*node), Some(*term), Some(*index)),
        E::Read {
            node, read_index, ..
        } => (Some(*node), None, Some(*read_index)),
        E::Deliver { to, term, .. } => (Some(*to), Some(*term), None),
        E::Client { node, .. } => (*node, None, None),
        _ => (None, None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_narrow_the_cue() {
        let leader = EventKind::Role {
            node: NodeId(3),
            role: Role::Leader,
            term: Term(2),
        };
        assert!(on(Cue::Role(Role::Leader)).matches(&leader));
        assert!(on(Cue::Role(Role::Leader)).node(3).term(2).matches(&leader));
        assert!(!on(Cue::Role(Role::Leader)).node(1).matches(&leader));
        assert!(!on(Cue::Role(Role::Leader)).term(3).matches(&leader));
        assert!(!on(Cue::Role(Role::Candidate)).matches(&leader));
        assert!(
            !on(Cue::Role(Role::Leader)).index(1).matches(&leader),
            "a role change has no index"
        );
        let commit = EventKind::Commit {
            node: NodeId(1),
            commit_index: LogIndex(4),
        };
        assert!(on(Cue::Commit).index(3).matches(&commit));
        assert!(on(Cue::Commit).index(4).matches(&commit));
        assert!(!on(Cue::Commit).index(5).matches(&commit));
        let deliver = EventKind::Deliver {
            from: NodeId(1),
            to: NodeId(5),
            msg: "InstallSnapshot",
            term: Term(1),
            id: crate::sim::MsgId(7),
        };
        assert!(
            on(Cue::Deliver(MsgKind::InstallSnapshot))
                .node(5)
                .matches(&deliver)
        );
        assert!(!on(Cue::Deliver(MsgKind::AppendEntries)).matches(&deliver));
        assert!(
            !on(Cue::Deliver(MsgKind::InstallSnapshot))
                .node(1)
                .matches(&deliver)
        );
    }
}
