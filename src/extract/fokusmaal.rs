//! The fokusmål extracts: one per goal, monthly, in the jobindsats style.
//!
//! A file per goal ([`Maal::file_name`]: `fokusmaal-samtaler.csv`,
//! `fokusmaal-aktive-tilbud.csv`) holds, per area, month (`2020M08`),
//! ydelsesgruppe and anciennitet: the persons in the target group that
//! month, those of them who met the goal over their last 12 months, and the
//! unique persons of the last 3 and 12 months. See
//! `docs/data-format.md` for the contract; the checks are in [`checks`].

mod checks;
mod keys;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use csv::StringRecord;
use rustc_hash::FxHashMap;

use crate::domain::groups::{Anciennitet, Gruppe, Maal};
use crate::domain::kommune::{Area, Kommune, OVER_BEFOLKNINGEN, over_befolkningen};
use crate::domain::period::Month;
use crate::domain::value::Value;
use crate::error::{DataError, ErrorKind};
use crate::extract::table::{Fields, Table};
use crate::extract::udvalg::Udvalg;
use crate::extract::{decode, fields};
use keys::{Key, KeyReader, Look};

// What the extracts call each goal: the file-format side of the domain's
// `Maal`, kept with the reader that needs it.
impl Maal {
    /// The extract's file name in a data folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Maal::Samtaler => "fokusmaal-samtaler.csv",
            Maal::AktiveTilbud => "fokusmaal-aktive-tilbud.csv",
        }
    }

    /// The column that counts the persons who met the goal.
    pub fn met_column(self) -> &'static str {
        match self {
            Maal::Samtaler => "Antal personer med mindst 4 samtaler",
            Maal::AktiveTilbud => "Antal personer med mindst 1 aktivt tilbud mv.",
        }
    }

    /// The names an optional share column may have (`Andel med mindst 4
    /// samtaler (pct.)`). When a file carries one, it must agree with the counts.
    pub fn share_columns(self) -> [&'static str; 2] {
        match self {
            Maal::Samtaler => [
                "Andel med mindst 4 samtaler (pct.)",
                "Andel personer med mindst 4 samtaler (pct.)",
            ],
            Maal::AktiveTilbud => [
                "Andel med mindst 1 aktivt tilbud mv. (pct.)",
                "Andel personer med mindst 1 aktivt tilbud mv. (pct.)",
            ],
        }
    }
}

/// One month's figures for one area, group and anciennitet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FokusRow {
    /// Persons in the target group that month.
    pub personer: Value<u32>,
    /// Of them, those who met the goal over their last 12 months.
    pub opfyldt: Value<u32>,
    /// Persons in the target group at any time in the last 3 months, counted once.
    pub unikke_3: Value<u32>,
    /// Persons in the target group at any time in the last 12 months, counted once.
    pub unikke_12: Value<u32>,
    /// The line the row is on.
    pub line: u64,
}

/// One kommune's monthly rows for one group and anciennitet.
pub type Series = BTreeMap<Month, FokusRow>;

/// A fokusmål extract for one goal.
#[derive(Debug)]
pub struct FokusExtract {
    /// The goal the extract measures.
    pub maal: Maal,
    /// The file name used in messages.
    pub file: String,
    /// The kommuner's series, keyed by kode, anciennitet and group.
    pub series: FxHashMap<(u16, Anciennitet, Gruppe), Series>,
    /// The months the file holds.
    pub months: BTreeSet<Month>,
    /// The groups the file holds.
    pub groups: BTreeSet<Gruppe>,
    /// Rows for `Hele landet` and other aggregate areas, which are not kommuner.
    pub other_area_rows: usize,
    /// How many count cells are discretized (of the rows kept).
    pub discretized_cells: usize,
}

/// Where each column is.
struct Columns {
    area: usize,
    month: usize,
    group: usize,
    anciennitet: usize,
    persons: usize,
    met: usize,
    unique_3: usize,
    unique_12: usize,
    share: Option<usize>,
}

impl Columns {
    /// Finds the columns by their measure names. A file that lacks the goal's
    /// met column but has another goal's is named as that goal's file.
    fn find(t: &Table, maal: Maal) -> Result<Columns, DataError> {
        let area = t.require(&["Område", "Area", "Omrade"])?;
        let month = t.require(&["Periode", "Period", "Måned"])?;
        let group = t.require(&["Ydelsesgrupper", "Ydelsesgruppe"])?;
        let anciennitet = t.require(&["Anciennitet", "Målgruppe"])?;
        let persons = t.require(&["Antal personer"])?;
        let met = match t.find(&[maal.met_column()])? {
            Some(c) => c,
            None => {
                let err = t.require(&[maal.met_column()]).unwrap_err();
                for other in Maal::ALL.into_iter().filter(|&m| m != maal) {
                    if t.find(&[other.met_column()])?.is_some() {
                        return Err(err.with_hint(format!(
                            "this file measures \"{}\"; it belongs in {}",
                            other.label(),
                            other.file_name()
                        )));
                    }
                }
                return Err(err);
            }
        };
        Ok(Columns {
            area,
            month,
            group,
            anciennitet,
            persons,
            met,
            unique_3: t.require(&["Antal unikke personer seneste 3 mdr."])?,
            unique_12: t.require(&["Antal unikke personer seneste 12 mdr."])?,
            share: t.find(&maal.share_columns())?,
        })
    }
}

