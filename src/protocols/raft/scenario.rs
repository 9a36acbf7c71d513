//! Raft's part of a scenario file: the `raft`, `clients` and `workload`
//! sections, Raft's own actions (`timeout`, `propose`, `read`, `set_raft`,
//! `set_workload`, `transfer`) and expectations (docs/scenarios.md).

use super::cluster::{Action, ClusterConfig, MAX_NODES};
use super::trace::Invariant;
use super::{MsgKind, RaftConfig, ReadMode};
use crate::lang::Text;
use crate::msg;
use crate::net::NetAction;
use crate::scenario::common::{
    NodeRefJson, check_delay, check_pair, ms, network, network_json, node_id, node_ref,
    node_ref_json, to_ms,
};
use crate::scenario::workload::{
    ClientsJson, WorkloadJson, clients, clients_json, workload, workload_json,
};
use crate::scenario::{ClientCommand, Common, Errors, Format, parse_command};
use crate::sim::{NetConfig, NodeId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::Raft;

/// What a Raft run is expected to show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expect {
    pub violations: Option<BTreeSet<Invariant>>,
    pub leader_at_end: Option<bool>,
    pub min_commit: Option<u64>,
    pub linearizable: Option<bool>,
    pub leader: Option<NodeId>,
    pub elections: Option<u64>,
    pub min_delivered: Option<BTreeMap<MsgKind, u64>>,
    pub kv: Option<BTreeMap<String, Option<String>>>,
}

/// Raft's top-level sections.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raft: Option<RaftJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clients: Option<ClientsJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<WorkloadJson>,
}

/// Raft settings; every field optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RaftJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub election_timeout_ms: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heartbeat_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_batch: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_threshold: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noop_on_election: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast_backup: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_vote: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_quorum: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_transfer: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persist_ms: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persist_vote_ms: Option<[f64; 2]>,
    #[serde(default, rename = "unsafe", skip_serializing_if = "Option::is_none")]
    pub unsafe_: Option<UnsafeJson>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnsafeJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_election_restriction: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit_previous_terms: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_election_timeout: Option<bool>,
}

/// Raft's own actions as files write them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case", deny_unknown_fields)]
pub enum ActionJson {
    Timeout {
        node: Option<NodeRefJson>,
    },
    Transfer {
        node: Option<NodeRefJson>,
    },
    Propose {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        node: Option<NodeRefJson>,
        command: Option<String>,
    },
    Read {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        node: Option<NodeRefJson>,
        key: Option<String>,
    },
    SetRaft {
        #[serde(default)]
        raft: Option<Box<RaftJson>>,
    },
    SetWorkload {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        workload: Option<WorkloadJson>,
    },
}

/// What a Raft run is expected to show, as files write it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectJson {
    /// Exactly these invariants are violated (empty: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub violations: Option<Vec<String>>,
    /// Whether a leader exists when the run stops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_at_end: Option<bool>,
    /// Some server's commit index reaches at least this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_commit: Option<u64>,
    /// Whether the client history is linearizable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linearizable: Option<bool>,
    /// This server leads when the run stops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<i64>,
    /// Exactly this many terms elected a leader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elections: Option<u64>,
    /// At least this many messages of each kind were delivered, e.g. {"InstallSnapshot": 1}.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_delivered: Option<BTreeMap<String, u64>>,
    /// Every running server's state holds these values (null: key absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kv: Option<BTreeMap<String, Option<String>>>,
}

fn read_mode(name: &str) -> Option<ReadMode> {
    ReadMode::ALL.into_iter().find(|m| m.name() == name)
}

