//! What a user or a script can do to the network and the processes of any
//! protocol's cluster: crash and restart, pause and resume, slow a server
//! down, partition, isolate, cut and reconnect links, heal, drop, duplicate
//! or deliver messages in flight, and change the network's settings.

use crate::lang::Lang;
use crate::sim::{LatencyRange, MsgId, NetConfig, NodeId};
use std::fmt;

/// A server named directly, or whichever server leads when the action runs
/// (for protocols with a leader).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeRef {
    Id(NodeId),
    Leader,
}

impl NodeRef {
    /// The server in `lang`: "S3", or "the leader".
    pub fn describe(self, lang: Lang) -> String {
        match self {
            NodeRef::Id(id) => id.to_string(),
            NodeRef::Leader => lang.pick("the leader", "领导者").to_string(),
        }
    }

    /// The server named by number, if any.
    pub fn id(self) -> Option<NodeId> {
        match self {
            NodeRef::Id(id) => Some(id),
            NodeRef::Leader => None,
        }
    }
}

impl fmt::Display for NodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Selects messages in flight; empty fields match anything. `kind` is the
/// protocol's message name ("AppendEntries", "Ping").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MsgFilter {
    pub id: Option<MsgId>,
    pub kind: Option<&'static str>,
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

    pub fn matches(&self, id: MsgId, kind: &str, from: NodeId, to: NodeId) -> bool {
        self.id.is_none_or(|x| x == id)
            && self.kind.is_none_or(|x| x == kind)
            && self.from.is_none_or(|x| x == from)
            && self.to.is_none_or(|x| x == to)
    }

    fn describe(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(id) = self.id {
            parts.push(id.to_string());
        }
        if let Some(k) = self.kind {
            parts.push(k.to_string());
        }
        if let Some(f) = self.from {
            parts.push(format!("{} {f}", lang.pick("from", "来自")));
        }
        if let Some(t) = self.to {
            parts.push(format!("{} {t}", lang.pick("to", "发往")));
        }
        if parts.is_empty() {
            lang.pick("all messages", "所有消息").into()
        } else {
            parts.join(" ")
        }
    }
}

/// One action on the network or on a server's process.
#[derive(Clone, Debug, PartialEq)]
pub enum NetAction {
    /// The server stops: it loses what it holds in memory, keeps what it
    /// stored, and messages to it are lost until it restarts.
    Crash(NodeRef),
    Restart(NodeRef),
    /// The process stops running but keeps its memory; events wait until it resumes.
    Pause(NodeRef),
    Resume(NodeRef),
    /// Messages to and from the server take `factor` times as long (1 = normal).
    Slow {
        node: NodeRef,
        factor: u16,
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
    /// Only the loss probability changes.
    SetLoss(f64),
    /// Only the duplication probability changes.
    SetDuplicate(f64),
    /// Only the latency of every link changes.
    SetLatency(LatencyRange),
    SetLinkLatency {
        from: NodeId,
        to: NodeId,
        range: LatencyRange,
    },
}

fn arrow(both: bool) -> &'static str {
    if both { "↔" } else { "→" }
}

impl NetAction {
    /// Every server the action names by number (not "the leader").
    pub fn named_nodes(&self) -> Vec<NodeId> {
        match self {
            NetAction::Crash(r)
            | NetAction::Restart(r)
            | NetAction::Pause(r)
            | NetAction::Resume(r)
            | NetAction::Isolate(r)
            | NetAction::Slow { node: r, .. } => r.id().into_iter().collect(),
            NetAction::Partition(groups) => groups.iter().flatten().copied().collect(),
            NetAction::Cut { from, to, .. }
            | NetAction::Uncut { from, to, .. }
            | NetAction::SetLinkLatency { from, to, .. } => vec![*from, *to],
            NetAction::Drop(f) | NetAction::Duplicate(f) | NetAction::Deliver(f) => {
                f.from.into_iter().chain(f.to).collect()
            }
            NetAction::Heal
            | NetAction::SetNetwork(_)
            | NetAction::SetLoss(_)
            | NetAction::SetDuplicate(_)
            | NetAction::SetLatency(_) => Vec::new(),
        }
    }

