//! `jobcenterindblik batch`: every kommune's report for a month, or for each
//! month of a run of months (`--periode 2021-01..2021-12`).
//!
//! The extracts are read once; fonts, library and parsed template are built
//! once; then month by month the measures and the overview are computed and
//! the reports made by worker threads ([`workers`]), so that one month's
//! reports are held at a time. The statuses of the months before each month
//! (table 1.6's history) are computed once for the whole run. A kommune or
//! a month that fails is reported and skipped; the others are written; the
//! exit code says whether all were.

mod summary;
mod workers;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{BatchArgs, Format};
use crate::commands::{self, setup};
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::extract::dataset::Dataset;
use crate::measures::Landsbillede;
use crate::measures::history::Statusarkiv;
use crate::model::Oversigt;
use crate::pdf::Renderer;
use crate::pdf::render::Dokument;
use summary::StatusRow;
pub use workers::{MonthWork, Workers, produce, with_workers};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Where the files go (PDF when the workers have a renderer, else JSON).
    pub out_dir: PathBuf,
    /// The PDFs' date and publisher.
    pub dokument: Dokument,
}

/// What happened to one kommune.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The kommune.
    pub kommune: &'static Kommune,
    /// The file written, or why none was.
    pub result: Result<PathBuf, String>,
    /// Time spent laying out (PDF only).
    pub compile: Duration,
    /// Time spent writing the PDF (PDF only).
    pub export: Duration,
}

/// What the run shares across its months.
struct Run<'a> {
    args: &'a BatchArgs,
    data: &'a Dataset,
    renderer: Option<&'a Renderer>,
    archive: Statusarkiv,
    progress: ProgressBar,
}

/// What became of one month.
struct MonthDone {
    month: Month,
    /// The month's outcomes, or why no report could be made for it.
    outcomes: Result<Vec<Outcome>, String>,
    /// Its lines of the status files.
    rows: Vec<StatusRow>,
}

/// Runs the batch from the command line.
pub fn run(args: &BatchArgs) -> Result<()> {
    let start = Instant::now();
    let renderer = setup::renderer(args.format, &args.template)?;
    let data = setup::load_data(&args.data)?;
    let months = args.periode;
    // Every month's date is checked before the first is made: a bad
    // SOURCE_DATE_EPOCH is the run's error, not each month's.
    let dokumente = months
        .months()
        .map(|m| setup::dokument(m, &args.udgiver))
        .collect::<Result<Vec<Dokument>>>()?;
    let out_dir = args
        .out_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("jobcenterindblik-{}", months.iso())));
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    if months.len() > 1 {
        // The combined status files of an earlier run go first, as each
        // month's own do: a run that stops half-way leaves none behind that
        // would pass for this one's.
        remove_status_files(&out_dir);
    }
    let run = Run {
        args,
        data: &data,
        renderer: renderer.as_ref(),
        archive: Statusarkiv::default(),
        progress: progress_bar(Kommune::all().len() * months.len() as usize),
    };
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let done = with_workers(jobs, run.renderer, |workers| -> Result<Vec<MonthDone>> {
        months
            .months()
            .zip(dokumente)
            .map(|(month, dokument)| {
                let dir = if months.len() > 1 {
                    out_dir.join(month.iso())
                } else {
                    out_dir.clone()
                };
                one_month(&run, workers, month, dokument, &dir)
            })
            .collect()
    })??;
    run.progress.finish_and_clear();
    if months.len() > 1 {
        let rows: Vec<StatusRow> = done.iter().flat_map(|d| d.rows.clone()).collect();
        summary::write_status_files(&rows, &out_dir)?;
    }
    report_run(&done, &out_dir, args.format, start)
}

/// Makes one month's reports, overview and status files in `dir`. A month
/// the data cannot support is a failed month in a run of months and the
/// error of a single one; any other error (a file that cannot be written)
/// stops the run.
fn one_month<'d>(
    run: &Run<'d>,
    workers: &Workers<'d>,
    month: Month,
    dokument: Dokument,
    dir: &Path,
) -> Result<MonthDone> {
    // The month's summary files from an earlier run go first, so that a run
    // that stops half-way leaves none that pass for this one's.
    let mut removed = remove_month_files(dir, month);
    let land =
        match Landsbillede::with_archive(run.data, month, run.args.resultatperiode, &run.archive) {
            Ok(land) => land,
            Err(e) => {
                for k in Kommune::all() {
                    removed |= workers::remove_stale(dir, k, month);
                }
                if run.args.periode.len() == 1 {
                    if removed {
                        eprintln!(
                            "note: the files of an earlier run for {} in {} were removed",
                            month.iso(),
                            dir.display()
                        );
                    }
                    return Err(e.into());
                }
                return Ok(failed_month(
                    month,
                    &commands::message(&anyhow::Error::from(e)),
                    removed,
                ));
            }
        };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let work = Arc::new(MonthWork {
        oversigt: Oversigt::build(&land),
        land,
        options: BatchOptions {
            out_dir: dir.to_path_buf(),
            dokument,
        },
    });
    let outcomes = workers.month(Arc::clone(&work), &|o: &Outcome| {
        run.progress
            .set_message(format!("{} {}", month.iso(), o.kommune.navn));
        run.progress.inc(1);
    });
    summary::write_overview(&work.oversigt, run.renderer, &work.options)?;
    // What Typst cached for one month is of no use to the next (measured:
    // a 3-month run peaked 10 % above one month without this, 4 % with it).
    if let Some(r) = run.renderer {
        r.forget();
    }
    let rows = summary::status_rows(&work.oversigt, &outcomes);
    summary::write_status_files(&rows, dir)?;
    Ok(MonthDone {
        month,
        rows: summary::in_month(rows, month),
        outcomes: Ok(outcomes),
    })
}

