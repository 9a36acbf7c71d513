//! Turns scenario JSON into a validated `Scenario`, or says exactly what is
//! wrong: every error names the field path and the allowed range. Hostile
//! input (huge, deeply nested, from a newer version) is refused, never panics.

use super::command::{ClientCommand, parse_command};
use super::error::{Errors, ScenarioError};
use super::json::*;
use super::{Expect, Protocol, Scenario, validate_gossip};
use crate::cluster::{
    Action, ClientConfig, ClusterConfig, MAX_NODES, MsgFilter, NodeRef, Workload,
};
use crate::raft::{MsgKind, RaftConfig, ReadMode};
use crate::sim::{LatencyRange, MsgId, NetConfig, NodeId, SimDuration, SimTime};
use crate::trace::Invariant;
use std::collections::BTreeSet;

/// Largest scenario text accepted.
pub const MAX_SCENARIO_BYTES: usize = 1 << 20;
/// Most actions in one scenario.
pub const MAX_ACTIONS: usize = 10_000;
/// Latest stop time: one simulated day.
pub const MAX_STOP_MS: f64 = 86_400_000.0;
/// Longest latency, timeout or period accepted, in milliseconds.
pub const MAX_DELAY_MS: f64 = 60_000.0;

/// Parses and validates scenario text.
pub fn parse_scenario(text: &str) -> Result<Scenario, ScenarioError> {
    if text.len() > MAX_SCENARIO_BYTES {
        return Err(ScenarioError::one(
            "",
            format!(
                "the scenario is {} bytes; at most {MAX_SCENARIO_BYTES} are accepted",
                text.len()
            ),
        ));
    }
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| ScenarioError::one("", format!("not valid JSON: {e}")))?;
    from_value(value)
}

/// Validates an already-parsed JSON value.
pub fn from_value(value: serde_json::Value) -> Result<Scenario, ScenarioError> {
    let Some(obj) = value.as_object() else {
        return Err(ScenarioError::one("", "a scenario must be a JSON object"));
    };
    match obj.get("version").and_then(|v| v.as_u64()) {
        None => {
            return Err(ScenarioError::one(
                "version",
                format!("required: the format version ({FORMAT_VERSION})"),
            ));
        }
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(ScenarioError::one(
                "version",
                format!(
                    "this scenario uses format version {v}, newer than this build reads (up to {FORMAT_VERSION})"
                ),
            ));
        }
        Some(0) => {
            return Err(ScenarioError::one(
                "version",
                "must be between 1 and 1, got 0",
            ));
        }
        Some(_) => {}
    }
    let json: ScenarioJson = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        ScenarioError::one(path, e.into_inner().to_string())
    })?;
    from_json(&json)
}

pub(super) fn ms(v: f64) -> SimDuration {
    SimDuration::from_millis_f64(v)
}

/// Least client latency (1 µs): with none, a closed-loop client's request,
/// reply and next request all happen at one instant, and time never moves on.
pub const MIN_CLIENT_LATENCY_MS: f64 = 0.001;

pub(super) fn check_delay(errs: &mut Errors, path: &str, v: f64, lo: f64) -> bool {
    errs.range_f64(path, v, lo, MAX_DELAY_MS)
}

pub(super) fn check_pair(errs: &mut Errors, path: &str, pair: [f64; 2], lo: f64) -> bool {
    let ok = check_delay(errs, &format!("{path}[0]"), pair[0], lo)
        & check_delay(errs, &format!("{path}[1]"), pair[1], lo);
    if ok && pair[0] > pair[1] {
        errs.push(
            path,
            format!(
                "the minimum ({}) must not exceed the maximum ({})",
                pair[0], pair[1]
            ),
        );
        return false;
    }
    ok
}

