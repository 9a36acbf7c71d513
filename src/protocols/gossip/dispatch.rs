//! The event loop's inner workings: timers, sending through the network,
//! delivering (or losing) messages, and handing each message to the rumor
//! or the membership handlers.

use super::node::ARMED_ROUND;
use super::traffic::Sent;
use super::{Due, EventKind, GossipWorld, Health, Mode, Msg, Timer, next_phase};
use crate::net::{NetEvent, NetMsg};
use crate::sim::{DropReason, Envelope, MsgId, NodeId, SendOutcome, SimRng};

impl GossipWorld {
    /// Pops one event; returns true if it did something (stale entries do nothing).
    pub(super) fn process_next_event(&mut self) -> bool {
        let Some(s) = self.queue.pop() else {
            return false;
        };
        self.now = self.now.max(s.at);
        let did = match s.event {
            Due::Deliver(id) => self.deliver(id),
            Due::Tick {
                node,
                timer,
                epoch,
                generation,
            } => self.tick(node, timer, epoch, generation),
            Due::ProbeTimeout { node, epoch, seq } => {
                self.swim_runs(node, epoch) && self.probe_timeout(node, seq)
            }
            Due::SuspicionTimeout {
                node,
                epoch,
                about,
                incarnation,
            } => self.swim_runs(node, epoch) && self.suspicion_expired(node, about, incarnation),
        };
        if did {
            self.counters.events += 1;
        }
        did
    }

    /// Whether `node` is up and has not gone down since `epoch`.
    fn is_current(&self, node: NodeId, epoch: u32) -> bool {
        self.health[node.index()] == Health::Up && self.nodes[node.index()].epoch == epoch
    }

    /// Whether SWIM is on and `node` has not gone down since `epoch`.
    fn swim_runs(&self, node: NodeId, epoch: u32) -> bool {
        self.cfg.swim.enabled && self.is_current(node, epoch)
    }

    fn tick(&mut self, node: NodeId, timer: Timer, epoch: u32, generation: u32) -> bool {
        if generation != self.generation || !self.is_current(node, epoch) {
            return false;
        }
        match timer {
            Timer::Round => {
                self.nodes[node.index()].armed &= !ARMED_ROUND;
                self.round_tick(node);
            }
            Timer::Probe => {
                self.probe_tick(node);
                self.schedule_tick(node, Timer::Probe);
            }
            Timer::Sync => {
                self.sync_tick(node);
                self.schedule_tick(node, Timer::Sync);
            }
        }
        true
    }

    /// Queues the next firing of `timer` on `node`. Rounds start together at
    /// the round clock's ticks; probes and anti-entropy run at a per-node
    /// phase so that they do not all fire at once.
    pub(super) fn schedule_tick(&mut self, node: NodeId, timer: Timer) {
        let phase = |period: crate::sim::SimDuration, salt: u64| {
            let stream = super::PHASE_STREAM_BASE + 4 * u64::from(node.0) + salt;
            SimRng::fork(self.cfg.seed, stream)
                .range_inclusive(0, period.as_micros().saturating_sub(1))
        };
        let at = match timer {
            Timer::Round => self.clock.next_tick(self.now),
            Timer::Probe => {
                let p = self.cfg.swim.period;
                next_phase(self.now, p, phase(p, 1))
            }
            Timer::Sync => {
                let Some(p) = self.cfg.spread.anti_entropy else {
                    return;
                };
                next_phase(self.now, p, phase(p, 2))
            }
        };
        let epoch = self.nodes[node.index()].epoch;
        self.queue.push(
            at,
            Due::Tick {
                node,
                timer,
                epoch,
                generation: self.generation,
            },
        );
    }

    /// Makes sure `node` runs its next round.
    pub(super) fn arm_round(&mut self, node: NodeId) {
        let n = &mut self.nodes[node.index()];
        if n.armed & ARMED_ROUND == 0 {
            n.armed |= ARMED_ROUND;
            self.schedule_tick(node, Timer::Round);
        }
    }

    /// Whether `node` has anything to do in a round: pushers idle without hot rumors.
    fn needs_rounds(&self, node: NodeId) -> bool {
        let n = &self.nodes[node.index()];
        !n.synced || self.cfg.spread.mode != Mode::Push || !n.hot.is_empty()
    }

    /// Arms every timer a freshly started node needs.
    pub(super) fn start_timers(&mut self, node: NodeId) {
        if self.needs_rounds(node) {
            self.arm_round(node);
        }
        if self.cfg.swim.enabled {
            self.schedule_tick(node, Timer::Probe);
        }
        if self.cfg.spread.anti_entropy.is_some() {
            self.schedule_tick(node, Timer::Sync);
        }
    }

