//! The resultatmål extract: jobindsats table Y30R21, read exactly as served.
//!
//! "Forventet og faktisk antal og andel fuldtidspersoner på offentlig
//! forsørgelse" per area, benchmark period (`2020QMAT02`) and ydelsesgruppe.
//! Columns are found by their measure name, so both the API's long labels and
//! short ones work. The two `Forskel` columns are optional and, when present,
//! must agree with faktisk − forventet; `Placering på benchmarkranglisten` is
//! optional and, when present, authoritative. The checks are in [`checks`].

mod checks;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use csv::StringRecord;

use crate::domain::groups::Y30Gruppe;
use crate::domain::kommune::{Area, Kommune, OVER_BEFOLKNINGEN};
use crate::domain::period::BenchmarkPeriod;
use crate::domain::value::Value;
use crate::error::{DataError, ErrorKind};
use crate::extract::reader::Memo;
use crate::extract::table::Table;
use crate::extract::{decode, fields, labels};

/// The file name of the extract in a data folder.
pub const FILE_NAME: &str = "Y30R21.csv";

/// One row of Y30R21: fuldtidspersoner (antal) and shares of the 16-66-year-olds (andel).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Y30Row {
    /// Forventet antal fuldtidspersoner.
    pub forventet_antal: Value<f64>,
    /// Faktisk antal fuldtidspersoner.
    pub faktisk_antal: Value<f64>,
    /// Faktisk − forventet antal (from the file when it has the column).
    pub forskel_antal: Value<f64>,
    /// Forventet andel (pct.).
    pub forventet_andel: Value<f64>,
    /// Faktisk andel (pct.).
    pub faktisk_andel: Value<f64>,
    /// Faktisk − forventet andel in pct.-points (from the file when it has the column).
    pub forskel_andel: Value<f64>,
    /// Placering på benchmarkranglisten, when the file has the column.
    pub placering: Option<Value<u32>>,
    /// The line the row is on.
    pub line: u64,
}

/// Table Y30R21 for the kommuner, keyed by kode, benchmark period and group.
#[derive(Debug, Clone)]
pub struct Y30R21 {
    /// The file name used in messages.
    pub file: String,
    /// The kommuner's rows.
    pub rows: HashMap<(u16, BenchmarkPeriod, Y30Gruppe), Y30Row>,
    /// The benchmark periods the file holds.
    pub periods: BTreeSet<BenchmarkPeriod>,
    /// Rows for `Hele landet` and other aggregate areas, which are not kommuner.
    pub other_area_rows: usize,
    /// How many cells are discretized.
    pub discretized_cells: usize,
}

/// Where each column is.
struct Columns {
    area: usize,
    period: usize,
    group: usize,
    forventet_antal: usize,
    faktisk_antal: usize,
    forskel_antal: Option<usize>,
    forventet_andel: usize,
    faktisk_andel: usize,
    forskel_andel: Option<usize>,
    placering: Option<usize>,
}

impl Columns {
    /// Finds the columns by their measure names; the required ones must be there.
    fn find(t: &Table) -> Result<Columns, DataError> {
        Ok(Columns {
            area: t.require(&["Område", "Area", "Omrade"])?,
            period: t.require(&["Periode", "Period"])?,
            group: t.require(&["Ydelsesgrupper", "Ydelsesgruppe"])?,
            forventet_antal: t.require(&["Forventet antal"])?,
            faktisk_antal: t.require(&["Faktisk antal"])?,
            forskel_antal: t.find(&[
                "Forskel mellem forventet og faktisk antal",
                "Forskel i antal",
                "Forskel antal",
            ])?,
            forventet_andel: t.require(&["Forventet andel (pct.)", "Forventet andel"])?,
            faktisk_andel: t.require(&["Faktisk andel (pct.)", "Faktisk andel"])?,
            forskel_andel: t.find(&[
                "Forskel mellem forventet og faktisk andel (pct. point)",
                "Forskel i andel",
                "Forskel andel",
            ])?,
            placering: t.find(&["Placering på benchmarkranglisten", "Placering"])?,
        })
    }
}

/// One record, read and checked on its own.
struct Record<'r> {
    t: &'r Table,
    line: u64,
    rec: &'r StringRecord,
}

