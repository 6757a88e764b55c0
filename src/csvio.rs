//! Reading the CSV files people actually export: the first step of the pipeline.
//!
//! jobindsats and Excel produce `;`- or `,`-separated files in UTF-8 (with or
//! without BOM), UTF-16 or Windows-1252, with CRLF or LF line ends, quoted
//! fields, decimal commas, thousands points (`1.710`) and `.`/`..` for a
//! discretized value. This module turns such a file into a [`Table`] of text
//! fields with line numbers, and parses fields into numbers. It knows nothing
//! of what the columns mean; `y30r21` and `fokusmaal` do.

use std::collections::HashMap;
use std::path::Path;

use csv::StringRecord;

use crate::error::{DataError, ErrorKind};
use crate::value::Value;

/// A CSV file ready to be read: its text, header and delimiter. Records are
/// visited one at a time by [`Table::for_each_record`], so a large extract
/// never exists as a hundred thousand separate allocations.
#[derive(Debug)]
pub struct Table {
    /// The file name used in messages.
    pub file: String,
    /// The header's column names, as written (BOM removed, trimmed).
    pub header: Vec<String>,
    /// The field delimiter that was detected.
    pub delimiter: u8,
    /// The text with every line ending in `\n`.
    text: String,
}

/// Remembers how each distinct text of a column parsed. Extracts repeat a
/// few hundred area, period and group names over a hundred thousand rows, so
/// each is parsed once.
#[derive(Debug)]
pub struct Memo<T> {
    seen: HashMap<String, T>,
}

impl<T: Copy> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            seen: HashMap::new(),
        }
    }
}

impl<T: Copy> Memo<T> {
    /// The parsed value of `text`, parsing it with `parse` the first time.
    /// Failures are not remembered (they end the read anyway).
    pub fn get<E>(&mut self, text: &str, parse: impl FnOnce(&str) -> Result<T, E>) -> Result<T, E> {
        if let Some(v) = self.seen.get(text) {
            return Ok(*v);
        }
        let v = parse(text)?;
        self.seen.insert(text.to_string(), v);
        Ok(v)
    }
}

/// Reads and decodes a file, naming it `display` in messages.
pub fn read_table(path: &Path, display: &str) -> Result<Table, DataError> {
    let bytes = std::fs::read(path).map_err(|e| {
        let err = DataError::file(ErrorKind::Io, display, format!("cannot be read: {e}"));
        if e.kind() == std::io::ErrorKind::NotFound {
            err.with_hint("check --data: it must name the folder that holds the extracts")
        } else {
            err
        }
    })?;
    let text = decode(display, &bytes)?;
    drop(bytes);
    Table::parse(display, text)
}

/// Decodes a file's bytes to text: UTF-8 (BOM optional), UTF-16 with a BOM,
/// or else Windows-1252. A file that mixes UTF-8 with other bytes is refused
/// rather than guessed at, so `Sorø` never turns into `SorÃ¸`.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, DataError> {
    let encoding_err = |message: String| {
        DataError::file(ErrorKind::Encoding, file, message)
            .with_hint("save the file as UTF-8 (in Excel: \"CSV UTF-8\") and try again")
    };
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            let line = first_bad_line(encoding, body);
            return Err(encoding_err(format!(
                "is not valid {} (first bad bytes on line {line})",
                encoding.name()
            )));
        }
        return Ok(text.into_owned());
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        return Err(encoding_err(format!(
            "holds a NUL byte on line {line}: it is a binary file or UTF-16 without a byte-order mark, not CSV text"
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let has_utf8_letters = bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii());
            if has_utf8_letters {
                let line = 1 + bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                return Err(encoding_err(format!(
                    "mixes encodings: it holds UTF-8 text, but line {line} has bytes that are not UTF-8"
                )));
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(text.into_owned())
        }
    }
}

fn first_bad_line(encoding: &'static encoding_rs::Encoding, body: &[u8]) -> usize {
    // Decode progressively and count newlines before the first replacement.
    let (text, _) = encoding.decode_without_bom_handling(body);
    let upto = text.find('\u{FFFD}').unwrap_or(text.len());
    1 + text[..upto].matches('\n').count()
}

