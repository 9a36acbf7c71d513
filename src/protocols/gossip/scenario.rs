//! Gossip's part of a scenario file: the `gossip` section (spreading, SWIM
//! and spare slots), gossip's own actions (`start_rumor`, `join`, `leave`,
//! `set_gossip`) and expectations (docs/scenarios.md). Each field's range is
//! checked here, every error collected; then the engine's own `validate`
//! checks what depends on several fields, its field names mapped to JSON paths.

use super::{
    Action, ConfigError, Feedback, Gossip, GossipConfig, MAX_NODES, MAX_PIGGYBACK, MAX_SMALL, Mode,
    SpreadConfig, StopRule, SwimConfig,
};
use crate::lang::Text;
use crate::msg;
use crate::net::NetAction;
use crate::scenario::common::{
    MAX_DELAY_MS, MAX_STOP_MS, NetworkJson, ms, network, network_json, required_id, to_ms,
};
use crate::scenario::{CommandError, Common, Errors, Format, valid_key, valid_value};
use crate::sim::{NetConfig, NodeId, SimDuration};
use serde::{Deserialize, Serialize};

/// Initial members when a gossip scenario does not say.
const DEFAULT_NODES: usize = 50;
/// Shortest round, protocol period or timeout accepted, in milliseconds.
const MIN_PERIOD_MS: f64 = 1.0;

/// What a gossip run is expected to show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expect {
    /// Every rumor is known by every live node when the run stops.
    pub all_informed: Option<bool>,
    /// Every rumor reached every live node within this many rounds.
    pub max_rounds: Option<u64>,
    /// No rumor's residue (live nodes never reached) exceeds this fraction.
    pub residue_max: Option<f64>,
    /// Exactly this many live nodes were wrongly suspected or declared dead.
    pub false_positives: Option<u64>,
    /// `true`: there was a crash and every crash was detected; `false`: none was.
    pub detected: Option<bool>,
    /// Every crash was first detected within this long.
    pub max_detection: Option<SimDuration>,
}

/// Gossip's top-level section.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gossip: Option<GossipJson>,
}

/// How rumors spread and, with `swim`, how members watch each other.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GossipJson {
    /// "push", "pull" or "push_pull".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fanout: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<StopJson>,
    /// When a push's receiver counts as already knowing a rumor: "arrival"
    /// or "cycle" (the semantics of Demers et al.'s Table 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// 0 turns anti-entropy off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anti_entropy_ms: Option<f64>,
    /// Slots for nodes that join later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spare: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swim: Option<SwimJson>,
}

/// A stop rule: `"forever"`, `{"counter": k}` or `{"coin": k}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopJson {
    Forever,
    Counter(i64),
    Coin(i64),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwimJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ping_timeout_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indirect: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspicion_mult: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retransmit_mult: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub piggyback: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconnect_every: Option<i64>,
}

/// Gossip's own actions as files write them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case", deny_unknown_fields)]
pub enum ActionJson {
    StartRumor {
        node: Option<i64>,
        key: Option<String>,
        value: Option<String>,
    },
    /// A new node enters through `via`.
    Join {
        via: Option<i64>,
    },
    Leave {
        node: Option<i64>,
    },
    SetGossip {
        gossip: Option<GossipJson>,
    },
}

/// What a gossip run is expected to show, as files write it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_informed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rounds: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residue_max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub false_positives: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_detection_ms: Option<f64>,
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
    let m = e.message;
    errs.push(json_path(gossip, &e.field), msg!("{m}", "{m}"));
}

/// A whole number in `lo ..= hi` (`note` says where the bound comes from).
fn count(
    errs: &mut Errors,
    path: &str,
    v: i64,
    lo: usize,
    hi: usize,
    note: &Text,
) -> Option<usize> {
    if v >= lo as i64 && v <= hi as i64 {
        Some(v as usize)
    } else {
        let (en, zh) = (&note.en, &note.zh);
        errs.push(
            path,
            msg!(
                "must be between {lo} and {hi}{en}, got {v}",
                "必须在 {lo} 到 {hi} 之间{zh}，实际为 {v}"
            ),
        );
        None
    }
}

const NO_NOTE: Text = Text::new("", "");

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

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Push => "push",
        Mode::Pull => "pull",
        Mode::PushPull => "push_pull",
    }
}

