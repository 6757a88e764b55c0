//! "Hvad skal der til?": what the krav means in persons and shares for the
//! rest of the year, beyond STAR's report (docs/method.md, "What it takes").
//!
//! The answer is one of a few cases ([`Tilfaelde`]), decided here once; the
//! template only words each. For the report month *m* with *j* months of the
//! year done, averaging *a*, the goal's limit *g* (at least 80 pct.: the
//! cases are written for a limit of "at least", [`Retning::Mindst`]), and
//! the target group's *B* persons of month *m*, *M* of whom met the goal:
//!
//! - before December, krav Ok: the lowest mean share the rest of the year
//!   may fall to and still end at *g*, max(0, (12·*g* − *j*·*a*) / (12 − *j*));
//! - before December, krav a share *r*: at least ⌈*r*/100 · *B*⌉ persons
//!   must meet the goal in each remaining month, that is
//!   max(0, ⌈*r*/100 · *B*⌉ − *M*) more than in month *m*, if the target
//!   group keeps its size;
//! - before December, krav "kan ikke nås": the highest mean the year can
//!   still reach, (*j*·*a* + (12 − *j*)·100) / 12;
//! - December: the year is decided; its mean is *a*;
//! - a month of the year without persons in the target group has no share,
//!   and a discretized one has none that can be used: then nothing can be
//!   computed, and the case says which of the two it is (issue 18).
//!
//! Beside the case stands what missing the goal would mean for tilsyn
//! ([`Konsekvens`]), where the goal is not yet safe.

use serde::Serialize;

use crate::domain::period::Month;
use crate::domain::value::Value;
use crate::measures::krav::{Krav, KravVurdering, Retning};
use crate::measures::rules::Konsekvens;
use crate::measures::stats::{EPS, round_half_up};

/// What it takes to end the year at the limit for one goal: the case, and what
/// missing the goal would mean for tilsyn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HvadSkalDerTil {
    /// The case, with the figures it is said with.
    #[serde(flatten)]
    pub tilfaelde: Tilfaelde,
    /// What missing the goal means for tilsyn; `None` where the goal is
    /// safe (krav Ok, or reached in December) or the year's result decides
    /// nothing (a December before STAR's first determination).
    pub konsekvens: Option<Konsekvens>,
}

/// The cases of "Hvad skal der til?".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "tilfaelde", rename_all = "snake_case")]
pub enum Tilfaelde {
    /// Before December, the year's mean so far meets the limit (krav Ok).
    Ok {
        /// *a*, pct.
        gennemsnit_i_aar: f64,
        /// *j*.
        maaneder_i_aar: u32,
        /// The lowest mean share the remaining months may have and the year
        /// still end at the limit, pct. (0 when even none would do).
        laveste_tilladte_andel: f64,
        /// Whether the year ends at the limit whatever the remaining months
        /// bring: `laveste_tilladte_andel` prints as 0,00 (two decimals).
        uanset_resten: bool,
    },
    /// Before December, a share the remaining months must average.
    Krav {
        /// *r*, pct.
        andel: f64,
        /// *a*, pct.
        gennemsnit_i_aar: f64,
        /// *j*.
        maaneder_i_aar: u32,
        /// *B*: persons in the target group in the report month.
        personer_i_maaneden: Value<u32>,
        /// *M*: of them, those who met the goal.
        opfyldt_i_maaneden: Value<u32>,
        /// ⌈*r*/100 · *B*⌉: the persons who must meet the goal in each
        /// remaining month; discretized with *B*.
        skal_opfylde_pr_maaned: Value<u32>,
        /// That many more than *M* (never below 0); discretized with *B* or *M*.
        flere_pr_maaned: Value<u32>,
    },
    /// Before December, out of reach: not even 100 pct. in the remaining
    /// months lifts the year to the limit.
    KanIkkeNaas {
        /// *a*, pct.
        gennemsnit_i_aar: f64,
        /// *j*.
        maaneder_i_aar: u32,
        /// The highest mean of the year's 12 shares still possible, pct.
        hoejst_mulige_gennemsnit: f64,
    },
    /// December: the year is decided.
    AaretErAfgjort {
        /// The year.
        aar: i32,
        /// The mean of its 12 monthly shares, pct.
        gennemsnit: f64,
        /// Whether it reached the limit.
        naaet: bool,
        /// The year of STAR's determination of it (April), under the 2021
        /// rules; `None` for a year STAR does not determine.
        opgoerelse_aar: Option<i32>,
    },
    /// A monthly share of the year is discretized: nothing can be computed.
    Diskretioneret,
    /// Months of the year had no persons in the target group, so they have
    /// no share and nothing can be computed.
    IngenPersoner {
        /// Those months.
        maaneder: Vec<Month>,
    },
}

