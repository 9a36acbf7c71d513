use super::*;
use crate::net::{NetAction, NodeRef};
use crate::protocols::raft::Raft;
use crate::protocols::raft::cluster::{Action, Cluster, ClusterConfig, Workload};
use crate::sim::NodeId;

fn loaded_config() -> ClusterConfig {
    ClusterConfig {
        seed: 5,
        workload: Some(Workload {
            clients: 3,
            rate: 10.0,
            ..Workload::default()
        }),
        ..ClusterConfig::default()
    }
}

fn loaded() -> Lab<Raft> {
    Lab::from_setup(loaded_config())
}

fn straight_run(t: SimTime) -> u64 {
    let mut lab = loaded();
    lab.advance(t);
    lab.world().fingerprint()
}

#[test]
fn seeking_back_and_forth_shows_exactly_the_same_state() {
    let mut lab = loaded();
    lab.advance(SimTime::from_millis(20_000));
    for ms in [7_300, 150, 19_999, 0, 12_345, 12_346, 3_000] {
        let t = SimTime::from_millis(ms);
        lab.seek(t);
        assert_eq!(lab.now(), t);
        assert_eq!(lab.world().fingerprint(), straight_run(t), "at {ms} ms");
    }
}

#[test]
fn stepping_back_undoes_exactly_one_event() {
    let mut lab = loaded();
    lab.advance(SimTime::from_millis(2_000));
    for _ in 0..50 {
        assert!(lab.step());
        let here = lab.world().fingerprint();
        let events = lab.events();
        assert!(lab.step());
        assert_ne!(lab.world().fingerprint(), here);
        assert!(lab.step_back());
        assert_eq!(lab.events(), events);
        assert_eq!(lab.world().fingerprint(), here);
    }
}

#[test]
fn acting_in_the_past_forks_and_the_old_future_can_be_restored() {
    let mut lab = loaded();
    lab.advance(SimTime::from_millis(10_000));
    let old_future = lab.world().fingerprint();
    lab.seek(SimTime::from_millis(3_200));
    let branch = lab.act(Action::from(NetAction::Crash(NodeRef::Leader)));
    assert_eq!(branch, Some(0));
    assert_eq!(lab.horizon(), SimTime::from_millis(3_200));
    lab.advance(SimTime::from_millis(10_000));
    assert_ne!(
        lab.world().fingerprint(),
        old_future,
        "the new future differs"
    );
    let new_future = lab.world().fingerprint();

    lab.switch_branch(0);
    assert_eq!(lab.now(), SimTime::from_millis(10_000));
    assert_eq!(
        lab.world().fingerprint(),
        old_future,
        "back on the old branch"
    );
    lab.switch_branch(0);
    assert_eq!(
        lab.world().fingerprint(),
        new_future,
        "and on the new one again"
    );
    lab.discard_branch(0);
    assert!(lab.branches().is_empty());
}

#[test]
fn acting_at_the_head_does_not_fork_and_replays_exactly() {
    let mut lab = loaded();
    lab.advance(SimTime::from_millis(1_000));
    assert_eq!(
        lab.act(Action::from(NetAction::Crash(NodeRef::Id(NodeId(2))))),
        None
    );
    lab.advance(SimTime::from_millis(5_000));
    let live = lab.world().fingerprint();
    // The exported scenario reproduces the run.
    let mut replay = Lab::new(&lab.scenario());
    replay.advance(SimTime::from_millis(5_000));
    assert_eq!(replay.world().fingerprint(), live);
    // So does seeking within the lab across the action.
    lab.seek(SimTime::from_millis(500));
    lab.seek(SimTime::from_millis(5_000));
    assert_eq!(lab.world().fingerprint(), live);
}

#[test]
fn checkpoints_stay_bounded_on_long_runs() {
    let mut lab = loaded();
    lab.advance(SimTime::from_millis(600_000));
    assert!(
        lab.checkpoint_count() <= MAX_CHECKPOINTS,
        "{}",
        lab.checkpoint_count()
    );
    assert!(lab.events() > CHECKPOINT_SPACING * MAX_CHECKPOINTS as u64);
    // Evenly spaced: a seek never re-executes more than one spacing.
    let gaps: Vec<u64> = lab
        .checkpoints
        .windows(2)
        .map(|w| w[1].events - w[0].events)
        .collect();
    assert!(
        gaps.iter().all(|g| *g <= lab.checkpoint_spacing()),
        "{gaps:?}"
    );
    assert!(lab.checkpoint_spacing() <= 4 * CHECKPOINT_SPACING);
    let t = SimTime::from_millis(123_456);
    lab.seek(t);
    assert_eq!(lab.world().fingerprint(), straight_run(t));
}

