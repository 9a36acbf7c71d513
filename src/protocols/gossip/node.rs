//! What one gossiping node keeps: the rumors it knows and those it still
//! spreads (Demers et al.'s susceptible / infective / removed), and its SWIM
//! state. Plain data, compact so that 10,000 of them clone cheaply.

use super::config::StopRule;
use super::member::MemberView;
use super::piggyback::Broadcasts;
use super::rumor::RumorId;
use super::rumor_set::RumorSet;
use crate::sim::{NodeId, SimRng};

/// A rumor a node is still spreading, with its count of useless contacts
/// and the round it learned the rumor in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hot {
    pub rumor: RumorId,
    pub useless: u8,
    pub since: u32,
}

/// Where a node stands with one rumor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RumorState {
    /// Does not know it.
    Susceptible,
    /// Knows it and passes it on ("infective").
    Spreading,
    /// Knows it and has stopped passing it on.
    Removed,
}

/// The probe a node has running in the current protocol period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Probe {
    pub target: NodeId,
    pub seq: u32,
    pub acked: bool,
}

/// Timers a node has queued for the current configuration.
pub(super) const ARMED_ROUND: u8 = 1;

/// One node's state.
#[derive(Clone, Debug, PartialEq)]
pub struct GossipNode {
    pub(super) known: RumorSet,
    pub(super) hot: Vec<Hot>,
    /// The node it last learned something from, skipped when choosing peers.
    pub(super) last_from: Option<NodeId>,
    /// False for a joining node until its seed's state has arrived.
    pub(super) synced: bool,
    pub(super) seed: Option<NodeId>,
    pub(super) incarnation: u32,
    pub(super) view: MemberView,
    pub(super) broadcasts: Broadcasts,
    pub(super) probe: Option<Probe>,
    pub(super) next_seq: u32,
    /// Protocol periods run, for the reconnect cadence.
    pub(super) periods: u32,
    /// Bumped when the node goes down, so its queued timers go stale.
    pub(super) epoch: u32,
    pub(super) armed: u8,
}

impl GossipNode {
    /// An initial member, knowing all `initial` members.
    pub fn member(initial: usize) -> Self {
        GossipNode {
            known: RumorSet::new(),
            hot: Vec::new(),
            last_from: None,
            synced: true,
            seed: None,
            incarnation: 0,
            view: MemberView::full(initial),
            broadcasts: Broadcasts::default(),
            probe: None,
            next_seq: 1,
            periods: 0,
            epoch: 0,
            armed: 0,
        }
    }

    /// A node about to join through `seed`, knowing nothing else.
    pub fn joiner(seed: NodeId) -> Self {
        GossipNode {
            synced: false,
            seed: Some(seed),
            view: MemberView::only(seed),
            ..GossipNode::member(0)
        }
    }

    pub fn known(&self) -> &RumorSet {
        &self.known
    }

    pub fn knows(&self, r: RumorId) -> bool {
        self.known.contains(r)
    }

    pub fn is_hot(&self, r: RumorId) -> bool {
        self.hot.iter().any(|h| h.rumor == r)
    }

    pub fn rumor_state(&self, r: RumorId) -> RumorState {
        if !self.knows(r) {
            RumorState::Susceptible
        } else if self.is_hot(r) {
            RumorState::Spreading
        } else {
            RumorState::Removed
        }
    }

    /// The rumors it is spreading.
    pub fn hot_set(&self) -> RumorSet {
        self.hot.iter().map(|h| h.rumor).collect()
    }

    pub fn spreading(&self) -> &[Hot] {
        &self.hot
    }

    pub fn incarnation(&self) -> u32 {
        self.incarnation
    }

    pub fn view(&self) -> &MemberView {
        &self.view
    }

    pub fn is_synced(&self) -> bool {
        self.synced
    }

    /// Membership updates waiting to be piggybacked.
    pub fn broadcasts(&self) -> &Broadcasts {
        &self.broadcasts
    }

    pub fn probe(&self) -> Option<Probe> {
        self.probe
    }

    /// Starts spreading `r`, learned in `round`.
    pub(super) fn heat(&mut self, r: RumorId, round: u32) {
        if !self.is_hot(r) {
            self.hot.push(Hot {
                rumor: r,
                useless: 0,
                since: round,
            });
        }
    }

