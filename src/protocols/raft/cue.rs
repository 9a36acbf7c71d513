//! What Raft lesson steps can wait for, and what their claims count: a kind
//! of trace event, narrowed to a server, a sender, a term and a least log
//! index. In a lesson file: `{"on": "role", "role": "leader", "node": 3}`,
//! `{"on": "send", "msg": "InstallSnapshot", "node": 5}` (docs/lessons.md).

use super::trace::{ClientPhase, EventKind, Invariant};
use super::{LogIndex, MsgKind, Raft, Role, Term};
use crate::lang::Text;
use crate::lesson::{Cues, cue_fields};
use crate::msg;
use crate::net::NetEvent;
use crate::scenario::Errors;
use crate::sim::NodeId;
use serde_json::{Map, Value};

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
    /// A message of this kind leaves its sender (and is on its way).
    Send(MsgKind),
    /// A message of this kind arrives.
    Deliver(MsgKind),
    /// A message of this kind is lost (to a partition, a cut link, a crashed
    /// receiver, random loss or the user).
    Drop(MsgKind),
    Crash,
    Restart,
    /// The network is partitioned, a server isolated or a link cut.
    Partition,
    Heal,
    /// Settings change while running (the network's, Raft's, the workload's).
    Configure,
    /// A write to stable storage begins (`start`), ends (`done`) or is lost
    /// in a crash (`lost`) (Figure 2).
    Persist(&'static str),
    /// A client sends a command, hears back, or gives up.
    Client(ClientPhase),
    /// A server that is not the leader turns a client away (naming the leader it knows).
    Redirect,
    /// The invariant checker flags a violation (of this invariant, or of any).
    Violation(Option<Invariant>),
}

/// A trace event pattern: a cue, optionally narrowed to a server, a term and
/// a least log index. A field the event does not have never matches a filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventMatch {
    pub cue: Cue,
    /// The server the event happened on: the voter for votes, the follower
    /// for rejections, the leader for backoffs, the receiver for messages
    /// (sent, delivered or dropped), the contacted server for client events.
    pub node: Option<NodeId>,
    /// The sender, for messages.
    pub from: Option<NodeId>,
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
        from: None,
        term: None,
        index: None,
    }
}

impl EventMatch {
    /// Whether `ev` is an event this pattern waits for.
    pub fn matches(&self, ev: &EventKind) -> bool {
        let (node, term, index) = fields(ev);
        let from = match ev {
            EventKind::Net(
                NetEvent::Send { from, .. }
                | NetEvent::Deliver { from, .. }
                | NetEvent::Drop { from, .. },
            ) => Some(*from),
            _ => None,
        };
        self.cue_matches(ev)
            && self.node.is_none_or(|n| node == Some(n))
            && self.from.is_none_or(|n| from == Some(n))
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
            (Cue::Send(kind), E::Net(NetEvent::Send { msg, .. }))
            | (Cue::Deliver(kind), E::Net(NetEvent::Deliver { msg, .. }))
            | (Cue::Drop(kind), E::Net(NetEvent::Drop { msg, .. })) => kind.name() == *msg,
            (Cue::Client(want), E::Client { event, .. }) => want == event.phase,
            (Cue::Persist(want), E::Persist { phase, .. }) => want == *phase,
            (Cue::Violation(want), E::Violation { invariant, .. }) => {
                want.is_none_or(|w| w == *invariant)
            }
            (Cue::Partition, E::Net(NetEvent::Partition { .. } | NetEvent::Cut { .. })) => true,
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
            | (Cue::Redirect, E::Redirect { .. })
            | (Cue::Crash, E::Net(NetEvent::Crash { .. }))
            | (Cue::Restart, E::Net(NetEvent::Restart { .. }))
            | (Cue::Heal, E::Net(NetEvent::Heal))
            | (Cue::Configure, E::Net(NetEvent::Configure { .. })) => true,
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
        E::Backoff { node, .. }
        | E::Net(NetEvent::Crash { node })
        | E::Net(NetEvent::Restart { node }) => (Some(*node), None, None),
        E::Commit {
            node, commit_index, ..
        } => (Some(*node), None, Some(*commit_index)),
        E::CommitDeferred { node, index, term }
        | E::Apply {
            node, index, term, ..
        }
        | E::Snapshot { node, index, term }
        | E::InstallSnapshot { node, index, term } => (Some(*node), Some(*term), Some(*index)),
        E::Read {
            node, read_index, ..
        } => (Some(*node), None, Some(*read_index)),
        E::Net(
            NetEvent::Send { to, term, .. }
            | NetEvent::Deliver { to, term, .. }
            | NetEvent::Drop { to, term, .. },
        ) => (Some(*to), term.map(Term), None),
        E::Client { event, .. } => (event.node, None, None),
        E::Persist {
            node,
            term,
            last_index,
            ..
        } => (Some(*node), Some(*term), Some(*last_index)),
        E::Redirect { node, .. } => (Some(*node), None, None),
        _ => (None, None, None),
    }
}

