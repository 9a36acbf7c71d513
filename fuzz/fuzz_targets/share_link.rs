//! Share links and URL fragments: decode_scenario and LinkParams::parse on raw, packed and embedded input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = raftlab::exercise::check_share_link(data) {
        panic!("{e}");
    }
});
