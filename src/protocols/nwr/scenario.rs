//! Quorum NWR's part of a scenario file: the `nwr`, `clients` and `workload`
//! sections, its own actions (`put`, `get`) and expectations
//! (docs/scenarios.md, "Quorum NWR scenarios"). Every field's range is
//! checked and every error collected, with its path.

use super::config::{NwrConfig, NwrSetup, ReadRepair, majority};
use super::{Action, MAX_NODES, Nwr};
use crate::lang::Text;
use crate::msg;
use crate::net::NetAction;
use crate::scenario::common::{check_delay, ms, network, network_json, node_id, to_ms};
use crate::scenario::workload::{
    ClientsJson, WorkloadJson, clients, clients_json, workload, workload_json,
};
use crate::scenario::{CommandError, Common, Errors, Format, valid_key, valid_value};
use crate::sim::{NetConfig, NodeId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Servers when a file does not say.
const DEFAULT_NODES: usize = 5;

/// What a Quorum NWR run is expected to show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expect {
    /// Whether the client history is linearizable.
    pub linearizable: Option<bool>,
    /// At least this many client operations succeeded.
    pub min_ok: Option<u64>,
    /// Exactly this many client operations failed.
    pub failed: Option<u64>,
    /// Exactly this many reads were stale.
    pub stale_reads: Option<u64>,
    /// At most this many reads were stale.
    pub max_stale_reads: Option<u64>,
    /// Exactly this many new–old inversions.
    pub inversions: Option<u64>,
    /// Exactly this many acknowledged writes lost to last write wins.
    pub lost_writes: Option<u64>,
    /// Every running replica of each key holds this value (`None`: no value).
    pub kv: Option<BTreeMap<String, Option<String>>>,
}

/// Quorum NWR's top-level sections.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nwr: Option<NwrJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clients: Option<ClientsJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<WorkloadJson>,
}

/// The `nwr` section; every field optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NwrJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r: Option<i64>,
    /// "off", "async" or "blocking".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_repair: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub two_phase_writes: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sloppy_quorum: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff_ms: Option<f64>,
}

/// Quorum NWR's own actions as files write them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case", deny_unknown_fields)]
pub enum ActionJson {
    Put {
        key: Option<String>,
        value: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        node: Option<i64>,
    },
    Get {
        key: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        node: Option<i64>,
    },
}

/// What a Quorum NWR run is expected to show, as files write it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linearizable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_ok: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_reads: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_stale_reads: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inversions: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_writes: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kv: Option<BTreeMap<String, Option<String>>>,
}

/// A count in `lo ..= hi`, or the error naming its range.
fn size(errs: &mut Errors, path: &str, v: i64, lo: usize, hi: usize, note: Text) -> Option<usize> {
    if v >= lo as i64 && v <= hi as i64 {
        return Some(v as usize);
    }
    let (en, zh) = (note.en, note.zh);
    errs.push(
        path,
        msg!(
            "must be between {lo} and {hi}{en}, got {v}",
            "必须在 {lo} 到 {hi} 之间{zh}，实际为 {v}"
        ),
    );
    None
}

/// A delay of the `nwr` section, 1 ms … 60 s.
fn delay(
    errs: &mut Errors,
    path: &str,
    v: Option<f64>,
    base: crate::sim::SimDuration,
) -> crate::sim::SimDuration {
    match v {
        Some(v) if check_delay(errs, path, v, 1.0) => ms(v),
        _ => base,
    }
}

/// The `nwr` section for a cluster of `nodes` servers.
pub fn nwr(errs: &mut Errors, j: &NwrJson, nodes: usize) -> NwrConfig {
    let base = NwrConfig::for_nodes(nodes);
    let n = match j.n {
        Some(v) => {
            let note = msg!(" (the number of servers)", "（服务器的数量）");
            size(errs, "nwr.n", v, 1, nodes, note).unwrap_or(base.n)
        }
        None => base.n,
    };
    let quorum = |errs: &mut Errors, field: &str, v: Option<i64>| match v {
        Some(v) => {
            let note = msg!(" (n = {n})", "（n = {n}）");
            size(errs, field, v, 1, n, note).unwrap_or(majority(n))
        }
        None => majority(n),
    };
    let w = quorum(errs, "nwr.w", j.w);
    let r = quorum(errs, "nwr.r", j.r);
    let read_repair = match &j.read_repair {
        None => base.read_repair,
        Some(m) => ReadRepair::from_name(m).unwrap_or_else(|| {
            errs.push(
                "nwr.read_repair",
                msg!(
                    "must be one of off, async, blocking; got {m:?}",
                    "必须是 off、async、blocking 之一；实际为 {m:?}"
                ),
            );
            base.read_repair
        }),
    };
    NwrConfig {
        n,
        w,
        r,
        read_repair,
        two_phase_writes: j.two_phase_writes.unwrap_or(base.two_phase_writes),
        sloppy_quorum: j.sloppy_quorum.unwrap_or(base.sloppy_quorum),
        timeout: delay(errs, "nwr.timeout_ms", j.timeout_ms, base.timeout),
        fallback: delay(errs, "nwr.fallback_ms", j.fallback_ms, base.fallback),
        handoff: delay(errs, "nwr.handoff_ms", j.handoff_ms, base.handoff),
    }
}

