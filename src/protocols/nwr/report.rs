//! A finished Quorum NWR run, summarised: the settings and what they
//! promise, each key's value on each of its replicas, hints still held,
//! message counts, client outcomes with linearizability (checked on the
//! client history), stale reads, inversions and lost writes, and the
//! expectations.

use super::scenario::Expect;
use super::{Health, MsgKind, Nwr, NwrWorld};
use crate::check::check_history;
use crate::protocol::Scenario;
use crate::report::{CheckRecord, Summarize, TraceHash};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The settings, and whether they give fresh reads and atomic operations.
#[derive(Clone, Debug, Serialize)]
pub struct SettingsRecord {
    pub n: usize,
    pub w: usize,
    pub r: usize,
    pub read_repair: &'static str,
    pub two_phase_writes: bool,
    pub sloppy_quorum: bool,
    /// W + R > N with strict quorums: a read sees every write completed before it.
    pub fresh_reads: bool,
    /// Fresh reads, two-phase writes and blocking read repair: linearizable.
    pub atomic: bool,
}

/// One replica's copy of a key.
#[derive(Clone, Debug, Serialize)]
pub struct CopyRecord {
    pub node: u16,
    pub up: bool,
    pub value: Option<String>,
    /// The version as "(counter,Sid)".
    pub version: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KeyRecord {
    pub replicas: Vec<u16>,
    pub copies: Vec<CopyRecord>,
    /// Whether every replica holds the same version.
    pub converged: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClientRecord {
    pub operations: usize,
    pub ok: u64,
    pub failed: u64,
    pub pending: usize,
    pub stale_reads: u64,
    pub inversions: u64,
    pub lost_writes: u64,
    pub linearizable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linearizability_error: Option<String>,
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
    pub settings: SettingsRecord,
    pub keys: BTreeMap<String, KeyRecord>,
    /// Hints stand-ins still hold.
    pub hints: usize,
    pub writes_done: u64,
    pub messages: BTreeMap<&'static str, BTreeMap<&'static str, u64>>,
    pub clients: ClientRecord,
    pub expectations: Vec<CheckRecord>,
    pub ok: bool,
}

/// Every key any server stores or any client touched, in order.
fn keys(world: &NwrWorld) -> BTreeSet<String> {
    let stored = world
        .nodes()
        .iter()
        .flat_map(|n| n.store().map(|(k, _)| k.to_string()));
    let asked = world.clients().history().iter().map(|h| h.key.to_string());
    stored.chain(asked).collect()
}

fn key_record(world: &NwrWorld, key: &str) -> KeyRecord {
    let replicas = world.replicas(key);
    let copies: Vec<CopyRecord> = replicas
        .iter()
        .map(|&id| {
            let s = world.node(id).stored(key);
            CopyRecord {
                node: id.0,
                up: world.health(id) != Health::Down,
                value: s.map(|s| s.value.to_string()),
                version: s.map(|s| s.version.to_string()),
            }
        })
        .collect();
    let converged = copies.windows(2).all(|p| p[0].version == p[1].version);
    KeyRecord {
        replicas: replicas.iter().map(|n| n.0).collect(),
        copies,
        converged,
    }
}

fn check(checks: &mut Vec<CheckRecord>, name: &str, ok: bool, detail: String) {
    checks.push(CheckRecord {
        check: name.into(),
        ok,
        detail,
    });
}

fn evaluate(expect: &Expect, world: &NwrWorld, linearizable: bool) -> Vec<CheckRecord> {
    let mut checks = Vec::new();
    let c = world.clients();
    let f = world.freshness();
    if let Some(want) = expect.linearizable {
        check(
            &mut checks,
            "linearizable",
            linearizable == want,
            format!("linearizable: {linearizable}"),
        );
    }
    if let Some(want) = expect.min_ok {
        let got = c.ok();
        check(
            &mut checks,
            "min_ok",
            got >= want,
            format!("{got} operations succeeded, expected at least {want}"),
        );
    }
    if let Some(want) = expect.failed {
        let got = c.failed();
        check(
            &mut checks,
            "failed",
            got == want,
            format!("{got} operations failed, expected {want}"),
        );
    }
    if let Some(want) = expect.stale_reads {
        let got = f.stale_reads();
        check(
            &mut checks,
            "stale_reads",
            got == want,
            format!("{got} stale reads, expected {want}"),
        );
    }
    if let Some(want) = expect.max_stale_reads {
        let got = f.stale_reads();
        check(
            &mut checks,
            "max_stale_reads",
            got <= want,
            format!("{got} stale reads, expected at most {want}"),
        );
    }
    if let Some(want) = expect.inversions {
        let got = f.inversions();
        check(
            &mut checks,
            "inversions",
            got == want,
            format!("{got} new–old inversions, expected {want}"),
        );
    }
    if let Some(want) = expect.lost_writes {
        let got = f.lost_writes();
        check(
            &mut checks,
            "lost_writes",
            got == want,
            format!("{got} lost writes, expected {want}"),
        );
    }
    if let Some(kv) = &expect.kv {
        for (key, want) in kv {
            let bad: Vec<String> = world
                .replicas(key)
                .into_iter()
                .filter(|&id| world.health(id) != Health::Down)
                .filter(|&id| world.node(id).stored(key).map(|s| s.value.to_string()) != *want)
                .map(|id| id.to_string())
                .collect();
            let detail = if bad.is_empty() {
                format!("{key} = {want:?} on every running replica")
            } else {
                format!("{key} differs from {want:?} on {}", bad.join(", "))
            };
            check(&mut checks, &format!("kv.{key}"), bad.is_empty(), detail);
        }
    }
    checks
}

/// Summarises a finished run.
pub fn summarize(scenario: &Scenario<Nwr>, world: &NwrWorld, hash: &TraceHash) -> Summary {
    let lin = check_history(world.clients().history());
    let linearizable = lin.is_ok();
    let cfg = &world.setup().nwr;
    let stats = world.stats();
    let by_name = |m: &BTreeMap<MsgKind, u64>| m.iter().map(|(k, v)| (k.name(), *v)).collect();
    let messages = BTreeMap::from([
        ("sent", by_name(&stats.sent)),
        ("delivered", by_name(&stats.delivered)),
        ("dropped", by_name(&stats.dropped)),
    ]);
    let expectations = evaluate(&scenario.expect, world, linearizable);
    let c = world.clients();
    Summary {
        protocol: "nwr",
        name: scenario.name.clone(),
        seed: scenario.setup.seed,
        nodes: world.setup().nodes,
        stop_ms: scenario.stop.as_millis_f64(),
        events: stats.events,
        trace_events: hash.count(),
        trace_hash: hash.hex(),
        settings: SettingsRecord {
            n: cfg.n,
            w: cfg.w,
            r: cfg.r,
            read_repair: cfg.read_repair.name(),
            two_phase_writes: cfg.two_phase_writes,
            sloppy_quorum: cfg.sloppy_quorum,
            fresh_reads: cfg.fresh_reads(),
            atomic: cfg.atomic(),
        },
        keys: keys(world)
            .into_iter()
            .map(|k| (k.clone(), key_record(world, &k)))
            .collect(),
        hints: world.nodes().iter().map(|n| n.hints().count()).sum(),
        writes_done: world.writes_done(),
        messages,
        clients: ClientRecord {
            operations: c.history().len(),
            ok: c.ok(),
            failed: c.failed(),
            pending: c.pending().len(),
            stale_reads: world.freshness().stale_reads(),
            inversions: world.freshness().inversions(),
            lost_writes: world.freshness().lost_writes(),
            linearizable,
            linearizability_error: lin.err().map(|e| e.to_string()),
        },
        ok: expectations.iter().all(|c| c.ok),
        expectations,
    }
}

impl Summarize for Nwr {
    type Summary = Summary;
    fn summarize(scenario: &Scenario<Nwr>, world: &NwrWorld, hash: &TraceHash) -> Summary {
        summarize(scenario, world, hash)
    }
    fn expectations(summary: &Summary) -> &[CheckRecord] {
        &summary.expectations
    }
}
