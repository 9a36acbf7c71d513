//! The coordinator of a client's request (Dynamo §4.5): it sends the request
//! to every replica of the key and answers once W of them acknowledged a
//! write or R of them replied to a read; a quorum that does not gather
//! before the timeout fails the request. A read answers with the newest
//! version among its replies, and repairs the replicas it found behind it:
//! not at all, in the background (Dynamo §5), or before answering, until W
//! replicas hold the newest version (the read's write-back phase of Attiya,
//! Bar-Noy and Dolev 1995). A two-phase write first reads the highest
//! version from R replicas and writes one above it (same paper); a one-phase
//! write takes the next number of the coordinator's own counter. With a
//! sloppy quorum, a replica that does not answer in time is stood in for by
//! the next server on the ring, which keeps a hint (Dynamo §4.6).

use super::message::{Msg, ReqId, WriteKind};
use super::node::{ClientOp, Ctx, Note, NwrNode, OpTag, Output, Reply, Timer};
use super::version::{Stored, Version, newest};
use super::{ReadRepair, ring::Ring};
use crate::sim::{NodeId, SimTime};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Where a request is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// Asking replicas for their version: a read, or a two-phase write's first phase.
    Query {
        replies: BTreeMap<NodeId, Option<Stored>>,
    },
    /// Writing a version: a write, or a blocking read's write-back.
    Write {
        kind: WriteKind,
        stored: Stored,
        /// Replicas known to hold `stored` (or a newer version).
        acks: BTreeSet<NodeId>,
    },
    /// An answered read repairing late stale replies in the background until its deadline.
    Linger {
        newest: Stored,
        repaired: BTreeSet<NodeId>,
    },
    /// Answered and finished: the coordinator forgets it.
    Done,
}

/// A request a server coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub id: ReqId,
    pub tag: OpTag,
    pub key: Arc<str>,
    pub op: ClientOp,
    /// The key's preference list.
    pub replicas: Vec<NodeId>,
    pub stage: Stage,
    /// Answers the stage waits for (W or R).
    pub need: usize,
    /// Stand-ins asked in this stage, and the replica each stands in for.
    pub standins: BTreeMap<NodeId, NodeId>,
    pub started: SimTime,
}

impl Request {
    /// The replicas that have answered this stage.
    pub fn answered(&self) -> Vec<NodeId> {
        match &self.stage {
            Stage::Query { replies } => replies.keys().copied().collect(),
            Stage::Write { acks, .. } => acks.iter().copied().collect(),
            Stage::Linger { .. } | Stage::Done => self.replicas.clone(),
        }
    }

    /// The servers the request still waits for: replicas that have not
    /// answered, or the stand-ins asked in their place.
    pub fn waiting_for(&self) -> Vec<NodeId> {
        if !self.is_open() {
            return Vec::new();
        }
        let answered = self.answered();
        let mut out: Vec<NodeId> = self
            .replicas
            .iter()
            .filter(|r| !answered.contains(r))
            .copied()
            .collect();
        out.extend(
            self.standins
                .iter()
                .filter(|(_, r)| !answered.contains(r))
                .map(|(s, _)| *s),
        );
        out
    }

    /// The replica an answer from `from` counts for, if it counts.
    fn credit(&self, from: NodeId) -> Option<NodeId> {
        if self.replicas.contains(&from) {
            Some(from)
        } else {
            self.standins.get(&from).copied()
        }
    }

    /// Still waiting for its quorum.
    pub fn is_open(&self) -> bool {
        matches!(self.stage, Stage::Query { .. } | Stage::Write { .. })
    }
}

