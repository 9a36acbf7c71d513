//! Fuzz target: Quorum NWR under arbitrary actions serves no stale read with
//! W + R > N, and stays linearizable with blocking read repair and
//! two-phase writes.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    if let Err(why) = raftlab::exercise::check_nwr_run(input) {
        panic!("{why}");
    }
});
