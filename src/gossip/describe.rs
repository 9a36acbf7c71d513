//! Plain-language sentences for every trace event, in English and in
//! Simplified Chinese, written for someone watching the run.

use super::event::{EventKind, GossipEvent, Setting, SkipReason};
use super::member::MemberState;
use crate::lang::Lang;
use crate::sim::{DropReason, NodeId};

/// The sentence for `lang` out of an English and a Chinese one.
pub(super) fn choose(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

fn drop_reason(r: DropReason) -> (&'static str, &'static str) {
    match r {
        DropReason::Loss => ("lost at random", "随机丢失"),
        DropReason::Partition => ("blocked by the partition", "被网络分区阻断"),
        DropReason::Cut => ("the link is cut", "链路已被切断"),
        DropReason::NodeDown => ("the receiver is down", "接收方已宕机"),
        DropReason::User => ("dropped by hand", "被手动丢弃"),
    }
}

fn setting(s: Setting) -> (&'static str, &'static str) {
    match s {
        Setting::Network => ("network settings", "网络设置"),
        Setting::Loss => ("message loss", "丢包率"),
        Setting::Latency => ("latency", "延迟"),
        Setting::Spread => ("gossip settings", "传播设置"),
        Setting::Swim => ("SWIM settings", "SWIM 设置"),
    }
}

impl SkipReason {
    /// Why the action was skipped, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let (en, zh) = match self {
            SkipReason::NoSuchNode => ("there is no such node", "没有这个节点"),
            SkipReason::AlreadyDown => ("the node is already down", "该节点已经宕机"),
            SkipReason::NotDown => ("the node is not down", "该节点没有宕机"),
            SkipReason::HasLeft => ("the node has left the cluster", "该节点已离开集群"),
            SkipReason::NotRunning => ("the node is not running", "该节点没有在运行"),
            SkipReason::NoFreeSlot => {
                ("there is no free slot for a new node", "没有空位容纳新节点")
            }
            SkipReason::TooManyRumors => ("too many rumors have been started", "已发起的传闻太多"),
            SkipReason::Invalid(e) => {
                return choose(lang, e.to_string(), format!("设置无效（{e}）"));
            }
        };
        lang.pick(en, zh).to_string()
    }
}

