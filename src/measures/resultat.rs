//! The resultatmål of a report: which benchmark period it uses (found in
//! Y30R21 by the calendar of [`benchmarking`](super::benchmarking)), each
//! kommune's figures and rank in it, and how far it is from the goal
//! ([`Resultatafstand`]).

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::groups::Y30Gruppe;
use crate::domain::kommune::{self, Kommune};
use crate::domain::period::{BenchmarkPeriod, Month};
use crate::domain::value::Value;
use crate::error::{DataError, ErrorKind, Hint};
use crate::extract::dataset::Dataset;
use crate::extract::y30r21::Y30Row;
use crate::measures::benchmarking::{SEARCH_MONTHS, seneste_slut};
use crate::measures::ranks::Placering;
use crate::measures::stats::{EPS, quantize, round_half_up};

/// Whether the resultatmål is met: the faktisk andel is at most the
/// forventet, `forskel` = faktisk − forventet in pct.-points (within rounding).
pub fn resultatmaal_opfyldt(forskel: f64) -> bool {
    forskel <= EPS
}

/// "has no benchmark period 2021QMAT04 (2021-01..2021-12); it holds …": why
/// `period` cannot be used.
pub fn mangler_periode(data: &Dataset, period: BenchmarkPeriod) -> String {
    let have: Vec<String> = data.resultat.periods.iter().map(|p| p.code()).collect();
    format!(
        "has no benchmark period {} ({}); it holds {}",
        period.code(),
        period.window().iso(),
        have.join(", ")
    )
}

/// The benchmark period a report for `maaned` uses: the latest in Y30R21
/// that its rule set had published by then, that is, that ended by
/// [`seneste_slut`]: at least [`Regelsaet::resultat_forsinkelse`](crate::measures::rules::Regelsaet::resultat_forsinkelse)
/// months before `maaned` (two in 2020, three from 2021).
pub fn resultatperiode_for(data: &Dataset, maaned: Month) -> Result<BenchmarkPeriod, DataError> {
    let limit = seneste_slut(maaned);
    data.resultat
        .periods
        .iter()
        .rev()
        .find(|p| p.last_month() <= limit)
        .copied()
        .ok_or_else(|| {
            let first = data
                .resultat
                .periods
                .first()
                .map_or("none".to_string(), |p| {
                    format!("the first is {} ({})", p.code(), p.window().iso())
                });
            DataError::file(
                ErrorKind::Missing,
                &data.resultat.file,
                format!(
                    "has no benchmark period that ended by {} ({} months before {}, as the reports of {} used them); {first}",
                    limit.iso(),
                    limit.months_until(maaned),
                    maaned.iso(),
                    maaned.year()
                ),
            )
            .with(Hint::LaterMonthOrBenchmarkPeriod)
        })
}

/// The first month a report can be made for as far as the resultatmål
/// goes (STAR's first report, [`rules::foerste_rapportmaaned`](crate::measures::rules::foerste_rapportmaaned),
/// bounds it too): the first whose default benchmark period
/// ([`resultatperiode_for`]) the data hold. `None` if Y30R21 holds no
/// period. It asks [`resultatperiode_for`] month by month from the end of
/// the first period, so that it follows that function's rule of lag.
pub fn first_report_month(data: &Dataset) -> Option<Month> {
    let first = data.resultat.periods.first()?.last_month();
    (0..=SEARCH_MONTHS)
        .map(|n| first.plus(n))
        .find(|m| resultatperiode_for(data, *m).is_ok())
}

/// How far a kommune is from the resultatmål in its benchmark period, in
/// table 1.1's and table 1.4's own figures (issue 21, beyond STAR's
/// report). Met or not is the share's difference, as everywhere
/// ([`resultatmaal_opfyldt`]); the fuldtidspersoner are faktisk − forventet
/// antal as the data give them, rounded to whole tens in jobindsats' table,
/// so a small difference in the share can show as 0 fuldtidspersoner
/// ([`Forskellen`] says where the difference shows).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "tilfaelde", rename_all = "snake_case")]
pub enum Resultatafstand {
    /// Met: faktisk andel at or below forventet.
    Opfyldt {
        /// Forventet − faktisk antal, never below 0: how many more
        /// fuldtidspersoner could have been on offentlig forsørgelse.
        margen_fuldtidspersoner: Value<f64>,
        /// Forventet − faktisk andel, pct.-points, never below 0.
        margen_procentpoint: f64,
        /// Where the margin shows: in the counts, only in the share, in
        /// neither, or the counts are discretized.
        forskellen: Forskellen,
    },
    /// Not met: faktisk andel above forventet.
    IkkeOpfyldt {
        /// Faktisk − forventet antal, never below 0: how many fewer
        /// fuldtidspersoner on offentlig forsørgelse would have met it (0
        /// when the rounded counts do not show the difference).
        faerre_fuldtidspersoner: Value<f64>,
        /// Faktisk − forventet andel, pct.-points.
        procentpoint: f64,
        /// Where the difference shows: in the counts, only in the share,
        /// in neither, or the counts are discretized.
        forskellen: Forskellen,
    },
    /// The difference in the share is discretized.
    Diskretioneret,
}

