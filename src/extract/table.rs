//! A CSV file as a [`Table`] of text fields with line numbers.
//!
//! jobindsats and Excel produce `;`- or `,`-separated files with CRLF or LF
//! line ends, quoted fields, blank lines and trailing delimiters. This module
//! finds the delimiter and the header, visits the records with the line each
//! is on, and finds columns by their measure name. It knows nothing of what
//! the columns mean; the readers do.

mod selected;

use csv::StringRecord;

pub use selected::Fields;

use crate::domain::label;
use crate::error::{DataError, ErrorKind, shorten};

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
    /// The line the header is on.
    header_line: u64,
    /// The text, its lines ending in `\n` or `\r\n`.
    text: String,
}

impl Table {
    /// Reads the header of decoded text. The delimiter is `;` if the header
    /// line holds one, else `,`, else a tab.
    pub fn parse(file: &str, text: impl Into<String>) -> Result<Table, DataError> {
        let mut text: String = text.into();
        if text.starts_with('\u{FEFF}') {
            text.replace_range(..'\u{FEFF}'.len_utf8(), "");
        }
        // Lines end in \n (after a \r or not), so that byte offsets map to
        // line numbers; only a file with lone \r line ends (old Macs) is
        // rewritten.
        if has_lone_cr(text.as_bytes()) {
            text = text.replace("\r\n", "\n").replace('\r', "\n");
        }
        let (header_line, first_line) = text
            .lines()
            .zip(1..)
            .find(|(l, _)| !l.trim().is_empty())
            .map(|(l, n)| (n, l))
            .ok_or_else(|| {
                DataError::file(
                ErrorKind::Empty,
                file,
                "is empty: expected a header line and rows",
            )
            .with_hint(
                "export the extract again; it must start with the header line (Område;Periode;…)",
            )
            })?;
        let shown = shorten(first_line.to_string());
        let delimiter = sniff_delimiter(first_line).ok_or_else(|| {
            DataError::line(
                ErrorKind::Record,
                file,
                header_line,
                format!("the header \"{shown}\" has no ';' or ',' between column names"),
            )
            .with_hint("jobindsats extracts separate fields with ';' (or ',')")
        })?;
        let mut table = Table {
            file: file.to_string(),
            header: Vec::new(),
            delimiter,
            header_line,
            text,
        };
        let mut header = None;
        table.scan(&mut |line, record| {
            let mut names: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
            while names.last().is_some_and(String::is_empty) {
                names.pop();
            }
            header = Some((line, names));
            Ok(false)
        })?;
        // A line of delimiters only (`;;;`) is a blank record, which the
        // scan skips: the header is the first record after it, on its own
        // line; a file of such lines has no header at all.
        let (line, header) = header.filter(|(_, h)| !h.is_empty()).unzip();
        table.header_line = line.unwrap_or(header_line);
        table.header = header.ok_or_else(|| {
            DataError::line(
                ErrorKind::Empty,
                file,
                header_line,
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
            check_width(
                &self.file,
                line,
                record.iter(),
                self.header.len(),
                self.delimiter,
            )?;
            visit(line, record)?;
            count += 1;
            Ok(true)
        })?;
        if count == 0 {
            return Err(no_rows(&self.file));
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
    /// (see [`label::key`]).
    pub fn find(&self, names: &[&str]) -> Result<Option<usize>, DataError> {
        let wanted: Vec<String> = names.iter().map(|n| label::key(n)).collect();
        let mut hits = self
            .header
            .iter()
            .enumerate()
            .filter(|(_, h)| wanted.contains(&label::key(h)));
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
        while matches!(self.text.get(target), Some(b'\n' | b'\r')) {
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

/// The error of a table with a header and nothing else.
fn no_rows(file: &str) -> DataError {
    DataError::file(ErrorKind::Empty, file, "has a header but no data rows")
        .with_hint("the export stopped after the header; export the extract again")
}

/// Whether a text has a carriage return that no line feed follows.
fn has_lone_cr(text: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', text).any(|i| text.get(i + 1) != Some(&b'\n'))
}

fn check_width<'f>(
    file: &str,
    line: u64,
    record: impl Iterator<Item = &'f str> + Clone,
    want: usize,
    delimiter: u8,
) -> Result<(), DataError> {
    let got = record.clone().count();
    if got == want || (got > want && record.clone().skip(want).all(|f| f.trim().is_empty())) {
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
    let hint = if got < want && record.clone().any(|f| f.contains(other)) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(
            e.hint
                .clone()
                .unwrap()
                .to_string()
                .contains("seems to use ','")
        );
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

    #[test]
    fn a_header_after_blank_lines_is_named_by_its_own_line() {
        let e = Table::parse("x.csv", "\n  \n;;;\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = Table::parse("x.csv", "\r\n\r\nOmråde Periode\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(
            e.to_string()
                .starts_with("x.csv:3: the header \"Område Periode\"")
        );
    }
}
