//! Keyboard shortcuts: every action of the lab has one, so an instructor can
//! drive it from the keyboard or a presentation clicker (which sends Page Up,
//! Page Down and sometimes period). The help overlay is generated from the
//! same table, so it cannot drift from what the keys do.

use super::command::{Command, Selection};
use crate::lang::Lang;
use crate::sim::NodeId;

/// What a key asks for: a lab command, or something only the page handles.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    Lab(Command),
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
}

/// Modifier keys held with a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mods {
    pub shift: bool,
    /// Ctrl, Alt or Meta: those combinations belong to the browser.
    pub other: bool,
}

/// The intent of `key` (a `KeyboardEvent.key` value) given the selection.
pub fn intent(key: &str, mods: Mods, selection: Selection) -> Option<Intent> {
    if mods.other {
        return None;
    }
    let lab = |c: Command| Some(Intent::Lab(c));
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
        ("x", _) => lab(Command::CrashLeader),
        ("h", _) => lab(Command::Heal),
        ("?", _) => Some(Intent::Help),
        ("Escape", _) => Some(Intent::Escape),
        ("/", _) => Some(Intent::CommandBox("")),
        ("s", _) => Some(Intent::Settings),
        ("f", _) => Some(Intent::Fullscreen),
        ("m", _) => Some(Intent::NextMessage),
        ("M", _) => Some(Intent::PrevMessage),
        ("c", Selection::Node(id)) => lab(Command::CrashOrRestart(id)),
        ("t", Selection::Node(id)) => lab(Command::Timeout(id)),
        ("i", Selection::Node(id)) => lab(Command::Isolate(id)),
        ("l", Selection::Node(id)) => lab(Command::TransferTo(id)),
        ("p", Selection::Node(id)) => lab(Command::PauseOrResume(id)),
        ("w", Selection::Node(_)) => Some(Intent::CommandBox("set ")),
        ("g", Selection::Node(_)) => Some(Intent::CommandBox("get ")),
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

/// The shortcut table for the help overlay: (keys, what they do).
pub fn shortcuts(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let rows: [(&str, &str, &str); 29] = [
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
        (
            "t",
            "make it time out (start an election)",
            "让它立即超时（发起选举）",
        ),
        ("i", "isolate it from the others", "把它与其他服务器隔离"),
        ("l", "transfer leadership to it", "把领导权转移给它"),
        ("p", "pause or resume it", "暂停或恢复它"),
        ("w  g", "write / read through it", "通过它写入 / 读取"),
        ("x", "crash the leader", "让领导者崩溃"),
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
        (
            "/",
            "type a client command (set x 5, get x, del x)",
            "输入客户端命令（set x 5、get x、del x）",
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
    rows.iter()
        .map(|(k, en, zh)| (*k, lang.pick(en, zh)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::MsgId;

    const NONE: Mods = Mods {
        shift: false,
        other: false,
    };

    #[test]
    fn global_keys() {
        assert_eq!(
            intent(" ", NONE, Selection::None),
            Some(Intent::Lab(Command::TogglePlay))
        );
        assert_eq!(
            intent("PageDown", NONE, Selection::None),
            Some(Intent::LessonNext)
        );
        assert_eq!(
            intent("3", NONE, Selection::None),
            Some(Intent::Lab(Command::Select(Selection::Node(NodeId(3)))))
        );
        assert_eq!(intent("0", NONE, Selection::None), None);
        let shift = Mods {
            shift: true,
            other: false,
        };
        assert_eq!(
            intent("ArrowLeft", shift, Selection::None),
            Some(Intent::Lab(Command::SeekBy(-1000)))
        );
        assert_eq!(
            intent("ArrowLeft", NONE, Selection::None),
            Some(Intent::Lab(Command::StepBack))
        );
        assert_eq!(
            intent("]", NONE, Selection::None),
            Some(Intent::Lab(Command::NextMarker))
        );
        assert_eq!(
            intent(
                "r",
                Mods {
                    shift: false,
                    other: true
                },
                Selection::None
            ),
            None,
            "Ctrl+R reloads"
        );
    }

    #[test]
    fn keys_act_on_the_selection() {
        let node = Selection::Node(NodeId(2));
        assert_eq!(
            intent("c", NONE, node),
            Some(Intent::Lab(Command::CrashOrRestart(NodeId(2))))
        );
        assert_eq!(intent("c", NONE, Selection::None), None);
        let msg = Selection::Message(MsgId(7));
        assert_eq!(
            intent("d", NONE, msg),
            Some(Intent::Lab(Command::DropMessage(MsgId(7))))
        );
        assert_eq!(
            intent("Enter", NONE, msg),
            Some(Intent::Lab(Command::DeliverMessage(MsgId(7))))
        );
        let link = Selection::Link(NodeId(1), NodeId(4));
        assert_eq!(
            intent("b", NONE, link),
            Some(Intent::Lab(Command::Cut {
                from: NodeId(4),
                to: NodeId(1),
                both: false
            }))
        );
    }

    #[test]
    fn every_shortcut_is_explained_in_both_languages() {
        let en = shortcuts(Lang::En);
        let zh = shortcuts(Lang::Zh);
        assert_eq!(en.len(), zh.len());
        assert!(
            en.iter()
                .zip(&zh)
                .all(|(a, b)| a.0 == b.0 && !a.1.is_empty() && a.1 != b.1)
        );
    }
}
