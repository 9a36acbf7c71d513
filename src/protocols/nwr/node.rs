//! One server as a pure state machine: a message, a client request or a
//! timer goes in; messages, timers, replies to clients and notes of what
//! happened come out ([`Output`]). A server is a replica of the keys whose
//! preference lists name it, a stand-in holding hints for replicas that were
//! unreachable (Dynamo §4.6), and the coordinator of the requests its
//! clients send it (coordinator.rs). What it stored survives a crash; its
//! requests in progress do not.

use super::config::NwrConfig;
use super::coordinator::Request;
use super::message::{Msg, ReqId, WriteKind};
use super::ring::Ring;
use super::version::{Stored, Version};
use crate::sim::{NodeId, SimTime};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The client operation a reply answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OpTag {
    pub client: u32,
    pub seq: u64,
}

/// What a client asks a coordinator to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientOp {
    Put(Arc<str>),
    Get,
}

impl ClientOp {
    /// `put` or `get`.
    pub fn name(&self) -> &'static str {
        match self {
            ClientOp::Put(_) => "put",
            ClientOp::Get => "get",
        }
    }
}

/// A coordinator's answer to a client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// The write is stored with this version on W replicas.
    Written(Version),
    /// The newest value among R replies (none if no replica holds the key).
    Read(Option<Stored>),
    /// The quorum did not gather in time.
    Failed,
}

/// A server's timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Timer {
    /// The request fails if it has not gathered its quorum by now.
    Deadline(ReqId),
    /// With a sloppy quorum: ask stand-ins for replicas that did not answer.
    Fallback(ReqId),
    /// Try to hand the hints back.
    Handoff,
}

/// How a replica came to store a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    Put,
    Repair,
    Handoff,
}

impl From<WriteKind> for Via {
    fn from(k: WriteKind) -> Self {
        match k {
            WriteKind::Put => Via::Put,
            WriteKind::Repair => Via::Repair,
        }
    }
}

/// What happened on a server, for the trace.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// The server coordinates a client's request on these replicas and waits for `need` answers.
    Coordinate {
        op: &'static str,
        key: Arc<str>,
        replicas: Vec<NodeId>,
        need: usize,
    },
    /// A two-phase write's first phase: the highest version among the
    /// replies, and the version the write will carry.
    Query {
        key: Arc<str>,
        highest: Option<Version>,
        version: Version,
        replies: Vec<NodeId>,
    },
    /// A write reached W acknowledgements.
    Written {
        key: Arc<str>,
        stored: Stored,
        acks: Vec<NodeId>,
    },
    /// A read has R replies: the newest, and the replicas found behind it.
    ReadQuorum {
        key: Arc<str>,
        newest: Option<Stored>,
        replies: Vec<NodeId>,
        stale: Vec<NodeId>,
    },
    /// The coordinator writes the newest version back to these replicas.
    Repair {
        key: Arc<str>,
        version: Version,
        to: Vec<NodeId>,
        blocking: bool,
    },
    /// A blocking repair reached W replicas: the read can answer.
    Repaired {
        key: Arc<str>,
        version: Version,
        holders: Vec<NodeId>,
    },
    /// The replica stored a newer version.
    Stored {
        key: Arc<str>,
        stored: Stored,
        via: Via,
    },
    /// The replica kept its newer version and dropped the one offered: last write wins.
    Kept {
        key: Arc<str>,
        offered: Version,
        kept: Version,
    },
    /// The server keeps a version for `replica`, which did not answer.
    Hinted {
        key: Arc<str>,
        version: Version,
        replica: NodeId,
    },
    /// The replica took the hint back; the stand-in dropped it.
    HandedOff {
        to: NodeId,
        key: Arc<str>,
        version: Version,
    },
    /// The coordinator asks `standin` in place of `replica`.
    Fallback {
        key: Arc<str>,
        replica: NodeId,
        standin: NodeId,
    },
    /// The request failed: `got` of `need` answers in time.
    GaveUp {
        op: &'static str,
        key: Arc<str>,
        got: usize,
        need: usize,
    },
}

/// What a server asks its world to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    Send { to: NodeId, msg: Msg },
    SetTimer { at: SimTime, timer: Timer },
    Reply { to: OpTag, reply: Reply },
    Note(Note),
}