impl Record<'_> {
    /// A field as a decimal number.
    fn number(&self, c: usize) -> Result<Value<f64>, DataError> {
        fields::parse_number(&self.rec[c])
            .map_err(|m| self.t.value_error(self.line, c, &self.rec[c], &m))
    }

    /// The benchmark period of the row.
    fn period(&self, c: usize) -> Result<BenchmarkPeriod, DataError> {
        BenchmarkPeriod::parse(&self.rec[c]).map_err(|e| {
            self.t.value_error(
                self.line,
                c,
                &self.rec[c],
                &format!("is not a benchmark period: {}", e.reason),
            )
        })
    }

    /// The ydelsesgruppe of the row.
    fn group(&self, c: usize) -> Result<Y30Gruppe, DataError> {
        Y30Gruppe::parse(&self.rec[c]).ok_or_else(|| {
            self.t.value_error(
                self.line,
                c,
                &self.rec[c],
                "is not a Y30R21 ydelsesgruppe; expected \"Ydelsesgrupper i alt\", \"A-dagpenge mv.\", \"Sygedagpenge mv.\" or \"Kontanthjælp mv.\"",
            )
        })
    }

    /// The rank on the benchmark list, when the file has the column.
    fn placering(&self, c: Option<usize>) -> Result<Option<Value<u32>>, DataError> {
        let Some(c) = c else {
            return Ok(None);
        };
        fields::parse_count(&self.rec[c]).map(Some).map_err(|_| {
            self.t.value_error(
                self.line,
                c,
                &self.rec[c],
                "is not a rank; expected a whole number from 1 to 98",
            )
        })
    }

    /// The figures of the row, each checked: shares in 0-100, counts not
    /// negative, `Forskel` agreeing with faktisk − forventet.
    fn row(&self, c: &Columns) -> Result<Y30Row, DataError> {
        let forventet_antal = self.number(c.forventet_antal)?;
        let faktisk_antal = self.number(c.faktisk_antal)?;
        let forventet_andel = self.number(c.forventet_andel)?;
        let faktisk_andel = self.number(c.faktisk_andel)?;
        checks::shares(
            self,
            [
                (c.forventet_andel, forventet_andel),
                (c.faktisk_andel, faktisk_andel),
            ],
        )?;
        checks::counts(
            self,
            [
                (c.forventet_antal, forventet_antal),
                (c.faktisk_antal, faktisk_antal),
            ],
        )?;
        let forskel = |column: Option<usize>, computed: Value<f64>, tolerance: f64, bound: f64| {
            match column {
                Some(col) => {
                    let given = checks::difference_range(self, col, self.number(col)?, bound)?;
                    checks::difference(self, col, given, computed, tolerance)
                }
                None => Ok(computed),
            }
        };
        Ok(Y30Row {
            forventet_antal,
            faktisk_antal,
            forskel_antal: forskel(
                c.forskel_antal,
                faktisk_antal.zip(forventet_antal, |a, b| a - b),
                checks::ANTAL_TOLERANCE,
                f64::from(OVER_BEFOLKNINGEN),
            )?,
            forventet_andel,
            faktisk_andel,
            forskel_andel: forskel(
                c.forskel_andel,
                faktisk_andel.zip(forventet_andel, |a, b| a - b),
                checks::ANDEL_TOLERANCE,
                100.0,
            )?,
            placering: self.placering(c.placering)?,
            line: self.line,
        })
    }
}

impl Y30R21 {
    /// Reads the extract at `path`, naming it `display` in messages.
    pub fn read(path: &Path, display: &str) -> Result<Y30R21, DataError> {
        Y30R21::from_table(&decode::read_table(path, display)?)
    }

    /// Interprets a parsed table as Y30R21.
    pub fn from_table(t: &Table) -> Result<Y30R21, DataError> {
        let columns = Columns::find(t)?;
        let mut out = Y30R21 {
            file: t.file.clone(),
            rows: HashMap::new(),
            periods: BTreeSet::new(),
            other_area_rows: 0,
            discretized_cells: 0,
        };
        let mut areas = Memo::default();
        t.for_each_record(|line, rec| {
            let record = Record { t, line, rec };
            let area = areas.get(&rec[columns.area], |text| {
                Area::parse(text).ok_or_else(|| labels::unknown_area(t, line, columns.area, text))
            })?;
            let period = record.period(columns.period)?;
            let group = record.group(columns.group)?;
            let row = record.row(&columns)?;
            out.add(&record, &columns, area, (period, group), row)
        })?;
        checks::group_sums(
            t,
            &out,
            [
                columns.forventet_antal,
                columns.faktisk_antal,
                columns.forventet_andel,
                columns.faktisk_andel,
            ],
        )?;
        Ok(out)
    }

