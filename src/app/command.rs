//! Everything the user can ask of the lab, from any input: buttons, the
//! keyboard, a clicker, the canvas, or a lesson.

use crate::cluster::Workload;
use crate::lang::Lang;
use crate::scenario::{NetworkJson, RaftJson};
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
    Seek(SimTime),
    SeekEvent(u64),
    Settings {
        network: NetworkJson,
        raft: RaftJson,
    },
    Workload(Option<Workload>),
    SwitchBranch(usize),
    DiscardBranch(usize),
    DismissNotice,
    SetLang(Lang),
}
