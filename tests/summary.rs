//! The summary and what came with it (issue 21): one page for every
//! kommune and month, what changed since the month before, how far the
//! kommune is from the resultatmål and when the next benchmark period
//! comes, the goal's limit in figures 4.2 and 4.4, the count per status in
//! the Bilag and the overview with its table by status, and the relevant
//! links.

use jobcenterindblik::domain::groups::Maal;
use jobcenterindblik::domain::value::Value::Known;
use jobcenterindblik::measures::history::Statusarkiv;
use jobcenterindblik::measures::resultat::{Resultatafstand, regelperiode, resultatperiode_for};
use jobcenterindblik::measures::status::{KriteriumArt, Skift};
use jobcenterindblik::model::Oversigt;
use jobcenterindblik::pdf::render::Renderer;
use jobcenterindblik::pdf::template::Template;
use jobcenterindblik::pdf::text::page_texts;
use jobcenterindblik::{Kommune, Landsbillede, ReportModel};

use crate::util::{
    bookmarks, dataset, land, model, month, page_text, renderer, running_text, test_dokument,
};

/// The report months of the fixtures: December 2019 (STAR's first report)
/// to December 2021.
fn fixture_months() -> Vec<jobcenterindblik::Month> {
    let mut m = month("2019-12");
    let mut out = Vec::new();
    while m <= month("2021-12") {
        out.push(m);
        m = m.plus(1);
    }
    out
}

/// A renderer whose report is the summary alone: `main.typ` up to its first
/// part (every set and show rule, the page, the header and footer and the
/// `<dokument>` metadata, as the report has them), then only
/// `kapitler/sammenfatning.typ`. The summary is laid out exactly as in the
/// report, at a twelfth of the cost.
fn summary_renderer() -> Renderer {
    let mut template = Template::embedded();
    for (path, bytes) in &mut template.files {
        if path == "main.typ" {
            let main = String::from_utf8(bytes.clone()).unwrap();
            let (setup, _) = main
                .split_once("#include \"kapitler/forside.typ\"")
                .expect("main.typ includes the title page first");
            *bytes = format!("{setup}#include \"kapitler/sammenfatning.typ\"\n").into_bytes();
        }
    }
    Renderer::new(&template).expect("the summary's entry loads")
}

/// The text of the summary's right-hand column (its sentences beside the
/// status and the resultatmål's table) as one running text: the text runs
/// of the summary page that start right of the page's middle, by position.
/// (The page's own text runs the two columns' lines together.)
fn right_column(kommune: &str, periode: &str) -> String {
    use typst::layout::{Frame, FrameItem, Point};
    fn walk(frame: &Frame, at: Point, out: &mut Vec<(f64, f64, String)>) {
        for (pos, item) in frame.items() {
            let p = at + *pos;
            match item {
                FrameItem::Group(g) => {
                    let t = g.transform;
                    walk(&g.frame, p + Point::new(t.tx, t.ty), out)
                }
                FrameItem::Text(t) => out.push((p.y.to_pt(), p.x.to_pt(), t.text.to_string())),
                _ => {}
            }
        }
    }
    let doc = renderer()
        .compile(
            &model(kommune, periode),
            &Oversigt::build(&land(periode)),
            &test_dokument(periode),
        )
        .expect("the report lays out");
    let mut runs = Vec::new();
    walk(&doc.pages()[1].frame, Point::zero(), &mut runs);
    // The left column ends some 38 pt left of the middle, the right begins
    // some 26 pt left of it.
    let middle = doc.pages()[1].frame.width().to_pt() / 2.0 - 32.0;
    runs.retain(|(_, x, _)| *x > middle);
    runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let words: Vec<&str> = runs
        .iter()
        .flat_map(|(_, _, t)| t.split_whitespace())
        .collect();
    words.join(" ")
}

