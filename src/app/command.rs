//! Everything the user can ask of the lab, from any input: buttons, the
//! keyboard, a clicker, the canvas, or a lesson.

use super::controller::Notice;
use crate::cluster::Workload;
use crate::lang::Lang;
use crate::scenario::{NetworkJson, RaftJson, Scenario};
use crate::sim::{MsgId, NodeId, SimTime};

/// What is selected on the canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    None,
    Node(NodeId),
    Message(MsgId),
    /// A link, lower id first.
    Link(NodeId, NodeId),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    TogglePlay,
    Play,
    Pause,
    StepForward,
    StepBack,
    Faster,
    Slower,
    SetSpeed(f64),
    /// Start over at time zero with the current settings and seed.
    Reset,
    /// Start over with another seed.
    NewSeed(u64),
    /// Start over with this many servers.
    SetNodes(usize),
    Select(Selection),
    CrashOrRestart(NodeId),
    PauseOrResume(NodeId),
    Timeout(NodeId),
    Isolate(NodeId),
    TransferTo(NodeId),
    CrashLeader,
    /// A client command typed in the command box, sent to `via` (else the leader).
    Client {
        text: String,
        via: Option<NodeId>,
    },
    DropMessage(MsgId),
    DuplicateMessage(MsgId),
    DeliverMessage(MsgId),
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
    Partition(Vec<Vec<NodeId>>),
    /// Show the run at this moment (within the run so far).
    Seek(SimTime),
    SeekEvent(u64),
    /// Jump to the next / previous landmark of the timeline (not commits).
    NextMarker,
    PrevMarker,
    /// Move through time by this many milliseconds (negative: back).
    SeekBy(i64),
    /// Play forward to this moment a frame's worth at a time (a link's moment).
    CatchUp(SimTime),
    /// Replace the run by this scenario (an imported file).
    Load(Box<Scenario>),
    Settings {
        network: NetworkJson,
        raft: RaftJson,
    },
    Workload(Option<Workload>),
    SwitchBranch(usize),
    DiscardBranch(usize),
    DismissNotice,
    /// Show this notice (a problem found by the page, e.g. with a file).
    Notify(Notice),
    SetLang(Lang),
    /// Start a guided lesson (or one of its variants).
    StartLesson {
        id: String,
        variant: Option<String>,
    },
    /// The next / previous lesson step (without a lesson: one event).
    LessonNext,
    LessonPrev,
    /// Continue freely from here; the lesson's script stays as the future.
    TakeOver,
    CloseLesson,
    /// Answer the current step's question with this choice.
    Answer(usize),
}

impl Command {
    /// Whether a lesson keeps driving the lab through this command; any other
    /// command hands the lab to the learner first.
    pub fn keeps_lesson(&self) -> bool {
        matches!(
            self,
            Command::TogglePlay
                | Command::Play
                | Command::Pause
                | Command::Faster
                | Command::Slower
                | Command::SetSpeed(_)
                | Command::Reset
                | Command::Select(_)
                | Command::DismissNotice
                | Command::Notify(_)
                | Command::SetLang(_)
                | Command::StartLesson { .. }
                | Command::LessonNext
                | Command::LessonPrev
                | Command::CloseLesson
                | Command::Answer(_)
        )
    }

    /// Whether the command leaves a catch-up (fast-forward to a link's moment) running.
    pub fn keeps_catch_up(&self) -> bool {
        matches!(
            self,
            Command::Select(_)
                | Command::SetLang(_)
                | Command::SetSpeed(_)
                | Command::Faster
                | Command::Slower
                | Command::DismissNotice
                | Command::Notify(_)
                | Command::CatchUp(_)
        )
    }
}
