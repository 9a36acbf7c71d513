//! Scenarios: a versioned JSON format that fixes a whole run — protocol, seed,
//! settings, workload, timed actions, stop time and expectations. The same
//! format is read by the headless runner, exported and imported by the app,
//! and carried (compressed) by share links. See docs/scenarios.md.

mod command;
mod error;
mod export;
mod json;
mod validate;

pub use command::{ClientCommand, CommandError, MAX_KEY_LEN, MAX_VALUE_LEN, parse_command};
pub use error::{FieldError, ScenarioError};
pub use export::to_json;
pub use json::*;
pub use validate::{
    ACTION_NAMES, MAX_ACTIONS, MAX_SCENARIO_BYTES, from_json, from_value, parse_scenario,
};

use crate::cluster::{Action, Cluster, ClusterConfig};
use crate::sim::SimTime;
use crate::trace::Invariant;
use std::collections::{BTreeMap, BTreeSet};

/// Which engine a scenario drives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Protocol {
    #[default]
    Raft,
}

/// What a run is expected to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expect {
    pub violations: Option<BTreeSet<Invariant>>,
    pub leader_at_end: Option<bool>,
    pub min_commit: Option<u64>,
    pub linearizable: Option<bool>,
    pub leader: Option<crate::sim::NodeId>,
    pub elections: Option<u64>,
    pub min_delivered: Option<BTreeMap<crate::raft::MsgKind, u64>>,
    pub kv: Option<BTreeMap<String, Option<String>>>,
}

/// A validated scenario.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    pub name: Option<String>,
    pub description: Option<String>,
    pub protocol: Protocol,
    pub cluster: ClusterConfig,
    pub script: Vec<(SimTime, Action)>,
    pub stop: SimTime,
    pub expect: Expect,
}

impl Scenario {
    /// A cluster at time zero that will follow this scenario's script.
    pub fn start(&self) -> Cluster {
        Cluster::with_script(self.cluster.clone(), self.script.clone())
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
