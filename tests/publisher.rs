//! The publisher (`--udgiver`): the imprint and the PDF's author name the
//! one given, or none; every page names it or only the source; and a name
//! that does not fit a line of the report or its fonts is refused.

use jobcenterindblik::model::Oversigt;
use jobcenterindblik::pdf::render::Dokument;
use jobcenterindblik::pdf::text::page_texts;

use crate::util::{Cmd, land, model, renderer, stderr, test_dokument};

#[test]
fn the_imprint_names_the_publisher_given_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = |name: &str, extra: &[&str]| {
        let path = dir.path().join(name);
        Cmd::report("Sorø", "2020-08")
            .fixtures()
            .out(&path)
            .args(extra)
            .succeeds();
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

#[test]
fn udgiver_must_fit_a_line_of_the_report_and_its_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let report = |udgiver: &str| {
        Cmd::report("Sorø", "2020-08")
            .fixtures()
            .args(["--udgiver", udgiver])
            .current_dir(dir.path())
    };
    let long = "Jobcenter ".repeat(10_000);
    for (udgiver, says) in [
        ("Sorø\nKommune", "--udgiver holds a line break (U+000A)"),
        ("Sorø Kommune\r\nX", "--udgiver holds a line break (U+000D)"),
        (
            "Sorø\u{7}Kommune",
            "--udgiver holds a control character (U+0007)",
        ),
        (
            "Sorø \u{202E}enummoK",
            "--udgiver holds a character that turns the direction of text (U+202E)",
        ),
        (
            &long[..201],
            "--udgiver is 201 characters long; a publisher's name may have at most 200",
        ),
        (&long, "--udgiver is 99999 characters long"),
        // The embedded fonts have no flags: the header would show boxes.
        (
            "Sorø Kommune 🇩🇰",
            "error: --udgiver \"Sorø Kommune 🇩🇰\": the report's fonts cannot show 🇩🇰 (U+1F1E9, U+1F1F0)",
        ),
    ] {
        let o = report(udgiver).fails(2);
        assert_contains!(stderr(&o), says);
        assert!(stderr(&o).len() < 1000, "the 100 KB are not echoed");
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no report was made"
    );
    // What a Danish publisher writes passes, its length at the limit too.
    report("Høje-Taastrup Kommune – «Jobcenter Øst» & Co.’s Café").succeeds();
    report(&"Æ".repeat(200)).out("lang.pdf").succeeds();
    // Blanks around the name (a line break a script left) are trimmed once,
    // before any check: the name is the same to all of them.
    report("  Sorø Kommune\n").out("trimmed.pdf").succeeds();
    let pdf = std::fs::read(dir.path().join("trimmed.pdf")).unwrap();
    let has = |s: &str| pdf.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(has(">Sorø Kommune</rdf:li>"), "the author, trimmed");
    // JSON has no publisher and no template: say so.
    let o = report("Sorø Kommune")
        .json()
        .out("sorø.json")
        .template("skabelon")
        .succeeds();
    assert_contains!(
        stderr(&o),
        "warning: --udgiver has no effect with --format json",
        "warning: --template has no effect with --format json"
    );
}
