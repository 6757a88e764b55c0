//! A figure that jobindsats may have discretized.
//!
//! jobindsats suppresses small counts (fewer than 5 persons) and writes `.` or
//! `..` instead. Such a cell is neither zero nor missing: it is
//! [`Value::Discretized`], and everything computed from it is discretized too.
//! In the JSON report model a discretized figure is `null`.

use serde::{Serialize, Serializer};

/// A number, or the marker that jobindsats discretized it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<T> {
    /// The figure is known.
    Known(T),
    /// The figure was suppressed because it rests on fewer than 5 persons.
    Discretized,
}

impl<T: Copy> Value<T> {
    /// The figure, if known.
    pub fn known(self) -> Option<T> {
        match self {
            Value::Known(x) => Some(x),
            Value::Discretized => None,
        }
    }

    /// Whether the figure was discretized.
    pub fn is_discretized(self) -> bool {
        matches!(self, Value::Discretized)
    }

    /// Applies `f` to a known figure; a discretized one stays discretized.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Value<U> {
        match self {
            Value::Known(x) => Value::Known(f(x)),
            Value::Discretized => Value::Discretized,
        }
    }

    /// Combines two figures; discretized if either is.
    pub fn zip<U: Copy, R>(self, other: Value<U>, f: impl FnOnce(T, U) -> R) -> Value<R> {
        match (self, other) {
            (Value::Known(a), Value::Known(b)) => Value::Known(f(a, b)),
            _ => Value::Discretized,
        }
    }
}

impl<T> From<Option<T>> for Value<T> {
    fn from(o: Option<T>) -> Self {
        match o {
            Some(x) => Value::Known(x),
            None => Value::Discretized,
        }
    }
}

impl<T: Serialize> Serialize for Value<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Known(x) => x.serialize(s),
            Value::Discretized => s.serialize_none(),
        }
    }
}
