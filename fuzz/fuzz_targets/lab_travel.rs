//! Fuzz target: seeking, stepping back and forking show the state of a straight run.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    if let Err(why) = raftlab::exercise::check_lab_session(input) {
        panic!("{why}");
    }
});
