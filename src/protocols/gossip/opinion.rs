//! How the live nodes, taken together, see each member: how many hold it
//! alive, suspect, or dead/left. Kept up to date on every change of a
//! membership list, so the view can colour 10,000 nodes without scanning
//! 10,000 lists each.

use super::member::{Member, MemberState, MemberView};
use crate::sim::NodeId;

/// The claims live nodes hold about one member.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Opinion {
    pub alive: u32,
    pub suspect: u32,
    /// Dead or left.
    pub gone: u32,
}

impl Opinion {
    /// The gravest claim any live node holds.
    pub fn worst(&self) -> MemberState {
        if self.gone > 0 {
            MemberState::Dead
        } else if self.suspect > 0 {
            MemberState::Suspect
        } else {
            MemberState::Alive
        }
    }
}

fn believes(m: Option<Member>) -> i64 {
    i64::from(m.is_some_and(|m| m.state.is_member()))
}

fn is(m: Option<Member>, states: &[MemberState]) -> i64 {
    i64::from(m.is_some_and(|m| states.contains(&m.state)))
}

fn shift(v: &mut u32, by: i64) {
    *v = (i64::from(*v) + by).max(0) as u32;
}

/// Counts over live viewers, stored as departures from the shared baseline.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Opinions {
    initial: usize,
    /// Live nodes whose list has the full baseline.
    synced_up: u32,
    believe: Vec<i64>,
    suspect: Vec<u32>,
    gone: Vec<u32>,
}

impl Opinions {
    /// No viewers yet, for `slots` slots of which `initial` form the baseline.
    pub fn new(initial: usize, slots: usize) -> Self {
        Opinions {
            initial,
            synced_up: 0,
            believe: vec![0; slots],
            suspect: vec![0; slots],
            gone: vec![0; slots],
        }
    }

    /// One live viewer's claim about `m` went from `old` to `new`.
    pub fn change(&mut self, m: NodeId, old: Option<Member>, new: Option<Member>, sign: i64) {
        let i = m.index();
        self.believe[i] += sign * (believes(new) - believes(old));
        let s = [MemberState::Suspect];
        let g = [MemberState::Dead, MemberState::Left];
        shift(&mut self.suspect[i], sign * (is(new, &s) - is(old, &s)));
        shift(&mut self.gone[i], sign * (is(new, &g) - is(old, &g)));
    }

    /// Adds (`sign` = 1) or removes (-1) a whole viewer, as it comes up or goes down.
    pub fn viewer(&mut self, view: &MemberView, sign: i64) {
        if view.base() == self.initial && self.initial > 0 {
            shift(&mut self.synced_up, sign);
        }
        for &(m, e) in view.entries() {
            self.change(m, view.baseline(m), Some(e), sign);
        }
    }

    /// The claims about `m`; `counts_itself` when `m` is a live synced node,
    /// whose own baseline would otherwise count it as believing in itself.
    pub fn get(&self, m: NodeId, counts_itself: bool) -> Opinion {
        let i = m.index();
        let base = if i < self.initial {
            i64::from(self.synced_up) - i64::from(counts_itself)
        } else {
            0
        };
        let believers = (base + self.believe[i]).max(0) as u32;
        let suspect = self.suspect[i];
        Opinion {
            alive: believers.saturating_sub(suspect),
            suspect,
            gone: self.gone[i],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_changes_and_viewers_leaving() {
        let mut o = Opinions::new(3, 4);
        for _ in 0..3 {
            o.viewer(&MemberView::full(3), 1);
        }
        let target = NodeId(3);
        assert_eq!(
            o.get(target, true),
            Opinion {
                alive: 2,
                suspect: 0,
                gone: 0
            }
        );
        let mut v1 = MemberView::full(3);
        let old = v1.set(target, Member::new(MemberState::Suspect, 0));
        o.change(target, old, Some(Member::new(MemberState::Suspect, 0)), 1);
        assert_eq!(
            o.get(target, true),
            Opinion {
                alive: 1,
                suspect: 1,
                gone: 0
            }
        );
        assert_eq!(o.get(target, true).worst(), MemberState::Suspect);
        o.viewer(&v1, -1);
        assert_eq!(
            o.get(target, true),
            Opinion {
                alive: 1,
                suspect: 0,
                gone: 0
            }
        );
        o.viewer(&v1, 1);
        assert_eq!(o.get(target, true).suspect, 1);
    }
}
