//! What a batch does with the files an earlier run left in its folder:
//! nothing before its own first report is written (a reason common to every
//! report stops it with the folder as it was); after that a kommune whose
//! own data fail loses its stale report, one that fails for another reason
//! keeps it and the status says so; a month the data cannot support, or a
//! run of other months, leaves its month folders alone and says so.

use std::path::{Path, PathBuf};

use crate::util::{Cmd, files, fixtures_with, lille_template, status_of, stderr, temporaries};

/// What an earlier run left in a file.
const EARLIER: &str = "fra en tidligere kørsel";

/// The folder `dir/sub` (made if need be) as an earlier run left it: the
/// files `names`, each holding [`EARLIER`].
fn earlier_run(dir: &Path, sub: &str, names: &[&str]) -> PathBuf {
    let d = dir.join(sub);
    std::fs::create_dir_all(&d).unwrap();
    for f in names {
        std::fs::write(d.join(f), EARLIER).unwrap();
    }
    d
}

#[test]
fn a_run_whose_first_report_fails_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = [
        "Sorø-2020-08.pdf",
        "Oversigt-2020-08.pdf",
        "status.csv",
        "status.json",
    ];
    let ud = earlier_run(dir.path(), "ud", &earlier);
    let t = lille_template("\n#panic(\"skabelonfejl\")\n");
    let batch = |out: &str| {
        Cmd::batch("2020-08")
            .fixtures()
            .out(out)
            .template(t.path())
            .current_dir(dir.path())
            .fails(1)
    };
    let err = stderr(&batch("ud"));
    assert_eq!(
        err.matches("panicked with: skabelonfejl").count(),
        1,
        "told once: {err}"
    );
    assert_contains!(
        err,
        "error: the first report, København's, failed, so the run stopped before changing anything in "
    );
    assert_eq!(files(&ud), {
        let mut e = earlier.map(String::from).to_vec();
        e.sort();
        e
    });
    for f in earlier {
        assert_eq!(std::fs::read_to_string(ud.join(f)).unwrap(), EARLIER);
    }
    // A folder the run made itself, and could not use, is not left behind,
    // nor the month folder of a run of months.
    batch("ny");
    assert!(!dir.path().join("ny").exists());
    Cmd::batch("2021-01..2021-02")
        .fixtures()
        .out("kvartal")
        .template(t.path())
        .current_dir(dir.path())
        .fails(1);
    assert!(
        !dir.path().join("kvartal").exists(),
        "{:?}",
        files(dir.path())
    );
}

#[test]
fn an_overview_that_fails_is_named_and_the_run_still_sums_up() {
    let t = lille_template("");
    std::fs::write(
        t.path().join("oversigt.typ"),
        "#panic(\"oversigten fejler\")\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let o = Cmd::batch("2020-08")
        .fixtures()
        .out("ud")
        .template(t.path())
        .current_dir(dir.path())
        .fails(1);
    let err = stderr(&o);
    assert_contains!(
        err,
        "wrote 98 of 98 reports",
        "failed: Oversigt-2020-08: ",
        "oversigten fejler",
        "error: the overview of 1 of 1 months could not be made"
    );
    let ud = dir.path().join("ud");
    assert!(ud.join("status.csv").exists() && ud.join("Sorø-2020-08.pdf").exists());
    assert!(!ud.join("Oversigt-2020-08.pdf").exists());
}

#[test]
fn a_publisher_the_fonts_cannot_show_stops_the_batch_before_it_touches_the_folder() {
    // Before, every report failed for the flag, and the 101 files of the
    // earlier run were deleted.
    let dir = tempfile::tempdir().unwrap();
    let ud = earlier_run(dir.path(), "ud", &["Sorø-2020-08.pdf", "status.csv"]);
    let o = Cmd::batch("2020-08")
        .fixtures()
        .out(&ud)
        .args(["--udgiver", "Sorø Kommune 🇩🇰"])
        .fails(2);
    assert_contains!(stderr(&o), "--udgiver", "cannot show");
    assert_eq!(files(&ud), ["Sorø-2020-08.pdf", "status.csv"]);
    assert_eq!(
        std::fs::read_to_string(ud.join("status.csv")).unwrap(),
        EARLIER
    );
}

#[test]
fn a_kommune_that_fails_now_loses_its_report_from_an_earlier_run() {
    let out = tempfile::tempdir().unwrap();
    let batch = |data: &Path| Cmd::batch("2020-08").json().data(data).out(out.path());
    batch(&crate::util::fixtures_dir()).succeeds();
    let sorø = out.path().join("Sorø-2020-08.json");
    assert!(sorø.exists());
    // The same month again, with Sorø's data broken.
    let data = fixtures_with("fokusmaal-samtaler.csv", |t| {
        t.split_inclusive('\n')
            .filter(|l| !l.starts_with("Sorø;2020M05;Ydelsesgrupper i alt;Mindst"))
            .collect()
    });
    let o = batch(data.path()).fails(1);
    assert!(
        !sorø.exists(),
        "a stale report would pass for a current one"
    );
    assert_contains!(
        stderr(&o),
        "Sorø",
        "its report from an earlier run was removed"
    );
    let csv = std::fs::read_to_string(out.path().join("status.csv")).unwrap();
    let line = csv.lines().find(|l| l.contains(";Sorø;")).unwrap();
    assert!(!line.contains("Sorø-2020-08.json"), "{line}");
    // diff against the first run's folder would have called Sorø unchanged.
}

#[test]
fn a_report_that_fails_keeps_its_earlier_file_and_the_status_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let ud = earlier_run(dir.path(), "ud", &["Sorø-2020-08.pdf"]);
    // Stale temporary files of a run killed before it could clean up.
    std::fs::write(ud.join(".jobcenterindblik-4194304-aBc123.tmp"), "halv").unwrap();
    let t = lille_template("\n#if data.report.kommune.navn == \"Sorø\" { panic(\"kun Sorø\") }\n");
    let o = Cmd::batch("2020-08")
        .fixtures()
        .out(&ud)
        .template(t.path())
        .fails(1);
    assert_contains!(
        stderr(&o),
        "wrote 97 of 98 reports",
        "Sorø-2020-08.pdf in the folder is from an earlier run"
    );
    assert_eq!(
        std::fs::read_to_string(ud.join("Sorø-2020-08.pdf")).unwrap(),
        EARLIER
    );
    let sorø = status_of(&ud, "340");
    assert_contains!(
        sorø["fejl"],
        "kun Sorø",
        "Sorø-2020-08.pdf in the folder is from an earlier run"
    );
    assert_eq!(sorø["fil"], "", "no file of this run");
    assert!(temporaries(&ud).is_empty(), "{:?}", temporaries(&ud));
}

