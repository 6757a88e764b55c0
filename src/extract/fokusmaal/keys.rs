//! Reading a fokusmål row's key (area, month, group, anciennitet), each
//! distinct label parsed once, and deciding from it, as cheaply as the
//! table allows, whether the row is kept ([`Udvalg`]).

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use super::Columns;
use crate::domain::groups::{Anciennitet, Gruppe};
use crate::domain::kommune::Area;
use crate::domain::period::Month;
use crate::error::DataError;
use crate::extract::labels;
use crate::extract::reader::Memo;
use crate::extract::table::{Fields, Table};
use crate::extract::udvalg::{Udvalg, Verdict};

/// The key of a row: area, month, group and anciennitet.
pub(super) type Key = (Area, Month, Gruppe, Anciennitet);

/// Reads the key columns, parsing each distinct text once: an extract repeats
/// a few hundred labels over a hundred thousand rows.
#[derive(Default)]
pub(super) struct KeyReader {
    areas: Memo<Area>,
    months: Memo<Month>,
    groups: Memo<Gruppe>,
    ancienniteter: Memo<Anciennitet>,
}

impl KeyReader {
    /// The key of a record from its fields at [`Columns::keys`].
    pub(super) fn read(
        &mut self,
        t: &Table,
        c: &Columns,
        line: u64,
        key: &[&str; 4],
    ) -> Result<Key, DataError> {
        Ok((
            self.area(t, c, line, key[0])?,
            self.month(t, c, line, key[1])?,
            self.group(t, c, line, key[2])?,
            self.anciennitet(t, c, line, key[3])?,
        ))
    }

    fn area(&mut self, t: &Table, c: &Columns, line: u64, text: &str) -> Result<Area, DataError> {
        self.areas.get(text, |text| {
            Area::parse(text).ok_or_else(|| labels::unknown_area(t, line, c.area, text))
        })
    }

    fn month(&mut self, t: &Table, c: &Columns, line: u64, text: &str) -> Result<Month, DataError> {
        self.months.get(text, |text| {
            Month::parse_code(text)
                .or_else(|| Month::parse(text).ok())
                .ok_or_else(|| {
                    t.value_error(
                        line,
                        c.month,
                        text,
                        "is not a month; expected jobindsats' YYYYMmm, as in 2020M08",
                    )
                })
        })
    }

    fn group(
        &mut self,
        t: &Table,
        c: &Columns,
        line: u64,
        text: &str,
    ) -> Result<Gruppe, DataError> {
        self.groups.get(text, |text| {
            Gruppe::parse(text).ok_or_else(|| labels::unknown_group(t, line, c.group, text))
        })
    }

    fn anciennitet(
        &mut self,
        t: &Table,
        c: &Columns,
        line: u64,
        text: &str,
    ) -> Result<Anciennitet, DataError> {
        self.ancienniteter.get(text, |text| {
            Anciennitet::parse(text).ok_or_else(|| {
                t.value_error(
                    line,
                    c.anciennitet,
                    text,
                    "is not an anciennitet; expected \"Mindst 12 mdr.\" or \"6 mdr.\"",
                )
            })
        })
    }
}

/// What [`FokusExtract::from_table_with`] learns of every row, kept or not,
/// and how it decides which to keep.
#[derive(Default)]
pub(super) struct Look {
    /// The months of the kommuner's rows.
    pub(super) months: BTreeSet<Month>,
    /// How many rows are for `Hele landet` and other areas.
    pub(super) other_areas: usize,
    /// The area and month texts of the row before, and what `Udvalg` said of them.
    last: Option<(String, String, Verdict)>,
    /// Where the key columns lead the line (area, month, group,
    /// anciennitet): the beginning of the line before through the delimiter
    /// after its month (`Sorø;2020M08;`), and the verdict on them. A line
    /// that begins the same has it too.
    last_prefix: Option<(String, Verdict)>,
    /// There too: whether the texts of group and anciennitet that follow
    /// (`Kontanthjælp;Mindst 12 mdr.`) are the total target group.
    totals: FxHashMap<String, bool>,
}