    /// A short description in `lang`, e.g. "crash S2", "partition [S1 S2] [S3]".
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let node = |r: &NodeRef| r.describe(lang);
        match self {
            NetAction::Crash(n) if zh => format!("让 {} 崩溃", node(n)),
            NetAction::Crash(n) => format!("crash {}", node(n)),
            NetAction::Restart(n) if zh => format!("重启 {}", node(n)),
            NetAction::Restart(n) => format!("restart {}", node(n)),
            NetAction::Pause(n) if zh => format!("暂停 {}", node(n)),
            NetAction::Pause(n) => format!("pause {}", node(n)),
            NetAction::Resume(n) if zh => format!("恢复 {}", node(n)),
            NetAction::Resume(n) => format!("resume {}", node(n)),
            NetAction::Slow { node: n, factor } if zh => format!("让 {} 变慢 ×{factor}", node(n)),
            NetAction::Slow { node: n, factor } => format!("slow {} ×{factor}", node(n)),
            NetAction::Partition(groups) => {
                let g = groups_text(groups);
                format!("{} {g}", lang.pick("partition", "分区"))
            }
            NetAction::Isolate(n) if zh => format!("隔离 {}", node(n)),
            NetAction::Isolate(n) => format!("isolate {}", node(n)),
            NetAction::Cut { from, to, both } => {
                let a = arrow(*both);
                format!("{} {from}{a}{to}", lang.pick("cut", "切断"))
            }
            NetAction::Uncut { from, to, both } => {
                let a = arrow(*both);
                format!("{} {from}{a}{to}", lang.pick("reconnect", "恢复"))
            }
            NetAction::Heal => lang.pick("heal", "恢复网络").into(),
            NetAction::Drop(m) => format!("{} {}", lang.pick("drop", "丢弃"), m.describe(lang)),
            NetAction::Duplicate(m) => {
                format!("{} {}", lang.pick("duplicate", "复制"), m.describe(lang))
            }
            NetAction::Deliver(m) => {
                format!("{} {}", lang.pick("deliver", "立即送达"), m.describe(lang))
            }
            NetAction::SetNetwork(_) => lang.pick("change network settings", "更改网络设置").into(),
            NetAction::SetLoss(p) => {
                let pct = p * 100.0;
                match lang {
                    Lang::En => format!("set message loss to {pct}%"),
                    Lang::Zh => format!("把丢包率设为 {pct}%"),
                }
            }
            NetAction::SetDuplicate(p) => {
                let pct = p * 100.0;
                match lang {
                    Lang::En => format!("set duplication to {pct}%"),
                    Lang::Zh => format!("把重复率设为 {pct}%"),
                }
            }
            NetAction::SetLatency(r) => {
                let (lo, hi) = (r.min.as_millis_f64(), r.max.as_millis_f64());
                match lang {
                    Lang::En => format!("set latency to {lo}–{hi} ms"),
                    Lang::Zh => format!("把延迟设为 {lo}–{hi} 毫秒"),
                }
            }
            NetAction::SetLinkLatency { from, to, .. } if zh => {
                format!("更改 {from}→{to} 的延迟")
            }
            NetAction::SetLinkLatency { from, to, .. } => format!("change latency {from}→{to}"),
        }
    }
}

impl fmt::Display for NetAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Partition groups as text: `[S1 S2] [S3]`.
pub fn groups_text(gs: &[Vec<NodeId>]) -> String {
    gs.iter()
        .map(|g| {
            let names: Vec<String> = g.iter().map(|n| n.to_string()).collect();
            format!("[{}]", names.join(" "))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_in_both_languages() {
        let a = NetAction::Partition(vec![vec![NodeId(1), NodeId(2)], vec![NodeId(3)]]);
        assert_eq!(a.to_string(), "partition [S1 S2] [S3]");
        assert_eq!(a.describe(Lang::Zh), "分区 [S1 S2] [S3]");
        let c = NetAction::Cut {
            from: NodeId(1),
            to: NodeId(2),
            both: false,
        };
        assert_eq!(c.describe(Lang::Zh), "切断 S1→S2");
        assert_eq!(
            NetAction::Crash(NodeRef::Leader).to_string(),
            "crash the leader"
        );
        let d = NetAction::Drop(MsgFilter {
            kind: Some("AppendEntries"),
            to: Some(NodeId(4)),
            ..Default::default()
        });
        assert_eq!(d.to_string(), "drop AppendEntries to S4");
    }

    #[test]
    fn filters_match_on_every_field_they_name() {
        let f = MsgFilter {
            kind: Some("Ping"),
            from: Some(NodeId(2)),
            ..Default::default()
        };
        assert!(f.matches(MsgId(5), "Ping", NodeId(2), NodeId(3)));
        assert!(!f.matches(MsgId(5), "Ack", NodeId(2), NodeId(3)));
        assert!(!f.matches(MsgId(5), "Ping", NodeId(1), NodeId(3)));
        assert!(MsgFilter::default().matches(MsgId(1), "x", NodeId(1), NodeId(2)));
    }
}
