//! What a Danish reader trips over (issue 17, section 3), each held by a
//! test: names, which tilsyn each goal belongs to, one display rule for a
//! fokusmål average near 80, and the typography of the pages.

use jobcenterindblik::domain::value::Value::Known;
use jobcenterindblik::measures::krav::{Graense, gennemsnit_tekst};
use jobcenterindblik::model::Oversigt;
use jobcenterindblik::pdf::text::page_texts;

use crate::util::{
    Cmd, fixtures_with, land, model, page_text, renderer, running_text, stdout, test_dokument,
};

#[test]
fn headings_use_the_common_name_and_titles_the_official_one() {
    let pages = page_text("Nordfyn", "2021-11");
    assert_contains!(
        pages[0],
        "Nordfyns Kommunes \nJobcenterindblikrapport\nfor november 2021"
    );
    assert_contains!(
        pages[2],
        "Hvordan klarer Nordfyn sig?",
        "Jobcenterindblik · Nordfyn · November 2021"
    );
    assert_contains!(pages[3], "Hvad er Nordfyns nuværende status");
    assert!(!running_text(&pages).contains("Nordfyns'"));
    assert_contains!(
        running_text(&page_text("Vesthimmerland", "2021-11")),
        "Hvordan klarer Vesthimmerland sig?"
    );
    // The PDF's title and subject (description) name the official name.
    for (navn, titel, emne) in [
        (
            "København",
            "Københavns Kommunes Jobcenterindblikrapport for november 2021",
            "for Københavns Kommune, november 2021",
        ),
        (
            "Bornholm",
            "Bornholms Regionskommunes Jobcenterindblikrapport for november 2021",
            "for Bornholms Regionskommune, november 2021",
        ),
    ] {
        let pdf = renderer()
            .render(
                &model(navn, "2021-11"),
                &Oversigt::build(&land("2021-11")),
                &test_dokument("2021-11"),
            )
            .unwrap();
        let has = |s: &str| pdf.windows(s.len()).any(|w| w == s.as_bytes());
        assert!(has(&format!(">{titel}</rdf:li>")), "{navn}: title");
        assert!(has(emne), "{navn}: subject");
    }
}

#[test]
fn in_2021_each_goal_names_the_tilsyn_it_decides() {
    let pages = page_text("Hedensted", "2021-11");
    let text = running_text(&pages);
    assert_contains!(
        text,
        "Fokusmål for skærpet og light tilsyn",
        "Samtaler (skærpet tilsyn): I gennemsnit",
        "Aktiv indsats (light tilsyn): I gennemsnit",
        "i forhold til skærpet tilsyns tærskelværdi for samtaler?",
        "Skærpet tilsyns nedre grænse = 80 pct.",
        "i forhold til light tilsyns tærskelværdi for beskæftigelsesrettede tilbud?",
        "Light tilsyns nedre grænse = 80 pct.",
        "de sidste 12 mdr. (fokusmålet for light tilsyn)",
        "fordelt på ydelser (fokusmålet for light tilsyn)."
    );
    // In 2020 both goals belonged to skærpet tilsyn, as STAR's reports say.
    let text = running_text(&page_text("Sorø", "2020-08"));
    assert_contains!(text, "Fokusmål for skærpet tilsyn Opfyldelse");
    assert!(!text.contains("light tilsyn"), "{text}");
}

