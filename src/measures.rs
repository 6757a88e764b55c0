//! The method: every figure the report prints, computed from the domain model.
//!
//! Pure functions over a [`Dataset`]; nothing here reads files or formats
//! text. The rules and their sources (the seeds) are written down in
//! `docs/method.md`. [`Landsbillede`] computes, once per report month, what
//! all 98 kommuner share (ranks, Top 10, Hele landet, statuses); the report
//! model for one kommune is then read off it.

use std::cmp::Reverse;
use std::collections::HashMap;

use serde::{Serialize, Serializer, ser::SerializeStruct};

use crate::dataset::Dataset;
use crate::error::{DataError, ErrorKind};
use crate::fokusmaal::{FokusRow, Gruppe, Maal, Series};
use crate::kommune::{self, Kommune};
use crate::period::{BenchmarkPeriod, Month, Window};
use crate::stats::{self, Direction, EPS, Mean, Ratio, quantize};
use crate::value::Value;
use crate::y30r21::{Y30Gruppe, Y30Row};

/// The lower limit of skærpet tilsyn: 80 pct. must meet a fokusmål on average.
pub const GRAENSE: f64 = 80.0;

/// How many months of the total series a report needs: the 12 twelve-month
/// averages of chapter 5 reach back 23 months.
pub const MONTHS_NEEDED: u32 = 23;

/// How many months a resultatmål benchmark period must have ended before the report month.
pub const RESULTAT_LAG_MONTHS: i32 = 2;

/// A monthly share in pct.: 100 · met / persons; discretized if either count
/// is, or if there are no persons.
///
/// ```
/// use jobcenterindblik::measures::share;
/// use jobcenterindblik::value::Value::{Discretized, Known};
/// assert_eq!(share(Known(666), Known(736)), Known(90.48913043478261));
/// assert_eq!(share(Discretized, Known(736)), Discretized);
/// assert_eq!(share(Known(0), Known(0)), Discretized);
/// ```
pub fn share(met: Value<u32>, persons: Value<u32>) -> Value<f64> {
    match (met, persons) {
        (Value::Known(m), Value::Known(n)) if n > 0 => {
            Value::Known(100.0 * f64::from(m) / f64::from(n))
        }
        _ => Value::Discretized,
    }
}

/// The share of a row.
pub fn row_share(row: &FokusRow) -> Value<f64> {
    share(row.opfyldt, row.personer)
}

/// The unique persons who met the goal: the window's share of its unique
/// persons, rounded half up (the seeds' rule).
///
/// ```
/// use jobcenterindblik::measures::unique_met;
/// use jobcenterindblik::value::Value::{Discretized, Known};
/// assert_eq!(unique_met(Known(87.84), Known(1261)), Known(1108));
/// assert_eq!(unique_met(Known(50.0), Known(5)), Known(3));
/// assert_eq!(unique_met(Discretized, Known(0)), Known(0));
/// ```
pub fn unique_met(window_share: Value<f64>, unique: Value<u32>) -> Value<u32> {
    // No persons: nobody met the goal, whatever the (undefined) share.
    if unique == Value::Known(0) {
        return Value::Known(0);
    }
    window_share.zip(unique, |s, u| {
        let met = stats::round_half_up(s / 100.0 * f64::from(u));
        met.clamp(0, i64::from(u)) as u32
    })
}

/// What a kommune needs for the rest of the year to end it above the limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Krav {
    /// The year-to-date average is at least 80: the goal is met so far.
    Ok,
    /// Not even 100 pct. in the remaining months would lift the year to 80.
    KanIkkeNaas,
    /// The average share needed in each remaining month, in pct.
    Andel(f64),
}

/// The krav and what it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KravVurdering {
    /// The krav; discretized if a month of the year is.
    pub krav: Value<Krav>,
    /// The simple mean of the year's monthly shares so far (a).
    pub gennemsnit_i_aar: Value<f64>,
    /// How many months of the year that mean covers (j).
    pub maaneder_i_aar: u32,
}

