//! The summary's less common cases: December, when the year is decided, and
//! discretized figures in the resultatmål and a fokusmål, each laid out.

use std::sync::OnceLock;

use jobcenterindblik::measures::needed::Tilfaelde;
use jobcenterindblik::measures::resultat::{Forskellen, Resultatafstand};
use jobcenterindblik::measures::status::{KriteriumArt, Status};
use jobcenterindblik::pdf::text::page_texts;
use jobcenterindblik::{Dataset, Kommune, Landsbillede, ReportModel, Value};

use super::{right_column_of, summary_of};
use crate::util::{fixture, fixtures_discretized, month, page_text, running_text};

#[test]
fn december_says_what_the_year_came_to() {
    // The krav column has no months left to speak of: nået or ikke nået.
    let text = running_text(&page_text("Hedensted", "2021-12")[1..2]);
    assert_contains!(
        text,
        "Mindst 4 samtaler skærpet tilsyn 87,92 87,92 nået",
        "så fokusmålet er nået. Ved STARs opgørelse i april 2022 tæller fokusmålet dermed som opfyldt."
    );
    // December 2020: that STAR determines no year before 2021 is said once
    // for both goals.
    let text = running_text(&page_text("Sorø", "2020-12")[1..2]);
    assert_eq!(text.matches("STARs første opgørelse").count(), 1, "{text}");
    // A hypothetical rest of the year is "selv hvis", not "selv om".
    let text = running_text(&page_text("Læsø", "2021-11")[1..2]);
    assert_contains!(
        text,
        "så året ender på mindst 80 pct., selv hvis ingen opfylder fokusmålet i december.",
        "selv hvis andelen i december kun er 66,33 pct."
    );
    assert!(!text.contains("selv om"), "{text}");
}

/// The fixtures with figures discretized (`.`) as small kommuner have them
/// in real data: every figure of Hedensted's resultatmål in 2020QMAT04,
/// the counts (not the shares) of Hedensted's and Læsø's in 2021QMAT02,
/// and Hedensted's samtaler of November 2021. Loaded once.
fn diskretioneret() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = fixtures_discretized("fokusmaal-samtaler.csv", "Hedensted;2021M11");
        let y30 = fixture("Y30R21.csv")
            .split_inclusive('\n')
            .map(|l| {
                let end = &l[l.trim_end().len()..];
                let mut f: Vec<&str> = l.trim_end().split(';').collect();
                match (f[0], f[1], f[2]) {
                    ("Hedensted", "2020QMAT04", "Ydelsesgrupper i alt") => f[3..].fill("."),
                    ("Hedensted" | "Læsø", "2021QMAT02", "Ydelsesgrupper i alt") => {
                        f[3..6].fill(".")
                    }
                    _ => {}
                }
                f.join(";") + end
            })
            .collect::<String>();
        std::fs::write(dir.path().join("Y30R21.csv"), y30).unwrap();
        Dataset::load(dir.path()).expect("discretized figures are read")
    })
}

/// The model of `kommune`'s report for `periode` from [`diskretioneret`],
/// with its summary laid out on one page: the summary's right-hand column,
/// and the whole page, each as one running text.
fn diskretioneret_summary(kommune: &str, periode: &str) -> (ReportModel, String, String) {
    let land = Landsbillede::new(diskretioneret(), month(periode), None).unwrap();
    let m = ReportModel::build(&land, Kommune::lookup(kommune).unwrap()).unwrap();
    let doc = summary_of(&m, &land);
    let page = running_text(&page_texts(&doc));
    (m, right_column_of(&doc), page)
}

#[test]
fn a_discretized_resultatmaal_is_said_as_such() {
    // March 2021, the first report with 2020QMAT04: met the month before,
    // unknown now.
    let (m, text, _) = diskretioneret_summary("Hedensted", "2021-03");
    let rm = &m.resultatmaal;
    assert_eq!(rm.hvad_skal_der_til, Resultatafstand::Diskretioneret);
    assert_eq!(m.status.status, Status::KanIkkeOpgoeres);
    let f = &m.status.forrige;
    assert!(f.ny_resultatperiode);
    assert_eq!((f.skift[0].foer, f.skift[0].nu), (Some(true), None));
    assert_contains!(
        text,
        "Resultatmålet kan ikke længere opgøres med den nye periode; forskellen er diskretioneret.",
        "Forskellen mellem den faktiske og den forventede andel er diskretioneret, så det kan ikke siges, om resultatmålet er opfyldt."
    );
    // September 2021, the first with 2021QMAT02: known again, met, its
    // counts discretized.
    let (m, text, _) = diskretioneret_summary("Hedensted", "2021-09");
    assert_eq!(
        m.resultatmaal.hvad_skal_der_til,
        Resultatafstand::Opfyldt {
            margen_fuldtidspersoner: Value::Discretized,
            margen_procentpoint: 0.19,
            forskellen: Forskellen::AntalDiskretioneret,
        }
    );
    assert_eq!(m.status.forrige.skift[0].foer, None);
    assert_contains!(
        text,
        "Resultatmålet kan igen opgøres med den nye periode og er opfyldt.",
        "Resultatmålet er opfyldt: i perioden juli 2020 – juni 2021 lå andelen på offentlig forsørgelse 0,19 procentpoint under den forventede; antallet af fuldtidspersoner er diskretioneret."
    );
    assert!(!text.contains("ses i de afrundede"), "{text}");
    // Læsø, November 2021: missed by a share whose counts are discretized.
    let (m, text, _) = diskretioneret_summary("Læsø", "2021-11");
    assert!(matches!(
        m.resultatmaal.hvad_skal_der_til,
        Resultatafstand::IkkeOpfyldt {
            faerre_fuldtidspersoner: Value::Discretized,
            forskellen: Forskellen::AntalDiskretioneret,
            ..
        }
    ));
    assert_contains!(
        text,
        "Resultatmålet er ikke opfyldt: i perioden juli 2020 – juni 2021 lå andelen på offentlig forsørgelse 0,12 procentpoint over den forventede; antallet af fuldtidspersoner er diskretioneret."
    );
}

#[test]
fn a_discretized_fokusmaal_month_is_said_as_such() {
    // Hedensted, November 2021, its samtaler discretized: the 12-month
    // average and the year's mean can no longer be computed.
    let (m, text, page) = diskretioneret_summary("Hedensted", "2021-11");
    let h = &m.fokusmaal[0].tolv_mdr.krav.hvad_skal_der_til;
    assert_eq!(h.tilfaelde, Tilfaelde::Diskretioneret);
    let skift: Vec<_> = m
        .status
        .forrige
        .skift
        .iter()
        .map(|s| (s.kriterium, s.nu))
        .collect();
    assert_eq!(
        skift,
        [(KriteriumArt::Gennemsnit, None), (KriteriumArt::Krav, None)]
    );
    assert_contains!(
        text,
        "Gennemsnittet for samtaler over de seneste 12 mdr. kan ikke opgøres i november, fordi et månedstal er diskretioneret.",
        "Årets gennemsnit for samtaler kan ikke opgøres i november, fordi et månedstal er diskretioneret."
    );
    assert_contains!(
        page,
        "Et eller flere af årets månedstal er diskretioneret (de bygger på færre end 5 personer), så kravet kan ikke beregnes."
    );
}