/// What [`hvad_skal_der_til`] needs beside the krav.
#[derive(Debug, Clone, PartialEq)]
pub struct Grundlag {
    /// The report month.
    pub maaned: Month,
    /// *B*: persons in the target group in the report month.
    pub personer: Value<u32>,
    /// *M*: of them, those who met the goal.
    pub opfyldt: Value<u32>,
    /// The months of the year so far with no persons in the target group.
    pub ingen_personer: Vec<Month>,
    /// What missing the goal means for tilsyn ([`Regelsaet::konsekvens`](crate::measures::rules::Regelsaet::konsekvens)).
    pub konsekvens: Konsekvens,
    /// The year of STAR's determination of the report month's year, if
    /// STAR determines it ([`Regelsaet::opgoerelse_aar`](crate::measures::rules::Regelsaet::opgoerelse_aar)).
    pub opgoerelse_aar: Option<i32>,
}

/// What the krav `v` takes.
///
/// ```
/// use jobcenterindblik::Month;
/// use jobcenterindblik::domain::value::Value::Known;
/// use jobcenterindblik::measures::krav::{Graense, krav};
/// use jobcenterindblik::measures::needed::{Grundlag, Tilfaelde, hvad_skal_der_til};
/// use jobcenterindblik::measures::rules::Konsekvens;
/// // Nine months averaging 76,3733…: 90,88 % of 1.000 persons is 908,8, so 909
/// // a month, 59 more than the 850 of the report month.
/// let v = krav(&[Known(76.37333333333333); 9], Graense::mindst(80.0));
/// let g = Grundlag {
///     maaned: Month::new(2020, 9).unwrap(),
///     personer: Known(1000),
///     opfyldt: Known(850),
///     ingen_personer: vec![],
///     konsekvens: Konsekvens::Ingen,
///     opgoerelse_aar: None,
/// };
/// let Tilfaelde::Krav { skal_opfylde_pr_maaned, flere_pr_maaned, .. } =
///     hvad_skal_der_til(&v, &g).tilfaelde else { panic!() };
/// assert_eq!((skal_opfylde_pr_maaned, flere_pr_maaned), (Known(909), Known(59)));
/// ```
pub fn hvad_skal_der_til(v: &KravVurdering, g: &Grundlag) -> HvadSkalDerTil {
    let tilfaelde = tilfaelde(v, g);
    let sikker = matches!(
        tilfaelde,
        Tilfaelde::Ok { .. } | Tilfaelde::AaretErAfgjort { naaet: true, .. }
    );
    let uden_opgoerelse = matches!(
        tilfaelde,
        Tilfaelde::AaretErAfgjort {
            opgoerelse_aar: None,
            ..
        }
    );
    HvadSkalDerTil {
        tilfaelde,
        konsekvens: (!sikker && !uden_opgoerelse).then_some(g.konsekvens),
    }
}

