//! The event loop's inner workings: delivering messages, firing timers,
//! moving client traffic, and turning what servers output into network
//! sends, timers, replies to clients and trace events.

use super::Health;
use super::event::EventKind;
use super::message::Msg;
use super::node::{Ctx, Note, OpTag, Output, Reply, Timer};
use super::world::{Due, NwrWorld};
use crate::net::NetEvent;
use crate::sim::{DropReason, Envelope, MsgId, NodeId, SendOutcome};

impl NwrWorld {
    /// Pops one event; returns true if it did something (stale entries do nothing).
    pub(super) fn process_next_event(&mut self) -> bool {
        let Some(s) = self.queue.pop() else {
            return false;
        };
        let before = self.now;
        self.now = self.now.max(s.at);
        let did = match s.event {
            Due::Deliver(id) => self.deliver(id),
            Due::Timer { node, epoch, timer } => self.fire(node, epoch, timer),
            Due::ClientArrive(id) => self.client_arrive(id),
            Due::ClientReturn(id) => self.client_return(id),
            Due::ClientTimeout { client, seq } => self.client_timeout(client, seq),
            Due::WorkloadNext(client) => {
                self.workload_next(client);
                true
            }
        };
        if did {
            self.stats.events += 1;
        } else {
            // A stale entry is not an event: time moves only when something happens.
            self.now = before;
        }
        did
    }

    fn deliver(&mut self, id: MsgId) -> bool {
        match self.net.get(id) {
            Some(e) if e.deliver_at == self.now => {}
            _ => return false,
        }
        match self.net.take_due(id, self.now) {
            Ok(None) => false,
            Err((e, reason)) => {
                self.record_drop(&e, reason);
                true
            }
            Ok(Some(e)) => {
                if self.health[e.to.index()] != Health::Up {
                    self.record_drop(&e, DropReason::NodeDown);
                    return true;
                }
                let kind = e.msg.kind();
                *self.stats.delivered.entry(kind).or_default() += 1;
                if self.trace.is_on() {
                    self.record(EventKind::Net(NetEvent::Deliver {
                        from: e.from,
                        to: e.to,
                        msg: kind.name(),
                        term: None,
                        id: e.id,
                        note: None,
                    }));
                }
                let (to, from) = (e.to, e.from);
                let cx = Ctx {
                    cfg: &self.setup.nwr,
                    ring: self.ring,
                    now: self.now,
                };
                self.nodes[to.index()].step(&cx, from, e.msg);
                self.flush(to);
                true
            }
        }
    }

    /// Books a message that left the network without arriving.
    pub(super) fn record_drop(&mut self, e: &Envelope<Msg>, reason: DropReason) {
        let kind = e.msg.kind();
        *self.stats.dropped.entry(kind).or_default() += 1;
        if self.trace.is_on() {
            self.record(EventKind::Net(NetEvent::Drop {
                from: e.from,
                to: e.to,
                msg: kind.name(),
                term: None,
                id: e.id,
                reason,
            }));
        }
    }

    fn fire(&mut self, node: NodeId, epoch: u32, timer: Timer) -> bool {
        if self.health[node.index()] != Health::Up || self.nodes[node.index()].disk.epoch != epoch {
            return false;
        }
        let cx = Ctx {
            cfg: &self.setup.nwr,
            ring: self.ring,
            now: self.now,
        };
        self.nodes[node.index()].tick(&cx, timer);
        self.flush(node);
        true
    }

    /// Sends a message from `from` through the network.
    fn send(&mut self, from: NodeId, to: NodeId, msg: Msg) {
        let kind = msg.kind();
        *self.stats.sent.entry(kind).or_default() += 1;
        let outcome = self.net.send(self.now, from, to, msg);
        let id = match outcome {
            SendOutcome::Sent { id, .. } | SendOutcome::Dropped(id, _) => id,
        };
        let name = kind.name();
        if self.trace.is_on() {
            self.record(EventKind::Net(NetEvent::Send {
                from,
                to,
                msg: name,
                term: None,
                id,
                note: None,
            }));
        }
        match outcome {
            SendOutcome::Sent { id, at, copy } => {
                self.queue.push(at, Due::Deliver(id));
                if let Some((copy, at)) = copy {
                    self.queue.push(at, Due::Deliver(copy));
                    if self.trace.is_on() {
                        self.record(EventKind::Net(NetEvent::Duplicate {
                            from,
                            to,
                            msg: name,
                            term: None,
                            id,
                            copy,
                        }));
                    }
                }
            }
            SendOutcome::Dropped(id, reason) => {
                *self.stats.dropped.entry(kind).or_default() += 1;
                if self.trace.is_on() {
                    self.record(EventKind::Net(NetEvent::Drop {
                        from,
                        to,
                        msg: name,
                        term: None,
                        id,
                        reason,
                    }));
                }
            }
        }
    }

