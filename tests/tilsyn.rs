//! The year's determination of skærpet and light tilsyn (`tilsyn --aar`):
//! it agrees with December's reports, a discretized month leaves a kommune
//! undetermined, and it is written as a table, CSV or JSON, or refused for
//! a year the data or the rules cannot determine.

use jobcenterindblik::measures::aarsopgoerelse::{Udfald, aarsopgoerelse};
use jobcenterindblik::{Landsbillede, ReportModel};

use crate::util::{Cmd, dataset, fixtures_discretized, fixtures_with, month, stderr, stdout};

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
    let o = Cmd::new(["tilsyn", "--aar", "2021"])
        .json()
        .data(data.path())
        .succeeds();
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
    let tilsyn = |aar: &str| {
        Cmd::new(["tilsyn", "--aar", aar])
            .fixtures()
            .current_dir(dir.path())
    };
    let table = stdout(&tilsyn("2021").succeeds());
    assert_contains!(
        table,
        "Odsherred          Skærpet tilsyn",
        "2021: 1 skærpet tilsyn, 15 light tilsyn, 82 ikke omfattet, 0 kan ikke opgøres"
    );
    // Sorted by outcome, then name: skærpet first, then light.
    let first = table.lines().nth(2).unwrap();
    assert!(first.starts_with("Odsherred"), "{first}");
    tilsyn("2021")
        .args(["--format", "csv"])
        .out("t.csv")
        .succeeds();
    let csv = std::fs::read_to_string(dir.path().join("t.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}aar;kode;kommune;udfald;"));
    assert_eq!(csv.lines().count(), 99);
    let o = tilsyn("2021").json().run();
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
    let o = tilsyn("2022").fails(1);
    assert_contains!(
        stderr(&o),
        "cannot determine 2022",
        "has no benchmark period 2022QMAT04",
        "fokusmaal-samtaler.csv has no rows for 2022M01-2022M12"
    );
    // A benchmark period that does not end in the year judges another year.
    let o = tilsyn("2021")
        .args(["--resultatperiode", "2020QMAT04"])
        .fails(2);
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
    let o = Cmd::new(["tilsyn", "--aar", "2021"])
        .data(gap.path())
        .current_dir(dir.path())
        .fails(1);
    assert_contains!(
        stderr(&o),
        "cannot determine 2021",
        "fokusmaal-samtaler.csv has no rows for 2021M01"
    );
    let o = tilsyn("2020").fails(2);
    assert_contains!(stderr(&o), "STAR makes the first in April 2022, for 2021");
}
