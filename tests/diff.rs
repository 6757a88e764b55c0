//! Golden files: `diff` of two batches' JSON models, a month's folder or a
//! run of months' month folders, two single files, and what it cannot
//! compare. (What it refuses to read, a FIFO or a device, is in `files`.)

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::util::{Cmd, stderr, stdout};

/// Two batches of the JSON models of `periode`, `golden` and `new`, in a
/// new folder, that `diff` finds the same in all their `files`.
fn two_runs(periode: &str, files: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (golden, new) = (dir.path().join("golden"), dir.path().join("new"));
    for out in [&golden, &new] {
        Cmd::batch(periode).json().out(out).succeeds();
    }
    let o = diff(&golden, &new);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("no differences in {files} files\n"));
    (dir, golden, new)
}

/// `diff OLD NEW`.
fn diff(old: &Path, new: &Path) -> std::process::Output {
    Cmd::new([OsStr::new("diff"), old.as_os_str(), new.as_os_str()]).run()
}

#[test]
fn diff_checks_a_new_run_against_golden_files() {
    let (_dir, golden, new) = two_runs("2020-08", 100);

    // A changed figure, a removed report and an extra file are all reported.
    let sorø = new.join("Sorø-2020-08.json");
    let text = std::fs::read_to_string(&sorø).unwrap();
    let mut model: serde_json::Value = serde_json::from_str(&text).unwrap();
    model["resultatmaal"]["placering"]["plads"] = serde_json::json!(19);
    model["resultatmaal"]["andel"]["faktisk"] = serde_json::json!(8.840_000_000_000_001);
    model["kommune"]["genitiv"] = serde_json::json!("Sorø's");
    std::fs::write(&sorø, serde_json::to_vec_pretty(&model).unwrap()).unwrap();
    std::fs::remove_file(new.join("Læsø-2020-08.json")).unwrap();
    std::fs::write(new.join("extra.json"), "{}").unwrap();
    let o = diff(&golden, &new);
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
    let one = golden.join("Sorø-2020-08.json");
    assert_eq!(diff(&one, &sorø).status.code(), Some(1));
    std::fs::write(&sorø, "{ not json").unwrap();
    let o = diff(&one, &sorø);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).replace(new.to_str().unwrap(), "[NEW]"),
        "error: [NEW]/Sorø-2020-08.json:1:3: is not JSON: key must be a string at line 1 column 3\n"
    );
    let o = diff(&golden, &one);
    assert_eq!(o.status.code(), Some(2));
    assert_contains!(stderr(&o), "give two JSON files or two folders");
}

#[test]
fn diff_compares_the_month_folders_of_a_run_of_months() {
    let (_dir, golden, ny) = two_runs("2021-01..2021-03", 301);
    // A changed figure in the middle month: once only status.json at the
    // top was compared, and this passed as "no differences".
    let sorø = ny.join("2021-02/Sorø-2021-02.json");
    let mut model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&sorø).unwrap()).unwrap();
    model["resultatmaal"]["placering"]["plads"] = serde_json::json!(99);
    std::fs::write(&sorø, serde_json::to_vec_pretty(&model).unwrap()).unwrap();
    let o = diff(&golden, &ny);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_contains!(
        stdout(&o),
        "2021-02/Sorø-2021-02.json\n  resultatmaal.placering.plads: ",
        " -> 99\n",
        "1 differences in 1 of 301 files compared; 0 only in OLD, 0 only in NEW"
    );
    // A month on one side only is one line, not 101.
    std::fs::rename(ny.join("2021-03"), ny.join("2021-04")).unwrap();
    let o = diff(&golden, &ny);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stdout(&o),
        "only in OLD: 2021-03/\nonly in NEW: 2021-04/\n",
        "in 1 of 201 files compared; 1 only in OLD, 1 only in NEW"
    );
}
