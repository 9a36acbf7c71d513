//! The freshness monitor: an observer outside the servers that sees every
//! client operation complete and tells whether a read returned something
//! older than what clients had already seen. A read is stale when a write of
//! a newer version completed before the read began (what W + R > N rules
//! out, Gifford 1979); it is a new–old inversion when an earlier read that
//! completed before it began returned a newer version (what read repair
//! before answering rules out, Attiya, Bar-Noy and Dolev 1995). A write is
//! lost when it is acknowledged with an older version than a write that
//! completed before it began: last write wins drops it at once, though its
//! client was told it succeeded (what writing one above the highest version
//! read from a quorum rules out, same paper). Each makes the history not
//! linearizable.

use super::version::Version;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The newest versions clients had seen of a key when a read began.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Floor {
    /// The highest version of a completed write.
    pub write: Option<Version>,
    /// The highest version a completed read returned.
    pub read: Option<Version>,
}

/// What a completed read returned, against its floor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Fresh,
    /// Older than a write completed before it began (that write's version).
    Stale(Version),
    /// Older than a read completed before it began (that read's version).
    Inversion(Version),
    /// A write older than a write completed before it began (that write's version).
    Lost(Version),
}

/// What clients have seen of every key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Freshness {
    writes: BTreeMap<Arc<str>, Version>,
    reads: BTreeMap<Arc<str>, Version>,
    stale: u64,
    inversions: u64,
    lost: u64,
}

impl Freshness {
    /// What a read of `key` beginning now must not go below.
    pub fn floor(&self, key: &str) -> Floor {
        Floor {
            write: self.writes.get(key).copied(),
            read: self.reads.get(key).copied(),
        }
    }

    /// A write that began at `floor` completed with `version`.
    pub fn write_done(&mut self, key: &Arc<str>, version: Version, floor: Floor) -> Verdict {
        let best = self.writes.entry(key.clone()).or_insert(version);
        *best = (*best).max(version);
        match floor.write {
            Some(w) if version < w => {
                self.lost += 1;
                Verdict::Lost(w)
            }
            _ => Verdict::Fresh,
        }
    }

    /// A read that began at `floor` completed with `got`.
    pub fn read_done(&mut self, key: &Arc<str>, got: Option<Version>, floor: Floor) -> Verdict {
        if let Some(v) = got {
            let best = self.reads.entry(key.clone()).or_insert(v);
            *best = (*best).max(v);
        }
        match floor {
            Floor { write: Some(w), .. } if got < Some(w) => {
                self.stale += 1;
                Verdict::Stale(w)
            }
            Floor { read: Some(r), .. } if got < Some(r) => {
                self.inversions += 1;
                Verdict::Inversion(r)
            }
            _ => Verdict::Fresh,
        }
    }

    /// Stale reads so far.
    pub fn stale_reads(&self) -> u64 {
        self.stale
    }

    /// New–old inversions so far.
    pub fn inversions(&self) -> u64 {
        self.inversions
    }

    /// Acknowledged writes lost to an older completed write's newer version so far.
    pub fn lost_writes(&self) -> u64 {
        self.lost
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::NodeId;

    fn v(c: u64) -> Version {
        Version::new(c, NodeId(1))
    }

    #[test]
    fn a_read_below_a_completed_write_is_stale() {
        let mut f = Freshness::default();
        let x: Arc<str> = "x".into();
        f.write_done(&x, v(2), Floor::default());
        let floor = f.floor("x");
        assert_eq!(f.read_done(&x, Some(v(1)), floor), Verdict::Stale(v(2)));
        assert_eq!(f.read_done(&x, None, floor), Verdict::Stale(v(2)));
        assert_eq!(f.read_done(&x, Some(v(3)), floor), Verdict::Fresh);
        assert_eq!(f.stale_reads(), 2);
    }

    #[test]
    fn a_read_below_an_earlier_read_is_an_inversion() {
        let mut f = Freshness::default();
        let x: Arc<str> = "x".into();
        // A write still in progress: only reads have seen its version.
        assert_eq!(f.read_done(&x, Some(v(5)), f.floor("x")), Verdict::Fresh);
        let floor = f.floor("x");
        assert_eq!(f.read_done(&x, Some(v(4)), floor), Verdict::Inversion(v(5)));
        assert_eq!(f.inversions(), 1);
        assert_eq!(f.stale_reads(), 0);
    }

    #[test]
    fn a_read_that_began_before_the_write_completed_is_not_judged_by_it() {
        let mut f = Freshness::default();
        let x: Arc<str> = "x".into();
        let floor = f.floor("x");
        f.write_done(&x, v(2), floor);
        assert_eq!(f.read_done(&x, Some(v(1)), floor), Verdict::Fresh);
    }

    #[test]
    fn a_write_acknowledged_below_a_completed_one_is_lost() {
        let mut f = Freshness::default();
        let x: Arc<str> = "x".into();
        let before = f.floor("x");
        // Two concurrent writes: the lower one is overwritten, not lost.
        assert_eq!(f.write_done(&x, v(3), before), Verdict::Fresh);
        assert_eq!(f.write_done(&x, v(2), before), Verdict::Fresh);
        // A write that began after (3) completed, yet carries (2): lost.
        assert_eq!(f.write_done(&x, v(2), f.floor("x")), Verdict::Lost(v(3)));
        assert_eq!(f.lost_writes(), 1);
    }
}