impl Table {
    /// Reads the header of decoded text. The delimiter is `;` if the header
    /// line holds one, else `,`, else a tab.
    pub fn parse(file: &str, text: impl Into<String>) -> Result<Table, DataError> {
        let mut text: String = text.into();
        if text.starts_with('\u{FEFF}') {
            text.replace_range(..'\u{FEFF}'.len_utf8(), "");
        }
        // One line end everywhere, so that byte offsets map to line numbers.
        if text.contains('\r') {
            text = text.replace("\r\n", "\n").replace('\r', "\n");
        }
        let first_line = text.lines().find(|l| !l.trim().is_empty()).ok_or_else(|| {
            DataError::file(
                ErrorKind::Empty,
                file,
                "is empty: expected a header line and rows",
            )
            .with_hint(
                "export the extract again; it must start with the header line (Område;Periode;…)",
            )
        })?;
        let delimiter = sniff_delimiter(first_line).ok_or_else(|| {
            DataError::line(
                ErrorKind::Record,
                file,
                1,
                format!(
                    "the header \"{}\" has no ';' or ',' between column names",
                    shorten(first_line)
                ),
            )
            .with_hint("jobindsats extracts separate fields with ';' (or ',')")
        })?;
        let shown = shorten(first_line);
        let mut table = Table {
            file: file.to_string(),
            header: Vec::new(),
            delimiter,
            text,
        };
        let mut header = None;
        table.scan(&mut |_, record| {
            let mut names: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
            while names.last().is_some_and(String::is_empty) {
                names.pop();
            }
            header = Some(names);
            Ok(false)
        })?;
        // A first line of delimiters only (`;;;`) is a blank record, which
        // the scan skips: then there is no header at all.
        table.header = header.filter(|h| !h.is_empty()).ok_or_else(|| {
            DataError::line(
                ErrorKind::Empty,
                file,
                1,
                format!("the header \"{shown}\" holds no column names"),
            )
            .with_hint("the first line must name the columns: Område;Periode;Ydelsesgrupper;…")
        })?;
        Ok(table)
    }

    /// Calls `visit` with the line number and fields of every data record, in
    /// order, after checking that each has as many fields as the header (extra
    /// empty trailing fields are allowed). Returns how many there were; a
    /// file without data rows is an error.
    pub fn for_each_record(
        &self,
        mut visit: impl FnMut(u64, &StringRecord) -> Result<(), DataError>,
    ) -> Result<usize, DataError> {
        let mut seen_header = false;
        let mut count = 0;
        self.scan(&mut |line, record| {
            if !seen_header {
                seen_header = true;
                return Ok(true);
            }
            check_width(&self.file, line, record, self.header.len(), self.delimiter)?;
            visit(line, record)?;
            count += 1;
            Ok(true)
        })?;
        if count == 0 {
            return Err(DataError::file(
                ErrorKind::Empty,
                &self.file,
                "has a header but no data rows",
            )
            .with_hint("the export stopped after the header; export the extract again"));
        }
        Ok(count)
    }

