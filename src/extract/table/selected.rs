//! Reading only some records of a table, quickly: [`Table::for_each_selected`].

use csv::StringRecord;

use super::{Table, check_width, no_rows};
use crate::error::DataError;

impl Table {
    /// Like [`Table::for_each_record`], but only the records that `select`
    /// takes, by a look at their fields, are checked further and visited.
    /// Where the text has no quote, a line is a record, and a record not
    /// taken costs a look at the fields `select` reads, a small part of
    /// what the CSV reader spends on it. Returns how many data records there
    /// were, taken or not.
    pub fn for_each_selected(
        &self,
        mut select: impl FnMut(u64, &Fields<'_>) -> Result<bool, DataError>,
        mut visit: impl FnMut(u64, &StringRecord) -> Result<(), DataError>,
    ) -> Result<usize, DataError> {
        if self.text.as_bytes().contains(&b'"') {
            return self.for_each_record(|line, rec| {
                if select(line, &Fields::Record(rec))? {
                    visit(line, rec)?;
                }
                Ok(())
            });
        }
        let delimiter = char::from(self.delimiter);
        let mut count = 0;
        for (line, text) in (1..).zip(lines(&self.text)).skip(self.header_line as usize) {
            let fields = Fields::Line(text, self.delimiter);
            // A line of blanks and delimiters is no record (as the CSV reader
            // has it); a line that begins with neither is none of those.
            let plain = text
                .as_bytes()
                .first()
                .is_some_and(|&b| b != self.delimiter && !b.is_ascii_whitespace() && b.is_ascii());
            if !plain && text.split(delimiter).all(|f| f.trim().is_empty()) {
                continue;
            }
            count += 1;
            // Every record is checked for its width, taken or not, as the
            // CSV reader's records are.
            let width = memchr::memchr_iter(self.delimiter, text.as_bytes()).count() + 1;
            if width != self.header.len() {
                let fields = text.split(delimiter);
                check_width(&self.file, line, fields, self.header.len(), self.delimiter)?;
            }
            if select(line, &fields)? {
                visit(
                    line,
                    &StringRecord::from(text.split(delimiter).collect::<Vec<_>>()),
                )?;
            }
        }
        if count == 0 {
            return Err(no_rows(&self.file));
        }
        Ok(count)
    }
}

/// The fields of a record as [`Table::for_each_selected`] shows them to
/// its `select`: a line of a quote-free text, split only as far as a field
/// is asked for, or a record the CSV reader read.
pub enum Fields<'a> {
    /// A line and its delimiter.
    Line(&'a str, u8),
    /// A record.
    Record(&'a StringRecord),
}

impl Fields<'_> {
    /// The whole line, where the record is one.
    pub fn line(&self) -> Option<&str> {
        match self {
            Fields::Line(text, _) => Some(text),
            Fields::Record(_) => None,
        }
    }

    /// Field `i`, or `""` if the record has fewer.
    pub fn get(&self, i: usize) -> &str {
        match self {
            Fields::Line(text, delimiter) => {
                // Fields are short: a plain loop finds a delimiter sooner
                // than a call into a vectorised search.
                let bytes = text.as_bytes();
                let next = |from: usize| {
                    bytes[from..]
                        .iter()
                        .position(|b| b == delimiter)
                        .map(|at| from + at)
                };
                let mut start = 0;
                for _ in 0..i {
                    match next(start) {
                        Some(at) => start = at + 1,
                        None => return "",
                    }
                }
                // The delimiter is ASCII, so both ends lie between characters.
                &text[start..next(start).unwrap_or(bytes.len())]
            }
            Fields::Record(rec) => rec.get(i).unwrap_or(""),
        }
    }
}

/// The lines of a text, without their `\n` or `\r\n`.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    ends.map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line.strip_suffix('\r').unwrap_or(line)
    })
}