/// Applies a network section (all fields optional) on top of `base`.
pub(super) fn network(
    errs: &mut Errors,
    path: &str,
    j: &NetworkJson,
    base: &NetConfig,
) -> NetConfig {
    let mut n = base.clone();
    if let Some(l) = j.latency_ms
        && check_pair(errs, &format!("{path}.latency_ms"), l, 0.0)
    {
        n.latency = LatencyRange {
            min: ms(l[0]),
            max: ms(l[1]),
        };
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

fn read_mode(name: &str) -> Option<ReadMode> {
    ReadMode::ALL.into_iter().find(|m| m.name() == name)
}

/// Applies a Raft section (all fields optional) on top of `base`.
pub(super) fn raft(errs: &mut Errors, path: &str, j: &RaftJson, base: &RaftConfig) -> RaftConfig {
    let mut r = base.clone();
    if let Some(e) = j.election_timeout_ms
        && check_pair(errs, &format!("{path}.election_timeout_ms"), e, 1.0)
    {
        r.election_timeout_min = ms(e[0]);
        r.election_timeout_max = ms(e[1]);
    }
    if let Some(h) = j.heartbeat_ms
        && check_delay(errs, &format!("{path}.heartbeat_ms"), h, 0.1)
    {
        r.heartbeat = ms(h);
    }
    if r.election_timeout_min <= r.heartbeat {
        errs.push(
            format!("{path}.election_timeout_ms"),
            format!(
                "the minimum election timeout ({} ms) must be above heartbeat_ms ({} ms)",
                r.election_timeout_min.as_millis_f64(),
                r.heartbeat.as_millis_f64()
            ),
        );
    }
    if let Some(b) = j.max_batch
        && errs.range_f64(&format!("{path}.max_batch"), b as f64, 1.0, 1000.0)
    {
        r.max_batch = b as usize;
    }
    if let Some(t) = j.snapshot_threshold
        && errs.range_f64(
            &format!("{path}.snapshot_threshold"),
            t as f64,
            0.0,
            100_000.0,
        )
    {
        r.snapshot_threshold = t as u64;
    }
    r.noop_on_election = j.noop_on_election.unwrap_or(r.noop_on_election);
    r.fast_backup = j.fast_backup.unwrap_or(r.fast_backup);
    r.pre_vote = j.pre_vote.unwrap_or(r.pre_vote);
    r.check_quorum = j.check_quorum.unwrap_or(r.check_quorum);
    r.leader_transfer = j.leader_transfer.unwrap_or(r.leader_transfer);
    if let Some(m) = &j.read_mode {
        match read_mode(m) {
            Some(mode) => r.read_mode = mode,
            None => errs.push(
                format!("{path}.read_mode"),
                format!("must be one of read_index, lease, leader_local, any_local; got {m:?}"),
            ),
        }
    }
    if let Some(u) = &j.unsafe_ {
        r.unsafe_.no_election_restriction = u
            .no_election_restriction
            .unwrap_or(r.unsafe_.no_election_restriction);
        r.unsafe_.commit_previous_terms = u
            .commit_previous_terms
            .unwrap_or(r.unsafe_.commit_previous_terms);
        r.unsafe_.fixed_election_timeout = u
            .fixed_election_timeout
            .unwrap_or(r.unsafe_.fixed_election_timeout);
    }
    r
}

fn clients(errs: &mut Errors, j: &ClientsJson) -> ClientConfig {
    let mut c = ClientConfig::default();
    if let Some(v) = j.latency_ms
        && check_delay(errs, "clients.latency_ms", v, MIN_CLIENT_LATENCY_MS)
    {
        c.latency = ms(v);
    }
    if let Some(v) = j.timeout_ms
        && check_delay(errs, "clients.timeout_ms", v, 1.0)
    {
        c.timeout = ms(v);
    }
    if let Some(v) = j.backoff_ms
        && check_delay(errs, "clients.backoff_ms", v, 0.0)
    {
        c.backoff = ms(v);
    }
    if let Some(v) = j.max_attempts
        && errs.range_f64("clients.max_attempts", v as f64, 1.0, 1000.0)
    {
        c.max_attempts = v as u32;
    }
    c
}

pub(super) fn workload(errs: &mut Errors, path: &str, j: &WorkloadJson) -> Workload {
    let mut w = Workload::default();
    if let Some(v) = j.clients
        && errs.range_f64(&format!("{path}.clients"), v as f64, 1.0, 100.0)
    {
        w.clients = v as u32;
    }
    if let Some(v) = j.rate
        && errs.range_f64(&format!("{path}.rate"), v, 0.001, 1000.0)
    {
        w.rate = v;
    }
    if let Some(v) = j.keys
        && errs.range_f64(&format!("{path}.keys"), v as f64, 1.0, 1000.0)
    {
        w.keys = v as u32;
    }
    if let Some(v) = j.read_ratio
        && errs.range_f64(&format!("{path}.read_ratio"), v, 0.0, 1.0)
    {
        w.read_ratio = v;
    }
    if let Some(v) = j.start_ms
        && errs.range_f64(&format!("{path}.start_ms"), v, 0.0, MAX_STOP_MS)
    {
        w.start = SimTime::from_millis_f64(v);
    }
    if let Some(v) = j.stop_ms
        && errs.range_f64(&format!("{path}.stop_ms"), v, 0.0, MAX_STOP_MS)
    {
        w.stop = Some(SimTime::from_millis_f64(v));
        if w.stop < Some(w.start) {
            errs.push(format!("{path}.stop_ms"), "must not be before start_ms");
        }
    }
    w
}

pub(super) fn node_id(errs: &mut Errors, path: &str, v: i64, n: usize) -> Option<NodeId> {
    if v >= 1 && v <= n as i64 {
        Some(NodeId(v as u16))
    } else {
        errs.push(
            path,
            format!("must be a node number between 1 and {n}, got {v}"),
        );
        None
    }
}

fn node_ref(errs: &mut Errors, path: &str, j: &NodeRefJson, n: usize) -> Option<NodeRef> {
    match j {
        NodeRefJson::Number(v) => node_id(errs, path, *v, n).map(NodeRef::Id),
        NodeRefJson::Name(s) if s == "leader" => Some(NodeRef::Leader),
        NodeRefJson::Name(s) => {
            errs.push(
                path,
                format!("must be a node number between 1 and {n} or \"leader\", got {s:?}"),
            );
            None
        }
    }
}

/// The action names scenarios may use.
pub const ACTION_NAMES: &[&str] = &[
    "crash",
    "restart",
    "pause",
    "resume",
    "slow",
    "timeout",
    "propose",
    "read",
    "partition",
    "isolate",
    "cut",
    "uncut",
    "heal",
    "drop",
    "duplicate",
    "deliver",
    "set_latency",
    "set_loss",
    "set_duplicate",
    "set_network",
    "set_raft",
    "set_workload",
    "transfer",
];

/// Which optional fields each action takes.
fn allowed_fields(what: &str) -> &'static [&'static str] {
    match what {
        "crash" | "restart" | "pause" | "resume" | "timeout" | "isolate" | "transfer" => &["node"],
        "slow" => &["node", "factor"],
        "propose" => &["node", "command"],
        "read" => &["node", "key"],
        "partition" => &["groups"],
        "cut" | "uncut" => &["from", "to", "both"],
        "drop" | "duplicate" | "deliver" => &["id", "msg", "from", "to"],
        "set_latency" => &["latency_ms", "from", "to"],
        "set_loss" => &["loss"],
        "set_duplicate" => &["duplicate"],
        "set_network" => &["network"],
        "set_raft" => &["raft"],
        "set_workload" => &["workload"],
        _ => &[],
    }
}

fn present_fields(a: &ActionJson) -> Vec<&'static str> {
    let mut v = Vec::new();
    let mut add = |present: bool, name| {
        if present {
            v.push(name)
        }
    };
    add(a.node.is_some(), "node");
    add(a.command.is_some(), "command");
    add(a.key.is_some(), "key");
    add(a.groups.is_some(), "groups");
    add(a.from.is_some(), "from");
    add(a.to.is_some(), "to");
    add(a.both.is_some(), "both");
    add(a.msg.is_some(), "msg");
    add(a.id.is_some(), "id");
    add(a.factor.is_some(), "factor");
    add(a.latency_ms.is_some(), "latency_ms");
    add(a.loss.is_some(), "loss");
    add(a.duplicate.is_some(), "duplicate");
    add(a.network.is_some(), "network");
    add(a.raft.is_some(), "raft");
    add(a.workload.is_some(), "workload");
    add(a.value.is_some(), "value");
    add(a.via.is_some(), "via");
    add(a.gossip.is_some(), "gossip");
    v
}

