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
/// persons, rounded half up (the seeds' rule). A share strictly between 0
/// and 100 leaves at least one person on each side, so that the counts a
/// figure prints beside its bar agree with the bar: 95,8 pct. of 9 is 8
/// and 1, not 9 and 0 (issue 17).
///
/// ```
/// use jobcenterindblik::measures::shares::unique_met;
/// use jobcenterindblik::domain::value::Value::{Discretized, Known};
/// assert_eq!(unique_met(Known(87.84), Known(1261)), Known(1108));
/// assert_eq!(unique_met(Known(50.0), Known(5)), Known(3));
/// assert_eq!(unique_met(Known(95.8), Known(9)), Known(8));
/// assert_eq!(unique_met(Known(3.0), Known(9)), Known(1));
/// assert_eq!(unique_met(Known(100.0), Known(9)), Known(9));
/// assert_eq!(unique_met(Discretized, Known(0)), Known(0));
/// ```
pub fn unique_met(window_share: Value<f64>, unique: Value<u32>) -> Value<u32> {
    // No persons: nobody met the goal, whatever the (undefined) share.
    if unique == Value::Known(0) {
        return Value::Known(0);
    }
    window_share.zip(unique, |s, u| {
        let met = stats::round_half_up(s / 100.0 * f64::from(u));
        let (lo, hi) = if u >= 2 && s > stats::EPS && s < 100.0 - stats::EPS {
            (1, i64::from(u) - 1)
        } else {
            (0, i64::from(u))
        };
        met.clamp(lo, hi) as u32
    })
}
