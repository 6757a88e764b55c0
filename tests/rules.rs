//! The status rules of the report's own year (docs/method.md, "Status for
//! skærpet tilsyn"): 2020's three categories up to December 2020, 2021's four
//! from January 2021, and the other reading of 2020's texts kept beside them.

use jobcenterindblik::Kommune;
use jobcenterindblik::measures::rules::Regelsaet::{self, Aar2020, Aar2020BeggeFokusmaal, Aar2021};
use jobcenterindblik::measures::status::Status::{self, *};
use jobcenterindblik::model::Oversigt;

use crate::util::{land, model};

/// How many kommuner of a month's overview have each status.
fn counts(periode: &str) -> Vec<(Status, usize)> {
    let ov = Oversigt::build(&land(periode));
    Status::ALL
        .iter()
        .map(|s| {
            (
                *s,
                ov.kommuner.iter().filter(|r| r.status == Some(*s)).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[test]
fn a_month_of_2020_uses_the_2020_rules() {
    let land = land("2020-08");
    assert_eq!(land.regelsaet, Aar2020);
    assert_eq!(Oversigt::build(&land).regelsaet, Aar2020);
    // The 8 kommuner that the 2021 rules put at risk of light tilsyn are at
    // risk of skærpet tilsyn in 2020, beside the 6 that miss the samtaler goal.
    assert_eq!(
        counts("2020-08"),
        [
            (Inspirationskommune, 27),
            (AktueltIkkeIRisiko, 57),
            (RisikoForSkaerpetTilsyn, 14),
        ]
    );
    let m = model("Sorø", "2020-08");
    assert_eq!(
        (m.status.regelsaet, m.status.opgoerelse_aar),
        (Aar2020, None)
    );
}

#[test]
fn a_month_of_2021_uses_the_2021_rules() {
    let land = land("2021-11");
    assert_eq!(land.regelsaet, Aar2021);
    assert!(
        counts("2021-11")
            .iter()
            .any(|(s, _)| *s == RisikoForLightTilsyn)
    );
    let m = model("Hedensted", "2021-11");
    assert_eq!(
        (m.status.regelsaet, m.status.opgoerelse_aar),
        (Aar2021, Some(2022))
    );
}

#[test]
fn a_kommune_whose_category_depends_on_the_rules() {
    // Albertslund, August 2020: the resultatmål is not met (0,13), samtaler
    // are (85,24, Ok), aktive tilbud are missed (77,70, krav 86,47).
    let land = land("2020-08");
    let albertslund = land.kommune(Kommune::lookup("Albertslund").unwrap());
    let under = |rules: Regelsaet| albertslund.status(rules).unwrap();
    assert_eq!(under(Aar2021), RisikoForLightTilsyn);
    assert_eq!(under(Aar2020), RisikoForSkaerpetTilsyn);
    assert_eq!(under(Aar2020BeggeFokusmaal), AktueltIkkeIRisiko);
    assert_eq!(
        model("Albertslund", "2020-08").status.status,
        RisikoForSkaerpetTilsyn
    );
}
