//! The real jobindsats table Y30R21 (`fixtures/real/`), read unchanged.

use std::collections::HashMap;
use std::path::PathBuf;

use jobcenterindblik::domain::groups::Y30Gruppe;
use jobcenterindblik::domain::value::Value;
use jobcenterindblik::extract::y30r21::Y30R21;
use jobcenterindblik::measures::stats::{Direction, ranks};
use jobcenterindblik::{BenchmarkPeriod, Kommune};

use crate::util::{Cmd, stderr, stdout};

/// The real extract, part of the repository.
fn real_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/real/Y30R21.csv")
}

fn real() -> Y30R21 {
    Y30R21::read(&real_path(), "Y30R21.csv").expect("the real extract loads unchanged")
}

#[test]
fn the_real_extract_loads_with_all_98_kommuner() {
    let y = real();
    assert_eq!(y.rows.len(), 98 * 6 * 4);
    let codes: Vec<String> = y.periods.iter().map(|p| p.code()).collect();
    assert_eq!(
        codes,
        [
            "2020QMAT02",
            "2020QMAT04",
            "2021QMAT02",
            "2021QMAT04",
            "2022QMAT02",
            "2022QMAT04"
        ]
    );
    assert_eq!(y.discretized_cells, 0);
}

#[test]
fn the_three_seed_rows() {
    let y = real();
    let check = |name: &str, period: &str, want: (f64, f64, f64, f64, f64, f64, u32)| {
        let k = Kommune::lookup(name).unwrap();
        let r = y
            .row(k, BenchmarkPeriod::parse(period).unwrap(), Y30Gruppe::IAlt)
            .unwrap();
        let got = (
            r.forventet_antal.known().unwrap(),
            r.faktisk_antal.known().unwrap(),
            r.forskel_antal.known().unwrap(),
            r.forventet_andel.known().unwrap(),
            r.faktisk_andel.known().unwrap(),
            r.forskel_andel.known().unwrap(),
            r.placering.unwrap().known().unwrap(),
        );
        assert_eq!(got, want, "{name} {period}");
    };
    check(
        "Sorø",
        "2020QMAT02",
        (1710.0, 1670.0, -40.0, 9.10, 8.84, -0.26, 18),
    );
    check(
        "Ballerup",
        "2020QMAT02",
        (2920.0, 2760.0, -160.0, 9.65, 9.11, -0.54, 7),
    );
    check(
        "Hedensted",
        "2021QMAT02",
        (2490.0, 2440.0, -50.0, 8.47, 8.28, -0.19, 24),
    );
}