    /// Whether the node knew `r` before round `round` began: it knows it and
    /// did not learn it in that round or later. (A rumor it no longer
    /// spreads was learned in an earlier round: spreading starts the round
    /// after learning.)
    pub fn knew_before(&self, r: RumorId, round: u32) -> bool {
        self.knows(r) && !self.hot.iter().any(|h| h.rumor == r && h.since >= round)
    }

    /// A contact did not know `r`: the counter of useless contacts in a row starts over.
    pub(super) fn useful_contact(&mut self, r: RumorId) {
        if let Some(h) = self.hot.iter_mut().find(|h| h.rumor == r) {
            h.useless = 0;
        }
    }

    /// Stops spreading `r`; true if it was spreading it.
    pub(super) fn cool(&mut self, r: RumorId) -> bool {
        let before = self.hot.len();
        self.hot.retain(|h| h.rumor != r);
        self.hot.len() != before
    }

    /// Applies the stop rule after a contact that already knew `r` (Demers et
    /// al. 1987, §1.4); true if the node lost interest.
    pub(super) fn useless_contact(&mut self, r: RumorId, stop: StopRule, rng: &mut SimRng) -> bool {
        let Some(h) = self.hot.iter_mut().find(|h| h.rumor == r) else {
            return false;
        };
        let lose = match stop {
            StopRule::Forever => false,
            StopRule::Counter(k) => {
                h.useless = h.useless.saturating_add(1);
                h.useless >= k
            }
            StopRule::Coin(k) => rng.chance(1.0 / f64::from(k.max(1))),
        };
        if lose {
            self.cool(r);
        }
        lose
    }

    pub(super) fn next_seq(&mut self) -> u32 {
        let s = self.next_seq;
        self.next_seq = self.next_seq.wrapping_add(1).max(1);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_rule_loses_interest_after_k_useless_contacts() {
        let mut n = GossipNode::member(3);
        let mut rng = SimRng::fork(1, 1);
        let r = RumorId(1);
        n.known.insert(r);
        n.heat(r, 0);
        assert_eq!(n.rumor_state(r), RumorState::Spreading);
        assert!(!n.useless_contact(r, StopRule::Counter(2), &mut rng));
        assert!(n.useless_contact(r, StopRule::Counter(2), &mut rng));
        assert_eq!(n.rumor_state(r), RumorState::Removed);
        assert_eq!(n.rumor_state(RumorId(2)), RumorState::Susceptible);
    }

    #[test]
    fn a_useful_contact_restarts_the_count_and_this_rounds_news_was_not_known_before() {
        let mut n = GossipNode::member(3);
        let mut rng = SimRng::fork(1, 1);
        let r = RumorId(1);
        n.known.insert(r);
        n.heat(r, 4);
        assert!(
            !n.knew_before(r, 4) && n.knew_before(r, 5),
            "learned in round 4"
        );
        assert!(!n.knew_before(RumorId(2), 9));
        assert!(!n.useless_contact(r, StopRule::Counter(2), &mut rng));
        n.useful_contact(r);
        assert!(!n.useless_contact(r, StopRule::Counter(2), &mut rng));
        assert!(n.useless_contact(r, StopRule::Counter(2), &mut rng));
        assert!(
            n.knew_before(r, 5),
            "a node that stopped spreading learned earlier"
        );
    }

    #[test]
    fn infect_forever_never_stops_and_coin_one_always_does() {
        let mut n = GossipNode::member(3);
        let mut rng = SimRng::fork(1, 1);
        n.heat(RumorId(1), 0);
        for _ in 0..100 {
            assert!(!n.useless_contact(RumorId(1), StopRule::Forever, &mut rng));
        }
        assert!(n.useless_contact(RumorId(1), StopRule::Coin(1), &mut rng));
    }

    #[test]
    fn a_joiner_knows_only_its_seed() {
        let j = GossipNode::joiner(NodeId(4));
        assert!(!j.is_synced());
        assert_eq!(j.view().member_count(), 1);
        assert!(j.view().get(NodeId(4)).is_some());
    }
}
