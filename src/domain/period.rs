//! Months, windows of months and jobindsats' benchmark periods, with Danish labels.
//!
//! Part of the domain model: extracts are keyed by [`Month`] (`2020M08`) and by
//! [`BenchmarkPeriod`] (`2020QMAT02`, the 12 months ending with a quarter); the
//! report speaks of [`Window`]s such as `Juni 2020 – august 2020`.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Serialize, Serializer, ser::SerializeStruct};

use crate::domain::dansk::{self, capitalise};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month(NaiveDate);

/// Why a period could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{input}\" is not a {what}: {reason}")]
pub struct PeriodError {
    /// The text that was given.
    pub input: String,
    /// What kind of period was expected.
    pub what: &'static str,
    /// What is wrong with it.
    pub reason: String,
}

impl Month {
    /// The month `month` (1–12) of `year`, if it exists in chrono's range.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(Month)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month number, 1–12.
    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// The month `n` months later (earlier for negative `n`).
    pub fn plus(self, n: i32) -> Month {
        let shifted = if n >= 0 {
            self.0.checked_add_months(Months::new(n.unsigned_abs()))
        } else {
            self.0.checked_sub_months(Months::new(n.unsigned_abs()))
        };
        Month(shifted.expect("month arithmetic stays inside chrono's range of years"))
    }

    /// How many months `later` lies after `self` (negative if before).
    pub fn months_until(self, later: Month) -> i32 {
        (later.year() - self.year()) * 12 + later.month() as i32 - self.month() as i32
    }

    /// Parses a report month as a user types it: `2020-08` or jobindsats' `2020M08`.
    pub fn parse(input: &str) -> Result<Month, PeriodError> {
        let s = input.trim();
        let err = |reason: &str| PeriodError {
            input: input.to_string(),
            what: "month",
            reason: reason.to_string(),
        };
        let shape = "expected YYYY-MM (2020-08) or jobindsats' YYYYMmm (2020M08)";
        let (year, month) = s
            .split_once('-')
            .or_else(|| s.split_once(['M', 'm']))
            .ok_or_else(|| err(shape))?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !digits(year) || month.len() > 2 || !digits(month) {
            return Err(err(shape));
        }
        let m: u32 = month.parse().map_err(|_| err(shape))?;
        if !(1..=12).contains(&m) {
            return Err(err(&format!("there is no month {m}; months run 01-12")));
        }
        let y: i32 = year.parse().map_err(|_| err("the year is not a number"))?;
        Month::new(y, m).ok_or_else(|| err("the year is out of range"))
    }

    /// Parses jobindsats' month code only (`2020M08`), as extracts write it.
    pub fn parse_code(input: &str) -> Option<Month> {
        let s = input.trim();
        let (y, m) = s.split_once(['M', 'm'])?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        if !y.bytes().all(|b| b.is_ascii_digit()) || !m.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// The Danish month name in lower case: `august`.
    pub fn name(self) -> &'static str {
        dansk::maaned(self.month())
    }

    /// `August 2020`, as a label starts.
    pub fn label(self) -> String {
        capitalise(&self.label_lower())
    }

    /// `august 2020`, as a label continues.
    pub fn label_lower(self) -> String {
        format!("{} {}", self.name(), self.year())
    }

    /// The month as ISO `YYYY-MM`: `2020-08`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year(), self.month())
    }

    /// The month as jobindsats codes it: `2020M08`.
    pub fn code(self) -> String {
        format!("{:04}M{:02}", self.year(), self.month())
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// An inclusive run of whole months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    /// The first month.
    pub first: Month,
    /// The last month (the one the window "ends at").
    pub last: Month,
}

impl Window {
    /// The `len` months ending with `last`.
    pub fn ending(last: Month, len: u32) -> Window {
        Window {
            first: last.plus(1 - len as i32),
            last,
        }
    }

    /// The months from `first` to `last`, both included; `None` if `last`
    /// comes before `first`.
    pub fn between(first: Month, last: Month) -> Option<Window> {
        (first <= last).then_some(Window { first, last })
    }

    /// A month (`2021-03`) or a run of months (`2021-01..2021-12`, both
    /// included), each month in either form [`Month::parse`] reads.
    pub fn parse_range(input: &str) -> Result<Window, PeriodError> {
        let Some((a, b)) = input.trim().split_once("..") else {
            let m = Month::parse(input)?;
            return Ok(Window { first: m, last: m });
        };
        let (first, last) = (Month::parse(a)?, Month::parse(b)?);
        Window::between(first, last).ok_or_else(|| PeriodError {
            input: input.trim().to_string(),
            what: "run of months",
            reason: format!(
                "the run of months ends ({}) before it starts ({}); write the earlier month first",
                last.iso(),
                first.iso()
            ),
        })
    }

