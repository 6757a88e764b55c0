//! The one error type for bad input data, carrying its position.
//!
//! Every rejection of an extract names the file and, where there is one, the
//! line, the column and the offending value, and says what was expected
//! (`fokusmaal-samtaler.csv:17: column "Antal personer": "12x" is not a count`).
//! A [`Hint`], when present, tells the user what to do about it. The library
//! says what is wrong in its own terms (a data folder, a report month); the
//! command line turns that into the option to change (`commands::hint`).
//!
//! Sits just above the domain model: it imports nothing else of the crate.

use std::fmt;

use crate::domain::period::Month;

/// What kind of problem a [`DataError`] reports, for callers that branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be opened or read.
    Io,
    /// The bytes are not text in an encoding we read.
    Encoding,
    /// The file has no header or no rows.
    Empty,
    /// A record is malformed (wrong number of fields, unbalanced quote).
    Record,
    /// A required column is missing.
    MissingColumn,
    /// A field does not hold the kind of value its column needs.
    Value,
    /// An area name that is neither a kommune nor a known aggregate.
    UnknownArea,
    /// The same key appears on two rows.
    Duplicate,
    /// Values that parse but contradict each other.
    Inconsistent,
    /// Data that a report needs is not in the extract.
    Missing,
    /// No report exists for the month asked for, whatever the data hold
    /// (a month before STAR's first Jobcenterindblik).
    NoReport,
}

/// A problem with the input data, with its position. The details live on the
/// heap so that a `Result<_, DataError>` stays small on the happy path; they
/// are read through `Deref` (`err.line`, `err.kind`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError(Box<Details>);

/// What a [`DataError`] says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    /// What kind of problem this is.
    pub kind: ErrorKind,
    /// The file, as the user named it.
    pub file: String,
    /// The 1-based line the problem is on (the header is line 1).
    pub line: Option<u64>,
    /// The column's measure name (`Antal personer`), as the header writes it after its last `: `.
    pub column: Option<String>,
    /// The offending value, as it stands in the file.
    pub value: Option<String>,
    /// What is wrong, phrased to follow the value: `is not a count`.
    pub message: String,
    /// What to do about it.
    pub hint: Option<Hint>,
}

/// What the user can do about a [`DataError`]. Only [`Hint::Text`] is final
/// wording; the other kinds are said differently by each front end (the
/// command line names its options).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// Advice that names no command-line option.
    Text(String),
    /// A file of the data folder is not there: the folder may be the wrong one.
    CheckDataFolder,
    /// The report month lies outside the months the extracts can support.
    ChooseMonth {
        /// The first month a report can be made for.
        first: Month,
        /// The last month a report can be made for.
        last: Month,
    },
    /// No benchmark period ended early enough: a later report month, or a
    /// benchmark period named explicitly.
    LaterMonthOrBenchmarkPeriod,
    /// A kommune lacks rows for months the report needs.
    AddRowsOrChooseMonth,
    /// The benchmark period named must have ended by this month.
    BenchmarkPeriodBy {
        /// The report month the period must have ended by.
        month: Month,
    },
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::Text(text) => f.write_str(text),
            Hint::CheckDataFolder => {
                f.write_str("check the data folder: it must hold the extracts")
            }
            Hint::ChooseMonth { first, last } => write!(
                f,
                "choose a report month from {} to {}",
                first.iso(),
                last.iso()
            ),
            Hint::LaterMonthOrBenchmarkPeriod => {
                f.write_str("choose a later report month, or name a benchmark period")
            }
            Hint::AddRowsOrChooseMonth => f.write_str(
                "add the missing rows (write \".\" for a discretized value), or choose a report month the data cover",
            ),
            Hint::BenchmarkPeriodBy { month } => write!(
                f,
                "name a benchmark period that ended by {}, or let the report choose one",
                month.iso()
            ),
        }
    }
}

impl DataError {
    /// A problem with the file as a whole.
    pub fn file(kind: ErrorKind, file: impl Into<String>, message: impl Into<String>) -> Self {
        DataError(Box::new(Details {
            kind,
            file: file.into(),
            line: None,
            column: None,
            value: None,
            message: message.into(),
            hint: None,
        }))
    }

