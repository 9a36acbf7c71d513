//! Seed sweeps: many runs with random settings and random faults (crashes,
//! restarts, pauses, partitions, one-way cuts, loss, duplication, forced
//! elections, leadership transfers). Under safe settings no run may violate
//! an invariant; after the last fault heals, a leader must be elected and the
//! workload must make progress; every client history must be linearizable.

use raftlab::check::check_history;
use raftlab::net::{Health, NetAction, NodeRef};
use raftlab::protocols::raft::cluster::{Action, Cluster, ClusterConfig, Workload};
use raftlab::protocols::raft::{RaftConfig, ReadMode};
use raftlab::sim::{NetConfig, NodeId, Run, SimDuration, SimRng, SimTime};

const FAULT_PHASE_MS: u64 = 8_000;
const CALM_PHASE_MS: u64 = 8_000;

fn random_config(seed: u64, rng: &mut SimRng) -> ClusterConfig {
    let nodes = 3 + rng.below(5);
    let raft = RaftConfig {
        pre_vote: rng.chance(0.5),
        check_quorum: rng.chance(0.5),
        fast_backup: rng.chance(0.5),
        noop_on_election: rng.chance(0.8),
        snapshot_threshold: [0, 4, 16][rng.below(3)],
        max_batch: 1 + rng.below(8),
        read_mode: if rng.chance(0.5) {
            ReadMode::ReadIndex
        } else {
            ReadMode::Lease
        },
        ..RaftConfig::default()
    };
    let net = NetConfig {
        loss: [0.0, 0.01, 0.05][rng.below(3)],
        duplicate: [0.0, 0.02][rng.below(2)],
        jitter: SimDuration::from_millis(rng.range_inclusive(0, 10)),
        ..NetConfig::default()
    };
    let workload = Workload {
        clients: 3,
        rate: 8.0,
        keys: 3,
        read_ratio: 0.3,
        ..Workload::default()
    };
    ClusterConfig {
        nodes,
        seed,
        net,
        raft,
        workload: Some(workload),
        ..ClusterConfig::default()
    }
}

fn random_fault(rng: &mut SimRng, n: usize) -> Action {
    let node = NodeId::from_index(rng.below(n));
    let other = NodeId::from_index(rng.below(n));
    match rng.below(11) {
        0 | 1 => Action::from(NetAction::Crash(NodeRef::Id(node))),
        2 | 3 => Action::from(NetAction::Restart(NodeRef::Id(node))),
        4 => Action::from(NetAction::Crash(NodeRef::Leader)),
        5 => {
            let groups: Vec<Vec<NodeId>> = vec![
                NodeId::all(n)
                    .filter(|_| rng.chance(0.5))
                    .collect::<Vec<_>>(),
            ];
            if groups[0].is_empty() {
                Action::from(NetAction::Heal)
            } else {
                Action::from(NetAction::Partition(groups))
            }
        }
        6 if node != other => Action::from(NetAction::Cut {
            from: node,
            to: other,
            both: rng.chance(0.5),
        }),
        7 => Action::from(NetAction::Pause(NodeRef::Id(node))),
        8 => Action::from(NetAction::Resume(NodeRef::Id(node))),
        9 => Action::Timeout(NodeRef::Id(node)),
        10 => Action::Transfer(NodeRef::Id(node)),
        _ => Action::from(NetAction::Heal),
    }
}

