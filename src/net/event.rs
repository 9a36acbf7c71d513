//! What the network and the processes did, in every protocol's trace: a
//! message sent, delivered, lost or copied; a server crashed, restarted,
//! paused or slowed; the network split, cut or healed; a setting changed; an
//! action that could not be carried out. Their JSON form is part of every
//! protocol's trace ("kind" then the fields below).

use crate::lang::{Tag, Text};
use crate::sim::{DropReason, MsgId, NodeId};
use serde::{Serialize, Serializer};

/// What happened to the network or to a server's process.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NetEvent {
    Send {
        from: NodeId,
        to: NodeId,
        msg: &'static str,
        /// The sender's term, for protocols that have terms.
        #[serde(skip_serializing_if = "Option::is_none")]
        term: Option<u64>,
        id: MsgId,
        /// A finer name than `msg` ("heartbeat"), from [`NetMsg::note`], for
        /// the narration's rule citation and for views; not in the JSON trace.
        ///
        /// [`NetMsg::note`]: super::NetMsg::note
        #[serde(skip)]
        note: Option<&'static str>,
    },
    Deliver {
        from: NodeId,
        to: NodeId,
        msg: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        term: Option<u64>,
        id: MsgId,
        /// As for [`NetEvent::Send`]; not in the JSON trace.
        #[serde(skip)]
        note: Option<&'static str>,
    },
    Drop {
        from: NodeId,
        to: NodeId,
        msg: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        term: Option<u64>,
        id: MsgId,
        reason: DropReason,
    },
    Duplicate {
        from: NodeId,
        to: NodeId,
        msg: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        term: Option<u64>,
        id: MsgId,
        copy: MsgId,
    },
    Crash {
        node: NodeId,
    },
    Restart {
        node: NodeId,
    },
    Pause {
        node: NodeId,
    },
    Resume {
        node: NodeId,
    },
    Slow {
        node: NodeId,
        factor: u16,
    },
    Partition {
        groups: Vec<Vec<NodeId>>,
    },
    Cut {
        from: NodeId,
        to: NodeId,
    },
    Uncut {
        from: NodeId,
        to: NodeId,
    },
    Heal,
    /// A group of settings changed while running.
    Configure {
        what: Tag,
    },
    /// A user action that could not be carried out, and why.
    Skipped {
        #[serde(serialize_with = "english")]
        action: Text,
        why: Tag,
    },
}

fn english<S: Serializer>(t: &Text, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.en)
}

impl NetEvent {
    /// The kind name as it appears in the trace.
    pub fn name(&self) -> &'static str {
        match self {
            NetEvent::Send { .. } => "send",
            NetEvent::Deliver { .. } => "deliver",
            NetEvent::Drop { .. } => "drop",
            NetEvent::Duplicate { .. } => "duplicate",
            NetEvent::Crash { .. } => "crash",
            NetEvent::Restart { .. } => "restart",
            NetEvent::Pause { .. } => "pause",
            NetEvent::Resume { .. } => "resume",
            NetEvent::Slow { .. } => "slow",
            NetEvent::Partition { .. } => "partition",
            NetEvent::Cut { .. } => "cut",
            NetEvent::Uncut { .. } => "uncut",
            NetEvent::Heal => "heal",
            NetEvent::Configure { .. } => "configure",
            NetEvent::Skipped { .. } => "skipped",
        }
    }

    /// The servers this event is about, for highlighting.
    pub fn nodes(&self) -> Vec<NodeId> {
        match self {
            NetEvent::Send { from, to, .. }
            | NetEvent::Deliver { from, to, .. }
            | NetEvent::Drop { from, to, .. }
            | NetEvent::Duplicate { from, to, .. }
            | NetEvent::Cut { from, to }
            | NetEvent::Uncut { from, to } => vec![*from, *to],
            NetEvent::Crash { node }
            | NetEvent::Restart { node }
            | NetEvent::Pause { node }
            | NetEvent::Resume { node }
            | NetEvent::Slow { node, .. } => vec![*node],
            NetEvent::Partition { .. }
            | NetEvent::Heal
            | NetEvent::Configure { .. }
            | NetEvent::Skipped { .. } => vec![],
        }
    }

    /// The message this event is about, if any.
    pub fn message(&self) -> Option<MsgId> {
        match self {
            NetEvent::Send { id, .. }
            | NetEvent::Deliver { id, .. }
            | NetEvent::Drop { id, .. }
            | NetEvent::Duplicate { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// Message traffic (send, deliver, drop, duplicate) rather than a change of state.
    pub fn is_traffic(&self) -> bool {
        self.message().is_some()
    }

    /// Worth a line in the narration with message traffic hidden: a change
    /// of state, or a message the user dropped or the network duplicated.
    pub fn is_notable(&self) -> bool {
        !self.is_traffic()
            || matches!(
                self,
                NetEvent::Drop {
                    reason: DropReason::User,
                    ..
                } | NetEvent::Duplicate { .. }
            )
    }
}

/// Groups of settings the network layer changes.
pub mod setting {
    use crate::lang::Tag;
    use crate::sim::NodeId;

    pub const NETWORK: Tag = Tag::new("network", "network settings", "网络设置");
    pub const LOSS: Tag = Tag::new("loss", "message loss", "丢包率");
    pub const LATENCY: Tag = Tag::new("latency", "latency", "延迟");
    pub const DUPLICATE: Tag = Tag::new("duplicate", "message duplication", "消息重复率");

    /// The latency of one link.
    pub fn link(from: NodeId, to: NodeId) -> Tag {
        Tag {
            code: format!("latency {from}→{to}").into(),
            text: crate::lang::Text::owned(
                format!("latency {from}→{to}"),
                format!("{from}→{to} 的延迟"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{SimTime, TraceEvent};

    #[test]
    fn serializes_with_the_fixed_trace_fields() {
        let drop = TraceEvent {
            at: SimTime(2000),
            kind: NetEvent::Drop {
                from: NodeId(1),
                to: NodeId(2),
                msg: "AppendEntries",
                term: Some(1),
                id: MsgId(9),
                reason: DropReason::Partition,
            },
        };
        assert_eq!(
            serde_json::to_string(&drop).unwrap(),
            r#"{"t_ms":2.0,"kind":"drop","from":1,"to":2,"msg":"AppendEntries","term":1,"id":9,"reason":"partition"}"#
        );
        let untermed = TraceEvent {
            at: SimTime(2500),
            kind: NetEvent::Send {
                from: NodeId(1),
                to: NodeId(2),
                msg: "Ping",
                term: None,
                id: MsgId(7),
                note: Some("probe"),
            },
        };
        assert_eq!(
            serde_json::to_string(&untermed).unwrap(),
            r#"{"t_ms":2.5,"kind":"send","from":1,"to":2,"msg":"Ping","id":7}"#
        );
    }

    #[test]
    fn skipped_actions_carry_their_english_text_and_a_reason_code() {
        let ev = NetEvent::Skipped {
            action: Text::new("crash S3", "让 S3 崩溃"),
            why: crate::net::skip::ALREADY_DOWN,
        };
        assert_eq!(
            serde_json::to_string(&ev).unwrap(),
            r#"{"kind":"skipped","action":"crash S3","why":"already_down"}"#
        );
    }
}