/// Where the difference between faktisk and forventet shows in the figures
/// the report prints: the counts (table 1.1, whole tens) and the share's
/// difference (table 1.4, two decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Forskellen {
    /// In the fuldtidspersoner: the count's difference, on the side of the
    /// share's, is above 0.
    SesIAntal,
    /// Only in the share: the counts show no difference on its side, but
    /// the share's difference is at least 0,01 pct.-point at two decimals.
    SesKunIAndel,
    /// Neither: the counts show none, and the share's difference prints as
    /// 0,00 (the kommune lies on its forventet andel).
    SesIkke,
    /// The count's difference is discretized; the share's is known.
    AntalDiskretioneret,
}

impl Forskellen {
    /// Where a difference of `antal` fuldtidspersoner (on the share's side:
    /// at least 0) and `procentpoint` shows.
    fn af(antal: Value<f64>, procentpoint: f64) -> Forskellen {
        match antal {
            Value::Known(n) if n > 0.0 => Forskellen::SesIAntal,
            Value::Known(_) if round_half_up(procentpoint.abs() * 100.0) > 0 => {
                Forskellen::SesKunIAndel
            }
            Value::Known(_) => Forskellen::SesIkke,
            Value::Discretized => Forskellen::AntalDiskretioneret,
        }
    }
}

/// How far `row` (a kommune's `Ydelsesgrupper i alt` row) is from the
/// resultatmål.
///
/// ```
/// use jobcenterindblik::domain::value::Value::{Discretized, Known};
/// use jobcenterindblik::measures::resultat::{Forskellen, Resultatafstand, resultatafstand};
/// // Hedensted, 2021QMAT02: 2.440 against 2.490, 8,28 against 8,47 pct.
/// assert_eq!(resultatafstand(Known(-50.0), Known(-0.19)), Resultatafstand::Opfyldt {
///     margen_fuldtidspersoner: Known(50.0), margen_procentpoint: 0.19,
///     forskellen: Forskellen::SesIAntal });
/// assert_eq!(resultatafstand(Known(30.0), Known(0.12)), Resultatafstand::IkkeOpfyldt {
///     faerre_fuldtidspersoner: Known(30.0), procentpoint: 0.12,
///     forskellen: Forskellen::SesIAntal });
/// // A difference the counts, rounded to tens, do not show.
/// assert_eq!(resultatafstand(Known(0.0), Known(0.01)), Resultatafstand::IkkeOpfyldt {
///     faerre_fuldtidspersoner: Known(0.0), procentpoint: 0.01,
///     forskellen: Forskellen::SesKunIAndel });
/// // Met, on the forventet andel: no margin shows.
/// assert_eq!(resultatafstand(Known(0.0), Known(0.0)), Resultatafstand::Opfyldt {
///     margen_fuldtidspersoner: Known(0.0), margen_procentpoint: 0.0,
///     forskellen: Forskellen::SesIkke });
/// // Met, the counts discretized.
/// assert_eq!(resultatafstand(Discretized, Known(-0.3)), Resultatafstand::Opfyldt {
///     margen_fuldtidspersoner: Discretized, margen_procentpoint: 0.3,
///     forskellen: Forskellen::AntalDiskretioneret });
/// ```
pub fn resultatafstand(forskel_antal: Value<f64>, forskel_andel: Value<f64>) -> Resultatafstand {
    let Value::Known(andel) = forskel_andel else {
        return Resultatafstand::Diskretioneret;
    };
    if resultatmaal_opfyldt(andel) {
        let margen = forskel_antal.map(|a| positiv(-a));
        let procentpoint = positiv(-andel);
        Resultatafstand::Opfyldt {
            margen_fuldtidspersoner: margen,
            margen_procentpoint: procentpoint,
            forskellen: Forskellen::af(margen, procentpoint),
        }
    } else {
        let faerre = forskel_antal.map(positiv);
        Resultatafstand::IkkeOpfyldt {
            faerre_fuldtidspersoner: faerre,
            procentpoint: andel,
            forskellen: Forskellen::af(faerre, andel),
        }
    }
}

