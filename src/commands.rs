//! The subcommands, one module each; [`dispatch`] runs the one the user chose.

pub mod batch;
pub mod diff;
pub mod kommuner;
pub mod report;
pub mod validate;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Runs a parsed command line; the exit code is the command's own verdict
/// when it has one (`diff`: 1 when the files differ).
pub fn dispatch(cli: Cli) -> Result<ExitCode> {
    let done = |r: Result<()>| r.map(|()| ExitCode::SUCCESS);
    match cli.command {
        Command::Report(args) => done(report::run(&args)),
        Command::Batch(args) => done(batch::run(&args)),
        Command::Kommuner(args) => done(kommuner::run(&args)),
        Command::Validate(args) => done(validate::run(&args)),
        Command::Diff(args) => diff::run(&args),
    }
}
