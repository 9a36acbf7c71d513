//! A rough count, from lengths alone, of the bytes a clone of the cluster
//! copies outright rather than shares. Servers' logs and stores and the
//! checker's maps are persistent structures a clone shares; the event queue
//! and the messages in flight are copied. Lab checkpoints use it to keep
//! their memory within a budget.

use super::{Cluster, Event};
use crate::protocols::raft::Entry;
use crate::sim::Scheduled;
use std::mem::{size_of, size_of_val};

/// Heap bytes an entry's command holds beyond the entry itself (its key and
/// value, with the allocator's overhead).
const COMMAND_HEAP_BYTES: usize = 48;

/// Bytes one log entry takes, in a log or in a message.
pub const ENTRY_BYTES: usize = size_of::<Entry>() + COMMAND_HEAP_BYTES;

impl Cluster {
    /// Roughly how many bytes a clone copies rather than shares.
    pub fn copied_bytes(&self) -> usize {
        let queue = self.queue.len() * size_of::<Scheduled<Event>>();
        let net: usize = self
            .net
            .in_flight()
            .map(|e| size_of_val(e) + e.msg.entries().len() * ENTRY_BYTES)
            .sum();
        queue + net
    }
}
