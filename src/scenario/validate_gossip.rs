//! The gossip half of scenario validation: the `gossip` section, gossip
//! actions and expectations. Each field's range is checked here, with every
//! error collected; then the engine's own `validate` checks what depends on
//! several fields (fan-out against the cluster, ping timeout against the
//! period, spare slots against the node limit), its field names mapped to
//! JSON paths. Raft-only sections, actions and expectations are refused by
//! name.

use super::command::{CommandError, valid_key, valid_value};
use super::error::{Errors, ScenarioError};
use super::json::*;
use super::validate::{
    ACTION_NAMES, MAX_DELAY_MS, MAX_STOP_MS, action_order, check_pair, expect_fields, groups, link,
    ms, network, node_id, only_allowed_fields, other_protocol, required_id, stop_time,
};
use super::{Expect, GossipSetup, Protocol, Scenario};
use crate::cluster::ClusterConfig;
use crate::gossip::{
    Action, ConfigError, GossipConfig, MAX_NODES, MAX_PIGGYBACK, MAX_SMALL, Mode, SpreadConfig,
    StopRule, SwimConfig,
};
use crate::sim::{LatencyRange, NetConfig, NodeId, SimDuration, SimTime};

/// Initial members when a gossip scenario does not say.
const DEFAULT_GOSSIP_NODES: usize = 50;
/// Shortest round, protocol period or timeout accepted, in milliseconds.
const MIN_PERIOD_MS: f64 = 1.0;

/// The action names gossip scenarios may use.
pub const GOSSIP_ACTION_NAMES: &[&str] = &[
    "start_rumor",
    "crash",
    "restart",
    "join",
    "leave",
    "partition",
    "isolate",
    "cut",
    "uncut",
    "heal",
    "set_loss",
    "set_duplicate",
    "set_latency",
    "set_network",
    "set_gossip",
];

/// Which optional fields each gossip action takes.
fn allowed_fields(what: &str) -> &'static [&'static str] {
    match what {
        "start_rumor" => &["node", "key", "value"],
        "crash" | "restart" | "leave" | "isolate" => &["node"],
        "join" => &["via"],
        "partition" => &["groups"],
        "cut" | "uncut" => &["from", "to", "both"],
        "set_loss" => &["loss"],
        "set_duplicate" => &["duplicate"],
        "set_latency" => &["latency_ms"],
        "set_network" => &["network"],
        "set_gossip" => &["gossip"],
        _ => &[],
    }
}

/// The JSON path of an engine configuration field; `gossip` is the path of
/// the gossip section it belongs to.
fn json_path(gossip: &str, field: &str) -> String {
    match field {
        "nodes" => return "nodes".into(),
        "net.latency" => return "network.latency_ms".into(),
        _ => {}
    }
    if let Some(f) = field.strip_prefix("net.") {
        return format!("network.{f}");
    }
    let f = field.strip_prefix("spread.").unwrap_or(field);
    let f = match f {
        "period" => "period_ms",
        "anti_entropy" => "anti_entropy_ms",
        "stop.k" => "stop",
        "swim.period" => "swim.period_ms",
        "swim.ping_timeout" => "swim.ping_timeout_ms",
        other => other,
    };
    format!("{gossip}.{f}")
}

fn engine_error(errs: &mut Errors, gossip: &str, e: ConfigError) {
    errs.push(json_path(gossip, &e.field), e.message);
}

/// A whole number in `lo ..= hi` (`note` says where the bound comes from).
fn count(errs: &mut Errors, path: &str, v: i64, lo: usize, hi: usize, note: &str) -> Option<usize> {
    if v >= lo as i64 && v <= hi as i64 {
        Some(v as usize)
    } else {
        errs.push(
            path,
            format!("must be between {lo} and {hi}{note}, got {v}"),
        );
        None
    }
}

/// A period or timeout in milliseconds, 1 … 60 000.
fn period(errs: &mut Errors, path: &str, v: f64) -> Option<SimDuration> {
    errs.range_f64(path, v, MIN_PERIOD_MS, MAX_DELAY_MS)
        .then(|| ms(v))
}

fn mode(name: &str) -> Option<Mode> {
    match name {
        "push" => Some(Mode::Push),
        "pull" => Some(Mode::Pull),
        "push_pull" => Some(Mode::PushPull),
        _ => None,
    }
}