/// Refuses the fields of `a` that its action does not take.
pub(super) fn only_allowed_fields(
    errs: &mut Errors,
    p: &str,
    a: &ActionJson,
    allowed: &[&str],
) -> bool {
    let mut ok = true;
    for f in present_fields(a) {
        if !allowed.contains(&f) {
            let takes = if allowed.is_empty() {
                "no other fields".to_string()
            } else {
                allowed.join(", ")
            };
            errs.push(
                format!("{p}.{f}"),
                format!("does not apply to {:?} (it takes {takes})", a.what),
            );
            ok = false;
        }
    }
    ok
}

/// A required node number at `path`.
pub(super) fn required_id(
    errs: &mut Errors,
    path: &str,
    v: Option<i64>,
    n: usize,
) -> Option<NodeId> {
    match v {
        Some(v) => node_id(errs, path, v, n),
        None => {
            errs.push(path, format!("required: a node number between 1 and {n}"));
            None
        }
    }
}

/// The nodes of a link (`from` and `to`, both required and different).
pub(super) fn link(
    errs: &mut Errors,
    p: &str,
    a: &ActionJson,
    n: usize,
) -> Option<(NodeId, NodeId)> {
    let from = required_id(errs, &format!("{p}.from"), a.from, n);
    let to = required_id(errs, &format!("{p}.to"), a.to, n);
    let (from, to) = (from?, to?);
    if from == to {
        errs.push(format!("{p}.to"), "must differ from `from`");
        return None;
    }
    Some((from, to))
}

