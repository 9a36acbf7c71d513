//! Fuzz target: valid scenarios and mutants of their JSON round-trip.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    if let Err(why) = raftlab::exercise::check_scenario_mutants(input) {
        panic!("{why}");
    }
});
