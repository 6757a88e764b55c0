//! The CSV files we write (`status.csv`, `tilsyn --format csv`), as Danish
//! Excel opens them, and safe to open: no cell runs as a formula.
//!
//! Text from outside the program reaches some cells (a data folder's name
//! in the `fejl` column, a reason in `grund`). A spreadsheet runs a cell
//! that begins with `=`, `+`, `-` or `@` as a formula, and some also after
//! a tab or a carriage return ("CSV injection", OWASP). Such a cell gets a
//! leading `'`, which Excel and LibreOffice read as "this is text" and do
//! not show. A number as we write it (`-0,19`, `-40`) is a number, not a
//! formula, and stays as it is, so that the sheet can still add it up.

use std::borrow::Cow;

use anyhow::Result;

use crate::domain::dansk;
use crate::domain::value::Value;

/// A CSV file as Danish Excel opens it: `;` between fields (the decimal
/// comma is taken) and a byte-order mark, so that Sorø and Høje-Taastrup
/// are read as UTF-8. A cell that a spreadsheet would run as a formula is
/// written as text ([`inert`]).
pub fn danish_csv<R>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>>
where
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(header.iter().map(|h| inert(h.as_bytes())))?;
    for row in rows {
        let cells: Vec<R::Item> = row.into_iter().collect();
        w.write_record(cells.iter().map(|c| inert(c.as_ref())))?;
    }
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write the CSV: {e}"))
}

/// A figure of a CSV file: two decimals with a decimal comma (`0,53`), `.`
/// when discretized, as jobindsats writes them.
pub fn csv_decimal(v: Value<f64>) -> String {
    match v {
        Value::Known(x) => dansk::decimal(x, 2),
        Value::Discretized => ".".into(),
    }
}

/// A cell that no spreadsheet runs: one that begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'`, unless it is a
/// number as we write them (`-0,19`) or a lone `-` (a missing figure).
///
/// ```text
/// =HYPERLINK("x")  →  '=HYPERLINK("x")
/// -0,19            →  -0,19
/// -ikke et tal     →  '-ikke et tal
/// ```
pub fn inert(cell: &[u8]) -> Cow<'_, [u8]> {
    let risky = matches!(
        cell.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if risky && cell != b"-" && !is_number(cell) {
        let mut quoted = Vec::with_capacity(cell.len() + 1);
        quoted.push(b'\'');
        quoted.extend_from_slice(cell);
        Cow::Owned(quoted)
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether a cell is a number as we write them: an optional minus, digits,
/// and optionally a decimal comma and more digits (`-40`, `-0,19`).
fn is_number(cell: &[u8]) -> bool {
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let unsigned = cell.strip_prefix(b"-").unwrap_or(cell);
    match unsigned.iter().position(|&b| b == b',') {
        Some(comma) => digits(&unsigned[..comma]) && digits(&unsigned[comma + 1..]),
        None => digits(unsigned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_for_danish_excel() {
        let bytes = danish_csv(&["kommune", "andel"], [["Sorø", "93,1"]]).unwrap();
        assert_eq!(bytes, "\u{feff}kommune;andel\nSorø;93,1\n".as_bytes());
        assert_eq!(csv_decimal(Value::Known(-0.185)), "-0,19");
        assert_eq!(csv_decimal(Value::Known(-0.001)), "0,00");
        assert_eq!(csv_decimal(Value::Discretized), ".");
    }

    #[test]
    fn no_cell_runs_as_a_formula() {
        let rows = [
            ["=1+2", "-0,19", "@SUM(A1)"],
            ["+45 12 34", "-40", "\t=1"],
            ["\r=1", "-", "-1,"],
            ["Sorø", "=", "- 2"],
        ];
        let bytes = danish_csv(&["a", "b", "c"], rows).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}a;b;c\n'=1+2;-0,19;'@SUM(A1)\n'+45 12 34;-40;'\t=1\n\"'\r=1\";-;'-1,\nSorø;'=;'- 2\n"
        );
        for number in ["-0,19", "-40", "0", "12,5"] {
            assert!(is_number(number.as_bytes()), "{number}");
        }
        for text in ["-,5", "-1,", "1.234", "-inf", "--1", "-1,2,3"] {
            assert!(!is_number(text.as_bytes()), "{text}");
        }
    }
}
