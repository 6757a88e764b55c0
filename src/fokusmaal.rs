//! The fokusmål extracts: one per goal, monthly, in the jobindsats style.
//!
//! `fokusmaal-samtaler.csv` and `fokusmaal-aktive-tilbud.csv` hold, per area,
//! month (`2020M08`), ydelsesgruppe and anciennitet: the persons in the target
//! group that month, those of them who met the goal over their last 12
//! months, and the unique persons of the last 3 and 12 months. See
//! `docs/data-format.md` for the contract.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::csvio::{self, Memo, Table};
use crate::error::{DataError, ErrorKind};
use crate::kommune::{Area, Kommune};
use crate::period::Month;
use crate::value::Value;

/// The two fokusmål of skærpet tilsyn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Maal {
    /// Mindst 4 samtaler de sidste 12 mdr.
    Samtaler,
    /// Mindst 1 aktivt tilbud eller 225 timers ordinær beskæftigelse de sidste 12 mdr.
    AktiveTilbud,
}

impl Maal {
    /// Both goals, samtaler first as the report orders them.
    pub const ALL: [Maal; 2] = [Maal::Samtaler, Maal::AktiveTilbud];

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

    /// The short name jobindsats uses: `Mindst 4 samtaler`.
    pub fn label(self) -> &'static str {
        match self {
            Maal::Samtaler => "Mindst 4 samtaler",
            Maal::AktiveTilbud => "Mindst 1 aktivt tilbud mv.",
        }
    }

    /// The other goal.
    pub fn other(self) -> Maal {
        match self {
            Maal::Samtaler => Maal::AktiveTilbud,
            Maal::AktiveTilbud => Maal::Samtaler,
        }
    }
}

/// The target group by length of the benefit spell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Anciennitet {
    /// `Mindst 12 mdr.`: the target group of skærpet tilsyn.
    #[serde(rename = "Mindst 12 mdr.")]
    Mindst12,
    /// `6 mdr.`: the early-effort group of chapter 3.
    #[serde(rename = "6 mdr.")]
    Seks,
}

impl Anciennitet {
    /// The label jobindsats uses.
    pub fn label(self) -> &'static str {
        match self {
            Anciennitet::Mindst12 => "Mindst 12 mdr.",
            Anciennitet::Seks => "6 mdr.",
        }
    }

    fn parse(s: &str) -> Option<Anciennitet> {
        match csvio::measure_name(s).as_str() {
            "mindst 12 mdr" | "mindst 12 mdrs" | "mindst 12 mdrs anciennitet" | "12+ mdr" => {
                Some(Anciennitet::Mindst12)
            }
            "6 mdr" | "6 mdrs" | "6 mdrs anciennitet" => Some(Anciennitet::Seks),
            _ => None,
        }
    }
}

/// The ydelsesgrupper of the fokusmål extracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Gruppe {
    /// `Ydelsesgrupper i alt`.
    #[serde(rename = "Ydelsesgrupper i alt")]
    IAlt,
    /// A-dagpenge.
    #[serde(rename = "A-dagpenge")]
    ADagpenge,
    /// Kontanthjælp.
    #[serde(rename = "Kontanthjælp")]
    Kontanthjaelp,
    /// Uddannelseshjælp.
    #[serde(rename = "Uddannelseshjælp")]
    Uddannelseshjaelp,
    /// Selvforsørgelses- og hjemrejseydelse samt overgangsydelse.
    #[serde(rename = "Selvforsørgelses- og hjemrejseydelse samt overgangsydelse")]
    Selvforsoergelse,
    /// Sygedagpenge.
    #[serde(rename = "Sygedagpenge")]
    Sygedagpenge,
    /// Jobafklaringsforløb.
    #[serde(rename = "Jobafklaringsforløb")]
    Jobafklaring,
    /// Ressourceforløb.
    #[serde(rename = "Ressourceforløb")]
    Ressourceforloeb,
    /// Ledighedsydelse.
    #[serde(rename = "Ledighedsydelse")]
    Ledighedsydelse,
    /// Revalidering.
    #[serde(rename = "Revalidering")]
    Revalidering,
}

