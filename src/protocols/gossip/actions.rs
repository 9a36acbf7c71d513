//! Carrying out user actions on the gossip world: rumors, crashes and
//! restarts, joins and leaves, network faults and changes of settings.

use super::event::{setting, skip as gossip_skip};
use super::metrics::Failure;
use super::rumor::MAX_RUMORS;
use super::{Action, EventKind, GossipNode, GossipWorld, Health, MemberState, RumorStats, Update};
use crate::lang::Tag;
use crate::net::{self, NetEvent, skip};
use crate::sim::NodeId;

impl GossipWorld {
    fn skip(&mut self, action: &Action, why: Tag) {
        let action = net::action_text(|l| action.describe(l));
        net::record_skip(self, action, why);
    }

    /// The node's health, or a skip if the id names no slot in use.
    fn existing(&mut self, id: NodeId, action: &Action) -> Option<Health> {
        if id.0 == 0 || id.index() >= self.active {
            self.skip(action, skip::NO_SUCH_NODE);
            return None;
        }
        Some(self.health[id.index()])
    }

    /// The node, if it is up; otherwise a skip saying why not.
    fn running(&mut self, id: NodeId, action: &Action) -> Option<NodeId> {
        match self.existing(id, action)? {
            Health::Up => Some(id),
            Health::Left => {
                self.skip(action, gossip_skip::HAS_LEFT);
                None
            }
            _ => {
                self.skip(action, skip::NOT_RUNNING);
                None
            }
        }
    }

    pub(super) fn apply_action(&mut self, action: Action) {
        match &action {
            Action::Net(a) => net::apply(self, a),
            Action::StartRumor { node, key, value } => {
                let Some(a) = self.running(*node, &action) else {
                    return;
                };
                if self.rumors.len() >= MAX_RUMORS {
                    return self.skip(&action, gossip_skip::TOO_MANY_RUMORS);
                }
                self.start_rumor(a, key.clone(), value.clone());
            }
            Action::Join { seed } => {
                let Some(seed) = self.running(*seed, &action) else {
                    return;
                };
                if self.active >= self.cfg.slots() {
                    return self.skip(&action, gossip_skip::NO_FREE_SLOT);
                }
                self.join(seed);
            }
            Action::Leave(id) => {
                let Some(a) = self.running(*id, &action) else {
                    return;
                };
                if self.cfg.swim.enabled {
                    self.announce_leave(a);
                }
                self.record(EventKind::Leave { node: a });
                self.go_offline(a, Health::Left);
            }
            Action::SetSpread(spread) => {
                if let Err(e) = spread.validate(self.cfg.nodes) {
                    return self.skip(&action, skip::invalid(e.to_string()));
                }
                if spread.period != self.cfg.spread.period {
                    let first = self.round();
                    self.clock = super::RoundClock {
                        origin: self.now,
                        first,
                        period: spread.period,
                    };
                }
                self.cfg.spread = spread.clone();
                self.record(EventKind::Net(NetEvent::Configure {
                    what: setting::SPREAD,
                }));
                self.restart_all_timers();
            }
            Action::SetSwim(swim) => {
                if let Err(e) = swim.validate() {
                    return self.skip(&action, skip::invalid(e.to_string()));
                }
                let turned_on = swim.enabled && !self.cfg.swim.enabled;
                self.cfg.swim = swim.clone();
                if turned_on {
                    self.reset_views();
                }
                self.record(EventKind::Net(NetEvent::Configure {
                    what: setting::SWIM,
                }));
                self.restart_all_timers();
            }
        }
    }

    fn start_rumor(&mut self, a: NodeId, key: std::sync::Arc<str>, value: std::sync::Arc<str>) {
        let start_round = self.round() + 1;
        let known = &self.nodes[a.index()].known;
        let r = self
            .rumors
            .start(key.clone(), value.clone(), a, known, self.now, start_round);
        self.stats.push(RumorStats::new(self.now, start_round));
        let version = self.rumors.get(r).version;
        self.record(EventKind::Rumor {
            node: a,
            rumor: r,
            key,
            value,
            version,
        });
        self.know(a, r, start_round, true);
    }

    /// Takes `a` out of the live set (crash or leave): it stops spreading, its
    /// timers go stale, and messages on their way to it are lost.
    fn go_offline(&mut self, a: NodeId, health: Health) {
        let i = a.index();
        for r in self.nodes[i].known.iter() {
            self.stats[r.index()].informed -= 1;
        }
        for h in std::mem::take(&mut self.nodes[i].hot) {
            self.stats[h.rumor.index()].spreading -= 1;
        }
        self.opinions.viewer(&self.nodes[i].view, -1);
        let n = &mut self.nodes[i];
        n.epoch += 1;
        n.armed = 0;
        n.probe = None;
        self.health[i] = health;
        self.live -= 1;
        for e in self.net.drop_all_to(a, self.now) {
            self.lost(&e, crate::sim::DropReason::NodeDown);
        }
        self.note_all();
        self.check_failures();
    }

    /// Brings `a` (back) into the live set and starts its timers.
    fn come_online(&mut self, a: NodeId) {
        let i = a.index();
        self.health[i] = Health::Up;
        self.live += 1;
        for r in self.nodes[i].known.iter() {
            self.stats[r.index()].informed += 1;
        }
        self.opinions.viewer(&self.nodes[i].view, 1);
        self.note_all();
        self.start_timers(a);
    }

    /// A crashed node returns with its stored rumors and membership list, and
    /// announces itself with a higher incarnation.
    /// Crashes `a` (the network layer's hook): it stops spreading and its
    /// timers and the messages on their way to it are lost.
    pub(super) fn crash_node(&mut self, a: NodeId) -> Result<(), Tag> {
        match self.health[a.index()] {
            Health::Up => {}
            Health::Left => return Err(gossip_skip::HAS_LEFT),
            Health::Down | Health::Paused => return Err(skip::ALREADY_DOWN),
            Health::Vacant => return Err(skip::NO_SUCH_NODE),
        }
        self.record(EventKind::Net(NetEvent::Crash { node: a }));
        self.open_failures.insert(a, self.failures.len());
        self.failures.push(Failure::new(a, self.now));
        self.go_offline(a, Health::Down);
        Ok(())
    }

    /// Restarts a crashed node (the network layer's hook).
    pub(super) fn restart_node(&mut self, a: NodeId) -> Result<(), Tag> {
        match self.health[a.index()] {
            Health::Down => {}
            Health::Left => return Err(gossip_skip::HAS_LEFT),
            _ => return Err(skip::NOT_DOWN),
        }
        self.restart(a);
        Ok(())
    }

    fn restart(&mut self, a: NodeId) {
        self.record(EventKind::Net(NetEvent::Restart { node: a }));
        if let Some(f) = self.open_failures.remove(&a) {
            self.failures[f].restarted_at = Some(self.now);
        }
        self.come_online(a);
        if self.cfg.swim.enabled {
            let heard = self.nodes[a.index()].incarnation;
            self.refute(a, heard);
            self.resume_suspicions(a);
        }
    }

    /// A new node takes the next free slot and asks `seed` for the cluster's state.
    fn join(&mut self, seed: NodeId) {
        let j = NodeId::from_index(self.active);
        self.active += 1;
        self.nodes[j.index()] = GossipNode::joiner(seed);
        self.record(EventKind::Join { node: j, seed });
        self.come_online(j);
        if self.cfg.swim.enabled {
            let u = Update {
                member: j,
                state: MemberState::Alive,
                incarnation: 0,
            };
            self.nodes[j.index()].broadcasts.enqueue(u);
        }
        self.send_join(j);
    }
}