/// Krav ved årets udgang from the monthly shares of the year so far (January
/// up to and including the report month): with j months averaging a, the
/// rest of the year must average (12 · 80 − j · a) / (12 − j).
///
/// ```
/// use jobcenterindblik::measures::{krav, Krav};
/// use jobcenterindblik::value::Value::Known;
/// // Nine months averaging 76,3733… need 90,88 in each of the last three.
/// let nine = [Known(76.37333333333333); 9];
/// let Known(Krav::Andel(r)) = krav(&nine).krav else { panic!() };
/// assert!((r - 90.88).abs() < 1e-9);
/// assert_eq!(krav(&[Known(81.0); 3]).krav, Known(Krav::Ok));
/// assert_eq!(krav(&[Known(79.9); 12]).krav, Known(Krav::KanIkkeNaas));
/// ```
pub fn krav(year_to_date: &[Value<f64>]) -> KravVurdering {
    let j = year_to_date.len() as u32;
    let a = Mean::of(year_to_date.iter().copied());
    let krav = a.map(|a| {
        if a >= GRAENSE - EPS {
            Krav::Ok
        } else if j >= 12 {
            Krav::KanIkkeNaas
        } else {
            let r = (12.0 * GRAENSE - f64::from(j) * a) / f64::from(12 - j);
            if r > 100.0 + EPS {
                Krav::KanIkkeNaas
            } else {
                Krav::Andel(r)
            }
        }
    });
    KravVurdering {
        krav,
        gennemsnit_i_aar: a,
        maaneder_i_aar: j,
    }
}

impl Serialize for KravVurdering {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (vurdering, andel) = match self.krav {
            Value::Known(Krav::Ok) => (Some("ok"), None),
            Value::Known(Krav::KanIkkeNaas) => (Some("kan_ikke_naas"), None),
            Value::Known(Krav::Andel(r)) => (Some("krav"), Some(r)),
            Value::Discretized => (None, None),
        };
        let mut st = s.serialize_struct("Krav", 4)?;
        st.serialize_field("vurdering", &vurdering)?;
        st.serialize_field("andel", &andel)?;
        st.serialize_field("gennemsnit_i_aar", &self.gennemsnit_i_aar)?;
        st.serialize_field("maaneder_i_aar", &self.maaneder_i_aar)?;
        st.end()
    }
}

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

/// A rank among the kommuner that could be ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Placering {
    /// 1 = best.
    pub plads: u32,
    /// How many kommuner were ranked.
    pub ud_af: u32,
}

/// Ranks kommuner on a value; `None` values are not ranked.
fn placeringer(values: &[(u16, Option<f64>)], direction: Direction) -> HashMap<u16, Placering> {
    let known: Vec<(u16, f64)> = values
        .iter()
        .filter_map(|&(k, v)| v.map(|v| (k, v)))
        .collect();
    let ud_af = known.len() as u32;
    stats::ranks(&known, direction)
        .into_iter()
        .map(|(k, plads)| (k, Placering { plads, ud_af }))
        .collect()
}

/// The latest benchmark period in Y30R21 that ended at least two months before `maaned`.
pub fn resultatperiode_for(data: &Dataset, maaned: Month) -> Result<BenchmarkPeriod, DataError> {
    let limit = maaned.plus(-RESULTAT_LAG_MONTHS);
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
                    format!("the first is {} ({})", p.code(), p.label())
                });
            DataError::file(
                ErrorKind::Missing,
                &data.resultat.file,
                format!(
                    "has no benchmark period that ended by {} (two months before {}); {first}",
                    limit.label_lower(),
                    maaned.label_lower()
                ),
            )
            .with_hint("choose a later --periode, or name a period with --resultatperiode")
        })
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

/// The months of a kommune's total series that a report uses, for one goal.
#[derive(Debug, Clone, PartialEq)]
pub struct KommuneMaal {
    /// Monthly shares for the [`MONTHS_NEEDED`] months ending with the report month.
    pub shares: Vec<Value<f64>>,
    /// The report month's row.
    pub row: FokusRow,
    /// The report month.
    pub maaned: Month,
}

impl KommuneMaal {
    /// The share of the window of `len` months ending `back` months before the report month.
    pub fn vindue(&self, back: usize, len: usize) -> Value<f64> {
        let end = self.shares.len() - back;
        Mean::of(self.shares[end - len..end].iter().copied())
    }

    /// The report month's share.
    pub fn maaned_andel(&self) -> Value<f64> {
        self.vindue(0, 1)
    }

    /// The 3-month window share (table 1.3).
    pub fn tre_mdr(&self) -> Value<f64> {
        self.vindue(0, 3)
    }