/// The groups of a partition: each node at most once, none empty.
pub(super) fn groups(
    errs: &mut Errors,
    p: &str,
    a: &ActionJson,
    n: usize,
) -> Option<Vec<Vec<NodeId>>> {
    let Some(groups) = &a.groups else {
        errs.push(format!("{p}.groups"), "required: e.g. [[1, 2], [3, 4, 5]]");
        return None;
    };
    if groups.is_empty() || groups.len() > n {
        errs.push(
            format!("{p}.groups"),
            format!("must list between 1 and {n} groups"),
        );
        return None;
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        if g.is_empty() {
            errs.push(
                format!("{p}.groups[{gi}]"),
                "a group needs at least one node",
            );
            return None;
        }
        let mut members = Vec::new();
        for (ni, &v) in g.iter().enumerate() {
            let id = node_id(errs, &format!("{p}.groups[{gi}][{ni}]"), v, n)?;
            if !seen.insert(id) {
                errs.push(
                    format!("{p}.groups[{gi}][{ni}]"),
                    format!("node {v} is named twice; each node belongs to one group"),
                );
                return None;
            }
            members.push(id);
        }
        out.push(members);
    }
    Some(out)
}

/// Running configuration while actions are validated in time order.
struct Running {
    net: NetConfig,
    raft: RaftConfig,
}

