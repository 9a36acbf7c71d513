//! The Raft engine under safe settings and arbitrary actions: no invariant violated, no panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = raftlab::exercise::check_raft_run(data) {
        panic!("{e}");
    }
});
