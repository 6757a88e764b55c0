//! The rule sets that turn the criteria into a status. STAR changed them at
//! the turn of 2021, so a report uses the rules of its own month
//! ([`Regelsaet::for_month`]); `docs/method.md` gives the sentences each rests on.
//!
//! - **2020** (STAR's reports for Sorø August 2020 and Ballerup September
//!   2020): three categories. A kommune is at risk of skærpet tilsyn when it
//!   misses the resultatmål and a fokusmål, over the last 12 months and in the
//!   period for skærpet tilsyn. The texts also allow the reading that both
//!   goals must be missed; that is [`Regelsaet::Aar2020BeggeFokusmaal`], kept
//!   and tested but not used by default.
//! - **2021** (the jobindsats dashboard from 2021): four categories. The
//!   samtaler goal decides the risk of skærpet tilsyn, the aktive tilbud goal
//!   the risk of light tilsyn; STAR determines the year's outcome in April of
//!   the following year.
//!
//! What a rule set asks of each goal is its data: the limit
//! ([`Regelsaet::graense`]) and the tilsyn a missed goal leads to
//! ([`Regelsaet::tilsyn`]); the categories follow from them.

use serde::{Serialize, Serializer};

use crate::domain::groups::{Maal, PerMaal};
use crate::domain::period::Month;
use crate::measures::krav::Graense;
use crate::measures::status::{Kriterier, Status, all3, any3, not3};

/// The first month a Jobcenterindblik report exists for. STAR published the
/// first report on 26 February 2020, with data to December 2019 (STAR's
/// announcement); there is no report, and no status, for an earlier month.
pub fn foerste_rapportmaaned() -> Month {
    Month::new(2019, 12).expect("a valid month")
}

/// Whether `maaned`'s report is one of STAR's COVID-19 reports: those of
/// March to December 2020 (the indsats was suspended from 12 March 2020),
/// which carried the COVID-19 note and left out the early indsats (chapter
/// 3) for the time being. The reports of December 2019 to February 2020
/// came before it, and from 2021 the early indsats was not in the report.
///
/// ```
/// use jobcenterindblik::Month;
/// use jobcenterindblik::measures::rules::covid_19;
/// let m = |y, mo| Month::new(y, mo).unwrap();
/// assert!(!covid_19(m(2020, 2)));
/// assert!(covid_19(m(2020, 3)) && covid_19(m(2020, 12)));
/// assert!(!covid_19(m(2021, 1)));
/// ```
pub fn covid_19(maaned: Month) -> bool {
    maaned.year() == 2020 && maaned.month() >= 3
}

/// What missing a fokusmål means for tilsyn, by the rule set and the
/// resultatmål: the last sentence of "Hvad skal der til?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Konsekvens {
    /// The kommune meets the resultatmål: missing the goal has no
    /// consequence for tilsyn (no rule set puts it at risk then).
    Ingen,
    /// The resultatmål is missed: missing the goal brings skærpet tilsyn
    /// (the samtaler goal from 2021; either goal under the 2020 rules).
    SkaerpetTilsyn,
    /// The resultatmål is missed: missing the goal brings light tilsyn (the
    /// aktive tilbud goal from 2021).
    LightTilsyn,
    /// The resultatmål is discretized, so what missing the goal means
    /// cannot be said.
    Ukendt,
}

/// The tilsyn a missed fokusmål leads to when the resultatmål is missed too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tilsyn {
    /// Skærpet tilsyn (category [`Status::RisikoForSkaerpetTilsyn`]).
    Skaerpet,
    /// Light tilsyn (category [`Status::RisikoForLightTilsyn`], from 2021).
    Light,
}

/// The rules that decide a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Regelsaet {
    /// 2020: at risk when the resultatmål and one fokusmål (or more) are missed.
    Aar2020,
    /// 2020 read strictly: at risk only when every fokusmål (both, in
    /// STAR's text) is missed.
    Aar2020BeggeFokusmaal,
    /// From 2021: samtaler decide skærpet tilsyn, aktive tilbud light tilsyn.
    Aar2021,
}

impl Regelsaet {
    /// The rules of a report month: 2020's up to December 2020, 2021's from
    /// January 2021 (the months before 2020 that the data allow, back to the
    /// first report of December 2019, follow 2020's).
    pub fn for_month(month: Month) -> Regelsaet {
        if month.year() <= 2020 {
            Regelsaet::Aar2020
        } else {
            Regelsaet::Aar2021
        }
    }

