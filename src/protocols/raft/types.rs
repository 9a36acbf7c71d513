//! Raft's vocabulary as types: terms, log indices, roles, entries and the
//! commands of the key-value state machine (Raft paper Figure 2).

use crate::sim::Fnv64;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// A Raft term (§5.1). Terms start at 0 and only grow.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Term(pub u64);

impl Term {
    pub fn next(self) -> Term {
        Term(self.0 + 1)
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A position in the log, counted from 1; index 0 is the empty prefix.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct LogIndex(pub u64);

impl LogIndex {
    pub fn next(self) -> LogIndex {
        LogIndex(self.0 + 1)
    }
    pub fn prev(self) -> LogIndex {
        LogIndex(self.0.saturating_sub(1))
    }
}

impl fmt::Display for LogIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A client of the replicated state machine, numbered from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClientId(pub u32);

/// The request a reply answers: a client's operation, by its session
/// sequence number (§8), as sent in the client's `attempt`-th try. Only the
/// pair (client, seq) enters the log; the attempt tells a client's fresh
/// request from one it already gave up on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestId {
    pub client: ClientId,
    pub seq: u64,
    pub attempt: u32,
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "C{}", self.0)
    }
}

/// The role a server plays (§5.1; PreCandidate from the thesis §9.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Follower,
    #[serde(rename = "precandidate")]
    PreCandidate,
    Candidate,
    Leader,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Follower => "follower",
            Role::PreCandidate => "precandidate",
            Role::Candidate => "candidate",
            Role::Leader => "leader",
        }
    }
}

/// An operation of the key-value state machine that goes through the log.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KvOp {
    Set { key: Arc<str>, value: Arc<str> },
    Append { key: Arc<str>, value: Arc<str> },
    Delete { key: Arc<str> },
}

impl KvOp {
    pub fn key(&self) -> &Arc<str> {
        match self {
            KvOp::Set { key, .. } | KvOp::Append { key, .. } | KvOp::Delete { key } => key,
        }
    }

    pub fn value(&self) -> Option<&Arc<str>> {
        match self {
            KvOp::Set { value, .. } | KvOp::Append { value, .. } => Some(value),
            KvOp::Delete { .. } => None,
        }
    }

    /// The operation's name as clients and traces spell it.
    pub fn name(&self) -> &'static str {
        match self {
            KvOp::Set { .. } => "set",
            KvOp::Append { .. } => "append",
            KvOp::Delete { .. } => "del",
        }
    }
}

impl fmt::Display for KvOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KvOp::Set { key, value } => write!(f, "set {key} {value}"),
            KvOp::Append { key, value } => write!(f, "append {key} {value}"),
            KvOp::Delete { key } => write!(f, "del {key}"),
        }
    }
}

/// What a log entry carries.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// The empty entry a new leader appends to commit its term (§8).
    Noop,
    /// A client's operation with its session sequence number (§8).
    Op {
        client: ClientId,
        seq: u64,
        op: KvOp,
    },
}

impl Command {
    fn feed(&self, h: &mut Fnv64) {
        match self {
            Command::Noop => {
                h.write(&[0]);
            }
            Command::Op { client, seq, op } => {
                h.write(&[1]).write_u64(u64::from(client.0)).write_u64(*seq);
                h.write(&[match op {
                    KvOp::Set { .. } => 0,
                    KvOp::Append { .. } => 1,
                    KvOp::Delete { .. } => 2,
                }]);
                h.write_str(op.key());
                if let Some(v) = op.value() {
                    h.write_str(v);
                }
            }
        }
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Noop => write!(f, "no-op"),
            Command::Op { op, .. } => write!(f, "{op}"),
        }
    }
}

/// A log entry. `hash` covers this entry and every entry before it, so two
/// logs with the same (index, hash) are identical up to that index: the
/// invariant checker tests Log Matching (§5.3) in constant time with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub term: Term,
    pub hash: u64,
    pub command: Command,
}

impl Entry {
    /// The entry following a prefix whose hash is `prev_hash`.
    pub fn new(prev_hash: u64, term: Term, command: Command) -> Entry {
        let mut h = Fnv64::new();
        h.write_u64(prev_hash).write_u64(term.0);
        command.feed(&mut h);
        Entry {
            term,
            hash: h.finish(),
            command,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(k: &str, v: &str) -> Command {
        Command::Op {
            client: ClientId(1),
            seq: 1,
            op: KvOp::Set {
                key: k.into(),
                value: v.into(),
            },
        }
    }

    #[test]
    fn prefix_hash_depends_on_term_command_and_history() {
        let a = Entry::new(0, Term(1), set("x", "1"));
        assert_eq!(a, Entry::new(0, Term(1), set("x", "1")));
        assert_ne!(a.hash, Entry::new(0, Term(2), set("x", "1")).hash);
        assert_ne!(a.hash, Entry::new(0, Term(1), set("x", "2")).hash);
        assert_ne!(a.hash, Entry::new(1, Term(1), set("x", "1")).hash);
        assert_ne!(a.hash, Entry::new(0, Term(1), Command::Noop).hash);
    }

    #[test]
    fn commands_read_like_the_command_box() {
        assert_eq!(set("x", "5").to_string(), "set x 5");
        assert_eq!(Command::Noop.to_string(), "no-op");
        assert_eq!(Role::PreCandidate.name(), "precandidate");
    }
}
