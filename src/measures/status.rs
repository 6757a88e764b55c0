//! The status for skærpet tilsyn: the category that follows from the
//! resultatmål and the two fokusmål, each over the last 12 months and for the
//! year (the dashboard, "Information om status for skærpet tilsyn").

use serde::{Serialize, Serializer, ser::SerializeStruct};

use crate::domain::value::Value;
use crate::measures::krav::{GRAENSE, Krav};
use crate::measures::stats::EPS;

/// The status category for skærpet tilsyn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Meets the resultatmål and both fokusmål, over 12 months and for the year.
    Inspirationskommune,
    /// None of the other categories.
    AktueltIkkeIRisiko,
    /// Misses the resultatmål and the samtaler goal, over 12 months and for the year.
    RisikoForSkaerpetTilsyn,
    /// Misses the resultatmål and the aktive tilbud goal, over 12 months and for the year.
    RisikoForLightTilsyn,
    /// A discretized figure leaves the category undecided.
    KanIkkeOpgoeres,
}

impl Status {
    /// The four categories, then the undecided state.
    pub const ALL: [Status; 5] = [
        Status::Inspirationskommune,
        Status::AktueltIkkeIRisiko,
        Status::RisikoForSkaerpetTilsyn,
        Status::RisikoForLightTilsyn,
        Status::KanIkkeOpgoeres,
    ];

    /// The category as the seeds print it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Inspirationskommune => "Inspirationskommune",
            Status::AktueltIkkeIRisiko => "Aktuelt ikke i risiko",
            Status::RisikoForSkaerpetTilsyn => "Risiko for skærpet tilsyn",
            Status::RisikoForLightTilsyn => "Risiko for light tilsyn",
            Status::KanIkkeOpgoeres => "Kan ikke opgøres",
        }
    }

    /// A stable machine name: `inspirationskommune`, `risiko_for_skaerpet_tilsyn`, …
    pub fn key(self) -> &'static str {
        match self {
            Status::Inspirationskommune => "inspirationskommune",
            Status::AktueltIkkeIRisiko => "aktuelt_ikke_i_risiko",
            Status::RisikoForSkaerpetTilsyn => "risiko_for_skaerpet_tilsyn",
            Status::RisikoForLightTilsyn => "risiko_for_light_tilsyn",
            Status::KanIkkeOpgoeres => "kan_ikke_opgoeres",
        }
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Status", 2)?;
        st.serialize_field("kategori", self.key())?;
        st.serialize_field("tekst", self.label())?;
        st.end()
    }
}

/// The three criteria behind a status, each true, false or unknown (`None`,
/// when it rests on a discretized figure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Kriterier {
    /// Faktisk andel ≤ forventet andel in the benchmark period.
    pub resultatmaal_opfyldt: Option<bool>,
    /// The samtaler goal.
    pub samtaler: MaalKriterier,
    /// The aktive tilbud goal.
    pub aktive_tilbud: MaalKriterier,
}

/// A fokusmål's two criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MaalKriterier {
    /// The 12-month average is at least 80.
    pub gennemsnit_ok: Option<bool>,
    /// The krav is `Ok`.
    pub krav_ok: Option<bool>,
}

impl MaalKriterier {
    /// The criteria from a 12-month average and a krav.
    pub fn new(a12: Value<f64>, krav: Value<Krav>) -> MaalKriterier {
        MaalKriterier {
            gennemsnit_ok: a12.known().map(|a| a >= GRAENSE - EPS),
            krav_ok: krav.known().map(|k| k == Krav::Ok),
        }
    }
}

fn all3(xs: &[Option<bool>]) -> Option<bool> {
    if xs.contains(&Some(false)) {
        Some(false)
    } else if xs.contains(&None) {
        None
    } else {
        Some(true)
    }
}

fn not3(x: Option<bool>) -> Option<bool> {
    x.map(|b| !b)
}

