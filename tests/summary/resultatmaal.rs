//! The summary's resultatmål: how far the kommune is from it, in table
//! 1.1's own figures, and its benchmark periods (issue 21's review): when
//! the next comes,
//! on STAR's word where STAR announced it and by the rule set's lag
//! otherwise; the report that is the first with a new one; and a period
//! named with `--resultatperiode` that the half-yearly benchmarking does not
//! publish.

use jobcenterindblik::domain::value::Value::Known;
use jobcenterindblik::measures::benchmarking::{NaesteRapport, regelperiode};
use jobcenterindblik::measures::resultat::{Forskellen, Resultatafstand, resultatperiode_for};
use jobcenterindblik::model::report::ForventesMed;
use jobcenterindblik::{BenchmarkPeriod, Dataset, Kommune, Landsbillede, ReportModel};

use super::{fixture_months, right_column, right_column_of, summary_of};
use crate::util::{Cmd, dataset, fixtures_with, model, month, page_text, running_text};

#[test]
fn the_resultatmaal_says_what_it_takes_in_table_1_1s_own_figures() {
    // Met: Sorø (table 1.1: 1.710, 1.670, −40), Ballerup and Hedensted.
    for (kommune, periode, fuldtid, pp) in [
        ("Sorø", "2020-08", 40.0, 0.26),
        ("Ballerup", "2020-09", 160.0, 0.54),
        ("Hedensted", "2021-11", 50.0, 0.19),
    ] {
        let h = model(kommune, periode).resultatmaal.hvad_skal_der_til;
        let Resultatafstand::Opfyldt {
            margen_fuldtidspersoner,
            margen_procentpoint,
            forskellen: Forskellen::SesIAntal,
        } = h
        else {
            panic!("{kommune}: {h:?}");
        };
        assert_eq!(margen_fuldtidspersoner, Known(fuldtid), "{kommune}");
        assert!(
            (margen_procentpoint - pp).abs() < 1e-9,
            "{kommune}: {margen_procentpoint}"
        );
    }
    let text = running_text(&page_text("Ballerup", "2020-09"));
    assert_contains!(
        text,
        "Hvad skal der til? Resultatmålet er opfyldt: kommunen havde 160 fuldtidspersoner færre på offentlig forsørgelse end forventet, og andelen lå 0,54 procentpoint under den forventede."
    );
    // Not met: Sorø, December 2019 (30 too many).
    assert_eq!(
        model("Sorø", "2019-12").resultatmaal.hvad_skal_der_til,
        Resultatafstand::IkkeOpfyldt {
            faerre_fuldtidspersoner: Known(30.0),
            procentpoint: 0.17,
            forskellen: Forskellen::SesIAntal,
        }
    );
    assert_contains!(
        right_column("Sorø", "2019-12"),
        "Resultatmålet er ikke opfyldt: med 30 færre fuldtidspersoner på offentlig forsørgelse i perioden juli 2018 – juni 2019 var det nået."
    );
    // Chapter 1 says the same without the period, which its table names.
    assert_contains!(
        running_text(&page_text("Sorø", "2019-12")[2..3]),
        "Resultatmålet er ikke opfyldt: med 30 færre fuldtidspersoner på offentlig forsørgelse var det nået. Andelen lå 0,17 procentpoint over den forventede."
    );
    // Not met by a share the rounded counts do not show: Læsø, November 2021.
    assert_eq!(
        model("Læsø", "2021-11").resultatmaal.hvad_skal_der_til,
        Resultatafstand::IkkeOpfyldt {
            faerre_fuldtidspersoner: Known(0.0),
            procentpoint: 0.12,
            forskellen: Forskellen::SesKunIAndel,
        }
    );
    assert_contains!(
        running_text(&page_text("Læsø", "2021-11")[2..3]),
        "Resultatmålet er ikke opfyldt: andelen på offentlig forsørgelse lå 0,12 procentpoint over den forventede, en forskel så lille, at den ikke ses i de afrundede antal fuldtidspersoner."
    );
}

