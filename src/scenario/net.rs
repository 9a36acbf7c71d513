//! The network and process actions in scenario files, the same in every
//! protocol: their JSON (tagged by `"do"`), their validation into
//! [`NetAction`]s and back.

use super::common::*;
use super::error::Errors;
use crate::msg;
use crate::net::{MsgFilter, NetAction};
use crate::sim::{MsgId, NetConfig};
use serde::{Deserialize, Serialize};

/// What a scenario's protocol allows its shared actions to name.
#[derive(Clone, Copy, Debug)]
pub struct NetContext<'a> {
    /// Servers in the cluster.
    pub nodes: usize,
    /// Slots a partition may name (servers that join later included).
    pub slots: usize,
    /// Whether "leader" can name a server.
    pub leader: bool,
    /// The protocol's message names, for filters.
    pub messages: &'a [&'static str],
}

/// The names of the shared actions.
pub const NET_ACTIONS: &[&str] = &[
    "crash",
    "restart",
    "pause",
    "resume",
    "slow",
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
];

/// One shared action as files write it (with `"do"` and without `at_ms`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case", deny_unknown_fields)]
pub enum NetActionJson {
    Crash {
        node: Option<NodeRefJson>,
    },
    Restart {
        node: Option<NodeRefJson>,
    },
    Pause {
        node: Option<NodeRefJson>,
    },
    Resume {
        node: Option<NodeRefJson>,
    },
    Slow {
        node: Option<NodeRefJson>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        factor: Option<i64>,
    },
    Partition {
        groups: Option<Vec<Vec<i64>>>,
    },
    Isolate {
        node: Option<NodeRefJson>,
    },
    Cut {
        from: Option<i64>,
        to: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        both: Option<bool>,
    },
    Uncut {
        from: Option<i64>,
        to: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        both: Option<bool>,
    },
    Heal,
    Drop(FilterJson),
    Duplicate(FilterJson),
    Deliver(FilterJson),
    SetLatency {
        latency_ms: Option<[f64; 2]>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<i64>,
    },
    SetLoss {
        loss: Option<f64>,
    },
    SetDuplicate {
        duplicate: Option<f64>,
    },
    SetNetwork {
        network: Option<NetworkJson>,
    },
}

/// Which messages in flight an action picks; empty fields match any.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i64>,
}

fn node(
    errs: &mut Errors,
    p: &str,
    j: &Option<NodeRefJson>,
    cx: &NetContext,
) -> Option<crate::net::NodeRef> {
    let n = cx.nodes;
    let what = if cx.leader {
        msg!(
            "a node number between 1 and {n} or \"leader\"",
            "1 到 {n} 之间的节点编号或 \"leader\""
        )
    } else {
        msg!("a node number between 1 and {n}", "1 到 {n} 之间的节点编号")
    };
    let path = format!("{p}.node");
    let j = errs.required(&path, j.as_ref(), what)?;
    node_ref(errs, &path, j, n, cx.leader)
}

fn filter(errs: &mut Errors, p: &str, j: &FilterJson, cx: &NetContext) -> Option<MsgFilter> {
    let mut f = MsgFilter {
        id: j.id.map(MsgId),
        ..Default::default()
    };
    if let Some(m) = &j.msg {
        match cx.messages.iter().find(|k| **k == m.as_str()) {
            Some(k) => f.kind = Some(k),
            None => {
                let names = cx.messages.join(", ");
                errs.push(
                    format!("{p}.msg"),
                    msg!(
                        "unknown message {m:?}; one of: {names}",
                        "未知消息 {m:?}；可选：{names}"
                    ),
                );
                return None;
            }
        }
    }
    if let Some(v) = j.from {
        f.from = Some(node_id(errs, &format!("{p}.from"), v, cx.nodes)?);
    }
    if let Some(v) = j.to {
        f.to = Some(node_id(errs, &format!("{p}.to"), v, cx.nodes)?);
    }
    Some(f)
}

fn probability(errs: &mut Errors, path: String, v: Option<f64>) -> Option<f64> {
    let v = errs.required(
        &path,
        v,
        msg!("a probability between 0 and 1", "0 到 1 之间的概率"),
    )?;
    errs.range_f64(&path, v, 0.0, 1.0).then_some(v)
}

