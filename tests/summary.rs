//! The summary and what came with it (issue 21): one page for every
//! kommune and month, what changed since the month before, how far the
//! kommune is from the resultatmål and when the next benchmark period
//! comes, the goal's limit in figures 4.2 and 4.4, the count per status in
//! the Bilag and the overview with its table by status, and the relevant
//! links; the resultatmål and the benchmark periods in [`resultatmaal`],
//! December and discretized figures in [`varianter`].

use std::sync::OnceLock;

use jobcenterindblik::domain::groups::Maal;
use jobcenterindblik::domain::kommune::danish_key;
use jobcenterindblik::measures::history::Statusarkiv;
use jobcenterindblik::measures::status::{KriteriumArt, Skift, Status};
use jobcenterindblik::model::Oversigt;
use jobcenterindblik::pdf::render::Renderer;
use jobcenterindblik::pdf::template::Template;
use jobcenterindblik::pdf::text::page_texts;
use jobcenterindblik::{Kommune, Landsbillede, ReportModel};
use typst_layout::PagedDocument;

use crate::util::{
    bookmarks, dataset, land, model, month, page_text, renderer, running_text, test_dokument,
};

/// The resultatmål: what it takes, and the benchmark periods: the next
/// one, on STAR's word or the lag's estimate; a new one; one named with
/// `--resultatperiode`.
mod resultatmaal;
/// December, and discretized figures.
mod varianter;

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
/// report, at a twelfth of the cost. Made once for all tests.
fn summary_renderer() -> &'static Renderer {
    static RENDERER: OnceLock<Renderer> = OnceLock::new();
    RENDERER.get_or_init(|| {
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
    })
}

/// The summary of `m` (of the month of `land`), laid out alone.
#[track_caller]
fn summary_of(m: &ReportModel, land: &Landsbillede<'_>) -> PagedDocument {
    summary_renderer()
        .compile(
            m,
            &Oversigt::build(land),
            &test_dokument(&m.periode.maaned.iso()),
        )
        .expect("the summary lays out")
}

/// The text of the summary's right-hand column (its sentences beside the
/// status and the resultatmål's table, and whatever of the header and the
/// fokusmål's table lies right of its edge) as one running text.
fn right_column(kommune: &str, periode: &str) -> String {
    right_column_of(&summary_of(&model(kommune, periode), &land(periode)))
}

/// The right-hand column of a laid-out summary: the text runs that start
/// right of the left column's edge. The columns are a stack of a block
/// 42.5 % of the text width wide and one beside it after 1.2em; the text
/// width runs from the left edge of the running header (its first run) to
/// the right edge of its last (right-aligned) run. (The page's own text
/// runs the two columns' lines together.)
fn right_column_of(doc: &PagedDocument) -> String {
    use typst::layout::{Frame, FrameItem, Point};
    fn walk(frame: &Frame, at: Point, out: &mut Vec<(f64, f64, f64, String)>) {
        for (pos, item) in frame.items() {
            let p = at + *pos;
            match item {
                FrameItem::Group(g) => {
                    let t = g.transform;
                    walk(&g.frame, p + Point::new(t.tx, t.ty), out)
                }
                FrameItem::Text(t) => out.push((
                    p.y.to_pt(),
                    p.x.to_pt(),
                    t.width().to_pt(),
                    t.text.to_string(),
                )),
                _ => {}
            }
        }
    }
    assert_eq!(doc.pages().len(), 1, "the summary is one page");
    let mut runs = Vec::new();
    walk(&doc.pages()[0].frame, Point::zero(), &mut runs);
    let left = runs.iter().map(|r| r.1).fold(f64::INFINITY, f64::min);
    let right = runs.iter().map(|r| r.1 + r.2).fold(0.0, f64::max);
    // The left column ends at 42.5 % of the text width; the right one
    // starts 1.2em (some 11 pt) after it.
    let edge = left + 0.425 * (right - left) + 1.0;
    runs.retain(|r| r.1 > edge);
    runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // Words joined by a space, except after a hyphen that ended a line
    // ("december-" "rapporten").
    let mut text = String::new();
    for word in runs.iter().flat_map(|r| r.3.split_whitespace()) {
        if !text.is_empty() && !text.ends_with('-') {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
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
                // One page, and the summary on it (an empty page would be one).
                Ok(doc)
                    if doc.pages().len() == 1
                        && running_text(&page_texts(&doc)).contains(&format!(
                            "{}, {}: status for skærpet tilsyn",
                            report.kommune.navn,
                            report.periode.tekst.to_lowercase()
                        )) =>
                {
                    laid_out += 1
                }
                Ok(doc) if doc.pages().len() == 1 => wrong.push(format!(
                    "{} {}: the page lacks the summary's first line:\n{}",
                    k.navn,
                    m.iso(),
                    page_texts(&doc)[0]
                )),
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
    assert_eq!(f.status.maaned, month("2019-12"));
    // The status stayed; only the average changed, so the year's mean
    // began anew in January without a word about it.
    assert!(f.kriterier.is_some() && f.samme_kategori && !f.aarets_gennemsnit_forfra);
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
    let f = model("Ringsted", "2021-01").status.forrige;
    assert!(f.nyt_regelsaet && f.aarets_gennemsnit_forfra, "{f:?}");
    assert_contains!(
        right_column("Ringsted", "2021-01"),
        "Fra januar 2021 gælder STARs regler for 2021 med fire kategorier",
        "Årets gennemsnit for aktiv indsats faldt under 80 pct. i januar.",
        "I januar begynder årets gennemsnit forfra."
    );
    // The first report: the month before has no status, and no changes.
    let m = model("Sorø", "2019-12");
    let f = &m.status.forrige;
    assert!(f.status.kategori.is_none() && f.skift.is_empty() && !f.ny_resultatperiode);
    assert_contains!(
        running_text(&page_text("Sorø", "2019-12")[1..2]),
        "November 2019: Før Jobcenterindblik."
    );
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
        .flat_map(|g| &g.koder)
        .collect();
    assert_eq!(koder.len(), 98);
    for g in &oversigt.statusfordeling {
        for kode in &g.koder {
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
    assert_contains!(
        running_text(&ov[2..]),
        "Kommunerne efter status, november 2021"
    );
    // Its rows: the statuses in the overview's order, the most serious
    // first, and within a status the kommuner in Danish alphabetical order.
    let orden = [
        Status::RisikoForSkaerpetTilsyn,
        Status::RisikoForLightTilsyn,
        Status::KanIkkeOpgoeres,
        Status::AktueltIkkeIRisiko,
        Status::Inspirationskommune,
    ];
    let rows: Vec<(usize, String)> = ov[2..]
        .iter()
        .flat_map(|p| p.lines())
        .filter_map(|l| {
            orden.iter().enumerate().find_map(|(i, s)| {
                let at = l.find(&format!(" {} ", s.label()))?;
                Some((i, danish_key(l[..at].trim())))
            })
        })
        .collect();
    assert_eq!(rows.len(), 98, "a row per kommune: {rows:?}");
    assert!(
        rows.windows(2).all(|w| w[0] <= w[1]),
        "by status, then by name: {rows:?}"
    );
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