/// `x` where it is above 0, else 0 (a plain 0, never −0, which JSON would
/// keep).
fn positiv(x: f64) -> f64 {
    if x > 0.0 { x } else { 0.0 }
}

/// The benchmark period of a report for `maaned`: the one named, which the
/// data must hold, or else [`resultatperiode_for`].
pub fn benchmark_period(
    data: &Dataset,
    maaned: Month,
    named: Option<BenchmarkPeriod>,
) -> Result<BenchmarkPeriod, DataError> {
    match named {
        Some(p) if p.last_month() > maaned => Err(DataError::file(
            ErrorKind::Missing,
            &data.resultat.file,
            format!(
                "{} ({}) ends after the report month, {}: a report can only use a benchmark period that had ended",
                p.code(),
                p.window().iso(),
                maaned.iso()
            ),
        )
        .with(Hint::BenchmarkPeriodBy { month: maaned })),
        Some(p) if data.resultat.periods.contains(&p) => Ok(p),
        Some(p) => Err(DataError::file(
            ErrorKind::Missing,
            &data.resultat.file,
            mangler_periode(data, p),
        )),
        None => resultatperiode_for(data, maaned),
    }
}

/// One kommune's resultatmål in the report's benchmark period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resultat {
    /// The `Ydelsesgrupper i alt` row.
    pub row: Y30Row,
    /// Whether faktisk andel ≤ forventet andel; `None` if discretized.
    pub opfyldt: Option<bool>,
    /// The rank on the benchmark list (the file's, or computed from the differences).
    pub placering: Option<Placering>,
}

impl Resultat {
    /// The change in the difference (faktisk − forventet fuldtidspersoner)
    /// since `before`, the row of the benchmark period before.
    pub fn aendring_fuldtidspersoner(&self, before: &Y30Row) -> Value<f64> {
        self.row
            .forskel_antal
            .zip(before.forskel_antal, |now, then| now - then)
    }
}

/// A kommune's resultatmål, or why the data cannot give it.
pub(crate) fn resultat_for(
    data: &Dataset,
    k: &Kommune,
    period: BenchmarkPeriod,
    placering: &HashMap<u16, Placering>,
) -> Result<Resultat, DataError> {
    let row = data
        .resultat
        .row(k, period, Y30Gruppe::IAlt)
        .ok_or_else(|| {
            DataError::file(
                ErrorKind::Missing,
                &data.resultat.file,
                format!(
                    "has no row for {}, {}, Ydelsesgrupper i alt; the resultatmål needs it",
                    k.navn,
                    period.code()
                ),
            )
        })?;
    Ok(Resultat {
        row: *row,
        opfyldt: row.forskel_andel.known().map(resultatmaal_opfyldt),
        placering: placering.get(&k.kode).copied(),
    })
}

/// Figure 2.2's comparable kommuner: the two whose forventet andel in the
/// same benchmark period is closest to the kommune's own (ties by name in
/// Danish order). None when the kommune's own forventet andel is discretized.
pub fn sammenlignelige<'d>(
    data: &'d Dataset,
    k: &Kommune,
    period: BenchmarkPeriod,
) -> Vec<(&'static Kommune, &'d Y30Row)> {
    let Some(Value::Known(target)) = data
        .resultat
        .row(k, period, Y30Gruppe::IAlt)
        .map(|r| r.forventet_andel)
    else {
        return Vec::new();
    };
    let mut others: Vec<(&'static Kommune, &Y30Row)> = data
        .resultat
        .kommuner_in(period, Y30Gruppe::IAlt)
        .filter(|(o, r)| o.kode != k.kode && !r.forventet_andel.is_discretized())
        .collect();
    others.sort_by_key(|(o, r)| {
        let distance = (r.forventet_andel.known().unwrap_or(f64::MAX) - target).abs();
        (quantize(distance), kommune::danish_key(o.navn))
    });
    others.truncate(2);
    others
}
