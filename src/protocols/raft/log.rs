//! The replicated log with its compacted prefix (§5.3, §7). The snapshot
//! captures the state machine through `snapshot.index`; entries up to the
//! compaction point (at or before the snapshot) are gone, and a few entries
//! covered by the snapshot are kept so that followers slightly behind still
//! get entries rather than a whole snapshot. Live entries sit in a persistent
//! vector, so clones (checkpoints of a long history) share structure.

use super::kv::KvStore;
use super::types::{Command, Entry, LogIndex, Term};
use imbl::Vector;
use std::sync::Arc;

/// A snapshot of the state machine after applying entries `1..=index` (§7).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub index: LogIndex,
    pub term: Term,
    /// Prefix hash of the entry at `index` (0 for the empty prefix).
    pub hash: u64,
    pub state: KvStore,
}

/// The last discarded position: entries up to `index` are gone, but its term
/// and prefix hash are remembered for the consistency check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Compacted {
    index: LogIndex,
    term: Term,
    hash: u64,
}

/// A server's log. Cloning shares both the snapshot and the entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RaftLog {
    snapshot: Arc<Snapshot>,
    compacted: Compacted,
    entries: Vector<Entry>,
}

impl RaftLog {
    pub fn snapshot(&self) -> &Arc<Snapshot> {
        &self.snapshot
    }

    /// The last index the snapshot covers.
    pub fn snapshot_index(&self) -> LogIndex {
        self.snapshot.index
    }

    /// The last index whose entry has been discarded (at most the snapshot index).
    pub fn compacted_index(&self) -> LogIndex {
        self.compacted.index
    }

    pub fn first_index(&self) -> LogIndex {
        self.compacted.index.next()
    }

    pub fn last_index(&self) -> LogIndex {
        LogIndex(self.compacted.index.0 + self.entries.len() as u64)
    }

    pub fn last_term(&self) -> Term {
        self.entries.back().map_or(self.compacted.term, |e| e.term)
    }

    pub fn last_hash(&self) -> u64 {
        self.entries.back().map_or(self.compacted.hash, |e| e.hash)
    }

    fn slot(&self, index: LogIndex) -> Option<usize> {
        if index <= self.compacted.index {
            return None;
        }
        let i = (index.0 - self.compacted.index.0 - 1) as usize;
        (i < self.entries.len()).then_some(i)
    }

    /// The entry at `index`, if it is neither compacted nor beyond the end.
    pub fn entry(&self, index: LogIndex) -> Option<&Entry> {
        self.slot(index).map(|i| &self.entries[i])
    }

    /// Term of the entry at `index`; known for the last compacted entry too.
    pub fn term_at(&self, index: LogIndex) -> Option<Term> {
        if index == self.compacted.index {
            Some(self.compacted.term)
        } else {
            self.entry(index).map(|e| e.term)
        }
    }

    /// Prefix hash at `index`; known for the last compacted entry too.
    pub fn hash_at(&self, index: LogIndex) -> Option<u64> {
        if index == self.compacted.index {
            Some(self.compacted.hash)
        } else {
            self.entry(index).map(|e| e.hash)
        }
    }

    /// Live entries, oldest first, with their indices.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = (LogIndex, &Entry)> + '_ {
        let first = self.first_index().0;
        self.entries
            .iter()
            .enumerate()
            .map(move |(i, e)| (LogIndex(first + i as u64), e))
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Up to `max` entries starting at `from` (which must not be compacted).
    pub fn entries_from(&self, from: LogIndex, max: usize) -> Vec<Entry> {
        match self.slot(from) {
            Some(i) => (i..self.entries.len().min(i + max))
                .map(|j| self.entries[j].clone())
                .collect(),
            None => Vec::new(),
        }
    }

    /// Appends a new entry of `term`, hashing it onto the local prefix.
    pub fn append(&mut self, term: Term, command: Command) -> LogIndex {
        let entry = Entry::new(self.last_hash(), term, command);
        self.entries.push_back(entry);
        self.last_index()
    }

    /// Removes the entries from `index` onwards; returns how many were removed.
    pub fn truncate_from(&mut self, index: LogIndex) -> usize {
        match self.slot(index) {
            Some(i) => {
                let removed = self.entries.len() - i;
                self.entries.truncate(i);
                removed
            }
            None => 0,
        }
    }

    /// The last index holding an entry of `term`, if any live entry has that term.
    pub fn last_index_of_term(&self, term: Term) -> Option<LogIndex> {
        let from_end = self.entries.iter().rev().position(|e| e.term == term);
        match from_end {
            Some(p) => Some(LogIndex(self.last_index().0 - p as u64)),
            None => (self.compacted.term == term && self.compacted.index.0 > 0)
                .then_some(self.compacted.index),
        }
    }

    /// The first index of the run of entries with the same term as `index`.
    pub fn first_index_of_term_at(&self, index: LogIndex) -> LogIndex {
        let Some(term) = self.term_at(index) else {
            return index;
        };
        let mut i = index;
        while i > self.first_index() && self.term_at(i.prev()) == Some(term) {
            i = i.prev();
        }
        i
    }

