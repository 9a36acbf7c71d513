//! Scenarios: a versioned JSON format that fixes a whole run — protocol, seed,
//! settings, workload, timed actions, stop time and expectations. The same
//! format is read by the headless runner, exported and imported by the app,
//! and carried (compressed) by share links. See docs/scenarios.md.
//!
//! A Raft scenario keeps its cluster and script in `cluster` and `script`; a
//! gossip scenario keeps its world's configuration and script in `gossip`.

mod command;
mod error;
mod export;
mod export_gossip;
mod json;
mod validate;
mod validate_gossip;

pub use command::{ClientCommand, CommandError, MAX_KEY_LEN, MAX_VALUE_LEN, parse_command};
pub use error::{FieldError, ScenarioError};
pub use export::to_json;
pub use json::*;
pub use validate::{
    ACTION_NAMES, MAX_ACTIONS, MAX_SCENARIO_BYTES, from_json, from_value, parse_scenario,
};
pub use validate_gossip::GOSSIP_ACTION_NAMES;

use crate::cluster::{Action, Cluster, ClusterConfig};
use crate::gossip::{ConfigError, GossipConfig, GossipWorld};
use crate::sim::{SimDuration, SimTime};
use crate::trace::Invariant;
use std::collections::{BTreeMap, BTreeSet};

/// Which engine a scenario drives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Protocol {
    #[default]
    Raft,
    Gossip,
}

impl Protocol {
    /// The name used in scenario files and summaries.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Raft => "raft",
            Protocol::Gossip => "gossip",
        }
    }
}

/// What a run is expected to show. The first group applies to Raft
/// scenarios, the second to gossip scenarios; validation refuses a field
/// of the other protocol.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expect {
    pub violations: Option<BTreeSet<Invariant>>,
    pub leader_at_end: Option<bool>,
    pub min_commit: Option<u64>,
    pub linearizable: Option<bool>,
    pub leader: Option<crate::sim::NodeId>,
    pub elections: Option<u64>,
    pub min_delivered: Option<BTreeMap<crate::raft::MsgKind, u64>>,
    pub kv: Option<BTreeMap<String, Option<String>>>,
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

/// What a gossip scenario runs: the world's configuration (seed included)
/// and its timed actions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GossipSetup {
    pub config: GossipConfig,
    pub script: Vec<(SimTime, crate::gossip::Action)>,
}

impl GossipSetup {
    /// A gossip world at time zero that will follow this script. A validated
    /// scenario's configuration is always accepted.
    pub fn start(&self) -> Result<GossipWorld, ConfigError> {
        GossipWorld::with_script(self.config.clone(), self.script.clone())
    }
}

/// A validated scenario. `gossip` is `Some` exactly when `protocol` is
/// `Gossip`; then `cluster` and `script` stay at their defaults.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    pub name: Option<String>,
    pub description: Option<String>,
    pub protocol: Protocol,
    /// The Raft cluster.
    pub cluster: ClusterConfig,
    /// The Raft actions, in time order.
    pub script: Vec<(SimTime, Action)>,
    /// The gossip world and its actions.
    pub gossip: Option<GossipSetup>,
    pub stop: SimTime,
    pub expect: Expect,
}

impl Scenario {
    /// A Raft cluster at time zero that will follow this scenario's script.
    pub fn start(&self) -> Cluster {
        Cluster::with_script(self.cluster.clone(), self.script.clone())
    }

    /// The seed of the run, whichever the protocol.
    pub fn seed(&self) -> u64 {
        match &self.gossip {
            Some(g) => g.config.seed,
            None => self.cluster.seed,
        }
    }

    /// Replaces the seed of the run, whichever the protocol.
    pub fn set_seed(&mut self, seed: u64) {
        match &mut self.gossip {
            Some(g) => g.config.seed = seed,
            None => self.cluster.seed = seed,
        }
    }
}

/// Validates network and Raft settings as a settings form edits them (the
/// same ranges and messages as in scenario files; paths start at `network.` and `raft.`).
pub fn validate_settings(
    net: &NetworkJson,
    raft: &RaftJson,
) -> Result<(crate::sim::NetConfig, crate::raft::RaftConfig), ScenarioError> {
    let mut errs = error::Errors::default();
    let n = validate::network(&mut errs, "network", net, &crate::sim::NetConfig::default());
    let r = validate::raft(&mut errs, "raft", raft, &crate::raft::RaftConfig::default());
    errs.finish((n, r))
}

/// Network and Raft settings with every field filled in, for a settings form.
pub fn settings_json(
    net: &crate::sim::NetConfig,
    raft: &crate::raft::RaftConfig,
) -> (NetworkJson, RaftJson) {
    (export::network_json(net), export::raft_json(raft))
}