    /// Counts a read row and keeps it if it is a kommune's; a kommune's row
    /// must be unique and its rank within 1-98.
    fn add(
        &mut self,
        record: &Record<'_>,
        columns: &Columns,
        area: Area,
        (period, group): (BenchmarkPeriod, Y30Gruppe),
        row: Y30Row,
    ) -> Result<(), DataError> {
        let cells = [
            row.forventet_antal,
            row.faktisk_antal,
            row.forventet_andel,
            row.faktisk_andel,
        ];
        self.discretized_cells += cells.iter().filter(|v| v.is_discretized()).count();
        self.discretized_cells += usize::from(row.placering.is_some_and(|p| p.is_discretized()));
        let kommune = match area {
            Area::Kommune(k) => k,
            Area::HeleLandet | Area::Other => {
                self.other_area_rows += 1;
                return Ok(());
            }
        };
        checks::rank(record, columns.placering, row.placering)?;
        let key = (kommune.kode, period, group);
        if let Some(first) = self.rows.get(&key) {
            return Err(DataError::line(
                ErrorKind::Duplicate,
                &self.file,
                row.line,
                format!(
                    "repeats the row for {}, {}, {} first given on line {}",
                    kommune.navn,
                    period.code(),
                    group.label(),
                    first.line
                ),
            )
            .with_hint(
                "each kommune, period and ydelsesgruppe must appear once; delete one of the rows",
            ));
        }
        self.periods.insert(period);
        self.rows.insert(key, row);
        Ok(())
    }

    /// The row for a kommune, period and group.
    pub fn row(
        &self,
        kommune: &Kommune,
        period: BenchmarkPeriod,
        group: Y30Gruppe,
    ) -> Option<&Y30Row> {
        self.rows.get(&(kommune.kode, period, group))
    }

