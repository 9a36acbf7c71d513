//! Running a gossip scenario to its stop time and summarising the outcome:
//! per rumor the time and rounds to reach 50 / 99 / 100 % of the live nodes,
//! its residue and redundant receptions; messages by kind; with SWIM, each
//! crash's first detection and the false positives; what theory predicts
//! for the same settings; expectations; and a fingerprint of the trace.

use super::scenario::Expect;
use super::theory::{
    pittel_push_rounds, push_pull_rounds, stop_model, swim_first_detection_periods,
};
use super::{Gossip, GossipConfig, GossipWorld, MILESTONES, Mode, MsgKind, Reach, StopRule};
use crate::protocol::Scenario;
use crate::report::{CheckRecord, Summarize, TraceHash};
use crate::sim::SimTime;
use serde::Serialize;
use std::collections::BTreeMap;

/// When a rumor reached a milestone.
#[derive(Clone, Debug, Serialize)]
pub struct ReachRecord {
    pub at_ms: f64,
    /// Time since the rumor started.
    pub after_ms: f64,
    /// Rounds since the rumor started, its first round counting as 1.
    pub rounds: u32,
}

impl From<Reach> for ReachRecord {
    fn from(r: Reach) -> Self {
        ReachRecord {
            at_ms: r.at.as_millis_f64(),
            after_ms: r.after.as_millis_f64(),
            rounds: r.rounds,
        }
    }
}