/// Applies the spreading fields of a gossip section on top of `base`.
pub fn spread(
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
                msg!(
                    "must be one of push, pull, push_pull; got {m:?}",
                    "必须是 push、pull、push_pull 之一；实际为 {m:?}"
                ),
            ),
        }
    }
    if let Some(v) = j.fanout {
        let hi = SpreadConfig::max_fanout(nodes);
        let note = msg!(
            " (the other nodes of a {nodes}-node cluster)",
            "（{nodes} 个节点的集群中的其他节点数）"
        );
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
            count(errs, &p, k, 1, MAX_SMALL as usize, &NO_NOTE).map(|k| k as u8)
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
    if let Some(f) = &j.feedback {
        match f.as_str() {
            "arrival" => s.feedback = Feedback::Arrival,
            "cycle" => s.feedback = Feedback::Cycle,
            other => errs.push(
                format!("{path}.feedback"),
                msg!(
                    "must be \"arrival\" or \"cycle\", got \"{other}\"",
                    "必须是 \"arrival\" 或 \"cycle\"，实际为 \"{other}\""
                ),
            ),
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
                msg!(
                    "must be 0 (off) or between {MIN_PERIOD_MS} and {MAX_DELAY_MS}, got {v}",
                    "必须是 0（关闭）或在 {MIN_PERIOD_MS} 到 {MAX_DELAY_MS} 之间，实际为 {v}"
                ),
            );
        }
    }
    s
}

/// Applies a SWIM section on top of `base`.
pub fn swim(errs: &mut Errors, path: &str, j: &SwimJson, base: &SwimConfig) -> SwimConfig {
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
        v.and_then(|v| count(errs, &format!("{path}.{name}"), v, lo, hi, &NO_NOTE))
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
        || j.feedback.is_some()
        || j.anti_entropy_ms.is_some()
}

/// A rumor's key or value: present and `valid`, or else `bad` says what is allowed.
fn word<'a>(
    errs: &mut Errors,
    path: String,
    v: &'a Option<String>,
    valid: fn(&str) -> bool,
    bad: CommandError,
) -> Option<&'a str> {
    let v = errs.required(&path, v.as_deref(), bad.text())?;
    if valid(v) {
        Some(v)
    } else {
        errs.push(path, bad.text());
        None
    }
}

