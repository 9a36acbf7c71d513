//! Trace events of a Quorum NWR run: one record per thing that happened, in
//! order. Their JSON form has "t_ms" and "kind" like every trace; client
//! events have the fields of every protocol's client events, and the
//! network's events are the shared ones.

use super::node::Via;
use super::version::Version;
use crate::client::ClientEvent;
use crate::net::NetEvent;
use crate::sim::NodeId;
use serde::Serialize;
use std::sync::Arc;

/// Something that happened in a Quorum NWR run, and when.
pub type NwrEvent = crate::sim::TraceEvent<EventKind>;

/// What happened. Node and client numbers count from 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// A client sent an operation, heard back, or gave up (the shared client event).
    Client(ClientEvent),
    /// `node` coordinates an operation on the key's replicas and waits for `need` answers.
    Coordinate {
        node: NodeId,
        op: &'static str,
        key: Arc<str>,
        replicas: Vec<NodeId>,
        need: usize,
    },
    /// A two-phase write read the highest version from R replicas; it writes `version`.
    Query {
        node: NodeId,
        key: Arc<str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        highest: Option<Version>,
        version: Version,
        replies: Vec<NodeId>,
    },
    /// A write reached W acknowledgements; `done` writes have so far.
    Written {
        node: NodeId,
        key: Arc<str>,
        value: Arc<str>,
        version: Version,
        acks: Vec<NodeId>,
        done: u64,
    },
    /// A read has R replies: the newest value, and the replicas behind it.
    Read {
        node: NodeId,
        key: Arc<str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<Arc<str>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<Version>,
        replies: Vec<NodeId>,
        stale: Vec<NodeId>,
    },
    /// The coordinator writes the newest version back to stale replicas.
    Repair {
        node: NodeId,
        key: Arc<str>,
        version: Version,
        to: Vec<NodeId>,
        blocking: bool,
    },
    /// A blocking read repair reached W replicas; the read answers.
    Repaired {
        node: NodeId,
        key: Arc<str>,
        version: Version,
        holders: Vec<NodeId>,
    },
    /// A replica stored a newer version.
    Store {
        node: NodeId,
        key: Arc<str>,
        value: Arc<str>,
        version: Version,
        via: Via,
    },
    /// A replica kept its newer version and dropped an older one offered to it.
    Keep {
        node: NodeId,
        key: Arc<str>,
        offered: Version,
        kept: Version,
    },
    /// A stand-in keeps a version for a replica that did not answer.
    Hint {
        node: NodeId,
        key: Arc<str>,
        version: Version,
        replica: NodeId,
    },
    /// A stand-in handed its hint back to the replica and dropped it.
    Handoff {
        node: NodeId,
        to: NodeId,
        key: Arc<str>,
        version: Version,
    },
    /// A coordinator asks `standin` in place of `replica` (sloppy quorum).
    Fallback {
        node: NodeId,
        key: Arc<str>,
        replica: NodeId,
        standin: NodeId,
    },
    /// A coordinator failed a request: `got` of `need` answers in time.
    GiveUp {
        node: NodeId,
        op: &'static str,
        key: Arc<str>,
        got: usize,
        need: usize,
    },
    /// A read returned an older version than a write that completed before it began.
    StaleRead {
        client: u32,
        node: NodeId,
        key: Arc<str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<Version>,
        newer: Version,
    },
    /// A read returned an older version than a read that completed before it began.
    Inversion {
        client: u32,
        node: NodeId,
        key: Arc<str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<Version>,
        newer: Version,
    },
    /// A write was acknowledged with an older version than a write that
    /// completed before it began: last write wins has already dropped it.
    LostWrite {
        client: u32,
        node: NodeId,
        key: Arc<str>,
        version: Version,
        newer: Version,
    },
    /// The network or a server's process (shared by every protocol).
    #[serde(untagged)]
    Net(NetEvent),
}

