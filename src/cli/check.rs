//! What one option says of another, and what a value must be beyond its
//! type, checked after clap has parsed the command line and before any
//! file is read: a mistake here is the command line's (exit code 2).

use super::{Command, UdgiverArgs};
use crate::domain::period::{BenchmarkPeriod, Month};

impl Command {
    /// The subcommand's name, as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Report(_) => "report",
            Command::Batch(_) => "batch",
            Command::Kommuner(_) => "kommuner",
            Command::Validate(_) => "validate",
            Command::Tilsyn(_) => "tilsyn",
            Command::Diff(_) => "diff",
            Command::Worker(_) => "render-worker",
        }
    }

    /// What one option says of another, checked before any file is read:
    /// a benchmark period that ends after the report month (or outside
    /// the year of `tilsyn`), and a publisher's name that cannot stand in a
    /// report (control characters, absurd length).
    pub fn check(&self) -> Result<(), String> {
        match self {
            Command::Report(a) => {
                a.udgiver.check()?;
                check_benchmark_by(a.resultatperiode, a.periode, "report month")
            }
            Command::Batch(a) => {
                a.udgiver.check()?;
                let what = if a.periode.len() > 1 {
                    "first report month"
                } else {
                    "report month"
                };
                check_benchmark_by(a.resultatperiode, a.periode.first, what)
            }
            Command::Tilsyn(a) => match a.resultatperiode {
                Some(p) if p.last_month().year() != a.aar => Err(format!(
                    "--resultatperiode {} ({}) does not end in {aar}: the determination of --aar {aar} uses a benchmark period that ends in the year ({aar}QMAT01 to {aar}QMAT04); name one of those, or leave --resultatperiode out",
                    p.code(),
                    p.window().iso(),
                    aar = a.aar
                )),
                _ => Ok(()),
            },
            Command::Kommuner(_) | Command::Validate(_) | Command::Diff(_) | Command::Worker(_) => {
                Ok(())
            }
        }
    }
}

/// The most characters `--udgiver` may have: a publisher's name stands in
/// the running header of every page and on the title page.
pub const MAX_UDGIVER_CHARS: usize = 200;

impl UdgiverArgs {
    /// The publisher's name, trimmed by the parser; `None` if none (or only
    /// blanks) was given.
    pub fn name(&self) -> Option<&str> {
        self.udgiver.as_deref().filter(|u| !u.is_empty())
    }

    /// The publisher's name must fit a line of the report: no control
    /// characters (a line break would run off the header and into the
    /// PDF's author), no line or paragraph separators or direction
    /// overrides, and at most [`MAX_UDGIVER_CHARS`] characters.
    pub fn check(&self) -> Result<(), String> {
        let Some(text) = self.name() else {
            return Ok(());
        };
        let n = text.chars().count();
        if n > MAX_UDGIVER_CHARS {
            return Err(format!(
                "--udgiver is {n} characters long; a publisher's name may have at most {MAX_UDGIVER_CHARS} (it stands in the header of every page)"
            ));
        }
        if let Some(c) = text.chars().find(|c| not_in_a_name(*c)) {
            let what = match c {
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => "a line break",
                '\t' => "a tab",
                c if c.is_control() => "a control character",
                _ => "a character that turns the direction of text",
            };
            return Err(format!(
                "--udgiver holds {what} (U+{:04X}); write the publisher's name on one line, as it should print",
                u32::from(c)
            ));
        }
        Ok(())
    }
}

/// Whether a character has no place in a name on one line: a control
/// character, a line or paragraph separator, or a bidirectional embedding,
/// override or isolate (which would turn the rest of the header around).
fn not_in_a_name(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// A benchmark period must have ended by the report month.
fn check_benchmark_by(
    period: Option<BenchmarkPeriod>,
    month: Month,
    what: &str,
) -> Result<(), String> {
    match period {
        Some(p) if p.last_month() > month => Err(format!(
            "--resultatperiode {} ({}) ends after the {what}, {}: a report can only use a benchmark period that had ended; name one that ended by {}, or leave --resultatperiode out",
            p.code(),
            p.window().iso(),
            month.iso(),
            month.iso()
        )),
        _ => Ok(()),
    }
}
