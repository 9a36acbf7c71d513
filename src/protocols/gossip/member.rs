//! A node's membership list (SWIM, Das, Gupta, Motivala 2002, §4.2): for
//! each member a state and an incarnation number, and the precedence rules
//! that decide which of two claims about a member wins.
//!
//! To stay cheap at 10,000 nodes, a list stores only where it departs from a
//! shared baseline ("every initial member alive at incarnation 0").

use crate::sim::NodeId;
use serde::{Deserialize, Serialize};

/// What one node believes about another.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum MemberState {
    #[default]
    Alive,
    /// Failed a probe; declared dead unless it refutes in time (§4.2).
    Suspect,
    /// Confirmed failed (§4.2 "Confirm").
    Dead,
    /// Left gracefully.
    Left,
}

impl MemberState {
    pub fn name(self) -> &'static str {
        match self {
            MemberState::Alive => "alive",
            MemberState::Suspect => "suspect",
            MemberState::Dead => "dead",
            MemberState::Left => "left",
        }
    }

    /// Alive and suspect members are probed and gossiped to; dead and left ones are not.
    pub fn is_member(self) -> bool {
        matches!(self, MemberState::Alive | MemberState::Suspect)
    }
}

/// A state with the incarnation it is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Member {
    pub state: MemberState,
    pub incarnation: u32,
}

impl Member {
    pub const fn new(state: MemberState, incarnation: u32) -> Self {
        Member { state, incarnation }
    }
}

/// A claim about a member, as piggybacked on protocol messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Update {
    pub member: NodeId,
    pub state: MemberState,
    pub incarnation: u32,
}

impl Default for Update {
    fn default() -> Self {
        Update {
            member: NodeId(1),
            state: MemberState::Alive,
            incarnation: 0,
        }
    }
}

impl Update {
    pub fn entry(&self) -> Member {
        Member::new(self.state, self.incarnation)
    }
}

/// Whether `new` replaces `old` (§4.2): a suspicion overrides alive at the same
/// or a lower incarnation; alive overrides suspicion only at a higher one;
/// confirmation (dead) overrides both. As in memberlist, alive at a higher
/// incarnation than a death revives the member, a claim older than what is
/// known is ignored, and nothing but "alive" introduces an unknown member.
pub fn overrides(new: Member, old: Option<Member>) -> bool {
    use MemberState::*;
    let Some(old) = old else {
        return new.state == Alive;
    };
    let (i, j) = (new.incarnation, old.incarnation);
    match (new.state, old.state) {
        (Alive, _) => i > j,
        (Suspect, Alive) => i >= j,
        (Suspect, Suspect) => i > j,
        (Dead, Alive | Suspect) | (Left, Alive | Suspect | Dead) => i >= j,
        (Suspect, Dead | Left) | (Dead, Dead | Left) | (Left, Left) => false,
    }
}

/// One node's membership list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemberView {
    /// Members `S1..=S{base}` are alive at incarnation 0 unless listed below.
    base: u16,
    /// Departures from the baseline, sorted by member.
    entries: Vec<(NodeId, Member)>,
    /// How many members are alive or suspect.
    members: u32,
}

fn believes(m: Option<Member>) -> bool {
    m.is_some_and(|m| m.state.is_member())
}

impl MemberView {
    /// The list of a node that knows every initial member, `S1..=S{initial}`.
    pub fn full(initial: usize) -> Self {
        MemberView {
            base: initial as u16,
            entries: Vec::new(),
            members: initial as u32,
        }
    }

    /// The list of a node about to join, which knows only its seed.
    pub fn only(seed: NodeId) -> Self {
        let mut v = MemberView::default();
        v.set(seed, Member::default());
        v
    }

    pub fn base(&self) -> usize {
        usize::from(self.base)
    }

    /// What the baseline says about `m`.
    pub fn baseline(&self, m: NodeId) -> Option<Member> {
        (m.index() < self.base()).then(Member::default)
    }

    pub fn get(&self, m: NodeId) -> Option<Member> {
        match self.entries.binary_search_by_key(&m, |e| e.0) {
            Ok(i) => Some(self.entries[i].1),
            Err(_) => self.baseline(m),
        }
    }

    /// Sets what is known about `m`; returns what was known before.
    pub fn set(&mut self, m: NodeId, member: Member) -> Option<Member> {
        let old = self.get(m);
        match self.entries.binary_search_by_key(&m, |e| e.0) {
            Ok(i) => self.entries[i].1 = member,
            Err(i) => self.entries.insert(i, (m, member)),
        }
        self.members = self.members + u32::from(believes(Some(member))) - u32::from(believes(old));
        old
    }

    /// Drops what is recorded about `m`, back to the baseline.
    pub fn forget(&mut self, m: NodeId) {
        if let Ok(i) = self.entries.binary_search_by_key(&m, |e| e.0) {
            let old = Some(self.entries.remove(i).1);
            let now = self.baseline(m);
            self.members = self.members + u32::from(believes(now)) - u32::from(believes(old));
        }
    }

    /// The departures from the baseline, in member order.
    pub fn entries(&self) -> &[(NodeId, Member)] {
        &self.entries
    }

    /// Members believed alive or suspect (the `n` of the λ·log n rules).
    pub fn member_count(&self) -> usize {
        self.members as usize
    }

    /// Adopts `base` as the baseline (a joining node taking its seed's list).
    pub fn adopt_base(&mut self, base: usize) {
        let old: Vec<NodeId> = NodeId::all(base)
            .filter(|&m| self.get(m).is_none())
            .collect();
        self.base = base as u16;
        self.members += old.len() as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::MemberState::*;
    use super::*;

    fn m(state: MemberState, inc: u32) -> Member {
        Member::new(state, inc)
    }

    #[test]
    fn precedence_follows_swim() {
        assert!(overrides(m(Suspect, 0), Some(m(Alive, 0))));
        assert!(
            !overrides(m(Alive, 0), Some(m(Suspect, 0))),
            "refuting needs a higher incarnation"
        );
        assert!(overrides(m(Alive, 1), Some(m(Suspect, 0))));
        assert!(
            !overrides(m(Suspect, 0), Some(m(Alive, 1))),
            "an old suspicion is stale"
        );
        assert!(overrides(m(Dead, 0), Some(m(Suspect, 0))));
        assert!(!overrides(m(Suspect, 5), Some(m(Dead, 0))));
        assert!(
            overrides(m(Alive, 1), Some(m(Dead, 0))),
            "a higher incarnation revives"
        );
        assert!(overrides(m(Left, 0), Some(m(Dead, 0))));
        assert!(overrides(m(Alive, 0), None));
        assert!(!overrides(m(Dead, 0), None));
    }

    #[test]
    fn a_view_stores_only_departures_from_the_baseline() {
        let mut v = MemberView::full(5);
        assert_eq!(v.get(NodeId(3)), Some(Member::default()));
        assert_eq!(v.get(NodeId(6)), None);
        assert_eq!(v.member_count(), 5);
        v.set(NodeId(3), m(Dead, 0));
        v.set(NodeId(7), m(Alive, 0));
        assert_eq!(v.member_count(), 5);
        assert_eq!(v.entries().len(), 2);
        assert_eq!(v.get(NodeId(3)), Some(m(Dead, 0)));
    }

    #[test]
    fn a_joiner_adopts_the_baseline_of_its_seed() {
        let mut v = MemberView::only(NodeId(2));
        assert_eq!(v.member_count(), 1);
        v.adopt_base(3);
        assert_eq!(v.member_count(), 3);
        assert_eq!(v.get(NodeId(1)), Some(Member::default()));
    }
}
