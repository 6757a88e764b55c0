//! Every figure that STAR's published reports print (Sorø August 2020,
//! Ballerup September 2020, the dashboard for Hedensted November 2021 and its
//! overview), asserted directly against the models made from the fixtures,
//! so that a snapshot accepted by mistake cannot hide a wrong number.
//!
//! The figures are a table: each entry names a place in the report and gives
//! it as printed; [`printed`] reads that place off a model the same way.

use jobcenterindblik::ReportModel;
use jobcenterindblik::domain::groups::Maal::{self, AktiveTilbud, Samtaler};
use jobcenterindblik::domain::value::Value;
use jobcenterindblik::measures::ranks::Placering;
use jobcenterindblik::model::Oversigt;

use crate::util::{da, goal, krav, land, model};

/// One published report: whose, which month, and its figures as printed.
struct Published {
    kommune: &'static str,
    periode: &'static str,
    figures: &'static [(&'static str, &'static str)],
}

const PUBLISHED: &[Published] = &[
    Published {
        kommune: "Sorø",
        periode: "2020-08",
        figures: &[
            ("genitiv", "Sorøs"),
            ("periode", "August 2020"),
            ("tabel 1.1 periode", "Juli 2019 - juni 2020"),
            ("tabel 1.1", "1.710 1.670 -40 18"),
            ("tabel 1.4", "9,10 8,84 -0,26"),
            ("tabel 1.3 periode", "Juni 2020 - august 2020"),
            ("tabel 1.3 samtaler", "578 538 93,1 21"),
            ("tabel 1.3 aktive tilbud", "567 508 89,6 27"),
            ("tabel 1.5 samtaler", "89,49 Ok"),
            ("tabel 1.5 aktive tilbud", "88,90 Ok"),
            ("tabel 1.6", "Inspirationskommune"),
        ],
    },
    Published {
        kommune: "Ballerup",
        periode: "2020-09",
        figures: &[
            ("genitiv", "Ballerups"),
            ("tabel 1.1 periode", "Juli 2019 - juni 2020"),
            ("tabel 1.1", "2.920 2.760 -160 7"),
            ("tabel 1.4", "9,65 9,11 -0,54"),
            ("tabel 1.3 periode", "Juli 2020 - september 2020"),
            ("tabel 1.3 samtaler", "1.146 958 83,6 79"),
            ("tabel 1.3 aktive tilbud", "1.032 924 89,5 28"),
            ("tabel 1.5 samtaler", "75,58 90,88"),
            ("tabel 1.5 aktive tilbud", "88,17 Ok"),
            ("tabel 1.6", "Aktuelt ikke i risiko"),
        ],
    },
    Published {
        kommune: "Hedensted",
        periode: "2021-11",
        figures: &[
            ("tabel 1.1 periode", "Juli 2020 - juni 2021"),
            ("tabel 1.1", "2.490 2.440 -50 24"),
            ("tabel 1.4", "8,47 8,28 -0,19"),
            ("måned samtaler", "90,5 666 736 91"),
            ("måned aktive tilbud", "89,3 644 721 19"),
            ("12 mdr. periode", "December 2020 - november 2021"),
            ("12 mdr. samtaler", "87,84 87,8 1.261 1.108 Ok"),
            ("12 mdr. aktive tilbud", "89,24 89,2 Ok"),
            ("tabel 1.6", "Inspirationskommune"),
        ],
    },
];

/// The goal a place names by its last words.
fn goal_of(what: &str) -> Maal {
    if what.ends_with("samtaler") {
        Samtaler
    } else {
        AktiveTilbud
    }
}

/// A rank as printed: the place, or `.`.
fn rank(p: Option<Placering>) -> String {
    p.map_or(".".to_string(), |p| p.plads.to_string())
}

/// The place `what` of a report model, formatted as the published reports print it.
fn printed(m: &ReportModel, what: &str) -> String {
    let r = &m.resultatmaal;
    let (f, a) = (&r.fuldtidspersoner, &r.andel);
    let fokus = goal(m, goal_of(what));
    let figures: Vec<String> = match what {
        "genitiv" => vec![m.kommune.genitiv.clone()],
        "periode" => vec![m.periode.tekst.clone()],
        "tabel 1.1 periode" => vec![r.periode.label()],
        "tabel 1.1" => vec![
            da(f.forventet, 0),
            da(f.faktisk, 0),
            da(f.forskel, 0),
            rank(r.placering),
        ],
        "tabel 1.4" => vec![da(a.forventet, 2), da(a.faktisk, 2), da(a.forskel, 2)],
        "tabel 1.3 periode" => vec![fokus.tre_mdr.periode.label()],
        "12 mdr. periode" => vec![fokus.tolv_mdr.periode.label()],
        "tabel 1.6" => vec![m.status.status.label().to_string()],
        _ if what.starts_with("tabel 1.3 ") => {
            let t = &fokus.tre_mdr;
            let opfyldt = da(t.opfyldt, 0);
            vec![
                da(t.unikke_personer, 0),
                opfyldt,
                da(t.andel, 1),
                rank(t.placering),
            ]
        }
        _ if what.starts_with("tabel 1.5 ") => {
            let t = &fokus.tolv_mdr;
            vec![da(t.gennemsnit, 2), krav(t.krav.vurdering.krav)]
        }
        _ if what.starts_with("måned ") => {
            let t = &fokus.maaned;
            let opfyldt = da(t.opfyldt, 0);
            vec![
                da(t.andel, 1),
                opfyldt,
                da(t.personer, 0),
                rank(t.placering),
            ]
        }
        "12 mdr. samtaler" => {
            let t = &fokus.tolv_mdr;
            vec![
                da(t.gennemsnit, 2),
                da(t.gennemsnit, 1),
                da(t.unikke_personer, 0),
                da(t.opfyldt, 0),
                krav(t.krav.vurdering.krav),
            ]
        }
        "12 mdr. aktive tilbud" => {
            let t = &fokus.tolv_mdr;
            vec![
                da(t.gennemsnit, 2),
                da(t.gennemsnit, 1),
                krav(t.krav.vurdering.krav),
            ]
        }
        _ => panic!("no place {what:?} in a report"),
    };
    figures.join(" ")
}

