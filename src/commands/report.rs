//! `jobcenterindblik report`: one kommune's report for one month.

use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::Duration;

use anyhow::Result;

use super::setup;
use crate::cli::ReportArgs;
use crate::measures::Landsbillede;
use crate::measures::windows::udvalg_for_report;
use crate::model::{Oversigt, ReportModel};

/// Reads the data, builds the report model and writes it as PDF or JSON.
pub fn run(args: &ReportArgs) -> Result<()> {
    let renderer = setup::renderer(args.format, &args.template)?;
    if let Some(r) = &renderer {
        setup::check_udgiver(r, &args.udgiver)?;
        setup::start_thread_pool();
    }
    let dokument = setup::dokument(args.periode, &args.udgiver)?;
    let data = setup::load_data_for(&args.data, udvalg_for_report(args.kommune, args.periode))?;
    let land = Landsbillede::new(&data, args.periode, args.resultatperiode)?;
    let model = ReportModel::build(&land, args.kommune)?;
    let Some(renderer) = renderer else {
        return setup::write_output(args.output.as_deref(), None, &setup::to_json(&model)?);
    };
    let pdf = {
        // The limit is on laying out and exporting: writing into a FIFO
        // may wait for its reader as long as it likes.
        let _watchdog = watchdog(
            args.timeout.limit(),
            format!(
                "the report for {} took longer than {} s (--timeout) and was stopped; look in the template for a loop that never ends",
                args.kommune.navn, args.timeout.timeout
            ),
        );
        renderer.render(&model, &Oversigt::build(&land), &dokument)?
    };
    let default = PathBuf::from(setup::file_name(args.kommune, args.periode, "pdf"));
    setup::write_output(args.output.as_deref(), Some(default), &pdf)
}

/// Ends the process with `message` and exit code 1 if it is still running
/// after `limit`, unless the returned sender is dropped first. Without a
/// thread to watch (the system refused one), there is no limit.
fn watchdog(limit: Duration, message: String) -> Option<Sender<()>> {
    let (done, wait) = channel::<()>();
    std::thread::Builder::new()
        .name("jobcenterindblik-watchdog".into())
        .spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = wait.recv_timeout(limit) {
                eprintln!("error: {message}");
                crate::interrupt::undo_and_exit(1);
            }
        })
        .ok()
        .map(|_| done)
}
