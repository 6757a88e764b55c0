//! Shares: a month's share of a target group, and the unique persons of a
//! window who met a goal.

use crate::domain::value::Value;
use crate::extract::fokusmaal::FokusRow;
use crate::measures::stats;

/// A monthly share in pct.: 100 · met / persons; discretized if either count
/// is, or if there are no persons.
///
/// ```
/// use jobcenterindblik::measures::shares::share;
/// use jobcenterindblik::domain::value::Value::{Discretized, Known};
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
/// use jobcenterindblik::measures::shares::unique_met;
/// use jobcenterindblik::domain::value::Value::{Discretized, Known};
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
