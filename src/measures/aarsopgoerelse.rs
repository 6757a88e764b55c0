//! The year's determination of skærpet tilsyn (`tilsyn --aar`), beyond the
//! monthly report. The dashboard (November 2021) states the rule: in April
//! of the following year STAR determines that a kommune comes under skærpet
//! tilsyn if it meets neither the resultatmål (by the newest benchmarking in
//! April) nor the fokusmål for samtaler over 1 January - 31 December; the
//! aktive tilbud goal gives light tilsyn. The first determination is made in
//! April 2022, for 2021.
//!
//! Resultatmål: the benchmark period that ends in December of the year
//! (`2021QMAT04`), unless another is named; the data's lag of two to three
//! months makes it the newest in April. Fokusmål: the mean of the year's 12
//! monthly shares, the 12-month average of December.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::groups::PerMaal;
use crate::domain::kommune::Kommune;
use crate::domain::period::{BenchmarkPeriod, Month, Window};
use crate::domain::value::Value;
use crate::error::{DataError, ErrorKind, file_name_of};
use crate::extract::dataset::Dataset;
use crate::measures::resultat::{mangler_periode, resultat_for, resultatmaal_opfyldt};
use crate::measures::rules::{Regelsaet, Tilsyn};
use crate::measures::status::{all3, not3};
use crate::measures::windows::{KommuneMaal, NeededBy, month_list};

/// The first year STAR determines (in April 2022).
pub const FOERSTE_AAR: i32 = 2021;

/// Whether STAR determines `aar` at all; if not, why.
pub fn aar_fastsaettes(aar: i32) -> Result<(), String> {
    if aar < FOERSTE_AAR {
        return Err(format!(
            "there is no determination for {aar}: STAR makes the first in April {}, for {FOERSTE_AAR}",
            FOERSTE_AAR + 1
        ));
    }
    Ok(())
}

/// What the determination says of a kommune.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Udfald {
    /// Resultatmål not met and a goal that leads to skærpet tilsyn
    /// (samtaler) below its limit (80).
    SkaerpetTilsyn,
    /// Resultatmål not met and a goal that leads to light tilsyn (aktive
    /// tilbud) below its limit, the skærpet tilsyn goals met.
    LightTilsyn,
    /// Neither.
    IkkeOmfattet,
    /// A discretized or missing figure could change the outcome.
    KanIkkeOpgoeres,
}

impl Udfald {
    /// The outcome in Danish: `Skærpet tilsyn`, …
    pub fn label(self) -> &'static str {
        match self {
            Udfald::SkaerpetTilsyn => "Skærpet tilsyn",
            Udfald::LightTilsyn => "Light tilsyn",
            Udfald::IkkeOmfattet => "Ikke omfattet",
            Udfald::KanIkkeOpgoeres => "Kan ikke opgøres",
        }
    }
}

/// One kommune's determination and the figures it rests on.
#[derive(Debug, Clone)]
pub struct Aarsudfald {
    /// Whose outcome it is.
    pub kommune: &'static Kommune,
    /// Skærpet tilsyn, light tilsyn, neither, or undecided.
    pub udfald: Udfald,
    /// Faktisk − forventet andel in the benchmark period; `None` without a row.
    pub resultatmaal_forskel: Option<Value<f64>>,
    /// The mean of the year's 12 monthly shares per goal; `None` when the
    /// data lack a month.
    pub gennemsnit: PerMaal<Option<Value<f64>>>,
    /// Why a figure is missing, when one is.
    pub grund: Option<String>,
}

/// The year's determination for all 98 kommuner.
#[derive(Debug, Clone)]
pub struct Aarsopgoerelse {
    /// The year determined (its 12 months and the benchmark period ending in it).
    pub aar: i32,
    /// The benchmark period of the resultatmål.
    pub resultatperiode: BenchmarkPeriod,
    /// The rules of the year.
    pub regelsaet: Regelsaet,
    /// Per kommune, in [`Kommune::all`] order.
    pub kommuner: Vec<Aarsudfald>,
}

/// Determines `aar` from the data, with `resultatperiode` instead of the
/// period ending in December if one is named. Refused: a year before
/// [`FOERSTE_AAR`], and a year whose benchmark period or December the data lack.
pub fn aarsopgoerelse(
    data: &Dataset,
    aar: i32,
    resultatperiode: Option<BenchmarkPeriod>,
) -> Result<Aarsopgoerelse, DataError> {
    let (period, year) = check_year(data, aar, resultatperiode)?;
    let regelsaet = Regelsaet::for_month(year.last);
    let no_ranks = HashMap::new();
    let kommuner = Kommune::all()
        .iter()
        .map(|k| {
            let resultat = resultat_for(data, k, period, &no_ranks);
            let goals = PerMaal::from_fn(|m| {
                KommuneMaal::read(data, k, m, year, NeededBy::Determination(aar)).map(|x| x.a12())
            });
            let grund = std::iter::once(resultat.as_ref().err())
                .chain(goals.values().map(|g| g.as_ref().err()))
                .find_map(|e| e.map(|e| e.by_file_name()));
            let forskel = resultat.ok().map(|r| r.row.forskel_andel);
            let gennemsnit = goals.map(|_, g| g.ok());
            Aarsudfald {
                kommune: k,
                udfald: udfald(regelsaet, forskel, &gennemsnit),
                resultatmaal_forskel: forskel,
                gennemsnit,
                grund,
            }
        })
        .collect();
    Ok(Aarsopgoerelse {
        aar,
        resultatperiode: period,
        regelsaet,
        kommuner,
    })
}

