//! Windows of months over a kommune's series: the report month, the last 3
//! and 12 months, the year so far, and the 12-month average month by month.

use crate::domain::groups::{Gruppe, Maal};
use crate::domain::kommune::Kommune;
use crate::domain::period::{Month, Window};
use crate::domain::value::Value;
use crate::error::{DataError, ErrorKind, Hint};
use crate::extract::dataset::Dataset;
use crate::extract::fokusmaal::{FokusRow, Series};
use crate::extract::udvalg::Udvalg;
use crate::measures::krav::{Graense, KravVurdering, krav};
use crate::measures::needed::{Grundlag, HvadSkalDerTil, hvad_skal_der_til};
use crate::measures::rules::Konsekvens;
use crate::measures::shares::{row_share, unique_met};
use crate::measures::stats::Mean;

/// How many months of the total series a report needs: the 12 twelve-month
/// averages of chapter 5 reach back 23 months.
pub const MONTHS_NEEDED: u32 = 23;

/// The rows of the fokusmål extracts that `kommune`'s report for `maaned`
/// uses: all of its own, and of the others the total series of the
/// [`MONTHS_NEEDED`] months (their ranks, the Top 10, Hele landet and the
/// Bilag's statuses read no more; the history of statuses is the report's
/// own kommune's).
pub fn udvalg_for_report(kommune: &Kommune, maaned: Month) -> Udvalg {
    Udvalg::Rapport {
        kommune: kommune.kode,
        andre: Window::ending(maaned, MONTHS_NEEDED),
    }
}

/// The months of a kommune's total series that a report uses, for one goal.
#[derive(Debug, Clone, PartialEq)]
pub struct KommuneMaal {
    /// Monthly shares for the [`MONTHS_NEEDED`] months ending with the report
    /// month (for the year's determination, the 12 months of the year).
    pub shares: Vec<Value<f64>>,
    /// The persons in the target group in the same months (a share is
    /// missing for a month without any, not only for a discretized one).
    pub personer: Vec<Value<u32>>,
    /// The report month's row.
    pub row: FokusRow,
    /// The report month.
    pub maaned: Month,
}

impl KommuneMaal {
    /// A kommune's total series of one goal over `window` (a report's
    /// [`MONTHS_NEEDED`] months, or a year); an error names the months the
    /// data lack and what needs them.
    pub fn read(
        data: &Dataset,
        k: &Kommune,
        maal: Maal,
        window: Window,
        needed_by: NeededBy,
    ) -> Result<KommuneMaal, DataError> {
        let extract = data.fokus(maal);
        let what = format!("{}, Ydelsesgrupper i alt, Mindst 12 mdr.", k.navn);
        let rows = rows_for(
            extract.series(k, Gruppe::IAlt),
            window,
            &extract.file,
            &what,
            needed_by,
        )?;
        Ok(KommuneMaal {
            shares: rows.iter().map(|r| row_share(r)).collect(),
            personer: rows.iter().map(|r| r.personer).collect(),
            row: **rows.last().expect("a window has months"),
            maaned: window.last,
        })
    }

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

    /// Table 1.3's change: the 3-month share against the window ending a
    /// month earlier, in pct.-points (positive = better).
    pub fn tre_mdr_aendring(&self) -> Value<f64> {
        self.tre_mdr()
            .zip(self.vindue(1, 3), |now, before| now - before)
    }

    /// Of the 3-month window's unique persons, those who met the goal.
    pub fn tre_mdr_opfyldt(&self) -> Value<u32> {
        unique_met(self.tre_mdr(), self.row.unikke_3)
    }

    /// The 12-month average, A12 (table 1.5).
    pub fn a12(&self) -> Value<f64> {
        self.vindue(0, 12)
    }

    /// Of the 12 months' unique persons, those who met the goal.
    pub fn a12_opfyldt(&self) -> Value<u32> {
        unique_met(self.a12(), self.row.unikke_12)
    }

    /// A12 for each of the last 12 months, oldest first (chapter 5).
    pub fn a12_serie(&self) -> Vec<(Month, Value<f64>)> {
        (0..12)
            .rev()
            .map(|back| (self.maaned.plus(-(back as i32)), self.vindue(back, 12)))
            .collect()
    }

    /// Krav ved årets udgang from January to the report month, to end the
    /// year at `graense`.
    pub fn krav(&self, graense: Graense) -> KravVurdering {
        let j = self.maaned.month() as usize;
        krav(&self.shares[self.shares.len() - j..], graense)
    }

    /// The months of the year so far in which the target group had no persons.
    pub fn ingen_personer_i_aar(&self) -> Vec<Month> {
        let j = self.maaned.month() as usize;
        let first = self.maaned.plus(1 - j as i32);
        self.personer[self.personer.len() - j..]
            .iter()
            .enumerate()
            .filter(|(_, p)| **p == Value::Known(0))
            .map(|(i, _)| first.plus(i as i32))
            .collect()
    }

