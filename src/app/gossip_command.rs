//! Everything the user can ask of the gossip view, from buttons, the
//! keyboard, the canvas or a lesson, and the keys that ask for it.

use super::gossip_form::GossipForm;
use crate::gossip::RumorId;
use crate::lang::Lang;
use crate::sim::{NodeId, SimTime};
use crate::view::gossip_layout::Layout;

/// What a click on a node does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    /// The node sets the rumor key to a new value and starts spreading it.
    #[default]
    Rumor,
    /// The node crashes, or restarts if it is down.
    Crash,
}

#[derive(Clone, Debug, PartialEq)]
pub enum GossipCommand {
    TogglePlay,
    Play,
    Pause,
    StepForward,
    StepBack,
    Faster,
    Slower,
    SetSpeed(f64),
    Seek(SimTime),
    /// Start over at time zero with the current settings and seed.
    Reset,
    NewSeed(u64),
    SetTool(Tool),
    SetLayout(Layout),
    /// The key new rumors set.
    SetKey(String),
    /// A click on a node: whatever the tool does.
    Click(NodeId),
    StartRumor(NodeId),
    CrashOrRestart(NodeId),
    Select(Option<NodeId>),
    /// The rumor the canvas and the chart show.
    ShowRumor(RumorId),
    Partition(Vec<Vec<NodeId>>),
    Heal,
    /// New settings from the form.
    Apply(GossipForm),
    /// Start the gossip lesson with this id.
    StartLesson(&'static str),
    /// Leave the lesson's pause and play on to its next step.
    LessonNext,
    /// Stop following the lesson; the run goes on freely.
    TakeOver,
    DismissNotice,
    SetLang(Lang),
}

/// The command a key asks for (`key` is a `KeyboardEvent.key` value).
pub fn key_command(key: &str) -> Option<GossipCommand> {
    use GossipCommand as C;
    Some(match key {
        " " | "k" => C::TogglePlay,
        "ArrowRight" => C::StepForward,
        "ArrowLeft" => C::StepBack,
        "+" | "=" => C::Faster,
        "-" | "_" => C::Slower,
        "h" => C::Heal,
        "r" => C::Reset,
        "PageDown" | "." | "n" => C::LessonNext,
        "Escape" => C::Select(None),
        _ => return None,
    })
}

/// Every shortcut with what it does, for the help line.
pub fn shortcuts(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let rows = [
        ("Space", "play / pause", "播放 / 暂停"),
        ("← →", "step back / forward", "后退 / 前进一步"),
        ("+ −", "faster / slower", "加速 / 减速"),
        ("h", "heal the network", "恢复网络"),
        ("r", "start over", "重新开始"),
        ("n", "next lesson step", "课程下一步"),
    ];
    rows.iter()
        .map(|&(k, en, zh)| (k, lang.pick(en, zh)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_commands_and_the_help_lists_them() {
        assert_eq!(key_command(" "), Some(GossipCommand::TogglePlay));
        assert_eq!(key_command("h"), Some(GossipCommand::Heal));
        assert_eq!(key_command("q"), None);
        assert_eq!(shortcuts(Lang::Zh).len(), shortcuts(Lang::En).len());
    }
}