/// Applies the spreading fields of a gossip section on top of `base`.
fn spread(
    errs: &mut Errors,
    path: &str,
    j: &GossipJson,
    base: &SpreadConfig,
    nodes: usize,
) -> SpreadConfig {
    let mut s = base.clone();
    if let Some(m) = &j.mode {
        match mode(m) {
            Some(m) => s.mode = m,
            None => errs.push(
                format!("{path}.mode"),
                format!("must be one of push, pull, push_pull; got {m:?}"),
            ),
        }
    }
    if let Some(v) = j.fanout {
        let hi = SpreadConfig::max_fanout(nodes);
        let note = format!(" (the other nodes of a {nodes}-node cluster)");
        if let Some(f) = count(errs, &format!("{path}.fanout"), v, 1, hi, &note) {
            s.fanout = f;
        }
    }
    if let Some(v) = j.period_ms
        && let Some(p) = period(errs, &format!("{path}.period_ms"), v)
    {
        s.period = p;
    }
    if let Some(stop) = &j.stop {
        let k = |errs: &mut Errors, name: &str, k: i64| {
            let p = format!("{path}.stop.{name}");
            count(errs, &p, k, 1, MAX_SMALL as usize, "").map(|k| k as u8)
        };
        let rule = match *stop {
            StopJson::Forever => Some(StopRule::Forever),
            StopJson::Counter(v) => k(errs, "counter", v).map(StopRule::Counter),
            StopJson::Coin(v) => k(errs, "coin", v).map(StopRule::Coin),
        };
        if let Some(rule) = rule {
            s.stop = rule;
        }
    }
    if let Some(v) = j.anti_entropy_ms {
        if v == 0.0 {
            s.anti_entropy = None;
        } else if v.is_finite() && (MIN_PERIOD_MS..=MAX_DELAY_MS).contains(&v) {
            s.anti_entropy = Some(ms(v));
        } else {
            errs.push(
                format!("{path}.anti_entropy_ms"),
                format!("must be 0 (off) or between {MIN_PERIOD_MS} and {MAX_DELAY_MS}, got {v}"),
            );
        }
    }
    s
}

/// Applies a SWIM section on top of `base`.
fn swim(errs: &mut Errors, path: &str, j: &SwimJson, base: &SwimConfig) -> SwimConfig {
    let mut s = base.clone();
    s.enabled = j.enabled.unwrap_or(s.enabled);
    if let Some(v) = j.period_ms
        && let Some(p) = period(errs, &format!("{path}.period_ms"), v)
    {
        s.period = p;
    }
    if let Some(v) = j.ping_timeout_ms
        && let Some(p) = period(errs, &format!("{path}.ping_timeout_ms"), v)
    {
        s.ping_timeout = p;
    }
    let small = MAX_SMALL as usize;
    let mut int = |name: &str, v: Option<i64>, lo: usize, hi: usize| {
        v.and_then(|v| count(errs, &format!("{path}.{name}"), v, lo, hi, ""))
    };
    if let Some(v) = int("indirect", j.indirect, 0, small) {
        s.indirect = v as u32;
    }
    if let Some(v) = int("suspicion_mult", j.suspicion_mult, 1, small) {
        s.suspicion_mult = v as u32;
    }
    if let Some(v) = int("retransmit_mult", j.retransmit_mult, 1, small) {
        s.retransmit_mult = v as u32;
    }
    if let Some(v) = int("piggyback", j.piggyback, 1, MAX_PIGGYBACK) {
        s.piggyback = v;
    }
    if let Some(v) = int("reconnect_every", j.reconnect_every, 0, 1000) {
        s.reconnect_every = v as u32;
    }
    s
}

fn has_spread_fields(j: &GossipJson) -> bool {
    j.mode.is_some()
        || j.fanout.is_some()
        || j.period_ms.is_some()
        || j.stop.is_some()
        || j.anti_entropy_ms.is_some()
}

/// Running configuration while actions are validated in time order.
struct Running {
    nodes: usize,
    slots: usize,
    spare: usize,
    joins: usize,
    net: NetConfig,
    spread: SpreadConfig,
    swim: SwimConfig,
}

