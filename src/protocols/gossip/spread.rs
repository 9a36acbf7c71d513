//! Rumor spreading (Demers et al. 1987): each round a node contacts random
//! peers and pushes its hot rumors, pulls theirs, or both; a contact that
//! already knew a rumor (on arrival, or when the round began: see
//! [`Feedback`]) counts against it under the stop rules (§1.4);
//! anti-entropy exchanges whole states (§1.3). Also the bookkeeping of who
//! knows what: coverage, milestones, redundant receptions.

use super::{EventKind, Feedback, GossipWorld, Health, Mode, Msg, NodeId, RumorId, RumorSet};

impl GossipWorld {
    /// The round in progress now.
    pub fn round(&self) -> u32 {
        self.clock.round_at(self.now)
    }

    /// One round of `a`: contact `fanout` peers in the configured mode.
    pub(super) fn round_tick(&mut self, a: NodeId) {
        let i = a.index();
        if !self.nodes[i].synced {
            self.send_join(a);
            self.arm_round(a);
            return;
        }
        let mode = self.cfg.spread.mode;
        let hot = self.nodes[i].hot_set();
        if mode == Mode::Push && hot.is_empty() {
            return;
        }
        let round = self.round();
        let avoid = self.nodes[i].last_from;
        for peer in self.choose_peers(a, self.cfg.spread.fanout, avoid, None) {
            let known = || self.nodes[i].known.clone();
            let msg = match mode {
                Mode::Push => Msg::Push {
                    round,
                    rumors: hot.clone(),
                },
                Mode::Pull => Msg::Pull {
                    round,
                    known: known(),
                },
                Mode::PushPull => Msg::PushPull {
                    round,
                    rumors: hot.clone(),
                    known: known(),
                },
            };
            self.send(a, peer, msg);
        }
        self.arm_round(a);
    }

    /// Anti-entropy: send the whole state to one random peer.
    pub(super) fn sync_tick(&mut self, a: NodeId) {
        if !self.nodes[a.index()].synced {
            return;
        }
        if let Some(&peer) = self.choose_peers(a, 1, None, None).first() {
            let known = self.nodes[a.index()].known.clone();
            self.send(a, peer, Msg::Sync { known });
        }
    }

    pub(super) fn on_push(&mut self, b: NodeId, from: NodeId, round: u32, rumors: &RumorSet) {
        let (knew, new) = match self.cfg.spread.feedback {
            Feedback::Arrival => (self.nodes[b.index()].known.and(rumors), RumorSet::new()),
            Feedback::Cycle => {
                let node = &self.nodes[b.index()];
                let knew: RumorSet = rumors
                    .iter()
                    .filter(|&r| node.knew_before(r, round))
                    .collect();
                let new = rumors.minus(&knew);
                (knew, new)
            }
        };
        self.learn(b, from, rumors, round, true);
        if self.cfg.spread.stop.uses_feedback() {
            self.send(b, from, Msg::Feedback { known: knew, new });
        }
    }

    pub(super) fn on_feedback(&mut self, a: NodeId, known: &RumorSet) {
        for r in known.iter() {
            self.useless_contact(a, r);
        }
    }

    /// A push of `a` taught its receiver `new` ([`Feedback::Cycle`] only).
    pub(super) fn on_useful(&mut self, a: NodeId, new: &RumorSet) {
        for r in new.iter() {
            self.nodes[a.index()].useful_contact(r);
        }
    }

    /// A pull: answer with the hot rumors the puller lacks; the ones it knew were a useless contact.
    pub(super) fn on_pull(&mut self, b: NodeId, from: NodeId, round: u32, known: &RumorSet) {
        let hot = self.nodes[b.index()].hot_set();
        for r in hot.and(known).iter() {
            self.useless_contact(b, r);
        }
        let give = hot.minus(known);
        if !give.is_empty() {
            self.send(
                b,
                from,
                Msg::PullReply {
                    round,
                    rumors: give,
                },
            );
        }
    }

    pub(super) fn on_push_pull(
        &mut self,
        b: NodeId,
        from: NodeId,
        round: u32,
        rumors: &RumorSet,
        known: &RumorSet,
    ) {
        let hot = self.nodes[b.index()].hot_set();
        let knew = self.nodes[b.index()].known.and(rumors);
        self.learn(b, from, rumors, round, true);
        for r in hot.and(known).iter() {
            self.useless_contact(b, r);
        }
        let give = hot.minus(known);
        let feedback = if self.cfg.spread.stop.uses_feedback() {
            knew
        } else {
            RumorSet::new()
        };
        if !give.is_empty() || !feedback.is_empty() {
            self.send(
                b,
                from,
                Msg::PushPullReply {
                    round,
                    rumors: give,
                    known: feedback,
                },
            );
        }
    }

    pub(super) fn on_push_pull_reply(
        &mut self,
        a: NodeId,
        from: NodeId,
        round: u32,
        rumors: &RumorSet,
        known: &RumorSet,
    ) {
        self.on_feedback(a, known);
        self.learn(a, from, rumors, round, true);
    }

    /// Anti-entropy: take what the sender knows, send back what it lacks.
    pub(super) fn on_sync(&mut self, b: NodeId, from: NodeId, known: &RumorSet) {
        let round = self.round();
        let give = self.nodes[b.index()].known.minus(known);
        self.learn(b, from, known, round, true);
        if !give.is_empty() {
            self.send(b, from, Msg::SyncReply { rumors: give });
        }
    }