    /// How many months after a benchmark period ends the reports of this
    /// rule set first use it. STAR's 2020 reports used the latest period
    /// that ended two months before the report month (the Sorø report of
    /// August 2020 shows 2020QMAT02, juli 2019 – juni 2020); in 2021 a new
    /// period came with the report three months after its end (the
    /// dashboard: 2021QMAT02 "i forbindelse med september-rapporten").
    pub fn resultat_forsinkelse(self) -> i32 {
        match self {
            Regelsaet::Aar2020 | Regelsaet::Aar2020BeggeFokusmaal => 2,
            Regelsaet::Aar2021 => 3,
        }
    }

    /// The limit `maal` is judged by, in pct.: at least 80 for every goal
    /// under every rule set so far (the dashboard: "lig med eller større end
    /// 80 pct."; STAR's reports of 2020 say the same).
    ///
    /// ```
    /// use jobcenterindblik::domain::groups::Maal;
    /// use jobcenterindblik::measures::krav::Graense;
    /// use jobcenterindblik::measures::rules::Regelsaet;
    /// assert_eq!(Regelsaet::Aar2021.graense(Maal::AktiveTilbud), Graense::mindst(80.0));
    /// ```
    pub fn graense(self, maal: Maal) -> Graense {
        match maal {
            Maal::Samtaler | Maal::AktiveTilbud => Graense::mindst(80.0),
        }
    }

    /// The tilsyn that missing `maal` leads to, with the resultatmål missed:
    /// from 2021 samtaler skærpet tilsyn and aktive tilbud light tilsyn;
    /// under the 2020 rules every goal skærpet tilsyn.
    pub fn tilsyn(self, maal: Maal) -> Tilsyn {
        match (self, maal) {
            (Regelsaet::Aar2021, Maal::Samtaler) => Tilsyn::Skaerpet,
            (Regelsaet::Aar2021, Maal::AktiveTilbud) => Tilsyn::Light,
            (Regelsaet::Aar2020 | Regelsaet::Aar2020BeggeFokusmaal, _) => Tilsyn::Skaerpet,
        }
    }

    /// Whether the goals that lead to `tilsyn` count as missed, from whether
    /// each goal is (three-valued): one of them is enough, except under
    /// [`Regelsaet::Aar2020BeggeFokusmaal`], where all must be. `None` when
    /// no goal leads to `tilsyn` under these rules.
    pub fn missed_for(
        self,
        tilsyn: Tilsyn,
        missed: &PerMaal<Option<bool>>,
    ) -> Option<Option<bool>> {
        let of: Vec<Option<bool>> = missed
            .iter()
            .filter(|&(m, _)| self.tilsyn(m) == tilsyn)
            .map(|(_, x)| *x)
            .collect();
        if of.is_empty() {
            return None;
        }
        Some(match self {
            Regelsaet::Aar2020BeggeFokusmaal => all3(&of),
            Regelsaet::Aar2020 | Regelsaet::Aar2021 => any3(&of),
        })
    }

    /// What missing `maal` means for tilsyn when the resultatmål is met
    /// (`Some(true)`), missed or unknown: the tilsyn the goal leads to
    /// ([`Regelsaet::tilsyn`]: samtaler skærpet tilsyn, aktive tilbud light
    /// tilsyn from 2021; under the 2020 rules either goal skærpet tilsyn, as
    /// the risk category of [`Regelsaet::status`] says; read strictly,
    /// together with the other goal).
    ///
    /// ```
    /// use jobcenterindblik::domain::groups::Maal;
    /// use jobcenterindblik::measures::rules::{Konsekvens, Regelsaet};
    /// let r = Regelsaet::Aar2021;
    /// assert_eq!(r.konsekvens(Maal::AktiveTilbud, Some(true)), Konsekvens::Ingen);
    /// assert_eq!(r.konsekvens(Maal::AktiveTilbud, Some(false)), Konsekvens::LightTilsyn);
    /// assert_eq!(Regelsaet::Aar2020.konsekvens(Maal::AktiveTilbud, Some(false)), Konsekvens::SkaerpetTilsyn);
    /// assert_eq!(r.konsekvens(Maal::Samtaler, None), Konsekvens::Ukendt);
    /// ```
    pub fn konsekvens(self, maal: Maal, resultatmaal_opfyldt: Option<bool>) -> Konsekvens {
        match (resultatmaal_opfyldt, self, maal) {
            (Some(true), ..) => Konsekvens::Ingen,
            (None, ..) => Konsekvens::Ukendt,
            (Some(false), ..) => match self.tilsyn(maal) {
                Tilsyn::Skaerpet => Konsekvens::SkaerpetTilsyn,
                Tilsyn::Light => Konsekvens::LightTilsyn,
            },
        }
    }

