//! `jobcenterindblik batch`: all 98 reports, the overview and the summary,
//! and what happens when one kommune's data are broken.

use std::path::Path;

use crate::util::{batch_in, files, fixtures_dir, fixtures_with, stderr};

/// Runs `batch` with `args` on the extracts in `data`, writing to a fresh
/// folder; returns the folder and the process's output.
fn batch(data: &Path, args: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let out = tempfile::tempdir().unwrap();
    let o = batch_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        data,
        out.path().to_str().unwrap(),
        args,
    );
    (out, o)
}

#[test]
fn a_batch_writes_98_reports_the_overview_and_the_summary() {
    let (out, o) = batch(&fixtures_dir(), &["--periode", "2021-11", "--jobs", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_contains!(stderr(&o), "wrote 98 of 98 reports", "0 failed");
    let names = files(out.path());
    assert_eq!(names.len(), 98 + 3, "{names:?}");
    assert_eq!(
        names.iter().filter(|f| f.ends_with("-2021-11.pdf")).count(),
        99,
        "98 reports and the overview"
    );
    assert!(names.contains(&"Høje-Taastrup-2021-11.pdf".to_string()));
    assert!(names.contains(&"Oversigt-2021-11.pdf".to_string()));
    for f in names.iter().filter(|f| f.ends_with(".pdf")) {
        let bytes = std::fs::read(out.path().join(f)).unwrap();
        assert!(
            bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
            "{f} is a whole PDF"
        );
    }
    let csv = std::fs::read_to_string(out.path().join("status.csv")).unwrap();
    assert_eq!(csv.lines().count(), 99);
    assert_contains!(
        csv,
        "kode;kommune;status;resultatmaal_forskel;samtaler_gennemsnit_12_mdr;samtaler_krav;samtaler_skal_opfylde_pr_maaned;aktive_tilbud_gennemsnit_12_mdr;aktive_tilbud_krav;aktive_tilbud_skal_opfylde_pr_maaned;fil;fejl\n",
        "766;Hedensted;Inspirationskommune;-0,19;87,84;Ok;;89,24;Ok;;Hedensted-2021-11.pdf;\n",
        "219;Hillerød;Aktuelt ikke i risiko;-0,50;93,58;Ok;;78,41;97,80;597;Hillerød-2021-11.pdf;\n",
        "167;Hvidovre;Risiko for light tilsyn;0,62;93,01;Ok;;73,42;kan ikke nås;;Hvidovre-2021-11.pdf;\n"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("status.json")).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 98);
    let sorø = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kommune"]["navn"] == "Sorø")
        .unwrap();
    assert_eq!(sorø["fil"], "Sorø-2021-11.pdf");
    assert!(sorø["samtaler"]["gennemsnit_12_mdr"].is_f64());
}

#[test]
fn one_broken_kommune_does_not_stop_the_others() {
    let data = fixtures_with("fokusmaal-samtaler.csv", |t| {
        t.lines()
            .filter(|l| !l.starts_with("Sorø;2020M03;Ydelsesgrupper i alt;Mindst"))
            .map(|l| format!("{l}\r\n"))
            .collect()
    });
    let (out, o) = batch(data.path(), &["-p", "2020-08", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_contains!(
        stderr(&o),
        "wrote 97 of 98 reports",
        "1 failed",
        "failed: Sorø: ",
        "has no rows for Sorø, Ydelsesgrupper i alt, Mindst 12 mdr. in 2020M03",
        "error: 1 of 98 reports failed: Sorø"
    );
    let names = files(out.path());
    assert_eq!(names.len(), 97 + 3, "{names:?}");
    assert!(!names.contains(&"Sorø-2020-08.json".to_string()));
    assert!(
        names
            .iter()
            .all(|f| !f.starts_with('.') && !f.ends_with(".tmp")),
        "no temporary names: {names:?}"
    );
    let csv = std::fs::read_to_string(out.path().join("status.csv")).unwrap();
    let sorø = csv.lines().find(|l| l.starts_with("340;")).unwrap();
    assert!(sorø.starts_with("340;Sorø;;"), "{sorø}");
    assert!(
        sorø.contains("2020M03"),
        "the reason is in the summary: {sorø}"
    );
    let model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("Ballerup-2020-08.json")).unwrap())
            .unwrap();
    assert_eq!(model["fokusmaal"][0]["tre_mdr"]["placering"]["ud_af"], 97);
}

#[test]
fn how_many_workers_does_not_change_a_byte() {
    // One worker uses Typst's global thread pool, several get a one-thread
    // pool each (commands/batch/workers.rs); the PDFs must not depend on which.
    let with_jobs = |jobs: &str| {
        let (out, o) = batch(&fixtures_dir(), &["-p", "2020-08", "--jobs", jobs]);
        assert!(o.status.success(), "{}", stderr(&o));
        out
    };
    let one = with_jobs("1");
    let three = with_jobs("3");
    let names = files(one.path());
    assert_eq!(names, files(three.path()));
    assert_eq!(names.len(), 98 + 3, "{names:?}");
    for f in &names {
        let a = std::fs::read(one.path().join(f)).unwrap();
        let b = std::fs::read(three.path().join(f)).unwrap();
        assert!(a == b, "{f} differs between --jobs 1 and --jobs 3");
    }
}
