//! The parts of a scenario every protocol shares: the network section, node
//! numbers, partitions and links, delays, and the checks that give each
//! error its field path and allowed range.

use super::error::Errors;
use crate::msg;
use crate::net::NodeRef;
use crate::sim::{LatencyRange, NetConfig, NodeId, SimDuration, SimTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Largest scenario text accepted.
pub const MAX_SCENARIO_BYTES: usize = 1 << 20;
/// Most actions in one scenario.
pub const MAX_ACTIONS: usize = 10_000;
/// Latest stop time: one simulated day.
pub const MAX_STOP_MS: f64 = 86_400_000.0;
/// Longest latency, timeout or period accepted, in milliseconds.
pub const MAX_DELAY_MS: f64 = 60_000.0;

/// The network settings of a scenario; every field optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jitter_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<f64>,
}

/// A node named by number (1..n) or as "leader".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NodeRefJson {
    Number(i64),
    Name(String),
}

pub fn ms(v: f64) -> SimDuration {
    SimDuration::from_millis_f64(v)
}

/// Milliseconds of a duration, as files write them.
pub fn to_ms(d: SimDuration) -> f64 {
    d.as_millis_f64()
}

/// A delay in milliseconds between `lo` and the longest accepted.
pub fn check_delay(errs: &mut Errors, path: &str, v: f64, lo: f64) -> bool {
    errs.range_f64(path, v, lo, MAX_DELAY_MS)
}

/// A `[min, max]` pair of delays, in order.
pub fn check_pair(errs: &mut Errors, path: &str, pair: [f64; 2], lo: f64) -> bool {
    let ok = check_delay(errs, &format!("{path}[0]"), pair[0], lo)
        & check_delay(errs, &format!("{path}[1]"), pair[1], lo);
    if ok && pair[0] > pair[1] {
        let (a, b) = (pair[0], pair[1]);
        errs.push(
            path,
            msg!(
                "the minimum ({a}) must not exceed the maximum ({b})",
                "最小值（{a}）不能大于最大值（{b}）"
            ),
        );
        return false;
    }
    ok
}

/// A latency range from a checked `[min, max]` pair.
pub fn latency(pair: [f64; 2]) -> LatencyRange {
    LatencyRange {
        min: ms(pair[0]),
        max: ms(pair[1]),
    }
}

/// Applies a network section (all fields optional) on top of `base`.
pub fn network(errs: &mut Errors, path: &str, j: &NetworkJson, base: &NetConfig) -> NetConfig {
    let mut n = base.clone();
    if let Some(l) = j.latency_ms
        && check_pair(errs, &format!("{path}.latency_ms"), l, 0.0)
    {
        n.latency = latency(l);
    }
    if let Some(v) = j.jitter_ms
        && check_delay(errs, &format!("{path}.jitter_ms"), v, 0.0)
    {
        n.jitter = ms(v);
    }
    if let Some(v) = j.loss
        && errs.range_f64(&format!("{path}.loss"), v, 0.0, 1.0)
    {
        n.loss = v;
    }
    if let Some(v) = j.duplicate
        && errs.range_f64(&format!("{path}.duplicate"), v, 0.0, 1.0)
    {
        n.duplicate = v;
    }
    n
}

/// The network section that gives `n` exactly.
pub fn network_json(n: &NetConfig) -> NetworkJson {
    NetworkJson {
        latency_ms: Some([to_ms(n.latency.min), to_ms(n.latency.max)]),
        jitter_ms: Some(to_ms(n.jitter)),
        loss: Some(n.loss),
        duplicate: Some(n.duplicate),
    }
}

/// A node number between 1 and `n`.
pub fn node_id(errs: &mut Errors, path: &str, v: i64, n: usize) -> Option<NodeId> {
    if v >= 1 && v <= n as i64 {
        Some(NodeId(v as u16))
    } else {
        errs.push(
            path,
            msg!(
                "must be a node number between 1 and {n}, got {v}",
                "必须是 1 到 {n} 之间的节点编号，实际为 {v}"
            ),
        );
        None
    }
}

