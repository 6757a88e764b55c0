//! The command line speaks one language: the same spelling for the same
//! thing in every command, examples in every `--help`, and messages that
//! name what the user typed and what to do instead: `-o`, `--data`,
//! `--kommune`, `--resultatperiode`, `--aar`, a run of months and
//! `SOURCE_DATE_EPOCH`. (`--udgiver` is in `publisher`; a malformed
//! `--periode` is a case of `bad_inputs`.)

use crate::util::{Cmd, fixtures_dir, stderr, stdout};

#[test]
fn every_help_shows_examples() {
    for command in ["report", "batch", "kommuner", "validate", "tilsyn", "diff"] {
        let o = Cmd::new([command, "--help"]).run();
        assert_contains!(stdout(&o), "Examples:\n  jobcenterindblik ");
    }
    assert_contains!(stdout(&Cmd::new(["--help"]).run()), "Examples:\n");
}

#[test]
fn json_is_asked_for_with_format_everywhere() {
    let o = Cmd::new(["kommuner"]).json().succeeds();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 98);
    // The old hidden spelling is gone: one way to ask.
    Cmd::new(["kommuner", "--json"]).fails(2);
}

#[test]
fn o_names_the_output_of_report_and_batch_and_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    Cmd::batch("2020-08")
        .json()
        .fixtures()
        .out("ud")
        .current_dir(dir.path())
        .succeeds();
    assert!(dir.path().join("ud/Sorø-2020-08.json").exists());
    let o = Cmd::report("Sorø", "2020-08")
        .fixtures()
        .out("-")
        .current_dir(dir.path())
        .succeeds();
    assert!(
        o.stdout.starts_with(b"%PDF-"),
        "the PDF went to standard output"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "and nowhere else"
    );
}

#[test]
fn o_into_a_folder_that_is_not_there_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let o = Cmd::report("Sorø", "2020-08")
        .fixtures()
        .out(dir.path().join("mangler/r.pdf"))
        .fails(1);
    let err = stderr(&o);
    assert_contains!(
        err,
        &format!(
            "the folder {} does not exist",
            dir.path().join("mangler").display()
        )
    );
    assert!(
        !err.contains(".jobcenterindblik-"),
        "the temporary file is no business of the user's: {err}"
    );
}

#[test]
fn data_must_be_a_folder() {
    let o = Cmd::new(["validate"])
        .data(fixtures_dir().join("Y30R21.csv"))
        .fails(1);
    assert_contains!(
        stderr(&o),
        "is a file; --data must be a folder holding Y30R21.csv, fokusmaal-samtaler.csv and fokusmaal-aktive-tilbud.csv"
    );
    let o = Cmd::new(["validate"]).data("ingen/sådan/mappe").fails(1);
    assert_contains!(
        stderr(&o),
        "--data ingen/sådan/mappe: there is no such folder; --data must be a folder holding Y30R21.csv"
    );
}

#[test]
fn the_default_data_folder_is_explained_outside_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let o = Cmd::report("Sorø", "2020-08")
        .current_dir(dir.path())
        .fails(1);
    assert_contains!(
        stderr(&o),
        "no --data was given, and the default folder fixtures/jobindsats",
        "hint: pass --data DIR"
    );
}

#[test]
fn kommuner_go_by_their_official_and_common_names() {
    for (name, kode, navn) in [
        ("Sorø Kommune", "340", "Sorø"),
        ("Københavns Kommune", "101", "København"),
        // The common name where jobindsats writes "Nordfyns".
        ("Nordfyn", "480", "Nordfyn"),
        ("Bornholms Regionskommune", "400", "Bornholm"),
    ] {
        let o = Cmd::report(name, "2020-08").fixtures().json().succeeds();
        let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(m["kommune"]["kode"], kode, "{name}");
        assert_eq!(m["kommune"]["navn"], navn, "{name}");
    }
    // A name that is none is refused with the closest one suggested.
    let o = Cmd::report("Balerup", "2020-09").fails(2);
    assert_contains!(
        stderr(&o),
        "\"Balerup\" is not one of the 98 kommuner; did you mean \"Ballerup\"?"
    );
}

