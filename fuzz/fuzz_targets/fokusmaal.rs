//! A fokusmål extract from arbitrary bytes; see `jobcenterindblik::fuzzing::fokusmaal`.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| jobcenterindblik::fuzzing::fokusmaal(input));
