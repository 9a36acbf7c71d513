//! Seed sweep for lease reads (thesis §6.4.1): clocks are perfect in the
//! simulator, so every run must stay linearizable. The faults aim at the
//! windows in which a rival leader could be elected while the old leader
//! still counts on its lease: followers crashing and restarting within a
//! lease, leadership transfers over slow links (TimeoutNow arriving late),
//! replies from old terms arriving late, pauses, partitions and forced
//! elections, with a read-heavy workload on few keys.
//!
//! 300 seeds by default (about 15 s in a debug build); more with
//! `LEASE_SEEDS=2000 cargo test --release --test lease_sweep`.

use raftlab::check::check_history;
use raftlab::net::{NetAction, NodeRef};
use raftlab::protocols::raft::cluster::{Action, ClientConfig, Cluster, ClusterConfig, Workload};
use raftlab::protocols::raft::{RaftConfig, ReadMode};
use raftlab::sim::{LatencyRange, NetConfig, NodeId, Run, SimDuration, SimRng, SimTime};
use std::collections::BTreeMap;

const FAULT_PHASE_MS: u64 = 5_000;
const CALM_PHASE_MS: u64 = 2_000;

fn config(seed: u64, rng: &mut SimRng) -> ClusterConfig {
    let nodes = [3, 5, 5, 7][rng.below(4)];
    // Long leases (up to half a second) against 10–30 ms links leave room
    // for a rival election, a write and a read inside one lease.
    let (lo, hi) = [(150, 300), (300, 600), (500, 1000)][rng.below(3)];
    let raft = RaftConfig {
        election_timeout_min: SimDuration::from_millis(lo),
        election_timeout_max: SimDuration::from_millis(hi),
        pre_vote: rng.chance(0.3),
        check_quorum: rng.chance(0.3),
        noop_on_election: rng.chance(0.9),
        snapshot_threshold: [0, 0, 8][rng.below(3)],
        read_mode: ReadMode::Lease,
        ..RaftConfig::default()
    };
    let net = NetConfig {
        loss: [0.0, 0.0, 0.02][rng.below(3)],
        duplicate: [0.0, 0.02][rng.below(2)],
        jitter: SimDuration::from_millis(rng.range_inclusive(0, 20)),
        ..NetConfig::default()
    };
    let workload = Workload {
        clients: 4,
        rate: 20.0,
        keys: 2,
        read_ratio: 0.6,
        ..Workload::default()
    };
    ClusterConfig {
        nodes,
        seed,
        net,
        raft,
        workload: Some(workload),
        // Impatient clients move to the new leader within a lease.
        client: ClientConfig {
            timeout: SimDuration::from_millis(rng.range_inclusive(30, 150)),
            ..ClientConfig::default()
        },
    }
}

/// Actions waiting for their time, in order of scheduling within a time.
type Plan = BTreeMap<u64, Vec<Action>>;

fn plan(p: &mut Plan, at: u64, action: impl Into<Action>) {
    p.entry(at).or_default().push(action.into());
}

