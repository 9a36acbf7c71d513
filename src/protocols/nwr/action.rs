//! What a user (or a scenario script) can do to a running Quorum NWR
//! cluster: the network and process faults every protocol shares, and a
//! client's put or get through a chosen coordinator.

use crate::lang::Lang;
use crate::net::NetAction;
use crate::sim::NodeId;
use std::fmt;
use std::sync::Arc;

/// One user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// On the network or a server's process.
    Net(NetAction),
    /// A client writes `value` to `key` through `node` (else the first live replica).
    Put {
        node: Option<NodeId>,
        key: Arc<str>,
        value: Arc<str>,
    },
    /// A client reads `key` through `node` (else the first live replica).
    Get { node: Option<NodeId>, key: Arc<str> },
}

impl From<NetAction> for Action {
    fn from(a: NetAction) -> Self {
        Action::Net(a)
    }
}

impl Action {
    /// A short description in `lang`, e.g. "put x 5 via S2".
    pub fn describe(&self, lang: Lang) -> String {
        let via = |n: &Option<NodeId>| match (n, lang) {
            (None, _) => String::new(),
            (Some(n), Lang::En) => format!(" via {n}"),
            (Some(n), Lang::Zh) => format!("（经由 {n}）"),
        };
        match self {
            Action::Net(a) => a.describe(lang),
            Action::Put { node, key, value } => format!("put {key} {value}{}", via(node)),
            Action::Get { node, key } => format!("get {key}{}", via(node)),
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_in_both_languages() {
        let a = Action::Put {
            node: Some(NodeId(2)),
            key: "x".into(),
            value: "5".into(),
        };
        assert_eq!(a.to_string(), "put x 5 via S2");
        assert_eq!(a.describe(Lang::Zh), "put x 5（经由 S2）");
        let g = Action::Get {
            node: None,
            key: "x".into(),
        };
        assert_eq!(g.to_string(), "get x");
    }
}
