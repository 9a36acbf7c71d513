//! Trace events of a gossip run: one record per thing that happened, in
//! order. Their JSON form has "t_ms" and "kind" like the Raft trace; node
//! and rumor numbers count from 1.

use super::action::Action;
use super::config::ConfigError;
use super::member::MemberState;
use super::rumor::RumorId;
use crate::sim::{DropReason, MsgId, NodeId, SimTime};
use serde::{Serialize, Serializer};
use std::sync::Arc;

/// Something that happened at `at`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GossipEvent {
    #[serde(rename = "t_ms", serialize_with = "millis")]
    pub at: SimTime,
    #[serde(flatten)]
    pub kind: EventKind,
}

fn millis<S: Serializer>(t: &SimTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(t.as_millis_f64())
}

fn display<T: std::fmt::Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// A group of settings changed while running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    Network,
    Loss,
    Latency,
    Spread,
    Swim,
}

/// Why a user action was not carried out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    NoSuchNode,
    AlreadyDown,
    NotDown,
    HasLeft,
    NotRunning,
    NoFreeSlot,
    TooManyRumors,
    Invalid(ConfigError),
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
    Send {
        from: NodeId,
        to: NodeId,
        msg: &'static str,
        id: MsgId,
    },
    Deliver {
        from: NodeId,
        to: NodeId,
        msg: &'static str,
        id: MsgId,
    },
    Drop {
        from: NodeId,
        to: NodeId,
        msg: &'static str,
        id: MsgId,
        reason: DropReason,
    },
    Duplicate {
        from: NodeId,
        to: NodeId,
        msg: &'static str,
        id: MsgId,
        copy: MsgId,
    },
    Crash {
        node: NodeId,
    },
    Restart {
        node: NodeId,
    },
    Join {
        node: NodeId,
        seed: NodeId,
    },
    Leave {
        node: NodeId,
    },
    Partition {
        groups: Vec<Vec<NodeId>>,
    },
    Heal,
    Cut {
        from: NodeId,
        to: NodeId,
    },
    Uncut {
        from: NodeId,
        to: NodeId,
    },
    Configure {
        what: Setting,
    },
    Skipped {
        #[serde(serialize_with = "display")]
        action: Action,
        why: SkipReason,
    },
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
            EventKind::Send { .. } => "send",
            EventKind::Deliver { .. } => "deliver",
            EventKind::Drop { .. } => "drop",
            EventKind::Duplicate { .. } => "duplicate",
            EventKind::Crash { .. } => "crash",
            EventKind::Restart { .. } => "restart",
            EventKind::Join { .. } => "join",
            EventKind::Leave { .. } => "leave",
            EventKind::Partition { .. } => "partition",
            EventKind::Heal => "heal",
            EventKind::Cut { .. } => "cut",
            EventKind::Uncut { .. } => "uncut",
            EventKind::Configure { .. } => "configure",
            EventKind::Skipped { .. } => "skipped",
        }
    }

    /// The message this event is about, if any.
    pub fn message(&self) -> Option<MsgId> {
        match self {
            EventKind::Send { id, .. }
            | EventKind::Deliver { id, .. }
            | EventKind::Drop { id, .. }
            | EventKind::Duplicate { id, .. } => Some(*id),
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
        let drop = EventKind::Drop {
            from: NodeId(1),
            to: NodeId(2),
            msg: "PingReq",
            id: MsgId(7),
            reason: DropReason::Loss,
        };
        assert_eq!(
            json(drop),
            r#"{"t_ms":2.5,"kind":"drop","from":1,"to":2,"msg":"PingReq","id":7,"reason":"loss"}"#
        );
    }

    #[test]
    fn skipped_actions_serialize_as_text() {
        let kind = EventKind::Skipped {
            action: Action::Crash(NodeId(3)),
            why: SkipReason::AlreadyDown,
        };
        assert_eq!(
            json(kind),
            r#"{"t_ms":2.5,"kind":"skipped","action":"crash S3","why":"already_down"}"#
        );
    }
}
