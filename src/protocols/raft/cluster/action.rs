//! What a user (or a scenario script) can do to a running Raft cluster: the
//! network and process faults every protocol shares, and Raft's own actions.

use crate::lang::Lang;
use crate::net::{NetAction, NodeRef};
use crate::protocols::raft::{KvOp, RaftConfig};
use crate::sim::NodeId;
use std::fmt;
use std::sync::Arc;

use super::config::Workload;

/// One user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// On the network or a server's process.
    Net(NetAction),
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
    SetRaft(Box<RaftConfig>),
    SetWorkload(Option<Workload>),
    /// Leadership transfer to the named server (thesis §3.10).
    Transfer(NodeRef),
}

impl From<NetAction> for Action {
    fn from(a: NetAction) -> Self {
        Action::Net(a)
    }
}

impl Action {
    /// Every server the action names by number (not "the leader").
    pub fn named_nodes(&self) -> Vec<NodeId> {
        match self {
            Action::Net(a) => a.named_nodes(),
            Action::Timeout(r) | Action::Transfer(r) => r.id().into_iter().collect(),
            Action::Propose { node, .. } | Action::Read { node, .. } => {
                node.and_then(NodeRef::id).into_iter().collect()
            }
            Action::SetRaft(_) | Action::SetWorkload(_) => Vec::new(),
        }
    }

    /// A short description in `lang`, e.g. "time out S1", "set x 1 via S2".
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let via = |n: &NodeRef| match lang {
            Lang::En => format!(" via {}", n.describe(lang)),
            Lang::Zh => format!("（经由 {}）", n.describe(lang)),
        };
        match self {
            Action::Net(a) => a.describe(lang),
            Action::Timeout(n) if zh => format!("让 {} 超时", n.describe(lang)),
            Action::Timeout(n) => format!("time out {}", n.describe(lang)),
            Action::Propose { node, op } => {
                format!("{op}{}", node.as_ref().map(via).unwrap_or_default())
            }
            Action::Read { node, key } => {
                format!("get {key}{}", node.as_ref().map(via).unwrap_or_default())
            }
            Action::SetRaft(_) => lang.pick("change Raft settings", "更改 Raft 设置").into(),
            Action::SetWorkload(_) => lang.pick("change workload", "更改负载").into(),
            Action::Transfer(n) if zh => format!("把领导权转移给 {}", n.describe(lang)),
            Action::Transfer(n) => format!("transfer leadership to {}", n.describe(lang)),
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}