#[test]
fn a_benchmark_period_after_the_report_month_is_refused() {
    let o = Cmd::report("Sorø", "2020-08")
        .fixtures()
        .json()
        .args(["--resultatperiode", "2021QMAT02"])
        .fails(2);
    assert_contains!(
        stderr(&o),
        "error: --resultatperiode 2021QMAT02 (2020-07..2021-06) ends after the report month, 2020-08",
        "name one that ended by 2020-08, or leave --resultatperiode out"
    );
}

#[test]
fn command_line_mistakes_exit_2_with_a_message_about_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (
            &["tilsyn", "--aar", "99999"],
            "invalid value '99999' for '--aar <YYYY>': expected a year from 2021 to 9999",
        ),
        (
            &["tilsyn", "--aar", "2147483647"],
            "invalid value '2147483647' for '--aar <YYYY>'",
        ),
        (
            &["tilsyn", "--aar", "2021", "--resultatperiode", "2020QMAT04"],
            "--resultatperiode 2020QMAT04 (2020-01..2020-12) does not end in 2021",
        ),
        (
            &["tilsyn", "--aar", "2021", "--resultatperiode", "2022QMAT02"],
            "--resultatperiode 2022QMAT02 (2021-07..2022-06) does not end in 2021",
        ),
        (
            &[
                "batch",
                "-p",
                "2021-01..2021-03",
                "--resultatperiode",
                "2021QMAT02",
                "-o",
                "ud",
            ],
            "--resultatperiode 2021QMAT02 (2020-07..2021-06) ends after the first report month, 2021-01",
        ),
        (
            &["batch", "-p", "2020-08", "-o", "-"],
            "a batch writes a folder of files, not standard output",
        ),
        (
            &["diff", "a", "b", "--tolerance=-1"],
            "invalid value '-1' for '--tolerance <X>': expected a number of 0 or more",
        ),
    ];
    for (args, says) in cases {
        let cmd = Cmd::new(args).current_dir(dir.path());
        // Every command but diff reads data: a mistake is named before them.
        let cmd = if args[0] == "diff" {
            cmd
        } else {
            cmd.fixtures()
        };
        let o = cmd.fails(2);
        assert_contains!(stderr(&o), says);
        assert!(!stderr(&o).contains("Y30R21.csv"), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn source_date_epoch_must_be_a_number() {
    let report = |epoch: &str| {
        Cmd::report("Sorø", "2020-08")
            .fixtures()
            .out("-")
            .env("SOURCE_DATE_EPOCH", epoch)
            .fails(1)
    };
    let o = report("i går");
    assert_contains!(
        stderr(&o),
        "SOURCE_DATE_EPOCH is \"i går\"; it must be a whole number"
    );
    assert!(o.stdout.is_empty());
    // Beyond any date the program can represent: refused, where it used to
    // be ignored and the report dated by its month.
    for epoch in ["9223372036854775807", "8210298412800"] {
        let o = report(epoch);
        assert_contains!(
            stderr(&o),
            &format!(
                "error: SOURCE_DATE_EPOCH is \"{epoch}\", a date beyond any this program can represent"
            )
        );
        assert!(o.stdout.is_empty());
    }
    // Year 10000: refused with a message, where it used to panic.
    let o = report("253402300800");
    assert_contains!(
        stderr(&o),
        "error: the report of 2020-08 would be dated in the year 10000, outside the years 1-9999 a PDF can carry; choose a smaller SOURCE_DATE_EPOCH"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_run_of_months_checks_the_date_once_before_any_month() {
    let dir = tempfile::tempdir().unwrap();
    let o = Cmd::batch("2021-01..2021-03")
        .fixtures()
        .out("ud")
        .env("SOURCE_DATE_EPOCH", "i går")
        .current_dir(dir.path())
        .fails(1);
    let err = stderr(&o);
    assert_eq!(err.matches("SOURCE_DATE_EPOCH is").count(), 1, "{err}");
    assert!(!dir.path().join("ud").exists(), "nothing was written");
}

#[test]
fn a_run_of_months_is_at_most_ten_years() {
    let o = Cmd::batch("2020-01..2920-01").fails(2);
    assert_contains!(
        stderr(&o),
        "the run spans 10801 months; one run makes at most 120 (ten years)"
    );
    let dir = tempfile::tempdir().unwrap();
    let o = Cmd::batch("9999-12")
        .fixtures()
        .current_dir(dir.path())
        .fails(1);
    assert_contains!(
        stderr(&o),
        "would be dated in the year 10000, outside the years 1-9999 a PDF can carry; choose an earlier --periode"
    );
}
