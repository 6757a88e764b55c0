//! Real-world input variants that must work, and bad inputs that must be
//! rejected with file, line, column and value named, by the library and by
//! every command; a group row that is missing is named, not refused.

use jobcenterindblik::model::Oversigt;
use jobcenterindblik::pdf::text::page_texts;
use jobcenterindblik::{DataError, Dataset, ErrorKind, Kommune, Landsbillede, ReportModel};

use crate::util::{
    Cmd, dataset, fixtures_from, fixtures_with, goal, month, renderer, stderr, test_dokument,
};
use jobcenterindblik::domain::groups::Maal;

fn load_err(dir: &tempfile::TempDir) -> DataError {
    Dataset::load(dir.path()).expect_err("the data must be rejected")
}

/// The report for `kommune` in `periode` from a data folder.
fn report(dir: &std::path::Path, kommune: &str, periode: &str) -> Result<ReportModel, DataError> {
    let data = Dataset::load(dir)?;
    let land = Landsbillede::new(&data, month(periode), None)?;
    ReportModel::build(&land, Kommune::lookup(kommune).unwrap())
}

fn same_figures(a: &ReportModel, b: &ReportModel) {
    assert_eq!(
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(b).unwrap()
    );
}

#[test]
fn windows_1252_bom_and_comma_files_read_the_same() {
    let reference = crate::util::model("Sorø", "2020-08");
    let dir = fixtures_with("fokusmaal-samtaler.csv", |t| t);
    let text = std::fs::read_to_string(dir.path().join("fokusmaal-samtaler.csv")).unwrap();
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    std::fs::write(dir.path().join("fokusmaal-samtaler.csv"), &cp1252).unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(std::fs::read(dir.path().join("fokusmaal-aktive-tilbud.csv")).unwrap());
    std::fs::write(dir.path().join("fokusmaal-aktive-tilbud.csv"), bom).unwrap();
    let y30 = std::fs::read_to_string(dir.path().join("Y30R21.csv")).unwrap();
    let comma: String = y30
        .lines()
        .map(|l| {
            l.split(';')
                .map(|f| {
                    if f.contains(',') {
                        format!("\"{f}\"")
                    } else {
                        f.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
                + "\n"
        })
        .collect();
    std::fs::write(dir.path().join("Y30R21.csv"), comma).unwrap();
    let m = report(dir.path(), "Sorø", "2020-08").unwrap();
    same_figures(&m, &reference);
}

#[test]
fn a_month_missing_in_the_middle_of_a_window_is_named() {
    let dir = fixtures_with("fokusmaal-samtaler.csv", |t| {
        t.lines()
            .filter(|l| {
                !(l.starts_with("Sorø;2020M03;Ydelsesgrupper i alt;Mindst")
                    || l.starts_with("Sorø;2020M05;Ydelsesgrupper i alt;Mindst"))
            })
            .map(|l| format!("{l}\r\n"))
            .collect()
    });
    let e = report(dir.path(), "Sorø", "2020-08").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Missing);
    assert_contains!(
        e.to_string(),
        "fokusmaal-samtaler.csv",
        "Sorø, Ydelsesgrupper i alt, Mindst 12 mdr.",
        "2020M03, 2020M05",
        "from 2018M10 to 2020M08"
    );
    // The other kommuner are unaffected, but Sorø is no longer ranked.
    let b = report(dir.path(), "Ballerup", "2020-09").unwrap();
    let s = goal(&b, Maal::Samtaler);
    assert_eq!(s.tre_mdr.placering.unwrap().ud_af, 97);
}

#[test]
fn a_kommune_missing_entirely_is_named() {
    let dir = fixtures_with("fokusmaal-aktive-tilbud.csv", |t| {
        t.lines()
            .filter(|l| !l.starts_with("Samsø;"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let e = report(dir.path(), "Samsø", "2021-11").unwrap_err();
    assert_contains!(
        e.to_string(),
        "fokusmaal-aktive-tilbud.csv",
        "has no rows for Samsø"
    );
    let data = Dataset::load(dir.path()).unwrap();
    let problems = jobcenterindblik::commands::validate::summarise(&data).problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_contains!(problems[0], "Samsø has no rows for Ydelsesgrupper i alt");
}

#[test]
fn a_month_after_the_data_is_refused() {
    let e = Landsbillede::new(dataset(), month("2022-03"), None).unwrap_err();
    assert_contains!(
        e.to_string(),
        "fokusmaal-samtaler.csv",
        "ends with 2021M12",
        "no data for 2022-03"
    );
    assert_contains!(e.hint.clone().unwrap().to_string(), "2019-12 to 2021-12");
    // Data that start in January 2019 support no report before November
    // 2020: a report needs the 23 months up to its month.
    let dir = fixtures_from("2019-01");
    let data = Dataset::load(dir.path()).unwrap();
    let e = Landsbillede::new(&data, month("2020-08"), None).unwrap_err();
    assert_contains!(
        e.to_string(),
        "starts with 2019M01",
        "23 months from 2018M10"
    );
    assert_contains!(e.hint.clone().unwrap().to_string(), "2020-11 to 2021-12");
}

#[test]
fn a_month_before_the_first_jobcenterindblik_is_refused() {
    // STAR's first report had data to December 2019: no report exists for
    // an earlier month, though the fixtures reach back to January 2018.
    let e = Landsbillede::new(dataset(), month("2019-11"), None).unwrap_err();
    assert_eq!(e.kind, jobcenterindblik::ErrorKind::NoReport);
    assert_eq!(
        e.to_string(),
        "there is no Jobcenterindblik report for 2019-11: STAR's first report had data to 2019-12 (STAR, 26 February 2020), and the rules it measures by took effect on 1 January 2020"
    );
    assert_eq!(
        e.hint.clone().unwrap().to_string(),
        "choose a report month from 2019-12 to 2021-12"
    );
    // The command line says which option to change.
    let o = Cmd::report("Sorø", "2019-11").fails(1);
    assert_eq!(
        stderr(&o),
        "error: there is no Jobcenterindblik report for 2019-11: STAR's first report had data to 2019-12 (STAR, 26 February 2020), and the rules it measures by took effect on 1 January 2020\nhint: choose a --periode from 2019-12 to 2021-12\n"
    );
    assert!(Landsbillede::new(dataset(), month("2019-12"), None).is_ok());
}

#[test]
fn the_issue_example_a_count_that_is_not_a_count() {
    let dir = fixtures_with("fokusmaal-samtaler.csv", |t| {
        let mut lines: Vec<String> = t.lines().map(String::from).collect();
        lines[16] = lines[16].replacen(";Mindst 12 mdr.;", ";Mindst 12 mdr.;12x;", 1);
        let mut fields: Vec<&str> = lines[16].split(';').collect();
        fields.remove(5);
        lines[16] = fields.join(";");
        lines.join("\r\n") + "\r\n"
    });
    let e = load_err(&dir);
    assert_eq!(
        (e.line, e.column.as_deref(), e.value.as_deref()),
        (Some(17), Some("Antal personer"), Some("12x"))
    );
    assert!(e.to_string().ends_with("fokusmaal-samtaler.csv:17: column \"Antal personer\": \"12x\" is not a count; expected a whole number such as 1.710, or \".\" for a discretized value"), "{e}");
}

#[test]
fn met_above_persons_unknown_area_duplicates_and_missing_columns() {
    let dir = fixtures_with("fokusmaal-samtaler.csv", |t| {
        let mut lines: Vec<String> = t.lines().map(String::from).collect();
        let mut f: Vec<String> = lines[2000].split(';').map(String::from).collect();
        f[5] = "99.999".into();
        lines[2000] = f.join(";");
        lines.join("\n")
    });
    let e = load_err(&dir);
    assert_eq!(e.kind, ErrorKind::Inconsistent);
    assert_eq!(
        (e.line, e.column.as_deref(), e.value.as_deref()),
        (
            Some(2001),
            Some("Antal personer med mindst 4 samtaler"),
            Some("99.999")
        )
    );

    let dir = fixtures_with("Y30R21.csv", |t| t.replacen("\r\nSorø;", "\r\nSorå;", 1));
    let e = load_err(&dir);
    assert_eq!(e.kind, ErrorKind::UnknownArea);
    assert_eq!(e.column.as_deref(), Some("Område"));
    assert!(e.line.is_some());
    assert_contains!(e.to_string(), "\"Sorå\"", "did you mean \"Sorø\"");

    let dir = fixtures_with("fokusmaal-aktive-tilbud.csv", |t| {
        let line = t
            .lines()
            .find(|l| l.starts_with("Ærø;2020M01;Kontanthjælp;Mindst"))
            .unwrap()
            .to_string();
        format!("{t}{line}\r\n")
    });
    let e = load_err(&dir);
    assert_eq!(e.kind, ErrorKind::Duplicate);
    assert_contains!(
        e.to_string(),
        "fokusmaal-aktive-tilbud.csv:",
        "repeats the row for Ærø, 2020M01, Kontanthjælp, Mindst 12 mdr. first given on line"
    );

    let dir = fixtures_with("fokusmaal-samtaler.csv", |t| {
        t.replacen("Antal unikke personer seneste 12 mdr.", "Unikke 12", 1)
    });
    let e = load_err(&dir);
    assert_eq!(e.kind, ErrorKind::MissingColumn);
    assert_contains!(
        e.to_string(),
        "fokusmaal-samtaler.csv:1: has no column \"Antal unikke personer seneste 12 mdr.\"",
        "\"Unikke 12\""
    );
}

#[test]
fn a_forskel_column_that_disagrees_is_caught() {
    let dir = fixtures_with("Y30R21.csv", |t| {
        t.replacen(
            ";1710;1670;-40;9,10;8,84;-0,26;18",
            ";1710;1670;-40;9,10;8,84;-0,62;18",
            1,
        )
    });
    let e = load_err(&dir);
    assert_eq!(e.kind, ErrorKind::Inconsistent);
    assert_eq!(e.value.as_deref(), Some("-0,62"));
    assert!(e.line.is_some() && e.column.is_some());
}

#[test]
fn a_report_read_from_only_its_rows_is_the_report_read_from_all() {
    // `report` reads its kommune's rows and the others' totals of the 23
    // months (measures::windows::udvalg_for_report); every figure, the
    // ranks, Top 10, Hele landet, the Bilag and the history must agree.
    use jobcenterindblik::measures::windows::udvalg_for_report;
    let dir = crate::util::fixtures_dir();
    for (kommune, periode) in [
        ("Sorø", "2020-08"),
        ("Læsø", "2021-11"),
        ("København", "2019-12"),
        ("Hedensted", "2021-12"),
    ] {
        let k = Kommune::lookup(kommune).unwrap();
        let m = month(periode);
        let some = Dataset::load_for(&dir, udvalg_for_report(k, m)).unwrap();
        let all = dataset();
        let land_some = Landsbillede::new(&some, m, None).unwrap();
        let land_all = Landsbillede::new(all, m, None).unwrap();
        same_figures(
            &ReportModel::build(&land_some, k).unwrap(),
            &ReportModel::build(&land_all, k).unwrap(),
        );
        assert_eq!(
            serde_json::to_value(Oversigt::build(&land_some)).unwrap(),
            serde_json::to_value(Oversigt::build(&land_all)).unwrap(),
            "{kommune} {periode}: the Bilag"
        );
        // A fiftieth of the rows or so.
        let rows = |d: &Dataset| -> usize {
            d.fokus
                .values()
                .flat_map(|x| x.series.values())
                .map(|s| s.len())
                .sum()
        };
        assert!(
            rows(&some) * 20 < rows(all),
            "{} of {}",
            rows(&some),
            rows(all)
        );
    }
}

#[test]
fn a_blank_record_before_the_header_is_read_alike_when_only_some_rows_are_kept() {
    // A line of delimiters before the header is no record: the header is
    // the line after it, for the line splitter as for the CSV reader.
    use jobcenterindblik::measures::windows::udvalg_for_report;
    let dir = fixtures_with("fokusmaal-samtaler.csv", |t| format!(";;;;;;;\r\n{t}"));
    let k = Kommune::lookup("Sorø").unwrap();
    let m = month("2020-08");
    let some = Dataset::load_for(dir.path(), udvalg_for_report(k, m)).unwrap();
    let all = Dataset::load(dir.path()).unwrap();
    same_figures(
        &ReportModel::build(&Landsbillede::new(&some, m, None).unwrap(), k).unwrap(),
        &ReportModel::build(&Landsbillede::new(&all, m, None).unwrap(), k).unwrap(),
    );
}

#[test]
fn a_quoted_file_is_read_alike_when_only_some_rows_are_kept() {
    // Quotes send the reader down the CSV reader's path instead of the
    // line splitter's; both keep the same rows.
    use jobcenterindblik::measures::windows::udvalg_for_report;
    let dir = fixtures_with("fokusmaal-samtaler.csv", |t| {
        t.replace("Ydelsesgrupper i alt;", "\"Ydelsesgrupper i alt\";")
    });
    let k = Kommune::lookup("Sorø").unwrap();
    let m = month("2020-08");
    let quoted = Dataset::load_for(dir.path(), udvalg_for_report(k, m)).unwrap();
    let plain = Dataset::load_for(&crate::util::fixtures_dir(), udvalg_for_report(k, m)).unwrap();
    let land_q = Landsbillede::new(&quoted, m, None).unwrap();
    let land_p = Landsbillede::new(&plain, m, None).unwrap();
    same_figures(
        &ReportModel::build(&land_q, k).unwrap(),
        &ReportModel::build(&land_p, k).unwrap(),
    );
    let (q, p) = (&quoted.fokus[Maal::Samtaler], &plain.fokus[Maal::Samtaler]);
    assert_eq!(q.series.len(), p.series.len());
    assert_eq!(q.months, p.months);
}

#[test]
fn counts_beyond_the_population_are_refused_by_every_command() {
    let data = fixtures_with("Y30R21.csv", |t| {
        t.replacen(
            "Sorø;2020QMAT02;Ydelsesgrupper i alt;1710;1670;-40;",
            // Forskel agrees with the absurd count, so only the bound can catch it.
            "Sorø;2020QMAT02;Ydelsesgrupper i alt;1710;99999999999999999999;99999999999999999999;",
            1,
        )
    });
    let out = tempfile::tempdir().unwrap();
    for cmd in [
        Cmd::new(["validate"]),
        Cmd::report("Sorø", "2020-08").json(),
        Cmd::batch("2020-08").json().out(out.path()),
        Cmd::new(["tilsyn", "--aar", "2021"]),
    ] {
        let o = cmd.data(data.path()).fails(1);
        assert_contains!(
            stderr(&o),
            "Y30R21.csv:",
            "column \"Faktisk antal\": \"99999999999999999999\" is more than live in Denmark"
        );
    }
    assert!(
        std::fs::read_dir(out.path()).unwrap().next().is_none(),
        "the batch wrote nothing"
    );
}

#[test]
fn a_missing_group_row_is_named_by_validate_and_the_model() {
    let data = fixtures_with("Y30R21.csv", |t| {
        t.split_inclusive('\n')
            .filter(|l| !l.starts_with("Sorø;2020QMAT02;Kontanthjælp mv."))
            .collect()
    });
    // A missing group does not stop a report.
    let o = Cmd::new(["validate"]).data(data.path()).succeeds();
    assert_contains!(
        stderr(&o),
        "warning: ",
        "Sorø, 2020QMAT02 has no row for Kontanthjælp mv."
    );
    let o = Cmd::report("Sorø", "2020-08")
        .json()
        .data(data.path())
        .run();
    let model: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        model["kapitel_2"]["mangler"],
        serde_json::json!(["Kontanthjælp mv."])
    );

    // The report says so under figure 2.1.
    let data = Dataset::load(data.path()).unwrap();
    let land = Landsbillede::new(&data, month("2020-08"), None).unwrap();
    let m = ReportModel::build(&land, Kommune::lookup("Sorø").unwrap()).unwrap();
    let doc = renderer()
        .compile(&m, &Oversigt::build(&land), &test_dokument("2020-08"))
        .unwrap();
    let text = page_texts(&doc).join("\n").replace('\n', " ");
    assert_contains!(
        text,
        "Data har ingen tal for Kontanthjælp mv. i perioden juli 2019 – juni 2020, så området mangler i figuren."
    );
}