fn action(
    errs: &mut Errors,
    p: &str,
    a: &ActionJson,
    n: usize,
    run: &mut Running,
) -> Option<Action> {
    if validate_gossip::GOSSIP_ACTION_NAMES.contains(&a.what.as_str())
        && !ACTION_NAMES.contains(&a.what.as_str())
    {
        errs.push(
            format!("{p}.do"),
            format!(
                "{:?} is a gossip action; raft scenarios take: {}",
                a.what,
                ACTION_NAMES.join(", ")
            ),
        );
        return None;
    }
    if !ACTION_NAMES.contains(&a.what.as_str()) {
        errs.push(
            format!("{p}.do"),
            format!(
                "unknown action {:?}; one of: {}",
                a.what,
                ACTION_NAMES.join(", ")
            ),
        );
        return None;
    }
    if !only_allowed_fields(errs, p, a, allowed_fields(&a.what)) {
        return None;
    }
    let need_node = |errs: &mut Errors| -> Option<NodeRef> {
        match &a.node {
            Some(j) => node_ref(errs, &format!("{p}.node"), j, n),
            None => {
                errs.push(
                    format!("{p}.node"),
                    format!("required: a node number between 1 and {n} or \"leader\""),
                );
                None
            }
        }
    };
    let opt_node = |errs: &mut Errors| -> Result<Option<NodeRef>, ()> {
        match &a.node {
            Some(j) => node_ref(errs, &format!("{p}.node"), j, n)
                .map(Some)
                .ok_or(()),
            None => Ok(None),
        }
    };
    Some(match a.what.as_str() {
        "crash" => Action::Crash(need_node(errs)?),
        "restart" => Action::Restart(need_node(errs)?),
        "pause" => Action::Pause(need_node(errs)?),
        "resume" => Action::Resume(need_node(errs)?),
        "timeout" => Action::Timeout(need_node(errs)?),
        "isolate" => Action::Isolate(need_node(errs)?),
        "transfer" => Action::Transfer(need_node(errs)?),
        "slow" => {
            let node = need_node(errs)?;
            let factor = a.factor.unwrap_or(10);
            if !errs.range_f64(&format!("{p}.factor"), factor as f64, 1.0, 100.0) {
                return None;
            }
            Action::Slow {
                node,
                factor: factor as u16,
            }
        }
        "propose" => {
            let node = opt_node(errs).ok()?;
            let Some(text) = &a.command else {
                errs.push(
                    format!("{p}.command"),
                    "required: e.g. \"set x 5\", \"append x 1\" or \"del x\"",
                );
                return None;
            };
            match parse_command(text) {
                Ok(ClientCommand::Write(op)) => Action::Propose { node, op },
                Ok(ClientCommand::Read(key)) => Action::Read { node, key },
                Err(e) => {
                    errs.push(format!("{p}.command"), e.to_string());
                    return None;
                }
            }
        }
        "read" => {
            let node = opt_node(errs).ok()?;
            let Some(key) = &a.key else {
                errs.push(format!("{p}.key"), "required: the key to read");
                return None;
            };
            match parse_command(&format!("get {key}")) {
                Ok(ClientCommand::Read(key)) => Action::Read { node, key },
                _ => {
                    errs.push(
                        format!("{p}.key"),
                        "keys are 1–32 letters, digits, or _ - . :",
                    );
                    return None;
                }
            }
        }
        "partition" => Action::Partition(groups(errs, p, a, n)?),
        "cut" | "uncut" => {
            let (from, to) = link(errs, p, a, n)?;
            let both = a.both.unwrap_or(false);
            if a.what == "cut" {
                Action::Cut { from, to, both }
            } else {
                Action::Uncut { from, to, both }
            }
        }
        "heal" => Action::Heal,
        "drop" | "duplicate" | "deliver" => {
            let mut f = MsgFilter {
                id: a.id.map(MsgId),
                ..Default::default()
            };
            if let Some(m) = &a.msg {
                match MsgKind::from_name(m) {
                    Some(k) => f.kind = Some(k),
                    None => {
                        let names: Vec<&str> = MsgKind::ALL.iter().map(|k| k.name()).collect();
                        errs.push(
                            format!("{p}.msg"),
                            format!("unknown message {m:?}; one of: {}", names.join(", ")),
                        );
                        return None;
                    }
                }
            }
            if let Some(v) = a.from {
                f.from = Some(node_id(errs, &format!("{p}.from"), v, n)?);
            }
            if let Some(v) = a.to {
                f.to = Some(node_id(errs, &format!("{p}.to"), v, n)?);
            }
            match a.what.as_str() {
                "drop" => Action::Drop(f),
                "duplicate" => Action::Duplicate(f),
                _ => Action::Deliver(f),
            }
        }
        "set_latency" => {
            let Some(l) = a.latency_ms else {
                errs.push(
                    format!("{p}.latency_ms"),
                    "required: [min, max] in milliseconds",
                );
                return None;
            };
            if !check_pair(errs, &format!("{p}.latency_ms"), l, 0.0) {
                return None;
            }
            let range = LatencyRange {
                min: ms(l[0]),
                max: ms(l[1]),
            };
            if a.from.is_some() || a.to.is_some() {
                let (from, to) = link(errs, p, a, n)?;
                Action::SetLinkLatency { from, to, range }
            } else {
                run.net.latency = range;
                Action::SetNetwork(run.net.clone())
            }
        }
        "set_loss" | "set_duplicate" | "set_network" => {
            let patch = match a.what.as_str() {
                "set_loss" => NetworkJson {
                    loss: a.loss,
                    ..Default::default()
                },
                "set_duplicate" => NetworkJson {
                    duplicate: a.duplicate,
                    ..Default::default()
                },
                _ => a.network.clone().unwrap_or_default(),
            };
            let missing = match a.what.as_str() {
                "set_loss" => a.loss.is_none().then_some("loss"),
                "set_duplicate" => a.duplicate.is_none().then_some("duplicate"),
                _ => None,
            };
            if let Some(field) = missing {
                errs.push(
                    format!("{p}.{field}"),
                    "required: a probability between 0 and 1",
                );
                return None;
            }
            let before = errs.0.len();
            let net = network(errs, p, &patch, &run.net);
            if errs.0.len() > before {
                return None;
            }
            run.net = net.clone();
            Action::SetNetwork(net)
        }
        "set_raft" => {
            let before = errs.0.len();
            let r = raft(
                errs,
                &format!("{p}.raft"),
                &a.raft.clone().unwrap_or_default(),
                &run.raft,
            );
            if errs.0.len() > before {
                return None;
            }
            run.raft = r.clone();
            Action::SetRaft(Box::new(r))
        }
        "set_workload" => match &a.workload {
            Some(w) => {
                let before = errs.0.len();
                let w = workload(errs, &format!("{p}.workload"), w);
                if errs.0.len() > before {
                    return None;
                }
                Action::SetWorkload(Some(w))
            }
            None => Action::SetWorkload(None),
        },
        _ => return None,
    })
}