/// A node by number (gossip has no leader to name).
fn node(errs: &mut Errors, p: &str, a: &ActionJson, slots: usize) -> Option<NodeId> {
    let path = format!("{p}.node");
    match &a.node {
        Some(NodeRefJson::Number(v)) => node_id(errs, &path, *v, slots),
        Some(NodeRefJson::Name(s)) => {
            errs.push(
                path,
                format!(
                    "must be a node number between 1 and {slots}, got {s:?} (gossip has no leader)"
                ),
            );
            None
        }
        None => {
            errs.push(
                path,
                format!("required: a node number between 1 and {slots}"),
            );
            None
        }
    }
}

/// A rumor's key or value: present and `valid`, or else `bad` says what is allowed.
fn word<'a>(
    errs: &mut Errors,
    path: String,
    v: &'a Option<String>,
    valid: fn(&str) -> bool,
    bad: CommandError,
) -> Option<&'a str> {
    match v {
        Some(v) if valid(v) => Some(v),
        Some(_) => {
            errs.push(path, bad.to_string());
            None
        }
        None => {
            errs.push(path, format!("required: {bad}"));
            None
        }
    }
}

fn start_rumor(errs: &mut Errors, p: &str, a: &ActionJson, slots: usize) -> Option<Action> {
    let node = node(errs, p, a, slots);
    let key = word(
        errs,
        format!("{p}.key"),
        &a.key,
        valid_key,
        CommandError::BadKey,
    );
    let value = word(
        errs,
        format!("{p}.value"),
        &a.value,
        valid_value,
        CommandError::BadValue,
    );
    Some(Action::StartRumor {
        node: node?,
        key: key?.into(),
        value: value?.into(),
    })
}

/// A gossip action; `set_gossip` may stand for two engine actions.
fn action(errs: &mut Errors, p: &str, a: &ActionJson, run: &mut Running) -> Vec<Action> {
    let what = a.what.as_str();
    if !GOSSIP_ACTION_NAMES.contains(&what) {
        let message = if ACTION_NAMES.contains(&what) {
            format!(
                "{what:?} is a Raft action; gossip scenarios take: {}",
                GOSSIP_ACTION_NAMES.join(", ")
            )
        } else {
            format!(
                "unknown action {what:?}; one of: {}",
                GOSSIP_ACTION_NAMES.join(", ")
            )
        };
        errs.push(format!("{p}.do"), message);
        return Vec::new();
    }
    if !only_allowed_fields(errs, p, a, allowed_fields(what)) {
        return Vec::new();
    }
    let slots = run.slots;
    let one = |action: Option<Action>| -> Vec<Action> { action.into_iter().collect() };
    match what {
        "start_rumor" => one(start_rumor(errs, p, a, slots)),
        "crash" => one(node(errs, p, a, slots).map(Action::Crash)),
        "restart" => one(node(errs, p, a, slots).map(Action::Restart)),
        "leave" => one(node(errs, p, a, slots).map(Action::Leave)),
        "isolate" => one(node(errs, p, a, slots).map(|n| Action::Partition(vec![vec![n]]))),
        "join" => {
            let seed = required_id(errs, &format!("{p}.via"), a.via, slots);
            run.joins += 1;
            if run.joins > run.spare {
                errs.push(
                    format!("{p}.do"),
                    format!(
                        "join number {} needs a free slot: set gossip.spare to at least {} (it is {})",
                        run.joins, run.joins, run.spare
                    ),
                );
                return Vec::new();
            }
            one(seed.map(|seed| Action::Join { seed }))
        }
        "partition" => one(groups(errs, p, a, slots).map(Action::Partition)),
        "cut" | "uncut" => one(link(errs, p, a, slots).map(|(from, to)| {
            let both = a.both.unwrap_or(false);
            if what == "cut" {
                Action::Cut { from, to, both }
            } else {
                Action::Uncut { from, to, both }
            }
        })),
        "heal" => vec![Action::Heal],
        "set_loss" => {
            let Some(loss) = a.loss else {
                errs.push(
                    format!("{p}.loss"),
                    "required: a probability between 0 and 1",
                );
                return Vec::new();
            };
            if !errs.range_f64(&format!("{p}.loss"), loss, 0.0, 1.0) {
                return Vec::new();
            }
            run.net.loss = loss;
            vec![Action::SetLoss(loss)]
        }
        "set_latency" => {
            let Some(l) = a.latency_ms else {
                errs.push(
                    format!("{p}.latency_ms"),
                    "required: [min, max] in milliseconds",
                );
                return Vec::new();
            };
            if !check_pair(errs, &format!("{p}.latency_ms"), l, 0.0) {
                return Vec::new();
            }
            let range = LatencyRange {
                min: ms(l[0]),
                max: ms(l[1]),
            };
            run.net.latency = range;
            vec![Action::SetLatency(range)]
        }
        "set_duplicate" | "set_network" => {
            let patch = if what == "set_duplicate" {
                let Some(d) = a.duplicate else {
                    errs.push(
                        format!("{p}.duplicate"),
                        "required: a probability between 0 and 1",
                    );
                    return Vec::new();
                };
                NetworkJson {
                    duplicate: Some(d),
                    ..Default::default()
                }
            } else {
                a.network.clone().unwrap_or_default()
            };
            let before = errs.0.len();
            let net = network(errs, p, &patch, &run.net);
            if errs.0.len() > before {
                return Vec::new();
            }
            run.net = net.clone();
            vec![Action::SetNetwork(net)]
        }
        "set_gossip" => set_gossip(errs, p, a, run),
        _ => Vec::new(),
    }
}