/// The cue names a lesson file may use, with the extra fields each takes.
const CUES: &[(&str, &[&str])] = &[
    ("role", &["role"]),
    ("timeout", &[]),
    ("vote", &["granted", "pre_vote"]),
    ("vote_ignored", &[]),
    ("step_down", &[]),
    ("append", &[]),
    ("truncate", &[]),
    ("reject", &[]),
    ("backoff", &[]),
    ("commit", &[]),
    ("commit_deferred", &[]),
    ("apply", &[]),
    ("snapshot", &[]),
    ("install_snapshot", &[]),
    ("read", &[]),
    ("send", &["msg", "from"]),
    ("deliver", &["msg", "from"]),
    ("drop", &["msg", "from"]),
    ("crash", &[]),
    ("restart", &[]),
    ("partition", &[]),
    ("heal", &[]),
    ("configure", &[]),
    ("persist", &["phase"]),
    ("client", &["phase"]),
    ("redirect", &[]),
    ("violation", &["invariant"]),
];

fn name_of<T: Copy>(
    errs: &mut Errors,
    path: &str,
    v: Option<&Value>,
    all: &[(&str, T)],
) -> Option<T> {
    let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
    let list = names.join(", ");
    match v.and_then(Value::as_str) {
        Some(s) => match all.iter().find(|(n, _)| *n == s) {
            Some((_, x)) => Some(*x),
            None => {
                errs.push(
                    path,
                    msg!(
                        "unknown {s:?}; one of: {list}",
                        "未知的 {s:?}；可选：{list}"
                    ),
                );
                None
            }
        },
        None => {
            errs.push(path, msg!("required: one of {list}", "必填：{list} 之一"));
            None
        }
    }
}

fn flag(errs: &mut Errors, path: &str, v: Option<&Value>) -> Option<bool> {
    match v {
        Some(Value::Bool(b)) => Some(*b),
        _ => {
            errs.push(
                path,
                Text::new("required: true or false", "必填：true 或 false"),
            );
            None
        }
    }
}

fn number(errs: &mut Errors, path: &str, v: Option<&Value>, hi: u64) -> Option<Option<u64>> {
    match v {
        None => Some(None),
        Some(v) => match v.as_u64() {
            Some(n) if n <= hi => Some(Some(n)),
            _ => {
                errs.push(
                    path,
                    msg!(
                        "must be a whole number up to {hi}, got {v}",
                        "必须是不超过 {hi} 的整数，实际为 {v}"
                    ),
                );
                None
            }
        },
    }
}

