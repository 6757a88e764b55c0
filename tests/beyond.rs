//! What STAR's report does not answer (issue 13): what it takes to end the
//! year at 80 pct., the status month by month, and an imprint that names
//! the publisher the user gives, or none.

use jobcenterindblik::domain::groups::Maal::{AktiveTilbud, Samtaler};
use jobcenterindblik::domain::value::Value::Known;
use jobcenterindblik::measures::history::{Maanedsstatus, Statusarkiv};
use jobcenterindblik::measures::krav::Krav;
use jobcenterindblik::measures::needed::{HvadSkalDerTil, Tilfaelde};
use jobcenterindblik::measures::rules::Konsekvens;
use jobcenterindblik::{Dataset, Kommune, Landsbillede, ReportModel};

use jobcenterindblik::model::Oversigt;
use jobcenterindblik::model::report::IkkeOpgjort;
use jobcenterindblik::pdf::render::Dokument;
use jobcenterindblik::pdf::text::page_texts;

use crate::util::{
    da, dataset, fixtures_dir, fixtures_discretized, fixtures_from, fixtures_with, goal, land,
    model, month, renderer, run, stderr, test_dokument,
};

/// What it takes for one goal of a report.
fn needed(
    kommune: &str,
    periode: &str,
    maal: jobcenterindblik::domain::groups::Maal,
) -> HvadSkalDerTil {
    let m = model(kommune, periode);
    goal(&m, maal).tolv_mdr.krav.hvad_skal_der_til.clone()
}

#[test]
fn a_krav_in_persons_ballerup_september_2020() {
    // STAR's report: samtaler krav 90,88. The fixture's September: 988 in
    // the target group, 844 of them with at least 4 samtaler.
    let m = model("Ballerup", "2020-09");
    let krav = &goal(&m, Samtaler).tolv_mdr.krav;
    let Known(Krav::Andel(r)) = krav.vurdering.krav else {
        panic!("a krav")
    };
    assert_eq!(da(Known(r), 2), "90,88");
    let Tilfaelde::Krav {
        andel,
        personer_i_maaneden,
        opfyldt_i_maaneden,
        skal_opfylde_pr_maaned,
        flere_pr_maaned,
        maaneder_i_aar,
        ..
    } = krav.hvad_skal_der_til.tilfaelde
    else {
        panic!("{:?}", krav.hvad_skal_der_til)
    };
    assert_eq!((andel, maaneder_i_aar), (r, 9));
    assert_eq!(
        (personer_i_maaneden, opfyldt_i_maaneden),
        (Known(988), Known(844))
    );
    // ⌈0,9087670… · 988⌉ = ⌈897,86⌉ = 898 a month, 54 more than in September.
    assert_eq!(
        (skal_opfylde_pr_maaned, flere_pr_maaned),
        (Known(898), Known(54))
    );
    // Ballerup meets the resultatmål: missing the goal decides no tilsyn.
    assert_eq!(krav.hvad_skal_der_til.konsekvens, Some(Konsekvens::Ingen));
}

#[test]
fn a_year_that_cannot_be_saved_herlev_november_2021() {
    // Aktive tilbud: 11 months averaging 63,5499…; at most (11a + 100) / 12.
    let m = model("Herlev", "2021-11");
    let krav = &goal(&m, AktiveTilbud).tolv_mdr.krav;
    assert_eq!(krav.vurdering.krav, Known(Krav::KanIkkeNaas));
    let a = krav.vurdering.gennemsnit_i_aar.known().unwrap();
    let Tilfaelde::KanIkkeNaas {
        hoejst_mulige_gennemsnit: highest,
        gennemsnit_i_aar,
        maaneder_i_aar: 11,
    } = krav.hvad_skal_der_til.tilfaelde
    else {
        panic!("{:?}", krav.hvad_skal_der_til)
    };
    assert_eq!(gennemsnit_i_aar, a);
    assert!((highest - (11.0 * a + 100.0) / 12.0).abs() < 1e-12);
    assert_eq!(da(Known(highest), 2), "66,59");
}