    /// Visits every non-blank record (the header included) until `visit`
    /// returns `false`, reusing one record buffer.
    fn scan(
        &self,
        visit: &mut dyn FnMut(u64, &StringRecord) -> Result<bool, DataError>,
    ) -> Result<(), DataError> {
        let file = self.file.as_str();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(self.text.as_bytes());
        let mut lines = LineCounter::new(&self.text);
        let mut record = StringRecord::new();
        loop {
            let at = reader.position().byte();
            match reader.read_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => {}
                Err(e) => {
                    let at = e.position().map_or(at, |p| p.byte());
                    return Err(DataError::line(
                        ErrorKind::Record,
                        file,
                        lines.line_at(at),
                        format!("is not a valid CSV record: {e}"),
                    ));
                }
            }
            // The reader reports where it started reading, before any blank
            // lines it skipped; the record starts after them.
            let line = lines.line_at(record.position().map_or(at, |p| p.byte()));
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.iter().any(|f| f.contains('\n')) {
                return Err(DataError::line(
                    ErrorKind::Record,
                    file,
                    line,
                    "has a quote (\") that is never closed, so the field runs on over the following lines",
                )
                .with_hint("remove the stray quote or close it on the same line"));
            }
            if !visit(line, &record)? {
                return Ok(());
            }
        }
    }

    /// The index of the column whose measure name matches one of `names`
    /// (see [`measure_name`]).
    pub fn find(&self, names: &[&str]) -> Result<Option<usize>, DataError> {
        let wanted: Vec<String> = names.iter().map(|n| measure_name(n)).collect();
        let mut hits = self
            .header
            .iter()
            .enumerate()
            .filter(|(_, h)| wanted.contains(&measure_name(h)));
        let first = hits.next();
        if let (Some((a, _)), Some((b, _))) = (first, hits.next()) {
            return Err(DataError::line(
                ErrorKind::MissingColumn,
                &self.file,
                1,
                format!(
                    "columns {} and {} both hold \"{}\"; keep only one",
                    a + 1,
                    b + 1,
                    names[0]
                ),
            ));
        }
        Ok(first.map(|(i, _)| i))
    }

    /// Like [`Table::find`], but a missing column is an error listing the columns found.
    pub fn require(&self, names: &[&str]) -> Result<usize, DataError> {
        self.find(names)?.ok_or_else(|| {
            let found: Vec<String> = self.header.iter().map(|h| format!("\"{h}\"")).collect();
            DataError::line(
                ErrorKind::MissingColumn,
                &self.file,
                1,
                format!(
                    "has no column \"{}\"; the columns are {}",
                    names[0],
                    found.join(", ")
                ),
            )
        })
    }

    /// The short column name used in messages: the measure after the last `": "`.
    pub fn column_name(&self, index: usize) -> &str {
        let h = &self.header[index];
        h.rsplit_once(": ").map_or(h.as_str(), |(_, m)| m)
    }

    /// A value error for field `index` of the record on `line`, with a hint
    /// to correct that cell (callers may give a more specific one).
    pub fn value_error(&self, line: u64, index: usize, value: &str, message: &str) -> DataError {
        DataError::value(
            ErrorKind::Value,
            &self.file,
            line,
            self.column_name(index),
            value.trim(),
            message,
        )
        .with_hint(format!(
            "correct the cell in column {} on line {line}, or export the extract again from jobindsats",
            index + 1
        ))
    }
}

/// Maps byte offsets of a text, asked in increasing order, to 1-based line numbers.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line of the first non-blank byte at or after `byte`.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut target = (byte as usize).min(self.text.len());
        while self.text.get(target) == Some(&b'\n') {
            target += 1;
        }
        if target < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += self.text[self.offset..target]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.offset = target;
        self.line
    }
}

fn check_width(
    file: &str,
    line: u64,
    record: &StringRecord,
    want: usize,
    delimiter: u8,
) -> Result<(), DataError> {
    let got = record.len();
    if got == want || (got > want && record.iter().skip(want).all(|f| f.trim().is_empty())) {
        return Ok(());
    }
    let err = DataError::line(
        ErrorKind::Record,
        file,
        line,
        format!(
            "has {got} field{}, but the header has {want}",
            if got == 1 { "" } else { "s" }
        ),
    );
    let other = if delimiter == b';' { ',' } else { ';' };
    let hint = if got < want && record.iter().any(|f| f.contains(other)) {
        format!(
            "this line seems to use '{other}' between fields, while the header uses '{}'",
            delimiter as char
        )
    } else {
        "every row needs one value per column; a line may be cut short or hold an extra delimiter"
            .to_string()
    };
    Err(err.with_hint(hint))
}

