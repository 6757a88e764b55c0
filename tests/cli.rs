//! The binary itself: what each command prints, its exit codes, `--help`
//! and `--version`.

use crate::util::{Cmd, stderr, stdout};

#[test]
fn kommuner_lists_all_98() {
    let out = stdout(&Cmd::new(["kommuner"]).succeeds());
    assert_eq!(out.lines().count(), 99);
    assert_contains!(out, "340   Sorø\n", "101   København\n", "860   Hjørring\n");
    let o = Cmd::new(["kommuner"]).json().succeeds();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 98);
    assert_eq!(v[0]["genitiv"], "Københavns");
}

#[test]
fn report_writes_the_json_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("soro.json");
    Cmd::new(["report", "--kommune", "soro", "--periode", "2020M08"])
        .json()
        .fixtures()
        .out(&out)
        .current_dir(dir.path())
        .succeeds();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["kommune"]["navn"], "Sorø");
    assert_eq!(v["model_version"], 3);
    assert_eq!(v["status"]["kategori"], "inspirationskommune");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["soro.json"], "no temporary files are left behind");
    // The same report on standard output, by kommunekode.
    let o = Cmd::new(["report", "--kommune", "340", "--periode", "2020-08"])
        .json()
        .run();
    assert_eq!(o.stdout, std::fs::read(&out).unwrap());
}

#[test]
fn validate_summarises_the_fixtures() {
    let o = Cmd::new(["validate"]).succeeds();
    assert_contains!(
        stdout(&o),
        "Y30R21.csv\n  kommuner:          98\n  benchmark periods: 6 (2019QMAT02",
        "fokusmaal-samtaler.csv\n  kommuner:          98\n  months:            48 (2018M01 to 2021M12)",
        "discretized cells:",
        "Reports can be made for 2019-12 to 2021-12.",
        "(the data allow 2019-11 on; STAR's first Jobcenterindblik report is for 2019-12)"
    );
}

#[test]
fn report_writes_a_pdf_named_after_the_kommune_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let o = Cmd::new([
        "report",
        "--kommune",
        "hoeje-taastrup",
        "--periode",
        "2021-11",
    ])
    .fixtures()
    .current_dir(dir.path())
    .succeeds();
    assert_contains!(stderr(&o), "wrote Høje-Taastrup-2021-11.pdf");
    let pdf = std::fs::read(dir.path().join("Høje-Taastrup-2021-11.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "no temporary files are left behind: {names:?}"
    );
}

#[test]
fn help_texts() {
    for args in [
        &["--help"][..],
        &["report", "--help"],
        &["batch", "--help"],
        &["diff", "--help"],
    ] {
        let o = Cmd::new(args).succeeds();
        let name: Vec<&str> = args.iter().map(|a| a.trim_start_matches('-')).collect();
        insta::assert_snapshot!(name.join("-"), stdout(&o));
    }
    let o = Cmd::new::<&str>([]).fails(2);
    assert_contains!(stderr(&o), "Usage: jobcenterindblik <COMMAND>");
}

#[test]
fn version_is_the_crates() {
    // From Cargo.toml itself, not from CARGO_PKG_VERSION, which the binary
    // is built with too.
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let version = manifest
        .lines()
        .skip_while(|l| *l != "[package]")
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("[package] has a version");
    let o = Cmd::new(["--version"]).succeeds();
    assert_eq!(stdout(&o), format!("jobcenterindblik {version}\n"));
    // The PDF names the same program and version as its creator.
    assert_eq!(
        jobcenterindblik::pdf::document::GENERATOR,
        stdout(&o).trim_end()
    );
}
