//! What a Y30R21 row must satisfy beyond parsing: shares in 0-100, counts not
//! negative, `Forskel` columns that agree with faktisk − forventet, ranks
//! within 1-98, and groups that do not sum above their total.

use super::{Record, Y30R21, Y30Row};
use crate::domain::dansk;
use crate::domain::groups::Y30Gruppe;
use crate::domain::kommune::{OVER_BEFOLKNINGEN, over_befolkningen};
use crate::domain::value::Value;
use crate::error::{DataError, ErrorKind};
use crate::extract::reader::{Earliest, line_list};
use crate::extract::table::Table;

/// How far a `Forskel` column may stray from faktisk − forventet: jobindsats
/// rounds fuldtidspersoner to tens and shares to two decimals.
pub(super) const ANTAL_TOLERANCE: f64 = 10.0 + 1e-9;
pub(super) const ANDEL_TOLERANCE: f64 = 0.01 + 1e-9;

/// How far the three ydelsesgrupper may sum above `Ydelsesgrupper i alt`:
/// jobindsats rounds every cell on its own, and the real table has the groups
/// up to 40 fuldtidspersoner and 0,33 pct.-points above the total. Beyond
/// the larger of these margins and 5 % of the total, a group row cannot
/// belong with its total.
const GROUP_SUM_MARGIN_ANTAL: f64 = 50.0;
const GROUP_SUM_MARGIN_ANDEL: f64 = 0.5;
const GROUP_SUM_MARGIN_SHARE: f64 = 0.05;

/// Shares of the 16-66-year-olds lie in 0-100.
pub(super) fn shares(r: &Record<'_>, shares: [(usize, Value<f64>); 2]) -> Result<(), DataError> {
    for (c, v) in shares {
        if let Value::Known(x) = v
            && !(0.0..=100.0).contains(&x)
        {
            return Err(r.t.value_error(
                r.line,
                c,
                &r.rec[c],
                "is not a share in pct.; expected a number from 0 to 100",
            ));
        }
    }
    Ok(())
}

/// Fuldtidspersoner are not negative, and fewer than live in Denmark.
pub(super) fn counts(r: &Record<'_>, counts: [(usize, Value<f64>); 2]) -> Result<(), DataError> {
    for (c, v) in counts {
        let Value::Known(x) = v else { continue };
        if x < 0.0 {
            return Err(r.t.value_error(
                r.line,
                c,
                &r.rec[c],
                "is negative; a number of fuldtidspersoner cannot be below 0",
            ));
        }
        if x >= f64::from(OVER_BEFOLKNINGEN) {
            return Err(too_many(r, c));
        }
    }
    Ok(())
}

/// The error for a number of fuldtidspersoner beyond Denmark's population.
fn too_many(r: &Record<'_>, c: usize) -> DataError {
    r.t.value_error(r.line, c, &r.rec[c], &over_befolkningen("fuldtidspersoner"))
}

/// A `Forskel` lies within what its figures can span: fewer fuldtidspersoner
/// than live in Denmark, or -100 to 100 pct.-points.
pub(super) fn difference_range(
    r: &Record<'_>,
    column: usize,
    given: Value<f64>,
    bound: f64,
) -> Result<Value<f64>, DataError> {
    match given {
        Value::Known(x) if x.abs() >= bound && bound >= f64::from(OVER_BEFOLKNINGEN) => {
            Err(too_many(r, column))
        }
        Value::Known(x) if x.abs() > bound => Err(r.t.value_error(
            r.line,
            column,
            &r.rec[column],
            "is not a difference of two shares; expected a number from -100 to 100",
        )),
        _ => Ok(given),
    }
}

/// A `Forskel` from the file, checked against the one computed from the row;
/// where the file's is discretized, the computed one stands in.
pub(super) fn difference(
    r: &Record<'_>,
    column: usize,
    given: Value<f64>,
    computed: Value<f64>,
    tolerance: f64,
) -> Result<Value<f64>, DataError> {
    if let (Value::Known(g), Value::Known(c)) = (given, computed)
        && (g - c).abs() > tolerance
    {
        return Err(r
            .t
            .value_error(
                r.line,
                column,
                &r.rec[column],
                &format!(
                    "does not equal faktisk − forventet on this row ({})",
                    dansk::kort(c, 2)
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

/// A kommune's rank lies among the 98.
pub(super) fn rank(
    r: &Record<'_>,
    column: Option<usize>,
    placering: Option<Value<u32>>,
) -> Result<(), DataError> {
    if let (Some(c), Some(Value::Known(p))) = (column, placering)
        && !(1..=98).contains(&p)
    {
        return Err(r.t.value_error(
            r.line,
            c,
            &r.rec[c],
            "is not a rank among the 98 kommuner; expected 1 to 98",
        ));
    }
    Ok(())
}

/// One of the four summed figures of a row: forventet/faktisk antal, then andel.
fn figure(r: &Y30Row, i: usize) -> Value<f64> {
    match i {
        0 => r.forventet_antal,
        1 => r.faktisk_antal,
        2 => r.forventet_andel,
        _ => r.faktisk_andel,
    }
}

/// The groups are parts of `Ydelsesgrupper i alt`: checks that the known
/// values of a kommune's groups do not sum to more than its total (beyond the
/// rounding margins above). Of several violations, the one on the earliest
/// line is reported.
pub(super) fn group_sums(t: &Table, y: &Y30R21, columns: [usize; 4]) -> Result<(), DataError> {
    let mut earliest = Earliest::default();
    for ((kode, period, group), total) in &y.rows {
        if *group != Y30Gruppe::IAlt {
            continue;
        }
        let parts: Vec<&Y30Row> = Y30Gruppe::ALL[1..]
            .iter()
            .filter_map(|g| y.rows.get(&(*kode, *period, *g)))
            .collect();
        for (i, &column) in columns.iter().enumerate() {
            let Value::Known(total_value) = figure(total, i) else {
                continue;
            };
            let sum: f64 = parts.iter().filter_map(|r| figure(r, i).known()).sum();
            let margin = if i < 2 {
                GROUP_SUM_MARGIN_ANTAL
            } else {
                GROUP_SUM_MARGIN_ANDEL
            }
            .max(GROUP_SUM_MARGIN_SHARE * total_value.abs());
            if sum > total_value + margin + 1e-9 {
                earliest.offer(total.line, column, || {
                    let lines = parts.iter().map(|r| r.line).collect();
                    (i, total_value, sum, lines)
                });
            }
        }
    }
    let Some((line, column, (i, total_value, sum, lines))) = earliest.into_inner() else {
        return Ok(());
    };
    let unit = if i < 2 { "" } else { " pct." };
    Err(DataError::value(
        ErrorKind::Inconsistent,
        &t.file,
        line,
        t.column_name(column),
        dansk::kort(total_value, 2),
        format!(
            "is the total, but its ydelsesgrupper (lines {}) sum to {}{unit}; the groups are parts of the total",
            line_list(lines),
            dansk::kort(sum, 2)
        ),
    )
    .with_hint("check that the group rows and the total row belong to the same kommune and period"))
}
