//! The engine run the throughput benchmarks measure, in one place, so the
//! native benchmark (benches/engine.rs) and the page's in-browser figure
//! (`#bench=engine`) time exactly the same work.

use crate::protocols::raft::cluster::{Cluster, ClusterConfig, Workload};
use crate::sim::{NetConfig, Run, SimTime};

/// How far the benchmark run plays.
pub const LOADED_RUN_END: SimTime = SimTime::from_millis(20_000);

/// Five servers, eight closed-loop clients (30% reads over 16 keys), 1%
/// message loss; tracing and history recording off, the invariant checker on.
pub fn loaded_cluster() -> Run<Cluster> {
    let cfg = ClusterConfig {
        nodes: 5,
        seed: 42,
        net: NetConfig {
            loss: 0.01,
            ..NetConfig::default()
        },
        workload: Some(Workload {
            clients: 8,
            rate: 40.0,
            keys: 16,
            read_ratio: 0.3,
            ..Workload::default()
        }),
        ..ClusterConfig::default()
    };
    let mut c = Run::new(Cluster::new(cfg), Vec::new());
    c.set_tracing(false);
    c.world_mut().set_record_history(false);
    c
}
