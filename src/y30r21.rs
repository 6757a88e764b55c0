//! The resultatmål extract: jobindsats table Y30R21, read exactly as served.
//!
//! "Forventet og faktisk antal og andel fuldtidspersoner på offentlig
//! forsørgelse" per area, benchmark period (`2020QMAT02`) and ydelsesgruppe.
//! Columns are found by their measure name, so both the API's long labels and
//! short ones work. The two `Forskel` columns are optional and, when present,
//! must agree with faktisk − forventet; `Placering på benchmarkranglisten` is
//! optional and, when present, authoritative.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::csvio::{self, Memo, Table};
use crate::error::{DataError, ErrorKind};
use crate::kommune::{Area, Kommune};
use crate::period::BenchmarkPeriod;
use crate::value::Value;

/// The file name of the extract in a data folder.
pub const FILE_NAME: &str = "Y30R21.csv";

/// How far a `Forskel` column may stray from faktisk − forventet: jobindsats
/// rounds fuldtidspersoner to tens and shares to two decimals.
const ANTAL_TOLERANCE: f64 = 10.0 + 1e-9;
const ANDEL_TOLERANCE: f64 = 0.01 + 1e-9;

/// The ydelsesgrupper of the benchmark model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Y30Gruppe {
    /// `Ydelsesgrupper i alt`.
    #[serde(rename = "Ydelsesgrupper i alt")]
    IAlt,
    /// `A-dagpenge mv.` (the dagpengeområde).
    #[serde(rename = "A-dagpenge mv.")]
    ADagpenge,
    /// `Sygedagpenge mv.` (the sygedagpengeområde).
    #[serde(rename = "Sygedagpenge mv.")]
    Sygedagpenge,
    /// `Kontanthjælp mv.` (the kontanthjælpsområde).
    #[serde(rename = "Kontanthjælp mv.")]
    Kontanthjaelp,
}

impl Y30Gruppe {
    /// All groups, total first, in the order the report shows them.
    pub const ALL: [Y30Gruppe; 4] = [
        Y30Gruppe::IAlt,
        Y30Gruppe::ADagpenge,
        Y30Gruppe::Sygedagpenge,
        Y30Gruppe::Kontanthjaelp,
    ];

    /// The label jobindsats uses.
    pub fn label(self) -> &'static str {
        match self {
            Y30Gruppe::IAlt => "Ydelsesgrupper i alt",
            Y30Gruppe::ADagpenge => "A-dagpenge mv.",
            Y30Gruppe::Sygedagpenge => "Sygedagpenge mv.",
            Y30Gruppe::Kontanthjaelp => "Kontanthjælp mv.",
        }
    }

    fn parse(s: &str) -> Option<Y30Gruppe> {
        let key = csvio::measure_name(s);
        Y30Gruppe::ALL.into_iter().find(|g| {
            let label = csvio::measure_name(g.label());
            key == label || key == label.trim_end_matches(" mv")
        })
    }
}

impl fmt::Display for Y30Gruppe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

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

impl Y30R21 {
    /// Reads the extract at `path`, naming it `display` in messages.
    pub fn read(path: &Path, display: &str) -> Result<Y30R21, DataError> {
        Y30R21::from_table(&csvio::read_table(path, display)?)
    }

