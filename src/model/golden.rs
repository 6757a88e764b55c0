//! Comparing golden files: two report models (or two folders of them, as
//! `batch --format json` writes them) field by field.
//!
//! Numbers are compared with an absolute tolerance, so that a change in the
//! last bit of an unrounded float (a sum taken in another order) is not
//! reported, while any change a report could print is. Everything else must
//! be equal. The comparison is pure; reading files is the command's job.

use std::collections::BTreeSet;
use std::fmt;

use serde_json::Value;

/// The default tolerance for numbers: far below any printed decimal.
pub const DEFAULT_TOLERANCE: f64 = 1e-9;

/// One difference between two JSON documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// Where: `fokusmaal[0].tolv_mdr.andel`; empty for the document itself.
    pub path: String,
    /// The old value, or `None` if the field is new.
    pub old: Option<Value>,
    /// The new value, or `None` if the field is gone.
    pub new: Option<Value>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(the document)"
        } else {
            &self.path
        };
        let show = |v: &Option<Value>| {
            v.as_ref()
                .map_or_else(|| "(missing)".to_string(), Value::to_string)
        };
        write!(f, "{path}: {} -> {}", show(&self.old), show(&self.new))
    }
}

/// The differences between `old` and `new`, in document order. Objects are
/// compared key by key, arrays element by element, numbers within `tolerance`.
pub fn compare(old: &Value, new: &Value, tolerance: f64) -> Vec<Difference> {
    let mut out = Vec::new();
    walk(old, new, tolerance, &mut String::new(), &mut out);
    out
}

fn walk(old: &Value, new: &Value, tolerance: f64, path: &mut String, out: &mut Vec<Difference>) {
    let len = path.len();
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk_pair(a.get(key), b.get(key), tolerance, path, out);
                path.truncate(len);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                path.push_str(&format!("[{i}]"));
                walk_pair(a.get(i), b.get(i), tolerance, path, out);
                path.truncate(len);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let same = match (a.as_f64(), b.as_f64()) {
                (Some(x), Some(y)) => x == y || (x - y).abs() <= tolerance,
                _ => a == b,
            };
            if !same {
                out.push(Difference {
                    path: path.clone(),
                    old: Some(old.clone()),
                    new: Some(new.clone()),
                });
            }
        }
        _ if old == new => {}
        _ => out.push(Difference {
            path: path.clone(),
            old: Some(old.clone()),
            new: Some(new.clone()),
        }),
    }
}

/// A field or element on both sides is compared; on one side only, it is a
/// difference of its own.
fn walk_pair(
    old: Option<&Value>,
    new: Option<&Value>,
    tolerance: f64,
    path: &mut String,
    out: &mut Vec<Difference>,
) {
    match (old, new) {
        (Some(x), Some(y)) => walk(x, y, tolerance, path, out),
        (x, y) => out.push(Difference {
            path: path.clone(),
            old: x.cloned(),
            new: y.cloned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_documents_have_no_differences_and_one_change_is_found() {
        let v = json!({"a": [1, 2.5, {"b": "x"}], "c": null});
        assert!(compare(&v, &v, 0.0).is_empty());
        // A compare that found nothing at all would pass the line above.
        let mut changed = v.clone();
        changed["a"][2]["b"] = json!("y");
        let d = compare(&v, &changed, 0.0);
        assert_eq!(
            d,
            [Difference {
                path: "a[2].b".into(),
                old: Some(json!("x")),
                new: Some(json!("y")),
            }]
        );
    }

    #[test]
    fn numbers_differ_beyond_the_tolerance_only() {
        let old = json!({"andel": 93.1, "antal": 1710});
        let new = json!({"andel": 93.100_000_000_000_1, "antal": 1711});
        let d = compare(&old, &new, DEFAULT_TOLERANCE);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].to_string(), "antal: 1710 -> 1711");
        assert_eq!(compare(&old, &new, 0.0).len(), 2);
    }

    #[test]
    fn paths_name_keys_and_indices_and_missing_sides() {
        let old = json!({"fokusmaal": [{"tolv_mdr": {"andel": 93.1}}, {"x": 1}], "gone": true});
        let new = json!({"fokusmaal": [{"tolv_mdr": {"andel": null}}], "new": "ja"});
        let d: Vec<String> = compare(&old, &new, 0.0)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            d,
            [
                "fokusmaal[0].tolv_mdr.andel: 93.1 -> null",
                "fokusmaal[1]: {\"x\":1} -> (missing)",
                "gone: true -> (missing)",
                "new: (missing) -> \"ja\"",
            ]
        );
    }

    #[test]
    fn a_change_of_type_is_a_difference() {
        let d = compare(&json!({"a": "1"}), &json!({"a": 1}), 1.0);
        assert_eq!(d[0].to_string(), "a: \"1\" -> 1");
        assert_eq!(compare(&json!(1), &json!([1]), 0.0)[0].path, "");
    }
}