/// The expectations given in `j` of one protocol's kind (`raft`: the Raft
/// ones), by JSON name.
pub(super) fn expect_fields(j: &ExpectJson, raft: bool) -> Vec<&'static str> {
    let fields = if raft {
        [
            ("violations", j.violations.is_some()),
            ("leader_at_end", j.leader_at_end.is_some()),
            ("min_commit", j.min_commit.is_some()),
            ("linearizable", j.linearizable.is_some()),
            ("leader", j.leader.is_some()),
            ("elections", j.elections.is_some()),
            ("min_delivered", j.min_delivered.is_some()),
            ("kv", j.kv.is_some()),
        ]
        .to_vec()
    } else {
        [
            ("all_informed", j.all_informed.is_some()),
            ("max_rounds", j.max_rounds.is_some()),
            ("residue_max", j.residue_max.is_some()),
            ("false_positives", j.false_positives.is_some()),
            ("detected", j.detected.is_some()),
            ("max_detection_ms", j.max_detection_ms.is_some()),
        ]
        .to_vec()
    };
    fields
        .into_iter()
        .filter(|(_, present)| *present)
        .map(|(name, _)| name)
        .collect()
}

/// Refuses a section or field that belongs to the other protocol.
pub(super) fn other_protocol(errs: &mut Errors, path: &str, owner: Protocol) {
    let here = match owner {
        Protocol::Raft => Protocol::Gossip,
        Protocol::Gossip => Protocol::Raft,
    };
    errs.push(
        path,
        format!(
            "applies to {} scenarios only, not to \"protocol\": \"{}\"",
            owner.name(),
            here.name()
        ),
    );
}

fn expect(errs: &mut Errors, j: &ExpectJson, n: usize) -> Expect {
    for f in expect_fields(j, false) {
        other_protocol(errs, &format!("expect.{f}"), Protocol::Gossip);
    }
    let mut e = Expect {
        leader_at_end: j.leader_at_end,
        min_commit: j.min_commit,
        linearizable: j.linearizable,
        leader: j.leader.and_then(|v| node_id(errs, "expect.leader", v, n)),
        elections: j.elections,
        kv: j.kv.clone(),
        ..Expect::default()
    };
    if let Some(m) = &j.min_delivered {
        let mut out = std::collections::BTreeMap::new();
        for (name, &count) in m {
            match MsgKind::from_name(name) {
                Some(k) => {
                    out.insert(k, count);
                }
                None => errs.push(
                    format!("expect.min_delivered.{name}"),
                    "unknown message kind",
                ),
            }
        }
        e.min_delivered = Some(out);
    }
    if let Some(names) = &j.violations {
        let mut set = BTreeSet::new();
        for (i, name) in names.iter().enumerate() {
            match Invariant::from_name(name) {
                Some(inv) => {
                    set.insert(inv);
                }
                None => {
                    let all: Vec<&str> = Invariant::ALL.iter().map(|i| i.name()).collect();
                    errs.push(
                        format!("expect.violations[{i}]"),
                        format!("unknown invariant {name:?}; one of: {}", all.join(", ")),
                    );
                }
            }
        }
        e.violations = Some(set);
    }
    e
}