impl NwrNode {
    /// A client asks this server to coordinate `op` on `key`.
    pub fn client_request(&mut self, cx: &Ctx, tag: OpTag, key: Arc<str>, op: ClientOp) {
        let id = ReqId {
            epoch: self.disk.epoch,
            seq: self.next_seq,
        };
        self.next_seq += 1;
        let replicas = cx.ring.preference(&key, cx.cfg.n);
        let two_phase = cx.cfg.two_phase_writes;
        let need = match op {
            ClientOp::Put(_) if !two_phase => cx.cfg.w,
            _ => cx.cfg.r,
        };
        self.note(Note::Coordinate {
            op: op.name(),
            key: key.clone(),
            replicas: replicas.clone(),
            need,
        });
        self.set_timer(cx.now + cx.cfg.timeout, Timer::Deadline(id));
        if cx.cfg.sloppy_quorum {
            self.set_timer(cx.now + cx.cfg.fallback, Timer::Fallback(id));
        }
        let mut req = Request {
            id,
            tag,
            key,
            op: op.clone(),
            replicas,
            stage: Stage::Query {
                replies: BTreeMap::new(),
            },
            need,
            standins: BTreeMap::new(),
            started: cx.now,
        };
        match op {
            ClientOp::Put(value) if !two_phase => {
                let version = self.next_version(None);
                self.begin_write(cx, &mut req, WriteKind::Put, Stored::new(value, version));
            }
            _ => self.begin_query(cx, &mut req),
        }
        self.keep(req);
    }

    /// The next version this coordinator writes: above its counter and above `highest`.
    fn next_version(&mut self, highest: Option<Version>) -> Version {
        let counter = self.disk.clock.max(highest.map_or(0, |v| v.counter)) + 1;
        self.disk.clock = counter;
        Version::new(counter, self.id)
    }

    /// Keeps a request unless it is done.
    fn keep(&mut self, req: Request) {
        if req.stage != Stage::Done {
            self.requests.insert(req.id, req);
        }
    }

    fn begin_query(&mut self, cx: &Ctx, req: &mut Request) {
        req.stage = Stage::Query {
            replies: BTreeMap::new(),
        };
        req.need = cx.cfg.r;
        req.standins.clear();
        for &to in &req.replicas.clone() {
            if to == self.id {
                let mine = self.disk.store.get(&req.key).cloned();
                if let Stage::Query { replies } = &mut req.stage {
                    replies.insert(to, mine);
                }
            } else {
                let key = req.key.clone();
                self.send(to, Msg::Get { req: req.id, key });
            }
        }
        self.check_query(cx, req);
    }

    /// Writes `stored` to every replica not yet known to hold it.
    fn begin_write(&mut self, cx: &Ctx, req: &mut Request, kind: WriteKind, stored: Stored) {
        self.begin_write_to(cx, req, kind, stored, BTreeSet::new());
    }

    fn begin_write_to(
        &mut self,
        cx: &Ctx,
        req: &mut Request,
        kind: WriteKind,
        stored: Stored,
        holders: BTreeSet<NodeId>,
    ) {
        req.need = cx.cfg.w;
        req.standins.clear();
        let mut acks = holders;
        for &to in &req.replicas.clone() {
            if acks.contains(&to) {
                continue;
            }
            if to == self.id {
                self.apply(&req.key, stored.clone(), kind.into());
                acks.insert(to);
            } else {
                let msg = Msg::Write {
                    req: req.id,
                    kind,
                    key: req.key.clone(),
                    stored: stored.clone(),
                    hint: None,
                };
                self.send(to, msg);
            }
        }
        req.stage = Stage::Write { kind, stored, acks };
        self.check_write(req);
    }