/// The benchmark period and the months of a year the data can determine.
fn check_year(
    data: &Dataset,
    aar: i32,
    named: Option<BenchmarkPeriod>,
) -> Result<(BenchmarkPeriod, Window), DataError> {
    let december = aar_fastsaettes(aar)
        .and_then(|()| Month::new(aar, 12).ok_or_else(|| format!("there is no year {aar}")))
        .map_err(|why| DataError::file(ErrorKind::Missing, &data.resultat.file, why))?;
    let period = match named {
        // The benchmarking newest in April of the following year is one that
        // ends in the year; another would judge a different year.
        Some(p) if p.last_month().year() != aar => {
            return Err(DataError::file(
                ErrorKind::Missing,
                &data.resultat.file,
                format!(
                    "{} ({}) does not end in {aar}: the determination of {aar} uses a benchmark period that ends in the year ({aar}QMAT01 to {aar}QMAT04)",
                    p.code(),
                    p.window().iso()
                ),
            ));
        }
        Some(p) => p,
        None => BenchmarkPeriod::parse(&format!("{aar}QMAT04"))
            .map_err(|e| DataError::file(ErrorKind::Missing, &data.resultat.file, e.reason))?,
    };
    let name = file_name_of;
    let mut missing = Vec::new();
    if !data.resultat.periods.contains(&period) {
        missing.push(format!(
            "{} {}",
            name(&data.resultat.file),
            mangler_periode(data, period)
        ));
    }
    let year = Window::ending(december, 12);
    for x in &data.fokus {
        let lacking: Vec<Month> = year.months().filter(|m| !x.months.contains(m)).collect();
        if !lacking.is_empty() {
            missing.push(format!(
                "{} has no rows for {}",
                name(&x.file),
                month_list(&lacking)
            ));
        }
    }
    if !missing.is_empty() {
        return Err(DataError::file(
            ErrorKind::Missing,
            data.dir.display().to_string(),
            format!(
                "cannot determine {aar}, which needs the benchmark period {} and the 12 months of {aar}: {}",
                period.code(),
                missing.join("; ")
            ),
        ));
    }
    Ok((period, year))
}

/// The outcome under `regelsaet` from the resultatmål's difference and the
/// goals' year means, each against its limit: skærpet (light) tilsyn when
/// the resultatmål and the goals that lead to skærpet (light) tilsyn are
/// missed ([`Regelsaet::missed_for`]). Unknown figures decide nothing they
/// cannot decide.
pub fn udfald(
    regelsaet: Regelsaet,
    forskel: Option<Value<f64>>,
    gennemsnit: &PerMaal<Option<Value<f64>>>,
) -> Udfald {
    let known = |v: Option<Value<f64>>| v.and_then(Value::known);
    let r = known(forskel).map(resultatmaal_opfyldt);
    let missed = gennemsnit.map(|m, v| not3(known(v).map(|a| regelsaet.graense(m).naaet(a))));
    let risk = |tilsyn| {
        let missed = regelsaet.missed_for(tilsyn, &missed).unwrap_or(Some(false));
        all3(&[not3(r), missed])
    };
    let (skaerpet, light) = (risk(Tilsyn::Skaerpet), risk(Tilsyn::Light));
    match (skaerpet, light) {
        (Some(true), _) => Udfald::SkaerpetTilsyn,
        (None, _) => Udfald::KanIkkeOpgoeres,
        (Some(false), Some(true)) => Udfald::LightTilsyn,
        (Some(false), None) => Udfald::KanIkkeOpgoeres,
        (Some(false), Some(false)) => Udfald::IkkeOmfattet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::groups::Maal;
    use Value::{Discretized, Known};

    #[test]
    fn the_outcomes() {
        let k = |x| Some(Known(x));
        let udfald = |forskel, s, a| {
            let g = PerMaal::from_fn(|m| match m {
                Maal::Samtaler => s,
                Maal::AktiveTilbud => a,
            });
            super::udfald(Regelsaet::Aar2021, forskel, &g)
        };
        assert_eq!(udfald(k(0.1), k(79.9), k(90.0)), Udfald::SkaerpetTilsyn);
        assert_eq!(udfald(k(0.1), k(79.9), k(70.0)), Udfald::SkaerpetTilsyn);
        assert_eq!(udfald(k(0.1), k(80.0), k(70.0)), Udfald::LightTilsyn);
        assert_eq!(
            udfald(k(0.0), k(50.0), k(50.0)),
            Udfald::IkkeOmfattet,
            "met at 0"
        );
        assert_eq!(udfald(k(0.1), k(80.0), k(80.0)), Udfald::IkkeOmfattet);
        // Unknowns: only where they could change the outcome.
        assert_eq!(
            udfald(Some(Discretized), k(50.0), k(50.0)),
            Udfald::KanIkkeOpgoeres
        );
        assert_eq!(
            udfald(Some(Discretized), k(90.0), k(90.0)),
            Udfald::IkkeOmfattet
        );
        assert_eq!(udfald(k(-0.5), None, None), Udfald::IkkeOmfattet);
        assert_eq!(udfald(k(0.1), None, k(90.0)), Udfald::KanIkkeOpgoeres);
        assert_eq!(udfald(k(0.1), k(70.0), None), Udfald::SkaerpetTilsyn);
        assert_eq!(
            udfald(k(0.1), k(90.0), Some(Discretized)),
            Udfald::KanIkkeOpgoeres
        );
    }
}
