//! The fuzz targets' bodies over the committed inputs: the seed corpus and
//! every input the fuzzer once crashed on (`fuzz/regressions/<target>/`).
//! This runs on stable Rust in the normal test run; fuzzing itself needs
//! nightly and cargo-fuzz (see fuzz/README.md).

use std::path::{Path, PathBuf};

use jobcenterindblik::extract::y30r21::Y30R21;
use jobcenterindblik::fuzzing;

/// A fuzz target's name and body.
type Target<'a> = (&'a str, &'a dyn Fn(&[u8]));

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["corpus-seed", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) {
            files.extend(entries.map(|e| e.unwrap().path()));
        }
    }
    files.sort();
    files
}

/// The fixtures' Y30R21, which the pipeline target reads its fokusmål with.
fn fixture_y30r21() -> Y30R21 {
    Y30R21::read(
        &crate::util::fixtures_dir().join("Y30R21.csv"),
        "Y30R21.csv",
    )
    .unwrap()
}

#[test]
fn the_fuzz_corpus_and_crash_inputs_do_not_panic() {
    let resultat = fixture_y30r21();
    let targets: [Target<'_>; 3] = [
        ("y30r21", &fuzzing::y30r21),
        ("fokusmaal", &fuzzing::fokusmaal),
        ("pipeline", &|b| {
            fuzzing::pipeline(b, &resultat);
        }),
    ];
    for (target, run) in targets {
        let files = inputs(target);
        assert!(files.len() >= 2, "the {target} corpus is committed");
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&bytes)));
            assert!(outcome.is_ok(), "{} panics", file.display());
        }
    }
}

#[test]
fn the_pipeline_seeds_reach_the_report_models() {
    // A corpus that never gets past the readers would fuzz nothing downstream.
    let resultat = fixture_y30r21();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus-seed/pipeline");
    for (name, kommuner) in [("soroe-ballerup.csv", 2), ("laesoe.csv", 1)] {
        let bytes = std::fs::read(root.join(name)).unwrap();
        assert_eq!(fuzzing::pipeline(&bytes, &resultat), kommuner, "{name}");
    }
}