    /// Carries out what `node` asked for.
    pub(super) fn flush(&mut self, node: NodeId) {
        let outputs: Vec<Output> = self.nodes[node.index()].drain_outputs().collect();
        let epoch = self.nodes[node.index()].disk.epoch;
        for output in outputs {
            match output {
                Output::Send { to, msg } => self.send(node, to, msg),
                Output::SetTimer { at, timer } => {
                    self.queue.push(at, Due::Timer { node, epoch, timer });
                }
                Output::Reply { to, reply } => self.send_reply(node, to, reply),
                Output::Note(note) => {
                    let kind = self.describe(node, note);
                    self.record(kind);
                }
            }
        }
    }

    /// The trace event for a server's note.
    fn describe(&mut self, node: NodeId, note: Note) -> EventKind {
        match note {
            Note::Coordinate {
                op,
                key,
                replicas,
                need,
            } => EventKind::Coordinate {
                node,
                op,
                key,
                replicas,
                need,
            },
            Note::Query {
                key,
                highest,
                version,
                replies,
            } => EventKind::Query {
                node,
                key,
                highest,
                version,
                replies,
            },
            Note::Written { key, stored, acks } => {
                self.written += 1;
                EventKind::Written {
                    node,
                    key,
                    value: stored.value,
                    version: stored.version,
                    acks,
                    done: self.written,
                }
            }
            Note::ReadQuorum {
                key,
                newest,
                replies,
                stale,
            } => EventKind::Read {
                node,
                key,
                value: newest.as_ref().map(|s| s.value.clone()),
                version: newest.map(|s| s.version),
                replies,
                stale,
            },
            Note::Repair {
                key,
                version,
                to,
                blocking,
            } => EventKind::Repair {
                node,
                key,
                version,
                to,
                blocking,
            },
            Note::Repaired {
                key,
                version,
                holders,
            } => EventKind::Repaired {
                node,
                key,
                version,
                holders,
            },
            Note::Stored { key, stored, via } => EventKind::Store {
                node,
                key,
                value: stored.value,
                version: stored.version,
                via,
            },
            Note::Kept { key, offered, kept } => EventKind::Keep {
                node,
                key,
                offered,
                kept,
            },
            Note::Hinted {
                key,
                version,
                replica,
            } => EventKind::Hint {
                node,
                key,
                version,
                replica,
            },
            Note::HandedOff { to, key, version } => EventKind::Handoff {
                node,
                to,
                key,
                version,
            },
            Note::Fallback {
                key,
                replica,
                standin,
            } => EventKind::Fallback {
                node,
                key,
                replica,
                standin,
            },
            Note::GaveUp { op, key, got, need } => EventKind::GiveUp {
                node,
                op,
                key,
                got,
                need,
            },
        }
    }

    /// A client request that reached its server.
    fn client_arrive(&mut self, id: u64) -> bool {
        let Some(flight) = self.clients.take_flight(id) else {
            return false;
        };
        let node = flight.node;
        if self.health[node.index()] != Health::Up {
            // The coordinator is down: the request is lost and the client will time out.
            return true;
        }
        if let Ok((key, op)) = flight.payload {
            let tag = OpTag {
                client: flight.client,
                seq: flight.seq,
            };
            let cx = Ctx {
                cfg: &self.setup.nwr,
                ring: self.ring,
                now: self.now,
            };
            self.nodes[node.index()].client_request(&cx, tag, key, op);
            self.flush(node);
        }
        true
    }

    fn client_return(&mut self, id: u64) -> bool {
        match self.clients.take_flight(id) {
            Some(flight) => {
                self.client_receive(flight);
                true
            }
            None => false,
        }
    }

    /// A coordinator's answer starts its way back to the client.
    fn send_reply(&mut self, node: NodeId, to: OpTag, reply: Reply) {
        let latency = self.setup.client.latency;
        let id = self
            .clients
            .send(to.client, to.seq, node, self.now, latency, Err(reply));
        self.queue.push(self.now + latency, Due::ClientReturn(id));
    }
}
