//! What one option says of another, and what a value must be beyond its
//! type, checked after clap has parsed the command line and before any
//! file is read: a mistake here is the command line's (exit code 2).

use super::Command;
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
        }
    }

    /// What one option says of another, checked before any file is read:
    /// a benchmark period that ends after the report month (or outside
    /// the year of `tilsyn`).
    pub fn check(&self) -> Result<(), String> {
        match self {
            Command::Report(a) => check_benchmark_by(a.resultatperiode, a.periode, "report month"),
            Command::Batch(a) => {
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
            Command::Kommuner(_) | Command::Validate(_) | Command::Diff(_) => Ok(()),
        }
    }
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