/// The case of `v`.
fn tilfaelde(v: &KravVurdering, g: &Grundlag) -> Tilfaelde {
    let (Value::Known(krav), Value::Known(a)) = (v.krav, v.gennemsnit_i_aar) else {
        return if g.ingen_personer.is_empty() {
            Tilfaelde::Diskretioneret
        } else {
            Tilfaelde::IngenPersoner {
                maaneder: g.ingen_personer.clone(),
            }
        };
    };
    let Retning::Mindst = v.graense.retning;
    let j = v.maaneder_i_aar;
    let jf = f64::from(j);
    if j >= 12 {
        return Tilfaelde::AaretErAfgjort {
            aar: g.maaned.year(),
            gennemsnit: a,
            naaet: krav == Krav::Ok,
            opgoerelse_aar: g.opgoerelse_aar,
        };
    }
    match krav {
        Krav::Ok => {
            let laveste = ((12.0 * v.graense.andel - jf * a) / (12.0 - jf)).max(0.0);
            Tilfaelde::Ok {
                gennemsnit_i_aar: a,
                maaneder_i_aar: j,
                laveste_tilladte_andel: laveste,
                uanset_resten: round_half_up(laveste * 100.0) == 0,
            }
        }
        Krav::KanIkkeNaas => Tilfaelde::KanIkkeNaas {
            gennemsnit_i_aar: a,
            maaneder_i_aar: j,
            hoejst_mulige_gennemsnit: (jf * a + (12.0 - jf) * 100.0) / 12.0,
        },
        Krav::Andel(r) => {
            // ⌈x⌉ of a product that is whole on paper may sit a hair above it.
            let skal = g
                .personer
                .map(|b| (r / 100.0 * f64::from(b) - EPS).ceil().max(0.0) as u32);
            Tilfaelde::Krav {
                andel: r,
                gennemsnit_i_aar: a,
                maaneder_i_aar: j,
                personer_i_maaneden: g.personer,
                opfyldt_i_maaneden: g.opfyldt,
                skal_opfylde_pr_maaned: skal,
                flere_pr_maaned: skal.zip(g.opfyldt, |s, m| s.saturating_sub(m)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::krav::Graense;
    use Value::{Discretized, Known};

    /// The krav of `shares` against the limit of every rule set so far.
    fn krav(shares: &[Value<f64>]) -> KravVurdering {
        crate::measures::krav::krav(shares, Graense::mindst(80.0))
    }

    /// The report month `maaned` (`2020-09`) with `B` and `M`, the
    /// resultatmål missed under the 2021 rules' samtaler goal.
    fn grundlag(maaned: &str, b: Value<u32>, m: Value<u32>) -> Grundlag {
        Grundlag {
            maaned: Month::parse(maaned).unwrap(),
            personer: b,
            opfyldt: m,
            ingen_personer: Vec::new(),
            konsekvens: Konsekvens::SkaerpetTilsyn,
            opgoerelse_aar: Some(2022),
        }
    }

    /// The persons of a krav case: (must meet a month, more than now).
    fn persons(h: &HvadSkalDerTil) -> (Value<u32>, Value<u32>) {
        match h.tilfaelde {
            Tilfaelde::Krav {
                skal_opfylde_pr_maaned,
                flere_pr_maaned,
                ..
            } => (skal_opfylde_pr_maaned, flere_pr_maaned),
            ref other => panic!("not a krav: {other:?}"),
        }
    }

    #[test]
    fn a_share_needed_in_persons() {
        // Nine months averaging 76,37 leave a krav of 90,88 for the last
        // three (Ballerup's samtaler krav in September 2020; the persons
        // here are made up, tests/needed.rs holds Ballerup's own).
        let v = krav(&[Known(76.37333333333333); 9]);
        let h = hvad_skal_der_til(&v, &grundlag("2021-09", Known(1189), Known(901)));
        // 90,88 % of 1.189 = 1.080,56 → 1.081; 180 more than 901.
        assert_eq!(persons(&h), (Known(1081), Known(180)));
        assert_eq!(h.konsekvens, Some(Konsekvens::SkaerpetTilsyn));
        // Already more than needed: none more.
        let h = hvad_skal_der_til(&v, &grundlag("2021-09", Known(100), Known(95)));
        assert_eq!(persons(&h).1, Known(0));
        // A product that is whole on paper is not rounded up past it:
        // 8 months at 70 need 100 % of the rest (exactly 100 of 100).
        let v = krav(&[Known(70.0); 8]);
        let h = hvad_skal_der_til(&v, &grundlag("2021-08", Known(100), Known(70)));
        assert_eq!(persons(&h).0, Known(100));
        // January at 61,3 leaves (960 - 61,3) / 11 = 81,7 for the rest; of
        // 1.000 that is 817, which floating point makes 817,0000000000001.
        let v = krav(&[Known(61.3)]);
        let h = hvad_skal_der_til(&v, &grundlag("2021-01", Known(1000), Known(613)));
        assert_eq!(persons(&h), (Known(817), Known(204)));
    }

    #[test]
    fn a_year_that_cannot_be_saved_and_one_that_is_safe() {
        // Ten months at 60: at most (600 + 200) / 12 = 66,67.
        let h = hvad_skal_der_til(
            &krav(&[Known(60.0); 10]),
            &grundlag("2021-10", Known(50), Known(30)),
        );
        let Tilfaelde::KanIkkeNaas {
            hoejst_mulige_gennemsnit,
            ..
        } = h.tilfaelde
        else {
            panic!("{h:?}")
        };
        assert!((hoejst_mulige_gennemsnit - 800.0 / 12.0).abs() < 1e-12);
        assert_eq!(h.konsekvens, Some(Konsekvens::SkaerpetTilsyn));
        // Four months at 90: the other eight may fall to (960 - 360) / 8 = 75.
        let h = hvad_skal_der_til(
            &krav(&[Known(90.0); 4]),
            &grundlag("2021-04", Known(50), Known(45)),
        );
        assert_eq!(
            h.tilfaelde,
            Tilfaelde::Ok {
                gennemsnit_i_aar: 90.0,
                maaneder_i_aar: 4,
                laveste_tilladte_andel: 75.0,
                uanset_resten: false,
            }
        );
        assert_eq!(
            h.konsekvens, None,
            "a safe goal has no consequence to state"
        );
        // Eleven months at 100: the last may be 0 (not below).
        let h = hvad_skal_der_til(
            &krav(&[Known(100.0); 11]),
            &grundlag("2021-11", Known(50), Known(50)),
        );
        let Tilfaelde::Ok {
            laveste_tilladte_andel,
            uanset_resten,
            ..
        } = h.tilfaelde
        else {
            panic!("{h:?}")
        };
        assert_eq!((laveste_tilladte_andel, uanset_resten), (0.0, true));
        // Eleven months at 87,2727…: the last may be 0,004, which prints as 0,00.
        let h = hvad_skal_der_til(
            &krav(&[Known((960.0 - 0.004) / 11.0); 11]),
            &grundlag("2021-11", Known(50), Known(50)),
        );
        assert!(
            matches!(
                h.tilfaelde,
                Tilfaelde::Ok {
                    uanset_resten: true,
                    ..
                }
            ),
            "{h:?}"
        );
    }

    #[test]
    fn december_decides_the_year() {
        // Twelve months at 75: the year ends at 75, and April decides.
        let h = hvad_skal_der_til(
            &krav(&[Known(75.0); 12]),
            &grundlag("2021-12", Known(50), Known(30)),
        );
        assert_eq!(
            h.tilfaelde,
            Tilfaelde::AaretErAfgjort {
                aar: 2021,
                gennemsnit: 75.0,
                naaet: false,
                opgoerelse_aar: Some(2022)
            }
        );
        assert_eq!(h.konsekvens, Some(Konsekvens::SkaerpetTilsyn));
        // Reached: nothing to fear.
        let h = hvad_skal_der_til(
            &krav(&[Known(85.0); 12]),
            &grundlag("2021-12", Known(50), Known(45)),
        );
        assert!(matches!(
            h.tilfaelde,
            Tilfaelde::AaretErAfgjort { naaet: true, .. }
        ));
        assert_eq!(h.konsekvens, None);
        // December 2020: STAR determines no year before 2021, so a missed
        // goal has no consequence to state.
        let mut g = grundlag("2020-12", Known(50), Known(30));
        g.opgoerelse_aar = None;
        let h = hvad_skal_der_til(&krav(&[Known(75.0); 12]), &g);
        assert!(matches!(
            h.tilfaelde,
            Tilfaelde::AaretErAfgjort {
                aar: 2020,
                naaet: false,
                opgoerelse_aar: None,
                ..
            }
        ));
        assert_eq!(h.konsekvens, None);
    }

    #[test]
    fn discretized_or_no_persons_in_nothing_out() {
        let g = grundlag("2021-02", Known(50), Known(30));
        let h = hvad_skal_der_til(&krav(&[Known(70.0), Discretized]), &g);
        assert_eq!(h.tilfaelde, Tilfaelde::Diskretioneret);
        assert_eq!(h.konsekvens, Some(Konsekvens::SkaerpetTilsyn));
        // A month without persons has no share: its own case, not "discretized".
        let mut g = g;
        g.ingen_personer = vec![Month::parse("2021-02").unwrap()];
        let h = hvad_skal_der_til(&krav(&[Known(70.0), Discretized]), &g);
        assert_eq!(
            h.tilfaelde,
            Tilfaelde::IngenPersoner {
                maaneder: vec![Month::parse("2021-02").unwrap()]
            }
        );
        // The krav known, the report month's counts not: persons unknown.
        let v = krav(&[Known(76.37333333333333); 9]);
        let h = hvad_skal_der_til(&v, &grundlag("2021-09", Discretized, Known(3)));
        assert_eq!(persons(&h), (Discretized, Discretized));
        let h = hvad_skal_der_til(&v, &grundlag("2021-09", Known(10), Discretized));
        assert_eq!(persons(&h), (Known(10), Discretized));
    }

    #[test]
    fn the_json_names_the_case() {
        let h = hvad_skal_der_til(
            &krav(&[Known(75.0); 12]),
            &grundlag("2021-12", Known(50), Known(30)),
        );
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"tilfaelde":"aaret_er_afgjort","aar":2021,"gennemsnit":75.0,"naaet":false,"opgoerelse_aar":2022,"konsekvens":"skaerpet_tilsyn"}"#
        );
    }
}