    /// A stable name: `"2020"`, `"2020-begge-fokusmaal"`, `"2021"`.
    pub fn key(self) -> &'static str {
        match self {
            Regelsaet::Aar2020 => "2020",
            Regelsaet::Aar2020BeggeFokusmaal => "2020-begge-fokusmaal",
            Regelsaet::Aar2021 => "2021",
        }
    }

    /// The year in which STAR determines, for the report month's year, who
    /// comes under skærpet tilsyn: April of the following year under the 2021
    /// rules. STAR's 2020 reports name no year, so neither do the 2020 rules.
    pub fn opgoerelse_aar(self, month: Month) -> Option<i32> {
        match self {
            Regelsaet::Aar2021 => Some(month.year() + 1),
            Regelsaet::Aar2020 | Regelsaet::Aar2020BeggeFokusmaal => None,
        }
    }

    /// The status from the criteria: [`Status::Inspirationskommune`] when
    /// every criterion holds, then the risk of skærpet and of light tilsyn
    /// (the resultatmål missed, and the goals that lead to that tilsyn
    /// missed, [`Regelsaet::missed_for`]), tried in that order; where an
    /// unknown criterion could change the answer, the status is
    /// [`Status::KanIkkeOpgoeres`].
    pub fn status(self, k: &Kriterier) -> Status {
        let r = k.resultatmaal_opfyldt;
        let every: Vec<Option<bool>> = std::iter::once(r)
            .chain(k.maal.values().flat_map(|g| [g.gennemsnit_ok, g.krav_ok]))
            .collect();
        let missed = k.maal.map(|_, g| g.missed());
        let risk = [
            (Tilsyn::Skaerpet, Status::RisikoForSkaerpetTilsyn),
            (Tilsyn::Light, Status::RisikoForLightTilsyn),
        ]
        .into_iter()
        .filter_map(|(tilsyn, category)| {
            let missed = self.missed_for(tilsyn, &missed)?;
            Some((all3(&[not3(r), missed]), category))
        });
        let steps = std::iter::once((all3(&every), Status::Inspirationskommune)).chain(risk);
        for (holds, category) in steps {
            match holds {
                Some(true) => return category,
                None => return Status::KanIkkeOpgoeres,
                Some(false) => {}
            }
        }
        Status::AktueltIkkeIRisiko
    }
}

