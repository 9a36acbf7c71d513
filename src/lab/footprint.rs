//! What a checkpoint holds in memory on its own, estimated from lengths: the
//! parts of the cluster a clone copies outright, its narration, and the log
//! entries no earlier checkpoint shares. Logs are persistent vectors, so the
//! entries a server appended since the previous checkpoint are new and the
//! older ones are shared with it.

use super::Checkpoint;
use crate::cluster::{Cluster, ENTRY_BYTES};
use crate::raft::LogIndex;
use crate::trace::TraceEvent;
use std::mem::size_of;

/// The counts a checkpoint's memory is estimated from.
#[derive(Clone, Debug)]
pub struct Footprint {
    /// Bytes copied outright: queue, messages, checker maps and narration.
    copied: usize,
    /// Each server's last log index and how many entries its log holds.
    logs: Vec<(LogIndex, usize)>,
}

impl Footprint {
    pub fn of(cluster: &Cluster, narration: usize) -> Self {
        Footprint {
            copied: cluster.copied_bytes() + narration * size_of::<TraceEvent>(),
            logs: cluster
                .nodes()
                .iter()
                .map(|n| (n.log().last_index(), n.log().len()))
                .collect(),
        }
    }

    /// The bytes this checkpoint holds beyond what it shares with `prev`, the
    /// checkpoint before it (if any).
    fn beyond(&self, prev: Option<&Footprint>) -> usize {
        let entries: usize = self
            .logs
            .iter()
            .enumerate()
            .map(|(i, &(last, len))| {
                let shared_last = prev.and_then(|p| p.logs.get(i)).map_or(0, |p| p.0.0);
                let appended = usize::try_from(last.0.saturating_sub(shared_last)).unwrap_or(len);
                appended.min(len)
            })
            .sum();
        self.copied + entries * ENTRY_BYTES
    }
}

/// The estimated bytes a list of checkpoints holds together.
pub(super) fn held_bytes(checkpoints: &[Checkpoint]) -> usize {
    let mut prev = None;
    let mut total = 0;
    for c in checkpoints {
        total += c.footprint.beyond(prev);
        prev = Some(&c.footprint);
    }
    total
}
