//! The replicated log with its compacted prefix (§5.3, §7). Entries after the
//! snapshot are kept in a persistent vector (clones share structure, so
//! checkpoints of a long history stay cheap); everything up to the snapshot is
//! summarised by the snapshot's index, term, prefix hash and state.

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

/// A server's log. Cloning shares both the snapshot and the entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RaftLog {
    snapshot: Arc<Snapshot>,
    entries: Vector<Entry>,
}

impl RaftLog {
    pub fn snapshot(&self) -> &Arc<Snapshot> {
        &self.snapshot
    }

    pub fn snapshot_index(&self) -> LogIndex {
        self.snapshot.index
    }

    pub fn first_index(&self) -> LogIndex {
        self.snapshot.index.next()
    }

    pub fn last_index(&self) -> LogIndex {
        LogIndex(self.snapshot.index.0 + self.entries.len() as u64)
    }

    pub fn last_term(&self) -> Term {
        self.entries.back().map_or(self.snapshot.term, |e| e.term)
    }

    fn slot(&self, index: LogIndex) -> Option<usize> {
        if index <= self.snapshot.index {
            return None;
        }
        let i = (index.0 - self.snapshot.index.0 - 1) as usize;
        (i < self.entries.len()).then_some(i)
    }

    /// The entry at `index`, if it is neither compacted nor beyond the end.
    pub fn entry(&self, index: LogIndex) -> Option<&Entry> {
        self.slot(index).map(|i| &self.entries[i])
    }

    /// Term of the entry at `index`; known for the snapshot's last entry too.
    pub fn term_at(&self, index: LogIndex) -> Option<Term> {
        if index == self.snapshot.index {
            Some(self.snapshot.term)
        } else {
            self.entry(index).map(|e| e.term)
        }
    }

    /// Prefix hash at `index`; known for the snapshot's last entry too.
    pub fn hash_at(&self, index: LogIndex) -> Option<u64> {
        if index == self.snapshot.index {
            Some(self.snapshot.hash)
        } else {
            self.entry(index).map(|e| e.hash)
        }
    }

    pub fn last_hash(&self) -> u64 {
        self.entries.back().map_or(self.snapshot.hash, |e| e.hash)
    }

    /// Entries after the snapshot, oldest first, with their indices.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = (LogIndex, &Entry)> + '_ {
        let first = self.first_index().0;
        self.entries
            .iter()
            .enumerate()
            .map(move |(i, e)| (LogIndex(first + i as u64), e))
    }

    /// Number of entries after the snapshot.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Up to `max` entries starting at `from` (which must be after the snapshot).
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

    /// The last index holding an entry of `term`, if any entry has that term.
    pub fn last_index_of_term(&self, term: Term) -> Option<LogIndex> {
        let pos = self
            .entries
            .iter()
            .rev()
            .position(|e| e.term == term)
            .map(|p| self.entries.len() - 1 - p);
        match pos {
            Some(i) => Some(LogIndex(self.snapshot.index.0 + i as u64 + 1)),
            None => (self.snapshot.term == term && self.snapshot.index.0 > 0)
                .then_some(self.snapshot.index),
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

    /// Replaces the prefix up to `snapshot.index` with `snapshot` (§7). Entries after
    /// it are kept when the log holds the snapshot's last entry, else all are discarded.
    pub fn install(&mut self, snapshot: Arc<Snapshot>) {
        let keep_suffix = self.term_at(snapshot.index) == Some(snapshot.term)
            && self.hash_at(snapshot.index) == Some(snapshot.hash);
        if keep_suffix && snapshot.index >= self.snapshot.index {
            let drop = (snapshot.index.0 - self.snapshot.index.0) as usize;
            self.entries = self.entries.skip(drop.min(self.entries.len()));
        } else {
            self.entries.clear();
        }
        self.snapshot = snapshot;
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
    fn install_keeps_a_matching_suffix_and_discards_a_conflicting_log() {
        let mut log = log_with_terms(&[1, 1, 2, 3]);
        let snap = Arc::new(Snapshot {
            index: LogIndex(2),
            term: Term(1),
            hash: log.hash_at(LogIndex(2)).unwrap(),
            state: KvStore::default(),
        });
        log.install(snap.clone());
        assert_eq!(log.first_index(), LogIndex(3));
        assert_eq!(log.last_index(), LogIndex(4));
        assert_eq!(log.term_at(LogIndex(2)), Some(Term(1)));
        assert_eq!(log.term_at(LogIndex(1)), None, "compacted");

        let mut other = log_with_terms(&[1, 5, 5]);
        other.install(snap);
        assert_eq!(other.last_index(), LogIndex(2));
        assert!(other.is_empty());
    }
}