    /// The 12-month average, A12 (table 1.5).
    pub fn a12(&self) -> Value<f64> {
        self.vindue(0, 12)
    }

    /// A12 for each of the last 12 months, oldest first (chapter 5).
    pub fn a12_serie(&self) -> Vec<(Month, Value<f64>)> {
        (0..12)
            .rev()
            .map(|back| (self.maaned.plus(-(back as i32)), self.vindue(back, 12)))
            .collect()
    }

    /// Krav ved årets udgang from January to the report month.
    pub fn krav(&self) -> KravVurdering {
        let j = self.maaned.month() as usize;
        krav(&self.shares[self.shares.len() - j..])
    }

    /// The monthly shares of the last 12 months, oldest first (chapter 4).
    pub fn maaneder(&self) -> Vec<(Month, Value<f64>)> {
        (0..12)
            .rev()
            .map(|back| (self.maaned.plus(-(back as i32)), self.vindue(back, 1)))
            .collect()
    }
}

/// Reads the rows of `window` from a series; an error names the months that are missing.
pub fn rows_for<'a>(
    series: Option<&'a Series>,
    window: Window,
    file: &str,
    what: &str,
    maaned: Month,
) -> Result<Vec<&'a FokusRow>, DataError> {
    let missing_error = |months: &[Month]| {
        let message = if months.len() as u32 == window.len() {
            format!(
                "has no rows for {what} from {} to {}",
                window.first.code(),
                window.last.code()
            )
        } else {
            format!("has no rows for {what} in {}", month_list(months))
        };
        DataError::file(ErrorKind::Missing, file, format!(
            "{message}; the report for {} needs every month from {} to {}",
            maaned.label_lower(),
            window.first.code(),
            window.last.code()
        ))
        .with_hint("add the missing rows (write \".\" for a discretized value), or choose a --periode the data covers")
    };
    let Some(series) = series else {
        return Err(missing_error(&window.months().collect::<Vec<_>>()));
    };
    let mut rows = Vec::with_capacity(window.len() as usize);
    let mut missing = Vec::new();
    for m in window.months() {
        match series.get(&m) {
            Some(r) => rows.push(r),
            None => missing.push(m),
        }
    }
    if missing.is_empty() {
        Ok(rows)
    } else {
        Err(missing_error(&missing))
    }
}

