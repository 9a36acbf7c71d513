//! Clients against a cluster: each client follows only its latest try at an
//! operation, so replies to tries it gave up on (after a timeout or a
//! redirect) never start a second chain of requests.

use raftlab::protocols::raft::cluster::{ClientConfig, Cluster, ClusterConfig, Workload};
use raftlab::protocols::raft::{RaftConfig, ReadMode};
use raftlab::sim::{NetConfig, Run, SimDuration, SimTime};

/// Settings a fuzzer found (with a backoff added): a client timeout (1 ms)
/// far below the time a write takes to commit (network latency 10–30 ms),
/// client messages that take a microsecond, and leadership changing hands
/// every few milliseconds. Every write times out and is sent again while the
/// leader still holds the earlier try; when leadership moves, each try held
/// is refused. A client that followed every refusal multiplied its requests.
fn impatient_clients() -> ClusterConfig {
    ClusterConfig {
        nodes: 5,
        seed: 41_747_038_076_964,
        net: NetConfig::default(),
        raft: RaftConfig {
            election_timeout_min: SimDuration::from_micros(3_000),
            election_timeout_max: SimDuration::from_micros(77_000),
            heartbeat: SimDuration::from_micros(2_000),
            max_batch: 1,
            snapshot_threshold: 2,
            noop_on_election: false,
            fast_backup: false,
            pre_vote: false,
            check_quorum: true,
            leader_transfer: true,
            read_mode: ReadMode::Lease,
            ..RaftConfig::default()
        },
        client: ClientConfig {
            latency: SimDuration::from_micros(1),
            timeout: SimDuration::from_micros(1_000),
            backoff: SimDuration::from_micros(1_000),
            max_attempts: 18,
        },
        workload: Some(Workload {
            clients: 1,
            rate: 10.0,
            keys: 4,
            read_ratio: 0.16,
            ..Workload::default()
        }),
    }
}

#[test]
fn refusals_of_abandoned_tries_are_not_followed() {
    let mut c = Run::new(Cluster::new(impatient_clients()), Vec::new());
    c.run_until(SimTime::from_millis(600));
    // Following every refusal, this run took 78,987 events; following only
    // the latest try, 4,599.
    let events = c.world().stats().events;
    assert!(events < 20_000, "{events} events in 0.6 simulated seconds");
}