/// The `nwr` section that gives `c` exactly.
pub fn nwr_json(c: &NwrConfig) -> NwrJson {
    NwrJson {
        n: Some(c.n as i64),
        w: Some(c.w as i64),
        r: Some(c.r as i64),
        read_repair: Some(c.read_repair.name().to_string()),
        two_phase_writes: Some(c.two_phase_writes),
        sloppy_quorum: Some(c.sloppy_quorum),
        timeout_ms: Some(to_ms(c.timeout)),
        fallback_ms: Some(to_ms(c.fallback)),
        handoff_ms: Some(to_ms(c.handoff)),
    }
}

/// A key or value: present and `valid`, or else `bad` says what is allowed.
fn word(
    errs: &mut Errors,
    path: String,
    v: &Option<String>,
    valid: fn(&str) -> bool,
    bad: CommandError,
) -> Option<std::sync::Arc<str>> {
    let v = errs.required(&path, v.as_deref(), bad.text())?;
    if valid(v) {
        Some(v.into())
    } else {
        errs.push(path, bad.text());
        None
    }
}

/// The coordinator a client contacts, if the action names one.
fn coordinator(
    errs: &mut Errors,
    p: &str,
    v: Option<i64>,
    nodes: usize,
) -> Result<Option<NodeId>, ()> {
    match v {
        None => Ok(None),
        Some(v) => node_id(errs, &format!("{p}.node"), v, nodes)
            .map(Some)
            .ok_or(()),
    }
}

fn action(errs: &mut Errors, p: &str, a: &ActionJson, setup: &NwrSetup) -> Option<Action> {
    let nodes = setup.nodes;
    match a {
        ActionJson::Put { key, value, node } => {
            let node = coordinator(errs, p, *node, nodes);
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
            Some(Action::Put {
                node: node.ok()?,
                key: key?,
                value: value?,
            })
        }
        ActionJson::Get { key, node } => {
            let node = coordinator(errs, p, *node, nodes);
            let key = word(
                errs,
                format!("{p}.key"),
                key,
                valid_key,
                CommandError::BadKey,
            );
            Some(Action::Get {
                node: node.ok()?,
                key: key?,
            })
        }
    }
}