    /// The kommuner that have a row for this period and group.
    pub fn kommuner_in(
        &self,
        period: BenchmarkPeriod,
        group: Y30Gruppe,
    ) -> impl Iterator<Item = (&'static Kommune, &Y30Row)> {
        Kommune::all()
            .iter()
            .filter_map(move |k| self.row(k, period, group).map(|r| (k, r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Område;Periode;Ydelsesgrupper;Forventet antal;Faktisk antal;Forskel mellem forventet og faktisk antal;Forventet andel (pct.);Faktisk andel (pct.);Forskel mellem forventet og faktisk andel (pct. point);Placering på benchmarkranglisten";

    fn read(body: &str) -> Result<Y30R21, DataError> {
        Y30R21::from_table(&Table::parse("Y30R21.csv", format!("{HEADER}\n{body}"))?)
    }

    #[test]
    fn reads_a_seed_row() {
        let t = read("Sorø;2020QMAT02;Ydelsesgrupper i alt;1.710;1670;-40;9,10;8,84;-0,26;18\nHele landet;2020QMAT02;Ydelsesgrupper i alt;1;1;0;1;1;0;.\n").unwrap();
        let sorø = Kommune::lookup("Sorø").unwrap();
        let p = BenchmarkPeriod::parse("2020QMAT02").unwrap();
        let r = t.row(sorø, p, Y30Gruppe::IAlt).unwrap();
        assert_eq!(r.forventet_antal, Value::Known(1710.0));
        assert_eq!(r.forskel_andel, Value::Known(-0.26));
        assert_eq!(r.placering, Some(Value::Known(18)));
        assert_eq!(r.line, 2);
        assert_eq!(t.other_area_rows, 1);
        assert_eq!(t.rows.len(), 1);
    }

    #[test]
    fn short_labels_and_optional_columns() {
        let t = Y30R21::from_table(
            &Table::parse(
                "y.csv",
                "Area,Periode,Ydelsesgrupper,Forventet antal,Faktisk antal,Forventet andel,Faktisk andel\nSorø,2020QMAT02,Kontanthjælp mv.,830,750,\"4,40\",\"4,00\"\n",
            )
            .unwrap(),
        )
        .unwrap();
        let r = t.rows.values().next().unwrap();
        assert_eq!(r.forskel_antal, Value::Known(-80.0));
        assert!((r.forskel_andel.known().unwrap() + 0.40).abs() < 1e-12);
        assert_eq!(r.placering, None);
    }

    #[test]
    fn a_forskel_that_disagrees_is_an_error() {
        let e = read("Sorø;2020QMAT02;Ydelsesgrupper i alt;1710;1670;-40;9,10;8,84;-0,36;18\n")
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Inconsistent);
        assert_eq!(
            e.to_string(),
            "Y30R21.csv:2: column \"Forskel mellem forventet og faktisk andel (pct. point)\": \"-0,36\" does not equal faktisk − forventet on this row (-0,26)"
        );
    }

    #[test]
    fn bad_rows_name_line_and_column() {
        let e = read("Sorø;2020QMAT02;Ydelsesgrupper i alt;1710;16x0;-40;9,10;8,84;-0,26;18\n")
            .unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.column.as_deref(), Some("Faktisk antal"));
        assert_eq!(e.value.as_deref(), Some("16x0"));
        let e = read("Sorå;2020QMAT02;Ydelsesgrupper i alt;1710;1670;-40;9,10;8,84;-0,26;18\n")
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnknownArea);
        assert!(e.to_string().contains("did you mean \"Sorø\""), "{e}");
        let e = read("Sorø;2020M06;Ydelsesgrupper i alt;1710;1670;-40;9,10;8,84;-0,26;18\n")
            .unwrap_err();
        assert_eq!(e.column.as_deref(), Some("Periode"));
        let row = "Sorø;2020QMAT02;Ydelsesgrupper i alt;1710;1670;-40;9,10;8,84;-0,26;18\n";
        let e = read(&format!("{row}{row}")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Duplicate);
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("first given on line 2"));
        let e = read("Sorø;2020QMAT02;Ydelsesgrupper i alt;1710;1670;-40;109,10;8,84;-100,26;18\n")
            .unwrap_err();
        assert!(e.message.contains("from 0 to 100"), "{e}");
    }

    #[test]
    fn a_missing_column_lists_the_columns_found() {
        let e = Y30R21::from_table(
            &Table::parse("y.csv", "Område;Periode\nSorø;2020QMAT02\n").unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "y.csv:1: has no column \"Ydelsesgrupper\"; the columns are \"Område\", \"Periode\""
        );
    }
    #[test]
    fn groups_that_sum_above_the_total_are_caught_beyond_rounding() {
        let rows = |kh: &str| {
            format!(
                "Sorø;2020QMAT02;Ydelsesgrupper i alt;1710;1670;-40;9,10;8,84;-0,26;18\n\
                 Sorø;2020QMAT02;A-dagpenge mv.;400;390;-10;2,10;2,00;-0,10;20\n\
                 Sorø;2020QMAT02;Sygedagpenge mv.;300;300;0;1,50;1,50;0,00;40\n\
                 Sorø;2020QMAT02;Kontanthjælp mv.;{kh}\n"
            )
        };
        // Rounded cells may sum a little above the total, as in the real table.
        read(&rows("1050;1010;-40;5,60;5,50;-0,10;50")).unwrap();
        let e = read(&rows("1110;1010;-100;5,60;5,50;-0,10;50")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Inconsistent);
        assert_eq!(
            e.to_string(),
            "Y30R21.csv:2: column \"Forventet antal\": \"1710\" is the total, but its ydelsesgrupper (lines 3, 4, 5) sum to 1810; the groups are parts of the total"
        );
        let e = read(&rows("1050;1010;-40;6,60;6,50;-0,10;50")).unwrap_err();
        assert_eq!(e.column.as_deref(), Some("Forventet andel (pct.)"));
        assert_contains(&e.to_string(), "sum to 10,2 pct.");
    }

    fn assert_contains(haystack: &str, needle: &str) {
        assert!(haystack.contains(needle), "{haystack:?} lacks {needle:?}");
    }
}
