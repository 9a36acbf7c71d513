//! The five safety properties of Raft (Figure 3), checked incrementally so the
//! check can run after every event. Logs carry prefix hashes, so "these two
//! logs agree up to index i" is one comparison.
//!
//! - Election Safety: at most one leader per term.
//! - Leader Append-Only: a leader never deletes or overwrites its entries.
//! - Log Matching: same index and term ⇒ identical logs up to that index.
//! - Leader Completeness: a committed entry is in the log of every later leader.
//! - State Machine Safety: no two servers apply different entries at one index.

use crate::net::NetEvent;
use crate::protocols::raft::trace::{EventKind, Invariant, Violation};
use crate::protocols::raft::{LogIndex, RaftNode, Role, Term};
use crate::sim::{NodeId, SimTime};
use imbl::OrdMap;
use std::collections::BTreeMap;

/// Where an entry was first seen: its prefix hash, term and server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seen {
    hash: u64,
    term: Term,
    node: NodeId,
}

/// A committed entry and the term of the server that first committed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Committed {
    seen: Seen,
    in_term: Term,
}

/// The first violation of one property, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvariantStatus {
    pub invariant: Invariant,
    pub first: Option<(SimTime, Violation)>,
    pub count: u64,
}

/// Incremental invariant checker fed with the events of a run.
#[derive(Clone, Debug)]
pub struct Checker {
    leaders: BTreeMap<Term, NodeId>,
    // Persistent maps: a clone (a lab checkpoint) shares them with the run.
    entries: OrdMap<(LogIndex, Term), Seen>,
    committed: OrdMap<LogIndex, Committed>,
    applied: OrdMap<LogIndex, Seen>,
    commit_seen: Vec<LogIndex>,
    leader_tail: Vec<Option<(Term, LogIndex, u64)>>,
    status: Vec<InvariantStatus>,
}

impl Checker {
    pub fn new(n: usize) -> Self {
        Checker {
            leaders: BTreeMap::new(),
            entries: OrdMap::new(),
            committed: OrdMap::new(),
            applied: OrdMap::new(),
            commit_seen: vec![LogIndex(0); n],
            leader_tail: vec![None; n],
            status: Invariant::ALL
                .iter()
                .map(|&invariant| InvariantStatus {
                    invariant,
                    first: None,
                    count: 0,
                })
                .collect(),
        }
    }

    /// Each property with its first violation.
    pub fn status(&self) -> &[InvariantStatus] {
        &self.status
    }

