//! Keyboard shortcuts: every action of the lab has one, so an instructor can
//! drive it from the keyboard or a presentation clicker (which sends Page Up,
//! Page Down and sometimes period). The help overlay is generated from the
//! same table, so it cannot drift from what the keys do.

use super::command::{Command, Selection};
use super::controller::View;
use crate::lang::Lang;
use crate::sim::NodeId;

/// What a key asks for: a lab command, or something only the page handles.
pub enum Intent<P: View> {
    Lab(Command<P, P::Command>),
    Help,
    /// Close overlays, clear the selection.
    Escape,
    /// Focus the command box, optionally with a verb typed in.
    CommandBox(&'static str),
    Settings,
    Fullscreen,
    /// Next / previous lesson step (or step the simulation without a lesson).
    LessonNext,
    LessonPrev,
    /// Select the next / previous message in flight.
    NextMessage,
    PrevMessage,
    SeekStart,
    SeekEnd,
    /// Show or hide the secondary panels (presenting).
    Panels,
}

/// Modifier keys held with a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mods {
    pub shift: bool,
    /// Ctrl, Alt or Meta: those combinations belong to the browser.
    pub other: bool,
}

/// The intent of `key` (a `KeyboardEvent.key` value) given the selection:
/// the protocol's own keys first, then the keys every view shares.
pub fn intent<P: View>(key: &str, mods: Mods, selection: Selection) -> Option<Intent<P>> {
    if mods.other {
        return None;
    }
    if !mods.shift
        && let Some(i) = P::key(key, selection)
    {
        return Some(i);
    }
    let lab = |c: Command<P, P::Command>| Some(Intent::Lab(c));
    if let Some(d) = key
        .chars()
        .next()
        .filter(|c| key.len() == 1 && ('1'..='9').contains(c))
    {
        let id = NodeId(d as u16 - '0' as u16);
        return lab(Command::Select(Selection::Node(id)));
    }
    if mods.shift {
        match key {
            "ArrowRight" => return lab(Command::SeekBy(1000)),
            "ArrowLeft" => return lab(Command::SeekBy(-1000)),
            _ => {}
        }
    }
    match (key, selection) {
        (" ", _) => lab(Command::TogglePlay),
        ("]", _) => lab(Command::NextMarker),
        ("[", _) => lab(Command::PrevMarker),
        ("ArrowRight", _) => lab(Command::StepForward),
        ("ArrowLeft", _) => lab(Command::StepBack),
        ("PageDown", _) | (".", _) => Some(Intent::LessonNext),
        ("PageUp", _) => Some(Intent::LessonPrev),
        ("+", _) | ("=", _) => lab(Command::Faster),
        ("-", _) | ("_", _) => lab(Command::Slower),
        ("Home", _) => Some(Intent::SeekStart),
        ("End", _) => Some(Intent::SeekEnd),
        ("r", _) => lab(Command::Reset),
        ("x", _) if P::LEADER => lab(Command::CrashLeader),
        ("h", _) => lab(Command::Heal),
        ("?", _) => Some(Intent::Help),
        ("Escape", _) => Some(Intent::Escape),
        ("s", _) => Some(Intent::Settings),
        ("f", _) => Some(Intent::Fullscreen),
        ("e", _) => Some(Intent::Panels),
        ("m", _) => Some(Intent::NextMessage),
        ("M", _) => Some(Intent::PrevMessage),
        ("c", Selection::Node(id)) => lab(Command::CrashOrRestart(id)),
        ("i", Selection::Node(id)) => lab(Command::Isolate(id)),
        ("p", Selection::Node(id)) => lab(Command::PauseOrResume(id)),
        ("d", Selection::Message(id)) | ("Delete", Selection::Message(id)) => {
            lab(Command::DropMessage(id))
        }
        ("u", Selection::Message(id)) => lab(Command::DuplicateMessage(id)),
        ("Enter", Selection::Message(id)) => lab(Command::DeliverMessage(id)),
        ("a", Selection::Link(a, b)) => lab(Command::Cut {
            from: a,
            to: b,
            both: false,
        }),
        ("b", Selection::Link(a, b)) => lab(Command::Cut {
            from: b,
            to: a,
            both: false,
        }),
        ("k", Selection::Link(a, b)) => lab(Command::Cut {
            from: a,
            to: b,
            both: true,
        }),
        ("o", Selection::Link(a, b)) => lab(Command::Uncut {
            from: a,
            to: b,
            both: true,
        }),
        _ => None,
    }
}