/// `set_gossip`: new spreading rules, new SWIM settings, or both (in that order).
fn set_gossip(
    errs: &mut Errors,
    p: &str,
    g: &Option<GossipJson>,
    run: &mut GossipConfig,
) -> Vec<Action> {
    let path = format!("{p}.gossip");
    let g = match g {
        Some(g) if has_spread_fields(g) || g.swim.is_some() => g,
        Some(_) | None => {
            errs.push(
                path,
                Text::new(
                    "required: the settings to change, e.g. {\"fanout\": 2} or {\"swim\": {\"enabled\": true}}",
                    "必填：要更改的设置，例如 {\"fanout\": 2} 或 {\"swim\": {\"enabled\": true}}",
                ),
            );
            return Vec::new();
        }
    };
    if g.spare.is_some() {
        errs.push(
            format!("{path}.spare"),
            Text::new(
                "spare slots are fixed when the run starts; set them in the top-level gossip section",
                "空闲槽位在运行开始时就固定了；请在顶层 gossip 部分设置",
            ),
        );
        return Vec::new();
    }
    let before = errs.count();
    let mut out = Vec::new();
    if has_spread_fields(g) {
        let s = spread(errs, &path, g, &run.spread, run.nodes);
        if errs.count() == before {
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
        if errs.count() == before {
            match s.validate() {
                Ok(()) => {
                    run.swim = s.clone();
                    out.push(Action::SetSwim(s));
                }
                Err(e) => engine_error(errs, &path, e),
            }
        }
    }
    if errs.count() > before {
        return Vec::new();
    }
    out
}

/// The settings as the actions so far change them, and the joins so far.
pub struct Running {
    config: GossipConfig,
    joins: usize,
}

fn action(errs: &mut Errors, p: &str, a: &ActionJson, run: &mut Running) -> Vec<Action> {
    let slots = run.config.slots();
    let node =
        |errs: &mut Errors, v: &Option<i64>| required_id(errs, &format!("{p}.node"), *v, slots);
    let one = |a: Option<Action>| a.into_iter().collect();
    match a {
        ActionJson::StartRumor {
            node: n,
            key,
            value,
        } => {
            let n = node(errs, n);
            let key = word(
                errs,
                format!("{p}.key"),
                key,
                valid_key,
                CommandError::BadKey,
            );
            let value = word(
                errs,
                format!("{p}.value"),
                value,
                valid_value,
                CommandError::BadValue,
            );
            let (Some(node), Some(key), Some(value)) = (n, key, value) else {
                return Vec::new();
            };
            vec![Action::StartRumor {
                node,
                key: key.into(),
                value: value.into(),
            }]
        }
        ActionJson::Leave { node: n } => one(node(errs, n).map(Action::Leave)),
        ActionJson::Join { via } => {
            let seed = required_id(errs, &format!("{p}.via"), *via, slots);
            run.joins += 1;
            if run.joins > run.config.spare {
                let (n, spare) = (run.joins, run.config.spare);
                errs.push(
                    format!("{p}.do"),
                    msg!(
                        "a join needs a free slot: join number {n} needs gossip.spare of at least {n} (it is {spare})",
                        "加入需要一个空闲槽位：第 {n} 次加入需要 gossip.spare 至少为 {n}（当前为 {spare}）"
                    ),
                );
                return Vec::new();
            }
            one(seed.map(|seed| Action::Join { seed }))
        }
        ActionJson::SetGossip { gossip } => set_gossip(errs, p, gossip, &mut run.config),
    }
}

impl Format for Gossip {
    type Section = Section;
    type ActionJson = ActionJson;
    type ExpectJson = ExpectJson;
    const SECTION_FIELDS: &'static [&'static str] = &["gossip"];
    const EXPECT_FIELDS: &'static [&'static str] = &[
        "all_informed",
        "max_rounds",
        "residue_max",
        "false_positives",
        "detected",
        "max_detection_ms",
    ];
    const ACTIONS: &'static [&'static str] = &["start_rumor", "join", "leave", "set_gossip"];
    const MESSAGES: &'static [&'static str] = &[
        "Push",
        "Feedback",
        "Pull",
        "PullReply",
        "PushPull",
        "PushPullReply",
        "Sync",
        "SyncReply",
        "Ping",
        "Ack",
        "PingReq",
        "Join",
        "JoinReply",
        "Leave",
    ];
    const LEADER: bool = false;
    const NODES: (usize, usize) = (DEFAULT_NODES, MAX_NODES);

    fn setup(errs: &mut Errors, common: &Common, section: &Section) -> GossipConfig {
        let before = errs.count();
        let nodes = common.nodes.unwrap_or(DEFAULT_NODES as i64);
        let counted = count(errs, "nodes", nodes, 1, MAX_NODES, &NO_NOTE);
        // With an invalid count, node references are still checked against the largest cluster.
        let nodes = counted.unwrap_or(MAX_NODES);
        let net = network(
            errs,
            "network",
            common.network.as_ref().unwrap_or(&NetworkJson::default()),
            &NetConfig::default(),
        );
        let g = section.gossip.clone().unwrap_or_default();
        let spare = match g.spare {
            // Its range depends on the node count, already reported as wrong.
            Some(_) if counted.is_none() => 0,
            Some(v) => {
                let note = msg!(
                    " (nodes + spare ≤ {MAX_NODES})",
                    "（nodes + spare ≤ {MAX_NODES}）"
                );
                count(errs, "gossip.spare", v, 0, MAX_NODES - nodes, &note).unwrap_or(0)
            }
            None => 0,
        };
        let config = GossipConfig {
            nodes,
            spare,
            seed: common.seed.unwrap_or(1),
            spread: spread(errs, "gossip", &g, &SpreadConfig::default(), nodes),
            swim: swim(
                errs,
                "gossip.swim",
                g.swim.as_ref().unwrap_or(&SwimJson::default()),
                &SwimConfig::default(),
            ),
            net,
        };
        if errs.count() == before
            && let Err(e) = config.validate()
        {
            engine_error(errs, "gossip", e);
        }
        config
    }

    fn nodes(setup: &GossipConfig) -> (usize, usize) {
        (setup.slots(), setup.slots())
    }

    type Running = Running;
    fn running(setup: &GossipConfig) -> Running {
        Running {
            config: setup.clone(),
            joins: 0,
        }
    }

    fn action(errs: &mut Errors, p: &str, a: &ActionJson, running: &mut Running) -> Vec<Action> {
        action(errs, p, a, running)
    }

    fn expect(errs: &mut Errors, j: &ExpectJson, _setup: &GossipConfig) -> Expect {
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

    fn export_setup(c: &GossipConfig) -> (Common, Section) {
        let s = &c.spread;
        let w = &c.swim;
        let common = Common {
            seed: Some(c.seed),
            nodes: Some(c.nodes as i64),
            network: Some(network_json(&c.net)),
        };
        let gossip = GossipJson {
            spare: Some(c.spare as i64),
            swim: Some(swim_json(w)),
            ..spread_json(s)
        };
        (
            common,
            Section {
                gossip: Some(gossip),
            },
        )
    }

    fn export_action(a: &Action) -> Result<&NetAction, ActionJson> {
        let id = |n: &NodeId| Some(i64::from(n.0));
        Err(match a {
            Action::Net(net) => return Ok(net),
            Action::StartRumor { node, key, value } => ActionJson::StartRumor {
                node: id(node),
                key: Some(key.to_string()),
                value: Some(value.to_string()),
            },
            Action::Join { seed } => ActionJson::Join { via: id(seed) },
            Action::Leave(n) => ActionJson::Leave { node: id(n) },
            Action::SetSpread(s) => ActionJson::SetGossip {
                gossip: Some(spread_json(s)),
            },
            Action::SetSwim(s) => ActionJson::SetGossip {
                gossip: Some(GossipJson {
                    swim: Some(swim_json(s)),
                    ..GossipJson::default()
                }),
            },
        })
    }

    fn export_expect(e: &Expect) -> Option<ExpectJson> {
        (*e != Expect::default()).then(|| ExpectJson {
            all_informed: e.all_informed,
            max_rounds: e.max_rounds,
            residue_max: e.residue_max,
            false_positives: e.false_positives,
            detected: e.detected,
            max_detection_ms: e.max_detection.map(to_ms),
        })
    }
}