impl Look {
    /// Whether to keep a row. Rows come sorted, so the row before mostly
    /// has the same area and month, and its verdict on them holds; only for
    /// a row that may be kept are the group and anciennitet read.
    pub(super) fn select(
        &mut self,
        keys: &mut KeyReader,
        t: &Table,
        c: &Columns,
        udvalg: Udvalg,
        line: u64,
        fields: &Fields<'_>,
    ) -> Result<bool, DataError> {
        let text = fields.line().filter(|_| c.keys() == [0, 1, 2, 3]);
        let verdict = match (&self.last_prefix, text) {
            (Some((prefix, verdict)), Some(text)) if text.starts_with(prefix.as_str()) => *verdict,
            _ => self.judge(keys, t, c, udvalg, line, fields)?,
        };
        match verdict {
            Verdict::Keep => Ok(true),
            Verdict::Skip => Ok(false),
            Verdict::OtherArea => {
                self.other_areas += 1;
                Ok(false)
            }
            Verdict::IfTotal => self.is_total(keys, t, c, line, fields, text),
        }
    }

    /// Whether a row is of `Ydelsesgrupper i alt`, `Mindst 12 mdr.`. Where
    /// the key columns lead the line (`text`), the texts of its group and
    /// anciennitet are looked up as a pair read before.
    fn is_total(
        &mut self,
        keys: &mut KeyReader,
        t: &Table,
        c: &Columns,
        line: u64,
        fields: &Fields<'_>,
        text: Option<&str>,
    ) -> Result<bool, DataError> {
        let read = |keys: &mut KeyReader| -> Result<bool, DataError> {
            let group = keys.group(t, c, line, fields.get(c.group))?;
            let anciennitet = keys.anciennitet(t, c, line, fields.get(c.anciennitet))?;
            Ok(group == Gruppe::IAlt && anciennitet == Anciennitet::Mindst12)
        };
        let (Some(text), Some((prefix, _))) = (text, &self.last_prefix) else {
            return read(keys);
        };
        let rest = &text[prefix.len()..];
        let delimiter = t.delimiter;
        let end = memchr::memchr(delimiter, rest.as_bytes())
            .and_then(|g| memchr::memchr(delimiter, &rest.as_bytes()[g + 1..]).map(|a| g + 1 + a))
            .unwrap_or(rest.len());
        let pair = &rest[..end];
        if let Some(&total) = self.totals.get(pair) {
            return Ok(total);
        }
        let total = read(keys)?;
        self.totals.insert(pair.to_string(), total);
        Ok(total)
    }

    /// The verdict on a row's area and month, read from its fields (or
    /// taken from the row before, when they are the same texts).
    fn judge(
        &mut self,
        keys: &mut KeyReader,
        t: &Table,
        c: &Columns,
        udvalg: Udvalg,
        line: u64,
        fields: &Fields<'_>,
    ) -> Result<Verdict, DataError> {
        let (area, month) = (fields.get(c.area), fields.get(c.month));
        let verdict = match &mut self.last {
            Some((a, m, verdict)) if a == area && m == month => *verdict,
            last => {
                let area_is = keys.area(t, c, line, area)?;
                let month_is = keys.month(t, c, line, month)?;
                let verdict = udvalg.verdict(area_is, month_is);
                if matches!(area_is, Area::Kommune(_)) {
                    self.months.insert(month_is);
                }
                *last = Some((area.to_string(), month.to_string(), verdict));
                verdict
            }
        };
        if let Some(text) = fields.line() {
            // Both fields and the delimiter after each, when there is one.
            let end = (area.len() + month.len() + 2).min(text.len());
            self.last_prefix = Some((text[..end].to_string(), verdict));
        }
        Ok(verdict)
    }
}
