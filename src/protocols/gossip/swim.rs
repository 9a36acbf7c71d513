//! SWIM (Das, Gupta, Motivala 2002): each protocol period a node pings one
//! random member; on timeout it asks `k` others to ping it (§3.1); with no
//! ack by the end of the period the member is suspected, and declared dead
//! when the suspicion times out (§4.2). Updates are piggybacked on pings and
//! acks (§4.1); a node told it is suspected refutes with a higher
//! incarnation.

use super::member::{Member, MemberState, Update, overrides};
use super::piggyback::Piggyback;
use super::theory::log10_ceil;
use super::{Due, EventKind, GossipWorld, Health, Msg, NodeId};

impl GossipWorld {
    /// Start of a protocol period: conclude the last probe, then ping a random member.
    pub(super) fn probe_tick(&mut self, a: NodeId) {
        let i = a.index();
        if let Some(p) = self.nodes[i].probe.take()
            && !p.acked
        {
            self.suspect(a, p.target);
        }
        self.nodes[i].periods += 1;
        let every = self.cfg.swim.reconnect_every;
        if every > 0 && self.nodes[i].periods.is_multiple_of(every) {
            self.reconnect(a);
        }
        let Some(&target) = self.choose_peers(a, 1, None, None).first() else {
            return;
        };
        let seq = self.nodes[i].next_seq();
        self.nodes[i].probe = Some(super::Probe {
            target,
            seq,
            acked: false,
        });
        self.send_swim(a, target, |gossip| Msg::Ping {
            seq,
            relay: None,
            gossip,
        });
        let at = self.now + self.cfg.swim.ping_timeout;
        let epoch = self.nodes[i].epoch;
        self.queue.push(
            at,
            Due::ProbeTimeout {
                node: a,
                epoch,
                seq,
            },
        );
    }

    /// No direct ack in time: ask `k` other members to probe (§3.1).
    pub(super) fn probe_timeout(&mut self, a: NodeId, seq: u32) -> bool {
        let Some(p) = self.nodes[a.index()].probe else {
            return false;
        };
        if p.seq != seq || p.acked {
            return false;
        }
        let k = self.cfg.swim.indirect as usize;
        for helper in self.choose_peers(a, k, None, Some(p.target)) {
            self.send_swim(a, helper, |gossip| Msg::PingReq {
                seq,
                target: p.target,
                gossip,
            });
        }
        true
    }

    /// Pings a member `a` believes dead, so a healed partition can merge again.
    fn reconnect(&mut self, a: NodeId) {
        let dead: Vec<NodeId> = self.nodes[a.index()]
            .view
            .entries()
            .iter()
            .filter(|(_, e)| e.state == MemberState::Dead)
            .map(|&(m, _)| m)
            .collect();
        if dead.is_empty() {
            return;
        }
        let m = dead[self.rngs[a.index()].below(dead.len())];
        self.send_swim(a, m, |gossip| Msg::Ping {
            seq: 0,
            relay: None,
            gossip,
        });
    }

    pub(super) fn on_ping(
        &mut self,
        b: NodeId,
        from: NodeId,
        seq: u32,
        relay: Option<NodeId>,
        g: &Piggyback,
    ) {
        self.hear_all(b, g);
        self.send_swim(b, from, |gossip| Msg::Ack {
            seq,
            target: b,
            relay,
            gossip,
        });
    }

    pub(super) fn on_ping_req(
        &mut self,
        c: NodeId,
        from: NodeId,
        seq: u32,
        target: NodeId,
        g: &Piggyback,
    ) {
        self.hear_all(c, g);
        self.send_swim(c, target, |gossip| Msg::Ping {
            seq,
            relay: Some(from),
            gossip,
        });
    }

    pub(super) fn on_ack(
        &mut self,
        a: NodeId,
        _from: NodeId,
        seq: u32,
        target: NodeId,
        relay: Option<NodeId>,
        g: &Piggyback,
    ) {
        self.hear_all(a, g);
        if let Some(origin) = relay.filter(|&o| o != a) {
            self.send_swim(a, origin, |gossip| Msg::Ack {
                seq,
                target,
                relay: None,
                gossip,
            });
            return;
        }
        if let Some(p) = &mut self.nodes[a.index()].probe
            && p.seq == seq
            && p.target == target
        {
            p.acked = true;
        }
    }

    /// A probe of `m` by `a` failed: suspect it (§4.2).
    fn suspect(&mut self, a: NodeId, m: NodeId) {
        let Some(e) = self.nodes[a.index()].view.get(m) else {
            return;
        };
        if e.state != MemberState::Alive {
            return;
        }
        if self.health[m.index()] == Health::Up {
            self.false_positives.suspected += 1;
        }
        self.accept(a, m, Member::new(MemberState::Suspect, e.incarnation));
    }