impl Cues for Raft {
    type Cue = EventMatch;
    const CUES: &'static [&'static str] = &[
        "role",
        "timeout",
        "vote",
        "vote_ignored",
        "step_down",
        "append",
        "truncate",
        "reject",
        "backoff",
        "commit",
        "commit_deferred",
        "apply",
        "snapshot",
        "install_snapshot",
        "read",
        "send",
        "deliver",
        "drop",
        "crash",
        "restart",
        "partition",
        "heal",
        "configure",
        "persist",
        "client",
        "redirect",
        "violation",
    ];

    fn cue(
        errs: &mut Errors,
        path: &str,
        on: &str,
        f: &Map<String, Value>,
        setup: &super::cluster::ClusterConfig,
    ) -> Option<EventMatch> {
        let own = CUES
            .iter()
            .find(|(n, _)| *n == on)
            .map_or(&[][..], |(_, x)| *x);
        let allowed: Vec<&str> = own
            .iter()
            .copied()
            .chain(["node", "term", "index"])
            .collect();
        if !cue_fields(errs, path, f, &allowed) {
            return None;
        }
        let p = |k: &str| format!("{path}.{k}");
        let cue = match on {
            "role" => {
                let roles = [
                    ("follower", Role::Follower),
                    ("precandidate", Role::PreCandidate),
                    ("candidate", Role::Candidate),
                    ("leader", Role::Leader),
                ];
                Cue::Role(name_of(errs, &p("role"), f.get("role"), &roles)?)
            }
            "vote" => Cue::Vote {
                granted: flag(errs, &p("granted"), f.get("granted"))?,
                pre_vote: flag(errs, &p("pre_vote"), f.get("pre_vote"))?,
            },
            "send" | "deliver" | "drop" => {
                let kinds: Vec<(&str, MsgKind)> =
                    MsgKind::ALL.iter().map(|k| (k.name(), *k)).collect();
                let kind = name_of(errs, &p("msg"), f.get("msg"), &kinds)?;
                match on {
                    "send" => Cue::Send(kind),
                    "deliver" => Cue::Deliver(kind),
                    _ => Cue::Drop(kind),
                }
            }
            "client" => {
                let phases = [
                    ("invoke", ClientPhase::Invoke),
                    ("ok", ClientPhase::Ok),
                    ("fail", ClientPhase::Fail),
                ];
                Cue::Client(name_of(errs, &p("phase"), f.get("phase"), &phases)?)
            }
            "persist" => {
                let phases = [("start", "start"), ("done", "done"), ("lost", "lost")];
                Cue::Persist(name_of(errs, &p("phase"), f.get("phase"), &phases)?)
            }
            "violation" => match f.get("invariant") {
                None => Cue::Violation(None),
                Some(v) => {
                    let all: Vec<(&str, Invariant)> =
                        Invariant::ALL.iter().map(|i| (i.name(), *i)).collect();
                    Cue::Violation(Some(name_of(errs, &p("invariant"), Some(v), &all)?))
                }
            },
            "timeout" => Cue::Timeout,
            "vote_ignored" => Cue::VoteIgnored,
            "step_down" => Cue::StepDown,
            "append" => Cue::Append,
            "truncate" => Cue::Truncate,
            "reject" => Cue::Reject,
            "backoff" => Cue::Backoff,
            "commit" => Cue::Commit,
            "commit_deferred" => Cue::CommitDeferred,
            "apply" => Cue::Apply,
            "snapshot" => Cue::Snapshot,
            "install_snapshot" => Cue::InstallSnapshot,
            "read" => Cue::Read,
            "redirect" => Cue::Redirect,
            "crash" => Cue::Crash,
            "restart" => Cue::Restart,
            "partition" => Cue::Partition,
            "configure" => Cue::Configure,
            _ => Cue::Heal,
        };
        let mut server = |key: &str| {
            let n = number(errs, &p(key), f.get(key), setup.nodes as u64)?;
            if n == Some(0) {
                errs.push(
                    p(key),
                    Text::new("servers are numbered from 1", "服务器从 1 开始编号"),
                );
                return None;
            }
            Some(n.map(|n| NodeId(n as u16)))
        };
        let node = server("node")?;
        let from = server("from")?;
        let term = number(errs, &p("term"), f.get("term"), u64::MAX)?;
        let index = number(errs, &p("index"), f.get("index"), u64::MAX)?;
        Some(EventMatch {
            cue,
            node,
            from,
            term: term.map(Term),
            index: index.map(LogIndex),
        })
    }

    fn matches(cue: &EventMatch, ev: &EventKind) -> bool {
        cue.matches(ev)
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
            cause: Default::default(),
        };
        assert!(on(Cue::Role(Role::Leader)).matches(&leader));
        assert!(
            EventMatch {
                node: Some(NodeId(3)),
                term: Some(Term(2)),
                ..on(Cue::Role(Role::Leader))
            }
            .matches(&leader)
        );
        assert!(
            !EventMatch {
                node: Some(NodeId(1)),
                ..on(Cue::Role(Role::Leader))
            }
            .matches(&leader)
        );
        assert!(
            !EventMatch {
                term: Some(Term(3)),
                ..on(Cue::Role(Role::Leader))
            }
            .matches(&leader)
        );
        assert!(!on(Cue::Role(Role::Candidate)).matches(&leader));
        assert!(
            !EventMatch {
                index: Some(LogIndex(1)),
                ..on(Cue::Role(Role::Leader))
            }
            .matches(&leader),
            "a role change has no index"
        );
        let commit = EventKind::Commit {
            node: NodeId(1),
            commit_index: LogIndex(4),
            cause: Default::default(),
        };
        assert!(
            EventMatch {
                index: Some(LogIndex(3)),
                ..on(Cue::Commit)
            }
            .matches(&commit)
        );
        assert!(
            EventMatch {
                index: Some(LogIndex(4)),
                ..on(Cue::Commit)
            }
            .matches(&commit)
        );
        assert!(
            !EventMatch {
                index: Some(LogIndex(5)),
                ..on(Cue::Commit)
            }
            .matches(&commit)
        );
        let deliver = EventKind::Net(NetEvent::Deliver {
            from: NodeId(1),
            to: NodeId(5),
            msg: "InstallSnapshot",
            term: Some(1),
            id: crate::sim::MsgId(7),
            note: None,
        });
        assert!(
            EventMatch {
                node: Some(NodeId(5)),
                ..on(Cue::Deliver(MsgKind::InstallSnapshot))
            }
            .matches(&deliver)
        );
        assert!(!on(Cue::Deliver(MsgKind::AppendEntries)).matches(&deliver));
        assert!(
            !EventMatch {
                node: Some(NodeId(1)),
                ..on(Cue::Deliver(MsgKind::InstallSnapshot))
            }
            .matches(&deliver)
        );
    }

    #[test]
    fn persist_matches_its_phase_on_its_server() {
        let lost = EventKind::Persist {
            node: NodeId(3),
            phase: "lost",
            term: Term(1),
            voted_for: None,
            last_index: LogIndex(2),
            until: None,
            cause: Default::default(),
        };
        assert!(on(Cue::Persist("lost")).matches(&lost));
        assert!(!on(Cue::Persist("done")).matches(&lost));
        assert!(
            EventMatch {
                node: Some(NodeId(3)),
                index: Some(LogIndex(2)),
                ..on(Cue::Persist("lost"))
            }
            .matches(&lost)
        );
        assert!(
            !EventMatch {
                node: Some(NodeId(2)),
                ..on(Cue::Persist("lost"))
            }
            .matches(&lost)
        );
    }

    #[test]
    fn configure_matches_a_change_of_settings_only() {
        use crate::lang::Tag;
        let configure = EventKind::Net(NetEvent::Configure {
            what: Tag::new("network", "the network", "网络"),
        });
        assert!(on(Cue::Configure).matches(&configure));
        assert!(!on(Cue::Heal).matches(&configure));
        assert!(!on(Cue::Configure).matches(&EventKind::Net(NetEvent::Heal)));
        assert!(
            !EventMatch {
                node: Some(NodeId(1)),
                ..on(Cue::Configure)
            }
            .matches(&configure),
            "a change of settings names no server"
        );
    }
}