/// Validates one shared action at path `p`.
pub fn net_action(
    errs: &mut Errors,
    p: &str,
    a: &NetActionJson,
    cx: &NetContext,
) -> Option<NetAction> {
    type J = NetActionJson;
    Some(match a {
        J::Crash { node: n } => NetAction::Crash(node(errs, p, n, cx)?),
        J::Restart { node: n } => NetAction::Restart(node(errs, p, n, cx)?),
        J::Pause { node: n } => NetAction::Pause(node(errs, p, n, cx)?),
        J::Resume { node: n } => NetAction::Resume(node(errs, p, n, cx)?),
        J::Isolate { node: n } => NetAction::Isolate(node(errs, p, n, cx)?),
        J::Slow { node: n, factor } => {
            let node = node(errs, p, n, cx)?;
            let factor = factor.unwrap_or(10);
            if !errs.range_f64(&format!("{p}.factor"), factor as f64, 1.0, 100.0) {
                return None;
            }
            NetAction::Slow {
                node,
                factor: factor as u16,
            }
        }
        J::Partition { groups: g } => {
            let path = format!("{p}.groups");
            let g = errs.required(
                &path,
                g.as_ref(),
                msg!("e.g. [[1, 2], [3, 4, 5]]", "例如 [[1, 2], [3, 4, 5]]"),
            )?;
            NetAction::Partition(groups(errs, p, g, cx.slots)?)
        }
        J::Cut { from, to, both } => {
            let (from, to) = link(errs, p, *from, *to, cx.nodes)?;
            NetAction::Cut {
                from,
                to,
                both: both.unwrap_or(false),
            }
        }
        J::Uncut { from, to, both } => {
            let (from, to) = link(errs, p, *from, *to, cx.nodes)?;
            NetAction::Uncut {
                from,
                to,
                both: both.unwrap_or(false),
            }
        }
        J::Heal => NetAction::Heal,
        J::Drop(f) => NetAction::Drop(filter(errs, p, f, cx)?),
        J::Duplicate(f) => NetAction::Duplicate(filter(errs, p, f, cx)?),
        J::Deliver(f) => NetAction::Deliver(filter(errs, p, f, cx)?),
        J::SetLatency {
            latency_ms,
            from,
            to,
        } => {
            let path = format!("{p}.latency_ms");
            let what = msg!("[min, max] in milliseconds", "[最小值, 最大值]，单位毫秒");
            let l = errs.required(&path, *latency_ms, what)?;
            if !check_pair(errs, &path, l, 0.0) {
                return None;
            }
            if from.is_some() || to.is_some() {
                let (from, to) = link(errs, p, *from, *to, cx.nodes)?;
                NetAction::SetLinkLatency {
                    from,
                    to,
                    range: latency(l),
                }
            } else {
                NetAction::SetLatency(latency(l))
            }
        }
        J::SetLoss { loss } => NetAction::SetLoss(probability(errs, format!("{p}.loss"), *loss)?),
        J::SetDuplicate { duplicate } => {
            NetAction::SetDuplicate(probability(errs, format!("{p}.duplicate"), *duplicate)?)
        }
        J::SetNetwork { network: n } => {
            let before = errs.count();
            let n = network(
                errs,
                &format!("{p}.network"),
                n.as_ref().unwrap_or(&NetworkJson::default()),
                &NetConfig::default(),
            );
            if errs.count() > before {
                return None;
            }
            NetAction::SetNetwork(n)
        }
    })
}

/// The JSON of a shared action.
pub fn net_action_json(a: &NetAction) -> NetActionJson {
    type J = NetActionJson;
    let n = |r: &crate::net::NodeRef| Some(node_ref_json(*r));
    let filter = |f: &MsgFilter| FilterJson {
        id: f.id.map(|m| m.0),
        msg: f.kind.map(str::to_string),
        from: f.from.map(|x| i64::from(x.0)),
        to: f.to.map(|x| i64::from(x.0)),
    };
    let id = |x: crate::sim::NodeId| Some(i64::from(x.0));
    match a {
        NetAction::Crash(r) => J::Crash { node: n(r) },
        NetAction::Restart(r) => J::Restart { node: n(r) },
        NetAction::Pause(r) => J::Pause { node: n(r) },
        NetAction::Resume(r) => J::Resume { node: n(r) },
        NetAction::Isolate(r) => J::Isolate { node: n(r) },
        NetAction::Slow { node, factor } => J::Slow {
            node: n(node),
            factor: Some(i64::from(*factor)),
        },
        NetAction::Partition(g) => J::Partition {
            groups: Some(groups_json(g)),
        },
        NetAction::Cut { from, to, both } => J::Cut {
            from: id(*from),
            to: id(*to),
            both: both.then_some(true),
        },
        NetAction::Uncut { from, to, both } => J::Uncut {
            from: id(*from),
            to: id(*to),
            both: both.then_some(true),
        },
        NetAction::Heal => J::Heal,
        NetAction::Drop(f) => J::Drop(filter(f)),
        NetAction::Duplicate(f) => J::Duplicate(filter(f)),
        NetAction::Deliver(f) => J::Deliver(filter(f)),
        NetAction::SetNetwork(c) => J::SetNetwork {
            network: Some(network_json(c)),
        },
        NetAction::SetLoss(p) => J::SetLoss { loss: Some(*p) },
        NetAction::SetDuplicate(p) => J::SetDuplicate {
            duplicate: Some(*p),
        },
        NetAction::SetLatency(r) => J::SetLatency {
            latency_ms: Some([to_ms(r.min), to_ms(r.max)]),
            from: None,
            to: None,
        },
        NetAction::SetLinkLatency { from, to, range } => J::SetLatency {
            latency_ms: Some([to_ms(range.min), to_ms(range.max)]),
            from: id(*from),
            to: id(*to),
        },
    }
}