    /// The suspicion of `about` held by `a` ran out: confirm it dead (§4.2).
    pub(super) fn suspicion_expired(&mut self, a: NodeId, about: NodeId, incarnation: u32) -> bool {
        let still = Member::new(MemberState::Suspect, incarnation);
        if self.nodes[a.index()].view.get(about) != Some(still) {
            return false;
        }
        if self.health[about.index()] == Health::Up {
            self.false_positives.declared_dead += 1;
        }
        self.accept(a, about, Member::new(MemberState::Dead, incarnation));
        true
    }

    /// Applies every update riding on a message.
    pub(super) fn hear_all(&mut self, a: NodeId, g: &Piggyback) {
        for &u in g.as_slice() {
            self.hear(a, u);
        }
    }

    fn hear(&mut self, a: NodeId, u: Update) {
        if u.member == a {
            if u.state != MemberState::Alive && u.incarnation >= self.nodes[a.index()].incarnation {
                self.refute(a, u.incarnation);
            }
            return;
        }
        if overrides(u.entry(), self.nodes[a.index()].view.get(u.member)) {
            self.accept(a, u.member, u.entry());
        }
    }

    /// `a` takes `new` as the truth about `m`: it records it, passes it on, and
    /// starts the suspicion clock.
    fn accept(&mut self, a: NodeId, m: NodeId, new: Member) {
        let i = a.index();
        let old = self.nodes[i].view.set(m, new);
        self.opinions.change(m, old, Some(new), 1);
        let u = Update {
            member: m,
            state: new.state,
            incarnation: new.incarnation,
        };
        self.nodes[i].broadcasts.enqueue(u);
        self.record(EventKind::Detect {
            node: a,
            about: m,
            state: new.state,
            incarnation: new.incarnation,
        });
        if new.state == MemberState::Suspect {
            self.start_suspicion(a, m, new.incarnation);
        }
        self.note_detection(m, new.state);
    }

    fn start_suspicion(&mut self, a: NodeId, m: NodeId, incarnation: u32) {
        let at = self.now + self.suspicion_timeout(a);
        let epoch = self.nodes[a.index()].epoch;
        let due = Due::SuspicionTimeout {
            node: a,
            epoch,
            about: m,
            incarnation,
        };
        self.queue.push(at, due);
    }

    /// Restarts the suspicion clocks a node lost when it went down.
    pub(super) fn resume_suspicions(&mut self, a: NodeId) {
        let suspects: Vec<(NodeId, u32)> = self.nodes[a.index()]
            .view
            .entries()
            .iter()
            .filter(|(_, e)| e.state == MemberState::Suspect)
            .map(|&(m, e)| (m, e.incarnation))
            .collect();
        for (m, incarnation) in suspects {
            self.start_suspicion(a, m, incarnation);
        }
    }

    /// Updates the failure record of `m`, if it is down.
    fn note_detection(&mut self, m: NodeId, state: MemberState) {
        let Some(&f) = self.open_failures.get(&m) else {
            return;
        };
        let now = self.now;
        let failure = &mut self.failures[f];
        if state != MemberState::Alive && failure.first_suspected.is_none() {
            failure.first_suspected = Some(now);
        }
        if state == MemberState::Dead && failure.first_dead.is_none() {
            failure.first_dead = Some(now);
        }
        self.check_failures();
    }

    /// Marks failures no live node believes in any more.
    pub(super) fn check_failures(&mut self) {
        for (&m, &f) in &self.open_failures {
            if self.failures[f].all_know.is_none()
                && self.opinion(m).alive + self.opinion(m).suspect == 0
            {
                self.failures[f].all_know = Some(self.now);
            }
        }
    }

    /// `a` denies a claim against it by raising its incarnation (§4.2).
    pub(super) fn refute(&mut self, a: NodeId, heard: u32) {
        let n = &mut self.nodes[a.index()];
        n.incarnation = n.incarnation.max(heard) + 1;
        let incarnation = n.incarnation;
        n.broadcasts.enqueue(Update {
            member: a,
            state: MemberState::Alive,
            incarnation,
        });
        self.record(EventKind::Refute {
            node: a,
            incarnation,
        });
    }

    fn suspicion_timeout(&self, a: NodeId) -> crate::sim::SimDuration {
        let n = self.nodes[a.index()].view.member_count();
        let periods = u64::from(self.cfg.swim.suspicion_mult * log10_ceil(n));
        self.cfg.swim.period.mul(periods)
    }

    /// Sends a SWIM message from `a`, with piggybacked updates. What `a`
    /// believes about the receiver, if not "alive", goes first so it can refute.
    pub(super) fn send_swim(&mut self, a: NodeId, to: NodeId, make: impl FnOnce(Piggyback) -> Msg) {
        let mut gossip = Piggyback::default();
        let n = &mut self.nodes[a.index()];
        if let Some(e) = n.view.get(to)
            && e.state != MemberState::Alive
        {
            gossip.push(Update {
                member: to,
                state: e.state,
                incarnation: e.incarnation,
            });
        }
        let limit = self.cfg.swim.retransmit_mult * log10_ceil(n.view.member_count());
        n.broadcasts
            .take(&mut gossip, self.cfg.swim.piggyback, limit);
        self.send(a, to, make(gossip));
    }
}
