//! Parsing one field: counts, decimal numbers and jobindsats' marker for a
//! discretized value, in the forms Danish files write them (`1.710`, `1 710`,
//! `9,10`, `-0,26`, `.`).
//!
//! An error is the phrase that follows the value in a message (`is not a
//! count; expected …`); the reader adds the file, line and column.

use crate::domain::value::Value;

const COUNT_EXPECTED: &str =
    "is not a count; expected a whole number such as 1.710, or \".\" for a discretized value";
const NUMBER_EXPECTED: &str = "is not a number; expected a decimal number such as 9,10 or -0,26, or \".\" for a discretized value";

/// Whether a field is jobindsats' marker for a discretized value.
pub fn is_discretized(field: &str) -> bool {
    matches!(field.trim(), "." | "..")
}

/// Parses a count of persons: `1710`, `1.710`, `1 710`; `.`/`..` is discretized.
/// The error is the phrase that follows the value in a message.
pub fn parse_count(field: &str) -> Result<Value<u32>, String> {
    let t = field.trim();
    // Fast path: plain digits, as nearly every cell is.
    if !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Value::Known(
            t.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')),
        ));
    }
    if is_discretized(t) {
        return Ok(Value::Discretized);
    }
    if t.is_empty() {
        return Err("is empty; expected a count, or \".\" for a discretized value".into());
    }
    let (negative, body) = split_sign(t);
    let Some(digits) = ungroup(body) else {
        if parse_number(t).is_ok() {
            return Err("is not a whole number; a count of persons has no decimals".into());
        }
        return Err(COUNT_EXPECTED.into());
    };
    if negative && digits.bytes().any(|b| b != b'0') {
        return Err("is negative; a count cannot be below 0".into());
    }
    digits
        .parse::<u32>()
        .map(Value::Known)
        .map_err(|_| "is too large for a count of persons".into())
}

/// Parses a decimal number with a decimal comma (`9,10`, `-0,26`, `1.710,5`);
/// a decimal point is accepted when there is no comma and the point does not
/// group thousands (`9.10`). `.`/`..` is discretized.
pub fn parse_number(field: &str) -> Result<Value<f64>, String> {
    let t = field.trim();
    // Fast path: plain whole numbers, as Y30R21's fuldtidspersoner are.
    if !t.is_empty() && t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Value::Known(
            t.parse::<u64>().map_or(f64::NAN, |n| n as f64),
        ));
    }
    if is_discretized(t) {
        return Ok(Value::Discretized);
    }
    if t.is_empty() {
        return Err("is empty; expected a number, or \".\" for a discretized value".into());
    }
    let (negative, body) = split_sign(t);
    let (int_part, frac) = match body.rsplit_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => match ungroup(body) {
            Some(_) => (body, None),
            None => match body.split_once('.') {
                Some((i, f)) => (i, Some(f)),
                None => (body, None),
            },
        },
    };
    let int_digits = if int_part.is_empty() && frac.is_some() {
        Some("0".to_string())
    } else {
        ungroup(int_part)
    };
    let Some(int_digits) = int_digits else {
        return Err(NUMBER_EXPECTED.into());
    };
    let mut s = String::with_capacity(t.len() + 1);
    if negative {
        s.push('-');
    }
    s.push_str(&int_digits);
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NUMBER_EXPECTED.into());
        }
        s.push('.');
        s.push_str(f);
    }
    let x: f64 = s.parse().map_err(|_| NUMBER_EXPECTED.to_string())?;
    if !x.is_finite() {
        return Err("is too large".into());
    }
    Ok(Value::Known(x))
}

fn split_sign(t: &str) -> (bool, &str) {
    if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        (true, rest.trim_start())
    } else if let Some(rest) = t.strip_prefix('+') {
        (false, rest.trim_start())
    } else {
        (false, t)
    }
}

/// Removes thousands grouping (`.`, space or no-break space between groups of
/// three) from a run of digits; `None` if it is not digits grouped that way.
fn ungroup(s: &str) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(s.to_string());
    }
    let sep = s.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '.' | ' ' | '\u{a0}' | '\u{202f}') {
        return None;
    }
    let groups: Vec<&str> = s.split(sep).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok && digits_ok).then(|| groups.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(parse_count("1710"), Ok(Value::Known(1710)));
        assert_eq!(parse_count("1.710"), Ok(Value::Known(1710)));
        assert_eq!(parse_count(" 12.345.678 "), Ok(Value::Known(12_345_678)));
        assert_eq!(parse_count("1 710"), Ok(Value::Known(1710)));
        assert_eq!(parse_count("0"), Ok(Value::Known(0)));
        assert_eq!(parse_count("."), Ok(Value::Discretized));
        assert_eq!(parse_count(".."), Ok(Value::Discretized));
        assert!(
            parse_count("12x")
                .unwrap_err()
                .starts_with("is not a count")
        );
        assert!(
            parse_count("1.71")
                .unwrap_err()
                .starts_with("is not a whole number")
        );
        assert!(
            parse_count("12,5")
                .unwrap_err()
                .starts_with("is not a whole number")
        );
        assert!(parse_count("-3").unwrap_err().starts_with("is negative"));
        assert!(parse_count("").unwrap_err().starts_with("is empty"));
        assert!(
            parse_count("99999999999")
                .unwrap_err()
                .contains("too large")
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("9,10"), Ok(Value::Known(9.10)));
        assert_eq!(parse_number("-0,26"), Ok(Value::Known(-0.26)));
        assert_eq!(parse_number("\u{2212}0,26"), Ok(Value::Known(-0.26)));
        assert_eq!(parse_number("1.710"), Ok(Value::Known(1710.0)));
        assert_eq!(parse_number("1.710,5"), Ok(Value::Known(1710.5)));
        assert_eq!(parse_number("9.10"), Ok(Value::Known(9.10)));
        assert_eq!(parse_number("-40"), Ok(Value::Known(-40.0)));
        assert_eq!(parse_number(","), Err(NUMBER_EXPECTED.into()));
        assert_eq!(parse_number(".."), Ok(Value::Discretized));
        assert!(parse_number("9,1x").is_err());
        assert!(parse_number("inf").is_err());
        assert!(parse_number("NaN").is_err());
        assert!(parse_number("1,2,3").is_err());
    }
}