/// The milestones of one rumor, in percent of live nodes (null: not reached).
#[derive(Clone, Debug, Serialize)]
pub struct MilestoneRecord {
    #[serde(rename = "50")]
    pub half: Option<ReachRecord>,
    #[serde(rename = "99")]
    pub nearly_all: Option<ReachRecord>,
    #[serde(rename = "100")]
    pub all: Option<ReachRecord>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RumorRecord {
    pub rumor: u32,
    pub key: String,
    pub value: String,
    pub version: u32,
    pub origin: u16,
    pub started_ms: f64,
    pub reached: MilestoneRecord,
    /// Live nodes that know it (or a newer version of its key) at the end.
    pub informed: u32,
    /// Fraction of live nodes never reached, at the end.
    pub residue: f64,
    /// Receptions by nodes that already knew it.
    pub redundant: u64,
}

/// A crash and how SWIM noticed it.
#[derive(Clone, Debug, Serialize)]
pub struct FailureRecord {
    pub node: u16,
    pub crashed_ms: f64,
    /// From the crash until some live node suspected it (null: never).
    pub first_detection_ms: Option<f64>,
    /// From the crash until no live node held it alive or suspect (null: not yet).
    pub full_detection_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restarted_ms: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SwimRecord {
    pub failures: Vec<FailureRecord>,
    /// Live nodes wrongly suspected, and wrongly declared dead.
    pub false_positives: BTreeMap<&'static str, u64>,
}

/// What theory predicts for the run's settings, where it has a formula.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TheoryRecord {
    /// Push (Pittel: log2 n + ln n) or push-pull (Karp et al.: log3 n, plus
    /// O(log log n)) with fan-out 1, spreading forever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounds_to_all: Option<f64>,
    /// Push with fan-out 1 and a coin or counter stop rule: Demers et al.'s
    /// equation, or with cycle feedback and the counter rule their Table 1
    /// (k ≤ 5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub residue: Option<f64>,
    /// With `residue`: the pushes sent per node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traffic: Option<f64>,
    /// SWIM: mean protocol periods until a crashed member is first probed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_detection_periods: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GossipSummary {
    pub protocol: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub seed: u64,
    pub nodes: usize,
    pub spare: usize,
    pub stop_ms: f64,
    pub events: u64,
    pub trace_events: u64,
    pub trace_hash: String,
    /// Nodes up when the run stops.
    pub live: usize,
    /// The round in progress when the run stops.
    pub round: u32,
    pub rumors: Vec<RumorRecord>,
    pub messages: BTreeMap<&'static str, BTreeMap<&'static str, u64>>,
    pub infections: u64,
    pub redundant: u64,
    pub removals: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub swim: Option<SwimRecord>,
    pub theory: TheoryRecord,
    pub expectations: Vec<CheckRecord>,
    pub ok: bool,
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Theory for the initial settings; the spreading formulas only when a rumor was started.
fn theory(cfg: &GossipConfig, rumors: bool) -> TheoryRecord {
    let n = cfg.nodes;
    let spread = &cfg.spread;
    let simple = rumors && spread.fanout == 1;
    let rounds_to_all = match (spread.mode, spread.stop) {
        (Mode::Push, StopRule::Forever) if simple => Some(pittel_push_rounds(n)),
        (Mode::PushPull, StopRule::Forever) if simple => Some(push_pull_rounds(n)),
        _ => None,
    };
    let stop = stop_model(spread).filter(|_| rumors);
    let first_detection_periods =
        (cfg.swim.enabled && n >= 2).then(|| swim_first_detection_periods(n));
    TheoryRecord {
        rounds_to_all: rounds_to_all.map(round3),
        residue: stop.map(|m| round3(m.residue)),
        traffic: stop.map(|m| round3(m.traffic)),
        first_detection_periods: first_detection_periods.map(round3),
    }
}

fn rumors(world: &GossipWorld) -> Vec<RumorRecord> {
    world
        .rumors()
        .iter()
        .map(|r| {
            let stats = world.rumor_stats(r.id);
            let reach = |pct| stats.reach(pct).map(ReachRecord::from);
            RumorRecord {
                rumor: r.id.0,
                key: r.key.to_string(),
                value: r.value.to_string(),
                version: r.version,
                origin: r.origin.0,
                started_ms: r.started_at.as_millis_f64(),
                reached: MilestoneRecord {
                    half: reach(MILESTONES[0]),
                    nearly_all: reach(MILESTONES[1]),
                    all: reach(MILESTONES[2]),
                },
                informed: stats.informed,
                residue: (world.residue(r.id) * 1e6).round() / 1e6,
                redundant: stats.redundant,
            }
        })
        .collect()
}

/// Detection of crashes, if SWIM was on at the start or at the end.
fn swim(world: &GossipWorld, on_at_start: bool) -> Option<SwimRecord> {
    if !on_at_start && !world.config().swim.enabled {
        return None;
    }
    let ms = |t: SimTime| t.as_millis_f64();
    let failures = world
        .failures()
        .iter()
        .map(|f| FailureRecord {
            node: f.node.0,
            crashed_ms: ms(f.crashed_at),
            first_detection_ms: f.first_detection().map(|d| d.as_millis_f64()),
            full_detection_ms: f.full_detection().map(|d| d.as_millis_f64()),
            restarted_ms: f.restarted_at.map(ms),
        })
        .collect();
    let fp = world.false_positives();
    Some(SwimRecord {
        failures,
        false_positives: BTreeMap::from([
            ("suspected", fp.suspected),
            ("declared_dead", fp.declared_dead),
        ]),
    })
}

fn check(checks: &mut Vec<CheckRecord>, name: &str, ok: bool, detail: String) {
    checks.push(CheckRecord {
        check: name.into(),
        ok,
        detail,
    });
}

fn evaluate(expect: &Expect, world: &GossipWorld) -> Vec<CheckRecord> {
    let mut checks = Vec::new();
    let live = world.live_count() as u32;
    let ids: Vec<_> = world.rumors().ids().collect();
    if let Some(want) = expect.all_informed {
        let missing: Vec<String> = ids
            .iter()
            .map(|&r| (r, live.saturating_sub(world.rumor_stats(r).informed)))
            .filter(|(_, m)| *m > 0)
            .map(|(r, m)| format!("rumor {r} is missing at {m} of {live} live nodes"))
            .collect();
        let got = !ids.is_empty() && missing.is_empty();
        let detail = if ids.is_empty() {
            "no rumor was started".to_string()
        } else if missing.is_empty() {
            match ids.len() {
                1 => "every live node knows the rumor".to_string(),
                n => format!("every live node knows all {n} rumors"),
            }
        } else {
            missing.join("; ")
        };
        check(&mut checks, "all_informed", got == want, detail);
    }
    if let Some(want) = expect.max_rounds {
        let rounds: Vec<_> = ids
            .iter()
            .map(|&r| (r, world.rumor_stats(r).reach(100).map(|x| x.rounds)))
            .collect();
        let slowest = rounds.iter().map(|(_, n)| *n).max();
        let (ok, detail) = match (rounds.iter().find(|(_, n)| n.is_none()), slowest) {
            (_, None) => (false, "no rumor was started".to_string()),
            (Some((r, _)), _) => (false, format!("rumor {r} never reached every live node")),
            (None, Some(worst)) => {
                let worst = worst.unwrap_or_default();
                let which = match ids.len() {
                    1 => "the rumor".to_string(),
                    n => format!("the slowest of {n} rumors"),
                };
                (
                    u64::from(worst) <= want,
                    format!(
                        "{which} reached every live node in {worst} rounds, expected at most {want}"
                    ),
                )
            }
        };
        check(&mut checks, "max_rounds", ok, detail);
    }
    if let Some(want) = expect.residue_max {
        let worst = ids
            .iter()
            .map(|&r| (r, world.residue(r)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let (ok, detail) = match worst {
            Some((r, s)) => (
                s <= want,
                format!("largest residue {s:.4} (rumor {r}), expected at most {want}"),
            ),
            None => (true, "no rumor was started".to_string()),
        };
        check(&mut checks, "residue_max", ok, detail);
    }
    if let Some(want) = expect.false_positives {
        let fp = world.false_positives();
        let got = fp.suspected + fp.declared_dead;
        check(
            &mut checks,
            "false_positives",
            got == want,
            format!(
                "{} false suspicions and {} false death declarations, expected {want} in all",
                fp.suspected, fp.declared_dead
            ),
        );
    }
    let failures = world.failures();
    let detected = failures
        .iter()
        .filter(|f| f.first_suspected.is_some())
        .count();
    if let Some(want) = expect.detected {
        let ok = if want {
            !failures.is_empty() && detected == failures.len()
        } else {
            detected == 0
        };
        let detail = format!("{detected} of {} crashes detected", failures.len());
        check(&mut checks, "detected", ok, detail);
    }
    if let Some(want) = expect.max_detection {
        let times: Vec<_> = failures.iter().map(|f| f.first_detection()).collect();
        let want_ms = want.as_millis_f64();
        let (ok, detail) = if times.is_empty() {
            (false, "no node crashed".to_string())
        } else if times.iter().any(Option::is_none) {
            (
                false,
                format!("{detected} of {} crashes detected", failures.len()),
            )
        } else {
            let worst = times.iter().flatten().max().copied().unwrap_or_default();
            (
                worst <= want,
                format!(
                    "slowest first detection {:.3} ms, expected at most {want_ms} ms",
                    worst.as_millis_f64()
                ),
            )
        };
        check(&mut checks, "max_detection_ms", ok, detail);
    }
    checks
}

fn by_kind(counts: &[u64; MsgKind::COUNT]) -> BTreeMap<&'static str, u64> {
    MsgKind::ALL
        .iter()
        .filter(|k| counts[k.index()] > 0)
        .map(|k| (k.name(), counts[k.index()]))
        .collect()
}

/// Summarises a finished gossip run of `scenario`.
pub fn summarize_gossip(
    scenario: &Scenario<Gossip>,
    world: &GossipWorld,
    hash: &TraceHash,
) -> GossipSummary {
    let cfg = world.config();
    let c = world.counters();
    let expectations = evaluate(&scenario.expect, world);
    let ok = expectations.iter().all(|c| c.ok);
    let initial = &scenario.setup;
    GossipSummary {
        protocol: "gossip",
        name: scenario.name.clone(),
        seed: cfg.seed,
        nodes: cfg.nodes,
        spare: cfg.spare,
        stop_ms: scenario.stop.as_millis_f64(),
        events: c.events,
        trace_events: hash.count(),
        trace_hash: hash.hex(),
        live: world.live_count(),
        round: world.round(),
        rumors: rumors(world),
        messages: BTreeMap::from([
            ("sent", by_kind(&c.sent)),
            ("delivered", by_kind(&c.delivered)),
            ("dropped", by_kind(&c.dropped)),
        ]),
        infections: c.infections,
        redundant: c.redundant,
        removals: c.removals,
        swim: swim(world, initial.swim.enabled),
        theory: theory(initial, !world.rumors().is_empty()),
        expectations,
        ok,
    }
}

impl Summarize for Gossip {
    type Summary = GossipSummary;
    fn summarize(
        scenario: &Scenario<Gossip>,
        world: &GossipWorld,
        hash: &TraceHash,
    ) -> GossipSummary {
        summarize_gossip(scenario, world, hash)
    }
    fn expectations(summary: &GossipSummary) -> &[CheckRecord] {
        &summary.expectations
    }
}
