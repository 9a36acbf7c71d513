//! The log panel as data: for each server, the entries of a window of indices
//! (coloured by term, committed or not, applied or not, compacted into the
//! snapshot), its commit and applied index, and, when a leader exists, the
//! leader's nextIndex and matchIndex for it.

use crate::protocols::raft::cluster::{Cluster, Health};
use crate::protocols::raft::{LogIndex, Role};
use crate::sim::NodeId;
use crate::view::palette::{Rgb, term_color};

/// One index of one server's log.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// No entry at this index.
    Empty,
    /// Discarded: only the snapshot remembers it.
    Compacted,
    Entry {
        term: u64,
        color: Rgb,
        command: String,
        committed: bool,
        applied: bool,
        /// Covered by the server's snapshot (still kept for followers just behind).
        in_snapshot: bool,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogRow {
    pub node: NodeId,
    pub up: bool,
    pub role: Role,
    pub term: u64,
    pub cells: Vec<Cell>,
    pub last_index: u64,
    pub commit: u64,
    pub applied: u64,
    pub snapshot: u64,
    /// The leader's nextIndex and matchIndex for this server (none for the leader itself).
    pub next: Option<u64>,
    pub matched: Option<u64>,
}

/// Rows for indices `first..=last`.
#[derive(Clone, Debug, PartialEq)]
pub struct LogWindow {
    pub first: u64,
    pub last: u64,
    pub rows: Vec<LogRow>,
}

/// The highest log index any server holds.
pub fn max_index(cluster: &Cluster) -> u64 {
    cluster
        .nodes()
        .iter()
        .map(|n| n.log().last_index().0)
        .max()
        .unwrap_or(0)
}

/// The log window ending at `last` (the tail when `None`) and `width` indices wide.
pub fn log_window(cluster: &Cluster, last: Option<u64>, width: u64) -> LogWindow {
    let width = width.max(1);
    let top = max_index(cluster);
    let last = last.unwrap_or(top).min(top).max(width);
    let first = last + 1 - width;
    let leader = cluster.leader().map(|l| cluster.node(l));
    let rows = cluster
        .nodes()
        .iter()
        .map(|n| {
            let log = n.log();
            let cells = (first..=last)
                .map(|i| {
                    let idx = LogIndex(i);
                    if idx <= log.compacted_index() {
                        Cell::Compacted
                    } else if let Some(e) = log.entry(idx) {
                        Cell::Entry {
                            term: e.term.0,
                            color: term_color(e.term.0),
                            command: e.command.to_string(),
                            committed: idx <= n.commit_index(),
                            applied: idx <= n.applied_index(),
                            in_snapshot: idx <= log.snapshot_index(),
                        }
                    } else {
                        Cell::Empty
                    }
                })
                .collect();
            let progress = leader
                .filter(|l| l.id() != n.id())
                .and_then(|l| l.progress().get(n.id().index()).copied());
            LogRow {
                node: n.id(),
                up: cluster.health(n.id()) != Health::Down,
                role: n.role(),
                term: n.term().0,
                cells,
                last_index: log.last_index().0,
                commit: n.commit_index().0,
                applied: n.applied_index().0,
                snapshot: log.snapshot_index().0,
                next: progress.map(|p| p.next.0),
                matched: progress.map(|p| p.matched.0),
            }
        })
        .collect();
    LogWindow { first, last, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::NetAction;
    use crate::protocols::raft::KvOp;
    use crate::protocols::raft::cluster::{Action, ClusterConfig, NodeRef};
    use crate::sim::SimTime;
    use crate::sim::{NodeId, Run};

    #[test]
    fn rows_show_terms_commit_and_leader_progress() {
        let mut c = Run::new(Cluster::new(ClusterConfig::default()), Vec::new());
        c.run_until(SimTime::from_millis(1000));
        c.act(Action::from(NetAction::Crash(NodeRef::Id(NodeId(
            if c.world().leader() == Some(NodeId(1)) {
                2
            } else {
                1
            },
        )))));
        for i in 0..3 {
            c.act(Action::Propose {
                node: None,
                op: KvOp::Set {
                    key: "x".into(),
                    value: i.to_string().into(),
                },
            });
        }
        c.run_until(SimTime::from_millis(1500));
        let w = log_window(c.world(), None, 10);
        assert_eq!((w.first, w.last), (1, 10));
        let leader = c.world().leader().unwrap();
        let lrow = &w.rows[leader.index()];
        assert_eq!(lrow.last_index, 4, "no-op and three commands");
        assert!(
            matches!(&lrow.cells[1], Cell::Entry { committed: true, command, .. } if command == "set x 0")
        );
        assert!(matches!(lrow.cells[4], Cell::Empty));
        assert_eq!(lrow.next, None);
        let down = w.rows.iter().find(|r| !r.up).unwrap();
        assert_eq!(
            down.next,
            Some(2),
            "the leader still waits to send entry 2 to the crashed server"
        );
        assert_eq!(down.matched, Some(1));
    }

    #[test]
    fn the_window_follows_the_tail() {
        let c = Run::new(Cluster::new(ClusterConfig::default()), Vec::new());
        let w = log_window(c.world(), None, 20);
        assert_eq!(
            (w.first, w.last),
            (1, 20),
            "a fixed width, empty past the end"
        );
        assert!(
            w.rows
                .iter()
                .all(|r| r.cells.len() == 20 && r.cells.iter().all(|c| *c == Cell::Empty))
        );
        let mut c = c;
        for i in 0..30 {
            c.act(Action::Propose {
                node: None,
                op: KvOp::Set {
                    key: "k".into(),
                    value: i.to_string().into(),
                },
            });
        }
        c.run_until(SimTime::from_millis(3000));
        let top = max_index(c.world());
        assert!(top > 20);
        let w = log_window(c.world(), None, 20);
        assert_eq!((w.first, w.last), (top - 19, top));
        let w = log_window(c.world(), Some(5), 20);
        assert_eq!((w.first, w.last), (1, 20));
    }
}