    /// Interprets a parsed table as Y30R21.
    pub fn from_table(t: &Table) -> Result<Y30R21, DataError> {
        let c_area = t.require(&["Område", "Area", "Omrade"])?;
        let c_period = t.require(&["Periode", "Period"])?;
        let c_group = t.require(&["Ydelsesgrupper", "Ydelsesgruppe"])?;
        let c_fv_antal = t.require(&["Forventet antal"])?;
        let c_fk_antal = t.require(&["Faktisk antal"])?;
        let c_fs_antal = t.find(&[
            "Forskel mellem forventet og faktisk antal",
            "Forskel i antal",
            "Forskel antal",
        ])?;
        let c_fv_andel = t.require(&["Forventet andel (pct.)", "Forventet andel"])?;
        let c_fk_andel = t.require(&["Faktisk andel (pct.)", "Faktisk andel"])?;
        let c_fs_andel = t.find(&[
            "Forskel mellem forventet og faktisk andel (pct. point)",
            "Forskel i andel",
            "Forskel andel",
        ])?;
        let c_rank = t.find(&["Placering på benchmarkranglisten", "Placering"])?;

        let mut out = Y30R21 {
            file: t.file.clone(),
            rows: HashMap::new(),
            periods: BTreeSet::new(),
            other_area_rows: 0,
            discretized_cells: 0,
        };
        let mut seen: HashMap<(u16, BenchmarkPeriod, Y30Gruppe), u64> = HashMap::new();
        let mut areas = Memo::default();
        t.for_each_record(|line, rec| {
            let area = areas.get(&rec[c_area], |text| {
                Area::parse(text).ok_or_else(|| unknown_area(t, line, c_area, text))
            })?;
            let period = BenchmarkPeriod::parse(&rec[c_period]).map_err(|e| {
                t.value_error(
                    line,
                    c_period,
                    &rec[c_period],
                    &format!("is not a benchmark period: {}", e.reason),
                )
            })?;
            let group = Y30Gruppe::parse(&rec[c_group]).ok_or_else(|| {
                t.value_error(
                    line,
                    c_group,
                    &rec[c_group],
                    "is not a Y30R21 ydelsesgruppe; expected \"Ydelsesgrupper i alt\", \"A-dagpenge mv.\", \"Sygedagpenge mv.\" or \"Kontanthjælp mv.\"",
                )
            })?;
            let number = |c: usize| -> Result<Value<f64>, DataError> {
                csvio::parse_number(&rec[c]).map_err(|m| t.value_error(line, c, &rec[c], &m))
            };
            let forventet_antal = number(c_fv_antal)?;
            let faktisk_antal = number(c_fk_antal)?;
            let forventet_andel = number(c_fv_andel)?;
            let faktisk_andel = number(c_fk_andel)?;
            for (c, v) in [(c_fv_andel, forventet_andel), (c_fk_andel, faktisk_andel)] {
                if let Value::Known(x) = v
                    && !(0.0..=100.0).contains(&x)
                {
                    return Err(t.value_error(
                        line,
                        c,
                        &rec[c],
                        "is not a share in pct.; expected a number from 0 to 100",
                    ));
                }
            }
            for (c, v) in [(c_fv_antal, forventet_antal), (c_fk_antal, faktisk_antal)] {
                if let Value::Known(x) = v
                    && x < 0.0
                {
                    return Err(t.value_error(
                        line,
                        c,
                        &rec[c],
                        "is negative; a number of fuldtidspersoner cannot be below 0",
                    ));
                }
            }
            let computed_antal = faktisk_antal.zip(forventet_antal, |a, b| a - b);
            let computed_andel = faktisk_andel.zip(forventet_andel, |a, b| a - b);
            let forskel_antal = match c_fs_antal {
                Some(c) => checked_difference(
                    t,
                    line,
                    c,
                    &rec[c],
                    number(c)?,
                    computed_antal,
                    ANTAL_TOLERANCE,
                )?,
                None => computed_antal,
            };
            let forskel_andel = match c_fs_andel {
                Some(c) => checked_difference(
                    t,
                    line,
                    c,
                    &rec[c],
                    number(c)?,
                    computed_andel,
                    ANDEL_TOLERANCE,
                )?,
                None => computed_andel,
            };
            let placering = match c_rank {
                Some(c) => Some(csvio::parse_count(&rec[c]).map_err(|_| {
                    t.value_error(
                        line,
                        c,
                        &rec[c],
                        "is not a rank; expected a whole number from 1 to 98",
                    )
                })?),
                None => None,
            };
            let cells = [
                forventet_antal,
                faktisk_antal,
                forventet_andel,
                faktisk_andel,
            ];
            out.discretized_cells += cells.iter().filter(|v| v.is_discretized()).count();
            out.discretized_cells += usize::from(placering.is_some_and(|p| p.is_discretized()));
            let kommune = match area {
                Area::Kommune(k) => k,
                Area::HeleLandet | Area::Other => {
                    out.other_area_rows += 1;
                    return Ok(());
                }
            };
            if let Some(Value::Known(p)) = placering
                && !(1..=98).contains(&p)
            {
                return Err(t.value_error(
                    line,
                    c_rank.expect("placering is read from its column"),
                    &rec[c_rank.expect("placering is read from its column")],
                    "is not a rank among the 98 kommuner; expected 1 to 98",
                ));
            }
            let key = (kommune.kode, period, group);
            if let Some(first) = seen.insert(key, line) {
                return Err(DataError::line(
                    ErrorKind::Duplicate,
                    &t.file,
                    line,
                    format!(
                        "repeats the row for {}, {}, {} first given on line {first}",
                        kommune.navn,
                        period.code(),
                        group.label()
                    ),
                )
                .with_hint("each kommune, period and ydelsesgruppe must appear once; delete one of the rows"));
            }
            out.periods.insert(period);
            out.rows.insert(
                key,
                Y30Row {
                    forventet_antal,
                    faktisk_antal,
                    forskel_antal,
                    forventet_andel,
                    faktisk_andel,
                    forskel_andel,
                    placering,
                    line,
                },
            );
            Ok(())
        })?;
        check_group_sums(t, &out, [c_fv_antal, c_fk_antal, c_fv_andel, c_fk_andel])?;
        Ok(out)
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

fn checked_difference(
    t: &Table,
    line: u64,
    column: usize,
    text: &str,
    given: Value<f64>,
    computed: Value<f64>,
    tolerance: f64,
) -> Result<Value<f64>, DataError> {
    if let (Value::Known(g), Value::Known(c)) = (given, computed)
        && (g - c).abs() > tolerance
    {
        return Err(t
            .value_error(
                line,
                column,
                text,
                &format!(
                    "does not equal faktisk − forventet on this row ({})",
                    format_plain(c)
                ),
            )
            .with_kind(ErrorKind::Inconsistent)
            .with_hint("the extract contradicts itself; export it again from jobindsats"));
    }
    Ok(if given.is_discretized() {
        computed
    } else {
        given
    })
}

fn format_plain(x: f64) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

/// The error for an area name that is neither a kommune nor an aggregate.
pub(crate) fn unknown_area(t: &Table, line: u64, column: usize, text: &str) -> DataError {
    let suggestions = crate::kommune::suggest(text);
    let mut message =
        "is not one of the 98 kommuner, \"Hele landet\" or an \"RAR …\" area".to_string();
    if !suggestions.is_empty() {
        message.push_str(&format!(
            "; did you mean {}?",
            crate::kommune::or_list(&suggestions)
        ));
    }
    t.value_error(line, column, text, &message)
        .with_kind(ErrorKind::UnknownArea)
}

/// How far the three ydelsesgrupper may sum above `Ydelsesgrupper i alt`:
/// jobindsats rounds every cell on its own, and the real table has the groups
/// up to 40 fuldtidspersoner and 0,33 pct.-points above the total. Beyond
/// the larger of these margins and 5 % of the total, a group row cannot
/// belong with its total.
const GROUP_SUM_MARGIN_ANTAL: f64 = 50.0;
const GROUP_SUM_MARGIN_ANDEL: f64 = 0.5;
const GROUP_SUM_MARGIN_SHARE: f64 = 0.05;

/// The groups are parts of `Ydelsesgrupper i alt`: checks that the known
/// values of a kommune's groups do not sum to more than its total (beyond the
/// rounding margins above). Of several violations, the one on the earliest
/// line is reported.
fn check_group_sums(t: &Table, y: &Y30R21, columns: [usize; 4]) -> Result<(), DataError> {
    let value = |r: &Y30Row, i: usize| match i {
        0 => r.forventet_antal,
        1 => r.faktisk_antal,
        2 => r.forventet_andel,
        _ => r.faktisk_andel,
    };
    let mut worst: Option<(u64, usize, f64, f64, Vec<u64>)> = None;
    for ((kode, period, group), total) in &y.rows {
        if *group != Y30Gruppe::IAlt {
            continue;
        }
        let parts: Vec<&Y30Row> = Y30Gruppe::ALL[1..]
            .iter()
            .filter_map(|g| y.rows.get(&(*kode, *period, *g)))
            .collect();
        for (i, _) in columns.iter().enumerate() {
            let Value::Known(total_value) = value(total, i) else {
                continue;
            };
            let sum: f64 = parts.iter().filter_map(|r| value(r, i).known()).sum();
            let margin = if i < 2 {
                GROUP_SUM_MARGIN_ANTAL
            } else {
                GROUP_SUM_MARGIN_ANDEL
            }
            .max(GROUP_SUM_MARGIN_SHARE * total_value.abs());
            if sum > total_value + margin + 1e-9
                && worst.as_ref().is_none_or(|w| (total.line, i) < (w.0, w.1))
            {
                let lines = parts.iter().map(|r| r.line).collect();
                worst = Some((total.line, i, total_value, sum, lines));
            }
        }
    }
    let Some((line, i, total_value, sum, mut lines)) = worst else {
        return Ok(());
    };
    lines.sort_unstable();
    let lines: Vec<String> = lines.iter().map(u64::to_string).collect();
    let unit = if i < 2 { "" } else { " pct." };
    Err(DataError::value(
        ErrorKind::Inconsistent,
        &t.file,
        line,
        t.column_name(columns[i]),
        format_number(total_value),
        format!(
            "is the total, but its ydelsesgrupper (lines {}) sum to {}{unit}; the groups are parts of the total",
            lines.join(", "),
            format_number(sum)
        ),
    )
    .with_hint("check that the group rows and the total row belong to the same kommune and period"))
}

/// A number as the extracts write it: `1710`, `9,1`.
fn format_number(x: f64) -> String {
    let s = format!("{}", (x * 100.0).round() / 100.0);
    s.replace('.', ",")
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
