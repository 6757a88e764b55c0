//! The `jobcenterindblik` binary: parses arguments, dispatches, reports errors.

use std::process::ExitCode;

use clap::Parser;
use jobcenterindblik::{cli::Cli, commands};

// The allocator and why: see `jobcenterindblik::alloc`.
#[global_allocator]
static GLOBAL: jobcenterindblik::alloc::Allocator = jobcenterindblik::alloc::Allocator;

fn main() -> ExitCode {
    jobcenterindblik::alloc::tune();
    jobcenterindblik::interrupt::install();
    let cli = Cli::parse();
    let failure = ExitCode::from(cli.command.failure_code());
    match commands::dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            print_error(&err);
            failure
        }
    }
}

/// Prints `error: …`, its causes, and a `hint: …` where the error carries one.
fn print_error(err: &anyhow::Error) {
    eprintln!("error: {err}");
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
    if let Some(hint) = commands::hint(err) {
        eprintln!("hint: {hint}");
    }
}
