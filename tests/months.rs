//! Many months in one run (`batch --periode FIRST..LAST`) and the year's
//! determination of skærpet tilsyn (`tilsyn --aar`), issue 14.

use std::path::Path;

use jobcenterindblik::measures::aarsopgoerelse::{Udfald, aarsopgoerelse};
use jobcenterindblik::{Landsbillede, ReportModel};

use crate::util::{
    batch_in, dataset, files, fixtures_dir, fixtures_discretized, fixtures_with, month, run_in,
    stderr, stdout,
};

/// `batch` of `periode` into `out` inside `dir`, with `extra` arguments.
fn batch(dir: &Path, periode: &str, out: &str, extra: &[&str]) -> std::process::Output {
    batch_in(
        dir,
        &fixtures_dir(),
        out,
        &[&["-p", periode], extra].concat(),
    )
}

#[test]
fn a_run_of_months_writes_what_each_month_alone_would() {
    let dir = tempfile::tempdir().unwrap();
    let o = batch(dir.path(), "2021-01..2021-03", "kvartal", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_contains!(stderr(&o), "wrote 294 of 294 reports");
    for m in ["2021-01", "2021-02", "2021-03"] {
        let alone = format!("alene-{m}");
        let o = batch(dir.path(), m, &alone, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
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
fn diff_compares_the_month_folders_of_a_run_of_months() {
    let dir = tempfile::tempdir().unwrap();
    for out in ["golden", "ny"] {
        let o = batch(dir.path(), "2021-01..2021-03", out, &["--format", "json"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let diff = || run_in(dir.path(), &["diff", "golden", "ny"]);
    let o = diff();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "no differences in 301 files\n");
    // A changed figure in the middle month: once only status.json at the
    // top was compared, and this passed as "no differences".
    let sorø = dir.path().join("ny/2021-02/Sorø-2021-02.json");
    let mut model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&sorø).unwrap()).unwrap();
    model["resultatmaal"]["placering"]["plads"] = serde_json::json!(99);
    std::fs::write(&sorø, serde_json::to_vec_pretty(&model).unwrap()).unwrap();
    let o = diff();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_contains!(
        stdout(&o),
        "2021-02/Sorø-2021-02.json\n  resultatmaal.placering.plads: ",
        " -> 99\n",
        "1 differences in 1 of 301 files compared; 0 only in OLD, 0 only in NEW"
    );
    // A month on one side only is one line, not 101.
    std::fs::rename(dir.path().join("ny/2021-03"), dir.path().join("ny/2021-04")).unwrap();
    let o = diff();
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stdout(&o),
        "only in OLD: 2021-03/\nonly in NEW: 2021-04/\n",
        "in 1 of 201 files compared; 1 only in OLD, 1 only in NEW"
    );
}

#[test]
fn a_month_the_data_cannot_support_does_not_stop_the_others() {
    // The first report month is December 2019 (STAR's first
    // Jobcenterindblik), though the fixtures would allow November.
    let dir = tempfile::tempdir().unwrap();
    let o = batch(dir.path(), "2019-10..2020-01", "ud", &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
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
    let stale = |d: &str| {
        let d = dir.path().join(d);
        std::fs::create_dir_all(&d).unwrap();
        for f in earlier {
            std::fs::write(d.join(f), "fra en tidligere kørsel").unwrap();
        }
        d
    };
    // In a run of months: the month's folder stays, and the reason says so.
    let run = stale("ud/2019-09");
    let o = batch(dir.path(), "2019-09..2019-11", "ud", &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
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
    let single = stale("alene");
    let o = batch(dir.path(), "2019-09", "alene", &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(stderr(&o), "error: ");
    assert_eq!(files(&single), earlier);
}

#[test]
fn a_run_of_months_that_stops_leaves_no_combined_status_of_an_earlier_run() {
    let dir = tempfile::tempdir().unwrap();
    let ud = dir.path().join("ud");
    std::fs::create_dir_all(&ud).unwrap();
    for f in ["status.csv", "status.json"] {
        std::fs::write(ud.join(f), "fra en tidligere kørsel").unwrap();
    }
    // The second month's folder cannot be made: the run stops there.
    std::fs::write(ud.join("2021-02"), "en fil, ikke en mappe").unwrap();
    let o = batch(dir.path(), "2021-01..2021-02", "ud", &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
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
fn the_year_2021_agrees_with_the_december_reports() {
    let data = dataset();
    let a = aarsopgoerelse(data, 2021, None).unwrap();
    assert_eq!(a.resultatperiode.code(), "2021QMAT04");
    // December's reports with the same benchmark period hold the same figures.
    let land = Landsbillede::new(data, month("2021-12"), Some(a.resultatperiode)).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for u in &a.kommuner {
        let m = ReportModel::build(&land, u.kommune).unwrap();
        let r = m.resultatmaal.opfyldt.unwrap();
        let a12 = |i: usize| m.fokusmaal[i].tolv_mdr.gennemsnit.known().unwrap();
        for f in &m.fokusmaal {
            assert_eq!(
                u.gennemsnit[f.maal].unwrap().known(),
                f.tolv_mdr.gennemsnit.known(),
                "{}",
                u.kommune.navn
            );
        }
        let expected = match (r, a12(0) >= 80.0, a12(1) >= 80.0) {
            (false, false, _) => Udfald::SkaerpetTilsyn,
            (false, true, false) => Udfald::LightTilsyn,
            _ => Udfald::IkkeOmfattet,
        };
        assert_eq!(u.udfald, expected, "{}", u.kommune.navn);
        seen.insert(u.udfald);
    }
    assert!(seen.contains(&Udfald::SkaerpetTilsyn) && seen.contains(&Udfald::LightTilsyn));
    assert!(seen.contains(&Udfald::IkkeOmfattet));
}

#[test]
fn a_discretized_month_leaves_a_kommune_undetermined() {
    // Odsherred misses the resultatmål in 2021; with one month of its
    // samtaler discretized the year's mean is unknown, and it decides.
    let data = fixtures_discretized("fokusmaal-samtaler.csv", "Odsherred;2021M05");
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(
        dir.path(),
        &[
            "tilsyn",
            "--aar",
            "2021",
            "--format",
            "json",
            "--data",
            data.path().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let odsherred = v["kommuner"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kommune"]["navn"] == "Odsherred")
        .unwrap();
    assert_eq!(odsherred["udfald"], "kan_ikke_opgoeres");
    assert_eq!(odsherred["samtaler_gennemsnit"], serde_json::Value::Null);
    assert_eq!(v["antal"]["kan_ikke_opgoeres"], 1);
}

#[test]
fn tilsyn_writes_a_table_csv_and_json_and_refuses_years_it_cannot_determine() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixtures_dir();
    let d = data.to_str().unwrap();
    let o = run_in(dir.path(), &["tilsyn", "--aar", "2021", "--data", d]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    assert_contains!(
        table,
        "Odsherred          Skærpet tilsyn",
        "2021: 1 skærpet tilsyn, 15 light tilsyn, 82 ikke omfattet, 0 kan ikke opgøres"
    );
    // Sorted by outcome, then name: skærpet first, then light.
    let first = table.lines().nth(2).unwrap();
    assert!(first.starts_with("Odsherred"), "{first}");
    let o = run_in(
        dir.path(),
        &[
            "tilsyn", "--aar", "2021", "--data", d, "--format", "csv", "-o", "t.csv",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(dir.path().join("t.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}aar;kode;kommune;udfald;"));
    assert_eq!(csv.lines().count(), 99);
    let o = run_in(
        dir.path(),
        &["tilsyn", "--aar", "2021", "--data", d, "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let total: u64 = [
        "skaerpet_tilsyn",
        "light_tilsyn",
        "ikke_omfattet",
        "kan_ikke_opgoeres",
    ]
    .iter()
    .map(|k| v["antal"][k].as_u64().unwrap())
    .sum();
    assert_eq!(total, 98);
    assert_eq!(v["opgoeres"], "april 2022");
    let o = run_in(dir.path(), &["tilsyn", "--aar", "2022", "--data", d]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "cannot determine 2022",
        "has no benchmark period 2022QMAT04",
        "fokusmaal-samtaler.csv has no rows for 2022M01-2022M12"
    );
    // A benchmark period that does not end in the year judges another year.
    let o = run_in(
        dir.path(),
        &[
            "tilsyn",
            "--aar",
            "2021",
            "--data",
            d,
            "--resultatperiode",
            "2020QMAT04",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "a command-line mistake");
    assert_contains!(
        stderr(&o),
        "2020QMAT04 (2020-01..2020-12) does not end in 2021"
    );
    // A month missing inside the year is as fatal as a missing December.
    let gap = fixtures_with("fokusmaal-samtaler.csv", |t| {
        t.split_inclusive('\n')
            .filter(|l| !l.contains(";2021M01;"))
            .collect()
    });
    let o = run_in(
        dir.path(),
        &[
            "tilsyn",
            "--aar",
            "2021",
            "--data",
            gap.path().to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_contains!(
        stderr(&o),
        "cannot determine 2021",
        "fokusmaal-samtaler.csv has no rows for 2021M01"
    );
    let o = run_in(dir.path(), &["tilsyn", "--aar", "2020", "--data", d]);
    assert_eq!(o.status.code(), Some(2));
    assert_contains!(stderr(&o), "STAR makes the first in April 2022, for 2021");
}
