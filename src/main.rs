//! The `jobcenterindblik` binary: parses arguments, dispatches, reports errors.

use std::process::ExitCode;

use jobcenterindblik::{cli::Cli, commands};

// The allocator and why: see `jobcenterindblik::alloc`.
#[global_allocator]
static GLOBAL: jobcenterindblik::alloc::Allocator = jobcenterindblik::alloc::Allocator;

fn main() -> ExitCode {
    jobcenterindblik::alloc::tune();
    jobcenterindblik::interrupt::install();
    let cli = Cli::parse_checked();
    let failure = ExitCode::from(cli.command.failure_code());
    match commands::dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            print_error(&err);
            // A mistake in the command line found only once the template
            // was read (an --udgiver its fonts cannot show): exit 2, as clap's.
            if err.is::<commands::UsageError>() {
                ExitCode::from(2)
            } else {
                failure
            }
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
