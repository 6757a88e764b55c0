//! The PDF report: its properties, determinism, accessibility and the text
//! every page shows.

use jobcenterindblik::model::Oversigt;
use jobcenterindblik::pdf::text::page_texts;

use crate::util::{Cmd, land, model, renderer, test_dokument};

fn render(kommune: &str, periode: &str) -> Vec<u8> {
    let m = model(kommune, periode);
    renderer()
        .render(
            &m,
            &Oversigt::build(&land(periode)),
            &test_dokument(periode),
        )
        .expect("the report renders")
}

fn texts(kommune: &str, periode: &str) -> Vec<String> {
    let m = model(kommune, periode);
    let doc = renderer()
        .compile(
            &m,
            &Oversigt::build(&land(periode)),
            &test_dokument(periode),
        )
        .expect("the report lays out");
    page_texts(&doc)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn the_pdf_has_its_title_language_pages_and_pdf_ua_identification() {
    let pdf = render("Sorø", "2020-08");
    assert!(pdf.starts_with(b"%PDF-1.7"), "not a PDF");
    assert!(contains(
        &pdf,
        "<rdf:li xml:lang=\"x-default\">Sorø Kommunes Jobcenterindblikrapport for august 2020</rdf:li>"
    ));
    assert!(
        contains(&pdf, "<pdfuaid:part>1</pdfuaid:part>"),
        "PDF/UA-1 is declared"
    );
    assert!(contains(&pdf, "/Lang(da-DK)"));
    // No --udgiver: the report names no author (it is not STAR's own).
    assert!(!contains(&pdf, "<dc:creator>"));
    assert!(contains(&pdf, "/Outlines"), "headings become bookmarks");
    let m = model("Sorø", "2020-08");
    let doc = renderer()
        .compile(
            &m,
            &Oversigt::build(&land("2020-08")),
            &test_dokument("2020-08"),
        )
        .unwrap();
    assert_eq!(doc.pages().len(), 12);
}

#[test]
fn two_processes_write_the_same_bytes() {
    // Typst's caches live in one process, so two renders there would share
    // them; only separate processes show that nothing of the run (the time,
    // addresses, hash seeds, the working folder) reaches the PDF.
    let render_in_a_new_process = || {
        let dir = tempfile::tempdir().unwrap();
        Cmd::report("Ballerup", "2020-09")
            .out("r.pdf")
            .fixtures()
            .current_dir(dir.path())
            .succeeds();
        std::fs::read(dir.path().join("r.pdf")).unwrap()
    };
    let first = render_in_a_new_process();
    let second = render_in_a_new_process();
    assert!(first.starts_with(b"%PDF-"));
    assert!(first == second, "two processes wrote different PDFs");
}

#[test]
fn every_seed_table_figure_is_printed() {
    let pages = texts("Sorø", "2020-08");
    assert_contains!(
        pages[0],
        "Sorø Kommunes Jobcenterindblikrapport",
        "for august 2020",
        "3. Tidlig indsats (midlertidigt udgået af rapporten)"
    );
    let overblik = &pages[2];
    assert_contains!(
        overblik,
        "Tabel 1.1: Hvor mange borgere forsørges af kommunen?\nJuli 2019 – juni 2020",
        "1.710 1.670 −40",
        " 18\n",
        "Tabel 1.3: Får kommunens langvarige ydelsesmodtagere en indsats?\nJuni 2020 – august 2020",
        "578 538 93,1",
        "567 508 89,6",
        "9,10 8,84 −0,26",
        "89,49 Ok",
        "88,90 Ok"
    );
    assert_contains!(
        pages[3],
        "Tabel 1.6: Hvad er Sorøs nuværende status ift. skærpet tilsyn?",
        "Inspirationskommune"
    );
    let b = texts("Ballerup", "2020-09");
    assert_contains!(
        b[2],
        "2.920 2.760 −160",
        "1.146 958 83,6",
        "1.032 924 89,5",
        "9,65 9,11 −0,54",
        "75,58 90,88",
        "88,17 Ok"
    );
    assert_contains!(
        b[3],
        "Hvad er Ballerups nuværende status",
        "Aktuelt ikke i risiko"
    );
    let h = texts("Hedensted", "2021-11");
    assert_contains!(
        h[2],
        "2.490 2.440 −50",
        "8,47 8,28 −0,19",
        "87,84 Ok",
        "89,24 Ok",
        "Juli 2020 – juni 2021"
    );
}

#[test]
fn text_of_every_page() {
    insta::glob!("cases/reports/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let (kommune, periode) = text.trim().rsplit_once(' ').expect("<kommune> <YYYY-MM>");
        let pages = texts(kommune, periode);
        let joined: Vec<String> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| format!("=== side {} ===\n{p}", i + 1))
            .collect();
        insta::assert_snapshot!(joined.join("\n\n"));
    });
}

