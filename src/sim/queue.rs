//! The event queue: a min-heap ordered by (time, class, sequence number).
//! Sequence numbers make ties deterministic (first scheduled, first served);
//! the class lets user actions at time `t` run after every event at `t`.

use super::SimTime;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// An event waiting in the queue.
#[derive(Clone, Debug)]
pub struct Scheduled<E> {
    pub at: SimTime,
    pub class: u8,
    pub seq: u64,
    pub event: E,
}

impl<E> Scheduled<E> {
    fn key(&self) -> (SimTime, u8, u64) {
        (self.at, self.class, self.seq)
    }
}

impl<E> PartialEq for Scheduled<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl<E> Eq for Scheduled<E> {}
impl<E> PartialOrd for Scheduled<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Scheduled<E> {
    /// Reversed, so that `BinaryHeap` (a max-heap) pops the earliest event.
    fn cmp(&self, other: &Self) -> Ordering {
        other.key().cmp(&self.key())
    }
}

/// A deterministic priority queue of future events.
#[derive(Clone, Debug)]
pub struct EventQueue<E> {
    heap: BinaryHeap<Scheduled<E>>,
    next_seq: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }
}

impl<E> EventQueue<E> {
    /// Class of ordinary events (deliveries, timers).
    pub const EVENT: u8 = 0;
    /// Class of user actions: they run after every ordinary event at the same instant.
    pub const ACTION: u8 = 1;

    pub fn new() -> Self {
        Self::default()
    }

    /// Schedules an ordinary event; returns its sequence number.
    pub fn push(&mut self, at: SimTime, event: E) -> u64 {
        self.push_class(at, Self::EVENT, event)
    }

    pub fn push_class(&mut self, at: SimTime, class: u8, event: E) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Scheduled {
            at,
            class,
            seq,
            event,
        });
        seq
    }

    /// The time of the earliest event, if any.
    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|s| s.at)
    }

    pub fn peek(&self) -> Option<&Scheduled<E>> {
        self.heap.peek()
    }

    pub fn pop(&mut self) -> Option<Scheduled<E>> {
        self.heap.pop()
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Removes every queued event for which `keep` is false.
    pub fn retain(&mut self, keep: impl FnMut(&Scheduled<E>) -> bool) {
        self.heap.retain(keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_time_order_then_class_then_insertion_order() {
        let mut q = EventQueue::new();
        q.push(SimTime(5), "b");
        q.push_class(SimTime(5), EventQueue::<&str>::ACTION, "action");
        q.push(SimTime(1), "a");
        q.push(SimTime(5), "c");
        let order: Vec<_> = std::iter::from_fn(|| q.pop().map(|s| s.event)).collect();
        assert_eq!(order, vec!["a", "b", "c", "action"]);
    }
}
