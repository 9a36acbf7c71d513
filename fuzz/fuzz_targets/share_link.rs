//! Fuzz target: share links and URL fragments never panic and read back what they write.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    if let Err(why) = raftlab::exercise::check_share_link(input) {
        panic!("{why}");
    }
});