/// `2019M03, 2019M05-2019M07`: months as runs.
pub fn month_list(months: &[Month]) -> String {
    let mut runs: Vec<(Month, Month)> = Vec::new();
    for &m in months {
        match runs.last_mut() {
            Some((_, end)) if end.plus(1) == m => *end = m,
            _ => runs.push((m, m)),
        }
    }
    runs.iter()
        .map(|(a, b)| {
            if a == b {
                a.code()
            } else {
                format!("{}-{}", a.code(), b.code())
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the country looks like for one goal in the report month.
#[derive(Debug)]
pub struct MaalLand {
    /// The goal.
    pub maal: Maal,
    /// Rank on the report month's share.
    pub maaned_placering: HashMap<u16, Placering>,
    /// Rank on the 3-month window share.
    pub tre_mdr_placering: HashMap<u16, Placering>,
    /// Rank on the previous month's 3-month window share.
    pub tre_mdr_placering_forrige: HashMap<u16, Placering>,
    /// The 10 kommuner with the highest share in the report month.
    pub top10: Vec<&'static Kommune>,
    /// Per month of the last 12: the simple mean of the Top 10's shares.
    pub top10_serie: Vec<(Month, Option<f64>)>,
    /// Per month of the last 12: Σ met / Σ persons over the kommuner.
    pub hele_landet: Vec<(Month, Option<f64>)>,
}

/// One kommune's figures in the national picture; each part fails on its own.
#[derive(Debug)]
pub struct KommuneTal {
    /// The kommune.
    pub kommune: &'static Kommune,
    /// Resultatmål in the report's benchmark period.
    pub resultat: Result<Resultat, DataError>,
    /// The two fokusmål, in [`Maal::ALL`] order.
    pub maal: [Result<KommuneMaal, DataError>; 2],
}

impl KommuneTal {
    /// One goal's figures.
    pub fn maal(&self, maal: Maal) -> &Result<KommuneMaal, DataError> {
        &self.maal[maal as usize]
    }

    /// The status criteria, or the first data error that prevents them.
    pub fn kriterier(&self) -> Result<Kriterier, DataError> {
        let r = self.resultat.as_ref().map_err(Clone::clone)?;
        let goal = |m: Maal| -> Result<MaalKriterier, DataError> {
            let g = self.maal(m).as_ref().map_err(Clone::clone)?;
            Ok(MaalKriterier::new(g.a12(), g.krav().krav))
        };
        Ok(Kriterier {
            resultatmaal_opfyldt: r.opfyldt,
            samtaler: goal(Maal::Samtaler)?,
            aktive_tilbud: goal(Maal::AktiveTilbud)?,
        })
    }

    /// The status, or the first data error that prevents it.
    pub fn status(&self) -> Result<Status, DataError> {
        self.kriterier().map(|k| status(&k))
    }
}

/// Everything the 98 kommuner share for one report month, computed once.
#[derive(Debug)]
pub struct Landsbillede<'d> {
    /// The data.
    pub data: &'d Dataset,
    /// The report month.
    pub maaned: Month,
    /// The benchmark period for resultatmål.
    pub resultatperiode: BenchmarkPeriod,
    /// Per kommune, in [`Kommune::all`] order.
    pub kommuner: Vec<KommuneTal>,
    /// Per goal, in [`Maal::ALL`] order.
    pub maal: [MaalLand; 2],
}

impl<'d> Landsbillede<'d> {
    /// Computes the national picture for `maaned`. `resultatperiode`
    /// overrides the benchmark period chosen by [`resultatperiode_for`].
    /// Fails only for problems that concern every kommune (the month lies
    /// outside the data, no benchmark period fits); a single kommune's gaps
    /// are kept in its [`KommuneTal`].
    pub fn new(
        data: &'d Dataset,
        maaned: Month,
        resultatperiode: Option<BenchmarkPeriod>,
    ) -> Result<Landsbillede<'d>, DataError> {
        for extract in &data.fokus {
            check_span(extract.span(), &extract.file, maaned)?;
        }
        let resultatperiode = match resultatperiode {
            Some(p) if data.resultat.periods.contains(&p) => p,
            Some(p) => {
                let have: Vec<String> = data.resultat.periods.iter().map(|p| p.code()).collect();
                return Err(DataError::file(
                    ErrorKind::Missing,
                    &data.resultat.file,
                    format!(
                        "has no benchmark period {}; it holds {}",
                        p.code(),
                        have.join(", ")
                    ),
                ));
            }
            None => resultatperiode_for(data, maaned)?,
        };
        let resultat_placering = resultat_placeringer(data, resultatperiode);
        let window = Window::ending(maaned, MONTHS_NEEDED);
        let kommuner: Vec<KommuneTal> = Kommune::all()
            .iter()
            .map(|k| KommuneTal {
                kommune: k,
                resultat: resultat_for(data, k, resultatperiode, &resultat_placering),
                maal: Maal::ALL.map(|m| kommune_maal(data, k, m, window)),
            })
            .collect();
        let maal = Maal::ALL.map(|m| maal_land(data, m, maaned, &kommuner));
        Ok(Landsbillede {
            data,
            maaned,
            resultatperiode,
            kommuner,
            maal,
        })
    }

    /// A kommune's figures.
    pub fn kommune(&self, kommune: &Kommune) -> &KommuneTal {
        self.kommuner
            .iter()
            .find(|t| t.kommune.kode == kommune.kode)
            .expect("every kommune has an entry")
    }

    /// One goal's national figures.
    pub fn maal(&self, maal: Maal) -> &MaalLand {
        &self.maal[maal as usize]
    }
}

fn check_span(span: Option<(Month, Month)>, file: &str, maaned: Month) -> Result<(), DataError> {
    let Some((first, last)) = span else {
        return Err(DataError::file(
            ErrorKind::Empty,
            file,
            "holds no kommune rows",
        ));
    };
    let earliest = first.plus(MONTHS_NEEDED as i32 - 1);
    if maaned > last {
        return Err(DataError::file(
            ErrorKind::Missing,
            file,
            format!(
                "ends with {}; there is no data for {} yet",
                last.code(),
                maaned.label_lower()
            ),
        )
        .with_hint(format!(
            "choose a --periode from {} to {}",
            earliest.iso(),
            last.iso()
        )));
    }
    if maaned < earliest {
        return Err(DataError::file(
            ErrorKind::Missing,
            file,
            format!(
                "starts with {}, but the report for {} needs the {MONTHS_NEEDED} months from {}",
                first.code(),
                maaned.label_lower(),
                maaned.plus(1 - MONTHS_NEEDED as i32).code()
            ),
        )
        .with_hint(format!(
            "choose a --periode from {} to {}",
            earliest.iso(),
            last.iso()
        )));
    }
    Ok(())
}

/// Ranks on the benchmark list for a period: the file's `Placering` where it
/// has one, else ascending by the pct.-point difference.
pub fn resultat_placeringer(data: &Dataset, period: BenchmarkPeriod) -> HashMap<u16, Placering> {
    let rows: Vec<(&Kommune, &Y30Row)> =
        data.resultat.kommuner_in(period, Y30Gruppe::IAlt).collect();
    let ud_af = rows.len() as u32;
    let values: Vec<(u16, Option<f64>)> = rows
        .iter()
        .map(|(k, r)| (k.kode, r.forskel_andel.known()))
        .collect();
    let mut computed = placeringer(&values, Direction::LowestFirst);
    for (k, r) in rows {
        if let Some(Value::Known(plads)) = r.placering {
            computed.insert(k.kode, Placering { plads, ud_af });
        }
    }
    computed
}

fn resultat_for(
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
        opfyldt: row.forskel_andel.known().map(|d| d <= EPS),
        placering: placering.get(&k.kode).copied(),
    })
}

