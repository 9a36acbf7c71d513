//! Fuzz target: scenario files as text: refused with a reason or accepted and round-tripped.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    if let Err(why) = raftlab::exercise::check_scenario_text(input) {
        panic!("{why}");
    }
});