    /// Once R replies are in: answer a read (repairing as configured), or
    /// start a two-phase write's second phase.
    fn check_query(&mut self, cx: &Ctx, req: &mut Request) {
        let Stage::Query { replies } = &req.stage else {
            return;
        };
        if replies.len() < req.need {
            return;
        }
        let replies = replies.clone();
        let best = newest(replies.values().map(Option::as_ref)).cloned();
        let answered: Vec<NodeId> = replies.keys().copied().collect();
        if let ClientOp::Put(value) = &req.op {
            let highest = best.as_ref().map(|s| s.version);
            let version = self.next_version(highest);
            self.note(Note::Query {
                key: req.key.clone(),
                highest,
                version,
                replies: answered,
            });
            let stored = Stored::new(value.clone(), version);
            return self.begin_write(cx, req, WriteKind::Put, stored);
        }
        let top = best.as_ref().map(|s| s.version);
        let behind = |s: &Option<Stored>| s.as_ref().map(|s| s.version) < top;
        let stale: Vec<NodeId> = replies
            .iter()
            .filter(|(_, s)| behind(s))
            .map(|(n, _)| *n)
            .collect();
        self.note(Note::ReadQuorum {
            key: req.key.clone(),
            newest: best.clone(),
            replies: answered,
            stale: stale.clone(),
        });
        let Some(best) = best else {
            return self.answer(req, Reply::Read(None));
        };
        match cx.cfg.read_repair {
            ReadRepair::Off => self.answer(req, Reply::Read(Some(best))),
            ReadRepair::Async => {
                self.answer(req, Reply::Read(Some(best.clone())));
                self.repair(req, &best, &stale, false);
                req.stage = Stage::Linger {
                    newest: best,
                    repaired: replies.keys().copied().collect(),
                };
            }
            ReadRepair::Blocking => {
                let holders: BTreeSet<NodeId> = replies
                    .iter()
                    .filter(|(_, s)| !behind(s))
                    .map(|(n, _)| *n)
                    .collect();
                if holders.len() >= cx.cfg.w {
                    return self.answer(req, Reply::Read(Some(best)));
                }
                let to: Vec<NodeId> = req
                    .replicas
                    .iter()
                    .filter(|r| !holders.contains(r))
                    .copied()
                    .collect();
                self.note(Note::Repair {
                    key: req.key.clone(),
                    version: best.version,
                    to,
                    blocking: true,
                });
                self.begin_write_to(cx, req, WriteKind::Repair, best, holders);
            }
        }
    }

    /// Sends the newest version to the replicas `to` in the background.
    fn repair(&mut self, req: &Request, best: &Stored, to: &[NodeId], blocking: bool) {
        if to.is_empty() {
            return;
        }
        self.note(Note::Repair {
            key: req.key.clone(),
            version: best.version,
            to: to.to_vec(),
            blocking,
        });
        for &n in to {
            if n == self.id {
                self.apply(&req.key, best.clone(), WriteKind::Repair.into());
            } else {
                let msg = Msg::Write {
                    req: req.id,
                    kind: WriteKind::Repair,
                    key: req.key.clone(),
                    stored: best.clone(),
                    hint: None,
                };
                self.send(n, msg);
            }
        }
    }

    /// Once W replicas hold the version: the write is done, or the blocking read answers.
    fn check_write(&mut self, req: &mut Request) {
        let Stage::Write { kind, stored, acks } = &req.stage else {
            return;
        };
        if acks.len() < req.need {
            return;
        }
        let (kind, stored, acks) = (*kind, stored.clone(), acks.iter().copied().collect());
        match kind {
            WriteKind::Put => {
                self.note(Note::Written {
                    key: req.key.clone(),
                    stored: stored.clone(),
                    acks,
                });
                self.answer(req, Reply::Written(stored.version));
            }
            WriteKind::Repair => {
                self.note(Note::Repaired {
                    key: req.key.clone(),
                    version: stored.version,
                    holders: acks,
                });
                self.answer(req, Reply::Read(Some(stored)));
            }
        }
    }

    /// Answers the client; the request is done.
    fn answer(&mut self, req: &mut Request, reply: Reply) {
        self.out.push(Output::Reply { to: req.tag, reply });
        req.stage = Stage::Done;
    }