/// Applies a Raft section (all fields optional) on top of `base`.
pub fn raft(errs: &mut Errors, path: &str, j: &RaftJson, base: &RaftConfig) -> RaftConfig {
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
        let (e, h) = (
            r.election_timeout_min.as_millis_f64(),
            r.heartbeat.as_millis_f64(),
        );
        errs.push(
            format!("{path}.election_timeout_ms"),
            msg!(
                "the minimum election timeout ({e} ms) must be above heartbeat_ms ({h} ms)",
                "最小选举超时（{e} 毫秒）必须大于心跳间隔 heartbeat_ms（{h} 毫秒）"
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
                msg!(
                    "must be one of read_index, lease, leader_local, any_local; got {m:?}",
                    "必须是 read_index、lease、leader_local、any_local 之一；实际为 {m:?}"
                ),
            ),
        }
    }
    if let Some(p) = j.persist_ms
        && check_pair(errs, &format!("{path}.persist_ms"), p, 0.0)
    {
        r.persist_min = ms(p[0]);
        r.persist_max = ms(p[1]);
    }
    if let Some(p) = j.persist_vote_ms
        && check_pair(errs, &format!("{path}.persist_vote_ms"), p, 0.0)
    {
        r.persist_vote = Some((ms(p[0]), ms(p[1])));
    }
    if let Some(u) = &j.unsafe_ {
        let b = &mut r.unsafe_;
        b.no_election_restriction = u
            .no_election_restriction
            .unwrap_or(b.no_election_restriction);
        b.commit_previous_terms = u.commit_previous_terms.unwrap_or(b.commit_previous_terms);
        b.fixed_election_timeout = u.fixed_election_timeout.unwrap_or(b.fixed_election_timeout);
    }
    r
}

/// The Raft section that gives `r` exactly.
pub fn raft_json(r: &RaftConfig) -> RaftJson {
    RaftJson {
        election_timeout_ms: Some([to_ms(r.election_timeout_min), to_ms(r.election_timeout_max)]),
        heartbeat_ms: Some(to_ms(r.heartbeat)),
        max_batch: Some(r.max_batch as i64),
        snapshot_threshold: Some(r.snapshot_threshold as i64),
        noop_on_election: Some(r.noop_on_election),
        fast_backup: Some(r.fast_backup),
        pre_vote: Some(r.pre_vote),
        check_quorum: Some(r.check_quorum),
        leader_transfer: Some(r.leader_transfer),
        read_mode: Some(r.read_mode.name().to_string()),
        persist_ms: Some([to_ms(r.persist_min), to_ms(r.persist_max)]),
        persist_vote_ms: r.persist_vote.map(|(min, max)| [to_ms(min), to_ms(max)]),
        unsafe_: Some(UnsafeJson {
            no_election_restriction: Some(r.unsafe_.no_election_restriction),
            commit_previous_terms: Some(r.unsafe_.commit_previous_terms),
            fixed_election_timeout: Some(r.unsafe_.fixed_election_timeout),
        }),
    }
}

/// Validates network and Raft settings as the settings form edits them (the
/// same ranges and messages as in scenario files; paths start at `network.` and `raft.`).
pub fn validate_settings(
    net: &crate::scenario::common::NetworkJson,
    raft_json: &RaftJson,
) -> Result<(NetConfig, RaftConfig), crate::scenario::ScenarioError> {
    let mut errs = Errors::default();
    let n = network(&mut errs, "network", net, &NetConfig::default());
    let r = raft(&mut errs, "raft", raft_json, &RaftConfig::default());
    errs.finish((n, r))
}

fn node(
    errs: &mut Errors,
    p: &str,
    j: &Option<NodeRefJson>,
    n: usize,
) -> Option<crate::net::NodeRef> {
    let path = format!("{p}.node");
    let what = msg!(
        "a node number between 1 and {n} or \"leader\"",
        "1 到 {n} 之间的节点编号或 \"leader\""
    );
    let j = errs.required(&path, j.as_ref(), what)?;
    node_ref(errs, &path, j, n, true)
}

fn opt_node(
    errs: &mut Errors,
    p: &str,
    j: &Option<NodeRefJson>,
    n: usize,
) -> Result<Option<crate::net::NodeRef>, ()> {
    match j {
        Some(j) => node_ref(errs, &format!("{p}.node"), j, n, true)
            .map(Some)
            .ok_or(()),
        None => Ok(None),
    }
}