#[test]
fn names_full_of_typst_markup_print_as_themselves() {
    let mut m = model("Sorø", "2020-08");
    let odd: &'static str = Box::leak("#Sø*r_ø$[x] \\ `y` @z <w>".to_string().into_boxed_str());
    m.kommune.navn = odd;
    m.kommune.genitiv = format!("{odd}s");
    m.kommune.officielt_genitiv = format!("{odd} Kommunes");
    let oversigt = Oversigt::build(&land("2020-08"));
    let doc = renderer()
        .compile(&m, &oversigt, &test_dokument("2020-08"))
        .expect("markup characters in data are data");
    let pages = page_texts(&doc);
    assert_contains!(
        pages[0],
        "#Sø*r_ø$[x] \\ `y` @z <w> Kommunes Jobcenterindblikrapport"
    );
    assert_contains!(
        pages[3],
        "Hvad er #Sø*r_ø$[x] \\ `y` @z <w>s nuværende status"
    );
}

/// The chart module copes with empty data, zeros, one category, ten groups,
/// discretized values and shares at 100 (`tests/templates/chart-extremes.typ`).
#[test]
fn charts_survive_extreme_data() {
    let mut template = jobcenterindblik::pdf::template::Template::embedded();
    let gallery = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/templates/chart-extremes.typ"),
    )
    .unwrap();
    for (path, bytes) in &mut template.files {
        if path == "main.typ" {
            *bytes = gallery.clone();
        }
    }
    let r = jobcenterindblik::pdf::render::Renderer::new(&template).unwrap();
    let m = model("Sorø", "2020-08");
    let doc = r
        .compile(
            &m,
            &Oversigt::build(&land("2020-08")),
            &test_dokument("2020-08"),
        )
        .expect("the chart gallery lays out");
    let text = page_texts(&doc).join("\n");
    assert_contains!(
        text,
        "Søjler: lutter nuller",
        "(.)",
        "12.345",
        "Gruppe 9",
        "80 pct.",
        "99,5",
        "Ingen tal for perioden"
    );
    if let Ok(dir) = std::env::var("JOBCENTERINDBLIK_GALLERY") {
        let pdf = r
            .pdf(&doc, "gallery", test_dokument("2020-08").dato)
            .unwrap();
        std::fs::write(std::path::Path::new(&dir).join("chart-extremes.pdf"), pdf).unwrap();
    }
}

/// Calls `f` with every item of a frame and its groups, and the item's
/// vertical position on the page in pt.
fn each_item(
    frame: &typst::layout::Frame,
    dy: f64,
    f: &mut impl FnMut(f64, &typst::layout::FrameItem),
) {
    for (pos, item) in frame.items() {
        let y = dy + pos.y.to_pt();
        match item {
            typst::layout::FrameItem::Group(g) => {
                each_item(&g.frame, y + g.transform.ty.to_pt(), f)
            }
            item => f(y, item),
        }
    }
}

/// Every text run and every highlight band on a page, by vertical position.
fn walk(frame: &typst::layout::Frame, texts: &mut Vec<(f64, String)>, bands: &mut Vec<(f64, f64)>) {
    use typst::layout::FrameItem;
    let highlight =
        typst::visualize::Paint::Solid(typst::visualize::Color::from_u8(0xff, 0xf4, 0xd6, 0xff));
    each_item(frame, 0.0, &mut |y, item| match item {
        FrameItem::Text(t) => texts.push((y, t.text.to_string())),
        FrameItem::Shape(shape, _) if shape.fill.as_ref() == Some(&highlight) => {
            let bbox = shape.bbox(false);
            bands.push((y + bbox.min.y.to_pt(), y + bbox.max.y.to_pt()));
        }
        _ => {}
    });
}