/// Partition groups as text: `[S1 S2] [S3]`.
pub(super) fn groups_text(gs: &[Vec<NodeId>]) -> String {
    gs.iter()
        .map(|g| {
            format!(
                "[{}]",
                g.iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn detect(node: NodeId, about: NodeId, state: MemberState, inc: u32) -> (String, String) {
    match state {
        MemberState::Alive => (
            format!("{node} now considers {about} alive (incarnation {inc})"),
            format!("{node} 现在认为 {about} 存活（化身号 {inc}）"),
        ),
        MemberState::Suspect => (
            format!("{node} suspects that {about} has failed (incarnation {inc})"),
            format!("{node} 怀疑 {about} 已经失效（化身号 {inc}）"),
        ),
        MemberState::Dead => (
            format!("{node} declared {about} dead (incarnation {inc})"),
            format!("{node} 宣告 {about} 已失效（化身号 {inc}）"),
        ),
        MemberState::Left => (
            format!("{node} learned that {about} left"),
            format!("{node} 得知 {about} 已离开"),
        ),
    }
}

impl EventKind {
    /// One sentence saying what happened, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let (en, zh) = match self {
            EventKind::Rumor {
                node,
                rumor,
                key,
                value,
                version,
            } => (
                format!("{node} started rumor {rumor}: {key} = {value} (version {version})"),
                format!("{node} 发起了传闻 {rumor}：{key} = {value}（版本 {version}）"),
            ),
            EventKind::Infect {
                node,
                rumor,
                from,
                round,
            } => (
                format!("{node} learned rumor {rumor} from {from} in round {round}"),
                format!("{node} 在第 {round} 轮从 {from} 得知了传闻 {rumor}"),
            ),
            EventKind::Remove { node, rumor, round } => (
                format!("{node} lost interest in rumor {rumor} in round {round}"),
                format!("{node} 在第 {round} 轮对传闻 {rumor} 失去了兴趣"),
            ),
            EventKind::Detect {
                node,
                about,
                state,
                incarnation,
            } => detect(*node, *about, *state, *incarnation),
            EventKind::Refute { node, incarnation } => (
                format!("{node} raised its incarnation to {incarnation} to show it is alive"),
                format!("{node} 把化身号提升到 {incarnation}，表明自己仍然存活"),
            ),
            EventKind::Send { from, to, msg, id } => (
                format!("{from} sent {msg} {id} to {to}"),
                format!("{from} 向 {to} 发送了 {msg} {id}"),
            ),
            EventKind::Deliver { from, to, msg, id } => (
                format!("{to} received {msg} {id} from {from}"),
                format!("{to} 收到了来自 {from} 的 {msg} {id}"),
            ),
            EventKind::Drop {
                from,
                to,
                msg,
                id,
                reason,
            } => {
                let (en, zh) = drop_reason(*reason);
                (
                    format!("{msg} {id} from {from} to {to} was lost: {en}"),
                    format!("从 {from} 发往 {to} 的 {msg} {id} 丢失了：{zh}"),
                )
            }
            EventKind::Duplicate {
                from,
                to,
                msg,
                id,
                copy,
            } => (
                format!("the network duplicated {msg} {id} from {from} to {to} as {copy}"),
                format!("网络复制了从 {from} 发往 {to} 的 {msg} {id}，副本为 {copy}"),
            ),
            EventKind::Crash { node } => (format!("{node} crashed"), format!("{node} 崩溃了")),
            EventKind::Restart { node } => {
                (format!("{node} restarted"), format!("{node} 重新启动了"))
            }
            EventKind::Join { node, seed } => (
                format!("{node} joined through {seed}"),
                format!("{node} 通过 {seed} 加入了集群"),
            ),
            EventKind::Leave { node } => (
                format!("{node} left the cluster"),
                format!("{node} 离开了集群"),
            ),
            EventKind::Partition { groups: gs } => {
                let g = groups_text(gs);
                (
                    format!("the network split into {g}; nodes in no group form one more"),
                    format!("网络被分区为 {g}；其余节点另成一组"),
                )
            }
            EventKind::Heal => (
                "the network healed".to_string(),
                "网络恢复了连通".to_string(),
            ),
            EventKind::Cut { from, to } => (
                format!("the link {from}→{to} was cut"),
                format!("链路 {from}→{to} 被切断了"),
            ),
            EventKind::Uncut { from, to } => (
                format!("the link {from}→{to} works again"),
                format!("链路 {from}→{to} 恢复了"),
            ),
            EventKind::Configure { what } => {
                let (en, zh) = setting(*what);
                (format!("{en} changed"), format!("{zh}已更改"))
            }
            EventKind::Skipped { action, why } => (
                format!(
                    "could not {}: {}",
                    action.describe(Lang::En),
                    why.describe(Lang::En)
                ),
                format!(
                    "无法执行「{}」：{}",
                    action.describe(Lang::Zh),
                    why.describe(Lang::Zh)
                ),
            ),
        };
        choose(lang, en, zh)
    }
}

impl GossipEvent {
    /// One sentence saying what happened, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        self.kind.describe(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::super::action::Action;
    use super::super::rumor::RumorId;
    use super::*;
    use crate::sim::MsgId;

    #[test]
    fn infection_reads_naturally_in_both_languages() {
        let e = EventKind::Infect {
            node: NodeId(17),
            rumor: RumorId(3),
            from: NodeId(4),
            round: 5,
        };
        assert_eq!(
            e.describe(Lang::En),
            "S17 learned rumor 3 from S4 in round 5"
        );
        assert_eq!(e.describe(Lang::Zh), "S17 在第 5 轮从 S4 得知了传闻 3");
    }

    #[test]
    fn every_kind_has_a_sentence_in_each_language() {
        let kinds = vec![
            EventKind::Detect {
                node: NodeId(1),
                about: NodeId(2),
                state: MemberState::Dead,
                incarnation: 0,
            },
            EventKind::Drop {
                from: NodeId(1),
                to: NodeId(2),
                msg: "Ping",
                id: MsgId(4),
                reason: DropReason::Partition,
            },
            EventKind::Skipped {
                action: Action::Restart(NodeId(2)),
                why: SkipReason::NotDown,
            },
            EventKind::Partition {
                groups: vec![vec![NodeId(1)]],
            },
            EventKind::Heal,
        ];
        for k in kinds {
            let (en, zh) = (k.describe(Lang::En), k.describe(Lang::Zh));
            assert!(en.is_ascii() || en.contains('→'), "{en}");
            assert!(!zh.is_ascii(), "{zh}");
        }
        let skip = EventKind::Skipped {
            action: Action::Restart(NodeId(2)),
            why: SkipReason::NotDown,
        };
        assert_eq!(
            skip.describe(Lang::En),
            "could not restart S2: the node is not down"
        );
        assert_eq!(
            skip.describe(Lang::Zh),
            "无法执行「重启 S2」：该节点没有宕机"
        );
    }
}