/// The status from the criteria, in the order of `docs/method.md`: Inspirationskommune,
/// else Risiko for skærpet tilsyn, else Risiko for light tilsyn, else Aktuelt ikke i risiko.
/// Where an unknown criterion could change the answer, the status is `KanIkkeOpgoeres`.
pub fn status(k: &Kriterier) -> Status {
    let r = k.resultatmaal_opfyldt;
    let (s, a) = (k.samtaler, k.aktive_tilbud);
    let inspiration = all3(&[r, s.gennemsnit_ok, s.krav_ok, a.gennemsnit_ok, a.krav_ok]);
    let skaerpet = all3(&[not3(r), not3(s.gennemsnit_ok), not3(s.krav_ok)]);
    let light = all3(&[not3(r), not3(a.gennemsnit_ok), not3(a.krav_ok)]);
    let steps = [
        (inspiration, Status::Inspirationskommune),
        (skaerpet, Status::RisikoForSkaerpetTilsyn),
        (light, Status::RisikoForLightTilsyn),
    ];
    for (holds, category) in steps {
        match holds {
            Some(true) => return category,
            None => return Status::KanIkkeOpgoeres,
            Some(false) => {}
        }
    }
    Status::AktueltIkkeIRisiko
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::krav::krav;
    use crate::measures::shares::share;
    use crate::measures::stats::Mean;
    use Value::Known;

    fn crit(r: Option<bool>, s: (bool, bool), a: (bool, bool)) -> Kriterier {
        Kriterier {
            resultatmaal_opfyldt: r,
            samtaler: MaalKriterier {
                gennemsnit_ok: Some(s.0),
                krav_ok: Some(s.1),
            },
            aktive_tilbud: MaalKriterier {
                gennemsnit_ok: Some(a.0),
                krav_ok: Some(a.1),
            },
        }
    }

    #[test]
    fn status_categories() {
        use Status::*;
        assert_eq!(
            status(&crit(Some(true), (true, true), (true, true))),
            Inspirationskommune
        );
        assert_eq!(
            status(&crit(Some(true), (false, false), (true, true))),
            AktueltIkkeIRisiko
        );
        assert_eq!(
            status(&crit(Some(false), (false, false), (false, false))),
            RisikoForSkaerpetTilsyn
        );
        assert_eq!(
            status(&crit(Some(false), (true, true), (false, false))),
            RisikoForLightTilsyn
        );
        // A12 below 80 but the year can still be saved (krav is a number): not at risk.
        assert_eq!(
            status(&crit(Some(false), (false, true), (false, true))),
            AktueltIkkeIRisiko
        );
        assert_eq!(
            status(&crit(Some(false), (true, true), (true, true))),
            AktueltIkkeIRisiko
        );
        // Ballerup, September 2020 (seed 002).
        assert_eq!(
            status(&crit(Some(true), (false, false), (true, true))),
            AktueltIkkeIRisiko
        );
        // Unknown criteria decide nothing they cannot decide.
        let mut k = crit(Some(true), (true, true), (true, true));
        k.aktive_tilbud.krav_ok = None;
        assert_eq!(status(&k), KanIkkeOpgoeres);
        let mut k = crit(Some(false), (true, true), (false, false));
        k.samtaler.krav_ok = None;
        assert_eq!(
            status(&k),
            RisikoForLightTilsyn,
            "samtaler A12 ≥ 80 rules out skærpet"
        );
        assert_eq!(
            status(&crit(None, (false, false), (true, true))),
            KanIkkeOpgoeres
        );
        assert_eq!(
            status(&crit(None, (true, false), (true, false))),
            AktueltIkkeIRisiko
        );
        assert_eq!(
            status(&crit(None, (true, true), (true, true))),
            KanIkkeOpgoeres
        );
    }

    #[test]
    fn a12_exactly_80_meets_the_goal() {
        // 4/5, 96/120 and 76/95 are all exactly 80 on paper.
        let shares: Vec<Value<f64>> = [(4, 5), (96, 120), (76, 95), (80, 100)]
            .iter()
            .cycle()
            .take(12)
            .map(|&(m, n)| share(Known(m), Known(n)))
            .collect();
        let a12 = Mean::of(shares.iter().copied());
        let crit = MaalKriterier::new(a12, krav(&shares).krav);
        assert_eq!(crit.gennemsnit_ok, Some(true));
        assert_eq!(crit.krav_ok, Some(true));
        // Mixed shares that average exactly 80 (70 and 90).
        let mixed: Vec<Value<f64>> = (0..12)
            .map(|i| {
                if i % 2 == 0 {
                    share(Known(7), Known(10))
                } else {
                    share(Known(9), Known(10))
                }
            })
            .collect();
        assert_eq!(
            MaalKriterier::new(Mean::of(mixed.clone()), krav(&mixed).krav).gennemsnit_ok,
            Some(true)
        );
    }
}
