//! What a user (or a scenario script) can do to a running gossip world.

use super::config::{SpreadConfig, SwimConfig};
use super::describe::{choose, groups_text};
use crate::lang::Lang;
use crate::sim::{LatencyRange, NetConfig, NodeId};
use std::fmt;
use std::sync::Arc;

/// One user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// `node` sets `key` to `value` and starts spreading the update.
    StartRumor {
        node: NodeId,
        key: Arc<str>,
        value: Arc<str>,
    },
    Crash(NodeId),
    /// A crashed node comes back with its stored state and a higher incarnation.
    Restart(NodeId),
    /// A new node (the next free slot) enters through `seed`.
    Join {
        seed: NodeId,
    },
    /// A graceful leave: the node tells a few members, then stops.
    Leave(NodeId),
    /// Split the nodes into groups; nodes in no group form one more group.
    Partition(Vec<Vec<NodeId>>),
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
    SetLoss(f64),
    SetLatency(LatencyRange),
    SetNetwork(NetConfig),
    SetSpread(SpreadConfig),
    SetSwim(SwimConfig),
}

fn arrow(both: bool) -> &'static str {
    if both { "↔" } else { "→" }
}

impl Action {
    /// A short description in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let (en, zh) = match self {
            Action::StartRumor { node, key, value } => (
                format!("set {key} = {value} at {node}"),
                format!("在 {node} 上设置 {key} = {value}"),
            ),
            Action::Crash(n) => (format!("crash {n}"), format!("让 {n} 崩溃")),
            Action::Restart(n) => (format!("restart {n}"), format!("重启 {n}")),
            Action::Join { seed } => (
                format!("join a new node through {seed}"),
                format!("通过 {seed} 加入一个新节点"),
            ),
            Action::Leave(n) => (format!("{n} leaves"), format!("让 {n} 离开")),
            Action::Partition(groups) => {
                let g = groups_text(groups);
                (format!("partition {g}"), format!("分区 {g}"))
            }
            Action::Cut { from, to, both } => {
                let a = arrow(*both);
                (format!("cut {from}{a}{to}"), format!("切断 {from}{a}{to}"))
            }
            Action::Uncut { from, to, both } => {
                let a = arrow(*both);
                (
                    format!("reconnect {from}{a}{to}"),
                    format!("恢复 {from}{a}{to}"),
                )
            }
            Action::Heal => ("heal".to_string(), "恢复网络".to_string()),
            Action::SetLoss(p) => {
                let pct = p * 100.0;
                (
                    format!("set message loss to {pct}%"),
                    format!("把丢包率设为 {pct}%"),
                )
            }
            Action::SetLatency(r) => {
                let (lo, hi) = (r.min.as_millis_f64(), r.max.as_millis_f64());
                (
                    format!("set latency to {lo}–{hi} ms"),
                    format!("把延迟设为 {lo}–{hi} 毫秒"),
                )
            }
            Action::SetNetwork(_) => (
                "change network settings".to_string(),
                "更改网络设置".to_string(),
            ),
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
        let a = Action::Partition(vec![vec![NodeId(1), NodeId(2)], vec![NodeId(3)]]);
        assert_eq!(a.to_string(), "partition [S1 S2] [S3]");
        assert_eq!(a.describe(Lang::Zh), "分区 [S1 S2] [S3]");
        let c = Action::Cut {
            from: NodeId(1),
            to: NodeId(2),
            both: false,
        };
        assert_eq!(c.describe(Lang::Zh), "切断 S1→S2");
    }
}
