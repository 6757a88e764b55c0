//! Table Y30R21 from arbitrary bytes; see `jobcenterindblik::fuzzing::y30r21`.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| jobcenterindblik::fuzzing::y30r21(bytes));
