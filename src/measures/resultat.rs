//! The resultatmål of a report: which benchmark period it uses, and each
//! kommune's figures and rank in it.

use std::collections::HashMap;

use crate::domain::groups::Y30Gruppe;
use crate::domain::kommune::{self, Kommune};
use crate::domain::period::{BenchmarkPeriod, Month};
use crate::domain::value::Value;
use crate::error::{DataError, ErrorKind, Hint};
use crate::extract::dataset::Dataset;
use crate::extract::y30r21::Y30Row;
use crate::measures::ranks::Placering;
use crate::measures::rules::Regelsaet;
use crate::measures::stats::{EPS, quantize};

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
/// that its rule set had published by then, that is, that ended at least
/// [`Regelsaet::resultat_forsinkelse`] months before `maaned` (two in 2020,
/// three from 2021).
pub fn resultatperiode_for(data: &Dataset, maaned: Month) -> Result<BenchmarkPeriod, DataError> {
    let lag = Regelsaet::for_month(maaned).resultat_forsinkelse();
    let limit = maaned.plus(-lag);
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
                    "has no benchmark period that ended by {} ({lag} months before {}, as the reports of {} used them); {first}",
                    limit.iso(),
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
    // No rule of lag is longer than two years.
    const SEARCH_MONTHS: i32 = 24;
    let first = data.resultat.periods.first()?.last_month();
    (0..=SEARCH_MONTHS)
        .map(|n| first.plus(n))
        .find(|m| resultatperiode_for(data, *m).is_ok())
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
