//! The binary itself: output, exit codes and messages.

use crate::util::{run, run_in, stderr, stdout, template_copy};

#[test]
fn kommuner_lists_all_98() {
    let o = run(&["kommuner"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 99);
    assert_contains!(out, "340   Sorø\n", "101   København\n", "860   Hjørring\n");
    let o = run(&["kommuner", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 98);
    assert_eq!(v[0]["genitiv"], "Københavns");
}

#[test]
fn report_writes_the_json_model() {
    let dir = tempfile::tempdir().unwrap();
    let data = crate::util::fixtures_dir();
    let out = dir.path().join("soro.json");
    let o = run_in(
        dir.path(),
        &[
            "report",
            "--kommune",
            "soro",
            "--periode",
            "2020M08",
            "--format",
            "json",
            "--data",
            data.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["kommune"]["navn"], "Sorø");
    assert_eq!(v["model_version"], 2);
    assert_eq!(v["status"]["kategori"], "inspirationskommune");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["soro.json"], "no temporary files are left behind");
    // The same report on standard output, by kommunekode.
    let o = run(&[
        "report",
        "--kommune",
        "340",
        "--periode",
        "2020-08",
        "--format",
        "json",
    ]);
    assert_eq!(o.stdout, std::fs::read(&out).unwrap());
}

#[test]
fn validate_summarises_the_fixtures() {
    let o = run(&["validate"]);
    assert!(o.status.success(), "{}", stderr(&o));
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
fn usage_errors_exit_2_and_data_errors_exit_1() {
    let o = run(&["report", "--kommune", "Balerup", "--periode", "2020-09"]);
    assert_eq!(o.status.code(), Some(2));
    assert_contains!(
        stderr(&o),
        "\"Balerup\" is not one of the 98 kommuner; did you mean \"Ballerup\"?"
    );
    let o = run(&["report", "--kommune", "Sorø", "--periode", "2020-13"]);
    assert_eq!(o.status.code(), Some(2));
    assert_contains!(stderr(&o), "there is no month 13");
    let o = run(&["report", "--kommune", "Sorø", "--periode", "aug 2020"]);
    assert_eq!(o.status.code(), Some(2));
    assert_contains!(stderr(&o), "expected YYYY-MM (2020-08)");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.json");
    let o = run(&[
        "report",
        "--kommune",
        "Sorø",
        "--periode",
        "2022-01",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "error: ",
        "ends with 2021M12",
        "hint: choose a --periode from 2019-12 to 2021-12"
    );
    assert!(!out.exists(), "nothing is written on failure");
    let o = run(&["validate", "--data", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "--data no/such/folder: there is no such folder; --data must be a folder holding Y30R21.csv"
    );
}

#[test]
fn report_writes_a_pdf_named_after_the_kommune_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let data = crate::util::fixtures_dir();
    let o = run_in(
        dir.path(),
        &[
            "report",
            "--kommune",
            "hoeje-taastrup",
            "--periode",
            "2021-11",
            "--data",
            data.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
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

/// Replaces `from` with `to` in the one template file that holds it, and
/// returns that file, so that a test does not depend on how the template is
/// split into files.
#[track_caller]
fn edit_template(dir: &std::path::Path, from: &str, to: &str) -> std::path::PathBuf {
    let mut holders = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "typ")
                && std::fs::read_to_string(&path).unwrap().contains(from)
            {
                holders.push(path);
            }
        }
    }
    assert_eq!(holders.len(), 1, "{from:?} is in {holders:?}");
    let file = holders.remove(0);
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replacen(from, to, 1);
    std::fs::write(&file, text).unwrap();
    file
}

/// Makes Sorø's August 2020 report with the template in `dir`.
fn report_with_template(dir: &std::path::Path, pdf: &std::path::Path) -> std::process::Output {
    run(&[
        "report",
        "-k",
        "Sorø",
        "-p",
        "2020-08",
        "--template",
        dir.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ])
}

#[test]
fn a_template_folder_changes_the_look_without_rebuilding() {
    let template = template_copy();
    edit_template(
        template.path(),
        "= 1. Overblik",
        "= 1. Overblik i eget layout",
    );
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("s.pdf");
    let o = report_with_template(template.path(), &pdf);
    assert!(o.status.success(), "{}", stderr(&o));
    let bookmarks = crate::util::bookmarks(&std::fs::read(&pdf).unwrap());
    assert!(
        bookmarks.iter().any(|b| b == "1. Overblik i eget layout"),
        "the edited heading is not in the PDF: {bookmarks:?}"
    );
    assert!(
        !bookmarks.iter().any(|b| b == "1. Overblik"),
        "{bookmarks:?}"
    );
}

#[test]
fn template_errors_are_typst_diagnostics_with_file_line_and_source() {
    let template = template_copy();
    let file = edit_template(
        template.path(),
        "#let periode = r.periode.tekst",
        "#let periode = r.periode.tekstx",
    );
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("s.pdf");
    let o = report_with_template(template.path(), &pdf);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_contains!(
        err,
        "error: the report template failed:",
        "dictionary does not contain key \"tekstx\"",
        &format!("{}:", file.display()),
        "r.periode.tekstx"
    );
    assert!(!pdf.exists(), "nothing is written on failure");
    let empty = tempfile::tempdir().unwrap();
    let o = run(&[
        "report",
        "-k",
        "Sorø",
        "-p",
        "2020-08",
        "--template",
        empty.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(stderr(&o), "has no main.typ");
}

#[test]
fn help_texts() {
    for args in [
        &["--help"][..],
        &["report", "--help"],
        &["batch", "--help"],
        &["diff", "--help"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let name: Vec<&str> = args.iter().map(|a| a.trim_start_matches('-')).collect();
        insta::assert_snapshot!(name.join("-"), stdout(&o));
    }
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert_contains!(stderr(&o), "Usage: jobcenterindblik <COMMAND>");
    let o = run(&["--version"]);
    assert_eq!(
        stdout(&o),
        format!("jobcenterindblik {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// Writes the JSON models of a month into a new temporary folder.
fn json_batch(periode: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "batch",
        "-p",
        periode,
        "--format",
        "json",
        "--out-dir",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn diff_checks_a_new_run_against_golden_files() {
    let golden = json_batch("2020-08");
    let new = json_batch("2020-08");
    let (g, n) = (
        golden.path().to_str().unwrap(),
        new.path().to_str().unwrap(),
    );
    let o = run(&["diff", g, n]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "no differences in 100 files\n");

    // A changed figure, a removed report and an extra file are all reported.
    let sorø = new.path().join("Sorø-2020-08.json");
    let text = std::fs::read_to_string(&sorø).unwrap();
    let mut model: serde_json::Value = serde_json::from_str(&text).unwrap();
    model["resultatmaal"]["placering"]["plads"] = serde_json::json!(19);
    model["resultatmaal"]["andel"]["faktisk"] = serde_json::json!(8.840_000_000_000_001);
    model["kommune"]["genitiv"] = serde_json::json!("Sorø's");
    std::fs::write(&sorø, serde_json::to_vec_pretty(&model).unwrap()).unwrap();
    std::fs::remove_file(new.path().join("Læsø-2020-08.json")).unwrap();
    std::fs::write(new.path().join("extra.json"), "{}").unwrap();
    let o = run(&["diff", g, n]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o), @r#"
    Sorø-2020-08.json
      kommune.genitiv: "Sorøs" -> "Sorø's"
      resultatmaal.placering.plads: 18 -> 19
    only in OLD: Læsø-2020-08.json
    only in NEW: extra.json
    2 differences in 1 of 99 files compared; 1 only in OLD, 1 only in NEW
    "#);

    // Two single files; a tolerance; and what cannot be compared exits 2.
    let one = golden.path().join("Sorø-2020-08.json");
    let o = run(&["diff", one.to_str().unwrap(), sorø.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    std::fs::write(&sorø, "{ not json").unwrap();
    let o = run(&["diff", one.to_str().unwrap(), sorø.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).replace(n, "[NEW]"),
        "error: [NEW]/Sorø-2020-08.json:1:3: is not JSON: key must be a string at line 1 column 3\n"
    );
    let o = run(&["diff", g, one.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_contains!(stderr(&o), "give two JSON files or two folders");
}
