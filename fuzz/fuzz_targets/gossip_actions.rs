//! Fuzz target: gossip metrics agree with the state under arbitrary actions.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    if let Err(why) = raftlab::exercise::check_gossip_run(input) {
        panic!("{why}");
    }
});