/// A required node number at `path`.
pub fn required_id(errs: &mut Errors, path: &str, v: Option<i64>, n: usize) -> Option<NodeId> {
    let what = msg!("a node number between 1 and {n}", "1 到 {n} 之间的节点编号");
    let v = errs.required(path, v, what)?;
    node_id(errs, path, v, n)
}

/// A node named by number, or "leader" where the protocol has one.
pub fn node_ref(
    errs: &mut Errors,
    path: &str,
    j: &NodeRefJson,
    n: usize,
    leader: bool,
) -> Option<NodeRef> {
    match j {
        NodeRefJson::Number(v) => node_id(errs, path, *v, n).map(NodeRef::Id),
        NodeRefJson::Name(s) if leader && s == "leader" => Some(NodeRef::Leader),
        NodeRefJson::Name(s) if leader => {
            errs.push(
                path,
                msg!(
                    "must be a node number between 1 and {n} or \"leader\", got {s:?}",
                    "必须是 1 到 {n} 之间的节点编号或 \"leader\"，实际为 {s:?}"
                ),
            );
            None
        }
        NodeRefJson::Name(s) => {
            errs.push(
                path,
                msg!(
                    "must be a node number between 1 and {n}, got {s:?} (this protocol has no leader)",
                    "必须是 1 到 {n} 之间的节点编号，实际为 {s:?}（这个协议没有领导者）"
                ),
            );
            None
        }
    }
}

/// The JSON for a node reference.
pub fn node_ref_json(n: NodeRef) -> NodeRefJson {
    match n {
        NodeRef::Id(id) => NodeRefJson::Number(i64::from(id.0)),
        NodeRef::Leader => NodeRefJson::Name("leader".into()),
    }
}

/// The nodes of a link (`from` and `to`, both required and different).
pub fn link(
    errs: &mut Errors,
    p: &str,
    from: Option<i64>,
    to: Option<i64>,
    n: usize,
) -> Option<(NodeId, NodeId)> {
    let from = required_id(errs, &format!("{p}.from"), from, n);
    let to = required_id(errs, &format!("{p}.to"), to, n);
    let (from, to) = (from?, to?);
    if from == to {
        errs.push(
            format!("{p}.to"),
            msg!("must differ from `from`", "必须与 `from` 不同"),
        );
        return None;
    }
    Some((from, to))
}

/// The groups of a partition: each node at most once, none empty.
pub fn groups(
    errs: &mut Errors,
    p: &str,
    groups: &[Vec<i64>],
    n: usize,
) -> Option<Vec<Vec<NodeId>>> {
    let path = format!("{p}.groups");
    if groups.is_empty() || groups.len() > n {
        errs.push(
            path,
            msg!(
                "must list between 1 and {n} groups",
                "必须列出 1 到 {n} 个分组"
            ),
        );
        return None;
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        if g.is_empty() {
            errs.push(
                format!("{path}[{gi}]"),
                msg!(
                    "a group needs at least one node",
                    "每个分组至少要有一个节点"
                ),
            );
            return None;
        }
        let mut members = Vec::new();
        for (ni, &v) in g.iter().enumerate() {
            let at = format!("{path}[{gi}][{ni}]");
            let id = node_id(errs, &at, v, n)?;
            if !seen.insert(id) {
                errs.push(
                    at,
                    msg!(
                        "node {v} is named twice; each node belongs to one group",
                        "节点 {v} 出现了两次；每个节点只能属于一个分组"
                    ),
                );
                return None;
            }
            members.push(id);
        }
        out.push(members);
    }
    Some(out)
}

/// Partition groups as files write them.
pub fn groups_json(groups: &[Vec<NodeId>]) -> Vec<Vec<i64>> {
    groups
        .iter()
        .map(|g| g.iter().map(|n| i64::from(n.0)).collect())
        .collect()
}

/// A time in milliseconds within the longest run.
pub fn check_time(errs: &mut Errors, path: &str, v: f64) -> Option<SimTime> {
    errs.range_f64(path, v, 0.0, MAX_STOP_MS)
        .then(|| SimTime::from_millis_f64(v))
}
