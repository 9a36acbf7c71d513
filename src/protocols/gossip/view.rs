//! Read-only access for the view and for tests: node states, rumor
//! coverage and its series, membership as one node or all live nodes see it,
//! counters, failures, and traffic summarised so a frame stays small.

use super::opinion::Opinion;
use super::traffic::{Flow, Sent};
use super::{
    Counters, Failure, FalsePositives, GossipConfig, GossipNode, GossipWorld, Health, MemberState,
    Msg, Rumor, RumorId, RumorState, RumorStats, RumorTable,
};
use crate::sim::{Envelope, Network, NodeId, SimTime};

impl GossipWorld {
    /// A fingerprint of the state: time, events, who is up, what every node
    /// knows and spreads, and the messages in flight.
    pub fn fingerprint(&self) -> u64 {
        let mut h = crate::sim::Fnv64::new();
        h.write_u64(self.now.as_micros())
            .write_u64(self.counters.events);
        for (i, n) in self.nodes.iter().enumerate().take(self.active) {
            h.write(&[self.health[i] as u8]);
            for r in n.known.iter() {
                h.write_u64(u64::from(r.0));
            }
            h.write_u64(n.hot.len() as u64);
        }
        for e in self.net.in_flight() {
            h.write_u64(e.id.0).write_u64(e.deliver_at.as_micros());
        }
        h.finish()
    }

    pub fn config(&self) -> &GossipConfig {
        &self.cfg
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    /// Node slots in use (initial members plus those that joined), numbered S1..Sn.
    pub fn node_count(&self) -> usize {
        self.active
    }

    pub fn node(&self, id: NodeId) -> &GossipNode {
        &self.nodes[id.index()]
    }

    pub fn health(&self, id: NodeId) -> Health {
        self.health[id.index()]
    }

    /// Nodes up now.
    pub fn live_count(&self) -> usize {
        self.live as usize
    }

    pub fn network(&self) -> &Network<Msg> {
        &self.net
    }

    pub fn rumors(&self) -> &RumorTable {
        &self.rumors
    }

    pub fn rumor(&self, r: RumorId) -> &Rumor {
        self.rumors.get(r)
    }

    /// Coverage, milestones and series of rumor `r`.
    pub fn rumor_stats(&self, r: RumorId) -> &RumorStats {
        &self.stats[r.index()]
    }

    /// Susceptible, spreading or removed, for node `id` and rumor `r`.
    pub fn rumor_state(&self, id: NodeId, r: RumorId) -> RumorState {
        self.nodes[id.index()].rumor_state(r)
    }

    /// Fraction of live nodes that have not heard rumor `r` (or a newer version of its key).
    pub fn residue(&self, r: RumorId) -> f64 {
        if self.live == 0 {
            return 0.0;
        }
        1.0 - f64::from(self.stats[r.index()].informed) / f64::from(self.live)
    }

    /// The value of `key` at node `id`: the newest version it knows.
    pub fn value_at(&self, id: NodeId, key: &str) -> Option<&Rumor> {
        self.rumors.newest_known(key, &self.nodes[id.index()].known)
    }

    /// Live nodes whose every key holds its newest version: converged state.
    pub fn up_to_date_count(&self) -> usize {
        let newest: Vec<RumorId> = self
            .rumors
            .keys()
            .filter_map(|(_, ids)| ids.last().copied())
            .collect();
        (0..self.active)
            .filter(|&i| {
                self.health[i] == Health::Up && newest.iter().all(|&r| self.nodes[i].knows(r))
            })
            .count()
    }

    /// What `observer` believes about `about` (None: not in its list).
    pub fn member_state(&self, observer: NodeId, about: NodeId) -> Option<MemberState> {
        if observer == about {
            return Some(MemberState::Alive);
        }
        self.nodes[observer.index()]
            .view
            .get(about)
            .map(|m| m.state)
    }

    /// What the live nodes together believe about `about` (with SWIM on).
    pub fn opinion(&self, about: NodeId) -> Opinion {
        let i = about.index();
        let counts_itself =
            self.health[i] == Health::Up && self.nodes[i].synced && i < self.cfg.nodes;
        self.opinions.get(about, counts_itself)
    }

    pub fn counters(&self) -> &Counters {
        &self.counters
    }

    /// Every crash so far, with how SWIM noticed it.
    pub fn failures(&self) -> &[Failure] {
        &self.failures
    }

    pub fn false_positives(&self) -> FalsePositives {
        self.false_positives
    }

    /// Whether every rumor has reached all live nodes or died out (see `run_until_settled`).
    pub fn is_settled(&self) -> bool {
        let quiet = self.carrying == 0 && self.cfg.spread.anti_entropy.is_none();
        self.stats
            .iter()
            .all(|s| s.informed == self.live || (quiet && s.spreading == 0))
    }

    /// Sends at or after `since`, summed per ordered pair, busiest first, at most `max`
    /// (from the last `TRAFFIC_LOG` sends).
    pub fn flows(&self, since: SimTime, max: usize) -> Vec<Flow> {
        self.traffic.flows(since, max)
    }

    /// The most recent sends, oldest first.
    pub fn recent_sends(&self) -> impl DoubleEndedIterator<Item = &Sent> + '_ {
        self.traffic.recent()
    }

    /// At most `max` messages in flight, spread evenly over all of them, in send order.
    pub fn in_flight_sample(&self, max: usize) -> Vec<&Envelope<Msg>> {
        let total = self.net.in_flight().len();
        if max == 0 {
            return Vec::new();
        }
        let stride = total.div_ceil(max).max(1);
        self.net.in_flight().step_by(stride).collect()
    }
}
