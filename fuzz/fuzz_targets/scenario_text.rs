//! Scenario text: parse_scenario on arbitrary bytes; what it accepts must round-trip.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = raftlab::exercise::check_scenario_text(data) {
        panic!("{e}");
    }
});