    /// `2021-01..2021-12`, or `2021-03` for a single month.
    pub fn iso(self) -> String {
        if self.first == self.last {
            self.first.iso()
        } else {
            format!("{}..{}", self.first.iso(), self.last.iso())
        }
    }

    /// The months from first to last.
    pub fn months(self) -> impl Iterator<Item = Month> {
        let n = self.first.months_until(self.last);
        (0..=n).map(move |i| self.first.plus(i))
    }

    /// Whether `month` lies in the window.
    pub fn contains(self, month: Month) -> bool {
        self.first <= month && month <= self.last
    }

    /// How many months it spans.
    pub fn len(self) -> u32 {
        (self.first.months_until(self.last) + 1) as u32
    }

    /// Whether it is empty (never, for a window built by [`Window::ending`]).
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// `Juni 2020 – august 2020` (an en dash between spaces, as Danish
    /// writes a range of multi-word dates), or `August 2020` for a single month.
    pub fn label(self) -> String {
        if self.first == self.last {
            self.last.label()
        } else {
            format!("{} – {}", self.first.label(), self.last.label_lower())
        }
    }
}

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Window", 3)?;
        st.serialize_field("fra", &self.first)?;
        st.serialize_field("til", &self.last)?;
        st.serialize_field("tekst", &self.label())?;
        st.end()
    }
}

/// A jobindsats benchmark period `YYYYQMATnn`: the 12 months ending with
/// quarter `nn` of `YYYY` (`2020QMAT02` = juli 2019 – juni 2020).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BenchmarkPeriod {
    /// The year the period ends in.
    pub year: i32,
    /// The quarter it ends with, 1–4.
    pub quarter: u8,
}

impl BenchmarkPeriod {
    /// Parses `2020QMAT02`.
    pub fn parse(input: &str) -> Result<BenchmarkPeriod, PeriodError> {
        let s = input.trim();
        let err = |reason: &str| PeriodError {
            input: input.to_string(),
            what: "benchmark period",
            reason: reason.to_string(),
        };
        let upper = s.to_ascii_uppercase();
        let (y, q) = upper
            .split_once("QMAT")
            .ok_or_else(|| err("expected YYYYQMATnn, as in 2020QMAT02"))?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("the year must have four digits, as in 2020QMAT02"));
        }
        let quarter: u8 = match q {
            "01" | "1" => 1,
            "02" | "2" => 2,
            "03" | "3" => 3,
            "04" | "4" => 4,
            _ => return Err(err("the quarter must be 01, 02, 03 or 04")),
        };
        let year: i32 = y.parse().map_err(|_| err("the year is not a number"))?;
        if Month::new(year, 1).is_none() {
            return Err(err("the year is out of range"));
        }
        Ok(BenchmarkPeriod { year, quarter })
    }

    /// The last month of the period.
    pub fn last_month(self) -> Month {
        Month::new(self.year, u32::from(self.quarter) * 3).expect("parsed years are in range")
    }

    /// The 12 months of the period.
    pub fn window(self) -> Window {
        Window::ending(self.last_month(), 12)
    }

    /// The benchmark period published half a year earlier (`2020QMAT02` → `2019QMAT04`).
    pub fn previous(self) -> BenchmarkPeriod {
        let m = self.last_month().plus(-6);
        BenchmarkPeriod {
            year: m.year(),
            quarter: (m.month() / 3) as u8,
        }
    }

    /// The next period the half-yearly benchmarking publishes, the first
    /// that ends in June or December after this one ends: `2020QMAT02` →
    /// `2020QMAT04`, `2020QMAT04` → `2021QMAT02`. A period ending with the
    /// first or third quarter (which `--resultatperiode` accepts, and
    /// jobindsats' table holds) is followed by the half-yearly one that
    /// ends a quarter later, never by another such quarter: `2021QMAT01` →
    /// `2021QMAT02`, `2021QMAT03` → `2021QMAT04`.
    pub fn next(self) -> BenchmarkPeriod {
        let (year, quarter) = match self.quarter {
            4 => (self.year + 1, 2),
            2 => (self.year, 4),
            odd => (self.year, odd + 1),
        };
        BenchmarkPeriod { year, quarter }
    }

    /// `2020QMAT02`.
    pub fn code(self) -> String {
        format!("{:04}QMAT{:02}", self.year, self.quarter)
    }

    /// `Juli 2019 – juni 2020`.
    pub fn label(self) -> String {
        self.window().label()
    }
}