#[test]
fn a_month_that_fails_leaves_the_files_of_an_earlier_run_and_says_so() {
    // A month the data cannot support fails for every kommune alike (the
    // wrong --data, say): nothing of an earlier run is removed for it.
    let dir = tempfile::tempdir().unwrap();
    let earlier = [
        "Oversigt-2019-09.json",
        "Sorø-2019-09.json",
        "status.csv",
        "status.json",
    ];
    let batch = |periode: &str, out: &str| {
        Cmd::batch(periode)
            .fixtures()
            .out(out)
            .json()
            .current_dir(dir.path())
            .fails(1)
    };
    // In a run of months: the month's folder stays, and the reason says so.
    let run = earlier_run(dir.path(), "ud/2019-09", &earlier);
    let o = batch("2019-09..2019-11", "ud");
    assert_contains!(
        stderr(&o),
        "failed: 2019-09: ",
        "2019-09 are from an earlier run"
    );
    assert_eq!(files(&run), earlier);
    let csv = std::fs::read_to_string(dir.path().join("ud/status.csv")).unwrap();
    let line = csv.lines().find(|l| l.starts_with("2019-09;340;")).unwrap();
    assert!(line.contains("are from an earlier run"), "{line}");
    // A single month: the error, and the folder as it was.
    let single = earlier_run(dir.path(), "alene", &earlier);
    let o = batch("2019-09", "alene");
    assert_contains!(stderr(&o), "error: ");
    assert_eq!(files(&single), earlier);
}

#[test]
fn a_run_of_months_that_stops_leaves_no_combined_status_of_an_earlier_run() {
    let dir = tempfile::tempdir().unwrap();
    let ud = earlier_run(dir.path(), "ud", &["status.csv", "status.json"]);
    // The second month's folder cannot be made: the run stops there.
    std::fs::write(ud.join("2021-02"), "en fil, ikke en mappe").unwrap();
    let o = Cmd::batch("2021-01..2021-02")
        .fixtures()
        .out(&ud)
        .json()
        .fails(1);
    assert_contains!(stderr(&o), "2021-02");
    assert!(
        !ud.join("status.csv").exists() && !ud.join("status.json").exists(),
        "the earlier run's combined status is gone: {:?}",
        files(&ud)
    );
    assert!(
        ud.join("2021-01/status.csv").exists(),
        "the first month was written"
    );
}

#[test]
fn a_rerun_of_other_months_says_which_month_folders_it_leaves_alone() {
    let dir = tempfile::tempdir().unwrap();
    let batch = |periode: &str| {
        Cmd::batch(periode)
            .fixtures()
            .out("ud")
            .json()
            .current_dir(dir.path())
            .succeeds()
    };
    batch("2021-01..2021-02");
    let o = batch("2021-02..2021-03");
    assert_contains!(
        stderr(&o),
        "month folders this run does not make (2021-01)",
        "covers 2021-02..2021-03 only"
    );
    assert!(dir.path().join("ud/2021-01/Sorø-2021-01.json").exists());
}

#[test]
fn a_first_report_that_fails_for_its_own_reason_does_not_stop_the_run() {
    // København, the first kommune, makes its worker run out of memory: a
    // failure of its own, not the template's for every kommune. The run
    // tries the next report, goes on, and keeps København's earlier file.
    let dir = tempfile::tempdir().unwrap();
    let ud = earlier_run(dir.path(), "ud", &["København-2020-08.pdf"]);
    let t = lille_template(
        "\n#if data.report.kommune.navn == \"København\" { let s = \"x\"; for i in range(40) { s = s + s } }\n",
    );
    let o = Cmd::batch("2020-08")
        .fixtures()
        .out("ud")
        .template(t.path())
        .current_dir(dir.path())
        .fails(1);
    let err = stderr(&o);
    assert_contains!(
        err,
        "wrote 97 of 98 reports",
        "failed: København: the worker process stopped: the report template ran out of memory",
        "København-2020-08.pdf in the folder is from an earlier run"
    );
    assert_eq!(
        std::fs::read_to_string(ud.join("København-2020-08.pdf")).unwrap(),
        EARLIER
    );
}
