//! One sentence for each network and process event, in English and in
//! Simplified Chinese: the same words in every protocol's narration.

use super::NetEvent;
use crate::lang::Lang;
use crate::sim::DropReason;

/// Why a message was lost, in `lang`.
pub fn drop_reason(reason: DropReason, lang: Lang) -> &'static str {
    match reason {
        DropReason::Loss => lang.pick("lost on the network", "在网络中丢失"),
        DropReason::Partition => lang.pick("blocked by the partition", "被网络分区阻断"),
        DropReason::Cut => lang.pick("blocked by a cut link", "被切断的链路阻断"),
        DropReason::NodeDown => lang.pick("its receiver is down", "接收方已宕机"),
        DropReason::User => lang.pick("dropped by hand", "被手动丢弃"),
    }
}

/// A message name with the sender's term, if the protocol has terms.
fn with_term(msg: &str, term: Option<u64>, lang: Lang) -> String {
    match (term, lang) {
        (Some(t), Lang::En) => format!("{msg} (term {t})"),
        (Some(t), Lang::Zh) => format!("{msg}（任期 {t}）"),
        (None, _) => msg.to_string(),
    }
}

impl NetEvent {
    /// One sentence saying what happened, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            NetEvent::Send {
                from,
                to,
                msg,
                term,
                ..
            } => {
                let m = with_term(msg, *term, lang);
                if zh {
                    format!("{from} 向 {to} 发送 {m}")
                } else {
                    format!("{from} sent {m} to {to}")
                }
            }
            NetEvent::Deliver { from, to, msg, .. } => {
                if zh {
                    format!("{to} 收到了 {from} 的 {msg}")
                } else {
                    format!("{to} received {msg} from {from}")
                }
            }
            NetEvent::Drop {
                from,
                to,
                msg,
                reason,
                ..
            } => {
                let why = drop_reason(*reason, lang);
                if zh {
                    format!("{from} 发给 {to} 的 {msg} 丢失了：{why}")
                } else {
                    format!("{msg} from {from} to {to} was lost: {why}")
                }
            }
            NetEvent::Duplicate { from, to, msg, .. } => {
                if zh {
                    format!("网络复制了 {from} 发给 {to} 的 {msg}")
                } else {
                    format!("the network duplicated {msg} from {from} to {to}")
                }
            }
            NetEvent::Crash { node } if zh => format!("{node} 崩溃了"),
            NetEvent::Crash { node } => format!("{node} crashed"),
            NetEvent::Restart { node } if zh => format!("{node} 从持久状态重启"),
            NetEvent::Restart { node } => format!("{node} restarted from its persistent state"),
            NetEvent::Pause { node } if zh => format!("{node} 被暂停"),
            NetEvent::Pause { node } => format!("{node} is paused"),
            NetEvent::Resume { node } if zh => format!("{node} 恢复运行"),
            NetEvent::Resume { node } => format!("{node} resumed"),
            NetEvent::Slow { node, factor } if zh => format!("{node} 的消息变慢 {factor} 倍"),
            NetEvent::Slow { node, factor } => {
                format!("messages to and from {node} now take {factor}× as long")
            }
            NetEvent::Partition { groups } => {
                let parts: Vec<String> = groups
                    .iter()
                    .map(|g| {
                        let names: Vec<String> = g.iter().map(|n| n.to_string()).collect();
                        names.join(" ")
                    })
                    .collect();
                let text = parts.join(" | ");
                if zh {
                    format!("网络被分区：{text}")
                } else {
                    format!("the network is partitioned: {text}")
                }
            }
            NetEvent::Cut { from, to } if zh => format!("链路 {from}→{to} 被切断"),
            NetEvent::Cut { from, to } => format!("the link {from}→{to} is cut"),
            NetEvent::Uncut { from, to } if zh => format!("链路 {from}→{to} 恢复"),
            NetEvent::Uncut { from, to } => format!("the link {from}→{to} is restored"),
            NetEvent::Heal => lang.pick("the network is healed", "网络恢复正常").into(),
            NetEvent::Configure { what } if zh => format!("{}已更改", what.get(lang)),
            NetEvent::Configure { what } => format!("{} changed", what.get(lang)),
            NetEvent::Skipped { action, why } if zh => {
                format!("未执行“{}”：{}", action.get(lang), why.get(lang))
            }
            NetEvent::Skipped { action, why } => {
                format!("could not {}: {}", action.get(lang), why.get(lang))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Text;
    use crate::net::skip;
    use crate::sim::{MsgId, NodeId};

    #[test]
    fn messages_name_the_term_only_where_the_protocol_has_one() {
        let send = |term| NetEvent::Send {
            from: NodeId(1),
            to: NodeId(2),
            msg: "AppendEntries",
            term,
            id: MsgId(3),
            note: None,
        };
        assert_eq!(
            send(Some(2)).describe(Lang::En),
            "S1 sent AppendEntries (term 2) to S2"
        );
        assert_eq!(send(None).describe(Lang::En), "S1 sent AppendEntries to S2");
        assert_eq!(
            send(Some(2)).describe(Lang::Zh),
            "S1 向 S2 发送 AppendEntries（任期 2）"
        );
    }

    #[test]
    fn skipped_actions_say_why_in_the_interface_language() {
        let ev = NetEvent::Skipped {
            action: Text::new("restart S2", "重启 S2"),
            why: skip::NOT_DOWN,
        };
        assert_eq!(
            ev.describe(Lang::En),
            "could not restart S2: the server is not down"
        );
        assert_eq!(ev.describe(Lang::Zh), "未执行“重启 S2”：这台服务器没有宕机");
    }
}