    pub(super) fn on_get_reply(
        &mut self,
        cx: &Ctx,
        from: NodeId,
        id: ReqId,
        stored: Option<Stored>,
    ) {
        let Some(mut req) = self.requests.remove(&id) else {
            return;
        };
        let Some(replica) = req.credit(from) else {
            return self.keep(req);
        };
        match &mut req.stage {
            Stage::Query { replies } => {
                replies.entry(replica).or_insert(stored);
                self.check_query(cx, &mut req);
            }
            Stage::Write {
                kind: WriteKind::Repair,
                stored: best,
                acks,
            } => {
                if stored.is_some_and(|s| s.version >= best.version) {
                    acks.insert(replica);
                    self.check_write(&mut req);
                }
            }
            Stage::Write { .. } | Stage::Done => {}
            Stage::Linger { newest, repaired } => {
                let behind = stored.map(|s| s.version) < Some(newest.version);
                if behind && repaired.insert(replica) {
                    let best = newest.clone();
                    self.repair(&req, &best, &[replica], false);
                }
            }
        }
        self.keep(req);
    }

    pub(super) fn on_write_ack(&mut self, _cx: &Ctx, from: NodeId, id: ReqId, version: Version) {
        let Some(mut req) = self.requests.remove(&id) else {
            return;
        };
        if let (Some(replica), Stage::Write { stored, acks, .. }) =
            (req.credit(from), &mut req.stage)
            && version >= stored.version
        {
            acks.insert(replica);
            self.check_write(&mut req);
        }
        self.keep(req);
    }

    /// The deadline passed: an open request fails; a lingering read stops repairing.
    pub(super) fn deadline(&mut self, id: ReqId) {
        let Some(req) = self.requests.remove(&id) else {
            return;
        };
        if req.is_open() {
            let got = req.answered().len();
            self.note(Note::GaveUp {
                op: req.op.name(),
                key: req.key.clone(),
                got,
                need: req.need,
            });
            self.out.push(Output::Reply {
                to: req.tag,
                reply: Reply::Failed,
            });
        }
    }

    /// With a sloppy quorum: for each replica that has not answered, asks the
    /// next server on the ring that is neither a replica nor asked already.
    pub(super) fn fall_back(&mut self, cx: &Ctx, id: ReqId) {
        let Some(mut req) = self.requests.remove(&id) else {
            return;
        };
        if !req.is_open() || !cx.cfg.sloppy_quorum {
            return self.keep(req);
        }
        let answered = req.answered();
        let missing: Vec<NodeId> = req
            .replicas
            .iter()
            .filter(|r| !answered.contains(r) && **r != self.id)
            .copied()
            .collect();
        for replica in missing {
            let Some(standin) = next_standin(cx.ring, &req) else {
                break;
            };
            req.standins.insert(standin, replica);
            self.note(Note::Fallback {
                key: req.key.clone(),
                replica,
                standin,
            });
            self.ask_standin(cx, &mut req, standin, replica);
        }
        match req.stage {
            Stage::Query { .. } => self.check_query(cx, &mut req),
            Stage::Write { .. } => self.check_write(&mut req),
            Stage::Linger { .. } | Stage::Done => {}
        }
        if req.is_open() {
            self.set_timer(cx.now + cx.cfg.fallback, Timer::Fallback(id));
        }
        self.keep(req);
    }

    fn ask_standin(&mut self, cx: &Ctx, req: &mut Request, standin: NodeId, replica: NodeId) {
        let key = req.key.clone();
        match &mut req.stage {
            Stage::Query { replies } if standin == self.id => {
                replies
                    .entry(replica)
                    .or_insert_with(|| self.disk.store.get(&key).cloned());
            }
            Stage::Query { .. } => self.send(standin, Msg::Get { req: req.id, key }),
            Stage::Write { stored, acks, .. } if standin == self.id => {
                let stored = stored.clone();
                acks.insert(replica);
                self.keep_hint(cx, replica, &key, stored);
            }
            Stage::Write { kind, stored, .. } => {
                let msg = Msg::Write {
                    req: req.id,
                    kind: *kind,
                    key,
                    stored: stored.clone(),
                    hint: Some(replica),
                };
                self.send(standin, msg);
            }
            Stage::Linger { .. } | Stage::Done => {}
        }
    }
}

/// The next server clockwise from the key that is not a replica and not asked yet.
fn next_standin(ring: Ring, req: &Request) -> Option<NodeId> {
    ring.walk(&req.key)
        .find(|s| !req.replicas.contains(s) && !req.standins.contains_key(s))
}