    /// `a` receives `rumors` from `from`, sent in world round `round`. New
    /// ones are learned (and spread if `heat`); known ones are redundant.
    pub(super) fn learn(
        &mut self,
        a: NodeId,
        from: NodeId,
        rumors: &RumorSet,
        round: u32,
        heat: bool,
    ) {
        for r in rumors.iter() {
            if self.nodes[a.index()].knows(r) {
                self.counters.redundant += 1;
                self.stats[r.index()].redundant += 1;
                continue;
            }
            // A newer version of the key in the same message supersedes `r`:
            // `a` learns that one, which counts `r` as known too, and never
            // hears `r`'s value from this sender.
            let superseded = self
                .rumors
                .same_key(r)
                .iter()
                .any(|&q| q != r && self.rumors.newer(q, r) && rumors.contains(q));
            if superseded {
                continue;
            }
            self.know(a, r, round, heat);
            self.nodes[a.index()].last_from = Some(from);
            self.counters.infections += 1;
            let rel = self.stats[r.index()].rounds_at(round);
            self.record(EventKind::Infect {
                node: a,
                rumor: r,
                from,
                round: rel,
            });
        }
    }

    /// `a` comes to know `r`. Older versions of the same key count as known
    /// too and stop spreading; if `a` already knows a newer one, `r` is stale
    /// and is not spread.
    pub(super) fn know(&mut self, a: NodeId, r: RumorId, round: u32, heat: bool) {
        let mut stale = false;
        for j in 0..self.rumors.same_key(r).len() {
            let q = self.rumors.same_key(r)[j];
            if q == r {
                continue;
            }
            if self.rumors.newer(q, r) {
                stale |= self.nodes[a.index()].knows(q);
            } else {
                self.mark_known(a, q, round);
                self.stop_spreading(a, q, round);
            }
        }
        self.mark_known(a, r, round);
        if heat && !stale {
            self.nodes[a.index()].heat(r, round);
            self.stats[r.index()].spreading += 1;
            self.arm_round(a);
        }
    }

    fn mark_known(&mut self, a: NodeId, r: RumorId, round: u32) {
        if self.nodes[a.index()].known.insert(r) && self.health[a.index()] == Health::Up {
            let (now, live) = (self.now, self.live);
            let s = &mut self.stats[r.index()];
            s.informed += 1;
            s.note(now, round, live);
        }
    }

    /// Bookkeeping for `a` no longer spreading `r`.
    fn stop_spreading(&mut self, a: NodeId, r: RumorId, round: u32) {
        if self.nodes[a.index()].cool(r) {
            self.stopped(a, r, round);
        }
    }

    fn stopped(&mut self, a: NodeId, r: RumorId, round: u32) {
        let s = &mut self.stats[r.index()];
        s.spreading = s.spreading.saturating_sub(1);
        self.counters.removals += 1;
        let rel = s.rounds_at(round);
        self.record(EventKind::Remove {
            node: a,
            rumor: r,
            round: rel,
        });
    }

    /// A contact of `a` already knew `r`: apply the stop rule.
    fn useless_contact(&mut self, a: NodeId, r: RumorId) {
        let stop = self.cfg.spread.stop;
        let i = a.index();
        if self.nodes[i].useless_contact(r, stop, &mut self.rngs[i]) {
            let round = self.round();
            self.stopped(a, r, round);
        }
    }

    /// Re-notes every rumor after the live count changed.
    pub(super) fn note_all(&mut self) {
        let (now, round, live) = (self.now, self.round(), self.live);
        for s in &mut self.stats {
            s.note(now, round, live);
        }
    }

    /// Whether `m` is a peer `a` may contact: with SWIM, a member alive or
    /// suspect in `a`'s list; without, any node in the cluster, up or down.
    pub(super) fn is_peer(&self, a: NodeId, m: NodeId) -> bool {
        if m == a {
            return false;
        }
        if self.cfg.swim.enabled {
            self.nodes[a.index()]
                .view
                .get(m)
                .is_some_and(|e| e.state.is_member())
        } else {
            matches!(self.health[m.index()], Health::Up | Health::Down)
        }
    }

    /// Up to `k` distinct random peers of `a`, never `avoid` or `also`.
    pub(super) fn choose_peers(
        &mut self,
        a: NodeId,
        k: usize,
        avoid: Option<NodeId>,
        also: Option<NodeId>,
    ) -> Vec<NodeId> {
        let fits = |w: &Self, m: NodeId, chosen: &[NodeId]| {
            w.is_peer(a, m) && Some(m) != avoid && Some(m) != also && !chosen.contains(&m)
        };
        let mut chosen = Vec::with_capacity(k);
        let n = self.active;
        for _ in 0..(8 * k + 16) {
            if chosen.len() == k {
                return chosen;
            }
            let m = NodeId::from_index(self.rngs[a.index()].below(n));
            if fits(self, m, &chosen) {
                chosen.push(m);
            }
        }
        // Few candidates among many slots: draw from the explicit list.
        let mut rest: Vec<NodeId> = NodeId::all(n).filter(|&m| fits(self, m, &chosen)).collect();
        while chosen.len() < k && !rest.is_empty() {
            let j = self.rngs[a.index()].below(rest.len());
            chosen.push(rest.swap_remove(j));
        }
        chosen
    }
}
