//! Structure-aware scenarios: mutants of valid scenario JSON; refusals explain, acceptances round-trip.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = raftlab::exercise::check_scenario_mutants(data) {
        panic!("{e}");
    }
});
