//! The status for skærpet tilsyn: its categories and the criteria they
//! follow from (the resultatmål, and each fokusmål over the last 12 months
//! and for the year). Which criteria give which category is the rule set's
//! business ([`rules`](crate::measures::rules)).

use serde::{Serialize, Serializer, ser::SerializeStruct};

use crate::domain::groups::{Maal, PerMaal};
use crate::domain::value::Value;
use crate::measures::krav::{Krav, KravVurdering};

/// The status category for skærpet tilsyn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Meets the resultatmål and every fokusmål, over 12 months and for the year.
    Inspirationskommune,
    /// None of the other categories.
    AktueltIkkeIRisiko,
    /// Misses the resultatmål and a fokusmål that decides skærpet tilsyn
    /// (from 2021: the samtaler goal), over 12 months and for the year.
    RisikoForSkaerpetTilsyn,
    /// From 2021: misses the resultatmål and a fokusmål that decides light
    /// tilsyn (the aktive tilbud goal), over 12 months and for the year.
    RisikoForLightTilsyn,
    /// A discretized figure leaves the category undecided.
    KanIkkeOpgoeres,
}

impl Status {
    /// Every category of every rule set, then the undecided state.
    pub const ALL: [Status; 5] = [
        Status::Inspirationskommune,
        Status::AktueltIkkeIRisiko,
        Status::RisikoForSkaerpetTilsyn,
        Status::RisikoForLightTilsyn,
        Status::KanIkkeOpgoeres,
    ];

    /// The category as STAR's reports print it.
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

/// The criteria behind a status, each true, false or unknown (`None`, when
/// it rests on a discretized figure): the resultatmål, and each goal's two.
/// Serialised as `{ resultatmaal_opfyldt, samtaler: { … }, aktive_tilbud: { … } }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Kriterier {
    /// Faktisk andel ≤ forventet andel in the benchmark period.
    pub resultatmaal_opfyldt: Option<bool>,
    /// Each goal's two criteria, under the goal's key.
    #[serde(flatten)]
    pub maal: PerMaal<MaalKriterier>,
}

impl Kriterier {
    /// The criteria whose value differs from `foer`'s, those of an earlier
    /// month (the summary's "what changed"): the resultatmål first, then
    /// each goal's 12-month average and krav, in [`Maal::ALL`] order. An
    /// unknown criterion that became known, or the reverse, is a change too.
    ///
    /// ```
    /// use jobcenterindblik::domain::groups::{Maal, PerMaal};
    /// use jobcenterindblik::measures::status::{Kriterier, KriteriumArt, MaalKriterier, Skift};
    /// let ok = MaalKriterier { gennemsnit_ok: Some(true), krav_ok: Some(true) };
    /// let oktober = Kriterier { resultatmaal_opfyldt: Some(false), maal: PerMaal::from_fn(|_| ok) };
    /// let mut november = oktober;
    /// november.maal[Maal::AktiveTilbud].gennemsnit_ok = Some(false);
    /// assert_eq!(november.skift_siden(&oktober), [Skift {
    ///     kriterium: KriteriumArt::Gennemsnit,
    ///     maal: Some(Maal::AktiveTilbud),
    ///     foer: Some(true),
    ///     nu: Some(false),
    /// }]);
    /// assert!(oktober.skift_siden(&oktober).is_empty());
    /// ```
    pub fn skift_siden(&self, foer: &Kriterier) -> Vec<Skift> {
        let resultatmaal = Skift {
            kriterium: KriteriumArt::Resultatmaal,
            maal: None,
            foer: foer.resultatmaal_opfyldt,
            nu: self.resultatmaal_opfyldt,
        };
        let maal = self.maal.iter().flat_map(|(m, nu)| {
            let f = foer.maal[m];
            [
                (KriteriumArt::Gennemsnit, f.gennemsnit_ok, nu.gennemsnit_ok),
                (KriteriumArt::Krav, f.krav_ok, nu.krav_ok),
            ]
            .map(|(kriterium, foer, nu)| Skift {
                kriterium,
                maal: Some(m),
                foer,
                nu,
            })
        });
        std::iter::once(resultatmaal)
            .chain(maal)
            .filter(|s| s.foer != s.nu)
            .collect()
    }
}

/// Which of the status's criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KriteriumArt {
    /// The resultatmål is met.
    Resultatmaal,
    /// A goal's 12-month average meets its limit.
    Gennemsnit,
    /// A goal's krav is `Ok`: the year's mean so far meets the limit.
    Krav,
}

/// A criterion whose value differs between an earlier month and the
/// report month: `{ kriterium, maal, foer, nu }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Skift {
    /// Which of the three kinds of criterion changed: the resultatmål, a
    /// goal's 12-month average, or its krav.
    pub kriterium: KriteriumArt,
    /// The goal the criterion belongs to; `None` for the resultatmål.
    pub maal: Option<Maal>,
    /// Whether it was met in the earlier month (`None`: unknown, a
    /// discretized figure).
    pub foer: Option<bool>,
    /// Whether it is met in the report month (`None`: unknown).
    pub nu: Option<bool>,
}

/// A fokusmål's two criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MaalKriterier {
    /// The 12-month average meets the goal's limit (at least 80).
    pub gennemsnit_ok: Option<bool>,
    /// The krav is `Ok`: the year's mean so far meets the limit.
    pub krav_ok: Option<bool>,
}

impl MaalKriterier {
    /// The criteria from a 12-month average and the krav, against the
    /// limit the krav was reckoned with.
    pub fn new(a12: Value<f64>, krav: &KravVurdering) -> MaalKriterier {
        MaalKriterier {
            gennemsnit_ok: a12.known().map(|a| krav.graense.naaet(a)),
            krav_ok: krav.krav.known().map(|k| k == Krav::Ok),
        }
    }

    /// The goal is missed on both counts: the 12-month average misses the
    /// limit and the year cannot be saved without a krav; `None` when unknown.
    pub fn missed(self) -> Option<bool> {
        all3(&[not3(self.gennemsnit_ok), not3(self.krav_ok)])
    }
}

/// Three-valued "and" (`None` is unknown): false if any is false, unknown if
/// any is unknown, else true.
pub(crate) fn all3(xs: &[Option<bool>]) -> Option<bool> {
    if xs.contains(&Some(false)) {
        Some(false)
    } else if xs.contains(&None) {
        None
    } else {
        Some(true)
    }
}

/// Three-valued "or": true if any is true, unknown if any is unknown, else false.
pub(crate) fn any3(xs: &[Option<bool>]) -> Option<bool> {
    not3(all3(&xs.iter().map(|x| not3(*x)).collect::<Vec<_>>()))
}

/// Three-valued "not".
pub(crate) fn not3(x: Option<bool>) -> Option<bool> {
    x.map(|b| !b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::krav::{Graense, krav};
    use crate::measures::shares::share;
    use crate::measures::stats::Mean;
    use Value::Known;

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
        let g = Graense::mindst(80.0);
        let crit = MaalKriterier::new(a12, &krav(&shares, g));
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
            MaalKriterier::new(Mean::of(mixed.clone()), &krav(&mixed, g)).gennemsnit_ok,
            Some(true)
        );
    }
}
