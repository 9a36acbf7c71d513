//! SWIM's dissemination component (§4.1): membership updates ride on ping,
//! ack and ping-req messages. Each node keeps a bounded buffer of updates and
//! sends each about λ·log n times, least-sent first (as memberlist does).

use super::member::Update;
use crate::sim::NodeId;

/// Updates one message can carry at most.
pub const MAX_PIGGYBACK: usize = 8;
/// Updates a node's buffer holds; beyond this the most-sent one is dropped.
pub const BUFFER_CAPACITY: usize = 32;

/// The updates riding on one message, stored inline (no allocation per message).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Piggyback {
    len: u8,
    items: [Update; MAX_PIGGYBACK],
}

impl Piggyback {
    /// Adds `u` unless full or already carrying news of the same member.
    pub fn push(&mut self, u: Update) -> bool {
        let full = usize::from(self.len) == MAX_PIGGYBACK;
        if full || self.as_slice().iter().any(|x| x.member == u.member) {
            return false;
        }
        self.items[usize::from(self.len)] = u;
        self.len += 1;
        true
    }

    pub fn as_slice(&self) -> &[Update] {
        &self.items[..usize::from(self.len)]
    }

    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Queued {
    update: Update,
    sent: u32,
}

/// A node's buffer of updates still to be retransmitted, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Broadcasts {
    queue: Vec<Queued>,
}

impl Broadcasts {
    /// Queues `u`, replacing older news of the same member.
    pub fn enqueue(&mut self, u: Update) {
        self.queue.retain(|q| q.update.member != u.member);
        self.queue.push(Queued { update: u, sent: 0 });
        if self.queue.len() > BUFFER_CAPACITY {
            let worn =
                (0..self.queue.len()).max_by_key(|&i| (self.queue[i].sent, std::cmp::Reverse(i)));
            if let Some(i) = worn {
                self.queue.remove(i);
            }
        }
    }

    /// Fills `into` with up to `max` updates, least-sent (then newest) first,
    /// counting a transmission for each; an update sent `limit` times is dropped.
    pub fn take(&mut self, into: &mut Piggyback, max: usize, limit: u32) {
        let mut slots = [0usize; BUFFER_CAPACITY];
        let order = &mut slots[..self.queue.len()];
        order.iter_mut().enumerate().for_each(|(i, s)| *s = i);
        order.sort_by_key(|&i| (self.queue[i].sent, std::cmp::Reverse(i)));
        for &i in order.iter() {
            if into.len() >= max {
                break;
            }
            if into.push(self.queue[i].update) {
                self.queue[i].sent += 1;
            }
        }
        self.queue.retain(|q| q.sent < limit);
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Whether news of `member` is waiting.
    pub fn has(&self, member: NodeId) -> bool {
        self.queue.iter().any(|q| q.update.member == member)
    }

    pub fn clear(&mut self) {
        self.queue.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::super::member::MemberState;
    use super::*;

    fn up(member: u16, inc: u32) -> Update {
        Update {
            member: NodeId(member),
            state: MemberState::Alive,
            incarnation: inc,
        }
    }

    #[test]
    fn each_update_is_sent_limit_times_then_dropped() {
        let mut b = Broadcasts::default();
        b.enqueue(up(1, 0));
        for _ in 0..3 {
            let mut p = Piggyback::default();
            b.take(&mut p, 4, 3);
            assert_eq!(p.as_slice(), &[up(1, 0)]);
        }
        assert!(b.is_empty());
    }

    #[test]
    fn least_sent_updates_go_first_and_news_replaces_news() {
        let mut b = Broadcasts::default();
        b.enqueue(up(1, 0));
        let mut p = Piggyback::default();
        b.take(&mut p, 1, 10);
        b.enqueue(up(2, 0));
        b.enqueue(up(1, 1));
        assert_eq!(b.len(), 2);
        let mut p = Piggyback::default();
        b.take(&mut p, 1, 10);
        assert_eq!(p.as_slice(), &[up(1, 1)], "the newest of the least-sent");
    }

    #[test]
    fn the_buffer_is_bounded() {
        let mut b = Broadcasts::default();
        for m in 1..=(BUFFER_CAPACITY as u16 + 5) {
            b.enqueue(up(m, 0));
        }
        assert_eq!(b.len(), BUFFER_CAPACITY);
        assert!(b.has(NodeId(BUFFER_CAPACITY as u16 + 5)));
    }

    #[test]
    fn a_message_carries_one_update_per_member() {
        let mut p = Piggyback::default();
        assert!(p.push(up(1, 0)));
        assert!(!p.push(up(1, 1)));
        assert_eq!(p.len(), 1);
    }
}