impl Format for Raft {
    type Section = Section;
    type ActionJson = ActionJson;
    type ExpectJson = ExpectJson;
    const SECTION_FIELDS: &'static [&'static str] = &["raft", "clients", "workload"];
    const EXPECT_FIELDS: &'static [&'static str] = &[
        "violations",
        "leader_at_end",
        "min_commit",
        "linearizable",
        "leader",
        "elections",
        "min_delivered",
        "kv",
    ];
    const ACTIONS: &'static [&'static str] = &[
        "timeout",
        "propose",
        "read",
        "set_raft",
        "set_workload",
        "transfer",
    ];
    const MESSAGES: &'static [&'static str] = &[
        "RequestVote",
        "RequestVoteReply",
        "PreVote",
        "PreVoteReply",
        "AppendEntries",
        "AppendEntriesReply",
        "InstallSnapshot",
        "InstallSnapshotReply",
        "TimeoutNow",
    ];
    const LEADER: bool = true;
    const NODES: (usize, usize) = (5, MAX_NODES);

    fn setup(errs: &mut Errors, common: &Common, section: &Section) -> ClusterConfig {
        let nodes = common.nodes.unwrap_or(5);
        // With an invalid count, node references are still checked against the largest cluster.
        let n = if errs.range_f64("nodes", nodes as f64, 1.0, MAX_NODES as f64) {
            nodes as usize
        } else {
            MAX_NODES
        };
        let default_net = crate::scenario::common::NetworkJson::default();
        let net = network(
            errs,
            "network",
            common.network.as_ref().unwrap_or(&default_net),
            &NetConfig::default(),
        );
        let raft = raft(
            errs,
            "raft",
            section.raft.as_ref().unwrap_or(&RaftJson::default()),
            &RaftConfig::default(),
        );
        let client = clients(
            errs,
            section.clients.as_ref().unwrap_or(&ClientsJson::default()),
        );
        let workload = section
            .workload
            .as_ref()
            .map(|w| workload(errs, "workload", w));
        ClusterConfig {
            nodes: n,
            seed: common.seed.unwrap_or(1),
            net,
            raft,
            client,
            workload,
        }
    }

    fn nodes(setup: &ClusterConfig) -> (usize, usize) {
        (setup.nodes, setup.nodes)
    }

    type Running = ClusterConfig;
    fn running(setup: &ClusterConfig) -> ClusterConfig {
        setup.clone()
    }

    fn action(
        errs: &mut Errors,
        p: &str,
        a: &ActionJson,
        running: &mut ClusterConfig,
    ) -> Vec<Action> {
        own_action(errs, p, a, running).into_iter().collect()
    }

    fn expect(errs: &mut Errors, j: &ExpectJson, setup: &ClusterConfig) -> Expect {
        expect(errs, j, setup)
    }

    fn export_setup(c: &ClusterConfig) -> (Common, Section) {
        export_setup(c)
    }

    fn export_action(a: &Action) -> Result<&NetAction, ActionJson> {
        export_action(a)
    }

    fn export_expect(e: &Expect) -> Option<ExpectJson> {
        export_expect(e)
    }
}

