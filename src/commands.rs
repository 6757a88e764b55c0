//! The subcommands, one module each; [`dispatch`] runs the one the user
//! chose, and [`hint`] says what to do about an error in the command line's
//! own words.

pub mod batch;
pub mod diff;
pub mod kommuner;
pub mod report;
pub mod setup;
pub mod tilsyn;
pub mod validate;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::error::{DataError, Hint};
use crate::pdf::RenderError;

/// A mistake in the command line found only after parsing, once the
/// template was read (an `--udgiver` its fonts cannot show): the binary
/// exits with code 2 for it, as for clap's own errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Runs a parsed command line; the exit code is the command's own verdict
/// when it has one (`diff`: 1 when the files differ).
pub fn dispatch(cli: Cli) -> Result<ExitCode> {
    let done = |r: Result<()>| r.map(|()| ExitCode::SUCCESS);
    match cli.command {
        Command::Report(args) => {
            setup::warn_unused(args.format, &args.udgiver, &args.template);
            done(report::run(&args))
        }
        Command::Batch(args) => {
            setup::warn_unused(args.format, &args.udgiver, &args.template);
            done(batch::run(&args))
        }
        Command::Kommuner(args) => done(kommuner::run(&args)),
        Command::Validate(args) => done(validate::run(&args)),
        Command::Tilsyn(args) => done(tilsyn::run(&args)),
        Command::Diff(args) => diff::run(&args),
        Command::Worker(args) => done(batch::worker::run(&args)),
    }
}

/// An error as one line of a batch's summary and status files: its causes
/// and, where it carries one, its hint.
pub fn message(err: &anyhow::Error) -> String {
    match hint(err) {
        Some(hint) => format!("{err:#}; hint: {hint}"),
        None => format!("{err:#}"),
    }
}

/// An error that says what to do about it, in the command line's words:
/// printed as `error: {message}` and `hint: {hint}` ([`hint`] finds it).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Advice {
    /// What went wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

/// An [`Advice`] as an error.
pub fn advice(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    Advice {
        message: message.into(),
        hint: hint.into(),
    }
    .into()
}

/// What to do about an error, naming the options to change; `None` when
/// no error of its chain carries a hint. The one place hints are worded:
/// the library's ([`Hint`]) and the template's ([`RenderError`]) in the
/// command line's terms, the commands' own ([`Advice`]) as they are.
pub fn hint(err: &anyhow::Error) -> Option<String> {
    err.chain().find_map(|e| {
        if let Some(d) = e.downcast_ref::<DataError>() {
            return d.hint.as_ref().map(data_hint);
        }
        if let Some(a) = e.downcast_ref::<Advice>() {
            return Some(a.hint.clone());
        }
        e.downcast_ref::<RenderError>().and_then(render_hint)
    })
}

/// What to do about a template that cannot be used.
fn render_hint(e: &RenderError) -> Option<String> {
    match e {
        RenderError::NoMainFile { .. } => Some(
            "give --template a folder that holds main.typ (a copy of report-templates/), or leave --template out to use the built-in template".into(),
        ),
        RenderError::MissingEntry { .. } => Some(
            "the template folder lacks a file the built-in template has: copy it from report-templates/".into(),
        ),
        _ => None,
    }
}

/// A data error's hint in the command line's words.
fn data_hint(hint: &Hint) -> String {
    match hint {
        Hint::Text(text) => text.clone(),
        Hint::CheckDataFolder => {
            "check --data: it must name the folder that holds the extracts".into()
        }
        Hint::ChooseMonth { first, last } => {
            format!("choose a --periode from {} to {}", first.iso(), last.iso())
        }
        Hint::LaterMonthOrBenchmarkPeriod => {
            "choose a later --periode, or name a period with --resultatperiode".into()
        }
        Hint::AddRowsOrChooseMonth => "add the missing rows (write \".\" for a discretized value), or choose a --periode the data covers".into(),
        Hint::BenchmarkPeriodBy { month } => format!(
            "name a --resultatperiode that ended by {}, or leave --resultatperiode out",
            month.iso()
        ),
    }
}