#[test]
fn the_pages_read_as_danish() {
    let pages = page_text("Sorø", "2020-08");
    let text = running_text(&pages);
    assert_contains!(
        text,
        // A true minus sign, and the headers of STAR's 2021 tables.
        "1.710 1.670 −40",
        "9,10 8,84 −0,26",
        "(pct.) (pct.) (pct.-point)",
        "opfyldt* (pct.)*",
        "blandt 16-66-årige i kommunen",
        // One range style for every period.
        "Juli 2019 – juni 2020",
        "Status måned for måned: september 2019 – august 2020",
        // Figure 4.2 names its unit.
        "Figur 4.2: Andel (pct.) og antal unikke ydelsesmodtagere",
        // Month names are lower case inside a sentence.
        "Sorø Kommunes Jobcenterindblikrapport for august 2020",
        // The status month by month says how it was computed.
        "men med de tal, der ligger i data i dag. Senere registreringer er altså talt med"
    );
    for wrong in [
        "begge de to",
        "16-66 årige",
        " - ",
        "(%)",
        "(%-point)",
        "23 måneder",
        "månedens egen rapport kan laves",
    ] {
        assert!(!text.contains(wrong), "{wrong:?} in:\n{text}");
    }
    assert!(!text.contains(" -0,"), "no hyphen for a minus");
}

#[test]
fn figure_4_2s_counts_agree_with_its_bars_and_empty_groups_come_last() {
    // Sorø, August 2020, aktive tilbud: Revalidering 95,8 pct. of 9 unique
    // persons was "9 + 0 (95,8 %)" beside a visible orange part.
    let text = running_text(&page_text("Sorø", "2020-08"));
    assert_contains!(text, "Revalidering 8 + 1 (95,8 %)");
    assert!(!text.contains("9 + 0 (95,8 %)"));
    // Læsø, November 2021: Revalidering had no persons; it comes last and
    // says so, in figures 4.2 and 5.2.
    let m = model("Læsø", "2021-11");
    let yg = &m.fokusmaal[0].ydelsesgrupper_3_mdr.grupper;
    assert!(yg.last().unwrap().er_tom(), "{yg:?}");
    assert!(yg[..yg.len() - 1].iter().all(|g| !g.er_tom()));
    let text = running_text(&page_text("Læsø", "2021-11"));
    assert_contains!(
        text,
        "Ressourceforløb (.) Revalidering ingen personer 0 % 20 %",
        "Revalidering ingen personer 0 1"
    );
    assert!(!text.contains("0 + 0"));
}

#[test]
fn figure_2_1s_areas_add_up_to_table_1_1() {
    for (navn, periode) in [("Sorø", "2020-08"), ("Hedensted", "2021-11")] {
        let m = model(navn, periode);
        let omraader = &m.kapitel_2.ydelsesomraader;
        let sum = |f: fn(&jobcenterindblik::model::report::Ydelsesomraade) -> f64| -> f64 {
            omraader[1..].iter().map(f).sum()
        };
        let total = &m.resultatmaal.fuldtidspersoner;
        assert_eq!(
            sum(|o| o.fuldtidspersoner.forventet.known().unwrap()),
            total.forventet.known().unwrap(),
            "{navn}"
        );
        assert_eq!(
            sum(|o| o.fuldtidspersoner.faktisk.known().unwrap()),
            total.faktisk.known().unwrap(),
            "{navn}"
        );
    }
}

/// The averages near the limit that the display rule is tried on.
const NEAR_80: [f64; 8] = [79.9966, 79.995, 79.994, 79.96, 80.0, 80.004, 79.949, 87.844];

#[test]
fn an_average_below_80_never_prints_as_80_in_the_pdf_or_the_program() {
    // The template's `mod-graense` and the program's `gennemsnit_tekst` are
    // one rule: a template that prints `mod-graense` for each value must
    // print what the program does.
    let mut template = jobcenterindblik::pdf::template::Template::embedded();
    let values: Vec<String> = NEAR_80.iter().map(|x| format!("{x:?}")).collect();
    let main = format!(
        "#import \"lib/format.typ\": mod-graense\n#for x in ({},) [#mod-graense(x, 80, d: 2) #mod-graense(x, 80, d: 1) \\ ]\n",
        values.join(", ")
    );
    for (path, bytes) in &mut template.files {
        if path == "main.typ" {
            *bytes = main.clone().into_bytes();
        }
    }
    let r = jobcenterindblik::pdf::render::Renderer::new(&template).unwrap();
    let doc = r
        .compile(
            &model("Sorø", "2020-08"),
            &Oversigt::build(&land("2020-08")),
            &test_dokument("2020-08"),
        )
        .unwrap();
    let printed: Vec<String> = page_texts(&doc)[0]
        .lines()
        .map(|l| l.trim().to_string())
        .collect();
    let program: Vec<String> = NEAR_80
        .iter()
        .map(|&x| {
            format!(
                "{} {}",
                gennemsnit_tekst(Known(x), Graense::mindst(80.0), 2),
                gennemsnit_tekst(Known(x), Graense::mindst(80.0), 1)
            )
        })
        .collect();
    assert_eq!(printed, program);
    assert_eq!(program[0], "79,99 79,9");
}