impl Format for Nwr {
    type Section = Section;
    type ActionJson = ActionJson;
    type ExpectJson = ExpectJson;
    const SECTION_FIELDS: &'static [&'static str] = &["nwr", "clients", "workload"];
    const EXPECT_FIELDS: &'static [&'static str] = &[
        "linearizable",
        "min_ok",
        "failed",
        "stale_reads",
        "max_stale_reads",
        "inversions",
        "lost_writes",
        "kv",
    ];
    const ACTIONS: &'static [&'static str] = &["put", "get"];
    const MESSAGES: &'static [&'static str] = &[
        "Put",
        "PutAck",
        "Get",
        "GetReply",
        "Repair",
        "RepairAck",
        "Handoff",
        "HandoffAck",
    ];
    const LEADER: bool = false;
    const NODES: (usize, usize) = (DEFAULT_NODES, MAX_NODES);

    fn setup(errs: &mut Errors, common: &Common, section: &Section) -> NwrSetup {
        let nodes = common.nodes.unwrap_or(DEFAULT_NODES as i64);
        // With an invalid count, the rest is still checked against the largest cluster.
        let nodes =
            size(errs, "nodes", nodes, 1, MAX_NODES, Text::new("", "")).unwrap_or(MAX_NODES);
        let net = network(
            errs,
            "network",
            common.network.as_ref().unwrap_or(&Default::default()),
            &NetConfig::default(),
        );
        let client = clients(
            errs,
            section.clients.as_ref().unwrap_or(&ClientsJson::default()),
        );
        let workload = section
            .workload
            .as_ref()
            .map(|w| workload(errs, "workload", w));
        NwrSetup {
            nodes,
            seed: common.seed.unwrap_or(1),
            net,
            nwr: nwr(
                errs,
                section.nwr.as_ref().unwrap_or(&NwrJson::default()),
                nodes,
            ),
            client,
            workload,
        }
    }

    fn nodes(setup: &NwrSetup) -> (usize, usize) {
        (setup.nodes, setup.nodes)
    }

    type Running = NwrSetup;
    fn running(setup: &NwrSetup) -> NwrSetup {
        setup.clone()
    }

    fn action(errs: &mut Errors, p: &str, a: &ActionJson, running: &mut NwrSetup) -> Vec<Action> {
        action(errs, p, a, running).into_iter().collect()
    }

    fn expect(errs: &mut Errors, j: &ExpectJson, _setup: &NwrSetup) -> Expect {
        if let Some(kv) = &j.kv {
            for (key, value) in kv {
                if !valid_key(key) {
                    errs.push(format!("expect.kv.{key}"), CommandError::BadKey.text());
                }
                if value.as_deref().is_some_and(|v| !valid_value(v)) {
                    errs.push(format!("expect.kv.{key}"), CommandError::BadValue.text());
                }
            }
        }
        Expect {
            linearizable: j.linearizable,
            min_ok: j.min_ok,
            failed: j.failed,
            stale_reads: j.stale_reads,
            max_stale_reads: j.max_stale_reads,
            inversions: j.inversions,
            lost_writes: j.lost_writes,
            kv: j.kv.clone(),
        }
    }

    fn export_setup(s: &NwrSetup) -> (Common, Section) {
        let common = Common {
            seed: Some(s.seed),
            nodes: Some(s.nodes as i64),
            network: Some(network_json(&s.net)),
        };
        let section = Section {
            nwr: Some(nwr_json(&s.nwr)),
            clients: Some(clients_json(&s.client)),
            workload: s.workload.as_ref().map(workload_json),
        };
        (common, section)
    }

    fn export_action(a: &Action) -> Result<&NetAction, ActionJson> {
        let id = |n: &Option<NodeId>| n.map(|n| i64::from(n.0));
        Err(match a {
            Action::Net(net) => return Ok(net),
            Action::Put { node, key, value } => ActionJson::Put {
                key: Some(key.to_string()),
                value: Some(value.to_string()),
                node: id(node),
            },
            Action::Get { node, key } => ActionJson::Get {
                key: Some(key.to_string()),
                node: id(node),
            },
        })
    }

    fn export_expect(e: &Expect) -> Option<ExpectJson> {
        (*e != Expect::default()).then(|| ExpectJson {
            linearizable: e.linearizable,
            min_ok: e.min_ok,
            failed: e.failed,
            stale_reads: e.stale_reads,
            max_stale_reads: e.max_stale_reads,
            inversions: e.inversions,
            lost_writes: e.lost_writes,
            kv: e.kv.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse;

    fn errors(text: &str) -> Vec<String> {
        match parse::<Nwr>(text) {
            Ok(_) => Vec::new(),
            Err(e) => e.0.iter().map(|f| f.to_string()).collect(),
        }
    }

    #[test]
    fn defaults_are_three_replicas_with_majority_quorums() {
        let s = parse::<Nwr>(r#"{"version":1,"protocol":"nwr"}"#).unwrap();
        assert_eq!(s.setup.nodes, 5);
        let c = &s.setup.nwr;
        assert_eq!((c.n, c.w, c.r), (3, 2, 2));
        assert_eq!(c.read_repair, ReadRepair::Async);
        let small = parse::<Nwr>(r#"{"version":1,"protocol":"nwr","nodes":2}"#).unwrap();
        assert_eq!((small.setup.nwr.n, small.setup.nwr.w), (2, 2));
    }

    #[test]
    fn quorum_sizes_out_of_range_name_the_field_and_range() {
        let e = errors(r#"{"version":1,"protocol":"nwr","nodes":5,"nwr":{"n":3,"w":4,"r":0}}"#);
        assert_eq!(
            e,
            [
                "nwr.w: must be between 1 and 3 (n = 3), got 4",
                "nwr.r: must be between 1 and 3 (n = 3), got 0"
            ]
        );
        let e = errors(r#"{"version":1,"protocol":"nwr","nodes":4,"nwr":{"n":5}}"#);
        assert_eq!(
            e,
            ["nwr.n: must be between 1 and 4 (the number of servers), got 5"]
        );
        let e = errors(r#"{"version":1,"protocol":"nwr","nwr":{"read_repair":"sometimes"}}"#);
        assert_eq!(
            e,
            ["nwr.read_repair: must be one of off, async, blocking; got \"sometimes\""]
        );
    }

    #[test]
    fn a_field_of_another_protocol_is_refused_with_its_owner() {
        let e = errors(r#"{"version":1,"protocol":"nwr","raft":{"pre_vote":true}}"#);
        assert_eq!(
            e,
            ["raft: applies to raft scenarios only, not to \"protocol\": \"nwr\""]
        );
        let e = errors(
            r#"{"version":1,"protocol":"nwr","actions":[{"at_ms":1,"do":"propose","command":"set x 1"}]}"#,
        );
        assert!(e[0].contains("\"propose\" is a raft action"), "{e:?}");
    }

    #[test]
    fn put_and_get_name_their_coordinator_or_leave_it_open() {
        let s = parse::<Nwr>(
            r#"{"version":1,"protocol":"nwr","nodes":3,"actions":[
                {"at_ms":1,"do":"put","key":"x","value":"1","node":2},
                {"at_ms":2,"do":"get","key":"x"}]}"#,
        )
        .unwrap();
        assert_eq!(
            s.script[0].1,
            Action::Put {
                node: Some(NodeId(2)),
                key: "x".into(),
                value: "1".into()
            }
        );
        assert_eq!(
            s.script[1].1,
            Action::Get {
                node: None,
                key: "x".into()
            }
        );
        let e = errors(
            r#"{"version":1,"protocol":"nwr","nodes":3,"actions":[{"at_ms":1,"do":"get","key":"x","node":4}]}"#,
        );
        assert_eq!(
            e,
            ["actions[0].node: must be a node number between 1 and 3, got 4"]
        );
    }
}
