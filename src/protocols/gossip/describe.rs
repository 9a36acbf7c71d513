//! Plain-language sentences for every trace event, in English and in
//! Simplified Chinese, written for someone watching the run.

use super::event::EventKind;
use super::member::MemberState;
use crate::lang::Lang;
use crate::sim::NodeId;

/// The sentence for `lang` out of an English and a Chinese one.
pub(super) fn choose(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
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
            EventKind::Join { node, seed } => (
                format!("{node} joined through {seed}"),
                format!("{node} 通过 {seed} 加入了集群"),
            ),
            EventKind::Leave { node } => (
                format!("{node} left the cluster"),
                format!("{node} 离开了集群"),
            ),
            EventKind::Net(e) => return e.describe(lang),
        };
        choose(lang, en, zh)
    }
}

#[cfg(test)]
mod tests {
    use super::super::rumor::RumorId;
    use super::*;

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

    /// Every kind reads in both languages. The network's events, skipped
    /// actions included, read the same in every protocol now, and a skip's
    /// reason is a shared code with its words.
    #[test]
    fn every_kind_has_a_sentence_in_each_language() {
        use super::super::action::Action;
        use crate::net::{NetAction, NetEvent, NodeRef, action_text, setting, skip};
        use crate::sim::{DropReason, MsgId};
        let restart = Action::from(NetAction::Restart(NodeRef::Id(NodeId(2))));
        let mut kinds = vec![
            EventKind::Rumor {
                node: NodeId(1),
                rumor: RumorId(1),
                key: "x".into(),
                value: "1".into(),
                version: 1,
            },
            EventKind::Remove {
                node: NodeId(1),
                rumor: RumorId(1),
                round: 3,
            },
            EventKind::Refute {
                node: NodeId(1),
                incarnation: 2,
            },
            EventKind::Join {
                node: NodeId(3),
                seed: NodeId(1),
            },
            EventKind::Leave { node: NodeId(3) },
            EventKind::Net(NetEvent::Drop {
                from: NodeId(1),
                to: NodeId(2),
                msg: "Ping",
                term: None,
                id: MsgId(4),
                reason: DropReason::Partition,
            }),
            EventKind::Net(NetEvent::Skipped {
                action: action_text(|l| restart.describe(l)),
                why: skip::NOT_DOWN,
            }),
            EventKind::Net(NetEvent::Partition {
                groups: vec![vec![NodeId(1)], vec![NodeId(2)]],
            }),
            EventKind::Net(NetEvent::Configure {
                what: super::super::setting::SWIM,
            }),
            EventKind::Net(NetEvent::Configure {
                what: setting::LOSS,
            }),
            EventKind::Net(NetEvent::Heal),
        ];
        for state in [
            MemberState::Alive,
            MemberState::Suspect,
            MemberState::Dead,
            MemberState::Left,
        ] {
            kinds.push(EventKind::Detect {
                node: NodeId(1),
                about: NodeId(2),
                state,
                incarnation: 0,
            });
        }
        let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for k in kinds {
            let (en, zh) = (k.describe(Lang::En), k.describe(Lang::Zh));
            assert!(!chinese(&en) && !en.is_empty(), "{en}");
            assert!(chinese(&zh), "{zh}");
        }
        let skip = EventKind::Net(NetEvent::Skipped {
            action: action_text(|l| restart.describe(l)),
            why: skip::NOT_DOWN,
        });
        assert_eq!(
            skip.describe(Lang::En),
            "could not restart S2: the server is not down"
        );
        assert_eq!(
            skip.describe(Lang::Zh),
            "未执行“重启 S2”：这台服务器没有宕机"
        );
    }
}