#[test]
fn the_bilag_marks_the_reports_own_kommune_and_no_other() {
    // Aabenraa is the first row of the first Bilag page, Sorø on the second,
    // Ærø the last row of all.
    for kommune in ["Aabenraa", "Sorø", "Ærø"] {
        let m = model(kommune, "2020-08");
        let doc = renderer()
            .compile(
                &m,
                &Oversigt::build(&land("2020-08")),
                &test_dokument("2020-08"),
            )
            .expect("the report lays out");
        let mut marked = Vec::new();
        for (i, page) in doc.pages().iter().enumerate() {
            let (mut texts, mut bands) = (Vec::new(), Vec::new());
            walk(&page.frame, &mut texts, &mut bands);
            for (top, bottom) in bands {
                let inside: Vec<&str> = texts
                    .iter()
                    .filter(|(y, _)| *y > top && *y < bottom)
                    .map(|(_, t)| t.as_str())
                    .collect();
                marked.push((i + 1, inside.first().map(|s| s.to_string())));
            }
        }
        assert_eq!(marked.len(), 1, "{kommune}: one band, found {marked:?}");
        assert_eq!(
            marked[0].1.as_deref(),
            Some(kommune),
            "{kommune}: {marked:?}"
        );
        assert!(
            marked[0].0 >= doc.pages().len() - 1,
            "on a Bilag page: {marked:?}"
        );
    }
}

#[test]
fn the_bilag_looks_the_same_in_a_report_and_in_the_overview() {
    // The report's own table style (main.typ: 8.5 pt, its strokes) must not
    // reach the Bilag, and the overview must not fall back on Typst's black
    // table lines: the table is styled by lib/bilag.typ alone.
    let periode = "2020-08";
    let oversigt = Oversigt::build(&land(periode));
    let report = renderer()
        .compile(&model("Sorø", periode), &oversigt, &test_dokument(periode))
        .expect("the report lays out");
    let overview = renderer()
        .compile_oversigt(&oversigt, &test_dokument(periode))
        .expect("the overview lays out");
    let size_of = |doc: &typst_layout::PagedDocument, name: &str| {
        use typst::layout::FrameItem;
        let (mut texts, mut strokes) = (Vec::new(), Vec::new());
        for page in doc.pages() {
            each_item(&page.frame, 0.0, &mut |_, item| match item {
                FrameItem::Text(t) => texts.push((t.text.to_string(), t.size.to_pt())),
                FrameItem::Shape(shape, _) => {
                    strokes.extend(shape.stroke.iter().map(|s| s.paint.clone()))
                }
                _ => {}
            });
        }
        let black = typst::visualize::Paint::Solid(typst::visualize::Color::BLACK);
        assert!(!strokes.contains(&black), "no black lines");
        texts
            .iter()
            .rev()
            .find(|(t, _)| t == name)
            .map(|(_, size)| *size)
            .unwrap_or_else(|| panic!("{name} is printed"))
    };
    for name in ["Aabenraa", "Vallensbæk", "Ærø"] {
        assert_eq!(size_of(&report, name), 7.2, "{name} in the report");
        assert_eq!(size_of(&overview, name), 7.2, "{name} in the overview");
    }
}

#[test]
fn the_bilag_names_the_statuses_in_one_order() {
    // The count, the legend and the overview's table by status all put the
    // most serious first (the count and the table did; the legend had the
    // Forklaring's order, Inspirationskommune first).
    let pages = texts("Hedensted", "2021-11");
    let bilag = pages
        .iter()
        .rposition(|p| p.contains("Bilag: Oversigt"))
        .unwrap();
    // (The extracted text has a space between a label and its colon.)
    let text = &pages[bilag].replace(" :", ":");
    let legend = |label: &str| {
        text.find(&format!("{label}:"))
            .unwrap_or_else(|| panic!("{label} in the legend:\n{text}"))
    };
    let order = [
        "Risiko for skærpet tilsyn",
        "Risiko for light tilsyn",
        "Aktuelt ikke i risiko",
        "Inspirationskommune",
    ];
    for pair in order.windows(2) {
        assert!(legend(pair[0]) < legend(pair[1]), "{pair:?}:\n{text}");
    }
}