#[test]
fn checkpoints_stay_within_their_memory_budget() {
    let mut lab = loaded();
    lab.budget = 384 << 10;
    for second in 1..=90 {
        lab.advance(SimTime::from_millis(second * 1000));
        assert!(
            lab.checkpoint_bytes() <= lab.budget || lab.checkpoint_count() <= MIN_CHECKPOINTS,
            "{} bytes in {} checkpoints at {second} s",
            lab.checkpoint_bytes(),
            lab.checkpoint_count()
        );
    }
    // Too few events for their number to thin them: the budget did.
    assert!(lab.events() < CHECKPOINT_SPACING * MAX_CHECKPOINTS as u64);
    assert!(
        lab.checkpoint_spacing() > CHECKPOINT_SPACING,
        "the budget thinned them: {} checkpoints {} events apart",
        lab.checkpoint_count(),
        lab.checkpoint_spacing()
    );
    let t = SimTime::from_millis(43_210);
    lab.seek(t);
    assert_eq!(lab.world().fingerprint(), straight_run(t));
}

#[test]
fn the_narration_after_a_seek_is_what_it_was() {
    let mut lab = loaded();
    lab.advance(SimTime::from_millis(20_000));
    for ms in [7_300, 150, 12_345, 19_000] {
        let t = SimTime::from_millis(ms);
        lab.seek(t);
        let mut straight = loaded();
        straight.advance(t);
        assert_eq!(lab.recent_events(), straight.recent_events(), "at {ms} ms");
        assert_eq!(
            lab.notable_events(),
            straight.notable_events(),
            "at {ms} ms"
        );
        if ms > 1_000 {
            assert_eq!(lab.recent_events().len(), RECENT_EVENTS, "a full buffer");
        }
    }
}

#[test]
fn markers_and_term_bands_cover_the_run() {
    let mut lab = loaded();
    lab.advance(SimTime::from_millis(1_000));
    lab.act(Action::from(NetAction::Crash(NodeRef::Leader)));
    lab.advance(SimTime::from_millis(3_000));
    let kinds: Vec<_> = lab.markers().iter().map(|m| &m.kind).collect();
    assert!(kinds.iter().any(|k| matches!(k, MarkerKind::Leader { .. })));
    assert!(kinds.iter().any(|k| matches!(k, MarkerKind::Crash { .. })));
    assert!(kinds.iter().any(|k| matches!(k, MarkerKind::Commit { .. })));
    let bands = lab.marker_log().term_bands(lab.horizon());
    assert!(bands.len() >= 2, "two leaderships: {bands:?}");
    // Seeking back does not duplicate markers.
    let count = lab.markers().len();
    lab.seek(SimTime::from_millis(500));
    lab.advance(SimTime::from_millis(3_000));
    assert_eq!(lab.markers().len(), count);
}

#[test]
fn trace_count_tells_which_recent_events_are_new() {
    let mut lab = loaded();
    let mut seen: Vec<crate::protocols::raft::trace::TraceEvent> =
        lab.recent_events().iter().cloned().collect();
    let mut cursor = lab.trace_count();
    assert_eq!(cursor, seen.len() as u64);
    while lab.now() < SimTime::from_millis(3_000) {
        lab.step();
        let new = (lab.trace_count() - cursor) as usize;
        cursor = lab.trace_count();
        let recent = lab.recent_events();
        seen.extend(recent.iter().skip(recent.len() - new).cloned());
    }
    // Reading only the new events after each step yields the whole trace, once.
    let mut straight = Run::new(Cluster::new(loaded_config()), Vec::new());
    straight.world_mut().set_record_history(false);
    let mut all: Vec<crate::protocols::raft::trace::TraceEvent> = straight.drain_trace().collect();
    while straight.world().events() < lab.events() {
        straight.step();
        all.extend(straight.drain_trace());
    }
    assert!(seen.len() > RECENT_EVENTS, "long enough to wrap the buffer");
    assert_eq!(seen, all);
}

#[test]
fn a_quiet_cluster_still_tells_who_was_elected() {
    // Five idle servers: after the election only heartbeats follow, and in a
    // few seconds they fill the recent events.
    let mut lab = Lab::<Raft>::from_setup(ClusterConfig::default());
    lab.advance(SimTime::from_millis(5_000));
    let elected = |e: &&crate::protocols::raft::trace::TraceEvent| {
        matches!(
            e.kind,
            crate::protocols::raft::trace::EventKind::Role {
                role: crate::protocols::raft::Role::Leader,
                ..
            }
        )
    };
    assert!(
        !lab.recent_events().iter().any(|e| elected(&e)),
        "pushed out by traffic"
    );
    assert!(lab.notable_events().iter().any(|e| elected(&e)));
    let notable = lab.notable_events().clone();
    lab.seek(SimTime::from_millis(1_000));
    lab.seek(SimTime::from_millis(5_000));
    assert_eq!(lab.notable_events(), &notable, "the same after a seek");
}

/// The same lab running Gossip with SWIM.
mod gossip {
    use super::*;
    use crate::protocols::gossip::{
        Action as GossipAction, Gossip, GossipConfig, MemberState, Mode, RumorId, SpreadConfig,
        SwimConfig,
    };

