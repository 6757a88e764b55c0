//! The `jobcenterindblik` binary: parses arguments, dispatches, reports errors.

use std::process::ExitCode;

use clap::Parser;
use jobcenterindblik::{DataError, cli::Cli, commands};

// Typst allocates many small, short-lived objects; glibc's allocator spent
// about 13 % of a batch (docs/performance.md). mimalloc is a drop-in. Its
// defaults keep memory: with transparent huge pages (off with the crate's
// `no_thp` feature) a batch's peak RSS was 190 MB, and without setting the
// purge delay below 135 MB, against 92 MB with both, for no measurable speed.
// (A delay of 0 cost twice the system time for no less memory.)
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v2, which libmimalloc-sys builds).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // SAFETY: mi_option_set only stores an option's value (here: return freed
    // memory to the system after 10 ms); it is safe to call at any time, and
    // the option exists in the mimalloc version built.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
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
    if let Some(hint) = err
        .downcast_ref::<DataError>()
        .and_then(|e| e.hint.as_deref())
    {
        eprintln!("hint: {hint}");
    }
}
