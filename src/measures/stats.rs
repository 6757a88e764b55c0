//! Small statistics used by the measures: a mean that respects discretization,
//! rounding half up, and competition ranks.
//!
//! Shares are fractions computed in binary floating point, so two shares that
//! are equal on paper (80 = 4/5 · 100 = 96/120 · 100) may differ in the last
//! bit. Comparisons therefore allow [`EPS`]; see `docs/method.md`.

use std::cmp::Ordering;

use crate::domain::value::Value;

/// Tolerance, in pct. or pct.-points, below which two computed figures count as equal.
pub const EPS: f64 = 1e-9;

/// A simple mean of shares that becomes discretized if any input is.
///
/// ```
/// use jobcenterindblik::measures::stats::Mean;
/// use jobcenterindblik::domain::value::Value;
///
/// let mut m = Mean::default();
/// m.add(Value::Known(90.0));
/// m.add(Value::Known(80.0));
/// m.add(Value::Known(85.5));
/// assert_eq!(m.value(), Some(Value::Known(85.16666666666667)));
///
/// let mut rest = Mean::default();
/// rest.add(Value::Discretized);
/// m.merge(&rest);
/// assert_eq!(m.value(), Some(Value::Discretized));
/// assert_eq!(Mean::default().value(), None);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Mean {
    sum: f64,
    count: u32,
    discretized: bool,
}

impl Mean {
    /// Adds one figure.
    pub fn add(&mut self, v: Value<f64>) {
        match v {
            Value::Known(x) => {
                self.sum += x;
                self.count += 1;
            }
            Value::Discretized => self.discretized = true,
        }
    }

    /// Adds everything another accumulator has seen.
    pub fn merge(&mut self, other: &Mean) {
        self.sum += other.sum;
        self.count += other.count;
        self.discretized |= other.discretized;
    }

    /// The mean; discretized if any input was; `None` if nothing was added.
    pub fn value(&self) -> Option<Value<f64>> {
        if self.discretized {
            Some(Value::Discretized)
        } else if self.count == 0 {
            None
        } else {
            Some(Value::Known(self.sum / f64::from(self.count)))
        }
    }

    /// The mean of the figures; discretized if any is (and for no figures at all).
    pub fn of(values: impl IntoIterator<Item = Value<f64>>) -> Value<f64> {
        let mut m = Mean::default();
        values.into_iter().for_each(|v| m.add(v));
        m.value().unwrap_or(Value::Discretized)
    }
}

/// A ratio of sums, Σ numerator / Σ denominator, as the national share is formed.
///
/// ```
/// use jobcenterindblik::measures::stats::Ratio;
///
/// let mut r = Ratio::default();
/// r.add(538, 578);
/// r.add(958, 1146);
/// assert_eq!(r.percent(), Some(100.0 * 1496.0 / 1724.0));
/// assert_eq!(Ratio::default().percent(), None);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ratio {
    numerator: u64,
    denominator: u64,
}

impl Ratio {
    /// Adds one part.
    pub fn add(&mut self, numerator: u32, denominator: u32) {
        self.numerator += u64::from(numerator);
        self.denominator += u64::from(denominator);
    }

    /// Adds another ratio's parts.
    pub fn merge(&mut self, other: &Ratio) {
        self.numerator += other.numerator;
        self.denominator += other.denominator;
    }

    /// 100 · Σ numerator / Σ denominator; `None` when the denominator is 0.
    pub fn percent(&self) -> Option<f64> {
        (self.denominator > 0).then(|| 100.0 * self.numerator as f64 / self.denominator as f64)
    }
}

/// Rounds half up to a whole number, forgiving binary error just below a half.
///
/// ```
/// use jobcenterindblik::measures::stats::round_half_up;
/// assert_eq!(round_half_up(537.5), 538);
/// assert_eq!(round_half_up(0.5 - 1e-12), 1);
/// assert_eq!(round_half_up(537.49), 537);
/// assert_eq!(round_half_up(0.0), 0);
/// ```
pub fn round_half_up(x: f64) -> i64 {
    (x + 0.5 + EPS).floor() as i64
}

/// A figure on a grid of 10⁻⁶, as a sort key whose ties survive binary error.
///
/// ```
/// use jobcenterindblik::measures::stats::quantize;
/// assert_eq!(quantize(100.0 * 7.0 / 9.0), quantize(100.0 * 14.0 / 18.0));
/// assert_eq!(quantize(93.1), 93_100_000);
/// ```
pub fn quantize(x: f64) -> i64 {
    (x * 1e6).round() as i64
}

/// Competition ranks ("1, 2, 2, 4"): the item that sorts first by `order`
/// gets rank 1; items whose values lie within [`EPS`] share a rank.
///
/// ```
/// use jobcenterindblik::measures::stats::{ranks, Direction};
/// let shares = [("a", 93.1), ("b", 95.0), ("c", 93.1), ("d", 80.0)];
/// let r = ranks(&shares, Direction::HighestFirst);
/// assert_eq!(r, [("b", 1), ("a", 2), ("c", 2), ("d", 4)]);
/// let r = ranks(&shares, Direction::LowestFirst);
/// assert_eq!(r, [("d", 1), ("a", 2), ("c", 2), ("b", 4)]);
/// ```
pub fn ranks<K: Copy>(values: &[(K, f64)], direction: Direction) -> Vec<(K, u32)> {
    let mut sorted: Vec<(K, f64)> = values.to_vec();
    sorted.sort_by(|a, b| direction.cmp(a.1, b.1));
    let mut out = Vec::with_capacity(sorted.len());
    let mut previous: Option<(f64, u32)> = None;
    for (i, (key, value)) in sorted.into_iter().enumerate() {
        let rank = match previous {
            Some((p, r)) if (p - value).abs() <= EPS => r,
            _ => i as u32 + 1,
        };
        previous = Some((value, rank));
        out.push((key, rank));
    }
    out
}

/// Which end of a ranking is rank 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The highest value ranks first (shares of fokusmål).
    HighestFirst,
    /// The lowest value ranks first (the benchmark difference).
    LowestFirst,
}

impl Direction {
    fn cmp(self, a: f64, b: f64) -> Ordering {
        match self {
            Direction::HighestFirst => b.total_cmp(&a),
            Direction::LowestFirst => a.total_cmp(&b),
        }
    }
}