impl fmt::Display for BenchmarkPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl Serialize for BenchmarkPeriod {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let w = self.window();
        let mut st = s.serialize_struct("BenchmarkPeriod", 4)?;
        st.serialize_field("kode", &self.code())?;
        st.serialize_field("fra", &w.first)?;
        st.serialize_field("til", &w.last)?;
        st.serialize_field("tekst", &w.label())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, mo: u32) -> Month {
        Month::new(y, mo).unwrap()
    }

    #[test]
    fn months_parse_in_both_forms() {
        assert_eq!(Month::parse("2020-08").unwrap(), m(2020, 8));
        assert_eq!(Month::parse("2020M08").unwrap(), m(2020, 8));
        assert_eq!(Month::parse(" 2021m11 ").unwrap(), m(2021, 11));
        assert_eq!(Month::parse_code("2020M08"), Some(m(2020, 8)));
        assert_eq!(Month::parse_code("2020-08"), None);
        assert_eq!(Month::parse_code("2020M13"), None);
    }

    #[test]
    fn bad_months_say_what_is_wrong() {
        let e = Month::parse("2020-13").unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"2020-13\" is not a month: there is no month 13; months run 01-12"
        );
        let e = Month::parse("aug 2020").unwrap_err();
        assert!(e.to_string().contains("expected YYYY-MM (2020-08)"), "{e}");
        assert!(Month::parse("20-08").is_err());
        assert!(Month::parse("2020-").is_err());
        assert!(Month::parse("2020-00").is_err());
    }

    #[test]
    fn danish_labels() {
        assert_eq!(m(2020, 8).label(), "August 2020");
        assert_eq!(m(2020, 3).label_lower(), "marts 2020");
        assert_eq!(
            Window::ending(m(2020, 8), 3).label(),
            "Juni 2020 – august 2020"
        );
        assert_eq!(
            Window::ending(m(2020, 9), 12).label(),
            "Oktober 2019 – september 2020"
        );
        assert_eq!(Window::ending(m(2021, 11), 1).label(), "November 2021");
        assert_eq!(m(2020, 8).code(), "2020M08");
        assert_eq!(m(2020, 8).iso(), "2020-08");
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        assert_eq!(m(2020, 1).plus(-1), m(2019, 12));
        assert_eq!(m(2020, 8).plus(-22), m(2018, 10));
        assert_eq!(m(2019, 12).plus(13), m(2021, 1));
        assert_eq!(m(2019, 10).months_until(m(2020, 9)), 11);
        let w = Window::ending(m(2020, 2), 3);
        assert_eq!(
            w.months().collect::<Vec<_>>(),
            [m(2019, 12), m(2020, 1), m(2020, 2)]
        );
        assert_eq!(w.len(), 3);
    }

    #[test]
    fn runs_of_months() {
        let w = Window::parse_range("2021-01..2021-12").unwrap();
        assert_eq!((w.first, w.last, w.len()), (m(2021, 1), m(2021, 12), 12));
        assert_eq!(w.iso(), "2021-01..2021-12");
        let one = Window::parse_range("2021M03").unwrap();
        assert_eq!(
            (one.first, one.last, one.iso()),
            (m(2021, 3), m(2021, 3), "2021-03".to_string())
        );
        let e = Window::parse_range("2021-12..2021-01").unwrap_err();
        assert!(
            e.reason
                .contains("ends (2021-01) before it starts (2021-12)"),
            "{}",
            e.reason
        );
        assert!(Window::parse_range("2021-13..2021-14").is_err());
    }

    #[test]
    fn benchmark_periods() {
        let p = BenchmarkPeriod::parse("2020QMAT02").unwrap();
        assert_eq!(p.label(), "Juli 2019 – juni 2020");
        assert_eq!(p.last_month(), m(2020, 6));
        assert_eq!(
            BenchmarkPeriod::parse("2020QMAT04").unwrap().label(),
            "Januar 2020 – december 2020"
        );
        assert_eq!(p.previous().code(), "2019QMAT04");
        assert_eq!(
            BenchmarkPeriod::parse("2021QMAT04")
                .unwrap()
                .previous()
                .code(),
            "2021QMAT02"
        );
        assert_eq!(p.next().code(), "2020QMAT04");
        assert_eq!(p.next().next().code(), "2021QMAT02");
        assert_eq!(p.next().previous(), p);
        // A quarter the half-yearly benchmarking does not publish is
        // followed by the one it does.
        let q = |s| BenchmarkPeriod::parse(s).unwrap().next().code();
        assert_eq!(q("2021QMAT01"), "2021QMAT02");
        assert_eq!(q("2021QMAT03"), "2021QMAT04");
        assert_eq!(q("2021QMAT04"), "2022QMAT02");
        assert!(BenchmarkPeriod::parse("2020QMAT05").is_err());
        assert!(BenchmarkPeriod::parse("2020Q2").is_err());
        assert!(p < BenchmarkPeriod::parse("2020QMAT04").unwrap());
    }
}