/// One fault episode starting at `at`, chosen knowing the current leader
/// (the sweep is adaptive: it looks at the cluster, as an attacker would).
fn episode(rng: &mut SimRng, c: &Cluster, at: u64, p: &mut Plan) {
    let n = c.config().nodes;
    let leader = c.leader();
    let node = NodeId::from_index(rng.below(n));
    let other = NodeId::from_index(rng.below(n));
    let id = NodeRef::Id;
    let followers: Vec<NodeId> = NodeId::all(n).filter(|&x| Some(x) != leader).collect();
    match (rng.below(10), leader) {
        // A rival election inside the lease: the leader is cut off (so it
        // hears of no new term), followers crash and restart at once, and one
        // is made to start an election.
        (0..=2, Some(l)) => {
            plan(p, at, NetAction::Isolate(id(l)));
            for f in &followers {
                if !rng.chance(0.6) {
                    continue;
                }
                let down = at + rng.range_inclusive(1, 40);
                plan(p, down, NetAction::Crash(id(*f)));
                plan(
                    p,
                    down + rng.range_inclusive(1, 40),
                    NetAction::Restart(id(*f)),
                );
            }
            let f = followers[rng.below(followers.len())];
            plan(p, at + rng.range_inclusive(30, 120), Action::Timeout(id(f)));
            plan(p, at + rng.range_inclusive(300, 1200), NetAction::Heal);
        }
        // A transfer whose TimeoutNow crawls while the target's acks do not
        // reach the leader (so it is given up); later the leader is cut off.
        (3..=4, Some(l)) => {
            let t = followers[rng.below(followers.len())];
            let factor = [20, 60, 100][rng.below(3)];
            plan(
                p,
                at,
                NetAction::Slow {
                    node: id(t),
                    factor,
                },
            );
            plan(p, at + 1, Action::Transfer(id(t)));
            plan(
                p,
                at + 2,
                NetAction::Slow {
                    node: id(t),
                    factor: 1,
                },
            );
            plan(
                p,
                at + 2,
                NetAction::Cut {
                    from: t,
                    to: l,
                    both: false,
                },
            );
            let back = at + rng.range_inclusive(600, 1500);
            plan(
                p,
                back,
                NetAction::Uncut {
                    from: t,
                    to: l,
                    both: false,
                },
            );
            let cut_off = at + rng.range_inclusive(400, 2500);
            plan(p, cut_off, NetAction::Isolate(id(l)));
            plan(p, cut_off + rng.range_inclusive(200, 1000), NetAction::Heal);
        }
        // A slow link: requests and replies of old terms arrive late.
        (5, _) if node != other => {
            let slow = LatencyRange {
                min: SimDuration::from_millis(100),
                max: SimDuration::from_millis(rng.range_inclusive(200, 1500)),
            };
            let normal = c.config().net.latency;
            let (from, to) = (node, other);
            plan(
                p,
                at,
                NetAction::SetLinkLatency {
                    from,
                    to,
                    range: slow,
                },
            );
            let back = at + rng.range_inclusive(100, 2000);
            plan(
                p,
                back,
                NetAction::SetLinkLatency {
                    from,
                    to,
                    range: normal,
                },
            );
        }
        (6, _) => {
            let group: Vec<NodeId> = NodeId::all(n).filter(|_| rng.chance(0.5)).collect();
            if !group.is_empty() {
                plan(p, at, NetAction::Partition(vec![group]));
                plan(p, at + rng.range_inclusive(50, 1500), NetAction::Heal);
            }
        }
        (7, _) => {
            plan(p, at, NetAction::Pause(id(node)));
            plan(
                p,
                at + rng.range_inclusive(10, 800),
                NetAction::Resume(id(node)),
            );
        }
        (8, _) => plan(p, at, Action::Timeout(id(node))),
        _ if node != other => plan(
            p,
            at,
            NetAction::Cut {
                from: node,
                to: other,
                both: rng.chance(0.5),
            },
        ),
        _ => plan(p, at, NetAction::Heal),
    }
}

/// Runs one seed; returns what went wrong, if anything.
fn sweep_one(seed: u64) -> Result<(), String> {
    let mut rng = SimRng::fork(seed, 0x1ea5e);
    let cfg = config(seed, &mut rng);
    let n = cfg.nodes;
    let mut c = Run::new(Cluster::new(cfg), Vec::new());
    c.set_tracing(false);
    let mut pending = Plan::new();
    let mut next_episode = 300;
    let heal = FAULT_PHASE_MS + 2_600;
    loop {
        let next_action = pending.keys().next().copied().unwrap_or(u64::MAX);
        let at = next_action.min(next_episode).min(heal);
        c.run_until(SimTime::from_millis(at));
        if at == heal {
            break;
        }
        if at == next_episode {
            episode(&mut rng, c.world(), at, &mut pending);
            next_episode += rng.range_inclusive(300, 1200);
            if next_episode >= FAULT_PHASE_MS {
                next_episode = u64::MAX;
            }
        }
        for action in pending.remove(&at).unwrap_or_default() {
            c.act(action);
        }
    }
    c.act(NetAction::Heal.into());
    for id in NodeId::all(n) {
        let r = NodeRef::Id(id);
        c.act(NetAction::Resume(r).into());
        c.act(NetAction::Restart(r).into());
        c.act(NetAction::Slow { node: r, factor: 1 }.into());
    }
    c.run_until(SimTime::from_millis(heal + CALM_PHASE_MS));
    let what = format!("seed {seed} ({n} nodes)");
    if let Some(v) = c.world().violations().first() {
        return Err(format!("{what}: {} violated: {v}", v.invariant().name()));
    }
    check_history(c.world().clients().history()).map_err(|e| format!("{what}: {e}"))
}

#[test]
fn lease_reads_stay_linearizable_under_faults() {
    let seeds = std::env::var("LEASE_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300u64);
    let failures: Vec<String> = (0..seeds).filter_map(|s| sweep_one(s).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {seeds} seeds failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
