//! Property tests of the engines and formats on arbitrary inputs, through the
//! same checks the fuzz targets run (`raftlab::exercise`): Raft under safe
//! settings and arbitrary actions keeps every invariant; a lab that seeks,
//! steps back and forks shows exactly a straight run; gossip metrics agree
//! with the state; decoded scenarios and mutants of them round-trip.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use raftlab::exercise;

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..max)
}

fn holds(result: Result<(), String>) -> Result<(), TestCaseError> {
    result.map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn raft_under_safe_settings_and_any_actions_keeps_every_invariant(input in bytes(600)) {
        holds(exercise::check_raft_run(&input))?;
    }

    #[test]
    fn the_lab_always_shows_the_state_of_a_straight_run(input in bytes(300)) {
        holds(exercise::check_lab_session(&input))?;
    }

    #[test]
    fn gossip_metrics_agree_with_the_state_under_any_actions(input in bytes(400)) {
        holds(exercise::check_gossip_run(&input))?;
    }

    #[test]
    fn decoded_scenarios_and_their_mutants_round_trip(input in bytes(400)) {
        holds(exercise::check_scenario_mutants(&input))?;
    }

    #[test]
    fn share_links_from_any_bytes_never_panic(input in bytes(400)) {
        holds(exercise::check_share_link(&input))?;
    }
}