#[test]
fn a_year_that_is_safe_soroe_august_2020() {
    // Samtaler: 8 months averaging 90,4621…; the other 4 may fall to (960 − 8a) / 4.
    let h = needed("Sorø", "2020-08", Samtaler);
    let Tilfaelde::Ok {
        laveste_tilladte_andel,
        maaneder_i_aar: 8,
        ..
    } = h.tilfaelde
    else {
        panic!("{h:?}")
    };
    assert_eq!(da(Known(laveste_tilladte_andel), 2), "59,08");
    assert_eq!(
        h.konsekvens, None,
        "a safe goal has no consequence to state"
    );
    // A krav already met with every month left at 100 may fall to 0, not below.
    let h = needed("Hillerød", "2021-11", Samtaler);
    assert!(matches!(
        h.tilfaelde,
        Tilfaelde::Ok {
            laveste_tilladte_andel: 0.0,
            ..
        }
    ));
}

#[test]
fn missing_a_goal_means_what_the_rules_say() {
    // Hillerød, November 2021: aktive tilbud krav 97,80, but the
    // resultatmål is met, so the goal decides no tilsyn (issue 17).
    let h = needed("Hillerød", "2021-11", AktiveTilbud);
    assert!(matches!(h.tilfaelde, Tilfaelde::Krav { .. }), "{h:?}");
    assert_eq!(h.konsekvens, Some(Konsekvens::Ingen));
    // Frederikshavn misses the resultatmål: aktive tilbud decide light
    // tilsyn in 2021; Kalundborg's the same.
    for k in ["Frederikshavn", "Kalundborg"] {
        let h = needed(k, "2021-11", AktiveTilbud);
        assert_eq!(h.konsekvens, Some(Konsekvens::LightTilsyn), "{k}");
    }
    // Under the 2020 rules either goal gives a risk of skærpet tilsyn:
    // Ringsted, August 2020 (samtaler krav 83,45), and Albertslund
    // (aktive tilbud krav 86,47), both missing the resultatmål.
    let h = needed("Ringsted", "2020-08", Samtaler);
    assert_eq!(h.konsekvens, Some(Konsekvens::SkaerpetTilsyn));
    let h = needed("Albertslund", "2020-08", AktiveTilbud);
    assert_eq!(h.konsekvens, Some(Konsekvens::SkaerpetTilsyn));
}

