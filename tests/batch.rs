//! `jobcenterindblik batch`: all 98 reports, the overview and the summary
//! (`status.csv` as Danish Excel opens it, no cell a formula), what happens
//! when one kommune's data are broken, and a run of months
//! (`--periode FIRST..LAST`).

use crate::util::{Cmd, files, fixtures_with, stderr};

#[test]
fn a_batch_writes_98_reports_the_overview_and_the_summary() {
    let out = tempfile::tempdir().unwrap();
    let o = Cmd::new(["batch", "--periode", "2021-11", "--jobs", "2"])
        .fixtures()
        .out(out.path())
        .succeeds();
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
    // Danish Excel opens it as it is: a byte-order mark, then `;`.
    assert!(csv.starts_with("\u{feff}kode;kommune;"), "{}", &csv[..20]);
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
    let out = tempfile::tempdir().unwrap();
    let o = Cmd::batch("2020-08")
        .json()
        .data(data.path())
        .out(out.path())
        .fails(1);
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
    // One worker process gets both cores for Typst's pool, three get one
    // each (commands/batch/worker.rs); the PDFs must not depend on which.
    let with_jobs = |jobs: &str| {
        let out = tempfile::tempdir().unwrap();
        Cmd::batch("2020-08")
            .fixtures()
            .out(out.path())
            .args(["--jobs", jobs])
            .succeeds();
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

#[test]
fn no_cell_of_status_csv_runs_as_a_formula() {
    // The data folder's name reaches the fejl cells of a month the data
    // cannot support: a spreadsheet would run "=1+2/…" as a formula.
    let dir = tempfile::tempdir().unwrap();
    let data = fixtures_with("Y30R21.csv", |t| t);
    std::fs::rename(data.path(), dir.path().join("=1+2")).unwrap();
    Cmd::batch("2021-11..2022-01")
        .json()
        .data("=1+2")
        .out("ud")
        .current_dir(dir.path())
        .fails(1);
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
fn a_run_of_months_writes_what_each_month_alone_would() {
    let dir = tempfile::tempdir().unwrap();
    let batch = |periode: &str, out: &str| {
        Cmd::batch(periode)
            .fixtures()
            .out(out)
            .current_dir(dir.path())
            .succeeds()
    };
    let o = batch("2021-01..2021-03", "kvartal");
    assert_contains!(stderr(&o), "wrote 294 of 294 reports");
    for m in ["2021-01", "2021-02", "2021-03"] {
        let alone = format!("alene-{m}");
        batch(m, &alone);
        let (run, single) = (dir.path().join("kvartal").join(m), dir.path().join(&alone));
        let names = files(&single);
        assert_eq!(files(&run), names);
        assert_eq!(names.len(), 98 + 3);
        for f in &names {
            let same =
                std::fs::read(run.join(f)).unwrap() == std::fs::read(single.join(f)).unwrap();
            assert!(same, "{m}/{f} differs from a batch of {m} alone");
        }
    }
    let csv = std::fs::read_to_string(dir.path().join("kvartal/status.csv")).unwrap();
    assert!(
        csv.starts_with("\u{feff}maaned;kode;kommune;status;"),
        "{}",
        &csv[..60]
    );
    assert_eq!(csv.lines().count(), 1 + 3 * 98);
    assert_contains!(csv, "\n2021-02;340;Sorø;");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("kvartal/status.json")).unwrap())
            .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3 * 98);
    assert_eq!(json[98]["maaned"], "2021-02");
}

#[test]
fn a_month_the_data_cannot_support_does_not_stop_the_others() {
    // The first report month is December 2019 (STAR's first
    // Jobcenterindblik), though the fixtures would allow November.
    let dir = tempfile::tempdir().unwrap();
    let o = Cmd::batch("2019-10..2020-01")
        .fixtures()
        .out("ud")
        .json()
        .current_dir(dir.path())
        .fails(1);
    let err = stderr(&o);
    assert_contains!(
        err,
        "wrote 196 of 196 reports",
        "failed: 2019-10: ",
        "there is no Jobcenterindblik report for 2019-10",
        "error: 2 of 4 months could not be made"
    );
    assert!(dir.path().join("ud/2019-12/Sorø-2019-12.json").exists());
    assert!(!dir.path().join("ud/2019-11").exists());
    let csv = std::fs::read_to_string(dir.path().join("ud/status.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 4 * 98);
    let line = csv
        .lines()
        .find(|l| l.starts_with("2019-11;340;Sorø;"))
        .unwrap();
    assert!(
        line.contains("STAR's first report had data to 2019-12"),
        "{line}"
    );
}
