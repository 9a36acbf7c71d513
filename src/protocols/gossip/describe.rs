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
}