#[test]
fn every_summary_fits_one_page() {
    // 98 kommuner × 25 months, each laid out alone: about 2.450 layouts of
    // one page, in process, sharing Typst's caches as a batch does.
    let renderer = summary_renderer();
    let archive = Statusarkiv::default();
    let mut wrong = Vec::new();
    let mut laid_out = 0;
    for m in fixture_months() {
        let land = Landsbillede::with_archive(dataset(), m, None, &archive).unwrap();
        let oversigt = Oversigt::build(&land);
        let dokument = test_dokument(&m.iso());
        for k in Kommune::all() {
            let Ok(report) = ReportModel::build(&land, k) else {
                continue;
            };
            match renderer.compile(&report, &oversigt, &dokument) {
                Ok(doc) if doc.pages().len() == 1 => laid_out += 1,
                Ok(doc) => wrong.push(format!(
                    "{} {}: {} pages",
                    k.navn,
                    m.iso(),
                    doc.pages().len()
                )),
                Err(e) => wrong.push(format!("{} {}: {e}", k.navn, m.iso())),
            }
            typst::comemo::evict(2);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(laid_out >= 98 * 24, "{laid_out} summaries laid out");
}

#[test]
fn the_summary_follows_the_title_page_in_the_contents_and_the_bookmarks() {
    let pages = page_text("Hedensted", "2021-11");
    let contents: Vec<&str> = pages[0].lines().collect();
    let line = |t: &str| {
        contents
            .iter()
            .find(|l| l.starts_with(t))
            .unwrap_or_else(|| panic!("{t} in the contents:\n{}", pages[0]))
            .to_string()
    };
    assert!(line("Sammenfatning").ends_with(" 2"), "{}", pages[0]);
    assert!(line("1. Overblik").ends_with(" 3"), "{}", pages[0]);
    assert!(
        line("Om rapporten og relevante links").ends_with(" 10"),
        "{}",
        pages[0]
    );
    // The summary sets its sentences beside its tables, so its page text
    // runs the lines of the two columns together: a piece is looked for
    // within one line.
    assert_contains!(
        running_text(&pages[1..2]),
        "Sammenfatning",
        "Status for skærpet tilsyn",
        "Inspirationskommune",
        "Oktober 2021: Inspirationskommune, den samme status"
    );
    let pdf = renderer()
        .render(
            &model("Hedensted", "2021-11"),
            &Oversigt::build(&land("2021-11")),
            &test_dokument("2021-11"),
        )
        .unwrap();
    let marks = bookmarks(&pdf);
    let at = |t: &str| {
        marks
            .iter()
            .position(|m| m == t)
            .unwrap_or_else(|| panic!("{t} in {marks:?}"))
    };
    assert!(at("Sammenfatning") < at("1. Overblik"), "{marks:?}");
    assert!(
        at("5. Skærpet tilsyn det seneste år") < at("Om rapporten"),
        "{marks:?}"
    );
}

#[test]
fn the_introduction_moved_to_a_full_page_at_the_end() {
    // Hedensted, November 2021: page 2 was the introduction alone, half
    // empty. It now shares the page before the Bilag with the links.
    let pages = page_text("Hedensted", "2021-11");
    let om = pages
        .iter()
        .rposition(|p| p.contains("Om rapporten"))
        .expect("a page about the report");
    assert_eq!(om + 3, pages.len(), "before the two Bilag pages");
    assert_contains!(
        pages[om],
        "udgiver hver måned sine",
        "Relevante links",
        "retsinformation.dk"
    );
    // With the COVID-19 note, 2020's still fits one page.
    let sorø = page_text("Sorø", "2020-08");
    let om = sorø.len() - 3;
    assert_contains!(
        sorø[om],
        "Om rapporten",
        "COVID-19’s betydning",
        "Relevante links"
    );
}

#[test]
fn the_summary_says_what_changed_since_the_month_before() {
    // Hjørring, January 2020: the aktive tilbud average fell below 80.
    let m = model("Hjørring", "2020-01");
    let f = &m.status.forrige;
    assert_eq!(f.maaned.maaned, month("2019-12"));
    assert!(f.kriterier.is_some());
    assert!(
        f.skift.contains(&Skift {
            kriterium: KriteriumArt::Gennemsnit,
            maal: Some(Maal::AktiveTilbud),
            foer: Some(true),
            nu: Some(false),
        }),
        "{:?}",
        f.skift
    );
    assert_contains!(
        right_column("Hjørring", "2020-01"),
        "Siden december 2019: • Gennemsnittet for aktiv indsats over de seneste 12 mdr. faldt under 80 pct. i januar."
    );
    // No change: said so.
    assert_contains!(
        right_column("Hedensted", "2021-11"),
        "Ingen af de kriterier, status bygger på, har ændret sig siden oktober 2021."
    );
    // January 2021: the new rules, and the year's mean begins anew.
    assert_contains!(
        right_column("Ringsted", "2021-01"),
        "Fra januar 2021 gælder STARs regler for 2021 med fire kategorier",
        "Årets gennemsnit for aktiv indsats faldt under 80 pct. i januar.",
        "I januar begynder årets gennemsnit forfra."
    );
    // The first report: the month before has no status, and no changes.
    let m = model("Sorø", "2019-12");
    assert!(m.status.forrige.maaned.kategori.is_none() && m.status.forrige.skift.is_empty());
    assert_contains!(
        running_text(&page_text("Sorø", "2019-12")[1..2]),
        "November 2019: Før Jobcenterindblik."
    );
}

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
            procentpoint: 0.17
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
            procentpoint: 0.12
        }
    );
    assert_contains!(
        running_text(&page_text("Læsø", "2021-11")[2..3]),
        "Resultatmålet er ikke opfyldt: andelen på offentlig forsørgelse lå 0,12 procentpoint over den forventede, en forskel så lille, at den ikke ses i de afrundede antal fuldtidspersoner."
    );
}

