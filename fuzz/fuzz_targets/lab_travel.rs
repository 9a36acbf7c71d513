//! The lab seeking, stepping back and forking at arbitrary moments: always the state of a straight run.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = raftlab::exercise::check_lab_session(data) {
        panic!("{e}");
    }
});
