//! What a checkpoint holds in memory on its own, estimated from lengths: the
//! parts of the world a clone copies outright, its narration, and the
//! entries of persistent sequences (logs) that no earlier checkpoint shares.
//! A persistent sequence that only grows shares its older entries with the
//! previous checkpoint, so only those appended since count.

use super::Checkpoint;
use crate::protocol::Protocol;
use crate::sim::TraceEvent;
use std::mem::size_of;

/// The counts a checkpoint's memory is estimated from.
#[derive(Clone, Debug, Default)]
pub struct Footprint {
    /// Bytes copied outright: queue, messages, per-server state, narration.
    pub copied: usize,
    /// Each growing sequence: its last position and how many entries it holds.
    pub sequences: Vec<(u64, usize)>,
    /// Bytes an entry of those sequences takes.
    pub entry_bytes: usize,
}

impl Footprint {
    /// Adds a narration of `held` trace events of kind `E`.
    pub fn with_narration<E>(mut self, held: usize) -> Self {
        self.copied += held * size_of::<TraceEvent<E>>();
        self
    }

    /// The bytes this checkpoint holds beyond what it shares with `prev`, the
    /// checkpoint before it (if any).
    fn beyond(&self, prev: Option<&Footprint>) -> usize {
        let entries: usize = self
            .sequences
            .iter()
            .enumerate()
            .map(|(i, &(last, len))| {
                let shared_last = prev.and_then(|p| p.sequences.get(i)).map_or(0, |p| p.0);
                let appended = usize::try_from(last.saturating_sub(shared_last)).unwrap_or(len);
                appended.min(len)
            })
            .sum();
        self.copied + entries * self.entry_bytes
    }
}

/// The estimated bytes a list of checkpoints holds together.
pub(super) fn held_bytes<P: Protocol>(checkpoints: &[Checkpoint<P>]) -> usize {
    let mut prev = None;
    let mut total = 0;
    for c in checkpoints {
        total += c.footprint.beyond(prev);
        prev = Some(&c.footprint);
    }
    total
}