fn own_action(
    errs: &mut Errors,
    p: &str,
    a: &ActionJson,
    running: &mut ClusterConfig,
) -> Option<Action> {
    let n = running.nodes;
    Some(match a {
        ActionJson::Timeout { node: j } => Action::Timeout(node(errs, p, j, n)?),
        ActionJson::Transfer { node: j } => Action::Transfer(node(errs, p, j, n)?),
        ActionJson::Propose { node: j, command } => {
            let node = opt_node(errs, p, j, n).ok()?;
            let path = format!("{p}.command");
            let what = Text::new(
                "e.g. \"set x 5\", \"append x 1\" or \"del x\"",
                "例如 \"set x 5\"、\"append x 1\" 或 \"del x\"",
            );
            let text = errs.required(&path, command.as_ref(), what)?;
            match parse_command(text) {
                Ok(ClientCommand::Write(op)) => Action::Propose { node, op },
                Ok(ClientCommand::Read(key)) => Action::Read { node, key },
                Err(e) => {
                    errs.push(path, e.text());
                    return None;
                }
            }
        }
        ActionJson::Read { node: j, key } => {
            let node = opt_node(errs, p, j, n).ok()?;
            let path = format!("{p}.key");
            let key = errs.required(
                &path,
                key.as_ref(),
                Text::new("the key to read", "要读取的键"),
            )?;
            match parse_command(&format!("get {key}")) {
                Ok(ClientCommand::Read(key)) => Action::Read { node, key },
                _ => {
                    errs.push(path, crate::scenario::CommandError::BadKey.text());
                    return None;
                }
            }
        }
        ActionJson::SetRaft { raft: j } => {
            let before = errs.count();
            let r = raft(
                errs,
                &format!("{p}.raft"),
                &j.as_deref().cloned().unwrap_or_default(),
                &running.raft,
            );
            if errs.count() > before {
                return None;
            }
            running.raft = r.clone();
            Action::SetRaft(Box::new(r))
        }
        ActionJson::SetWorkload { workload: j } => match j {
            Some(w) => {
                let before = errs.count();
                let w = workload(errs, &format!("{p}.workload"), w);
                if errs.count() > before {
                    return None;
                }
                Action::SetWorkload(Some(w))
            }
            None => Action::SetWorkload(None),
        },
    })
}

fn expect(errs: &mut Errors, j: &ExpectJson, setup: &ClusterConfig) -> Expect {
    let n = setup.nodes;
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
        let mut out = BTreeMap::new();
        for (name, &count) in m {
            match MsgKind::from_name(name) {
                Some(k) => {
                    out.insert(k, count);
                }
                None => errs.push(
                    format!("expect.min_delivered.{name}"),
                    Text::new("unknown message kind", "未知的消息类型"),
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
                    let all = all.join(", ");
                    errs.push(
                        format!("expect.violations[{i}]"),
                        msg!(
                            "unknown invariant {name:?}; one of: {all}",
                            "未知的不变式 {name:?}；可选：{all}"
                        ),
                    );
                }
            }
        }
        e.violations = Some(set);
    }
    e
}

fn export_setup(c: &ClusterConfig) -> (Common, Section) {
    let common = Common {
        seed: Some(c.seed),
        nodes: Some(c.nodes as i64),
        network: Some(network_json(&c.net)),
    };
    let section = Section {
        raft: Some(raft_json(&c.raft)),
        clients: Some(clients_json(&c.client)),
        workload: c.workload.as_ref().map(workload_json),
    };
    (common, section)
}

fn export_action(a: &Action) -> Result<&NetAction, ActionJson> {
    let n = |r: &crate::net::NodeRef| Some(node_ref_json(*r));
    Err(match a {
        Action::Net(net) => return Ok(net),
        Action::Timeout(r) => ActionJson::Timeout { node: n(r) },
        Action::Transfer(r) => ActionJson::Transfer { node: n(r) },
        Action::Propose { node, op } => ActionJson::Propose {
            node: node.as_ref().and_then(n),
            command: Some(op.to_string()),
        },
        Action::Read { node, key } => ActionJson::Read {
            node: node.as_ref().and_then(n),
            key: Some(key.to_string()),
        },
        Action::SetRaft(r) => ActionJson::SetRaft {
            raft: Some(Box::new(raft_json(r))),
        },
        Action::SetWorkload(w) => ActionJson::SetWorkload {
            workload: w.as_ref().map(workload_json),
        },
    })
}

fn export_expect(e: &Expect) -> Option<ExpectJson> {
    if *e == Expect::default() {
        return None;
    }
    Some(ExpectJson {
        violations: e
            .violations
            .as_ref()
            .map(|s| s.iter().map(|i| i.name().to_string()).collect()),
        leader_at_end: e.leader_at_end,
        min_commit: e.min_commit,
        linearizable: e.linearizable,
        leader: e.leader.map(|n| i64::from(n.0)),
        elections: e.elections,
        min_delivered: e
            .min_delivered
            .as_ref()
            .map(|m| m.iter().map(|(k, v)| (k.name().to_string(), *v)).collect()),
        kv: e.kv.clone(),
    })
}