#[test]
fn a_discretized_month_gives_a_discretized_answer() {
    // Sorø's samtaler of March 2020 discretized: the year's mean is unknown.
    let data = fixtures_discretized("fokusmaal-samtaler.csv", "Sorø;2020M03");
    let o = run(&[
        "report",
        "-k",
        "Sorø",
        "-p",
        "2020-08",
        "--format",
        "json",
        "--data",
        data.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let krav = &m["fokusmaal"][0]["tolv_mdr"]["krav"];
    assert_eq!(krav["vurdering"], serde_json::Value::Null);
    assert_eq!(
        krav["hvad_skal_der_til"],
        serde_json::json!({ "tilfaelde": "diskretioneret", "konsekvens": "ingen" })
    );
}

#[test]
fn a_month_without_persons_is_not_discretized() {
    // Sorø's samtaler target group of March 2020 with no persons at all
    // (issue 18, item 11): the month has no share, which the model and the
    // PDF say as such, not as a discretized figure.
    // Every group of the month empty too, as the total is their sum.
    let data = fixtures_with("fokusmaal-samtaler.csv", |t| {
        t.split_inclusive('\n')
            .map(|l| {
                let f: Vec<&str> = l.trim_end().split(';').collect();
                if f[..2] == ["Sorø", "2020M03"] && f[3] == "Mindst 12 mdr." {
                    format!("{};0;0;{};{}\r\n", f[..4].join(";"), f[6], f[7])
                } else {
                    l.to_string()
                }
            })
            .collect()
    });
    let data = Dataset::load(data.path()).unwrap();
    let land = Landsbillede::new(&data, month("2020-08"), None).unwrap();
    let m = ReportModel::build(&land, Kommune::lookup("Sorø").unwrap()).unwrap();
    let h = &goal(&m, Samtaler).tolv_mdr.krav.hvad_skal_der_til;
    assert_eq!(
        h.tilfaelde,
        Tilfaelde::IngenPersoner {
            maaneder: vec![month("2020-03")]
        }
    );
    let doc = renderer()
        .compile(&m, &Oversigt::build(&land), &test_dokument("2020-08"))
        .unwrap();
    let text = page_texts(&doc).join("\n");
    assert_contains!(text, "I marts var der ingen ydelsesmodtagere med mindst 12");
    assert!(!text.contains("diskretioneret, så kravet"), "{text}");
}

#[test]
fn the_status_month_by_month_hedensted_november_2021() {
    let m = model("Hedensted", "2021-11");
    let h = &m.status.historik;
    assert_eq!(h.len(), 12);
    assert_eq!(h[0].maaned, month("2020-12"));
    assert_eq!(h[11].maaned, month("2021-11"));
    // Each month by its own rules; the last is table 1.6 itself.
    assert_eq!(h[0].regelsaet.key(), "2020");
    assert_eq!(h[1].regelsaet.key(), "2021");
    assert_eq!(h[11].kategori, Some(m.status.status.key()));
    assert!(h.iter().all(|x| x.kategori.is_some() && x.grund.is_none()));
    // Every month as that month's own report gives it: its own model's
    // status, not one the history computed its own way.
    for x in h {
        let own = model("Hedensted", &x.maaned.iso());
        assert_eq!(
            x.kategori,
            Some(own.status.status.key()),
            "{}",
            x.maaned.iso()
        );
        assert_eq!(x.regelsaet, own.status.regelsaet, "{}", x.maaned.iso());
    }
}

#[test]
fn a_month_the_data_cannot_support_says_why() {
    // Data from January 2019: the first report is November 2020, and its
    // history reaches back to months the data cannot give a status.
    let dir = fixtures_from("2019-01");
    let data = Dataset::load(dir.path()).unwrap();
    let land = Landsbillede::new(&data, month("2020-11"), None).unwrap();
    let m = ReportModel::build(&land, Kommune::lookup("Sorø").unwrap()).unwrap();
    let h = &m.status.historik;
    assert_eq!(h[0].maaned, month("2019-12"));
    assert_eq!(
        (h[0].kategori, h[0].ikke_opgjort),
        (None, Some(IkkeOpgjort::DataMangler))
    );
    assert!(
        h[0].grund
            .as_deref()
            .unwrap()
            .contains("starts with 2019M01"),
        "{:?}",
        h[0].grund
    );
    assert!(h[11].kategori.is_some() && h[11].ikke_opgjort.is_none());
}

#[test]
fn the_months_before_jobcenterindblik_have_no_status() {
    // Sorø, August 2020: September to November 2019 lie before STAR's first
    // report (December 2019), whatever the data hold.
    let m = model("Sorø", "2020-08");
    let h = &m.status.historik;
    let kinds: Vec<_> = h[..4]
        .iter()
        .map(|x| (x.kategori, x.ikke_opgjort))
        .collect();
    assert_eq!(
        kinds[..3],
        [(None, Some(IkkeOpgjort::FoerJobcenterindblik)); 3]
    );
    assert_eq!(h[3].maaned, month("2019-12"));
    assert!(h[3].kategori.is_some());
    let page = crate::util::running_text(&crate::util::page_text("Sorø", "2020-08")[3..4]);
    assert_contains!(
        page,
        "Før Jobcenterindblik",
        "Før Jobcenterindblik: STARs første rapport havde tal til og med december 2019"
    );
    assert!(!page.contains("Ikke opgjort"), "{page}");
}

#[test]
fn a_month_is_computed_once_however_many_reports_ask() {
    let archive = Statusarkiv::default();
    let data = dataset();
    let november = Landsbillede::with_archive(data, month("2021-11"), None, &archive).unwrap();
    assert_eq!(archive.len(), 12, "November and the 11 months before it");
    assert_eq!(
        archive.computed(),
        11,
        "November itself is kept, not computed"
    );
    for k in Kommune::all() {
        ReportModel::build(&november, k).unwrap();
    }
    assert_eq!(archive.computed(), 11, "98 reports computed no month again");
    Landsbillede::with_archive(data, month("2021-12"), None, &archive).unwrap();
    assert_eq!(archive.len(), 13, "December adds only itself");
    assert_eq!(archive.computed(), 11, "and computes none of its history");
    // A benchmark period of its own: the month is not its report's, so it is
    // not kept, and its history is the archive's.
    let other =
        Some(jobcenterindblik::domain::period::BenchmarkPeriod::parse("2021QMAT02").unwrap());
    Landsbillede::with_archive(data, month("2021-12"), other, &archive).unwrap();
    assert_eq!((archive.len(), archive.computed()), (13, 11));
    // The short way the history computes a month agrees with the month's
    // own national picture, a month with a gap (2019-09) included.
    for m in ["2019-09", "2020-08", "2021-05"] {
        let short = Landsbillede::statuses_only(data, month(m));
        let full = match Landsbillede::bare(data, month(m), None) {
            Ok(land) => format!("{:?}", land.statuses()),
            Err(e) => format!("{:?}", Maanedsstatus::failed(month(m), e.by_file_name())),
        };
        assert_eq!(format!("{short:?}"), full, "{m}");
    }
}

#[test]
fn the_imprint_names_the_publisher_given_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = |name: &str, extra: &[&str]| {
        let path = dir.path().join(name);
        let mut args = vec!["report", "-k", "Sorø", "-p", "2020-08", "--data"];
        let data = fixtures_dir();
        args.push(data.to_str().unwrap());
        args.extend(["-o", path.to_str().unwrap()]);
        args.extend_from_slice(extra);
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read(&path).unwrap()
    };
    let contains = |bytes: &[u8], s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
    let none = pdf("uden.pdf", &[]);
    assert!(
        !contains(&none, "<dc:creator>"),
        "no author without --udgiver"
    );
    assert!(!contains(
        &none,
        "Styrelsen for Arbejdsmarked og Rekruttering</rdf:li>"
    ));
    assert!(
        !contains(&none, "/Author"),
        "no Author in the document info"
    );
    let own = pdf("med.pdf", &["--udgiver", "Sorø Kommune"]);
    assert!(contains(
        &own,
        "<dc:creator><rdf:Seq><rdf:li>Sorø Kommune</rdf:li>"
    ));
    // What `pdfinfo` reads: the document info's Author, in UTF-16 ("Sorø Kommune").
    assert!(contains(
        &own,
        "/Author<FEFF0053006F007200F80020004B006F006D006D0075006E0065>"
    ));
}

#[test]
fn the_pages_name_the_publisher_given_or_the_source() {
    let m = model("Sorø", "2020-08");
    let ov = Oversigt::build(&land("2020-08"));
    let pages = |doc: &Dokument| page_texts(&renderer().compile(&m, &ov, doc).unwrap());
    let header = |page: &str| page.lines().next().unwrap_or_default().to_string();

    let none = pages(&test_dokument("2020-08"));
    assert_contains!(
        none[0],
        "JOBCENTERINDBLIK",
        "Rapporten følger metoden i STARs Jobcenterindblik og er lavet med jobcenterindblik\u{a0}",
        "ikke af STAR."
    );
    assert!(!none[0].contains("Udgivet af"), "{}", none[0]);
    for page in &none[1..] {
        assert!(
            header(page).ends_with("Data: jobindsats.dk (STAR)"),
            "{page}"
        );
    }
    assert!(
        none.iter()
            .all(|p| !p.contains("STYRELSEN FOR ARBEJDSMARKED") && !header(p).contains("Styrelsen")),
        "the report does not present itself as STAR's"
    );

    let mut doc = test_dokument("2020-08");
    doc.udgiver = Some("Sorø Kommune".into());
    let own = pages(&doc);
    assert_contains!(
        own[0],
        "SORØ KOMMUNE",
        "Udgivet af Sorø Kommune.",
        "ikke af STAR."
    );
    for page in &own[1..] {
        assert!(
            header(page).ends_with("Sorø Kommune · Data: jobindsats.dk (STAR)"),
            "{page}"
        );
    }
}
