//! What a user (or a scenario script) can do to a running gossip world.

use super::config::{SpreadConfig, SwimConfig};
use super::describe::choose;
use crate::lang::Lang;
use crate::net::NetAction;
use crate::sim::NodeId;
use std::fmt;
use std::sync::Arc;

/// One user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// On the network or a node's process (crash and restart included).
    Net(NetAction),
    /// `node` sets `key` to `value` and starts spreading the update.
    StartRumor {
        node: NodeId,
        key: Arc<str>,
        value: Arc<str>,
    },
    /// A new node (the next free slot) enters through `seed`.
    Join {
        seed: NodeId,
    },
    /// A graceful leave: the node tells a few members, then stops.
    Leave(NodeId),
    SetSpread(SpreadConfig),
    SetSwim(SwimConfig),
}

impl From<NetAction> for Action {
    fn from(a: NetAction) -> Self {
        Action::Net(a)
    }
}

impl Action {
    /// A short description in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let (en, zh) = match self {
            Action::Net(a) => return a.describe(lang),
            Action::StartRumor { node, key, value } => (
                format!("set {key} = {value} at {node}"),
                format!("在 {node} 上设置 {key} = {value}"),
            ),
            Action::Join { seed } => (
                format!("join a new node through {seed}"),
                format!("通过 {seed} 加入一个新节点"),
            ),
            Action::Leave(n) => (format!("{n} leaves"), format!("让 {n} 离开")),
            Action::SetSpread(_) => (
                "change gossip settings".to_string(),
                "更改传播设置".to_string(),
            ),
            Action::SetSwim(_) => (
                "change SWIM settings".to_string(),
                "更改 SWIM 设置".to_string(),
            ),
        };
        choose(lang, en, zh)
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
        let a = Action::Join { seed: NodeId(2) };
        assert_eq!(a.to_string(), "join a new node through S2");
        assert_eq!(a.describe(Lang::Zh), "通过 S2 加入一个新节点");
        let n = Action::Net(NetAction::Heal);
        assert_eq!(n.describe(Lang::Zh), "恢复网络");
    }
}