fn sniff_delimiter(line: &str) -> Option<u8> {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    [b';', b',', b'\t']
        .into_iter()
        .zip(counts)
        .find(|&(_, n)| n > 0)
        .map(|(d, _)| d)
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// The comparable form of a column label: the part after the last `": "`, in
/// lower case, without parentheses, full stops or repeated spaces. The API's
/// long label `…offentlig forsørgelse: Forventet andel (pct.)` and the short
/// `Forventet andel` both give `forventet andel`.
pub fn measure_name(label: &str) -> String {
    let label = label.rsplit_once(": ").map_or(label, |(_, m)| m);
    let mut out = String::with_capacity(label.len());
    let mut depth = 0u32;
    for c in label.chars().flat_map(char::to_lowercase) {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '.' => {}
            _ if depth > 0 => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

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

    #[test]
    fn measure_names_ignore_the_long_api_prefix() {
        assert_eq!(
            measure_name(
                "Forventet og faktisk andel fuldtidspersoner på offentlig forsørgelse: Forventet andel (pct.)"
            ),
            "forventet andel"
        );
        assert_eq!(measure_name("Forventet andel"), "forventet andel");
        assert_eq!(
            measure_name("Antal unikke personer seneste 3 mdr."),
            "antal unikke personer seneste 3 mdr"
        );
        assert_eq!(measure_name("  Område "), "område");
    }

    #[test]
    fn encodings() {
        let utf8 = "Område;Periode\nSorø;2020M08\n";
        assert_eq!(decode("f", utf8.as_bytes()).unwrap(), utf8);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(utf8.as_bytes());
        assert_eq!(decode("f", &bom).unwrap(), utf8);
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(utf8);
        assert_ne!(&*cp1252, utf8.as_bytes());
        assert_eq!(decode("f", &cp1252).unwrap(), utf8);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in utf8.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode("f", &utf16).unwrap(), utf8);
        let mut mixed = utf8.as_bytes().to_vec();
        mixed.extend_from_slice(b"S\xf8r\xf8;2020M09\n");
        let e = decode("f.csv", &mixed).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Encoding);
        assert!(e.message.contains("line 3"), "{e}");
        let e = decode("f.csv", b"\x00\x01\x02garbage").unwrap_err();
        assert!(e.message.contains("NUL byte on line 1"), "{e}");
    }

    fn read_all(text: &str) -> Result<usize, DataError> {
        Table::parse("f.csv", text)?.for_each_record(|_, _| Ok(()))
    }

    fn records(t: &Table) -> Vec<(u64, Vec<String>)> {
        let mut out = Vec::new();
        t.for_each_record(|line, r| {
            out.push((line, r.iter().map(String::from).collect()));
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn tables_with_either_delimiter_and_line_ends() {
        let t = Table::parse("f", "A;B\r\n1;\"2;3\"\r\n\r\n\r\n4;5\r\n6;7").unwrap();
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.header, ["A", "B"]);
        let rows = records(&t);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[0].1[1], "2;3");
        assert_eq!(rows[1].0, 5);
        assert_eq!(rows[2].0, 6);
        let t = Table::parse("f", "A,B\n\"9,10\",2\n").unwrap();
        assert_eq!(t.delimiter, b',');
        assert_eq!(records(&t)[0].1[0], "9,10");
        let t = Table::parse("f", "A;B;\n1;2;\n").unwrap();
        assert_eq!(t.header.len(), 2);
    }

    #[test]
    fn malformed_tables_name_the_line() {
        let e = read_all("A;B\n1;2\n3\n").unwrap_err();
        assert_eq!(e.to_string(), "f.csv:3: has 1 field, but the header has 2");
        let e = read_all("A;B\n1;2\n3,4\n").unwrap_err();
        assert!(e.hint.clone().unwrap().contains("seems to use ','"));
        let e = read_all("A;B\r\n1;2\r\n\r\n1;\"2\r\n3;4\r\n").unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("never closed"), "{e}");
        assert_eq!(
            read_all("").unwrap_err().to_string(),
            "f.csv: is empty: expected a header line and rows"
        );
        assert_eq!(
            read_all("A;B\n").unwrap_err().to_string(),
            "f.csv: has a header but no data rows"
        );
        let e = read_all("just one column\n1\n").unwrap_err();
        assert!(e.to_string().starts_with("f.csv:1: the header"), "{e}");
    }

    #[test]
    fn a_header_of_delimiters_only_is_refused() {
        // Found by the fuzzer: a file of just ";" used to panic.
        for text in [";", ";;;\n", "\"\";\"\"\n"] {
            let e = Table::parse("x.csv", text).unwrap_err();
            assert_eq!(e.kind, ErrorKind::Empty, "{text:?}");
            let m = e.to_string();
            assert!(
                m.starts_with("x.csv:1: the header") && m.ends_with("holds no column names"),
                "{m}"
            );
        }
    }
}
