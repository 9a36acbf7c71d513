//! Behaviour of rumor spreading in small worlds: modes, stop rules,
//! versions, peers, joins and the view-facing summaries.

use super::testkit::*;
use super::*;
use crate::net::NetAction;

fn push(stop: StopRule) -> SpreadConfig {
    SpreadConfig {
        stop,
        ..SpreadConfig::default()
    }
}

#[test]
fn each_mode_informs_every_node_exactly_once() {
    for mode in [Mode::Push, Mode::Pull, Mode::PushPull] {
        let mut w = world(
            30,
            3,
            SpreadConfig {
                mode,
                ..SpreadConfig::default()
            },
            false,
            0.0,
        );
        w.act(rumor(1, "x", "1"));
        assert!(w.run_until_settled(ms(60_000)), "{mode:?}");
        let r = RumorId(1);
        let infections = w
            .trace()
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Infect { .. }))
            .count();
        assert_eq!(
            infections, 29,
            "{mode:?}: everyone but the origin learns it once"
        );
        assert_eq!(w.world().rumor_stats(r).informed, 30);
        assert!(w.world().rumor_stats(r).reach(100).is_some());
        assert!(NodeId::all(30).all(|n| w.world().rumor_state(n, r) == RumorState::Spreading));
        assert_eq!(w.world().residue(r), 0.0);
    }
}

#[test]
fn a_node_never_pushes_to_the_node_it_last_learned_from() {
    let mut w = world(40, 9, SpreadConfig::default(), false, 0.0);
    w.act(rumor(1, "x", "1"));
    w.run_until(ms(10_000));
    let mut last_from: BTreeMap<NodeId, NodeId> = BTreeMap::new();
    let mut pushes = 0;
    for e in w.trace() {
        match e.kind {
            EventKind::Infect { node, from, .. } => {
                last_from.insert(node, from);
            }
            EventKind::Net(crate::net::NetEvent::Send {
                from,
                to,
                msg: "Push",
                ..
            }) => {
                pushes += 1;
                assert_ne!(
                    last_from.get(&from),
                    Some(&to),
                    "{from} pushed back to its source"
                );
            }
            _ => {}
        }
    }
    assert!(pushes > 100, "the check saw enough pushes: {pushes}");
}

#[test]
fn feedback_is_sent_only_when_the_stop_rule_needs_it() {
    let mut forever = world(30, 1, push(StopRule::Forever), false, 0.0);
    let mut counter = world(30, 1, push(StopRule::Counter(2)), false, 0.0);
    for w in [&mut forever, &mut counter] {
        w.act(rumor(1, "x", "1"));
        w.run_until(ms(8_000));
    }
    assert_eq!(forever.world().counters().sent_of(MsgKind::Feedback), 0);
    assert!(counter.world().counters().sent_of(MsgKind::Feedback) > 0);
    assert!(
        counter.world().counters().removals > 0,
        "counter rule: nodes lose interest"
    );
    assert!(counter.world().is_settled(), "the counter rumor dies out");
    assert!(
        NodeId::all(30)
            .all(|n| counter.world().rumor_state(n, RumorId(1)) != RumorState::Spreading),
        "no node still spreads once the rumor died"
    );
}

#[test]
fn a_newer_version_supersedes_the_older_everywhere() {
    let mut w = world(25, 4, SpreadConfig::default(), false, 0.0);
    w.act(rumor(1, "x", "old"));
    w.run_until(ms(5_000));
    w.act(rumor(7, "x", "new"));
    w.act(rumor(9, "y", "other"));
    assert!(w.run_until_settled(ms(60_000)));
    assert_eq!(w.world().rumor(RumorId(2)).version, 2);
    for n in NodeId::all(25) {
        assert_eq!(&*w.world().value_at(n, "x").unwrap().value, "new");
        assert_eq!(
            w.world().rumor_state(n, RumorId(1)),
            RumorState::Removed,
            "{n} stops spreading the old value"
        );
    }
    assert_eq!(w.world().up_to_date_count(), 25);
}

#[test]
fn a_joiner_receives_the_state_of_its_seed() {
    let mut w = world(10, 2, SpreadConfig::default(), false, 0.0);
    w.act(rumor(3, "x", "1"));
    assert!(w.run_until_settled(ms(20_000)));
    w.act(Action::Join { seed: NodeId(4) });
    let joiner = NodeId(11);
    assert_eq!(w.world().node_count(), 11);
    assert_eq!(w.world().live_count(), 11);
    run_for(&mut w, 1_000);
    assert!(w.world().node(joiner).is_synced());
    assert_eq!(
        w.world().rumor_state(joiner, RumorId(1)),
        RumorState::Removed,
        "old news is not re-spread"
    );
    assert_eq!(w.world().rumor_stats(RumorId(1)).informed, 11);
}

