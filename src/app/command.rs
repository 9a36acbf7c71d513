//! Everything the user can ask of the lab, from any input: buttons, the
//! keyboard, a clicker, the canvas, or a lesson. The playback, time-travel,
//! network, lesson and page commands are the same in every view; a protocol
//! adds its own ([`Command::Protocol`]).

use super::controller::Notice;
use crate::lang::Lang;
use crate::lesson::Lesson;
use crate::protocol::Scenario;
use crate::scenario::Format;
use crate::sim::{MsgId, NodeId, SimTime};
use std::rc::Rc;

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

/// A lesson loaded from its file, ready to open.
pub type LessonRef<P> = Rc<Lesson<P, <P as crate::lesson::Cues>::Cue>>;

/// A command of a view whose protocol is `P` and whose own commands are `C`.
pub enum Command<P: crate::lesson::Cues, C> {
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
    Isolate(NodeId),
    CrashLeader,
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
    Load(Box<Scenario<P>>),
    SwitchBranch(usize),
    DiscardBranch(usize),
    DismissNotice,
    /// Show this notice (a problem found by the page, e.g. with a file).
    Notify(Notice),
    SetLang(Lang),
    /// Open a guided lesson (or one of its variants), read from its file.
    OpenLesson {
        lesson: LessonRef<P>,
        variant: Option<String>,
    },
    /// The next / previous lesson step (without a lesson: one event).
    LessonNext,
    LessonPrev,
    /// Go to lesson step `n` (zero-based).
    LessonGoto(usize),
    /// Continue freely from here; the lesson's script stays as the future.
    TakeOver,
    CloseLesson,
    /// Answer the current step's question with this choice.
    Answer(usize),
    /// One of the protocol's own commands.
    Protocol(C),
}

impl<P: crate::lesson::Cues + Format, C: Clone> Clone for Command<P, C> {
    fn clone(&self) -> Self {
        use Command::*;
        match self {
            TogglePlay => TogglePlay,
            Play => Play,
            Pause => Pause,
            StepForward => StepForward,
            StepBack => StepBack,
            Faster => Faster,
            Slower => Slower,
            SetSpeed(s) => SetSpeed(*s),
            Reset => Reset,
            NewSeed(s) => NewSeed(*s),
            SetNodes(n) => SetNodes(*n),
            Select(s) => Select(*s),
            CrashOrRestart(n) => CrashOrRestart(*n),
            PauseOrResume(n) => PauseOrResume(*n),
            Isolate(n) => Isolate(*n),
            CrashLeader => CrashLeader,
            DropMessage(m) => DropMessage(*m),
            DuplicateMessage(m) => DuplicateMessage(*m),
            DeliverMessage(m) => DeliverMessage(*m),
            Cut { from, to, both } => Cut {
                from: *from,
                to: *to,
                both: *both,
            },
            Uncut { from, to, both } => Uncut {
                from: *from,
                to: *to,
                both: *both,
            },
            Heal => Heal,
            Partition(g) => Partition(g.clone()),
            Seek(t) => Seek(*t),
            SeekEvent(k) => SeekEvent(*k),
            NextMarker => NextMarker,
            PrevMarker => PrevMarker,
            SeekBy(ms) => SeekBy(*ms),
            CatchUp(t) => CatchUp(*t),
            Load(s) => Load(s.clone()),
            SwitchBranch(i) => SwitchBranch(*i),
            DiscardBranch(i) => DiscardBranch(*i),
            DismissNotice => DismissNotice,
            Notify(n) => Notify(n.clone()),
            SetLang(l) => SetLang(*l),
            OpenLesson { lesson, variant } => OpenLesson {
                lesson: lesson.clone(),
                variant: variant.clone(),
            },
            LessonNext => LessonNext,
            LessonPrev => LessonPrev,
            LessonGoto(n) => LessonGoto(*n),
            TakeOver => TakeOver,
            CloseLesson => CloseLesson,
            Answer(c) => Answer(*c),
            Protocol(c) => Protocol(c.clone()),
        }
    }
}

impl<P: crate::lesson::Cues, C: std::fmt::Debug> std::fmt::Debug for Command<P, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Command::Load(_) => f.write_str("Load(..)"),
            Command::OpenLesson { lesson, variant } => {
                write!(f, "OpenLesson({}, {variant:?})", lesson.id)
            }
            Command::Protocol(c) => write!(f, "Protocol({c:?})"),
            other => f.write_str(other.name()),
        }
    }
}

impl<P: crate::lesson::Cues, C> Command<P, C> {
    /// The command's name, for debugging output.
    fn name(&self) -> &'static str {
        use Command::*;
        match self {
            TogglePlay => "TogglePlay",
            Play => "Play",
            Pause => "Pause",
            StepForward => "StepForward",
            StepBack => "StepBack",
            Faster => "Faster",
            Slower => "Slower",
            SetSpeed(_) => "SetSpeed",
            Reset => "Reset",
            NewSeed(_) => "NewSeed",
            SetNodes(_) => "SetNodes",
            Select(_) => "Select",
            CrashOrRestart(_) => "CrashOrRestart",
            PauseOrResume(_) => "PauseOrResume",
            Isolate(_) => "Isolate",
            CrashLeader => "CrashLeader",
            DropMessage(_) => "DropMessage",
            DuplicateMessage(_) => "DuplicateMessage",
            DeliverMessage(_) => "DeliverMessage",
            Cut { .. } => "Cut",
            Uncut { .. } => "Uncut",
            Heal => "Heal",
            Partition(_) => "Partition",
            Seek(_) => "Seek",
            SeekEvent(_) => "SeekEvent",
            NextMarker => "NextMarker",
            PrevMarker => "PrevMarker",
            SeekBy(_) => "SeekBy",
            CatchUp(_) => "CatchUp",
            Load(_) => "Load",
            SwitchBranch(_) => "SwitchBranch",
            DiscardBranch(_) => "DiscardBranch",
            DismissNotice => "DismissNotice",
            Notify(_) => "Notify",
            SetLang(_) => "SetLang",
            OpenLesson { .. } => "OpenLesson",
            LessonNext => "LessonNext",
            LessonPrev => "LessonPrev",
            LessonGoto(_) => "LessonGoto",
            TakeOver => "TakeOver",
            CloseLesson => "CloseLesson",
            Answer(_) => "Answer",
            Protocol(_) => "Protocol",
        }
    }

    /// Whether a lesson keeps driving the lab through this command; any other
    /// command hands the lab to the learner first. (A protocol command says
    /// for itself, through the controller.)
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
                | Command::OpenLesson { .. }
                | Command::LessonNext
                | Command::LessonPrev
                | Command::LessonGoto(_)
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
