//! The resultatmål of a report: which benchmark period it uses, each
//! kommune's figures and rank in it, how far it is from the goal
//! ([`Resultatafstand`]), and when the half-yearly benchmarking brings the
//! next period ([`naeste_periode`]).

use std::collections::HashMap;

use serde::Serialize;

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

/// The benchmark period the rules give a report for `maaned`, from the
/// calendar alone: the latest half-yearly period (ending in June or
/// December) that ended at least [`Regelsaet::resultat_forsinkelse`]
/// months before it. It is what [`resultatperiode_for`] finds in data that
/// hold every period, and it speaks of months the data do not reach yet.
///
/// ```
/// use jobcenterindblik::Month;
/// use jobcenterindblik::measures::resultat::regelperiode;
/// let m = |y, mo| Month::new(y, mo).unwrap();
/// assert_eq!(regelperiode(m(2020, 8)).code(), "2020QMAT02");
/// assert_eq!(regelperiode(m(2021, 2)).code(), "2020QMAT02");
/// assert_eq!(regelperiode(m(2021, 3)).code(), "2020QMAT04");
/// assert_eq!(regelperiode(m(2021, 8)).code(), "2020QMAT04");
/// assert_eq!(regelperiode(m(2021, 9)).code(), "2021QMAT02");
/// ```
pub fn regelperiode(maaned: Month) -> BenchmarkPeriod {
    let limit = maaned.plus(-Regelsaet::for_month(maaned).resultat_forsinkelse());
    let (year, quarter) = match limit.month() {
        12 => (limit.year(), 4),
        6..=11 => (limit.year(), 2),
        _ => (limit.year() - 1, 4),
    };
    BenchmarkPeriod { year, quarter }
}

/// The first report month whose rules give it `periode`: the report a new
/// benchmark period is expected with (the month its end lies
/// [`Regelsaet::resultat_forsinkelse`] months before, by that month's
/// rules). The dashboard: 2021QMAT02 "i forbindelse med
/// september-rapporten".
///
/// ```
/// use jobcenterindblik::BenchmarkPeriod;
/// use jobcenterindblik::measures::resultat::forventes_med;
/// let p = |s| BenchmarkPeriod::parse(s).unwrap();
/// assert_eq!(forventes_med(p("2020QMAT02")).iso(), "2020-08");
/// // Ends in December 2020; the months of 2021 wait three months.
/// assert_eq!(forventes_med(p("2020QMAT04")).iso(), "2021-03");
/// assert_eq!(forventes_med(p("2021QMAT02")).iso(), "2021-09");
/// ```
pub fn forventes_med(periode: BenchmarkPeriod) -> Month {
    // No rule of lag is longer than two years.
    const SEARCH_MONTHS: i32 = 24;
    let end = periode.last_month();
    (1..=SEARCH_MONTHS)
        .map(|n| end.plus(n))
        .find(|&m| m.plus(-Regelsaet::for_month(m).resultat_forsinkelse()) >= end)
        .expect("every rule of lag is shorter than two years")
}

/// The next benchmark period after the report's (`brugt`) that the reports
/// of later months than `maaned` get, and the month it is expected with:
/// the half-yearly benchmarking's next step as the report month sees it.
///
/// ```
/// use jobcenterindblik::{BenchmarkPeriod, Month};
/// use jobcenterindblik::measures::resultat::naeste_periode;
/// let p = |s| BenchmarkPeriod::parse(s).unwrap();
/// let n = naeste_periode(p("2021QMAT02"), Month::new(2021, 11).unwrap());
/// assert_eq!((n.periode.code(), n.forventes_med.iso()), ("2021QMAT04".into(), "2022-03".into()));
/// // A period named older than the month's own: the next one still to come.
/// let n = naeste_periode(p("2020QMAT04"), Month::new(2021, 11).unwrap());
/// assert_eq!(n.periode.code(), "2021QMAT04");
/// ```
pub fn naeste_periode(brugt: BenchmarkPeriod, maaned: Month) -> NaestePeriode {
    let mut periode = brugt.next();
    while forventes_med(periode) <= maaned {
        periode = periode.next();
    }
    NaestePeriode {
        periode,
        forventes_med: forventes_med(periode),
    }
}

/// A benchmark period still to come, and the report it is expected with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NaestePeriode {
    /// The period.
    pub periode: BenchmarkPeriod,
    /// The first report month whose rules give it ([`forventes_med`]).
    pub forventes_med: Month,
}

/// How far a kommune is from the resultatmål in its benchmark period, in
/// table 1.1's and table 1.4's own figures (issue 21, beyond STAR's
/// report). Met or not is the share's difference, as everywhere
/// ([`resultatmaal_opfyldt`]); the fuldtidspersoner are faktisk − forventet
/// antal as the data give them, rounded to whole tens in jobindsats' table,
/// so a small difference in the share can show as 0 fuldtidspersoner.
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
    },
    /// Not met: faktisk andel above forventet.
    IkkeOpfyldt {
        /// Faktisk − forventet antal, never below 0: how many fewer
        /// fuldtidspersoner on offentlig forsørgelse would have met it (0
        /// when the rounded counts do not show the difference).
        faerre_fuldtidspersoner: Value<f64>,
        /// Faktisk − forventet andel, pct.-points.
        procentpoint: f64,
    },
    /// The difference in the share is discretized.
    Diskretioneret,
}

/// How far `row` (a kommune's `Ydelsesgrupper i alt` row) is from the
/// resultatmål.
///
/// ```
/// use jobcenterindblik::domain::value::Value::Known;
/// use jobcenterindblik::measures::resultat::{Resultatafstand, resultatafstand};
/// // Hedensted, 2021QMAT02: 2.440 against 2.490, 8,28 against 8,47 pct.
/// assert_eq!(resultatafstand(Known(-50.0), Known(-0.19)),
///     Resultatafstand::Opfyldt { margen_fuldtidspersoner: Known(50.0), margen_procentpoint: 0.19 });
/// assert_eq!(resultatafstand(Known(30.0), Known(0.12)),
///     Resultatafstand::IkkeOpfyldt { faerre_fuldtidspersoner: Known(30.0), procentpoint: 0.12 });
/// // A difference the counts, rounded to tens, do not show.
/// assert_eq!(resultatafstand(Known(0.0), Known(0.01)),
///     Resultatafstand::IkkeOpfyldt { faerre_fuldtidspersoner: Known(0.0), procentpoint: 0.01 });
/// ```
pub fn resultatafstand(forskel_antal: Value<f64>, forskel_andel: Value<f64>) -> Resultatafstand {
    let Value::Known(andel) = forskel_andel else {
        return Resultatafstand::Diskretioneret;
    };
    if resultatmaal_opfyldt(andel) {
        Resultatafstand::Opfyldt {
            margen_fuldtidspersoner: forskel_antal.map(|a| positiv(-a)),
            margen_procentpoint: positiv(-andel),
        }
    } else {
        Resultatafstand::IkkeOpfyldt {
            faerre_fuldtidspersoner: forskel_antal.map(positiv),
            procentpoint: andel,
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
