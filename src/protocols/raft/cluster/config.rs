//! Configuration of a simulated Raft cluster: size, seed, network, Raft
//! settings, client behaviour and an optional random workload.

use crate::protocols::raft::RaftConfig;
use crate::sim::NetConfig;
pub use crate::workload::{ClientConfig, Workload};

/// The largest cluster the lab runs.
pub const MAX_NODES: usize = 9;

/// Everything that fixes a run, apart from the actions applied to it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterConfig {
    pub nodes: usize,
    pub seed: u64,
    pub net: NetConfig,
    pub raft: RaftConfig,
    pub client: ClientConfig,
    pub workload: Option<Workload>,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            nodes: 5,
            seed: 1,
            net: NetConfig::default(),
            raft: RaftConfig::default(),
            client: ClientConfig::default(),
            workload: None,
        }
    }
}