/// What a server needs to know of its world.
#[derive(Clone, Copy, Debug)]
pub struct Ctx<'a> {
    pub cfg: &'a NwrConfig,
    pub ring: Ring,
    pub now: SimTime,
}

/// What a server keeps on disk: its values, its hints, its version counter
/// (written before it is used, so a restarted coordinator never reuses a
/// version) and how often it restarted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Disk {
    pub store: BTreeMap<Arc<str>, Stored>,
    pub hints: BTreeMap<(NodeId, Arc<str>), Stored>,
    pub clock: u64,
    pub epoch: u32,
}

/// One server.
#[derive(Clone, Debug)]
pub struct NwrNode {
    pub(super) id: NodeId,
    pub(super) disk: Disk,
    pub(super) requests: BTreeMap<ReqId, Request>,
    pub(super) next_seq: u32,
    handoff_armed: bool,
    pub(super) out: Vec<Output>,
}

impl NwrNode {
    pub fn new(id: NodeId) -> Self {
        NwrNode {
            id,
            disk: Disk::default(),
            requests: BTreeMap::new(),
            next_seq: 0,
            handoff_armed: false,
            out: Vec::new(),
        }
    }

    pub fn id(&self) -> NodeId {
        self.id
    }
    /// The version of `key` this server stores, if any.
    pub fn stored(&self, key: &str) -> Option<&Stored> {
        self.disk.store.get(key)
    }
    /// Every key this server stores, in key order.
    pub fn store(&self) -> impl Iterator<Item = (&Arc<str>, &Stored)> + '_ {
        self.disk.store.iter()
    }
    /// The hints it keeps: (replica, key) and the version kept for it.
    pub fn hints(&self) -> impl Iterator<Item = (&(NodeId, Arc<str>), &Stored)> + '_ {
        self.disk.hints.iter()
    }
    /// The highest version counter it has used or seen.
    pub fn clock(&self) -> u64 {
        self.disk.clock
    }
    /// The requests it coordinates now.
    pub fn requests(&self) -> impl Iterator<Item = &Request> + '_ {
        self.requests.values()
    }

    /// Takes what the server asked for since the last drain.
    pub fn drain_outputs(&mut self) -> std::vec::Drain<'_, Output> {
        self.out.drain(..)
    }

    pub(super) fn note(&mut self, note: Note) {
        self.out.push(Output::Note(note));
    }

    pub(super) fn send(&mut self, to: NodeId, msg: Msg) {
        self.out.push(Output::Send { to, msg });
    }

    pub(super) fn set_timer(&mut self, at: SimTime, timer: Timer) {
        self.out.push(Output::SetTimer { at, timer });
    }

    /// A message from `from` arrives.
    pub fn step(&mut self, cx: &Ctx, from: NodeId, msg: Msg) {
        match msg {
            Msg::Write {
                req,
                kind,
                key,
                stored,
                hint,
            } => {
                let version = stored.version;
                match hint {
                    Some(replica) if replica != self.id => {
                        self.keep_hint(cx, replica, &key, stored)
                    }
                    _ => self.apply(&key, stored, kind.into()),
                }
                self.send(
                    from,
                    Msg::WriteAck {
                        req,
                        kind,
                        key,
                        version,
                    },
                );
            }
            Msg::Get { req, key } => {
                let stored = self.disk.store.get(&key).cloned();
                self.send(from, Msg::GetReply { req, key, stored });
            }
            Msg::Handoff {
                key,
                stored,
                replica,
            } => {
                let version = stored.version;
                self.apply(&key, stored, Via::Handoff);
                self.send(
                    from,
                    Msg::HandoffAck {
                        key,
                        version,
                        replica,
                    },
                );
            }
            Msg::HandoffAck {
                key,
                version,
                replica,
            } => self.handed_off(replica, key, version),
            Msg::WriteAck { req, version, .. } => self.on_write_ack(cx, from, req, version),
            Msg::GetReply { req, stored, .. } => self.on_get_reply(cx, from, req, stored),
        }
    }

    /// A timer fires.
    pub fn tick(&mut self, cx: &Ctx, timer: Timer) {
        match timer {
            Timer::Deadline(req) => self.deadline(req),
            Timer::Fallback(req) => self.fall_back(cx, req),
            Timer::Handoff => {
                self.handoff_armed = false;
                let hints: Vec<_> = self
                    .disk
                    .hints
                    .iter()
                    .map(|((replica, key), s)| (*replica, key.clone(), s.clone()))
                    .collect();
                for (replica, key, stored) in hints {
                    self.send(
                        replica,
                        Msg::Handoff {
                            key,
                            stored,
                            replica,
                        },
                    );
                }
                self.arm_handoff(cx);
            }
        }
    }

    /// Stores `stored` if it is newer than what the server holds (last write
    /// wins); says what it did.
    pub(super) fn apply(&mut self, key: &Arc<str>, stored: Stored, via: Via) {
        self.disk.clock = self.disk.clock.max(stored.version.counter);
        match self.disk.store.get(key) {
            Some(cur) if cur.version > stored.version => {
                let note = Note::Kept {
                    key: key.clone(),
                    offered: stored.version,
                    kept: cur.version,
                };
                self.note(note);
            }
            Some(cur) if cur.version == stored.version => {}
            _ => {
                self.disk.store.insert(key.clone(), stored.clone());
                self.note(Note::Stored {
                    key: key.clone(),
                    stored,
                    via,
                });
            }
        }
    }

    /// Keeps `stored` for `replica`, which did not answer, until it can be handed back.
    pub(super) fn keep_hint(&mut self, cx: &Ctx, replica: NodeId, key: &Arc<str>, stored: Stored) {
        self.disk.clock = self.disk.clock.max(stored.version.counter);
        let slot = (replica, key.clone());
        if self
            .disk
            .hints
            .get(&slot)
            .is_some_and(|h| h.version >= stored.version)
        {
            return;
        }
        let version = stored.version;
        self.disk.hints.insert(slot, stored);
        self.note(Note::Hinted {
            key: key.clone(),
            version,
            replica,
        });
        self.arm_handoff(cx);
    }

    fn arm_handoff(&mut self, cx: &Ctx) {
        if !self.handoff_armed && !self.disk.hints.is_empty() {
            self.handoff_armed = true;
            self.set_timer(cx.now + cx.cfg.handoff, Timer::Handoff);
        }
    }

    fn handed_off(&mut self, replica: NodeId, key: Arc<str>, version: Version) {
        let slot = (replica, key.clone());
        if self
            .disk
            .hints
            .get(&slot)
            .is_some_and(|h| h.version <= version)
        {
            self.disk.hints.remove(&slot);
            self.note(Note::HandedOff {
                to: replica,
                key,
                version,
            });
        }
    }

    /// The server stops: requests in progress and armed timers are lost; its
    /// disk is kept.
    pub fn crash(&mut self) {
        self.requests.clear();
        self.next_seq = 0;
        self.handoff_armed = false;
        self.out.clear();
    }

    /// The server starts again from its disk, in a new epoch.
    pub fn restart(&mut self, cx: &Ctx) {
        self.disk.epoch += 1;
        self.arm_handoff(cx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::nwr::config::NwrConfig;

    fn cx(cfg: &NwrConfig) -> Ctx<'_> {
        Ctx {
            cfg,
            ring: Ring::new(3),
            now: SimTime::from_millis(10),
        }
    }

    fn v(counter: u64, writer: u16) -> Version {
        Version::new(counter, NodeId(writer))
    }

    fn write(kind: WriteKind, value: &str, version: Version, hint: Option<NodeId>) -> Msg {
        Msg::Write {
            req: ReqId { epoch: 0, seq: 1 },
            kind,
            key: "x".into(),
            stored: Stored::new(value, version),
            hint,
        }
    }

    fn notes(n: &mut NwrNode) -> Vec<Note> {
        n.drain_outputs()
            .filter_map(|o| match o {
                Output::Note(note) => Some(note),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_replica_keeps_the_newest_version_and_acks_either_way() {
        let cfg = NwrConfig::for_nodes(3);
        let mut n = NwrNode::new(NodeId(2));
        n.step(
            &cx(&cfg),
            NodeId(1),
            write(WriteKind::Put, "b", v(2, 1), None),
        );
        assert_eq!(n.stored("x").unwrap().value.as_ref(), "b");
        let out: Vec<_> = n.drain_outputs().collect();
        assert!(out.contains(&Output::Send {
            to: NodeId(1),
            msg: Msg::WriteAck {
                req: ReqId { epoch: 0, seq: 1 },
                kind: WriteKind::Put,
                key: "x".into(),
                version: v(2, 1),
            }
        }));
        // An older version arrives later: last write wins, and it says so.
        n.step(
            &cx(&cfg),
            NodeId(3),
            write(WriteKind::Put, "a", v(1, 3), None),
        );
        assert_eq!(n.stored("x").unwrap().value.as_ref(), "b");
        assert_eq!(
            notes(&mut n),
            vec![Note::Kept {
                key: "x".into(),
                offered: v(1, 3),
                kept: v(2, 1)
            }]
        );
        assert_eq!(n.clock(), 2);
    }

    #[test]
    fn a_get_is_answered_from_the_store() {
        let cfg = NwrConfig::for_nodes(3);
        let mut n = NwrNode::new(NodeId(3));
        n.step(
            &cx(&cfg),
            NodeId(1),
            write(WriteKind::Repair, "r", v(4, 2), None),
        );
        n.drain_outputs().for_each(drop);
        let req = ReqId { epoch: 1, seq: 7 };
        n.step(
            &cx(&cfg),
            NodeId(2),
            Msg::Get {
                req,
                key: "x".into(),
            },
        );
        let out: Vec<_> = n.drain_outputs().collect();
        assert_eq!(
            out,
            vec![Output::Send {
                to: NodeId(2),
                msg: Msg::GetReply {
                    req,
                    key: "x".into(),
                    stored: Some(Stored::new("r", v(4, 2))),
                }
            }]
        );
    }

    #[test]
    fn a_stand_in_keeps_a_hint_and_hands_it_back() {
        let cfg = NwrConfig::for_nodes(3);
        let mut n = NwrNode::new(NodeId(3));
        n.step(
            &cx(&cfg),
            NodeId(1),
            write(WriteKind::Put, "h", v(1, 1), Some(NodeId(2))),
        );
        assert_eq!(n.stored("x"), None, "a hint is not the stand-in's own copy");
        let out: Vec<_> = n.drain_outputs().collect();
        assert!(out.contains(&Output::SetTimer {
            at: SimTime::from_millis(10) + cfg.handoff,
            timer: Timer::Handoff
        }));
        n.tick(&cx(&cfg), Timer::Handoff);
        let out: Vec<_> = n.drain_outputs().collect();
        assert!(out.contains(&Output::Send {
            to: NodeId(2),
            msg: Msg::Handoff {
                key: "x".into(),
                stored: Stored::new("h", v(1, 1)),
                replica: NodeId(2),
            }
        }));
        n.step(
            &cx(&cfg),
            NodeId(2),
            Msg::HandoffAck {
                key: "x".into(),
                version: v(1, 1),
                replica: NodeId(2),
            },
        );
        assert_eq!(n.hints().count(), 0);
        assert_eq!(
            notes(&mut n),
            vec![Note::HandedOff {
                to: NodeId(2),
                key: "x".into(),
                version: v(1, 1)
            }]
        );
    }

    #[test]
    fn a_crash_keeps_the_disk_and_a_restart_starts_a_new_epoch() {
        let cfg = NwrConfig::for_nodes(3);
        let mut n = NwrNode::new(NodeId(1));
        n.step(
            &cx(&cfg),
            NodeId(2),
            write(WriteKind::Put, "d", v(3, 2), Some(NodeId(3))),
        );
        n.drain_outputs().for_each(drop);
        n.crash();
        n.restart(&cx(&cfg));
        assert_eq!(n.disk.epoch, 1);
        assert_eq!(n.hints().count(), 1);
        assert_eq!(n.clock(), 3);
        let out: Vec<_> = n.drain_outputs().collect();
        assert!(
            out.iter().any(|o| matches!(
                o,
                Output::SetTimer {
                    timer: Timer::Handoff,
                    ..
                }
            )),
            "the hints are handed back after a restart too"
        );
    }
}