impl EventKind {
    /// The kind name as it appears in the trace.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Client(_) => "client",
            EventKind::Coordinate { .. } => "coordinate",
            EventKind::Query { .. } => "query",
            EventKind::Written { .. } => "written",
            EventKind::Read { .. } => "read",
            EventKind::Repair { .. } => "repair",
            EventKind::Repaired { .. } => "repaired",
            EventKind::Store { .. } => "store",
            EventKind::Keep { .. } => "keep",
            EventKind::Hint { .. } => "hint",
            EventKind::Handoff { .. } => "handoff",
            EventKind::Fallback { .. } => "fallback",
            EventKind::GiveUp { .. } => "give_up",
            EventKind::StaleRead { .. } => "stale_read",
            EventKind::Inversion { .. } => "inversion",
            EventKind::LostWrite { .. } => "lost_write",
            EventKind::Net(e) => e.name(),
        }
    }

    /// The servers this event is about, for highlighting.
    pub fn nodes(&self) -> Vec<NodeId> {
        match self {
            EventKind::Client(c) => c.node.into_iter().collect(),
            EventKind::Coordinate { node, replicas, .. } => std::iter::once(*node)
                .chain(replicas.iter().copied())
                .collect(),
            EventKind::Written {
                node, acks: more, ..
            }
            | EventKind::Query {
                node,
                replies: more,
                ..
            }
            | EventKind::Read {
                node,
                replies: more,
                ..
            }
            | EventKind::Repair { node, to: more, .. }
            | EventKind::Repaired {
                node,
                holders: more,
                ..
            } => std::iter::once(*node).chain(more.iter().copied()).collect(),
            EventKind::Store { node, .. }
            | EventKind::Keep { node, .. }
            | EventKind::GiveUp { node, .. }
            | EventKind::StaleRead { node, .. }
            | EventKind::Inversion { node, .. }
            | EventKind::LostWrite { node, .. } => vec![*node],
            EventKind::Hint { node, replica, .. } => vec![*node, *replica],
            EventKind::Handoff { node, to, .. } => vec![*node, *to],
            EventKind::Fallback {
                node,
                replica,
                standin,
                ..
            } => vec![*node, *replica, *standin],
            EventKind::Net(e) => e.nodes(),
        }
    }

    /// The key the event is about, if any.
    pub fn key(&self) -> Option<&Arc<str>> {
        match self {
            EventKind::Client(c) => Some(&c.key),
            EventKind::Coordinate { key, .. }
            | EventKind::Query { key, .. }
            | EventKind::Written { key, .. }
            | EventKind::Read { key, .. }
            | EventKind::Repair { key, .. }
            | EventKind::Repaired { key, .. }
            | EventKind::Store { key, .. }
            | EventKind::Keep { key, .. }
            | EventKind::Hint { key, .. }
            | EventKind::Handoff { key, .. }
            | EventKind::Fallback { key, .. }
            | EventKind::GiveUp { key, .. }
            | EventKind::StaleRead { key, .. }
            | EventKind::Inversion { key, .. }
            | EventKind::LostWrite { key, .. } => Some(key),
            EventKind::Net(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientPhase;
    use crate::sim::SimTime;

    fn json(kind: EventKind) -> String {
        serde_json::to_string(&NwrEvent {
            at: SimTime(1500),
            kind,
        })
        .unwrap()
    }

    #[test]
    fn serializes_with_the_fixed_trace_fields() {
        let store = EventKind::Store {
            node: NodeId(2),
            key: "x".into(),
            value: "5".into(),
            version: Version::new(3, NodeId(1)),
            via: Via::Repair,
        };
        assert_eq!(
            json(store),
            r#"{"t_ms":1.5,"kind":"store","node":2,"key":"x","value":"5","version":{"counter":3,"writer":1},"via":"repair"}"#
        );
        let client = EventKind::Client(ClientEvent {
            client: 101,
            op: "set",
            key: "x".into(),
            value: Some("5".into()),
            phase: ClientPhase::Invoke,
            node: Some(NodeId(1)),
            result: None,
        });
        assert_eq!(
            json(client),
            r#"{"t_ms":1.5,"kind":"client","client":101,"op":"set","key":"x","value":"5","phase":"invoke","node":1}"#
        );
    }
}
