//! The JSON form of a scenario, exactly as written in files and share links.
//! Every object rejects unknown fields; ranges are checked in `validate.rs`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioJson {
    pub version: u32,
    pub protocol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nodes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<NetworkJson>,
    /// Gossip scenarios only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gossip: Option<GossipJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raft: Option<RaftJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clients: Option<ClientsJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<WorkloadJson>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<ExpectJson>,
}

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

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientsJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkloadJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clients: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_ratio: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_ms: Option<f64>,
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

/// A node named by number (1..n) or as "leader".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NodeRefJson {
    Number(i64),
    Name(String),
}

/// One timed action. `do` says which; each action uses some of the other fields
/// and rejects the rest (see docs/scenarios.md).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionJson {
    pub at_ms: f64,
    #[serde(rename = "do")]
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<NodeRefJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<Vec<i64>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub both: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<NetworkJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raft: Option<RaftJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<WorkloadJson>,
    /// The value a gossip rumor sets (with `key`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The member a joining gossip node contacts first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gossip: Option<GossipJson>,
}

/// What a run is expected to show; `raftlab-sim run` reports each check.
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
    /// Gossip: every rumor is known by every live node when the run stops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_informed: Option<bool>,
    /// Gossip: every rumor reached every live node within this many rounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rounds: Option<u64>,
    /// Gossip: no rumor's residue exceeds this fraction of the live nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residue_max: Option<f64>,
    /// Gossip with SWIM: exactly this many false suspicions and death declarations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub false_positives: Option<u64>,
    /// Gossip with SWIM: every crash was detected (true), or none was (false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected: Option<bool>,
    /// Gossip with SWIM: every crash was first detected within this long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_detection_ms: Option<f64>,
}
