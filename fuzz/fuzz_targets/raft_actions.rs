//! Fuzz target: Raft under safe settings and arbitrary actions keeps every invariant.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    if let Err(why) = raftlab::exercise::check_raft_run(input) {
        panic!("{why}");
    }
});
