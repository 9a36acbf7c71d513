//! What servers send each other. A coordinator asks replicas for their
//! version of a key (`Get`) and writes a version to them (`Put`, or
//! `Repair` when a read writes back); a server standing in for an
//! unreachable replica hands its hint back (`Handoff`). Every request is
//! answered, so a coordinator can count its quorum.

use super::version::{Stored, Version};
use crate::net::NetMsg;
use crate::sim::NodeId;
use std::fmt;
use std::sync::Arc;

/// A coordinator's request: its restart count, then a number counting up.
/// Replies to a request from before a restart never match a new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReqId {
    pub epoch: u32,
    pub seq: u32,
}

impl fmt::Display for ReqId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}.{}", self.epoch, self.seq)
    }
}

/// Why a version is written to a replica.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WriteKind {
    /// A client's write.
    Put,
    /// A read writing the newest version it found back to a stale replica.
    Repair,
}

/// A message between servers.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// Store this version of `key` (as a hint for `hint`, from a stand-in's view).
    Write {
        req: ReqId,
        kind: WriteKind,
        key: Arc<str>,
        stored: Stored,
        hint: Option<NodeId>,
    },
    /// The replica now holds `version` or a newer one.
    WriteAck {
        req: ReqId,
        kind: WriteKind,
        key: Arc<str>,
        version: Version,
    },
    /// Which version of `key` do you hold?
    Get { req: ReqId, key: Arc<str> },
    GetReply {
        req: ReqId,
        key: Arc<str>,
        stored: Option<Stored>,
    },
    /// A stand-in gives back what it kept for `replica` (Dynamo §4.6).
    Handoff {
        key: Arc<str>,
        stored: Stored,
        replica: NodeId,
    },
    HandoffAck {
        key: Arc<str>,
        version: Version,
        replica: NodeId,
    },
}

/// Message kinds, for counters, filters and glyphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MsgKind {
    Put,
    PutAck,
    Get,
    GetReply,
    Repair,
    RepairAck,
    Handoff,
    HandoffAck,
}

impl MsgKind {
    pub const ALL: [MsgKind; 8] = [
        MsgKind::Put,
        MsgKind::PutAck,
        MsgKind::Get,
        MsgKind::GetReply,
        MsgKind::Repair,
        MsgKind::RepairAck,
        MsgKind::Handoff,
        MsgKind::HandoffAck,
    ];

    /// The name in traces and message filters.
    pub fn name(self) -> &'static str {
        match self {
            MsgKind::Put => "Put",
            MsgKind::PutAck => "PutAck",
            MsgKind::Get => "Get",
            MsgKind::GetReply => "GetReply",
            MsgKind::Repair => "Repair",
            MsgKind::RepairAck => "RepairAck",
            MsgKind::Handoff => "Handoff",
            MsgKind::HandoffAck => "HandoffAck",
        }
    }

    pub fn from_name(name: &str) -> Option<MsgKind> {
        MsgKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// An answer rather than a request.
    pub fn is_reply(self) -> bool {
        matches!(
            self,
            MsgKind::PutAck | MsgKind::GetReply | MsgKind::RepairAck | MsgKind::HandoffAck
        )
    }
}

impl Msg {
    pub fn kind(&self) -> MsgKind {
        match self {
            Msg::Write {
                kind: WriteKind::Put,
                ..
            } => MsgKind::Put,
            Msg::Write {
                kind: WriteKind::Repair,
                ..
            } => MsgKind::Repair,
            Msg::WriteAck {
                kind: WriteKind::Put,
                ..
            } => MsgKind::PutAck,
            Msg::WriteAck {
                kind: WriteKind::Repair,
                ..
            } => MsgKind::RepairAck,
            Msg::Get { .. } => MsgKind::Get,
            Msg::GetReply { .. } => MsgKind::GetReply,
            Msg::Handoff { .. } => MsgKind::Handoff,
            Msg::HandoffAck { .. } => MsgKind::HandoffAck,
        }
    }

    /// The key the message is about.
    pub fn key(&self) -> &Arc<str> {
        match self {
            Msg::Write { key, .. }
            | Msg::WriteAck { key, .. }
            | Msg::Get { key, .. }
            | Msg::GetReply { key, .. }
            | Msg::Handoff { key, .. }
            | Msg::HandoffAck { key, .. } => key,
        }
    }

    /// The version the message carries, if it carries one.
    pub fn version(&self) -> Option<Version> {
        match self {
            Msg::Write { stored, .. } | Msg::Handoff { stored, .. } => Some(stored.version),
            Msg::WriteAck { version, .. } | Msg::HandoffAck { version, .. } => Some(*version),
            Msg::GetReply { stored, .. } => stored.as_ref().map(|s| s.version),
            Msg::Get { .. } => None,
        }
    }

    /// The coordinator's request the message belongs to, if any.
    pub fn request(&self) -> Option<ReqId> {
        match self {
            Msg::Write { req, .. }
            | Msg::WriteAck { req, .. }
            | Msg::Get { req, .. }
            | Msg::GetReply { req, .. } => Some(*req),
            Msg::Handoff { .. } | Msg::HandoffAck { .. } => None,
        }
    }
}

impl NetMsg for Msg {
    fn kind_name(&self) -> &'static str {
        self.kind().name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_puts_or_repairs_by_their_purpose() {
        let stored = Stored::new("1", Version::new(1, NodeId(1)));
        let req = ReqId { epoch: 0, seq: 3 };
        let w = |kind| Msg::Write {
            req,
            kind,
            key: "x".into(),
            stored: stored.clone(),
            hint: None,
        };
        assert_eq!(w(WriteKind::Put).kind(), MsgKind::Put);
        assert_eq!(w(WriteKind::Repair).kind(), MsgKind::Repair);
        assert_eq!(w(WriteKind::Put).version(), Some(stored.version));
        assert_eq!(w(WriteKind::Put).request(), Some(req));
        for k in MsgKind::ALL {
            assert_eq!(MsgKind::from_name(k.name()), Some(k));
        }
        assert!(MsgKind::GetReply.is_reply() && !MsgKind::Get.is_reply());
    }
}