/// Runs one seed; returns a description of what went wrong, if anything.
fn sweep_one(seed: u64) -> Result<(), String> {
    let mut rng = SimRng::fork(seed, 0xfa17);
    let cfg = random_config(seed, &mut rng);
    let n = cfg.nodes;
    let mut script = Vec::new();
    let mut t = 200;
    while t < FAULT_PHASE_MS {
        script.push((SimTime::from_millis(t), random_fault(&mut rng, n)));
        t += rng.range_inclusive(100, 900);
    }
    let heal_at = SimTime::from_millis(FAULT_PHASE_MS);
    script.push((heal_at, Action::from(NetAction::Heal)));
    for id in NodeId::all(n) {
        script.push((heal_at, Action::from(NetAction::Resume(NodeRef::Id(id)))));
        script.push((heal_at, Action::from(NetAction::Restart(NodeRef::Id(id)))));
    }
    let mut c = Run::new(Cluster::new(cfg.clone()), script);
    c.set_tracing(false);
    c.run_until(heal_at);
    let done_at_heal = c.world().clients().completed();
    c.run_until(heal_at + SimDuration::from_millis(CALM_PHASE_MS));
    let what = format!("seed {seed} ({n} nodes, {:?})", cfg.raft.read_mode);
    if let Some(v) = c.world().violations().first() {
        return Err(format!("{what}: {} violated: {v}", v.invariant().name()));
    }
    let Some(leader) = c.world().leader() else {
        return Err(format!("{what}: no leader after healing"));
    };
    if NodeId::all(n).any(|id| c.world().health(id) != Health::Up) {
        return Err(format!("{what}: a server is still down after the heal"));
    }
    let progress = c.world().clients().completed() - done_at_heal;
    if progress < 10 {
        return Err(format!(
            "{what}: only {progress} operations completed after healing (leader {leader})"
        ));
    }
    check_history(c.world().clients().history()).map_err(|e| format!("{what}: {e}"))
}

#[test]
fn random_faults_never_break_safety_and_the_cluster_recovers() {
    let seeds = 0..std::env::var("SWEEP_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150u64);
    let failures: Vec<String> = seeds.filter_map(|s| sweep_one(s).err()).collect();
    assert!(
        failures.is_empty(),
        "{} failing seeds:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_sweep_can_fail_when_a_rule_is_broken() {
    // Negative control: the same machinery with the election restriction off and
    // no no-op entries must find violations on some seeds, or the sweep proves nothing.
    let mut found = 0;
    for seed in 0..60u64 {
        let mut rng = SimRng::fork(seed, 0xfa17);
        let mut cfg = random_config(seed, &mut rng);
        cfg.raft.unsafe_.no_election_restriction = true;
        cfg.raft.unsafe_.commit_previous_terms = true;
        cfg.raft.noop_on_election = false;
        let mut script = Vec::new();
        let mut t = 200;
        while t < FAULT_PHASE_MS {
            script.push((SimTime::from_millis(t), random_fault(&mut rng, cfg.nodes)));
            t += rng.range_inclusive(100, 900);
        }
        let mut c = Run::new(Cluster::new(cfg), script);
        c.set_tracing(false);
        c.run_until(SimTime::from_millis(FAULT_PHASE_MS));
        if !c.world().violations().is_empty() {
            found += 1;
        }
    }
    assert!(found > 0, "no seed exposed the broken rules");
}

/// Prints the state changes of one seed after the heal: `SEED=32 cargo test --test seed_sweep print_seed -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_seed() {
    let seed: u64 = std::env::var("SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut rng = SimRng::fork(seed, 0xfa17);
    let cfg = random_config(seed, &mut rng);
    println!("{cfg:?}");
    let n = cfg.nodes;
    let mut script = Vec::new();
    let mut t = 200;
    while t < FAULT_PHASE_MS {
        script.push((SimTime::from_millis(t), random_fault(&mut rng, n)));
        t += rng.range_inclusive(100, 900);
    }
    for s in &script {
        println!("{} {}", s.0, s.1);
    }
    let heal_at = SimTime::from_millis(FAULT_PHASE_MS);
    script.push((heal_at, Action::from(NetAction::Heal)));
    for id in NodeId::all(n) {
        script.push((heal_at, Action::from(NetAction::Resume(NodeRef::Id(id)))));
        script.push((heal_at, Action::from(NetAction::Restart(NodeRef::Id(id)))));
    }
    let mut c = Run::new(Cluster::new(cfg.clone()), script);
    c.run_until(heal_at + SimDuration::from_millis(CALM_PHASE_MS));
    for ev in c
        .trace()
        .iter()
        .filter(|e| !e.kind.is_traffic() && e.at >= heal_at)
        .take(80)
    {
        println!("{}", serde_json::to_string(ev).unwrap());
    }
    for node in c.world().nodes() {
        println!(
            "{} {:?} t{} last{} commit{} reads{} writes{} {:?}",
            node.id(),
            node.role(),
            node.term(),
            node.log().last_index(),
            node.commit_index(),
            node.pending_reads(),
            node.pending_writes(),
            node.progress()
        );
    }
    println!("{:?}", c.world().clients().pending());
}