    /// Discards live entries up to `index` (clamped to the snapshot and the log).
    fn compact_to(&mut self, index: LogIndex) {
        let index = index.min(self.snapshot.index).min(self.last_index());
        if index <= self.compacted.index {
            return;
        }
        let (Some(term), Some(hash)) = (self.term_at(index), self.hash_at(index)) else {
            return;
        };
        let drop = (index.0 - self.compacted.index.0) as usize;
        self.entries = self.entries.skip(drop);
        self.compacted = Compacted { index, term, hash };
    }

    /// Takes a snapshot of this server's own state (§7) and discards the entries
    /// it covers except the last `keep`, which followers slightly behind still need.
    pub fn take_snapshot(&mut self, snapshot: Arc<Snapshot>, keep: u64) {
        let index = snapshot.index;
        self.snapshot = snapshot;
        self.compact_to(LogIndex(index.0.saturating_sub(keep)));
    }

    /// Installs a leader's snapshot (§7, Figure 13). Entries after it are kept
    /// when the log holds the snapshot's last entry; otherwise all are discarded.
    pub fn install(&mut self, snapshot: Arc<Snapshot>) {
        let matches = self.term_at(snapshot.index) == Some(snapshot.term)
            && self.hash_at(snapshot.index) == Some(snapshot.hash);
        let (index, term, hash) = (snapshot.index, snapshot.term, snapshot.hash);
        self.snapshot = snapshot;
        if matches && index >= self.compacted.index {
            self.compact_to(index);
        } else {
            self.entries.clear();
            self.compacted = Compacted { index, term, hash };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log_with_terms(terms: &[u64]) -> RaftLog {
        let mut log = RaftLog::default();
        for &t in terms {
            log.append(Term(t), Command::Noop);
        }
        log
    }

    fn snapshot_of(log: &RaftLog, index: u64) -> Arc<Snapshot> {
        let index = LogIndex(index);
        Arc::new(Snapshot {
            index,
            term: log.term_at(index).unwrap(),
            hash: log.hash_at(index).unwrap(),
            state: KvStore::default(),
        })
    }

    #[test]
    fn indexing_and_terms() {
        let log = log_with_terms(&[1, 1, 2, 3]);
        assert_eq!(log.last_index(), LogIndex(4));
        assert_eq!(log.last_term(), Term(3));
        assert_eq!(log.term_at(LogIndex(0)), Some(Term(0)));
        assert_eq!(log.term_at(LogIndex(3)), Some(Term(2)));
        assert_eq!(log.term_at(LogIndex(5)), None);
        assert_eq!(log.entries_from(LogIndex(2), 2).len(), 2);
        assert_eq!(log.last_index_of_term(Term(1)), Some(LogIndex(2)));
        assert_eq!(log.last_index_of_term(Term(9)), None);
        assert_eq!(log.first_index_of_term_at(LogIndex(2)), LogIndex(1));
    }

    #[test]
    fn truncation_removes_the_suffix() {
        let mut log = log_with_terms(&[1, 1, 2, 3]);
        assert_eq!(log.truncate_from(LogIndex(3)), 2);
        assert_eq!(log.last_index(), LogIndex(2));
        assert_eq!(log.truncate_from(LogIndex(9)), 0);
    }

    #[test]
    fn a_local_snapshot_keeps_the_last_few_covered_entries() {
        let mut log = log_with_terms(&[1, 1, 2, 2, 3, 3]);
        let snap = snapshot_of(&log, 5);
        log.take_snapshot(snap, 2);
        assert_eq!(log.snapshot_index(), LogIndex(5));
        assert_eq!(log.compacted_index(), LogIndex(3));
        assert_eq!(log.first_index(), LogIndex(4));
        assert_eq!(
            log.term_at(LogIndex(3)),
            Some(Term(2)),
            "the compaction point's term is kept"
        );
        assert_eq!(log.term_at(LogIndex(2)), None);
        assert_eq!(log.last_index(), LogIndex(6));
        assert_eq!(log.entries().next().map(|(i, _)| i), Some(LogIndex(4)));
        assert_eq!(log.last_index_of_term(Term(2)), Some(LogIndex(4)));
    }

    #[test]
    fn install_keeps_a_matching_suffix_and_discards_a_conflicting_log() {
        let mut log = log_with_terms(&[1, 1, 2, 3]);
        let snap = snapshot_of(&log, 2);
        log.install(snap.clone());
        assert_eq!(log.first_index(), LogIndex(3));
        assert_eq!(log.last_index(), LogIndex(4));
        assert_eq!(log.term_at(LogIndex(2)), Some(Term(1)));
        assert_eq!(log.term_at(LogIndex(1)), None, "compacted");

        let mut other = log_with_terms(&[1, 5, 5]);
        other.install(snap);
        assert_eq!(other.last_index(), LogIndex(2));
        assert!(other.is_empty());
        assert_eq!(other.last_term(), Term(1));
    }
}