#[test]
fn status_csv_prints_an_average_below_80_as_the_pdf_does() {
    // Frederikshavn, November 2021: aktive tilbud 79,9966.
    let dir = tempfile::tempdir().unwrap();
    Cmd::batch("2021-11")
        .json()
        .fixtures()
        .out("ud")
        .current_dir(dir.path())
        .succeeds();
    let csv = std::fs::read_to_string(dir.path().join("ud/status.csv")).unwrap();
    let row = csv
        .lines()
        .find(|l| l.starts_with("813;Frederikshavn;"))
        .unwrap();
    let cells: Vec<&str> = row.split(';').collect();
    assert_eq!(cells[7], "79,99", "{row}");
    assert!(!csv.contains(";80,00;"), "no average prints as the limit");
    // status.json keeps the figure unrounded and prints it nowhere as text.
    let json = std::fs::read_to_string(dir.path().join("ud/status.json")).unwrap();
    assert!(!json.contains("80,00"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kommune"]["kode"] == "813")
        .unwrap();
    let a = f["aktive_tilbud"]["gennemsnit_12_mdr"].as_f64().unwrap();
    assert!(a < 80.0 && a > 79.99, "{a}");
    // The PDF says the same.
    assert_contains!(
        running_text(&page_text("Frederikshavn", "2021-11")),
        "79,99 82,65"
    );
}

#[test]
fn tilsyn_prints_an_average_below_80_as_the_pdf_does() {
    // Frederikshavn's aktive tilbud of December 2021 made the same as
    // December 2020's: January to December 2021 are then December 2020 to
    // November 2021 in another order, whose mean is 79,9966.
    let data = fixtures_with("fokusmaal-aktive-tilbud.csv", |t| {
        let december_2020: Vec<&str> = t
            .lines()
            .filter(|l| l.starts_with("Frederikshavn;2020M12;"))
            .collect();
        t.split_inclusive('\n')
            .map(|l| {
                if l.starts_with("Frederikshavn;2021M12;") {
                    let group = l.split(';').nth(2).unwrap();
                    let anc = l.split(';').nth(3).unwrap();
                    let same = december_2020
                        .iter()
                        .find(|d| {
                            d.split(';').nth(2) == Some(group) && d.split(';').nth(3) == Some(anc)
                        })
                        .unwrap();
                    same.replacen("2020M12", "2021M12", 1) + "\r\n"
                } else {
                    l.to_string()
                }
            })
            .collect()
    });
    let tilsyn = || Cmd::new(["tilsyn", "--aar", "2021"]).data(data.path());
    let json = tilsyn().json().succeeds();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let f = v["kommuner"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kommune"]["kode"] == "813")
        .unwrap();
    let a = f["aktive_tilbud_gennemsnit"].as_f64().unwrap();
    assert!(a < 80.0 && a > 79.995, "{a}");
    let csv = tilsyn().args(["--format", "csv"]).run();
    let row = stdout(&csv)
        .lines()
        .find(|l| l.contains(";813;"))
        .unwrap()
        .to_string();
    assert_eq!(row.split(';').nth(6), Some("79,99"), "{row}");
    let table = tilsyn().run();
    let line = stdout(&table)
        .lines()
        .find(|l| l.starts_with("Frederikshavn"))
        .unwrap()
        .to_string();
    assert!(line.contains(" 79,99") && !line.contains("80,00"), "{line}");
}