impl Gruppe {
    /// Every group, the total first.
    pub const ALL: [Gruppe; 10] = [
        Gruppe::IAlt,
        Gruppe::ADagpenge,
        Gruppe::Kontanthjaelp,
        Gruppe::Uddannelseshjaelp,
        Gruppe::Selvforsoergelse,
        Gruppe::Sygedagpenge,
        Gruppe::Jobafklaring,
        Gruppe::Ressourceforloeb,
        Gruppe::Ledighedsydelse,
        Gruppe::Revalidering,
    ];

    /// The label in the extracts and the report.
    pub fn label(self) -> &'static str {
        match self {
            Gruppe::IAlt => "Ydelsesgrupper i alt",
            Gruppe::ADagpenge => "A-dagpenge",
            Gruppe::Kontanthjaelp => "Kontanthjælp",
            Gruppe::Uddannelseshjaelp => "Uddannelseshjælp",
            Gruppe::Selvforsoergelse => "Selvforsørgelses- og hjemrejseydelse samt overgangsydelse",
            Gruppe::Sygedagpenge => "Sygedagpenge",
            Gruppe::Jobafklaring => "Jobafklaringsforløb",
            Gruppe::Ressourceforloeb => "Ressourceforløb",
            Gruppe::Ledighedsydelse => "Ledighedsydelse",
            Gruppe::Revalidering => "Revalidering",
        }
    }

    /// Reads a group label; ` mv.` after the name is allowed.
    pub fn parse(s: &str) -> Option<Gruppe> {
        let key = csvio::measure_name(s);
        let key = key.strip_suffix(" mv").unwrap_or(&key);
        Gruppe::ALL
            .into_iter()
            .find(|g| csvio::measure_name(g.label()) == key)
    }
}

impl fmt::Display for Gruppe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
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
    pub series: HashMap<(u16, Anciennitet, Gruppe), Series>,
    /// The months the file holds.
    pub months: BTreeSet<Month>,
    /// The groups the file holds.
    pub groups: BTreeSet<Gruppe>,
    /// Rows for `Hele landet` and other aggregate areas, which are not kommuner.
    pub other_area_rows: usize,
    /// How many count cells are discretized.
    pub discretized_cells: usize,
}

impl FokusExtract {
    /// Reads the extract for `maal` at `path`, naming it `display` in messages.
    pub fn read(maal: Maal, path: &Path, display: &str) -> Result<FokusExtract, DataError> {
        FokusExtract::from_table(maal, &csvio::read_table(path, display)?)
    }