#[test]
fn crashed_nodes_leave_the_live_count_and_the_residue() {
    let mut w = world(20, 5, SpreadConfig::default(), false, 0.0);
    w.act(crash(20));
    w.act(rumor(1, "x", "1"));
    assert!(w.run_until_settled(ms(30_000)));
    assert_eq!(w.world().live_count(), 19);
    assert_eq!(
        w.world().residue(RumorId(1)),
        0.0,
        "the crashed node does not count as residue"
    );
    w.act(restart(20));
    assert!(
        (w.world().residue(RumorId(1)) - 1.0 / 20.0).abs() < 1e-12,
        "the restarted node missed it"
    );
}

#[test]
fn impossible_actions_are_skipped_with_a_reason() {
    let mut w = world(5, 1, SpreadConfig::default(), false, 0.0);
    let bad_spread = SpreadConfig {
        fanout: 9,
        ..SpreadConfig::default()
    };
    let actions = [
        (crash(9), "no_such_node"),
        (restart(2), "not_down"),
        (set_loss(2.0), "invalid"),
        (Action::SetSpread(bad_spread), "invalid"),
    ];
    for (action, _) in &actions {
        w.act(action.clone());
    }
    for _ in 0..5 {
        w.act(Action::Join { seed: NodeId(1) });
    }
    let skipped: Vec<(String, String)> = w
        .trace()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Net(crate::net::NetEvent::Skipped { why, .. }) => {
                Some((why.code.to_string(), why.get(Lang::En).to_string()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(skipped.len(), 5);
    for ((_, want), got) in actions.iter().zip(&skipped) {
        assert_eq!(*want, got.0);
    }
    assert!(skipped[2].1.contains("net.loss"), "{:?}", skipped[2]);
    assert!(skipped[3].1.contains("spread.fanout"), "{:?}", skipped[3]);
    assert_eq!(skipped[4].0, "no_free_slot");
    assert_eq!(
        w.world().config().net.loss,
        0.0,
        "an invalid setting changes nothing"
    );
}

#[test]
fn a_clone_continues_exactly_like_the_original() {
    let mut w = world(40, 8, push_pull(), true, 0.05);
    w.act(rumor(1, "x", "1"));
    w.run_until(ms(700));
    let mut copy = w.clone();
    w.run_until(ms(5_000));
    copy.run_until(ms(5_000));
    assert_eq!(json_lines(&w), json_lines(&copy));
}

#[test]
fn the_view_gets_bounded_summaries_of_traffic() {
    let mut w = world(60, 2, push_pull(), false, 0.0);
    w.act(rumor(1, "x", "1"));
    w.run_until(ms(1_010));
    let flows = w.world().flows(ms(800), 10);
    assert!(!flows.is_empty() && flows.len() <= 10);
    assert!(
        flows.windows(2).all(|p| p[0].count >= p[1].count),
        "busiest first"
    );
    let in_flight = w.world().network().in_flight().len();
    assert!(in_flight > 20, "{in_flight}");
    assert!(w.world().in_flight_sample(20).len() <= 20);
    let series = &w.world().rumor_stats(RumorId(1)).series;
    assert!(
        series.windows(2).all(|p| p[0].round < p[1].round),
        "one point per round"
    );
}

#[test]
fn every_event_of_a_busy_run_reads_in_both_languages() {
    let mut w = world(12, 6, push(StopRule::Counter(2)), true, 0.1);
    let script = [
        rumor(1, "x", "1"),
        partition(vec![vec![NodeId(1), NodeId(2)]]),
        NetAction::Cut {
            from: NodeId(3),
            to: NodeId(4),
            both: true,
        }
        .into(),
        crash(5),
        Action::Join { seed: NodeId(6) },
        Action::Leave(NodeId(7)),
        Action::Net(NetAction::Heal),
        restart(5),
        set_loss(0.0),
    ];
    for action in script {
        w.act(action);
        run_for(&mut w, 3_000);
    }
    let mut kinds = BTreeMap::new();
    for e in w.trace() {
        let (en, zh) = (e.kind.describe(Lang::En), e.kind.describe(Lang::Zh));
        assert!(!en.is_empty() && !zh.is_empty());
        assert_ne!(en, zh, "{en}");
        kinds.entry(e.kind.name()).or_insert(0u32);
    }
    for kind in [
        "rumor", "infect", "remove", "detect", "send", "deliver", "drop", "crash", "join",
    ] {
        assert!(
            kinds.contains_key(kind),
            "a busy run has {kind} events: {kinds:?}"
        );
    }
}
