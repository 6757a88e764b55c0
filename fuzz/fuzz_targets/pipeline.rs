//! Measures and report models from a hostile fokusmål extract beside the
//! fixtures' Y30R21; see `jobcenterindblik::fuzzing::pipeline`.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use jobcenterindblik::extract::y30r21::Y30R21;

fn resultat() -> &'static Y30R21 {
    static Y: OnceLock<Y30R21> = OnceLock::new();
    Y.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/jobindsats/Y30R21.csv");
        Y30R21::read(&path, "Y30R21.csv").expect("the fixtures' Y30R21 reads")
    })
}

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    jobcenterindblik::fuzzing::pipeline(bytes, resultat());
});