    /// "Hvad skal der til?": what the krav to reach `graense` takes in the
    /// report month's persons, and `konsekvens` of missing the goal;
    /// `opgoerelse_aar` is the year STAR determines the report month's year
    /// in, if it does.
    pub fn hvad_skal_der_til(
        &self,
        graense: Graense,
        konsekvens: Konsekvens,
        opgoerelse_aar: Option<i32>,
    ) -> HvadSkalDerTil {
        let grundlag = Grundlag {
            maaned: self.maaned,
            personer: self.row.personer,
            opfyldt: self.row.opfyldt,
            ingen_personer: self.ingen_personer_i_aar(),
            konsekvens,
            opgoerelse_aar,
        };
        hvad_skal_der_til(&self.krav(graense), &grundlag)
    }

    /// The monthly shares of the last 12 months, oldest first (chapter 4).
    pub fn maaneder(&self) -> Vec<(Month, Value<f64>)> {
        (0..12)
            .rev()
            .map(|back| (self.maaned.plus(-(back as i32)), self.vindue(back, 1)))
            .collect()
    }
}

/// What needs a window's rows, as a message names it.
#[derive(Debug, Clone, Copy)]
pub enum NeededBy {
    /// The report of a month.
    Report(Month),
    /// The year's determination (`tilsyn --aar`).
    Determination(i32),
}

impl std::fmt::Display for NeededBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NeededBy::Report(m) => write!(f, "the report for {}", m.iso()),
            NeededBy::Determination(aar) => write!(f, "the determination of {aar}"),
        }
    }
}

/// Reads the rows of `window` from a series; an error names the months that
/// are missing and what needs them.
pub fn rows_for<'a>(
    series: Option<&'a Series>,
    window: Window,
    file: &str,
    what: &str,
    needed_by: NeededBy,
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
        DataError::file(
            ErrorKind::Missing,
            file,
            format!(
                "{message}; {needed_by} needs every month from {} to {}",
                window.first.code(),
                window.last.code()
            ),
        )
        .with(Hint::AddRowsOrChooseMonth)
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

#[cfg(test)]
mod tests {
    use super::*;
    use Value::{Discretized, Known};

    /// A series ending August 2020 with `shares`; 10 persons in the month,
    /// 9 of them met, 12 and 20 unique persons over 3 and 12 months.
    fn august_2020(shares: Vec<Value<f64>>) -> KommuneMaal {
        KommuneMaal {
            personer: vec![Known(10); shares.len()],
            shares,
            row: FokusRow {
                personer: Known(10),
                opfyldt: Known(9),
                unikke_3: Known(12),
                unikke_12: Known(20),
                line: 1,
            },
            maaned: Month::new(2020, 8).unwrap(),
        }
    }

    #[test]
    fn a_discretized_month_discretizes_its_windows() {
        let g = august_2020(
            (0..23)
                .map(|i| if i == 15 { Discretized } else { Known(90.0) })
                .collect(),
        );
        assert_eq!(g.tre_mdr(), Known(90.0));
        assert_eq!(g.a12(), Discretized);
        let serie = g.a12_serie();
        // A12 at month i covers shares i..=i+11; share 15 is in them from i = 4.
        assert_eq!(serie[0].0, Month::new(2019, 9).unwrap());
        assert_eq!(serie[3].1, Known(90.0));
        assert_eq!(serie[4].1, Discretized);
        assert_eq!(g.krav(Graense::mindst(80.0)).krav, Discretized);
        assert_eq!(g.a12_opfyldt(), Discretized);
    }

    #[test]
    fn table_1_3_change_and_persons_met() {
        // Shares …, 60, 70, 80, 90: the window now (70, 80, 90) is 80, the
        // one before (60, 70, 80) 70; 80 % of 12 unique persons is 9,6 → 10.
        let mut shares = vec![Known(50.0); 19];
        shares.extend([60.0, 70.0, 80.0, 90.0].map(Known));
        let g = august_2020(shares);
        assert_eq!(g.tre_mdr_aendring(), Known(10.0));
        assert_eq!(g.tre_mdr_opfyldt(), Known(10));
        // A12: eight 50s and 60, 70, 80, 90 = 700 / 12 = 58,33…; 20 persons → 11,67 → 12.
        assert_eq!(g.a12_opfyldt(), Known(12));
    }

    #[test]
    fn a_month_without_persons_is_named() {
        let mut g = august_2020(vec![Known(90.0); 23]);
        // March 2020 is index 23 - 6; February 2019 (before the year) index 5.
        g.personer[17] = Known(0);
        g.personer[5] = Known(0);
        assert_eq!(g.ingen_personer_i_aar(), [Month::new(2020, 3).unwrap()]);
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