    /// The leader of each term, as elected.
    pub fn leaders(&self) -> impl Iterator<Item = (Term, NodeId)> + '_ {
        self.leaders.iter().map(|(t, n)| (*t, *n))
    }

    /// Total number of violations seen.
    pub fn violations(&self) -> u64 {
        self.status.iter().map(|s| s.count).sum()
    }

    fn report(&mut self, at: SimTime, v: Violation, out: &mut Vec<Violation>) {
        let s = &mut self.status[v.invariant() as usize];
        s.count += 1;
        if s.first.is_none() {
            s.first = Some((at, v.clone()));
        }
        out.push(v);
    }

    /// Checks what `event` changed; `nodes` is the cluster right after the event.
    /// Violations found are appended to `out`.
    pub fn observe(
        &mut self,
        at: SimTime,
        event: &EventKind,
        nodes: &[RaftNode],
        out: &mut Vec<Violation>,
    ) {
        match *event {
            EventKind::Role {
                node,
                role: Role::Leader,
                term,
                ..
            } => self.on_leader(at, node, term, nodes, out),
            EventKind::Append {
                node, first, last, ..
            } => self.on_append(at, node, first, last, nodes, out),
            EventKind::Truncate { node, from, .. } => {
                let n = &nodes[node.index()];
                if n.role() == Role::Leader {
                    let v = Violation::LeaderTruncated {
                        node,
                        term: n.term(),
                        from,
                    };
                    self.report(at, v, out);
                }
            }
            EventKind::Commit {
                node, commit_index, ..
            } => self.on_commit(at, node, commit_index, nodes, out),
            EventKind::Apply {
                node,
                index,
                term,
                hash,
                ..
            } => {
                let seen = Seen { hash, term, node };
                self.on_applied(at, index, seen, out)
            }
            EventKind::InstallSnapshot { node, index, term } => {
                let hash = nodes[node.index()].log().snapshot().hash;
                self.commit_seen[node.index()] = index;
                self.on_applied(at, index, Seen { hash, term, node }, out);
            }
            EventKind::Net(NetEvent::Crash { node } | NetEvent::Restart { node }) => {
                self.commit_seen[node.index()] = nodes[node.index()].log().snapshot_index();
                self.leader_tail[node.index()] = None;
            }
            EventKind::Snapshot { .. } => self.prune(nodes),
            _ => {}
        }
    }

    /// Leader Append-Only, checked after every event that touched `node`.
    pub fn after_event(
        &mut self,
        at: SimTime,
        node: NodeId,
        nodes: &[RaftNode],
        out: &mut Vec<Violation>,
    ) {
        let n = &nodes[node.index()];
        let tail = &mut self.leader_tail[node.index()];
        if n.role() != Role::Leader {
            *tail = None;
            return;
        }
        let log = n.log();
        if let Some((term, last, hash)) = *tail
            && term == n.term()
            && last > log.compacted_index()
            && log.hash_at(last) != Some(hash)
        {
            let v = Violation::LeaderTruncated {
                node,
                term,
                from: last,
            };
            *tail = Some((n.term(), log.last_index(), log.last_hash()));
            self.report(at, v, out);
            return;
        }
        *tail = Some((n.term(), log.last_index(), log.last_hash()));
    }

    fn on_leader(
        &mut self,
        at: SimTime,
        node: NodeId,
        term: Term,
        nodes: &[RaftNode],
        out: &mut Vec<Violation>,
    ) {
        match self.leaders.get(&term) {
            Some(&first) if first != node => self.report(
                at,
                Violation::TwoLeaders {
                    term,
                    first,
                    second: node,
                },
                out,
            ),
            _ => {
                self.leaders.insert(term, node);
            }
        }
        // Entries committed in earlier terms must be in this leader's log. Later
        // indices are committed later, so the highest such entry covers the rest
        // (prefix hashes compare whole prefixes).
        let earlier = self.committed.iter().rev().find(|(_, c)| c.in_term < term);
        if let Some((&index, c)) = earlier {
            let seen = c.seen;
            self.leader_holds(at, node, index, seen, nodes, out);
        }
    }

    /// Leader Completeness for one committed entry and one leader.
    fn leader_holds(
        &mut self,
        at: SimTime,
        leader: NodeId,
        index: LogIndex,
        seen: Seen,
        nodes: &[RaftNode],
        out: &mut Vec<Violation>,
    ) {
        let log = nodes[leader.index()].log();
        if index < log.compacted_index() {
            return;
        }
        if log.hash_at(index) != Some(seen.hash) {
            let v = Violation::LeaderMissesCommitted {
                leader,
                term: nodes[leader.index()].term(),
                index,
                committed_term: seen.term,
            };
            self.report(at, v, out);
        }
    }

    fn on_append(
        &mut self,
        at: SimTime,
        node: NodeId,
        first: LogIndex,
        last: LogIndex,
        nodes: &[RaftNode],
        out: &mut Vec<Violation>,
    ) {
        let log = nodes[node.index()].log();
        let mut i = first.max(log.first_index());
        while i <= last.min(log.last_index()) {
            let (Some(term), Some(hash)) = (log.term_at(i), log.hash_at(i)) else {
                break;
            };
            match self.entries.get(&(i, term)) {
                Some(seen) if seen.hash != hash => {
                    let v = Violation::LogsDiverge {
                        index: i,
                        term,
                        first: seen.node,
                        second: node,
                    };
                    self.report(at, v, out);
                }
                Some(_) => {}
                None => {
                    self.entries.insert((i, term), Seen { hash, term, node });
                }
            }
            i = i.next();
        }
    }

    fn on_commit(
        &mut self,
        at: SimTime,
        node: NodeId,
        commit: LogIndex,
        nodes: &[RaftNode],
        out: &mut Vec<Violation>,
    ) {
        let log = nodes[node.index()].log();
        let from = self.commit_seen[node.index()].next().max(log.first_index());
        self.commit_seen[node.index()] = commit;
        let term_of_node = nodes[node.index()].term();
        let mut i = from;
        while i <= commit.min(log.last_index()) {
            let (Some(term), Some(hash)) = (log.term_at(i), log.hash_at(i)) else {
                break;
            };
            let seen = Seen { hash, term, node };
            match self.committed.get(&i).map(|c| c.seen) {
                Some(first) if first.hash != hash => {
                    let v = Violation::CommittedTwice {
                        index: i,
                        first: first.node,
                        first_term: first.term,
                        second: node,
                        second_term: term,
                    };
                    self.report(at, v, out);
                }
                Some(_) => {}
                None => {
                    self.committed.insert(
                        i,
                        Committed {
                            seen,
                            in_term: term_of_node,
                        },
                    );
                    for leader in nodes
                        .iter()
                        .filter(|l| l.role() == Role::Leader && l.term() > term_of_node)
                    {
                        self.leader_holds(at, leader.id(), i, seen, nodes, out);
                    }
                }
            }
            i = i.next();
        }
    }

    fn on_applied(&mut self, at: SimTime, index: LogIndex, seen: Seen, out: &mut Vec<Violation>) {
        match self.applied.get(&index).copied() {
            Some(first) if first.hash != seen.hash => {
                let v = Violation::AppliedTwice {
                    index,
                    first: first.node,
                    first_term: first.term,
                    second: seen.node,
                    second_term: seen.term,
                };
                self.report(at, v, out);
            }
            Some(_) => {}
            None => {
                self.applied.insert(index, seen);
            }
        }
    }

    /// Forgets the positions no check can involve again. A server can only
    /// append, commit or apply an entry some server still holds in its log (a
    /// leader sends only what it holds; new entries go past every log), so
    /// what matters is each log's uncompacted range, plus each snapshot's
    /// last index (installing a snapshot is checked there) and the highest
    /// committed entry (new leaders are checked against it). Lagging servers
    /// (down, paused or cut off) keep only their own range alive: their logs
    /// are frozen, so the checker's memory stays bounded however long they lag.
    fn prune(&mut self, nodes: &[RaftNode]) {
        let held: Vec<(LogIndex, LogIndex, LogIndex)> = nodes
            .iter()
            .map(|n| {
                let log = n.log();
                (
                    log.compacted_index(),
                    log.last_index(),
                    log.snapshot_index(),
                )
            })
            .collect();
        let live = |i: LogIndex| {
            held.iter()
                .any(|&(compacted, last, snapshot)| (compacted < i && i <= last) || i == snapshot)
        };
        let top = self.committed.get_max().map(|(i, _)| *i);
        retain(&mut self.entries, |&(i, _)| live(i));
        retain(&mut self.committed, |&i| live(i) || Some(i) == top);
        retain(&mut self.applied, |&i| live(i));
    }

    /// How many log positions the checker remembers (entries seen, committed
    /// and applied): bounded by the servers' uncompacted logs.
    pub fn remembered(&self) -> usize {
        self.entries.len() + self.committed.len() + self.applied.len()
    }
}