/// `set_gossip`: new spreading rules, new SWIM settings, or both (in that order).
fn set_gossip(errs: &mut Errors, p: &str, a: &ActionJson, run: &mut Running) -> Vec<Action> {
    let path = format!("{p}.gossip");
    let g = match &a.gossip {
        Some(g) if has_spread_fields(g) || g.swim.is_some() => g,
        Some(_) | None => {
            errs.push(
                path,
                "required: the settings to change, e.g. {\"fanout\": 2} or {\"swim\": {\"enabled\": true}}",
            );
            return Vec::new();
        }
    };
    if g.spare.is_some() {
        errs.push(
            format!("{path}.spare"),
            "spare slots are fixed when the run starts; set them in the top-level gossip section",
        );
        return Vec::new();
    }
    let before = errs.0.len();
    let mut out = Vec::new();
    if has_spread_fields(g) {
        let s = spread(errs, &path, g, &run.spread, run.nodes);
        if errs.0.len() == before {
            match s.validate(run.nodes) {
                Ok(()) => {
                    run.spread = s.clone();
                    out.push(Action::SetSpread(s));
                }
                Err(e) => engine_error(errs, &path, e),
            }
        }
    }
    if let Some(sj) = &g.swim {
        let s = swim(errs, &format!("{path}.swim"), sj, &run.swim);
        if errs.0.len() == before {
            match s.validate() {
                Ok(()) => {
                    run.swim = s.clone();
                    out.push(Action::SetSwim(s));
                }
                Err(e) => engine_error(errs, &path, e),
            }
        }
    }
    if errs.0.len() > before {
        return Vec::new();
    }
    out
}

fn expect(errs: &mut Errors, j: &ExpectJson) -> Expect {
    for f in expect_fields(j, true) {
        other_protocol(errs, &format!("expect.{f}"), Protocol::Raft);
    }
    let mut e = Expect {
        all_informed: j.all_informed,
        max_rounds: j.max_rounds,
        false_positives: j.false_positives,
        detected: j.detected,
        ..Expect::default()
    };
    if let Some(v) = j.residue_max
        && errs.range_f64("expect.residue_max", v, 0.0, 1.0)
    {
        e.residue_max = Some(v);
    }
    if let Some(v) = j.max_detection_ms
        && errs.range_f64("expect.max_detection_ms", v, 0.0, MAX_STOP_MS)
    {
        e.max_detection = Some(ms(v));
    }
    e
}

