//! The gossip engine under arbitrary actions: no panic, metrics consistent with the state.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = raftlab::exercise::check_gossip_run(data) {
        panic!("{e}");
    }
});
