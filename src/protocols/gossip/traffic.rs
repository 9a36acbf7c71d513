//! A bounded log of recent sends and its aggregation per node pair, so the
//! view draws a few hundred flows a frame instead of every message.

use super::message::MsgKind;
use crate::sim::{NodeId, SimTime};
use std::collections::{BTreeMap, VecDeque};

/// Sends remembered; with more in an interval the view sees the latest ones.
pub const TRAFFIC_LOG: usize = 4096;

/// One send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sent {
    pub at: SimTime,
    pub from: NodeId,
    pub to: NodeId,
    pub kind: MsgKind,
}

/// Messages between one ordered pair of nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flow {
    pub from: NodeId,
    pub to: NodeId,
    pub count: u32,
    /// The kind of the latest message in the flow.
    pub kind: MsgKind,
}

/// The most recent sends, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrafficLog {
    recent: VecDeque<Sent>,
}

impl TrafficLog {
    pub fn push(&mut self, sent: Sent) {
        if self.recent.len() == TRAFFIC_LOG {
            self.recent.pop_front();
        }
        self.recent.push_back(sent);
    }

    pub fn recent(&self) -> impl DoubleEndedIterator<Item = &Sent> + '_ {
        self.recent.iter()
    }

    /// Sends at or after `since`, summed per ordered pair, busiest first, at most `max`.
    pub fn flows(&self, since: SimTime, max: usize) -> Vec<Flow> {
        let mut pairs: BTreeMap<(NodeId, NodeId), (u32, MsgKind)> = BTreeMap::new();
        for s in self.recent.iter().rev().take_while(|s| s.at >= since) {
            pairs
                .entry((s.from, s.to))
                .and_modify(|e| e.0 += 1)
                .or_insert((1, s.kind));
        }
        let mut flows: Vec<Flow> = pairs
            .into_iter()
            .map(|((from, to), (count, kind))| Flow {
                from,
                to,
                count,
                kind,
            })
            .collect();
        flows.sort_by_key(|f| (std::cmp::Reverse(f.count), f.from, f.to));
        flows.truncate(max);
        flows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(at: u64, from: u16, to: u16) -> Sent {
        Sent {
            at: SimTime(at),
            from: NodeId(from),
            to: NodeId(to),
            kind: MsgKind::Push,
        }
    }

    #[test]
    fn flows_sum_per_pair_within_the_window() {
        let mut log = TrafficLog::default();
        for s in [sent(1, 1, 2), sent(5, 1, 2), sent(6, 1, 2), sent(7, 3, 1)] {
            log.push(s);
        }
        let flows = log.flows(SimTime(5), 10);
        assert_eq!(flows.len(), 2);
        assert_eq!(
            (flows[0].from, flows[0].to, flows[0].count),
            (NodeId(1), NodeId(2), 2)
        );
        assert_eq!(log.flows(SimTime(0), 1).len(), 1);
    }

    #[test]
    fn the_log_is_bounded() {
        let mut log = TrafficLog::default();
        for t in 0..(TRAFFIC_LOG as u64 + 10) {
            log.push(sent(t, 1, 2));
        }
        assert_eq!(log.recent().count(), TRAFFIC_LOG);
        assert_eq!(log.recent().next().unwrap().at, SimTime(10));
    }
}