#[test]
fn the_next_benchmark_period_is_stars_word_or_the_lags_estimate() {
    // Hedensted, November 2021: December's report keeps the period, and
    // STAR announced the next "i forbindelse med december-rapporten i
    // 2022" (the dashboard), which names no month the program could be sure
    // of: the report quotes it.
    let m = model("Hedensted", "2021-11");
    let rm = &m.resultatmaal;
    assert_eq!(rm.naeste_maaned.maaned, month("2021-12"));
    assert_eq!(rm.naeste_maaned.periode.code(), "2021QMAT02");
    assert_eq!(rm.naeste_maaned.bruger, NaesteRapport::SammePeriode);
    assert_eq!(rm.naeste_periode.periode.code(), "2021QMAT04");
    assert!(
        matches!(
            rm.naeste_periode.forventes,
            ForventesMed::Annonceret {
                maaned: None,
                star_ord: "i forbindelse med december-rapporten i 2022",
                ..
            }
        ),
        "{:?}",
        rm.naeste_periode
    );
    let saetning = "Resultatmålet måles hvert halve år, og denne periode gælder, indtil den næste foreligger: STAR forventer et nyt resultatmål for januar 2021 – december 2021 i forbindelse med december-rapporten i 2022.";
    assert_contains!(
        running_text(&page_text("Hedensted", "2021-11")[2..3]),
        &format!("Juli 2020 – juni 2021 · {saetning}")
    );
    assert_contains!(right_column("Hedensted", "2021-11"), saetning);
    // August 2021: the last report with its period; STAR named September.
    let rm = model("Hedensted", "2021-08").resultatmaal;
    assert_eq!(rm.naeste_maaned.bruger, NaesteRapport::NyPeriode);
    assert!(matches!(
        rm.naeste_periode.forventes,
        ForventesMed::Annonceret { maaned: Some(m), .. } if m == month("2021-09")
    ));
    assert_contains!(
        right_column("Hedensted", "2021-08"),
        "Resultatmålet måles hvert halve år, og denne rapport er den sidste med denne periode: STAR forventer et nyt resultatmål for juli 2020 – juni 2021 i forbindelse med september-rapporten i 2021."
    );
    // Sorø, August 2020: nothing announced; by the lag of the 2021 rules
    // 2020QMAT04 comes three months after its end, and the report says it
    // is an estimate.
    let rm = model("Sorø", "2020-08").resultatmaal;
    assert!(matches!(
        rm.naeste_periode.forventes,
        ForventesMed::Anslaaet { maaned, forsinkelse_maaneder: 3, .. } if maaned == month("2021-03")
    ));
    assert_contains!(
        right_column("Sorø", "2020-08"),
        "Resultatmålet måles hvert halve år, og denne periode gælder, indtil den næste foreligger: et nyt resultatmål for januar 2020 – december 2020 forventes med rapporten for marts 2021 (anslået: 3 måneder efter periodens udgang)."
    );
    // The rule from the calendar alone is the data's, every month.
    for m in fixture_months() {
        assert_eq!(
            Ok(regelperiode(m)),
            resultatperiode_for(dataset(), m).map_err(|e| e.to_string()),
            "{}",
            m.iso()
        );
    }
}

#[test]
fn the_summary_names_a_new_benchmark_period() {
    // Sorø, August 2020, and Hedensted, September 2021, are the first
    // reports with their periods; no criterion changed in either.
    for (kommune, periode, nu, foer) in [
        (
            "Sorø",
            "2020-08",
            "juli 2019 – juni 2020",
            "januar 2019 – december 2019",
        ),
        (
            "Hedensted",
            "2021-09",
            "juli 2020 – juni 2021",
            "januar 2020 – december 2020",
        ),
    ] {
        let f = model(kommune, periode).status.forrige;
        assert!(
            f.ny_resultatperiode && f.skift.is_empty(),
            "{kommune}: {f:?}"
        );
        assert_contains!(
            right_column(kommune, periode),
            &format!(
                "Fra denne rapport bygger resultatmålet på en ny periode, {nu}, i stedet for {foer}."
            )
        );
    }
    assert!(
        !model("Hedensted", "2021-11")
            .status
            .forrige
            .ny_resultatperiode
    );
    assert!(!right_column("Hedensted", "2021-11").contains("ny periode"));
}

#[test]
fn a_named_quarter_is_followed_by_the_next_half_yearly_period() {
    // 2021QMAT01, a quarter the half-yearly benchmarking does not publish,
    // named for May 2021 (the fixtures' 2021QMAT02 rows copied as
    // 2021QMAT01, before them): the next period is 2021QMAT02, with
    // September's report as STAR announced, never 2021QMAT03.
    let dir = fixtures_with("Y30R21.csv", |t| {
        let at = t
            .find(";2021QMAT02;")
            .map(|i| t[..i].rfind('\n').unwrap() + 1);
        let kopi: String = t
            .split_inclusive('\n')
            .filter(|l| l.contains(";2021QMAT02;"))
            .map(|l| l.replace(";2021QMAT02;", ";2021QMAT01;"))
            .collect();
        let at = at.expect("the fixtures hold 2021QMAT02");
        format!("{}{kopi}{}", &t[..at], &t[at..])
    });
    let o = Cmd::report("Hedensted", "2021-05")
        .data(dir.path())
        .json()
        .args(["--resultatperiode", "2021QMAT01"])
        .succeeds();
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rm = &m["resultatmaal"];
    assert_eq!(rm["periode"]["kode"], "2021QMAT01");
    assert_eq!(rm["naeste_maaned"]["periode"]["kode"], "2020QMAT04");
    assert_eq!(rm["naeste_maaned"]["bruger"], "anden_periode");
    assert_eq!(rm["naeste_periode"]["periode"]["kode"], "2021QMAT02");
    assert_eq!(rm["naeste_periode"]["kilde"], "annonceret");
    assert_eq!(rm["naeste_periode"]["maaned"], "2021-09");
    let data = Dataset::load(dir.path()).unwrap();
    let named = BenchmarkPeriod::parse("2021QMAT01").ok();
    let land = Landsbillede::new(&data, month("2021-05"), named).unwrap();
    let m = ReportModel::build(&land, Kommune::lookup("Hedensted").unwrap()).unwrap();
    let text = right_column_of(&summary_of(&m, &land));
    assert_contains!(
        text,
        "Resultatmålet måles hvert halve år. Denne rapport bygger på en valgt periode, mens rapporten for juni 2021 efter reglerne bygger på perioden januar 2020 – december 2020; STAR forventer et nyt resultatmål for juli 2020 – juni 2021 i forbindelse med september-rapporten i 2021."
    );
    assert!(!text.contains("oktober 2020"), "{text}");
}
