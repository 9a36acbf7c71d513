//! Membership churn: a new node joins through a seed and adopts its state
//! (as memberlist's push-pull sync does), a node leaves gracefully by
//! telling a few members, and turning SWIM on mid-run rebuilds every list
//! from the true membership.

use super::member::{Member, MemberState, MemberView, Update, overrides};
use super::piggyback::Piggyback;
use super::{GossipWorld, Health, Msg, NodeId, RumorSet};
use std::sync::Arc;

impl GossipWorld {
    /// A joining node asks its seed for the cluster's state.
    pub(super) fn send_join(&mut self, j: NodeId) {
        let Some(seed) = self.nodes[j.index()].seed else {
            return;
        };
        let mut gossip = Piggyback::default();
        let incarnation = self.nodes[j.index()].incarnation;
        gossip.push(Update {
            member: j,
            state: MemberState::Alive,
            incarnation,
        });
        self.send(j, seed, Msg::Join { gossip });
    }

    pub(super) fn on_join(&mut self, seed: NodeId, from: NodeId, g: &Piggyback) {
        let swim = self.cfg.swim.enabled;
        if swim {
            self.hear_all(seed, g);
        }
        let n = &self.nodes[seed.index()];
        let view = swim.then(|| Arc::new(n.view.clone()));
        let known = n.known.clone();
        self.send(seed, from, Msg::JoinReply { view, known });
    }

    /// The seed's state arrives: adopt its membership list and learn its rumors.
    pub(super) fn on_join_reply(
        &mut self,
        j: NodeId,
        from: NodeId,
        view: Option<&MemberView>,
        known: &RumorSet,
    ) {
        let i = j.index();
        if self.nodes[i].synced {
            return;
        }
        self.opinions.viewer(&self.nodes[i].view, -1);
        if let Some(v) = view {
            let mine = &mut self.nodes[i].view;
            mine.adopt_base(v.base());
            for &(m, e) in v.entries() {
                if m != j && overrides(e, mine.get(m)) {
                    mine.set(m, e);
                }
            }
        } else {
            self.nodes[i].view.adopt_base(self.cfg.nodes);
        }
        self.opinions.viewer(&self.nodes[i].view, 1);
        self.nodes[i].synced = true;
        let round = self.round();
        self.learn(j, from, known, round, false);
        self.check_failures();
    }

    /// `a` announces it is leaving to a few members (with SWIM on).
    pub(super) fn announce_leave(&mut self, a: NodeId) {
        let n = &mut self.nodes[a.index()];
        let incarnation = n.incarnation;
        n.broadcasts.enqueue(Update {
            member: a,
            state: MemberState::Left,
            incarnation,
        });
        let k = (self.cfg.swim.indirect as usize).max(1);
        for peer in self.choose_peers(a, k, None, None) {
            self.send_swim(a, peer, |gossip| Msg::Leave { gossip });
        }
    }

    /// Rebuilds every membership list from the true membership (SWIM was just turned on).
    pub(super) fn reset_views(&mut self) {
        let initial = self.cfg.nodes;
        let mut truth = MemberView::full(initial);
        for i in 0..self.active {
            let m = NodeId::from_index(i);
            let incarnation = self.nodes[i].incarnation;
            let state = match self.health[i] {
                Health::Left => MemberState::Left,
                _ => MemberState::Alive,
            };
            if i >= initial || state != MemberState::Alive || incarnation > 0 {
                truth.set(m, Member::new(state, incarnation));
            }
        }
        for i in 0..self.active {
            let n = &mut self.nodes[i];
            n.broadcasts.clear();
            n.probe = None;
            if n.synced {
                n.view = truth.clone();
                n.view.forget(NodeId::from_index(i));
            }
        }
        self.opinions = super::opinion::Opinions::new(initial, self.cfg.slots());
        for i in 0..self.active {
            if self.health[i] == Health::Up {
                self.opinions.viewer(&self.nodes[i].view, 1);
            }
        }
    }
}
