//! Behaviour of SWIM in small worlds: detection, refutation, joins and
//! leaves, and the aggregated opinions checked against every list.

use super::testkit::*;
use super::*;
use crate::net::NetAction;
use crate::sim::Run;

fn swim_world(n: usize, seed: u64, loss: f64) -> Run<GossipWorld> {
    world(n, seed, SpreadConfig::default(), true, loss)
}

/// Checks the incremental opinion counts against a count of every live list.
fn assert_opinions_match(w: &GossipWorld) {
    use MemberState::*;
    for m in NodeId::all(w.node_count()) {
        let o = w.opinion(m);
        let want = Opinion {
            alive: count_views(w, m, &[Alive]),
            suspect: count_views(w, m, &[Suspect]),
            gone: count_views(w, m, &[Dead, Left]),
        };
        assert_eq!(o, want, "opinion of {m} at {}", w.now());
    }
}

#[test]
fn a_crash_is_suspected_then_confirmed_everywhere() {
    let mut w = swim_world(20, 1, 0.0);
    w.run_until(ms(3_000));
    w.act(crash(4));
    w.run_until(ms(60_000));
    let f = w.world().failures()[0];
    assert!(f.first_suspected.unwrap() < f.first_dead.unwrap());
    assert!(f.all_know.is_some());
    assert_eq!(
        w.world().opinion(NodeId(4)),
        Opinion {
            alive: 0,
            suspect: 0,
            gone: 19
        }
    );
    assert_eq!(w.world().false_positives(), FalsePositives::default());
    assert_opinions_match(w.world());
}

#[test]
fn a_restarted_node_refutes_and_is_taken_back() {
    let mut w = swim_world(15, 2, 0.0);
    w.act(crash(3));
    w.run_until(ms(40_000));
    assert_eq!(w.world().opinion(NodeId(3)).gone, 14);
    w.act(restart(3));
    w.run_until(ms(80_000));
    assert!(w.world().node(NodeId(3)).incarnation() >= 1);
    assert_eq!(
        w.world().opinion(NodeId(3)),
        Opinion {
            alive: 14,
            suspect: 0,
            gone: 0
        }
    );
    assert!(w.trace().iter().any(|e| matches!(
        e.kind,
        EventKind::Refute {
            node: NodeId(3),
            ..
        }
    )));
    assert_eq!(w.world().failures()[0].restarted_at, Some(ms(40_000)));
    assert_opinions_match(w.world());
}

#[test]
fn joins_and_leaves_reach_every_list() {
    let mut w = swim_world(12, 3, 0.0);
    w.act(Action::Join { seed: NodeId(5) });
    w.run_until(ms(20_000));
    let joiner = NodeId(13);
    assert_eq!(
        w.world().opinion(joiner).alive,
        12,
        "everyone learned of the joiner"
    );
    assert_eq!(
        w.world().node(joiner).view().member_count(),
        12,
        "the joiner knows everyone else"
    );
    w.act(Action::Leave(NodeId(2)));
    w.run_until(ms(40_000));
    assert_eq!(w.world().opinion(NodeId(2)).gone, 12);
    assert_eq!(
        w.world().member_state(NodeId(1), NodeId(2)),
        Some(MemberState::Left)
    );
    assert_eq!(w.world().false_positives(), FalsePositives::default());
    assert_opinions_match(w.world());
}

#[test]
fn opinions_stay_exact_through_loss_and_churn() {
    let mut w = swim_world(16, 4, 0.15);
    let script = [
        crash(2),
        Action::Join { seed: NodeId(1) },
        partition(vec![vec![NodeId(3), NodeId(4), NodeId(5)]]),
        restart(2),
        Action::Net(NetAction::Heal),
        Action::Leave(NodeId(6)),
    ];
    for action in script {
        w.act(action);
        for _ in 0..6 {
            run_for(&mut w, 2_500);
            assert_opinions_match(w.world());
        }
    }
    assert!(
        w.world().false_positives().suspected > 0,
        "15% loss and a partition fool the detector"
    );
}

#[test]
fn a_healed_partition_merges_again() {
    let mut w = swim_world(10, 5, 0.0);
    let left: Vec<NodeId> = NodeId::all(5).collect();
    w.act(partition(vec![left]));
    w.run_until(ms(40_000));
    assert_eq!(
        w.world().opinion(NodeId(1)).gone,
        5,
        "the other side declared S1 dead"
    );
    w.act(Action::Net(NetAction::Heal));
    w.run_until(ms(120_000));
    for m in NodeId::all(10) {
        assert_eq!(
            w.world().opinion(m),
            Opinion {
                alive: 9,
                suspect: 0,
                gone: 0
            },
            "{m} after the heal"
        );
    }
}

#[test]
fn turning_swim_on_mid_run_starts_from_the_true_membership() {
    let mut w = world(8, 6, SpreadConfig::default(), false, 0.0);
    w.act(Action::Join { seed: NodeId(1) });
    w.act(crash(2));
    w.run_until(ms(2_000));
    w.act(Action::SetSwim(SwimConfig {
        enabled: true,
        ..SwimConfig::default()
    }));
    assert_eq!(
        w.world().opinion(NodeId(9)).alive,
        7,
        "the joiner is in every list"
    );
    assert_opinions_match(w.world());
    w.run_until(ms(40_000));
    assert_eq!(
        w.world().opinion(NodeId(2)).gone,
        8,
        "then SWIM finds the crashed node"
    );
}