    /// Interprets a parsed table as the extract for `maal`.
    pub fn from_table(maal: Maal, t: &Table) -> Result<FokusExtract, DataError> {
        let c_area = t.require(&["Område", "Area", "Omrade"])?;
        let c_month = t.require(&["Periode", "Period", "Måned"])?;
        let c_group = t.require(&["Ydelsesgrupper", "Ydelsesgruppe"])?;
        let c_anc = t.require(&["Anciennitet", "Målgruppe"])?;
        let c_persons = t.require(&["Antal personer"])?;
        let c_met = match t.find(&[maal.met_column()])? {
            Some(c) => c,
            None => {
                let err = t.require(&[maal.met_column()]).unwrap_err();
                return Err(match t.find(&[maal.other().met_column()])? {
                    Some(_) => err.with_hint(format!(
                        "this file measures \"{}\"; it belongs in {}",
                        maal.other().label(),
                        maal.other().file_name()
                    )),
                    None => err,
                });
            }
        };
        let c_u3 = t.require(&["Antal unikke personer seneste 3 mdr."])?;
        let c_u12 = t.require(&["Antal unikke personer seneste 12 mdr."])?;
        let c_share = t.find(&maal.share_columns())?;

        let mut out = FokusExtract {
            maal,
            file: t.file.clone(),
            series: HashMap::new(),
            months: BTreeSet::new(),
            groups: BTreeSet::new(),
            other_area_rows: 0,
            discretized_cells: 0,
        };
        let mut areas = Memo::default();
        let mut months = Memo::default();
        let mut groups = Memo::default();
        let mut ancs = Memo::default();
        t.for_each_record(|line, rec| {
            let area = areas.get(&rec[c_area], |text| {
                Area::parse(text).ok_or_else(|| crate::y30r21::unknown_area(t, line, c_area, text))
            })?;
            let month = months.get(&rec[c_month], |text| {
                Month::parse_code(text)
                    .or_else(|| Month::parse(text).ok())
                    .ok_or_else(|| {
                        t.value_error(
                            line,
                            c_month,
                            text,
                            "is not a month; expected jobindsats' YYYYMmm, as in 2020M08",
                        )
                    })
            })?;
            let group = groups.get(&rec[c_group], |text| {
                Gruppe::parse(text).ok_or_else(|| unknown_group(t, line, c_group, text))
            })?;
            let anc = ancs.get(&rec[c_anc], |text| {
                Anciennitet::parse(text).ok_or_else(|| {
                    t.value_error(
                        line,
                        c_anc,
                        text,
                        "is not an anciennitet; expected \"Mindst 12 mdr.\" or \"6 mdr.\"",
                    )
                })
            })?;
            let count = |c: usize| -> Result<Value<u32>, DataError> {
                csvio::parse_count(&rec[c]).map_err(|m| t.value_error(line, c, &rec[c], &m))
            };
            let row = FokusRow {
                personer: count(c_persons)?,
                opfyldt: count(c_met)?,
                unikke_3: count(c_u3)?,
                unikke_12: count(c_u12)?,
                line,
            };
            check_row(t, line, rec, &row, [c_persons, c_met, c_u3, c_u12])?;
            if let Some(c) = c_share {
                check_share(t, line, rec, c, &row)?;
            }
            out.discretized_cells += [row.personer, row.opfyldt, row.unikke_3, row.unikke_12]
                .iter()
                .filter(|v| v.is_discretized())
                .count();
            let kommune = match area {
                Area::Kommune(k) => k,
                Area::HeleLandet | Area::Other => {
                    out.other_area_rows += 1;
                    return Ok(());
                }
            };
            let series = out.series.entry((kommune.kode, anc, group)).or_default();
            if let Some(first) = series.insert(month, row) {
                return Err(DataError::line(
                    ErrorKind::Duplicate,
                    &t.file,
                    line,
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
            out.months.insert(month);
            out.groups.insert(group);
            Ok(())
        })?;
        check_group_sums(t, &out, c_persons, c_met)?;
        Ok(out)
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

fn check_row(
    t: &Table,
    line: u64,
    rec: &csv::StringRecord,
    row: &FokusRow,
    [_, c_met, c_u3, c_u12]: [usize; 4],
) -> Result<(), DataError> {
    let inconsistent = |c: usize, message: String| {
        t.value_error(line, c, &rec[c], &message)
            .with_kind(ErrorKind::Inconsistent)
    };
    if let (Value::Known(met), Value::Known(n)) = (row.opfyldt, row.personer)
        && met > n
    {
        return Err(inconsistent(
            c_met,
            format!(
                "is more than \"Antal personer\" ({n}); those who met the goal are counted among the persons"
            ),
        ));
    }
    if let (Value::Known(u3), Value::Known(n)) = (row.unikke_3, row.personer)
        && u3 < n
    {
        return Err(inconsistent(
            c_u3,
            format!(
                "is less than \"Antal personer\" ({n}); the unique persons of the last 3 months include this month's"
            ),
        ));
    }
    if let (Value::Known(u12), Value::Known(u3)) = (row.unikke_12, row.unikke_3)
        && u12 < u3
    {
        return Err(inconsistent(
            c_u12,
            format!(
                "is less than the unique persons of the last 3 months ({u3}); the 12 months include those 3"
            ),
        ));
    }
    Ok(())
}

/// A share column, when the file carries one, must lie in 0..=100 and agree
/// with the counts to the decimals it is written with.
fn check_share(
    t: &Table,
    line: u64,
    rec: &csv::StringRecord,
    c: usize,
    row: &FokusRow,
) -> Result<(), DataError> {
    let field = rec[c].trim();
    let share = csvio::parse_number(field).map_err(|m| t.value_error(line, c, field, &m))?;
    let Value::Known(share) = share else {
        return Ok(());
    };
    if !(0.0..=100.0).contains(&share) {
        return Err(t.value_error(
            line,
            c,
            field,
            "is not a share in pct.; expected a number from 0 to 100",
        ));
    }
    let (Value::Known(met), Value::Known(n)) = (row.opfyldt, row.personer) else {
        return Ok(());
    };
    if n == 0 {
        return Ok(());
    }
    let decimals = field
        .rsplit_once([',', '.'])
        .map_or(0, |(_, f)| f.len())
        .min(6);
    let computed = 100.0 * f64::from(met) / f64::from(n);
    let tolerance = 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9;
    if (share - computed).abs() > tolerance {
        let shown = format!("{computed:.decimals$}").replace('.', ",");
        return Err(t
            .value_error(
                line,
                c,
                field,
                &format!("disagrees with the counts: {met} of {n} persons is {shown} pct."),
            )
            .with_kind(ErrorKind::Inconsistent)
            .with_hint(
                "correct the share or the counts; the report computes every share from the counts",
            ));
    }
    Ok(())
}

/// A person is in one ydelsesgruppe in a month, so a kommune's groups cannot
/// hold more persons (or more who met the goal) than its `Ydelsesgrupper i
/// alt` row. The unique counts are not checked: over 3 or 12 months a person
/// can pass through several groups. Of several violations, the one on the
/// earliest line is reported.
fn check_group_sums(
    t: &Table,
    x: &FokusExtract,
    c_persons: usize,
    c_met: usize,
) -> Result<(), DataError> {
    let mut worst: Option<(u64, usize, u32, u64, Vec<u64>)> = None;
    for ((kode, anc, group), series) in &x.series {
        if *group != Gruppe::IAlt {
            continue;
        }
        let parts: Vec<&Series> = Gruppe::ALL[1..]
            .iter()
            .filter_map(|g| x.series.get(&(*kode, *anc, *g)))
            .collect();
        if parts.is_empty() {
            continue;
        }
        for (month, total) in series {
            let rows: Vec<&FokusRow> = parts.iter().filter_map(|s| s.get(month)).collect();
            for (c, value) in [
                (
                    c_persons,
                    (|r: &FokusRow| r.personer) as fn(&FokusRow) -> Value<u32>,
                ),
                (c_met, |r: &FokusRow| r.opfyldt),
            ] {
                let Value::Known(total_value) = value(total) else {
                    continue;
                };
                let sum: u64 = rows
                    .iter()
                    .filter_map(|r| value(r).known())
                    .map(u64::from)
                    .sum();
                if sum > u64::from(total_value)
                    && worst.as_ref().is_none_or(|w| (total.line, c) < (w.0, w.1))
                {
                    worst = Some((
                        total.line,
                        c,
                        total_value,
                        sum,
                        rows.iter().map(|r| r.line).collect(),
                    ));
                }
            }
        }
    }
    let Some((line, c, total_value, sum, mut lines)) = worst else {
        return Ok(());
    };
    lines.sort_unstable();
    let lines: Vec<String> = lines.iter().map(u64::to_string).collect();
    Err(DataError::value(
        ErrorKind::Inconsistent,
        &t.file,
        line,
        t.column_name(c),
        total_value.to_string(),
        format!(
            "is the total of \"Ydelsesgrupper i alt\", but its ydelsesgrupper (lines {}) sum to {sum}; a person is in one group a month",
            lines.join(", ")
        ),
    )
    .with_hint("check that the group rows and the total row belong to the same kommune and month"))
}

fn unknown_group(t: &Table, line: u64, column: usize, text: &str) -> DataError {
    let key = csvio::measure_name(text);
    let mut best: Vec<(f64, &str)> = Gruppe::ALL
        .iter()
        .map(|g| {
            (
                strsim::jaro_winkler(&key, &csvio::measure_name(g.label())),
                g.label(),
            )
        })
        .filter(|(s, _)| *s > 0.8)
        .collect();
    best.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut message = "is not a ydelsesgruppe of the fokusmål extracts".to_string();
    if let Some((_, label)) = best.first() {
        message.push_str(&format!("; did you mean \"{label}\"?"));
    }
    t.value_error(line, column, text, &message)
        .with_hint(format!(
            "the groups are {}",
            Gruppe::ALL.map(|g| format!("\"{}\"", g.label())).join(", ")
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Område;Periode;Ydelsesgrupper;Anciennitet;Antal personer;Antal personer med mindst 4 samtaler;Antal unikke personer seneste 3 mdr.;Antal unikke personer seneste 12 mdr.";

    fn read(body: &str) -> Result<FokusExtract, DataError> {
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
    fn inconsistent_rows_are_rejected() {
        let e =
            read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;501;578;800\n").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Inconsistent);
        assert_eq!(
            e.column.as_deref(),
            Some("Antal personer med mindst 4 samtaler")
        );
        assert_eq!(e.line, Some(2));
        let e =
            read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;499;800\n").unwrap_err();
        assert_eq!(
            e.column.as_deref(),
            Some("Antal unikke personer seneste 3 mdr.")
        );
        let e =
            read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;577\n").unwrap_err();
        assert_eq!(
            e.column.as_deref(),
            Some("Antal unikke personer seneste 12 mdr.")
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
        assert!(e.hint.clone().unwrap().contains("fokusmaal-samtaler.csv"));
    }

    #[test]
    fn groups_that_hold_more_than_the_total_are_caught() {
        let ok = "Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;800\nSorø;2020M08;A-dagpenge;Mindst 12 mdr.;200;190;250;400\nSorø;2020M08;Kontanthjælp;Mindst 12 mdr.;300;260;330;500\n";
        read(ok).unwrap();
        let e = read(&ok.replace(";300;260;330;500", ";301;260;330;500")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Inconsistent);
        assert_eq!(
            e.to_string(),
            "fokusmaal-samtaler.csv:2: column \"Antal personer\": \"500\" is the total of \"Ydelsesgrupper i alt\", but its ydelsesgrupper (lines 3, 4) sum to 501; a person is in one group a month"
        );
        let e = read(&ok.replace(";300;260;330;500", ";300;261;330;500")).unwrap_err();
        assert_eq!(
            e.column.as_deref(),
            Some("Antal personer med mindst 4 samtaler")
        );
        // Discretized group cells count as nothing; the unique counts may overlap.
        read(&ok.replace(";300;260;330;500", ";.;.;330;900")).unwrap();
    }

    #[test]
    fn a_share_column_must_agree_with_the_counts() {
        let header = format!("{HEADER};Andel med mindst 4 samtaler (pct.)");
        let read = |body: &str| {
            FokusExtract::from_table(
                Maal::Samtaler,
                &Table::parse("fokusmaal-samtaler.csv", format!("{header}\n{body}")).unwrap(),
            )
        };
        read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;800;90,0\n").unwrap();
        read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;.;450;578;800;91,3\n").unwrap();
        let e = read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;800;90,1\n")
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Inconsistent);
        assert_eq!(
            e.to_string(),
            "fokusmaal-samtaler.csv:2: column \"Andel med mindst 4 samtaler (pct.)\": \"90,1\" disagrees with the counts: 450 of 500 persons is 90,0 pct."
        );
        let e = read("Sorø;2020M08;Ydelsesgrupper i alt;Mindst 12 mdr.;500;450;578;800;190\n")
            .unwrap_err();
        assert!(
            e.to_string()
                .ends_with("\"190\" is not a share in pct.; expected a number from 0 to 100"),
            "{e}"
        );
    }
}
