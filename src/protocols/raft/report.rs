//! A finished Raft run, summarised: leaders per term, committed entries,
//! state per server, message counts, invariant results, linearizability,
//! expectations, and a fingerprint of the trace.

use super::Raft;
use super::cluster::{Cluster, Health};
use super::scenario::Expect;
use super::trace::explain_violation;
use crate::check::{DEFAULT_BUDGET, LinearizabilityError, check_history_within};
use crate::lang::Lang;
use crate::protocol::Scenario;
use crate::report::{CheckRecord, Linearizable, Summarize, TraceHash, UndecidedRecord};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct LeaderRecord {
    pub term: u64,
    pub node: u16,
}

#[derive(Clone, Debug, Serialize)]
pub struct EntryRecord {
    pub index: u64,
    pub term: u64,
    pub command: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct NodeRecord {
    pub node: u16,
    pub up: bool,
    pub role: &'static str,
    pub term: u64,
    pub voted_for: Option<u16>,
    pub last_index: u64,
    pub snapshot_index: u64,
    pub commit_index: u64,
    pub applied_index: u64,
    pub state: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct InvariantRecord {
    pub name: &'static str,
    pub ok: bool,
    pub violations: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClientRecord {
    pub completed: u64,
    pub pending: usize,
    pub operations: usize,
    pub linearizable: Linearizable,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linearizability_error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undecided: Option<UndecidedRecord>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub protocol: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub seed: u64,
    pub nodes: usize,
    pub stop_ms: f64,
    pub events: u64,
    pub trace_events: u64,
    pub trace_hash: String,
    pub leaders: Vec<LeaderRecord>,
    pub commit_index: u64,
    pub committed: Vec<EntryRecord>,
    pub servers: Vec<NodeRecord>,
    pub messages: BTreeMap<&'static str, BTreeMap<&'static str, u64>>,
    pub invariants: Vec<InvariantRecord>,
    pub clients: ClientRecord,
    pub expectations: Vec<CheckRecord>,
    pub ok: bool,
}

fn committed_entries(cluster: &Cluster) -> (u64, Vec<EntryRecord>) {
    let Some(best) = cluster
        .nodes()
        .iter()
        .max_by_key(|n| (n.commit_index(), std::cmp::Reverse(n.id())))
    else {
        return (0, Vec::new());
    };
    let entries = best
        .log()
        .entries()
        .take_while(|(i, _)| *i <= best.commit_index())
        .map(|(index, e)| EntryRecord {
            index: index.0,
            term: e.term.0,
            command: e.command.to_string(),
        })
        .collect();
    (best.commit_index().0, entries)
}

fn evaluate(
    expect: &Expect,
    cluster: &Cluster,
    lin: &Result<(), LinearizabilityError>,
) -> Vec<CheckRecord> {
    let mut checks = Vec::new();
    if let Some(want) = &expect.violations {
        let got: std::collections::BTreeSet<_> = cluster
            .checker()
            .status()
            .iter()
            .filter(|s| s.count > 0)
            .map(|s| s.invariant)
            .collect();
        let names = |set: &std::collections::BTreeSet<super::trace::Invariant>| {
            set.iter().map(|i| i.name()).collect::<Vec<_>>().join(", ")
        };
        checks.push(CheckRecord {
            check: "violations".into(),
            ok: &got == want,
            detail: format!("expected [{}], got [{}]", names(want), names(&got)),
        });
    }
    if let Some(want) = expect.leader_at_end {
        let got = cluster.leader();
        checks.push(CheckRecord {
            check: "leader_at_end".into(),
            ok: got.is_some() == want,
            detail: format!(
                "leader at end: {}",
                got.map_or("none".into(), |n| n.to_string())
            ),
        });
    }
    if let Some(want) = expect.min_commit {
        let got = cluster
            .nodes()
            .iter()
            .map(|n| n.commit_index().0)
            .max()
            .unwrap_or(0);
        checks.push(CheckRecord {
            check: "min_commit".into(),
            ok: got >= want,
            detail: format!("highest commit index {got}, expected at least {want}"),
        });
    }
    if let Some(want) = expect.linearizable {
        let (ok, detail) = match lin {
            Err(e) if e.is_undecided() => (
                false,
                format!(
                    "linearizable: unknown ({e}); expected {want}, which could not be confirmed"
                ),
            ),
            _ => {
                let got = lin.is_ok();
                (got == want, format!("linearizable: {got}"))
            }
        };
        checks.push(CheckRecord {
            check: "linearizable".into(),
            ok,
            detail,
        });
    }
    if let Some(want) = expect.leader {
        let got = cluster.leader();
        checks.push(CheckRecord {
            check: "leader".into(),
            ok: got == Some(want),
            detail: format!(
                "leader at end: {}, expected {want}",
                got.map_or("none".into(), |n| n.to_string())
            ),
        });
    }
    if let Some(want) = expect.elections {
        let got = cluster.checker().leaders().count() as u64;
        checks.push(CheckRecord {
            check: "elections".into(),
            ok: got == want,
            detail: format!("{got} terms elected a leader, expected {want}"),
        });
    }
    if let Some(m) = &expect.min_delivered {
        for (kind, &want) in m {
            let got = cluster.stats().delivered.get(kind).copied().unwrap_or(0);
            checks.push(CheckRecord {
                check: format!("min_delivered.{}", kind.name()),
                ok: got >= want,
                detail: format!("{got} {} delivered, expected at least {want}", kind.name()),
            });
        }
    }
    if let Some(kv) = &expect.kv {
        for (key, want) in kv {
            let bad: Vec<String> = cluster
                .nodes()
                .iter()
                .filter(|n| cluster.health(n.id()) != Health::Down)
                .filter(|n| n.state().get(key).map(|v| v.to_string()) != *want)
                .map(|n| n.id().to_string())
                .collect();
            checks.push(CheckRecord {
                check: format!("kv.{key}"),
                ok: bad.is_empty(),
                detail: if bad.is_empty() {
                    format!("{key} = {want:?} on every running server")
                } else {
                    format!("{key} differs from {want:?} on {}", bad.join(", "))
                },
            });
        }
    }
    checks
}

/// Summarises a finished run, checking linearizability with the default budget.
pub fn summarize(scenario: &Scenario<Raft>, cluster: &Cluster, hash: &TraceHash) -> Summary {
    summarize_within(scenario, cluster, hash, DEFAULT_BUDGET)
}

/// Summarises a finished run; the linearizability checker explores at most
/// `budget` configurations per key.
pub fn summarize_within(
    scenario: &Scenario<Raft>,
    cluster: &Cluster,
    hash: &TraceHash,
    budget: u64,
) -> Summary {
    let (commit_index, committed) = committed_entries(cluster);
    let lin = check_history_within(cluster.clients().history(), budget);
    let stats = cluster.stats();
    let by_name =
        |m: &BTreeMap<super::MsgKind, u64>| m.iter().map(|(k, v)| (k.name(), *v)).collect();
    let messages = BTreeMap::from([
        ("sent", by_name(&stats.sent)),
        ("delivered", by_name(&stats.delivered)),
        ("dropped", by_name(&stats.dropped)),
    ]);
    let invariants = cluster
        .checker()
        .status()
        .iter()
        .map(|s| InvariantRecord {
            name: s.invariant.name(),
            ok: s.count == 0,
            violations: s.count,
            first: s.first.as_ref().map(|(t, v)| {
                format!(
                    "at {:.3} ms: {}",
                    t.as_millis_f64(),
                    explain_violation(v, Lang::En)
                )
            }),
        })
        .collect();
    let servers = cluster
        .nodes()
        .iter()
        .map(|n| NodeRecord {
            node: n.id().0,
            up: cluster.health(n.id()) != Health::Down,
            role: n.role().name(),
            term: n.term().0,
            voted_for: n.voted_for().map(|v| v.0),
            last_index: n.log().last_index().0,
            snapshot_index: n.log().snapshot_index().0,
            commit_index: n.commit_index().0,
            applied_index: n.applied_index().0,
            state: n
                .state()
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        })
        .collect();
    let expectations = evaluate(&scenario.expect, cluster, &lin);
    let ok = expectations.iter().all(|c| c.ok);
    Summary {
        protocol: "raft",
        name: scenario.name.clone(),
        seed: scenario.setup.seed,
        nodes: scenario.setup.nodes,
        stop_ms: scenario.stop.as_millis_f64(),
        events: stats.events,
        trace_events: hash.count(),
        trace_hash: hash.hex(),
        leaders: cluster
            .checker()
            .leaders()
            .map(|(t, n)| LeaderRecord {
                term: t.0,
                node: n.0,
            })
            .collect(),
        commit_index,
        committed,
        servers,
        messages,
        invariants,
        clients: ClientRecord {
            completed: cluster.clients().completed(),
            pending: cluster.clients().pending().len(),
            operations: cluster.clients().history().len(),
            linearizable: Linearizable::of(&lin),
            undecided: UndecidedRecord::of(&lin),
            linearizability_error: lin.err().map(|e| e.to_string()),
        },
        expectations,
        ok,
    }
}

impl Summarize for Raft {
    type Summary = Summary;
    fn summarize(scenario: &Scenario<Raft>, world: &Cluster, hash: &TraceHash) -> Summary {
        summarize(scenario, world, hash)
    }
    fn summarize_within(
        scenario: &Scenario<Raft>,
        world: &Cluster,
        hash: &TraceHash,
        check_budget: u64,
    ) -> Summary {
        summarize_within(scenario, world, hash, check_budget)
    }
    fn expectations(summary: &Summary) -> &[CheckRecord] {
        &summary.expectations
    }
}