fn kommune_maal(
    data: &Dataset,
    k: &Kommune,
    maal: Maal,
    window: Window,
) -> Result<KommuneMaal, DataError> {
    let extract = data.fokus(maal);
    let what = format!("{}, Ydelsesgrupper i alt, Mindst 12 mdr.", k.navn);
    let rows = rows_for(
        extract.series(k, Gruppe::IAlt),
        window,
        &extract.file,
        &what,
        window.last,
    )?;
    Ok(KommuneMaal {
        shares: rows.iter().map(|r| row_share(r)).collect(),
        row: **rows.last().expect("a window has months"),
        maaned: window.last,
    })
}

fn maal_land(data: &Dataset, maal: Maal, maaned: Month, kommuner: &[KommuneTal]) -> MaalLand {
    let ok: Vec<(&'static Kommune, &KommuneMaal)> = kommuner
        .iter()
        .filter_map(|t| t.maal(maal).as_ref().ok().map(|g| (t.kommune, g)))
        .collect();
    let ranked = |f: &dyn Fn(&KommuneMaal) -> Value<f64>| {
        let values: Vec<(u16, Option<f64>)> =
            ok.iter().map(|(k, g)| (k.kode, f(g).known())).collect();
        placeringer(&values, Direction::HighestFirst)
    };
    let mut candidates: Vec<(&'static Kommune, f64)> = ok
        .iter()
        .filter_map(|(k, g)| g.maaned_andel().known().map(|s| (*k, s)))
        .collect();
    candidates.sort_by_key(|(k, s)| (Reverse(quantize(*s)), kommune::danish_key(k.navn)));
    let top10: Vec<&'static Kommune> = candidates.iter().take(10).map(|(k, _)| *k).collect();
    let months: Vec<Month> = Window::ending(maaned, 12).months().collect();
    let top10_serie = months
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let back = 11 - i;
            let mut mean = Mean::default();
            for (k, g) in &ok {
                if top10.contains(k)
                    && let Value::Known(s) = g.vindue(back, 1)
                {
                    mean.add(Value::Known(s));
                }
            }
            (m, mean.value().and_then(|v| v.known()))
        })
        .collect();
    let extract = data.fokus(maal);
    let hele_landet = months
        .iter()
        .map(|&m| {
            let mut ratio = Ratio::default();
            for (k, _) in &ok {
                if let Some(row) = extract.series(k, Gruppe::IAlt).and_then(|s| s.get(&m))
                    && let (Value::Known(met), Value::Known(n)) = (row.opfyldt, row.personer)
                {
                    ratio.add(met, n);
                }
            }
            (m, ratio.percent())
        })
        .collect();
    MaalLand {
        maal,
        maaned_placering: ranked(&|g| g.maaned_andel()),
        tre_mdr_placering: ranked(&|g| g.tre_mdr()),
        tre_mdr_placering_forrige: ranked(&|g| g.vindue(1, 3)),
        top10,
        top10_serie,
        hele_landet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Value::{Discretized, Known};

    fn kr(j: usize, a: f64) -> Value<Krav> {
        krav(&vec![Known(a); j]).krav
    }

    #[test]
    fn krav_at_the_edges_of_the_year() {
        // January: one month at 70 needs (960 - 70) / 11 = 80.909… for the rest.
        let Known(Krav::Andel(r)) = kr(1, 70.0) else {
            panic!()
        };
        assert!((r - 890.0 / 11.0).abs() < 1e-12);
        // December: the year is over; below 80 cannot be reached, 80 or more is Ok.
        assert_eq!(kr(12, 79.99), Known(Krav::KanIkkeNaas));
        assert_eq!(kr(12, 80.0), Known(Krav::Ok));
        // November: 960 - 11a must be at most 100, so a ≥ 78.1818…
        let Known(Krav::Andel(r)) = kr(11, 78.2) else {
            panic!()
        };
        assert!((r - 99.8).abs() < 1e-9);
        assert_eq!(kr(11, 78.18), Known(Krav::KanIkkeNaas));
        // Exactly 100 needed is still possible.
        let Known(Krav::Andel(r)) = kr(6, 60.0) else {
            panic!()
        };
        assert!((r - 100.0).abs() < 1e-9);
        assert_eq!(krav(&[Known(90.0), Discretized]).krav, Discretized);
        assert_eq!(krav(&[Known(90.0), Discretized]).maaneder_i_aar, 2);
    }

    #[test]
    fn ballerup_september_2020_krav() {
        // Seed 002: samtaler krav 90,88 in September with a year-to-date mean of 76,37.
        let v = krav(&[Known(76.3733); 9]);
        let Known(Krav::Andel(r)) = v.krav else {
            panic!()
        };
        assert_eq!(format!("{r:.2}"), "90.88");
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

    #[test]
    fn a_discretized_month_discretizes_its_windows() {
        let g = KommuneMaal {
            shares: (0..23)
                .map(|i| if i == 15 { Discretized } else { Known(90.0) })
                .collect(),
            row: FokusRow {
                personer: Known(10),
                opfyldt: Known(9),
                unikke_3: Known(12),
                unikke_12: Known(20),
                line: 1,
            },
            maaned: Month::new(2020, 8).unwrap(),
        };
        assert_eq!(g.tre_mdr(), Known(90.0));
        assert_eq!(g.a12(), Discretized);
        let serie = g.a12_serie();
        // A12 at month i covers shares i..=i+11; share 15 is in them from i = 4.
        assert_eq!(serie[0].0, Month::new(2019, 9).unwrap());
        assert_eq!(serie[3].1, Known(90.0));
        assert_eq!(serie[4].1, Discretized);
        assert_eq!(g.krav().krav, Discretized);
        assert_eq!(unique_met(g.a12(), Known(20)), Discretized);
    }

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
    fn ties_share_a_rank() {
        let values = [
            (1, Some(93.1)),
            (2, Some(95.0)),
            (3, Some(93.1)),
            (4, None),
            (5, Some(80.0)),
        ];
        let p = placeringer(&values, Direction::HighestFirst);
        assert_eq!(p[&2], Placering { plads: 1, ud_af: 4 });
        assert_eq!(p[&1].plads, 2);
        assert_eq!(p[&3].plads, 2);
        assert_eq!(p[&5].plads, 4);
        assert!(!p.contains_key(&4), "a discretized kommune is not ranked");
        // Shares equal on paper but not in binary still tie.
        let a = 100.0 * 7.0 / 9.0;
        let b = (100.0 * 14.0 / 18.0 + 100.0 * 7.0 / 9.0 + 100.0 * 21.0 / 27.0) / 3.0;
        let p = placeringer(&[(1, Some(a)), (2, Some(b))], Direction::HighestFirst);
        assert_eq!((p[&1].plads, p[&2].plads), (1, 1));
    }

    #[test]
    fn month_lists_collapse_runs() {
        let m = |y, mo| Month::new(y, mo).unwrap();
        assert_eq!(
            month_list(&[m(2019, 3), m(2019, 5), m(2019, 6), m(2019, 7)]),
            "2019M03, 2019M05-2019M07"
        );
    }
}