/// Removes the keys of `map` that `keep` refuses, one by one, so that the
/// parts of the map left untouched stay shared with its clones.
fn retain<K: Ord + Clone, V: Clone>(map: &mut OrdMap<K, V>, keep: impl Fn(&K) -> bool) {
    let gone: Vec<K> = map.keys().filter(|k| !keep(k)).cloned().collect();
    for k in gone {
        map.remove(&k);
    }
}

#[cfg(test)]
mod tests {
    use crate::net::{NetAction, NodeRef};
    use crate::protocols::raft::RaftConfig;
    use crate::protocols::raft::cluster::{Cluster, ClusterConfig, Workload};
    use crate::sim::{NodeId, SimTime};

    #[test]
    fn a_server_down_for_long_does_not_make_the_checker_grow() {
        let cluster = Cluster::new(ClusterConfig {
            raft: RaftConfig {
                snapshot_threshold: 20,
                ..RaftConfig::default()
            },
            workload: Some(Workload {
                clients: 3,
                rate: 20.0,
                ..Workload::default()
            }),
            ..ClusterConfig::default()
        });
        let mut c = crate::sim::Run::new(cluster, Vec::new());
        c.set_tracing(false);
        c.run_until(SimTime::from_millis(1_000));
        c.act(NetAction::Crash(NodeRef::Id(NodeId(5))).into());
        c.run_until(SimTime::from_millis(30_000));
        let early = c.world().checker().remembered();
        let mut most = 0;
        for s in [60, 90, 120] {
            c.run_until(SimTime::from_millis(s * 1000));
            most = most.max(c.world().checker().remembered());
        }
        assert!(
            c.world().node(NodeId(1)).log().last_index().0 > 2_000,
            "a long run"
        );
        assert!(
            most <= 2 * early,
            "{early} positions at 30 s, up to {most} later"
        );
        assert!(c.world().violations().is_empty());
    }
}