    /// After a change of settings: forgets every queued timer and starts afresh.
    pub(super) fn restart_all_timers(&mut self) {
        self.generation += 1;
        for i in 0..self.active {
            self.nodes[i].armed = 0;
            if self.health[i] == Health::Up {
                self.start_timers(NodeId::from_index(i));
            }
        }
    }

    /// Hands `msg` to the network.
    pub(super) fn send(&mut self, from: NodeId, to: NodeId, msg: Msg) {
        let kind = msg.kind();
        let carries = msg.carries_rumors();
        self.counters.sent[kind.index()] += 1;
        self.traffic.push(Sent {
            at: self.now,
            from,
            to,
            kind,
        });
        let note = msg.note();
        let outcome = self.net.send(self.now, from, to, msg);
        let name = kind.name();
        match outcome {
            SendOutcome::Sent { id, at, copy } => {
                self.queue.push(at, Due::Deliver(id));
                self.carrying += u64::from(carries);
                self.record(EventKind::Net(NetEvent::Send {
                    from,
                    to,
                    msg: name,
                    term: None,
                    id,
                    note,
                }));
                if let Some((copy, at)) = copy {
                    self.queue.push(at, Due::Deliver(copy));
                    self.carrying += u64::from(carries);
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
            SendOutcome::Dropped(id, reason) => {
                self.counters.dropped[kind.index()] += 1;
                self.record(EventKind::Net(NetEvent::Send {
                    from,
                    to,
                    msg: name,
                    term: None,
                    id,
                    note,
                }));
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

    fn deliver(&mut self, id: MsgId) -> bool {
        match self.net.get(id) {
            Some(e) if e.deliver_at == self.now => {}
            _ => return false,
        }
        match self.net.take_due(id, self.now) {
            Ok(None) => false,
            Err((e, reason)) => {
                self.lost(&e, reason);
                true
            }
            Ok(Some(e)) => {
                if self.health[e.to.index()] != Health::Up {
                    self.lost(&e, DropReason::NodeDown);
                    return true;
                }
                self.carrying -= u64::from(e.msg.carries_rumors());
                let kind = e.msg.kind();
                self.counters.delivered[kind.index()] += 1;
                self.record(EventKind::Net(NetEvent::Deliver {
                    from: e.from,
                    to: e.to,
                    msg: kind.name(),
                    term: None,
                    id: e.id,
                    note: e.msg.note(),
                }));
                self.handle(e.to, e.from, e.msg);
                true
            }
        }
    }

    /// Books a message that left the network without arriving.
    pub(super) fn lost(&mut self, e: &Envelope<Msg>, reason: DropReason) {
        let kind = e.msg.kind();
        self.carrying -= u64::from(e.msg.carries_rumors());
        self.counters.dropped[kind.index()] += 1;
        self.record(EventKind::Net(NetEvent::Drop {
            from: e.from,
            to: e.to,
            msg: kind.name(),
            term: None,
            id: e.id,
            reason,
        }));
    }

    fn handle(&mut self, to: NodeId, from: NodeId, msg: Msg) {
        match msg {
            Msg::Push { round, rumors } => self.on_push(to, from, round, &rumors),
            Msg::Feedback { known, new } => {
                self.on_feedback(to, &known);
                self.on_useful(to, &new);
            }
            Msg::Pull { round, known } => self.on_pull(to, from, round, &known),
            Msg::PullReply { round, rumors } => self.learn(to, from, &rumors, round, true),
            Msg::PushPull {
                round,
                rumors,
                known,
            } => self.on_push_pull(to, from, round, &rumors, &known),
            Msg::PushPullReply {
                round,
                rumors,
                known,
            } => self.on_push_pull_reply(to, from, round, &rumors, &known),
            Msg::Sync { known } => self.on_sync(to, from, &known),
            Msg::SyncReply { rumors } => {
                let round = self.round();
                self.learn(to, from, &rumors, round, true)
            }
            Msg::Ping { seq, relay, gossip } => self.on_ping(to, from, seq, relay, &gossip),
            Msg::Ack {
                seq,
                target,
                relay,
                gossip,
            } => self.on_ack(to, from, seq, target, relay, &gossip),
            Msg::PingReq {
                seq,
                target,
                gossip,
            } => self.on_ping_req(to, from, seq, target, &gossip),
            Msg::Join { gossip } => self.on_join(to, from, &gossip),
            Msg::JoinReply { view, known } => self.on_join_reply(to, from, view.as_deref(), &known),
            Msg::Leave { gossip } => self.hear_all(to, &gossip),
        }
    }
}