impl Columns {
    /// The key columns: area, month, group and anciennitet.
    fn keys(&self) -> [usize; 4] {
        [self.area, self.month, self.group, self.anciennitet]
    }
}

/// The counts of a record, each checked on its own and against each other.
fn read_row(t: &Table, c: &Columns, line: u64, rec: &StringRecord) -> Result<FokusRow, DataError> {
    let count = |col: usize| -> Result<Value<u32>, DataError> {
        let value =
            fields::parse_count(&rec[col]).map_err(|m| t.value_error(line, col, &rec[col], &m))?;
        match value {
            Value::Known(n) if n >= OVER_BEFOLKNINGEN => {
                Err(t.value_error(line, col, &rec[col], &over_befolkningen("persons")))
            }
            _ => Ok(value),
        }
    };
    let row = FokusRow {
        personer: count(c.persons)?,
        opfyldt: count(c.met)?,
        unikke_3: count(c.unique_3)?,
        unikke_12: count(c.unique_12)?,
        line,
    };
    checks::row(t, line, rec, &row, [c.met, c.unique_3, c.unique_12])?;
    if let Some(share) = c.share {
        checks::share(t, line, rec, share, &row)?;
    }
    Ok(row)
}

impl FokusExtract {
    /// Reads the extract for `maal` at `path`, naming it `display` in
    /// messages, keeping the rows of `udvalg`.
    pub fn read(
        maal: Maal,
        path: &Path,
        display: &str,
        udvalg: Udvalg,
    ) -> Result<FokusExtract, DataError> {
        FokusExtract::from_table_with(maal, &decode::read_table(path, display)?, udvalg)
    }

    /// Interprets a parsed table as the extract for `maal`, every row.
    pub fn from_table(maal: Maal, t: &Table) -> Result<FokusExtract, DataError> {
        FokusExtract::from_table_with(maal, t, Udvalg::Alle)
    }

    /// Interprets a parsed table as the extract for `maal`, keeping the rows
    /// of `udvalg`. Every row's width, area and month are checked, and the
    /// months of every kommune row count in [`FokusExtract::months`]; of a
    /// row not kept no more is read than it takes to tell (its group and
    /// anciennitet at most), and its counts (and `discretized_cells`) are
    /// left out.
    pub fn from_table_with(
        maal: Maal,
        t: &Table,
        udvalg: Udvalg,
    ) -> Result<FokusExtract, DataError> {
        let columns = Columns::find(t, maal)?;
        let mut out = FokusExtract {
            maal,
            file: t.file.clone(),
            series: FxHashMap::default(),
            months: BTreeSet::new(),
            groups: BTreeSet::new(),
            other_area_rows: 0,
            discretized_cells: 0,
        };
        // One reader of labels for the look at every row, one for the rows kept.
        let (mut looked, mut kept) = (KeyReader::default(), KeyReader::default());
        let mut look = Look::default();
        let mut keep = |line: u64, rec: &StringRecord, keys: &mut KeyReader| {
            let key = keys.read(t, &columns, line, &columns.keys().map(|c| &rec[c]))?;
            let row = read_row(t, &columns, line, rec)?;
            out.add(key, row)
        };
        match udvalg {
            // Every row is read whole anyway: the CSV reader is as quick.
            Udvalg::Alle => t.for_each_record(|line, rec| {
                let fields = Fields::Record(rec);
                look.select(&mut looked, t, &columns, udvalg, line, &fields)?;
                keep(line, rec, &mut kept)
            })?,
            Udvalg::Rapport { .. } => t.for_each_selected(
                |line, fields| look.select(&mut looked, t, &columns, udvalg, line, fields),
                |line, rec| keep(line, rec, &mut kept),
            )?,
        };
        let Look {
            months,
            other_areas,
            ..
        } = look;
        out.months = months;
        out.other_area_rows = other_areas;
        checks::group_sums(t, &out, columns.persons, columns.met)?;
        Ok(out)
    }

