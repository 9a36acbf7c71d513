//! What a user (or a scenario script) can do to a running cluster.

use crate::raft::{KvOp, MsgKind, RaftConfig};
use crate::sim::{LatencyRange, MsgId, NetConfig, NodeId};
use std::fmt;
use std::sync::Arc;

use super::config::Workload;

/// A server named directly, or whichever server leads when the action runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeRef {
    Id(NodeId),
    Leader,
}

impl fmt::Display for NodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeRef::Id(id) => write!(f, "{id}"),
            NodeRef::Leader => write!(f, "the leader"),
        }
    }
}

/// Selects messages in flight; empty fields match anything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MsgFilter {
    pub id: Option<MsgId>,
    pub kind: Option<MsgKind>,
    pub from: Option<NodeId>,
    pub to: Option<NodeId>,
}

impl MsgFilter {
    pub fn id(id: MsgId) -> Self {
        MsgFilter {
            id: Some(id),
            ..Default::default()
        }
    }

    pub fn matches(&self, id: MsgId, kind: MsgKind, from: NodeId, to: NodeId) -> bool {
        self.id.is_none_or(|x| x == id)
            && self.kind.is_none_or(|x| x == kind)
            && self.from.is_none_or(|x| x == from)
            && self.to.is_none_or(|x| x == to)
    }
}

/// One user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Crash(NodeRef),
    Restart(NodeRef),
    /// The process stops running but keeps its memory; events wait until it resumes.
    Pause(NodeRef),
    Resume(NodeRef),
    /// Messages to and from the node take `factor` times as long (1 = normal).
    Slow {
        node: NodeRef,
        factor: u16,
    },
    /// Start an election now (§5.2).
    Timeout(NodeRef),
    /// A client command sent to `node`, or to the leader when `None`.
    Propose {
        node: Option<NodeRef>,
        op: KvOp,
    },
    Read {
        node: Option<NodeRef>,
        key: Arc<str>,
    },
    /// Split the servers into groups; servers in no group form one more group.
    Partition(Vec<Vec<NodeId>>),
    /// Put one server in a group of its own.
    Isolate(NodeRef),
    Cut {
        from: NodeId,
        to: NodeId,
        both: bool,
    },
    Uncut {
        from: NodeId,
        to: NodeId,
        both: bool,
    },
    Heal,
    Drop(MsgFilter),
    Duplicate(MsgFilter),
    /// Deliver the matching messages now.
    Deliver(MsgFilter),
    SetNetwork(NetConfig),
    SetLinkLatency {
        from: NodeId,
        to: NodeId,
        range: LatencyRange,
    },
    SetRaft(Box<RaftConfig>),
    SetWorkload(Option<Workload>),
    /// Leadership transfer to the named server (thesis §3.10).
    Transfer(NodeRef),
}

impl Action {
    /// Every server the action names by number (not "the leader").
    pub fn named_nodes(&self) -> Vec<NodeId> {
        let id = |r: &NodeRef| match r {
            NodeRef::Id(id) => Some(*id),
            NodeRef::Leader => None,
        };
        match self {
            Action::Crash(r)
            | Action::Restart(r)
            | Action::Pause(r)
            | Action::Resume(r)
            | Action::Timeout(r)
            | Action::Isolate(r)
            | Action::Transfer(r)
            | Action::Slow { node: r, .. } => id(r).into_iter().collect(),
            Action::Propose { node, .. } | Action::Read { node, .. } => {
                node.as_ref().and_then(id).into_iter().collect()
            }
            Action::Partition(groups) => groups.iter().flatten().copied().collect(),
            Action::Cut { from, to, .. }
            | Action::Uncut { from, to, .. }
            | Action::SetLinkLatency { from, to, .. } => {
                vec![*from, *to]
            }
            Action::Drop(f) | Action::Duplicate(f) | Action::Deliver(f) => {
                f.from.into_iter().chain(f.to).collect()
            }
            Action::Heal | Action::SetNetwork(_) | Action::SetRaft(_) | Action::SetWorkload(_) => {
                Vec::new()
            }
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Crash(n) => write!(f, "crash {n}"),
            Action::Restart(n) => write!(f, "restart {n}"),
            Action::Pause(n) => write!(f, "pause {n}"),
            Action::Resume(n) => write!(f, "resume {n}"),
            Action::Slow { node, factor } => write!(f, "slow {node} ×{factor}"),
            Action::Timeout(n) => write!(f, "time out {n}"),
            Action::Propose { node: Some(n), op } => write!(f, "{op} via {n}"),
            Action::Propose { node: None, op } => write!(f, "{op}"),
            Action::Read { node: Some(n), key } => write!(f, "get {key} via {n}"),
            Action::Read { node: None, key } => write!(f, "get {key}"),
            Action::Partition(groups) => {
                write!(f, "partition")?;
                for g in groups {
                    let names: Vec<String> = g.iter().map(|n| n.to_string()).collect();
                    write!(f, " [{}]", names.join(" "))?;
                }
                Ok(())
            }
            Action::Isolate(n) => write!(f, "isolate {n}"),
            Action::Cut {
                from,
                to,
                both: false,
            } => write!(f, "cut {from}→{to}"),
            Action::Cut {
                from,
                to,
                both: true,
            } => write!(f, "cut {from}↔{to}"),
            Action::Uncut {
                from,
                to,
                both: false,
            } => write!(f, "reconnect {from}→{to}"),
            Action::Uncut {
                from,
                to,
                both: true,
            } => write!(f, "reconnect {from}↔{to}"),
            Action::Heal => write!(f, "heal"),
            Action::Drop(m) => write!(f, "drop {}", filter_text(m)),
            Action::Duplicate(m) => write!(f, "duplicate {}", filter_text(m)),
            Action::Deliver(m) => write!(f, "deliver {}", filter_text(m)),
            Action::SetNetwork(_) => write!(f, "change network settings"),
            Action::SetLinkLatency { from, to, .. } => write!(f, "change latency {from}→{to}"),
            Action::SetRaft(_) => write!(f, "change Raft settings"),
            Action::SetWorkload(_) => write!(f, "change workload"),
            Action::Transfer(n) => write!(f, "transfer leadership to {n}"),
        }
    }
}

fn filter_text(m: &MsgFilter) -> String {
    let mut parts = Vec::new();
    if let Some(id) = m.id {
        parts.push(id.to_string());
    }
    if let Some(k) = m.kind {
        parts.push(k.name().to_string());
    }
    if let Some(f) = m.from {
        parts.push(format!("from {f}"));
    }
    if let Some(t) = m.to {
        parts.push(format!("to {t}"));
    }
    if parts.is_empty() {
        "all messages".into()
    } else {
        parts.join(" ")
    }
}