/// Validates parsed scenario JSON.
pub fn from_json(j: &ScenarioJson) -> Result<Scenario, ScenarioError> {
    let mut errs = Errors::default();
    if j.version != FORMAT_VERSION {
        errs.push(
            "version",
            format!("must be {FORMAT_VERSION}, got {}", j.version),
        );
    }
    let protocol = match j.protocol.as_str() {
        "raft" => Protocol::Raft,
        "gossip" => Protocol::Gossip,
        other => {
            errs.push(
                "protocol",
                format!("must be \"raft\" or \"gossip\", got {other:?}"),
            );
            return Err(ScenarioError(errs.0));
        }
    };
    for (field, text, max) in [
        ("name", &j.name, 200),
        ("description", &j.description, 4000),
    ] {
        if text.as_ref().is_some_and(|t| t.chars().count() > max) {
            errs.push(field, format!("must be at most {max} characters"));
        }
    }
    match protocol {
        Protocol::Raft => raft_scenario(errs, j),
        Protocol::Gossip => validate_gossip::scenario(errs, j),
    }
}

/// The stop time, checked.
pub(super) fn stop_time(errs: &mut Errors, j: &ScenarioJson) -> SimTime {
    let stop_ms = j.stop_ms.unwrap_or(10_000.0);
    errs.range_f64("stop_ms", stop_ms, 1.0, MAX_STOP_MS);
    SimTime::from_millis_f64(stop_ms)
}

/// The actions' indices in time order (ties keep file order), or `None` when
/// there are too many to validate.
pub(super) fn action_order(errs: &mut Errors, actions: &[ActionJson]) -> Option<Vec<usize>> {
    if actions.len() > MAX_ACTIONS {
        errs.push(
            "actions",
            format!("at most {MAX_ACTIONS} actions, got {}", actions.len()),
        );
        return None;
    }
    let mut order: Vec<usize> = (0..actions.len()).collect();
    order.sort_by(|&a, &b| actions[a].at_ms.total_cmp(&actions[b].at_ms));
    Some(order)
}

/// Validates the Raft part of a scenario.
fn raft_scenario(mut errs: Errors, j: &ScenarioJson) -> Result<Scenario, ScenarioError> {
    if j.gossip.is_some() {
        other_protocol(&mut errs, "gossip", Protocol::Gossip);
    }
    let nodes = j.nodes.unwrap_or(5);
    // With an invalid count, node references are still checked against the largest cluster.
    let n = if errs.range_f64("nodes", nodes as f64, 1.0, MAX_NODES as f64) {
        nodes as usize
    } else {
        MAX_NODES
    };
    let net = network(
        &mut errs,
        "network",
        j.network.as_ref().unwrap_or(&NetworkJson::default()),
        &NetConfig::default(),
    );
    let raft = raft(
        &mut errs,
        "raft",
        j.raft.as_ref().unwrap_or(&RaftJson::default()),
        &RaftConfig::default(),
    );
    let clients = clients(
        &mut errs,
        j.clients.as_ref().unwrap_or(&ClientsJson::default()),
    );
    let workload = j
        .workload
        .as_ref()
        .map(|w| workload(&mut errs, "workload", w));
    let stop = stop_time(&mut errs, j);
    let Some(order) = action_order(&mut errs, &j.actions) else {
        return errs.finish(Scenario::default());
    };
    let mut run = Running {
        net: net.clone(),
        raft: raft.clone(),
    };
    let mut script = Vec::new();
    for i in order {
        let a = &j.actions[i];
        let p = format!("actions[{i}]");
        if !errs.range_f64(&format!("{p}.at_ms"), a.at_ms, 0.0, MAX_STOP_MS) {
            continue;
        }
        if let Some(act) = action(&mut errs, &p, a, n, &mut run) {
            script.push((SimTime::from_millis_f64(a.at_ms), act));
        }
    }
    let expect = expect(
        &mut errs,
        j.expect.as_ref().unwrap_or(&ExpectJson::default()),
        n,
    );
    let cluster = ClusterConfig {
        nodes: n,
        seed: j.seed.unwrap_or(1),
        net,
        raft,
        client: clients,
        workload,
    };
    errs.finish(Scenario {
        name: j.name.clone(),
        description: j.description.clone(),
        protocol: Protocol::Raft,
        cluster,
        script,
        gossip: None,
        stop,
        expect,
    })
}