/// The shortcut table for the help overlay: (keys, what they do), the
/// protocol's own keys among the shared ones.
pub fn shortcuts<P: View>(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let shared: &[(&str, &str, &str)] = &[
        ("Space", "play / pause", "播放 / 暂停"),
        (
            "→  ←",
            "step one event forward / back",
            "前进 / 后退一个事件",
        ),
        (
            "Shift+→  Shift+←",
            "one second forward / back",
            "前进 / 后退一秒",
        ),
        (
            "]  [",
            "next / previous landmark on the timeline (election, leader, crash, partition, violation)",
            "时间线上的下一个 / 上一个标记（选举、领导者、崩溃、分区、违反）",
        ),
        (
            "PgDn  PgUp  .",
            "next / previous lesson step (clicker)",
            "下一步 / 上一步课程（翻页笔）",
        ),
        ("+  −", "faster / slower", "加快 / 减慢"),
        (
            "Home  End",
            "go to the start / the latest moment",
            "回到开头 / 最新时刻",
        ),
        ("1 … 9", "select server S1 … S9", "选择服务器 S1 … S9"),
        (
            "c",
            "crash or restart the selected server",
            "让选中的服务器崩溃或重启",
        ),
        ("i", "isolate it from the others", "把它与其他服务器隔离"),
        ("p", "pause or resume it", "暂停或恢复它"),
        ("e", "show or hide the side panels", "显示或隐藏侧边面板"),
        ("h", "heal the network", "恢复网络"),
        (
            "m  M",
            "select the next / previous message",
            "选择下一条 / 上一条消息",
        ),
        (
            "d  u  Enter",
            "drop / duplicate / deliver the message now",
            "丢弃 / 复制 / 立即送达该消息",
        ),
        (
            "a  b  k  o",
            "on a link: cut one way, the other way, both ways; restore",
            "在链路上：单向切断、反向切断、双向切断；恢复",
        ),
        ("r", "reset to time zero", "重置到零时刻"),
        ("s", "settings", "设置"),
        ("f", "full screen", "全屏"),
        ("?", "this help", "本帮助"),
        ("Esc", "close, clear the selection", "关闭、取消选择"),
        (
            "click",
            "select a server, message or link",
            "选择服务器、消息或链路",
        ),
        (
            "drag",
            "drag across the canvas to cut the network in two",
            "在画布上拖一条线把网络切成两半",
        ),
        (
            "hover",
            "a message or log entry shows its fields",
            "悬停在消息或日志条目上查看详情",
        ),
        (
            "Tab",
            "move focus through every control",
            "在所有控件之间移动焦点",
        ),
    ];
    let leader: &[(&str, &str, &str)] = if P::LEADER {
        &[("x", "crash the leader", "让领导者崩溃")]
    } else {
        &[]
    };
    shared
        .iter()
        .chain(leader)
        .chain(P::KEYS)
        .map(|(k, en, zh)| (*k, lang.pick(en, zh)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::gossip::Gossip;
    use crate::protocols::raft::Raft;
    use crate::protocols::raft::app::RaftCommand;
    use crate::sim::MsgId;

    const NONE: Mods = Mods {
        shift: false,
        other: false,
    };

    /// The lab command a key asks of a Raft view, if it asks for one.
    fn lab(key: &str, mods: Mods, selection: Selection) -> Option<Command<Raft, RaftCommand>> {
        match intent::<Raft>(key, mods, selection)? {
            Intent::Lab(c) => Some(c),
            _ => panic!("{key:?} asks the page, not the lab"),
        }
    }

    #[test]
    fn global_keys() {
        assert!(matches!(
            lab(" ", NONE, Selection::None),
            Some(Command::TogglePlay)
        ));
        assert!(matches!(
            intent::<Raft>("PageDown", NONE, Selection::None),
            Some(Intent::LessonNext)
        ));
        assert!(matches!(
            lab("3", NONE, Selection::None),
            Some(Command::Select(Selection::Node(NodeId(3))))
        ));
        assert!(intent::<Raft>("0", NONE, Selection::None).is_none());
        let shift = Mods {
            shift: true,
            other: false,
        };
        assert!(matches!(
            lab("ArrowLeft", shift, Selection::None),
            Some(Command::SeekBy(-1000))
        ));
        assert!(matches!(
            lab("ArrowLeft", NONE, Selection::None),
            Some(Command::StepBack)
        ));
        assert!(matches!(
            lab("]", NONE, Selection::None),
            Some(Command::NextMarker)
        ));
        assert!(matches!(
            lab("x", NONE, Selection::None),
            Some(Command::CrashLeader)
        ));
        let ctrl = Mods {
            shift: false,
            other: true,
        };
        assert!(
            intent::<Raft>("r", ctrl, Selection::None).is_none(),
            "Ctrl+R reloads"
        );
        assert!(matches!(
            intent::<Raft>("/", NONE, Selection::None),
            Some(Intent::CommandBox(""))
        ));
    }

    #[test]
    fn keys_act_on_the_selection() {
        let node = Selection::Node(NodeId(2));
        assert!(matches!(
            lab("c", NONE, node),
            Some(Command::CrashOrRestart(NodeId(2)))
        ));
        assert!(lab("c", NONE, Selection::None).is_none());
        assert!(matches!(
            lab("t", NONE, node),
            Some(Command::Protocol(RaftCommand::Timeout(NodeId(2))))
        ));
        assert!(lab("t", NONE, Selection::None).is_none());
        assert!(matches!(
            intent::<Raft>("w", NONE, node),
            Some(Intent::CommandBox("set "))
        ));
        let msg = Selection::Message(MsgId(7));
        assert!(matches!(
            lab("d", NONE, msg),
            Some(Command::DropMessage(MsgId(7)))
        ));
        assert!(matches!(
            lab("Enter", NONE, msg),
            Some(Command::DeliverMessage(MsgId(7)))
        ));
        let link = Selection::Link(NodeId(1), NodeId(4));
        assert!(matches!(
            lab("b", NONE, link),
            Some(Command::Cut {
                from: NodeId(4),
                to: NodeId(1),
                both: false
            })
        ));
        assert!(matches!(
            lab("o", NONE, link),
            Some(Command::Uncut {
                from: NodeId(1),
                to: NodeId(4),
                both: true
            })
        ));
    }

    /// Both views' tables: every row in both languages, the same keys in
    /// each, and only a view with a leader lists `x`.
    #[test]
    fn every_shortcut_is_explained_in_both_languages() {
        fn check<P: View>() -> Vec<&'static str> {
            let en = shortcuts::<P>(Lang::En);
            let zh = shortcuts::<P>(Lang::Zh);
            assert_eq!(en.len(), zh.len());
            for (a, b) in en.iter().zip(&zh) {
                assert_eq!(a.0, b.0);
                crate::app::controller::tests::assert_bilingual(a.1, b.1);
            }
            en.iter().map(|r| r.0).collect()
        }
        let raft = check::<Raft>();
        let gossip = check::<Gossip>();
        assert!(raft.contains(&"x") && raft.contains(&"/"));
        assert!(!gossip.contains(&"x") && !gossip.contains(&"/"));
    }
}
