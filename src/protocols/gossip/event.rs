//! Trace events of a gossip run: one record per thing that happened, in
//! order. Their JSON form has "t_ms" and "kind" like the Raft trace; node
//! and rumor numbers count from 1.

use super::member::MemberState;
use super::rumor::RumorId;
use crate::net::NetEvent;
use crate::sim::{MsgId, NodeId};
use serde::Serialize;
use std::sync::Arc;

/// Something that happened in a gossip run, and when.
pub type GossipEvent = crate::sim::TraceEvent<EventKind>;

/// Groups of settings a gossip run changes besides the network's.
pub mod setting {
    use crate::lang::Tag;
    pub const SPREAD: Tag = Tag::new("spread", "gossip settings", "传播设置");
    pub const SWIM: Tag = Tag::new("swim", "SWIM settings", "SWIM 设置");
}

/// Why a gossip action was not carried out, besides the shared reasons.
pub mod skip {
    use crate::lang::Tag;
    pub const HAS_LEFT: Tag = Tag::new(
        "has_left",
        "the node has left the cluster",
        "该节点已离开集群",
    );
    pub const NO_FREE_SLOT: Tag = Tag::new(
        "no_free_slot",
        "there is no free slot for a new node",
        "没有空位容纳新节点",
    );
    pub const TOO_MANY_RUMORS: Tag = Tag::new(
        "too_many_rumors",
        "too many rumors have been started",
        "已发起的传闻太多",
    );
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// A rumor started at `node`: `key` set to `value`.
    Rumor {
        node: NodeId,
        rumor: RumorId,
        key: Arc<str>,
        value: Arc<str>,
        version: u32,
    },
    /// `node` learned `rumor` from `from`; `round` counts from the rumor's first round.
    Infect {
        node: NodeId,
        rumor: RumorId,
        from: NodeId,
        round: u32,
    },
    /// `node` stopped spreading `rumor` (its stop rule fired, or a newer version arrived).
    Remove {
        node: NodeId,
        rumor: RumorId,
        round: u32,
    },
    /// `node` now holds `about` to be in `state` at `incarnation`.
    Detect {
        node: NodeId,
        about: NodeId,
        state: MemberState,
        incarnation: u32,
    },
    /// `node` raised its incarnation to deny a suspicion or announce its return.
    Refute {
        node: NodeId,
        incarnation: u32,
    },
    Join {
        node: NodeId,
        seed: NodeId,
    },
    Leave {
        node: NodeId,
    },
    /// The network or a node's process (shared by every protocol).
    #[serde(untagged)]
    Net(NetEvent),
}

impl EventKind {
    /// The kind name as it appears in the trace.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Rumor { .. } => "rumor",
            EventKind::Infect { .. } => "infect",
            EventKind::Remove { .. } => "remove",
            EventKind::Detect { .. } => "detect",
            EventKind::Refute { .. } => "refute",
            EventKind::Join { .. } => "join",
            EventKind::Leave { .. } => "leave",
            EventKind::Net(e) => e.name(),
        }
    }

    /// The message this event is about, if any.
    pub fn message(&self) -> Option<MsgId> {
        match self {
            EventKind::Net(e) => e.message(),
            _ => None,
        }
    }

    /// Message traffic rather than a change of state.
    pub fn is_traffic(&self) -> bool {
        self.message().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimTime;

    fn json(kind: EventKind) -> String {
        serde_json::to_string(&GossipEvent {
            at: SimTime(2500),
            kind,
        })
        .unwrap()
    }

    #[test]
    fn serializes_with_the_fixed_trace_fields() {
        let infect = EventKind::Infect {
            node: NodeId(17),
            rumor: RumorId(3),
            from: NodeId(4),
            round: 5,
        };
        assert_eq!(
            json(infect),
            r#"{"t_ms":2.5,"kind":"infect","node":17,"rumor":3,"from":4,"round":5}"#
        );
        let detect = EventKind::Detect {
            node: NodeId(2),
            about: NodeId(9),
            state: MemberState::Suspect,
            incarnation: 1,
        };
        assert_eq!(
            json(detect),
            r#"{"t_ms":2.5,"kind":"detect","node":2,"about":9,"state":"suspect","incarnation":1}"#
        );
        let drop = EventKind::Net(NetEvent::Drop {
            from: NodeId(1),
            to: NodeId(2),
            msg: "PingReq",
            term: None,
            id: MsgId(7),
            reason: crate::sim::DropReason::Loss,
        });
        assert_eq!(
            json(drop),
            r#"{"t_ms":2.5,"kind":"drop","from":1,"to":2,"msg":"PingReq","id":7,"reason":"loss"}"#
        );
    }

    /// A skipped action is its English text and the reason's code (the
    /// reasons are codes with words now, shared with every protocol, plus
    /// gossip's own).
    #[test]
    fn skipped_actions_serialize_as_text() {
        let crash = super::super::Action::from(crate::net::NetAction::Crash(
            crate::net::NodeRef::Id(NodeId(3)),
        ));
        let kind = EventKind::Net(NetEvent::Skipped {
            action: crate::net::action_text(|l| crash.describe(l)),
            why: crate::net::skip::ALREADY_DOWN,
        });
        assert_eq!(
            json(kind),
            r#"{"t_ms":2.5,"kind":"skipped","action":"crash S3","why":"already_down"}"#
        );
        let kind = EventKind::Net(NetEvent::Skipped {
            action: crate::lang::Text::new("set x = 1 at S1", "在 S1 上设置 x = 1"),
            why: skip::TOO_MANY_RUMORS,
        });
        assert_eq!(
            json(kind),
            r#"{"t_ms":2.5,"kind":"skipped","action":"set x = 1 at S1","why":"too_many_rumors"}"#
        );
    }
}
