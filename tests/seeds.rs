//! Every figure that seeds 000-002 print, asserted directly against the
//! models made from the fixtures, so that a snapshot accepted by mistake
//! cannot hide a wrong number.

use jobcenterindblik::fokusmaal::Maal::{AktiveTilbud, Samtaler};
use jobcenterindblik::model::Oversigt;
use jobcenterindblik::value::Value;

use crate::util::{da, goal, krav, land, model};

#[test]
fn soroe_august_2020() {
    let m = model("Sorø", "2020-08");
    assert_eq!(m.kommune.genitiv, "Sorøs");
    assert_eq!(m.periode.tekst, "August 2020");
    let r = &m.resultatmaal;
    assert_eq!(r.periode.label(), "Juli 2019 - juni 2020");
    let f = &r.fuldtidspersoner;
    assert_eq!(
        [da(f.forventet, 0), da(f.faktisk, 0), da(f.forskel, 0)],
        ["1.710", "1.670", "-40"]
    );
    assert_eq!(r.placering.unwrap().plads, 18);
    let a = &r.andel;
    assert_eq!(
        [da(a.forventet, 2), da(a.faktisk, 2), da(a.forskel, 2)],
        ["9,10", "8,84", "-0,26"]
    );
    let s = goal(&m, Samtaler);
    assert_eq!(s.tre_mdr.periode.label(), "Juni 2020 - august 2020");
    assert_eq!(
        [
            da(s.tre_mdr.unikke_personer, 0),
            da(s.tre_mdr.opfyldt, 0),
            da(s.tre_mdr.andel, 1)
        ],
        ["578", "538", "93,1"]
    );
    assert_eq!(s.tre_mdr.placering.unwrap().plads, 21);
    let t = goal(&m, AktiveTilbud);
    assert_eq!(
        [
            da(t.tre_mdr.unikke_personer, 0),
            da(t.tre_mdr.opfyldt, 0),
            da(t.tre_mdr.andel, 1)
        ],
        ["567", "508", "89,6"]
    );
    assert_eq!(t.tre_mdr.placering.unwrap().plads, 27);
    assert_eq!(
        [da(s.tolv_mdr.gennemsnit, 2), krav(s.tolv_mdr.krav.krav)],
        ["89,49", "Ok"]
    );
    assert_eq!(
        [da(t.tolv_mdr.gennemsnit, 2), krav(t.tolv_mdr.krav.krav)],
        ["88,90", "Ok"]
    );
    assert_eq!(m.status.status.label(), "Inspirationskommune");
}

#[test]
fn ballerup_september_2020() {
    let m = model("Ballerup", "2020-09");
    let r = &m.resultatmaal;
    assert_eq!(r.periode.label(), "Juli 2019 - juni 2020");
    let f = &r.fuldtidspersoner;
    assert_eq!(
        [da(f.forventet, 0), da(f.faktisk, 0), da(f.forskel, 0)],
        ["2.920", "2.760", "-160"]
    );
    assert_eq!(r.placering.unwrap().plads, 7);
    let a = &r.andel;
    assert_eq!(
        [da(a.forventet, 2), da(a.faktisk, 2), da(a.forskel, 2)],
        ["9,65", "9,11", "-0,54"]
    );
    let s = goal(&m, Samtaler);
    assert_eq!(s.tre_mdr.periode.label(), "Juli 2020 - september 2020");
    assert_eq!(
        [
            da(s.tre_mdr.unikke_personer, 0),
            da(s.tre_mdr.opfyldt, 0),
            da(s.tre_mdr.andel, 1)
        ],
        ["1.146", "958", "83,6"]
    );
    assert_eq!(s.tre_mdr.placering.unwrap().plads, 79);
    let t = goal(&m, AktiveTilbud);
    assert_eq!(
        [
            da(t.tre_mdr.unikke_personer, 0),
            da(t.tre_mdr.opfyldt, 0),
            da(t.tre_mdr.andel, 1)
        ],
        ["1.032", "924", "89,5"]
    );
    assert_eq!(t.tre_mdr.placering.unwrap().plads, 28);
    assert_eq!(
        [da(s.tolv_mdr.gennemsnit, 2), krav(s.tolv_mdr.krav.krav)],
        ["75,58", "90,88"]
    );
    assert_eq!(
        [da(t.tolv_mdr.gennemsnit, 2), krav(t.tolv_mdr.krav.krav)],
        ["88,17", "Ok"]
    );
    assert_eq!(m.status.status.label(), "Aktuelt ikke i risiko");
    assert_eq!(m.kommune.genitiv, "Ballerups");
}

#[test]
fn hedensted_november_2021() {
    let m = model("Hedensted", "2021-11");
    let r = &m.resultatmaal;
    assert_eq!(r.periode.label(), "Juli 2020 - juni 2021");
    let f = &r.fuldtidspersoner;
    assert_eq!(
        [da(f.forventet, 0), da(f.faktisk, 0), da(f.forskel, 0)],
        ["2.490", "2.440", "-50"]
    );
    assert_eq!(r.placering.unwrap().plads, 24);
    let a = &r.andel;
    assert_eq!(
        [da(a.forventet, 2), da(a.faktisk, 2), da(a.forskel, 2)],
        ["8,47", "8,28", "-0,19"]
    );
    let s = goal(&m, Samtaler);
    assert_eq!(
        [
            da(s.maaned.andel, 1),
            da(s.maaned.opfyldt, 0),
            da(s.maaned.personer, 0)
        ],
        ["90,5", "666", "736"]
    );
    assert_eq!(s.maaned.placering.unwrap().plads, 91);
    let t = goal(&m, AktiveTilbud);
    assert_eq!(
        [
            da(t.maaned.andel, 1),
            da(t.maaned.opfyldt, 0),
            da(t.maaned.personer, 0)
        ],
        ["89,3", "644", "721"]
    );
    assert_eq!(t.maaned.placering.unwrap().plads, 19);
    assert_eq!(s.tolv_mdr.periode.label(), "December 2020 - november 2021");
    assert_eq!(
        [
            da(s.tolv_mdr.gennemsnit, 2),
            da(s.tolv_mdr.gennemsnit, 1),
            da(s.tolv_mdr.unikke_personer, 0),
            da(s.tolv_mdr.opfyldt, 0)
        ],
        ["87,84", "87,8", "1.261", "1.108"]
    );
    assert_eq!(
        [da(t.tolv_mdr.gennemsnit, 2), da(t.tolv_mdr.gennemsnit, 1)],
        ["89,24", "89,2"]
    );
    assert_eq!(
        [krav(s.tolv_mdr.krav.krav), krav(t.tolv_mdr.krav.krav)],
        ["Ok", "Ok"]
    );
    assert_eq!(m.status.status.label(), "Inspirationskommune");
}

/// Seed 000's overview for November 2021 ("Faisnæs" is Halsnæs, "Løse" is Lejre).
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
                r.samtaler.as_ref().unwrap(),
                r.aktive_tilbud.as_ref().unwrap(),
            );
            [
                r.kommune.navn.to_string(),
                r.status.unwrap().label().to_string(),
                da(r.resultatmaal_forskel.unwrap_or(Value::Discretized), 2),
                da(s.gennemsnit_12_mdr, 2),
                krav(s.krav.krav),
                da(a.gennemsnit_12_mdr, 2),
                krav(a.krav.krav),
            ]
            .join("\t")
        })
        .collect();
    assert_eq!(ours.join("\n"), PRINTED);
}