    /// Counts a read row and keeps it if it is a kommune's; a kommune's row must be unique.
    fn add(&mut self, (area, month, group, anc): Key, row: FokusRow) -> Result<(), DataError> {
        self.discretized_cells += [row.personer, row.opfyldt, row.unikke_3, row.unikke_12]
            .iter()
            .filter(|v| v.is_discretized())
            .count();
        let kommune = match area {
            Area::Kommune(k) => k,
            // Counted where they are read, in `from_table_with`.
            Area::HeleLandet | Area::Other => return Ok(()),
        };
        let series = self.series.entry((kommune.kode, anc, group)).or_default();
        if let Some(first) = series.insert(month, row) {
            return Err(DataError::line(
                ErrorKind::Duplicate,
                &self.file,
                row.line,
                format!(
                    "repeats the row for {}, {}, {}, {} first given on line {}",
                    kommune.navn,
                    month.code(),
                    group.label(),
                    anc.label(),
                    first.line
                ),
            )
            .with_hint("each kommune, month, ydelsesgruppe and anciennitet must appear once; delete one of the rows"));
        }
        self.groups.insert(group);
        Ok(())
    }

    /// A kommune's series for a group, in the skærpet-tilsyn target group (`Mindst 12 mdr.`).
    pub fn series(&self, kommune: &Kommune, group: Gruppe) -> Option<&Series> {
        self.series
            .get(&(kommune.kode, Anciennitet::Mindst12, group))
    }

    /// The groups other than the total that a kommune has rows for.
    pub fn groups_of(&self, kommune: &Kommune) -> Vec<Gruppe> {
        Gruppe::ALL[1..]
            .iter()
            .copied()
            .filter(|g| self.series(kommune, *g).is_some())
            .collect()
    }

    /// The first and last month in the file.
    pub fn span(&self) -> Option<(Month, Month)> {
        Some((*self.months.first()?, *self.months.last()?))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The header of a samtaler extract, for tests here and in `checks`.
    pub(in crate::extract::fokusmaal) const HEADER: &str = "Område;Periode;Ydelsesgrupper;Anciennitet;Antal personer;Antal personer med mindst 4 samtaler;Antal unikke personer seneste 3 mdr.;Antal unikke personer seneste 12 mdr.";

    /// A samtaler extract of `body` under [`HEADER`].
    pub(in crate::extract::fokusmaal) fn read(body: &str) -> Result<FokusExtract, DataError> {
        FokusExtract::from_table(
            Maal::Samtaler,
            &Table::parse("fokusmaal-samtaler.csv", format!("{HEADER}\n{body}"))?,
        )
    }

    #[test]
    fn reads_rows_with_discretized_cells() {
        let x = read("Læsø;2020M08;Revalidering;Mindst 12 mdr.;.;.;.;6\nLæsø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;1.040;980;1.150;1.700\nHele landet;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;1;1;1;1\n").unwrap();
        let læsø = Kommune::lookup("Læsø").unwrap();
        let s = x.series(læsø, Gruppe::Revalidering).unwrap();
        let row = s.values().next().unwrap();
        assert_eq!(row.personer, Value::Discretized);
        assert_eq!(row.unikke_12, Value::Known(6));
        assert_eq!(x.discretized_cells, 3);
        assert_eq!(x.other_area_rows, 1);
        let total = x
            .series(læsø, Gruppe::IAlt)
            .unwrap()
            .values()
            .next()
            .unwrap();
        assert_eq!(total.personer, Value::Known(1040));
        assert_eq!(x.groups_of(læsø), [Gruppe::Revalidering]);
    }

    #[test]
    fn the_issue_example_message() {
        let mut body: String = (1..=12)
            .chain(1..=3)
            .enumerate()
            .map(|(i, m)| {
                let year = if i < 12 { 2019 } else { 2020 };
                format!("Sorø;{year}M{m:02};Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;800\n")
            })
            .collect();
        body.push_str("Sorø;2020M04;Ydelsesgrupper i alt;Mindst 12 mdr.;12x;450;578;800\n");
        let e = read(&body).unwrap_err();
        assert_eq!(
            e.to_string(),
            "fokusmaal-samtaler.csv:17: column \"Antal personer\": \"12x\" is not a count; expected a whole number such as 1.710, or \".\" for a discretized value"
        );
    }

    #[test]
    fn duplicates_groups_and_the_wrong_goal() {
        let row = "Sorø;2020M08;Kontanthjælp mv.;Mindst 12 mdr.;5;5;5;5\n";
        let e = read(&format!("{row}{row}")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Duplicate);
        assert_eq!(e.line, Some(3));
        let e = read("Sorø;2020M08;Kontanthjlp;Mindst 12 mdr.;5;5;5;5\n").unwrap_err();
        assert!(e.message.contains("did you mean \"Kontanthjælp\""), "{e}");
        let e = read("Sorø;2020M08;Kontanthjælp;12 mdr;5;5;5;5\n").unwrap_err();
        assert_eq!(e.column.as_deref(), Some("Anciennitet"));
        let e = FokusExtract::from_table(
            Maal::AktiveTilbud,
            &Table::parse(
                "fokusmaal-aktive-tilbud.csv",
                format!("{HEADER}\nSorø;2020M08;Kontanthjælp;6 mdr.;5;5;5;5\n"),
            )
            .unwrap(),
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::MissingColumn);
        assert!(
            e.hint
                .clone()
                .unwrap()
                .to_string()
                .contains("fokusmaal-samtaler.csv")
        );
    }
}
