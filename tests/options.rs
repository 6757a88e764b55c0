//! The command line speaks one language: the same spelling for the same
//! thing in every command, examples in every `--help`, and messages that
//! name what the user typed and what to do instead.

use std::path::Path;

use crate::util::{
    batch_in, fixtures_dir, fixtures_with, run, run_in, run_with_env, stderr, stdout,
};

/// The fixtures' folder as an argument.
fn data() -> String {
    fixtures_dir().to_str().unwrap().to_string()
}

#[test]
fn every_help_shows_examples() {
    for command in ["report", "batch", "kommuner", "validate", "tilsyn", "diff"] {
        let o = run(&[command, "--help"]);
        assert_contains!(stdout(&o), "Examples:\n  jobcenterindblik ");
    }
    assert_contains!(stdout(&run(&["--help"])), "Examples:\n");
}

#[test]
fn json_is_asked_for_with_format_everywhere() {
    let o = run(&["kommuner", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 98);
    // The old hidden spelling is gone: one way to ask.
    assert_eq!(run(&["kommuner", "--json"]).status.code(), Some(2));
}

#[test]
fn o_names_the_output_of_report_and_batch_and_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let o = batch_in(
        dir.path(),
        &fixtures_dir(),
        "ud",
        &["-p", "2020-08", "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("ud/Sorø-2020-08.json").exists());
    let o = run_in(
        dir.path(),
        &[
            "report",
            "-k",
            "Sorø",
            "-p",
            "2020-08",
            "--data",
            &data(),
            "-o",
            "-",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
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
    let target = dir.path().join("mangler/r.pdf");
    let o = run(&[
        "report",
        "-k",
        "Sorø",
        "-p",
        "2020-08",
        "--data",
        &data(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
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
    let file = fixtures_dir().join("Y30R21.csv");
    let o = run(&["validate", "--data", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "is a file; --data must be a folder holding Y30R21.csv, fokusmaal-samtaler.csv and fokusmaal-aktive-tilbud.csv"
    );
    let o = run(&["validate", "--data", "ingen/sådan/mappe"]);
    assert_contains!(
        stderr(&o),
        "--data ingen/sådan/mappe: there is no such folder"
    );
}

#[test]
fn the_default_data_folder_is_explained_outside_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["report", "-k", "Sorø", "-p", "2020-08"]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "no --data was given, and the default folder fixtures/jobindsats",
        "hint: pass --data DIR"
    );
}

#[test]
fn kommuner_go_by_their_official_and_common_names() {
    for name in [
        "Sorø Kommune",
        "Københavns Kommune",
        "Nordfyn",
        "Bornholms Regionskommune",
    ] {
        let o = run(&[
            "report",
            "-k",
            name,
            "-p",
            "2020-08",
            "--data",
            &data(),
            "--format",
            "json",
        ]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
    }
}

#[test]
fn a_benchmark_period_after_the_report_month_is_refused() {
    let o = run(&[
        "report",
        "-k",
        "Sorø",
        "-p",
        "2020-08",
        "--data",
        &data(),
        "--format",
        "json",
        "--resultatperiode",
        "2021QMAT02",
    ]);
    assert_eq!(o.status.code(), Some(2), "a command-line mistake");
    assert_contains!(
        stderr(&o),
        "error: --resultatperiode 2021QMAT02 (2020-07..2021-06) ends after the report month, 2020-08",
        "name one that ended by 2020-08, or leave --resultatperiode out"
    );
}

#[test]
fn command_line_mistakes_exit_2_with_a_message_about_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let d = data();
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
        let args = [args, &["--data", &d][..]].concat();
        let args = if args[0] == "diff" {
            &args[..4]
        } else {
            &args[..]
        };
        let o = run_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
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
fn udgiver_must_fit_a_line_of_the_report_and_its_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let d = data();
    let report = |udgiver: &str, extra: &[&str]| {
        let args = [
            &[
                "report",
                "-k",
                "Sorø",
                "-p",
                "2020-08",
                "--data",
                &d,
                "--udgiver",
                udgiver,
            ][..],
            extra,
        ]
        .concat();
        run_in(dir.path(), &args)
    };
    let long = "Jobcenter ".repeat(10_000);
    for (udgiver, says) in [
        ("Sorø\nKommune", "--udgiver holds a line break (U+000A)"),
        ("Sorø Kommune\r\nX", "--udgiver holds a line break (U+000D)"),
        (
            "Sorø\u{7}Kommune",
            "--udgiver holds a control character (U+0007)",
        ),
        (
            "Sorø \u{202E}enummoK",
            "--udgiver holds a character that turns the direction of text (U+202E)",
        ),
        (
            &long[..201],
            "--udgiver is 201 characters long; a publisher's name may have at most 200",
        ),
        (&long, "--udgiver is 99999 characters long"),
        // The embedded fonts have no flags: the header would show boxes.
        (
            "Sorø Kommune 🇩🇰",
            "error: --udgiver \"Sorø Kommune 🇩🇰\": the report's fonts cannot show 🇩🇰 (U+1F1E9, U+1F1F0)",
        ),
    ] {
        let o = report(udgiver, &[]);
        assert_eq!(o.status.code(), Some(2), "{udgiver:?}: {}", stderr(&o));
        assert_contains!(stderr(&o), says);
        assert!(stderr(&o).len() < 1000, "the 100 KB are not echoed");
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no report was made"
    );
    // What a Danish publisher writes passes, its length at the limit too.
    let danish = "Høje-Taastrup Kommune – «Jobcenter Øst» & Co.’s Café";
    let o = report(danish, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = report(&"Æ".repeat(200), &["-o", "lang.pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // JSON has no publisher and no template: say so.
    let o = report(
        "Sorø Kommune",
        &[
            "--format",
            "json",
            "-o",
            "sorø.json",
            "--template",
            "skabelon",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_contains!(
        stderr(&o),
        "warning: --udgiver has no effect with --format json",
        "warning: --template has no effect with --format json"
    );
}

#[test]
fn status_csv_opens_in_danish_excel() {
    let dir = tempfile::tempdir().unwrap();
    let o = batch_in(
        dir.path(),
        &fixtures_dir(),
        "ud",
        &["-p", "2021-11", "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read(dir.path().join("ud/status.csv")).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBFkode;kommune;"),
        "a byte-order mark, then ;"
    );
    let text = String::from_utf8(csv).unwrap();
    assert_contains!(text, "766;Hedensted;Inspirationskommune;-0,19;87,84;");
}

#[test]
fn no_cell_of_status_csv_runs_as_a_formula() {
    // The data folder's name reaches the fejl cells of a month the data
    // cannot support: a spreadsheet would run "=1+2/…" as a formula.
    let dir = tempfile::tempdir().unwrap();
    let data = fixtures_with("Y30R21.csv", |t| t);
    std::fs::rename(data.path(), dir.path().join("=1+2")).unwrap();
    let o = run_in(
        dir.path(),
        &[
            "batch",
            "-p",
            "2021-11..2022-01",
            "--format",
            "json",
            "--data",
            "=1+2",
            "-o",
            "ud",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let csv = std::fs::read_to_string(dir.path().join("ud/status.csv")).unwrap();
    let sorø = csv
        .lines()
        .find(|l| l.starts_with("2022-01;340;Sorø;"))
        .unwrap();
    assert_contains!(sorø, ";\"'=1+2/fokusmaal-samtaler.csv: ends with 2021M12");
    // Our own negative numbers stay numbers.
    assert_contains!(
        csv,
        "2021-11;766;Hedensted;Inspirationskommune;-0,19;87,84;"
    );
    let risky = |c: &str| c.starts_with(['=', '+', '@']) || c.starts_with("\"=");
    assert!(!csv.lines().any(|l| l.split(';').any(risky)), "{csv}");
}

#[test]
fn source_date_epoch_must_be_a_number() {
    let args = [
        "report",
        "-k",
        "Sorø",
        "-p",
        "2020-08",
        "--data",
        &data(),
        "-o",
        "-",
    ];
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = run_with_env(here, &args, &[("SOURCE_DATE_EPOCH", "i går")]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "SOURCE_DATE_EPOCH is \"i går\"; it must be a whole number"
    );
    assert!(o.stdout.is_empty());
    // Beyond any date the program can represent: refused, where it used to
    // be ignored and the report dated by its month.
    for epoch in ["9223372036854775807", "8210298412800"] {
        let o = run_with_env(here, &args, &[("SOURCE_DATE_EPOCH", epoch)]);
        assert_eq!(o.status.code(), Some(1), "{epoch}");
        assert_contains!(
            stderr(&o),
            &format!(
                "error: SOURCE_DATE_EPOCH is \"{epoch}\", a date beyond any this program can represent"
            )
        );
        assert!(o.stdout.is_empty());
    }
    // Year 10000: refused with a message, where it used to panic.
    let o = run_with_env(here, &args, &[("SOURCE_DATE_EPOCH", "253402300800")]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "error: the report of 2020-08 would be dated in the year 10000, outside the years 1-9999 a PDF can carry; choose a smaller SOURCE_DATE_EPOCH"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_run_of_months_checks_the_date_once_before_any_month() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_with_env(
        dir.path(),
        &[
            "batch",
            "-p",
            "2021-01..2021-03",
            "--data",
            &data(),
            "-o",
            "ud",
        ],
        &[("SOURCE_DATE_EPOCH", "i går")],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("SOURCE_DATE_EPOCH is").count(), 1, "{err}");
    assert!(!dir.path().join("ud").exists(), "nothing was written");
}

#[test]
fn a_run_of_months_is_at_most_ten_years() {
    let o = run(&["batch", "-p", "2020-01..2920-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert_contains!(
        stderr(&o),
        "the run spans 10801 months; one run makes at most 120 (ten years)"
    );
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["batch", "-p", "9999-12", "--data", &data()]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "would be dated in the year 10000, outside the years 1-9999 a PDF can carry; choose an earlier --periode"
    );
}