/// The spreading fields that give `s` exactly.
pub fn spread_json(s: &SpreadConfig) -> GossipJson {
    GossipJson {
        mode: Some(mode_name(s.mode).into()),
        fanout: Some(s.fanout as i64),
        period_ms: Some(to_ms(s.period)),
        stop: Some(match s.stop {
            StopRule::Forever => StopJson::Forever,
            StopRule::Counter(k) => StopJson::Counter(i64::from(k)),
            StopRule::Coin(k) => StopJson::Coin(i64::from(k)),
        }),
        feedback: Some(s.feedback.name().into()),
        anti_entropy_ms: Some(s.anti_entropy.map_or(0.0, to_ms)),
        ..GossipJson::default()
    }
}

/// The SWIM section that gives `s` exactly.
pub fn swim_json(s: &SwimConfig) -> SwimJson {
    SwimJson {
        enabled: Some(s.enabled),
        period_ms: Some(to_ms(s.period)),
        ping_timeout_ms: Some(to_ms(s.ping_timeout)),
        indirect: Some(i64::from(s.indirect)),
        suspicion_mult: Some(i64::from(s.suspicion_mult)),
        retransmit_mult: Some(i64::from(s.retransmit_mult)),
        piggyback: Some(s.piggyback as i64),
        reconnect_every: Some(i64::from(s.reconnect_every)),
    }
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
    fn feedback_is_arrival_or_cycle() {
        let text = |f: &str| {
            format!(
                r#"{{"version":1,"protocol":"gossip","nodes":5,"gossip":{{"feedback":"{f}"}}}}"#
            )
        };
        let s = crate::scenario::parse::<Gossip>(&text("cycle")).unwrap();
        assert_eq!(s.setup.spread.feedback, Feedback::Cycle);
        let err = crate::scenario::parse::<Gossip>(&text("late")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"gossip.feedback: must be "arrival" or "cycle", got "late""#
        );
    }

    #[test]
    fn a_wrong_node_count_is_reported_once() {
        let text = r#"{"version":1,"protocol":"gossip","nodes":0,"gossip":{"spare":3,"fanout":2}}"#;
        let err = crate::scenario::parse::<Gossip>(text).unwrap_err();
        assert_eq!(err.to_string(), "nodes: must be between 1 and 10000, got 0");
    }

    #[test]
    fn set_gossip_may_change_spreading_and_swim_at_once() {
        let text = r#"{"version":1,"protocol":"gossip","nodes":8,"actions":[
            {"at_ms":5,"do":"set_gossip","gossip":{"fanout":2,"swim":{"enabled":true}}}]}"#;
        let s = crate::scenario::parse::<Gossip>(text).unwrap();
        assert!(matches!(s.script[0].1, Action::SetSpread(ref x) if x.fanout == 2));
        assert!(matches!(s.script[1].1, Action::SetSwim(ref x) if x.enabled));
    }
}
