//! The client history a page lists, read from recent trace events: each
//! operation with when it was sent and answered, what it returned, and the
//! freshness monitor's verdict on it (a stale read, a new–old inversion, a
//! lost write), as the `client`, `stale_read`, `inversion` and `lost_write`
//! events report them.

use super::event::{EventKind, NwrEvent};
use super::version::Version;
use crate::client::ClientPhase;
use crate::sim::{NodeId, SimTime};
use std::sync::Arc;

/// How an operation ended, so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Sent; no answer yet.
    Pending,
    /// Answered, and the monitor flagged nothing.
    Fresh,
    /// A read older than a write completed before it began.
    Stale(Version),
    /// A read older than a read completed before it began.
    Inversion(Version),
    /// An acknowledged write below a write completed before it began.
    Lost(Version),
    /// The coordinator gave up (or the client did).
    Failed,
}

impl Outcome {
    /// Whether the monitor flagged it: the history is not linearizable.
    pub fn is_anomaly(self) -> bool {
        matches!(
            self,
            Outcome::Stale(_) | Outcome::Inversion(_) | Outcome::Lost(_)
        )
    }
}

/// One client operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub client: u32,
    /// `set` (a put) or `get`.
    pub op: &'static str,
    pub key: Arc<str>,
    pub value: Option<Arc<str>>,
    /// The coordinator the client contacted.
    pub node: Option<NodeId>,
    pub sent: SimTime,
    pub answered: Option<SimTime>,
    /// What a read returned (`None`: nothing stored), or the value written.
    pub result: Option<Arc<str>>,
    pub outcome: Outcome,
}

/// The operations in `events` (oldest first), newest first, at most `limit`.
/// An operation whose sending is no longer among the events is left out.
pub fn rows<'a>(events: impl IntoIterator<Item = &'a NwrEvent>, limit: usize) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let open = |rows: &mut Vec<Row>, client: u32| {
        rows.iter()
            .rposition(|r| r.client == client && r.outcome == Outcome::Pending)
    };
    let answered = |rows: &mut Vec<Row>, client: u32| {
        rows.iter()
            .rposition(|r| r.client == client && r.outcome != Outcome::Pending)
    };
    for e in events {
        match &e.kind {
            EventKind::Client(c) => match c.phase {
                ClientPhase::Invoke => rows.push(Row {
                    client: c.client,
                    op: c.op,
                    key: c.key.clone(),
                    value: c.value.clone(),
                    node: c.node,
                    sent: e.at,
                    answered: None,
                    result: None,
                    outcome: Outcome::Pending,
                }),
                phase => {
                    if let Some(i) = open(&mut rows, c.client) {
                        let r = &mut rows[i];
                        r.answered = Some(e.at);
                        r.result = c.result.clone();
                        r.outcome = if phase == ClientPhase::Ok {
                            Outcome::Fresh
                        } else {
                            Outcome::Failed
                        };
                    }
                }
            },
            EventKind::StaleRead { client, newer, .. }
            | EventKind::Inversion { client, newer, .. }
            | EventKind::LostWrite { client, newer, .. } => {
                if let Some(i) = answered(&mut rows, *client) {
                    rows[i].outcome = match &e.kind {
                        EventKind::StaleRead { .. } => Outcome::Stale(*newer),
                        EventKind::Inversion { .. } => Outcome::Inversion(*newer),
                        _ => Outcome::Lost(*newer),
                    };
                }
            }
            _ => {}
        }
    }
    rows.into_iter().rev().take(limit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::NetAction;
    use crate::protocols::nwr::{Action, NwrSetup, NwrWorld};
    use crate::sim::{Run, World};

    #[test]
    fn a_stale_read_is_flagged_on_its_row_and_pending_ones_wait() {
        // W = R = 1 of N = 3, and the write's copy for the third replica
        // cut off: a read there after the write completed misses it.
        let mut setup = NwrSetup::default();
        setup.nwr.w = 1;
        setup.nwr.r = 1;
        let mut run = Run::new(NwrWorld::new(setup), Vec::new());
        let replicas = run.world().replicas("x");
        run.act(
            NetAction::Cut {
                from: replicas[0],
                to: replicas[2],
                both: true,
            }
            .into(),
        );
        run.act(Action::Put {
            node: Some(replicas[0]),
            key: "x".into(),
            value: "1".into(),
        });
        run.run_until(SimTime::from_millis(100));
        run.act(Action::Get {
            node: Some(replicas[2]),
            key: "x".into(),
        });
        run.run_until(SimTime::from_millis(200));
        run.act(Action::Get {
            node: None,
            key: "x".into(),
        });
        let all = rows(run.world().trace(), 10);
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].outcome, Outcome::Pending, "newest first");
        assert_eq!((all[2].op, all[2].outcome), ("set", Outcome::Fresh));
        assert_eq!(all[2].result.as_deref(), Some("1"));
        let read = &all[1];
        assert_eq!(read.op, "get");
        assert!(read.outcome.is_anomaly(), "{read:?}");
        assert_eq!(read.result, None);
        assert!(read.answered.unwrap() > read.sent);
        assert_eq!(rows(run.world().trace(), 1).len(), 1);
    }
}