#[test]
fn every_published_figure() {
    let mut wrong = Vec::new();
    for p in PUBLISHED {
        let m = model(p.kommune, p.periode);
        for (what, want) in p.figures {
            // STAR prints a range of months with a hyphen, the report with
            // an en dash (issue 17): the months are what must agree.
            let got = printed(&m, what).replace(" – ", " - ");
            if got != *want {
                wrong.push(format!(
                    "{} {}, {what}: published {want:?}, computed {got:?}",
                    p.kommune, p.periode
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The dashboard's overview for November 2021 (it prints "Faisnæs" for
/// Halsnæs and "Løse" for Lejre).
#[test]
fn the_november_2021_overview() {
    const PRINTED: &str = "\
Halsnæs	Aktuelt ikke i risiko	0,53	94,05	Ok	81,53	Ok
Hedensted	Inspirationskommune	-0,19	87,84	Ok	89,24	Ok
Helsingør	Inspirationskommune	-0,24	97,57	Ok	82,73	Ok
Herlev	Aktuelt ikke i risiko	-0,54	86,01	Ok	63,84	kan ikke nås
Herning	Inspirationskommune	-0,35	88,23	Ok	81,75	Ok
Hillerød	Aktuelt ikke i risiko	-0,50	93,58	Ok	78,41	97,80
Hjørring	Inspirationskommune	-0,08	97,33	Ok	80,72	Ok
Holbæk	Inspirationskommune	-0,36	92,79	Ok	83,49	Ok
Holstebro	Inspirationskommune	-0,07	87,57	Ok	93,57	Ok
Horsens	Aktuelt ikke i risiko	0,19	96,92	Ok	93,10	Ok
Hvidovre	Risiko for light tilsyn	0,62	93,01	Ok	73,42	kan ikke nås
Høje-Taastrup	Risiko for light tilsyn	0,86	92,12	Ok	70,73	kan ikke nås
Hørsholm	Aktuelt ikke i risiko	-0,18	93,44	Ok	74,70	kan ikke nås
Ikast-Brande	Risiko for light tilsyn	0,79	88,85	Ok	78,04	kan ikke nås
Ishøj	Aktuelt ikke i risiko	-0,18	88,65	Ok	78,18	kan ikke nås
Jammerbugt	Aktuelt ikke i risiko	-0,04	94,27	Ok	77,84	kan ikke nås
Kalundborg	Risiko for light tilsyn	0,51	95,83	Ok	78,98	92,40
Kerteminde	Inspirationskommune	-0,15	95,86	Ok	82,57	Ok
Kolding	Aktuelt ikke i risiko	-0,03	88,32	Ok	70,74	kan ikke nås
København	Aktuelt ikke i risiko	0,30	95,92	Ok	80,03	83,30
Køge	Risiko for light tilsyn	0,03	95,09	Ok	79,57	85,80
Langeland	Aktuelt ikke i risiko	0,82	99,19	Ok	85,30	Ok
Lejre	Risiko for light tilsyn	0,47	82,62	Ok	75,78	kan ikke nås";
    let oversigt = Oversigt::build(&land("2021-11"));
    assert_eq!(oversigt.kommuner.len(), 98);
    let ours: Vec<String> = oversigt
        .kommuner
        .iter()
        .filter(|r| {
            PRINTED
                .lines()
                .any(|l| l.split('\t').next() == Some(r.kommune.navn))
        })
        .map(|r| {
            let (s, a) = (
                r.maal[Samtaler].as_ref().unwrap(),
                r.maal[AktiveTilbud].as_ref().unwrap(),
            );
            [
                r.kommune.navn.to_string(),
                r.status.unwrap().label().to_string(),
                da(r.resultatmaal_forskel.unwrap_or(Value::Discretized), 2),
                da(s.gennemsnit_12_mdr, 2),
                krav(s.krav.vurdering.krav),
                da(a.gennemsnit_12_mdr, 2),
                krav(a.krav.vurdering.krav),
            ]
            .join("\t")
        })
        .collect();
    assert_eq!(ours.join("\n"), PRINTED);
}
