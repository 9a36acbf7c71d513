//! Rumors are key updates with versions. The table holds every rumor started
//! in a run; nodes only keep a bit per rumor. A newer version of a key
//! supersedes older ones: versions order by (version, origin node).

use super::rumor_set::RumorSet;
use crate::sim::{NodeId, SimTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// The most rumors a run may start (their bits travel in every message).
pub const MAX_RUMORS: usize = 4096;

/// A rumor, numbered from 1 in the order rumors were started.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RumorId(pub u32);

impl RumorId {
    pub fn from_index(index: usize) -> Self {
        RumorId(index as u32 + 1)
    }

    pub fn index(self) -> usize {
        self.0 as usize - 1
    }
}

impl fmt::Display for RumorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One key update.
#[derive(Clone, Debug, PartialEq)]
pub struct Rumor {
    pub id: RumorId,
    pub key: Arc<str>,
    pub value: Arc<str>,
    /// One more than the newest version of `key` its origin knew.
    pub version: u32,
    pub origin: NodeId,
    pub started_at: SimTime,
    /// The first round in which it could spread.
    pub start_round: u32,
}

impl Rumor {
    /// The order of versions of one key; ties between concurrent updates go to the higher node id.
    pub fn order(&self) -> (u32, NodeId) {
        (self.version, self.origin)
    }
}

/// Every rumor of a run, and the versions of each key in order.
#[derive(Clone, Debug, Default)]
pub struct RumorTable {
    rumors: Vec<Rumor>,
    by_key: BTreeMap<Arc<str>, Vec<RumorId>>,
}

impl RumorTable {
    pub fn len(&self) -> usize {
        self.rumors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rumors.is_empty()
    }

    pub fn get(&self, id: RumorId) -> &Rumor {
        &self.rumors[id.index()]
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Rumor> + '_ {
        self.rumors.iter()
    }

    pub fn ids(&self) -> impl ExactSizeIterator<Item = RumorId> + use<> {
        (0..self.rumors.len()).map(RumorId::from_index)
    }

    /// Every rumor about the same key as `id`, oldest version first.
    pub fn same_key(&self, id: RumorId) -> &[RumorId] {
        self.by_key
            .get(&self.get(id).key)
            .map_or(&[], |v| v.as_slice())
    }

    /// Keys in order, each with its rumors oldest version first.
    pub fn keys(&self) -> impl Iterator<Item = (&Arc<str>, &[RumorId])> + '_ {
        self.by_key.iter().map(|(k, v)| (k, v.as_slice()))
    }

    /// Whether `a` is a newer version of its key than `b`.
    pub fn newer(&self, a: RumorId, b: RumorId) -> bool {
        self.get(a).order() > self.get(b).order()
    }

    /// The newest version of `key` among `known`.
    pub fn newest_known(&self, key: &str, known: &RumorSet) -> Option<&Rumor> {
        let ids = self.by_key.get(key)?;
        ids.iter()
            .rev()
            .map(|&id| self.get(id))
            .find(|r| known.contains(r.id))
    }

    /// Records a new update of `key` made at `origin`, which knows `known`.
    pub fn start(
        &mut self,
        key: Arc<str>,
        value: Arc<str>,
        origin: NodeId,
        known: &RumorSet,
        at: SimTime,
        start_round: u32,
    ) -> RumorId {
        let version = self.newest_known(&key, known).map_or(1, |r| r.version + 1);
        let id = RumorId::from_index(self.rumors.len());
        let rumor = Rumor {
            id,
            key: key.clone(),
            value,
            version,
            origin,
            started_at: at,
            start_round,
        };
        let versions = self.by_key.entry(key).or_default();
        versions.push(id);
        let rumors = &self.rumors;
        let order = |r: &RumorId| {
            if *r == id {
                rumor.order()
            } else {
                rumors[r.index()].order()
            }
        };
        versions.sort_by_key(order);
        self.rumors.push(rumor);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_grow_from_what_the_origin_knows() {
        let mut t = RumorTable::default();
        let none = RumorSet::new();
        let a = t.start("x".into(), "1".into(), NodeId(1), &none, SimTime::ZERO, 1);
        let knows_a: RumorSet = [a].into_iter().collect();
        let b = t.start(
            "x".into(),
            "2".into(),
            NodeId(2),
            &knows_a,
            SimTime::ZERO,
            1,
        );
        let c = t.start("x".into(), "3".into(), NodeId(3), &none, SimTime::ZERO, 1);
        assert_eq!(
            (t.get(a).version, t.get(b).version, t.get(c).version),
            (1, 2, 1)
        );
        // c ties with a on version and wins on the higher origin; b is newest.
        assert_eq!(t.same_key(a), &[a, c, b]);
        assert!(t.newer(c, a) && t.newer(b, c));
        let knows_ac: RumorSet = [a, c].into_iter().collect();
        assert_eq!(t.newest_known("x", &knows_ac).unwrap().id, c);
    }
}
