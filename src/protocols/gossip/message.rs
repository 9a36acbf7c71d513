//! Messages between gossiping nodes: rumor traffic (push, pull, push-pull,
//! feedback, anti-entropy), SWIM's probes with piggybacked membership
//! updates, and joining and leaving.

use super::member::MemberView;
use super::piggyback::Piggyback;
use super::rumor_set::RumorSet;
use crate::sim::NodeId;
use std::sync::Arc;

/// A message. `round` is the sender's round, so a receiver knows in which
/// round it learned something.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// The sender's hot rumors.
    Push { round: u32, rumors: RumorSet },
    /// Which of the pushed rumors the receiver already knew (for the stop
    /// rules) and, with [`Feedback::Cycle`](super::Feedback::Cycle), which it
    /// did not (they reset the sender's counter).
    Feedback { known: RumorSet, new: RumorSet },
    /// "Send me what you are spreading": carries everything the sender knows.
    Pull { round: u32, known: RumorSet },
    /// The responder's hot rumors the puller lacked.
    PullReply { round: u32, rumors: RumorSet },
    /// A push and a pull in one message.
    PushPull {
        round: u32,
        rumors: RumorSet,
        known: RumorSet,
    },
    /// The receiver's hot rumors the sender lacked, and which pushed ones it already knew.
    PushPullReply {
        round: u32,
        rumors: RumorSet,
        known: RumorSet,
    },
    /// Anti-entropy: the sender's whole state.
    Sync { known: RumorSet },
    /// Anti-entropy: everything the receiver knew that the sender did not.
    SyncReply { rumors: RumorSet },
    /// SWIM probe; `relay` is the node that asked for it through a ping-req.
    Ping {
        seq: u32,
        relay: Option<NodeId>,
        gossip: Piggyback,
    },
    /// `target` is alive; `relay` set means "forward this to the node that asked".
    Ack {
        seq: u32,
        target: NodeId,
        relay: Option<NodeId>,
        gossip: Piggyback,
    },
    /// "Probe `target` for me" (§3.1 indirect probing).
    PingReq {
        seq: u32,
        target: NodeId,
        gossip: Piggyback,
    },
    /// A new node introduces itself to its seed.
    Join { gossip: Piggyback },
    /// The seed's state for a new node: its membership list (with SWIM on) and rumors.
    JoinReply {
        view: Option<Arc<MemberView>>,
        known: RumorSet,
    },
    /// A node leaving gracefully tells a few members.
    Leave { gossip: Piggyback },
}

/// The kinds of message, for counters and traces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MsgKind {
    Push,
    Feedback,
    Pull,
    PullReply,
    PushPull,
    PushPullReply,
    Sync,
    SyncReply,
    Ping,
    Ack,
    PingReq,
    Join,
    JoinReply,
    Leave,
}

impl MsgKind {
    pub const COUNT: usize = 14;
    pub const ALL: [MsgKind; MsgKind::COUNT] = [
        MsgKind::Push,
        MsgKind::Feedback,
        MsgKind::Pull,
        MsgKind::PullReply,
        MsgKind::PushPull,
        MsgKind::PushPullReply,
        MsgKind::Sync,
        MsgKind::SyncReply,
        MsgKind::Ping,
        MsgKind::Ack,
        MsgKind::PingReq,
        MsgKind::Join,
        MsgKind::JoinReply,
        MsgKind::Leave,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MsgKind::Push => "Push",
            MsgKind::Feedback => "Feedback",
            MsgKind::Pull => "Pull",
            MsgKind::PullReply => "PullReply",
            MsgKind::PushPull => "PushPull",
            MsgKind::PushPullReply => "PushPullReply",
            MsgKind::Sync => "Sync",
            MsgKind::SyncReply => "SyncReply",
            MsgKind::Ping => "Ping",
            MsgKind::Ack => "Ack",
            MsgKind::PingReq => "PingReq",
            MsgKind::Join => "Join",
            MsgKind::JoinReply => "JoinReply",
            MsgKind::Leave => "Leave",
        }
    }

    pub fn from_name(name: &str) -> Option<MsgKind> {
        MsgKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Position in `ALL`, for per-kind counters.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Part of SWIM rather than of rumor spreading.
    pub fn is_membership(self) -> bool {
        matches!(
            self,
            MsgKind::Ping | MsgKind::Ack | MsgKind::PingReq | MsgKind::Join | MsgKind::Leave
        )
    }
}

impl Msg {
    pub fn kind(&self) -> MsgKind {
        match self {
            Msg::Push { .. } => MsgKind::Push,
            Msg::Feedback { .. } => MsgKind::Feedback,
            Msg::Pull { .. } => MsgKind::Pull,
            Msg::PullReply { .. } => MsgKind::PullReply,
            Msg::PushPull { .. } => MsgKind::PushPull,
            Msg::PushPullReply { .. } => MsgKind::PushPullReply,
            Msg::Sync { .. } => MsgKind::Sync,
            Msg::SyncReply { .. } => MsgKind::SyncReply,
            Msg::Ping { .. } => MsgKind::Ping,
            Msg::Ack { .. } => MsgKind::Ack,
            Msg::PingReq { .. } => MsgKind::PingReq,
            Msg::Join { .. } => MsgKind::Join,
            Msg::JoinReply { .. } => MsgKind::JoinReply,
            Msg::Leave { .. } => MsgKind::Leave,
        }
    }

    /// The rumors this message can teach its receiver.
    pub fn rumors(&self) -> Option<&RumorSet> {
        match self {
            Msg::Push { rumors, .. }
            | Msg::PullReply { rumors, .. }
            | Msg::PushPull { rumors, .. }
            | Msg::PushPullReply { rumors, .. }
            | Msg::SyncReply { rumors } => Some(rumors),
            Msg::Sync { known } | Msg::JoinReply { known, .. } => Some(known),
            _ => None,
        }
    }

    /// Whether delivering it could teach someone a rumor.
    pub fn carries_rumors(&self) -> bool {
        self.rumors().is_some_and(|r| !r.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for (i, k) in MsgKind::ALL.into_iter().enumerate() {
            assert_eq!(MsgKind::from_name(k.name()), Some(k));
            assert_eq!(k.index(), i);
        }
    }

    #[test]
    fn messages_stay_small() {
        assert!(
            std::mem::size_of::<Msg>() <= 96,
            "{}",
            std::mem::size_of::<Msg>()
        );
    }
}