    /// A problem with what was asked for rather than with a file: its
    /// message names no file.
    pub fn general(kind: ErrorKind, message: impl Into<String>) -> Self {
        DataError::file(kind, "", message)
    }

    /// A problem on one line.
    pub fn line(
        kind: ErrorKind,
        file: impl Into<String>,
        line: u64,
        message: impl Into<String>,
    ) -> Self {
        let mut e = DataError::file(kind, file, message);
        e.0.line = Some(line);
        e
    }

    /// A problem with one field's value.
    pub fn value(
        kind: ErrorKind,
        file: impl Into<String>,
        line: u64,
        column: impl Into<String>,
        value: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let mut e = DataError::line(kind, file, line, message);
        e.0.column = Some(column.into());
        e.0.value = Some(shorten(value.into()));
        e
    }

    /// Adds advice in words.
    pub fn with_hint(self, hint: impl Into<String>) -> Self {
        self.with(Hint::Text(hint.into()))
    }

    /// Adds a hint of a kind the front end words.
    pub fn with(mut self, hint: Hint) -> Self {
        self.0.hint = Some(hint);
        self
    }

    /// Changes the kind.
    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.0.kind = kind;
        self
    }
}

/// The longest value a message repeats in full, in characters.
const VALUE_SHOWN: usize = 60;

/// A value as a message shows it: whole if short, else its first
/// [`VALUE_SHOWN`] characters and how long it was, so that a 10 MB field
/// does not become a 10 MB message.
pub fn shorten(value: String) -> String {
    let length = value.chars().count();
    if length <= VALUE_SHOWN + 20 {
        return value;
    }
    let head: String = value.chars().take(VALUE_SHOWN).collect();
    format!("{head}… ({length} characters)")
}

impl std::ops::Deref for DataError {
    type Target = Details;

    fn deref(&self) -> &Details {
        &self.0
    }
}

impl DataError {
    /// The message with the file named by its name alone, not its folder:
    /// for text that must not depend on where the data lie (a report model
    /// made from the same data in another folder is the same model).
    pub fn by_file_name(&self) -> String {
        let mut shown = self.clone();
        shown.0.file = file_name_of(&self.file).to_string();
        shown.to_string()
    }
}

/// A file's name without its folder: `Y30R21.csv` of `data/Y30R21.csv`
/// (either kind of slash).
pub fn file_name_of(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            f.write_str(&self.file)?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            f.write_str(": ")?;
        }
        if let Some(column) = &self.column {
            write!(f, "column \"{column}\": ")?;
        }
        if let Some(value) = &self.value {
            write!(f, "\"{}\" ", value.escape_debug())?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for DataError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_file_line_column_and_value() {
        let e = DataError::value(
            ErrorKind::Value,
            "fokusmaal-samtaler.csv",
            17,
            "Antal personer",
            "12x",
            "is not a count",
        );
        assert_eq!(
            e.to_string(),
            "fokusmaal-samtaler.csv:17: column \"Antal personer\": \"12x\" is not a count"
        );
        let e = DataError::file(ErrorKind::Empty, "Y30R21.csv", "is empty");
        assert_eq!(e.to_string(), "Y30R21.csv: is empty");
        let e = DataError::general(ErrorKind::NoReport, "there is no report for 2019-11");
        assert_eq!(e.to_string(), "there is no report for 2019-11");
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = "x".repeat(10_000_000);
        let e = DataError::value(ErrorKind::Value, "f.csv", 2, "Område", long, "is wrong");
        assert_eq!(
            e.value.as_deref(),
            Some(format!("{}… (10000000 characters)", "x".repeat(60)).as_str())
        );
        assert!(e.to_string().len() < 200);
        let short = "y".repeat(80);
        let e = DataError::value(
            ErrorKind::Value,
            "f.csv",
            2,
            "Område",
            short.clone(),
            "is wrong",
        );
        assert_eq!(e.value.as_deref(), Some(short.as_str()));
    }
}