/// Removes the overview and status files of `month` that an earlier run
/// left in `dir`; whether there were any.
fn remove_month_files(dir: &Path, month: Month) -> bool {
    let oversigt = ["pdf", "json"]
        .map(|e| format!("Oversigt-{}.{e}", month.iso()))
        .into_iter()
        .filter(|name| std::fs::remove_file(dir.join(name)).is_ok())
        .count();
    remove_status_files(dir) | (oversigt > 0)
}

/// Removes `status.csv` and `status.json` from `dir`; whether there were any.
fn remove_status_files(dir: &Path) -> bool {
    ["status.csv", "status.json"]
        .into_iter()
        .filter(|name| std::fs::remove_file(dir.join(name)).is_ok())
        .count()
        > 0
}

/// A month no report can be made for, with its reason; `removed` tells
/// whether its files from an earlier run were removed, so that none passes
/// for a current one.
fn failed_month(month: Month, reason: &str, removed: bool) -> MonthDone {
    let reason = if removed {
        format!("{reason}; the files of an earlier run for the month were removed")
    } else {
        reason.to_string()
    };
    MonthDone {
        month,
        rows: summary::failed_month_rows(month, &reason),
        outcomes: Err(reason),
    }
}

/// A progress bar on a terminal; nothing when standard error is a file or pipe.
fn progress_bar(len: usize) -> ProgressBar {
    if std::io::stderr().is_terminal() {
        ProgressBar::new(len as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .expect("a valid progress template"),
        )
    } else {
        ProgressBar::hidden()
    }
}

/// Says what the run wrote, lists what failed (each reason once, with the
/// kommuner or months it stopped), and fails if anything did.
fn report_run(done: &[MonthDone], out_dir: &Path, format: Format, start: Instant) -> Result<()> {
    let outcomes: Vec<&Outcome> = done
        .iter()
        .filter_map(|d| d.outcomes.as_ref().ok())
        .flatten()
        .collect();
    let failed: Vec<&Outcome> = outcomes
        .iter()
        .copied()
        .filter(|o| o.result.is_err())
        .collect();
    let failed_months: Vec<&MonthDone> = done.iter().filter(|d| d.outcomes.is_err()).collect();
    let what = match done {
        [one] => format!(
            "the overview (Oversigt-{}.{}) and status.csv/status.json",
            one.month.iso(),
            match format {
                Format::Pdf => "pdf",
                Format::Json => "json",
            }
        ),
        _ => format!("the overviews and status files of {} months", done.len()),
    };
    eprintln!(
        "wrote {} of {} reports, {what} to {}; {} failed; {:.2} s",
        outcomes.len() - failed.len(),
        outcomes.len(),
        out_dir.display(),
        failed.len(),
        start.elapsed().as_secs_f64()
    );
    for d in &failed_months {
        eprintln!(
            "failed: {}: {}",
            d.month.iso(),
            d.outcomes.as_ref().unwrap_err()
        );
    }
    list_failures(&failed);
    if !failed_months.is_empty() {
        bail!(
            "{} of {} months could not be made",
            failed_months.len(),
            done.len()
        );
    }
    if !failed.is_empty() {
        let names: Vec<&str> = failed.iter().map(|o| o.kommune.navn).collect();
        bail!(
            "{} of {} reports failed: {}",
            failed.len(),
            outcomes.len(),
            name_list(&names)
        );
    }
    Ok(())
}

/// Lists the kommuner that failed, each reason once with the kommuner it
/// stopped: a broken template stops all 98 for the same reason.
fn list_failures(failed: &[&Outcome]) {
    let mut reasons: Vec<(&str, Vec<&str>)> = Vec::new();
    for o in failed {
        let reason = o.result.as_ref().unwrap_err().as_str();
        match reasons.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, names)) => names.push(o.kommune.navn),
            None => reasons.push((reason, vec![o.kommune.navn])),
        }
    }
    for (reason, names) in &reasons {
        eprintln!("failed: {}: {reason}", name_list(names));
    }
}

/// Kommune names for a message; past ten, how many more.
fn name_list(names: &[&str]) -> String {
    match names.len() {
        0..=10 => names.join(", "),
        n => format!("{} and {} more", names[..10].join(", "), n - 10),
    }
}