impl Serialize for Regelsaet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::status::MaalKriterier;
    use Regelsaet::{Aar2020, Aar2020BeggeFokusmaal, Aar2021};
    use Status::*;

    /// Criteria with the resultatmål `r` and each goal's (A12 ≥ 80, krav Ok).
    fn crit(r: Option<bool>, s: (bool, bool), a: (bool, bool)) -> Kriterier {
        let goal = |(g, k): (bool, bool)| MaalKriterier {
            gennemsnit_ok: Some(g),
            krav_ok: Some(k),
        };
        Kriterier {
            resultatmaal_opfyldt: r,
            maal: PerMaal::from_fn(|m| match m {
                Maal::Samtaler => goal(s),
                Maal::AktiveTilbud => goal(a),
            }),
        }
    }

    #[test]
    fn the_2021_rules() {
        let st = |k: &Kriterier| Aar2021.status(k);
        assert_eq!(
            st(&crit(Some(true), (true, true), (true, true))),
            Inspirationskommune
        );
        assert_eq!(
            st(&crit(Some(true), (false, false), (true, true))),
            AktueltIkkeIRisiko
        );
        assert_eq!(
            st(&crit(Some(false), (false, false), (false, false))),
            RisikoForSkaerpetTilsyn
        );
        assert_eq!(
            st(&crit(Some(false), (true, true), (false, false))),
            RisikoForLightTilsyn
        );
        // A12 below 80 but the rest of the year can still lift it (krav met): not at risk.
        assert_eq!(
            st(&crit(Some(false), (false, true), (false, true))),
            AktueltIkkeIRisiko
        );
        assert_eq!(
            st(&crit(Some(false), (true, true), (true, true))),
            AktueltIkkeIRisiko
        );
        // Unknown criteria decide nothing they cannot decide.
        let mut k = crit(Some(true), (true, true), (true, true));
        k.maal[Maal::AktiveTilbud].krav_ok = None;
        assert_eq!(st(&k), KanIkkeOpgoeres);
        let mut k = crit(Some(false), (true, true), (false, false));
        k.maal[Maal::Samtaler].krav_ok = None;
        assert_eq!(
            st(&k),
            RisikoForLightTilsyn,
            "samtaler A12 ≥ 80 rules out skærpet"
        );
        assert_eq!(
            st(&crit(None, (false, false), (true, true))),
            KanIkkeOpgoeres
        );
        assert_eq!(
            st(&crit(None, (true, false), (true, false))),
            AktueltIkkeIRisiko
        );
        assert_eq!(st(&crit(None, (true, true), (true, true))), KanIkkeOpgoeres);
    }

    #[test]
    fn the_2020_rules_have_three_categories() {
        for rules in [Aar2020, Aar2020BeggeFokusmaal] {
            let st = |k: &Kriterier| rules.status(k);
            assert_eq!(
                st(&crit(Some(true), (true, true), (true, true))),
                Inspirationskommune
            );
            // Ballerup, September 2020: the resultatmål is met, samtaler are not.
            assert_eq!(
                st(&crit(Some(true), (false, false), (true, true))),
                AktueltIkkeIRisiko
            );
            assert_eq!(
                st(&crit(Some(false), (false, false), (false, false))),
                RisikoForSkaerpetTilsyn
            );
            assert_eq!(
                st(&crit(Some(false), (false, true), (false, true))),
                AktueltIkkeIRisiko
            );
            // No combination of criteria gives light tilsyn before 2021.
            for r in [None, Some(false), Some(true)] {
                for bits in 0..16u8 {
                    let b = |i: u8| bits >> i & 1 == 1;
                    let k = crit(r, (b(0), b(1)), (b(2), b(3)));
                    assert_ne!(st(&k), RisikoForLightTilsyn, "{k:?}");
                }
            }
        }
    }

    #[test]
    fn in_2020_one_missed_goal_is_enough_unless_read_strictly() {
        // The aktive tilbud goal alone: light tilsyn from 2021, skærpet tilsyn
        // in 2020, and no risk when both goals must be missed.
        let k = crit(Some(false), (true, true), (false, false));
        assert_eq!(Aar2021.status(&k), RisikoForLightTilsyn);
        assert_eq!(Aar2020.status(&k), RisikoForSkaerpetTilsyn);
        assert_eq!(Aar2020BeggeFokusmaal.status(&k), AktueltIkkeIRisiko);
        // The samtaler goal alone.
        let k = crit(Some(false), (false, false), (true, true));
        assert_eq!(Aar2020.status(&k), RisikoForSkaerpetTilsyn);
        assert_eq!(Aar2020BeggeFokusmaal.status(&k), AktueltIkkeIRisiko);
        // A goal counts as missed only when it fails over 12 months and for the year.
        let k = crit(Some(false), (false, true), (true, false));
        assert_eq!(Aar2020.status(&k), AktueltIkkeIRisiko);
        // Unknowns: one goal missed for certain decides 2020 whatever the other is.
        let mut k = crit(Some(false), (false, false), (true, true));
        k.maal[Maal::AktiveTilbud].krav_ok = None;
        assert_eq!(Aar2020.status(&k), RisikoForSkaerpetTilsyn);
        assert_eq!(Aar2020BeggeFokusmaal.status(&k), AktueltIkkeIRisiko);
        k.maal[Maal::AktiveTilbud].gennemsnit_ok = None;
        assert_eq!(Aar2020BeggeFokusmaal.status(&k), KanIkkeOpgoeres);
    }

    #[test]
    fn the_rules_follow_the_report_month() {
        let m = |s| Month::parse(s).unwrap();
        assert_eq!(Regelsaet::for_month(m("2019-12")), Aar2020);
        assert_eq!(Regelsaet::for_month(m("2020-12")), Aar2020);
        assert_eq!(Regelsaet::for_month(m("2021-01")), Aar2021);
        assert_eq!(Aar2021.opgoerelse_aar(m("2021-11")), Some(2022));
        assert_eq!(Aar2020.opgoerelse_aar(m("2020-08")), None);
        assert_eq!(serde_json::to_string(&Aar2020).unwrap(), "\"2020\"");
    }
}