/// Validates the gossip part of a scenario.
pub(super) fn scenario(mut errs: Errors, j: &ScenarioJson) -> Result<Scenario, ScenarioError> {
    for (field, present) in [
        ("raft", j.raft.is_some()),
        ("clients", j.clients.is_some()),
        ("workload", j.workload.is_some()),
    ] {
        if present {
            other_protocol(&mut errs, field, Protocol::Raft);
        }
    }
    let before = errs.0.len();
    let nodes = j.nodes.unwrap_or(DEFAULT_GOSSIP_NODES as i64);
    let counted = count(&mut errs, "nodes", nodes, 1, MAX_NODES, "");
    // With an invalid count, node references are still checked against the largest cluster.
    let nodes = counted.unwrap_or(MAX_NODES);
    let net = network(
        &mut errs,
        "network",
        j.network.as_ref().unwrap_or(&NetworkJson::default()),
        &NetConfig::default(),
    );
    let g = j.gossip.clone().unwrap_or_default();
    let spare = match g.spare {
        // Its range depends on the node count, already reported as wrong.
        Some(_) if counted.is_none() => 0,
        Some(v) => {
            let note = format!(" (nodes + spare ≤ {MAX_NODES})");
            count(&mut errs, "gossip.spare", v, 0, MAX_NODES - nodes, &note).unwrap_or(0)
        }
        None => 0,
    };
    let config = GossipConfig {
        nodes,
        spare,
        seed: j.seed.unwrap_or(1),
        spread: spread(&mut errs, "gossip", &g, &SpreadConfig::default(), nodes),
        swim: swim(
            &mut errs,
            "gossip.swim",
            g.swim.as_ref().unwrap_or(&SwimJson::default()),
            &SwimConfig::default(),
        ),
        net,
    };
    if errs.0.len() == before
        && let Err(e) = config.validate()
    {
        engine_error(&mut errs, "gossip", e);
    }
    let stop = stop_time(&mut errs, j);
    let Some(order) = action_order(&mut errs, &j.actions) else {
        return errs.finish(Scenario::default());
    };
    let mut run = Running {
        nodes,
        slots: config.slots(),
        spare,
        joins: 0,
        net: config.net.clone(),
        spread: config.spread.clone(),
        swim: config.swim.clone(),
    };
    let mut script = Vec::new();
    for i in order {
        let a = &j.actions[i];
        let p = format!("actions[{i}]");
        if !errs.range_f64(&format!("{p}.at_ms"), a.at_ms, 0.0, MAX_STOP_MS) {
            continue;
        }
        let at = SimTime::from_millis_f64(a.at_ms);
        script.extend(
            action(&mut errs, &p, a, &mut run)
                .into_iter()
                .map(|x| (at, x)),
        );
    }
    let expect = expect(
        &mut errs,
        j.expect.as_ref().unwrap_or(&ExpectJson::default()),
    );
    errs.finish(Scenario {
        name: j.name.clone(),
        description: j.description.clone(),
        protocol: Protocol::Gossip,
        cluster: ClusterConfig::default(),
        script: Vec::new(),
        gossip: Some(GossipSetup { config, script }),
        stop,
        expect,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_fields_map_to_json_paths() {
        let cases = [
            ("nodes", "nodes"),
            ("spare", "gossip.spare"),
            ("net.loss", "network.loss"),
            ("net.latency", "network.latency_ms"),
            ("spread.fanout", "gossip.fanout"),
            ("spread.period", "gossip.period_ms"),
            ("spread.stop.k", "gossip.stop"),
            ("spread.anti_entropy", "gossip.anti_entropy_ms"),
            ("swim.period", "gossip.swim.period_ms"),
            ("swim.ping_timeout", "gossip.swim.ping_timeout_ms"),
            ("swim.indirect", "gossip.swim.indirect"),
        ];
        for (field, path) in cases {
            assert_eq!(json_path("gossip", field), path);
        }
        assert_eq!(
            json_path("actions[2].gossip", "swim.ping_timeout"),
            "actions[2].gossip.swim.ping_timeout_ms"
        );
    }

    #[test]
    fn a_wrong_node_count_is_reported_once() {
        let text = r#"{"version":1,"protocol":"gossip","nodes":0,"gossip":{"spare":3,"fanout":2}}"#;
        let err = super::super::parse_scenario(text).unwrap_err();
        assert_eq!(err.to_string(), "nodes: must be between 1 and 10000, got 0");
    }

    #[test]
    fn set_gossip_may_change_spreading_and_swim_at_once() {
        let text = r#"{"version":1,"protocol":"gossip","nodes":8,"actions":[
            {"at_ms":5,"do":"set_gossip","gossip":{"fanout":2,"swim":{"enabled":true}}}]}"#;
        let s = super::super::parse_scenario(text).unwrap();
        let script = &s.gossip.unwrap().script;
        assert!(matches!(script[0].1, Action::SetSpread(ref x) if x.fanout == 2));
        assert!(matches!(script[1].1, Action::SetSwim(ref x) if x.enabled));
    }
}