/// Ranking ascending by the pct.-point difference gives the published rank
/// wherever the difference is not tied at two decimals.
#[test]
fn computed_ranks_agree_with_the_published_ones() {
    let y = real();
    let mut compared = 0;
    for &period in &y.periods {
        for group in Y30Gruppe::ALL {
            let rows: Vec<(u16, f64, u32)> = y
                .kommuner_in(period, group)
                .map(|(k, r)| {
                    (
                        k.kode,
                        r.forskel_andel.known().unwrap(),
                        r.placering.unwrap().known().unwrap(),
                    )
                })
                .collect();
            assert_eq!(rows.len(), 98);
            let values: Vec<(u16, f64)> = rows.iter().map(|r| (r.0, r.1)).collect();
            let computed: HashMap<u16, u32> =
                ranks(&values, Direction::LowestFirst).into_iter().collect();
            for &(kode, diff, published) in &rows {
                let tied = rows.iter().filter(|r| (r.1 - diff).abs() < 1e-9).count() > 1;
                if !tied {
                    assert_eq!(computed[&kode], published, "{kode} in {period} {group}");
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 500, "only {compared} untied rows were compared");
}

#[test]
fn the_real_extract_reads_the_same_without_its_optional_columns() {
    // Drop the Forskel and Placering columns: the rest must give the same figures,
    // and the rank falls back to the computed one.
    let text = std::fs::read_to_string(real_path()).unwrap();
    let trimmed: String = text
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(';').collect();
            [f[0], f[1], f[2], f[3], f[4], f[6], f[7]].join(";") + "\n"
        })
        .collect();
    let table = jobcenterindblik::extract::table::Table::parse("trimmed.csv", &trimmed).unwrap();
    let y = Y30R21::from_table(&table).unwrap();
    let sorø = Kommune::lookup("Sorø").unwrap();
    let r = y
        .row(
            sorø,
            BenchmarkPeriod::parse("2020QMAT02").unwrap(),
            Y30Gruppe::IAlt,
        )
        .unwrap();
    assert_eq!(r.forskel_antal, Value::Known(-40.0));
    assert!((r.forskel_andel.known().unwrap() + 0.26).abs() < 1e-9);
    assert_eq!(r.placering, None);
}

#[test]
fn reports_made_from_the_real_table_print_the_published_resultatmaal() {
    let dir = real_data_folder();
    let data = jobcenterindblik::Dataset::load(dir.path()).expect("the folder loads");
    let summary = jobcenterindblik::commands::validate::summarise(&data);
    assert_eq!(summary.problems, Vec::<String>::new());
    assert_eq!(summary.warnings, Vec::<String>::new());
    // Table 1.1 and 1.4 as STAR printed them (Sorø, Ballerup) and the dashboard (Hedensted).
    for (name, periode, antal, andel, rank) in [
        (
            "Sorø",
            "2020-08",
            ["1.710", "1.670", "-40"],
            ["9,10", "8,84", "-0,26"],
            18,
        ),
        (
            "Ballerup",
            "2020-09",
            ["2.920", "2.760", "-160"],
            ["9,65", "9,11", "-0,54"],
            7,
        ),
        (
            "Hedensted",
            "2021-11",
            ["2.490", "2.440", "-50"],
            ["8,47", "8,28", "-0,19"],
            24,
        ),
    ] {
        let land = jobcenterindblik::Landsbillede::new(&data, crate::util::month(periode), None)
            .expect("the month is covered");
        let m = jobcenterindblik::ReportModel::build(&land, Kommune::lookup(name).unwrap())
            .expect("the report builds");
        let r = &m.resultatmaal;
        let da = crate::util::da;
        let f = r.fuldtidspersoner;
        let a = r.andel;
        assert_eq!(
            [da(f.forventet, 0), da(f.faktisk, 0), da(f.forskel, 0)],
            antal,
            "{name}"
        );
        assert_eq!(
            [da(a.forventet, 2), da(a.faktisk, 2), da(a.forskel, 2)],
            andel,
            "{name}"
        );
        assert_eq!(
            r.placering.map(|p| (p.plads, p.ud_af)),
            Some((rank, 98)),
            "{name}"
        );
    }
}

/// A data folder of the real Y30R21 beside the synthetic fokusmål extracts.
fn real_data_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::util::fixtures_in(dir.path(), "Y30R21.csv", |path| {
        std::fs::copy(real_path(), path).unwrap();
    });
    dir
}

#[test]
fn validate_names_the_months_a_report_can_be_made_for() {
    // The fokusmål allow 2019-11 on, but the real table's first benchmark
    // period, 2020QMAT02, ends in June 2020: validate used to promise
    // 2019-11 to 2020-07, which all failed.
    let dir = real_data_folder();
    let o = Cmd::new(["validate"]).data(dir.path()).succeeds();
    assert_contains!(
        stdout(&o),
        "Reports can be made for 2020-08 to 2021-12.\n",
        "(the fokusmål allow 2019-11 on; the first benchmark period, 2020QMAT02, can be used from 2020-08)"
    );
    let report = |periode: &str| Cmd::report("Sorø", periode).json().data(dir.path());
    report("2020-08").succeeds();
    let o = report("2020-07").fails(1);
    assert_contains!(stderr(&o), "has no benchmark period that ended by");
    // A month before the fokusmål's first names the same months.
    let o = report("2019-10").fails(1);
    assert_contains!(
        stderr(&o),
        "hint: choose a --periode from 2020-08 to 2021-12"
    );
}