    fn cfg(nodes: usize) -> GossipConfig {
        GossipConfig {
            nodes,
            spare: 0,
            seed: 4,
            spread: SpreadConfig {
                mode: Mode::PushPull,
                ..SpreadConfig::default()
            },
            swim: SwimConfig {
                enabled: true,
                ..SwimConfig::default()
            },
            ..GossipConfig::default()
        }
    }

    fn lab(nodes: usize, script: Vec<(SimTime, GossipAction)>) -> Lab<Gossip> {
        Lab::new(&Scenario {
            setup: cfg(nodes),
            script,
            stop: SimTime::from_millis(600_000),
            ..Scenario::default()
        })
    }

    fn rumor(node: u16) -> GossipAction {
        GossipAction::StartRumor {
            node: NodeId(node),
            key: "x".into(),
            value: "1".into(),
        }
    }

    /// What a moment looks like from outside: enough to tell two states apart.
    fn look(lab: &Lab<Gossip>) -> (SimTime, u64, u32, u64, u64) {
        let w = lab.world();
        let informed = if w.rumors().is_empty() {
            0
        } else {
            w.rumor_stats(RumorId(1)).informed
        };
        (
            w.now(),
            w.counters().events,
            informed,
            w.counters().messages_sent(),
            w.fingerprint(),
        )
    }

    #[test]
    fn seeking_back_and_forth_shows_the_same_states() {
        let mut lab = lab(60, vec![]);
        lab.advance(SimTime::from_millis(300));
        lab.act(rumor(1));
        lab.advance(SimTime::from_millis(1_200));
        let mid = look(&lab);
        lab.advance(SimTime::from_millis(6_000));
        let end = look(&lab);
        assert!(lab.checkpoint_count() > 1);
        lab.seek(SimTime::from_millis(1_200));
        assert_eq!(look(&lab), mid, "the rumor was replayed from the script");
        lab.seek(SimTime::from_millis(6_000));
        assert_eq!(look(&lab), end);
        assert!(!lab.in_past());
    }

    /// Acting in the past forks a new future and keeps the old one as a
    /// branch, as for Raft. (Gossip's own lab used to discard the old
    /// future; every protocol shares the lab now.)
    #[test]
    fn acting_in_the_past_keeps_the_old_future_as_a_branch() {
        let mut lab = lab(30, vec![]);
        lab.advance(SimTime::from_millis(5_000));
        lab.seek(SimTime::from_millis(1_000));
        assert!(lab.in_past());
        let crash = GossipAction::from(NetAction::Crash(NodeRef::Id(NodeId(7))));
        assert_eq!(lab.act(crash), Some(0), "the old future is branch 0");
        assert!(!lab.in_past());
        assert_eq!(lab.horizon(), SimTime::from_millis(1_000));
        assert_eq!(lab.branches()[0].fork_at, SimTime::from_millis(1_000));
        assert_eq!(lab.branches()[0].horizon, SimTime::from_millis(5_000));
        lab.advance(SimTime::from_millis(12_000));
        let seen = lab.world().opinion(NodeId(7)).worst();
        assert_eq!(seen, MemberState::Dead, "SWIM found the crash");
        lab.seek(SimTime::from_millis(500));
        lab.seek(SimTime::from_millis(12_000));
        assert_eq!(lab.world().opinion(NodeId(7)).worst(), MemberState::Dead);
        lab.seek(SimTime::from_millis(4_000));
        lab.switch_branch(0);
        assert_eq!(lab.now(), SimTime::from_millis(4_000));
        assert_eq!(lab.world().opinion(NodeId(7)).worst(), MemberState::Alive);
        assert_eq!(lab.horizon(), SimTime::from_millis(5_000), "the old future");
        assert_eq!(lab.branches().len(), 1, "the crash is a branch now");
    }

    #[test]
    fn a_bounded_advance_stops_short_and_resumes() {
        let mut bounded = lab(200, vec![(SimTime::ZERO, rumor(1))]);
        let t = SimTime::from_millis(2_000);
        assert!(!bounded.advance_bounded(t, 100));
        assert!(bounded.now() < t);
        while !bounded.advance_bounded(t, 1_000) {}
        assert_eq!(bounded.now(), t);
        let mut whole = lab(200, vec![(SimTime::ZERO, rumor(1))]);
        whole.advance(t);
        assert_eq!(look(&bounded), look(&whole));
    }

    /// The narration is shared by every protocol now: the recent events keep
    /// message traffic too (the events panel hides it on request), and the
    /// notable ones keep the state changes, here infections, without it.
    #[test]
    fn narration_keeps_state_changes_not_traffic() {
        let mut lab = lab(10, vec![(SimTime::ZERO, rumor(1))]);
        lab.advance(SimTime::from_millis(3_000));
        assert!(lab.trace_count() > 0);
        assert!(lab.recent_events().iter().any(|e| e.kind.is_traffic()));
        assert!(!lab.notable_events().is_empty());
        assert!(lab.notable_events().iter().all(|e| !e.kind.is_traffic()));
        assert!(
            lab.notable_events()
                .iter()
                .any(|e| e.kind.name() == "infect")
        );
    }
}