#[test]
fn the_next_benchmark_period_follows_the_rule_sets_lag() {
    let m = model("Hedensted", "2021-11");
    let rm = &m.resultatmaal;
    assert_eq!(rm.naeste_maaned.maaned, month("2021-12"));
    assert_eq!(rm.naeste_maaned.periode.code(), "2021QMAT02");
    assert_eq!(rm.naeste_periode.maaned, month("2022-03"));
    assert_eq!(rm.naeste_periode.periode.code(), "2021QMAT04");
    let pages = page_text("Hedensted", "2021-11");
    assert_contains!(
        running_text(&pages[2..3]),
        "Juli 2020 – juni 2021 · Resultatmålet måles hvert halve år: rapporten for december 2021 bygger stadig på denne periode, og nye resultatmål, for januar 2021 – december 2021, forventes med rapporten for marts 2022."
    );
    assert_contains!(
        right_column("Hedensted", "2021-11"),
        "Resultatmålet måles hvert halve år: rapporten for december 2021 bygger stadig på denne periode, og nye resultatmål, for januar 2021 – december 2021, forventes med rapporten for marts 2022."
    );
    // August 2021: the next report is the first with a new period.
    assert_contains!(
        running_text(&page_text("Hedensted", "2021-08")[2..3]),
        "allerede rapporten for september 2021 bygger på en ny periode, juli 2020 – juni 2021."
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
fn figures_4_2_and_4_4_show_the_limit() {
    for (periode, samtaler, aktive) in [
        (
            "2020-08",
            "Skærpet tilsyns nedre grænse",
            "Skærpet tilsyns nedre grænse",
        ),
        (
            "2021-11",
            "Skærpet tilsyns nedre grænse",
            "Light tilsyns nedre grænse",
        ),
    ] {
        let pages = page_text("Sorø", periode);
        let figur = |n: &str| {
            pages
                .iter()
                .find(|p| p.contains(&format!("Figur {n}:")))
                .unwrap_or_else(|| panic!("figure {n}"))
                .clone()
        };
        assert_contains!(figur("4.2"), &format!("{samtaler} = 80 pct."));
        assert_contains!(figur("4.4"), &format!("{aktive} = 80 pct."));
    }
}

#[test]
fn the_bilag_and_the_overview_open_with_the_count_per_status() {
    let oversigt = Oversigt::build(&land("2021-11"));
    let antal: Vec<(Option<&str>, usize)> = oversigt
        .statusfordeling
        .iter()
        .map(|g| (g.kategori, g.antal))
        .collect();
    assert_eq!(
        antal,
        [
            (Some("risiko_for_skaerpet_tilsyn"), 0),
            (Some("risiko_for_light_tilsyn"), 13),
            (Some("aktuelt_ikke_i_risiko"), 53),
            (Some("inspirationskommune"), 32),
        ]
    );
    // Every kommune once, in the group of its own status.
    let mut koder: Vec<&String> = oversigt
        .statusfordeling
        .iter()
        .flat_map(|g| &g.kommuner)
        .collect();
    assert_eq!(koder.len(), 98);
    for g in &oversigt.statusfordeling {
        for kode in &g.kommuner {
            let row = oversigt
                .kommuner
                .iter()
                .find(|r| &r.kommune.kode == kode)
                .unwrap();
            assert_eq!(row.status.map(|s| s.key()), g.kategori, "{kode}");
        }
    }
    koder.sort();
    koder.dedup();
    assert_eq!(koder.len(), 98);
    let line = "Risiko for skærpet tilsyn 0 · Risiko for light tilsyn 13 · Aktuelt ikke i risiko 53 · Inspirationskommune 32";
    let pages = page_text("Hedensted", "2021-11");
    let bilag = pages
        .iter()
        .rposition(|p| p.contains("Bilag: Oversigt"))
        .unwrap();
    assert_contains!(running_text(&pages[bilag..bilag + 1]), line);
    // The overview: the same line, then the table alphabetically and by status.
    let doc = renderer()
        .compile_oversigt(&oversigt, &test_dokument("2021-11"))
        .expect("the overview lays out");
    let ov = page_texts(&doc);
    assert_eq!(ov.len(), 4, "two pages alphabetically, two by status");
    assert_contains!(running_text(&ov[..1]), line);
    let efter = running_text(&ov[2..]);
    assert_contains!(efter, "Kommunerne efter status, november 2021");
    let first_light = efter.find("Risiko for light tilsyn").unwrap();
    let first_inspiration = efter.find("Inspirationskommune").unwrap();
    assert!(first_light < first_inspiration, "the risks come first");
}

#[test]
fn the_relevant_links_are_links() {
    let pdf = renderer()
        .render(
            &model("Sorø", "2020-08"),
            &Oversigt::build(&land("2020-08")),
            &test_dokument("2020-08"),
        )
        .unwrap();
    let has = |s: &str| pdf.windows(s.len()).any(|w| w == s.as_bytes());
    for url in [
        "https://www.retsinformation.dk/Forms/R0710.aspx?id=211996",
        "https://star.dk/om-styrelsen/nyt/nyheder/2019/12/bekendtgoerelse-og-vejledning-om-skaerpet-tilsyn-er-offentliggjort/",
        "https://www.jobindsats.dk/jobindsats/nye-maalinger/2020/fokusmaalinger/",
    ] {
        assert!(has(&format!("/URI({url})")), "{url} is a link");
    }
}
