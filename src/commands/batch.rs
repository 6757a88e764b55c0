//! `jobcenterindblik batch`: every kommune's report for a month, or for each
//! month of a run of months (`--periode 2021-01..2021-12`).
//!
//! This process reads the extracts once and, month by month, computes the
//! measures, the overview and every report model; worker processes of this
//! same program lay out and write the PDFs ([`pool`], [`worker`]), each
//! keeping its own Typst caches. The statuses of the months before each
//! month (table 1.6's history) are computed once for the whole run.
//!
//! Nothing an earlier run wrote is touched until the run's first report has
//! been written: a run that fails for a reason common to all reports (the
//! template, the folder) leaves the folder as it was. After that, a kommune
//! or a month that fails is reported and skipped, the others are written,
//! and the exit code says whether all were. The folder is locked against a
//! second batch for as long as the run lasts.

mod documents;
mod folder;
mod pool;
mod process;
mod summary;
mod wire;
pub mod worker;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{BatchArgs, Format};
use crate::commands::{self, setup};
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::extract::dataset::Dataset;
use crate::measures::Landsbillede;
use crate::measures::history::Statusarkiv;
use crate::model::{Oversigt, ReportModel};
use crate::pdf::render::Dokument;
use pool::Pool;
use summary::StatusRow;

/// What happened to one kommune.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Whose report it is.
    pub kommune: &'static Kommune,
    /// The file written, or why none was.
    pub result: Result<PathBuf, String>,
    /// Whether that reason would strike every report (the template, the
    /// folder), rather than this one's own.
    pub common: bool,
}

/// What the run shares across its months.
struct Run<'a> {
    args: &'a BatchArgs,
    data: &'a Dataset,
    /// The worker processes, for PDF; none for JSON.
    pool: Option<Pool>,
    archive: Statusarkiv,
    progress: ProgressBar,
    /// Whether a document of this run has been written yet: until one has,
    /// nothing of an earlier run is touched.
    written: bool,
    /// The folder the run writes to.
    root: PathBuf,
}

impl Run<'_> {
    /// The run has written its first document (or has none to write for
    /// its first month): from now on, what an earlier run left may go. The
    /// combined status files of a run of months go at once, so that a run
    /// that stops half-way leaves none that would pass for this one's.
    fn begin_writing(&mut self) {
        if !self.written {
            self.written = true;
            if self.args.periode.len() > 1 {
                folder::remove_status_files(&self.root);
            }
        }
    }
}

/// What became of one month.
struct MonthDone {
    month: Month,
    /// The month's outcomes, or why no report could be made for it.
    outcomes: Result<Vec<Outcome>, String>,
    /// Why the month's overview (`Oversigt-…`) was not written, if it was not.
    overview: Option<String>,
    /// Its lines of the status files.
    rows: Vec<StatusRow>,
}

/// Runs the batch from the command line.
pub fn run(args: &BatchArgs) -> Result<()> {
    let start = Instant::now();
    let template = match args.format {
        Format::Pdf => Some(setup::template(&args.template)?),
        Format::Json => None,
    };
    // What would fail every report fails the run before anything is read or written.
    if let Some(t) = template.as_ref().filter(|_| args.udgiver.name().is_some()) {
        setup::check_udgiver(&crate::pdf::Renderer::new(t)?, &args.udgiver)?;
    }
    let months = args.periode;
    let out_dir = args
        .out_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("jobcenterindblik-{}", months.iso())));
    // The workers start while the extracts are read.
    let pool = template.map(|t| {
        let mut pool = Pool::new(pool_settings(args, t, &out_dir));
        pool.start();
        pool
    });
    let data = setup::load_data(&args.data)?;
    // Every month's date is checked before the first is made: a bad
    // SOURCE_DATE_EPOCH is the run's error, not each month's.
    let dokumente = months
        .months()
        .map(|m| setup::dokument(m, &args.udgiver))
        .collect::<Result<Vec<Dokument>>>()?;
    let made_dir = !out_dir.exists();
    let lock = folder::lock(&out_dir)?;
    folder::remove_stale_temporaries(&out_dir);
    if months.len() > 1 {
        folder::note_other_months(&out_dir, months);
    }
    let mut run = Run {
        args,
        data: &data,
        pool,
        archive: Statusarkiv::default(),
        progress: progress_bar(Kommune::all().len() * months.len() as usize),
        written: false,
        root: out_dir.clone(),
    };
    let done = run_months(&mut run, &dokumente);
    run.progress.finish_and_clear();
    let memory = run.pool.as_mut().map(|p| {
        p.finish();
        (p.started, p.worker_peak_kb)
    });
    drop(lock);
    match done {
        Ok(done) => report_run(&done, &out_dir, args.format, start, memory),
        Err(e) => {
            // A folder this run made and could not use is not left behind
            // (only an empty one is removed).
            if made_dir {
                let _ = std::fs::remove_dir(&out_dir);
            }
            Err(e)
        }
    }
}

/// Makes every month of the run, then the run's own status files.
fn run_months(run: &mut Run<'_>, dokumente: &[Dokument]) -> Result<Vec<MonthDone>> {
    let months = run.args.periode;
    let mut done = Vec::with_capacity(months.len() as usize);
    for (month, dokument) in months.months().zip(dokumente) {
        let dir = if months.len() > 1 {
            run.root.join(month.iso())
        } else {
            run.root.clone()
        };
        done.push(one_month(run, month, dokument, &dir)?);
    }
    if months.len() > 1 {
        let rows: Vec<StatusRow> = done.iter().flat_map(|d| d.rows.clone()).collect();
        summary::write_status_files(&rows, &run.root)?;
    }
    Ok(done)
}

/// How the workers are started: this program, as `render-worker`, with the
/// template folder the user named and a share of the cores each.
fn pool_settings(
    args: &BatchArgs,
    template: crate::pdf::template::Template,
    root: &Path,
) -> pool::Settings {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let jobs = args
        .jobs
        .map_or(cores, usize::from)
        .clamp(1, Kommune::all().len());
    let mut worker_args: Vec<std::ffi::OsString> = vec![
        "render-worker".into(),
        "--threads".into(),
        (cores / jobs).max(1).to_string().into(),
    ];
    if let Some(dir) = &args.template.template {
        worker_args.push("--template".into());
        worker_args.push(dir.canonicalize().unwrap_or_else(|_| dir.clone()).into());
    }
    let program = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("jobcenterindblik"));
    pool::Settings {
        command: (program, worker_args),
        jobs,
        timeout: args.timeout.limit(),
        root: root.to_path_buf(),
        template,
    }
}

/// Makes one month's reports, overview and status files in `dir`. A month
/// the data cannot support is a failed month in a run of months, and the
/// error of a single one; so is a run whose first report fails for a
/// reason common to all. Any other error (a file that cannot be written)
/// stops the run.
fn one_month(
    run: &mut Run<'_>,
    month: Month,
    dokument: &Dokument,
    dir: &Path,
) -> Result<MonthDone> {
    let land =
        match Landsbillede::with_archive(run.data, month, run.args.resultatperiode, &run.archive) {
            Ok(land) => land,
            Err(e) if run.args.periode.len() == 1 => return Err(e.into()),
            Err(e) => return Ok(failed_month(month, dir, &commands::message(&e.into()))),
        };
    let made_dir = !dir.exists();
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let oversigt = Oversigt::build(&land);
    let models: Vec<(&'static Kommune, Result<ReportModel, String>)> = Kommune::all()
        .iter()
        .map(|k| {
            (
                k,
                ReportModel::build(&land, k).map_err(|e| commands::message(&e.into())),
            )
        })
        .collect();
    let (mut made, overview) = match documents::make(run, &land, &oversigt, &models, dokument, dir)
    {
        Ok(made) => made,
        Err(e) => {
            // A month folder this run made, and wrote nothing into, goes.
            if made_dir {
                let _ = std::fs::remove_dir(dir);
            }
            return Err(e);
        }
    };
    let before = made.len();
    documents::data_failures(&models, month, dir, &mut made);
    run.progress.inc((made.len() - before) as u64);
    let rows = summary::status_rows(&oversigt, &made);
    summary::write_status_files(&rows, dir)?;
    Ok(MonthDone {
        month,
        rows: summary::in_month(rows, month),
        outcomes: Ok(made),
        overview,
    })
}

/// A month no report can be made for, with its reason. Its folder, if an
/// earlier run made one, is left as it was: the failure is the month's, not
/// any kommune's, and the status files say so.
fn failed_month(month: Month, dir: &Path, reason: &str) -> MonthDone {
    let reason = if dir.is_dir() {
        format!(
            "{reason}; the files in {} are from an earlier run",
            dir.display()
        )
    } else {
        reason.to_string()
    };
    MonthDone {
        month,
        rows: summary::failed_month_rows(month, &reason),
        outcomes: Err(reason),
        overview: None,
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
/// kommuner or months it stopped), and fails if anything did. `memory`: the
/// workers started and the most memory one held.
fn report_run(
    done: &[MonthDone],
    out_dir: &Path,
    format: Format,
    start: Instant,
    memory: Option<(usize, Option<u64>)>,
) -> Result<()> {
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
        "wrote {} of {} reports, {what} to {}; {} failed; {:.2} s{}",
        outcomes.len() - failed.len(),
        outcomes.len(),
        out_dir.display(),
        failed.len(),
        start.elapsed().as_secs_f64(),
        memory_note(memory)
    );
    for d in &failed_months {
        eprintln!(
            "failed: {}: {}",
            d.month.iso(),
            d.outcomes.as_ref().unwrap_err()
        );
    }
    list_failures(&failed);
    let overviews: Vec<&MonthDone> = done.iter().filter(|d| d.overview.is_some()).collect();
    for d in &overviews {
        eprintln!(
            "failed: Oversigt-{}: {}",
            d.month.iso(),
            d.overview.as_deref().unwrap_or_default()
        );
    }
    if !failed_months.is_empty() {
        bail!(
            "{} of {} months could not be made",
            failed_months.len(),
            done.len()
        );
    }
    if !overviews.is_empty() {
        bail!(
            "the overview of {} of {} months could not be made",
            overviews.len(),
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

/// `; 2 workers, at most 81 MB each, 45 MB in this process`, where the
/// system tells.
fn memory_note(memory: Option<(usize, Option<u64>)>) -> String {
    let here = crate::alloc::peak_kb();
    match (memory, here) {
        (Some((started, Some(worker))), Some(here)) => format!(
            "; {started} worker process{}, at most {} MB each, {} MB in this process",
            if started == 1 { "" } else { "es" },
            worker.div_ceil(1024),
            here.div_ceil(1024)
        ),
        (_, Some(here)) => format!("; {} MB of memory at most", here.div_ceil(1024)),
        _ => String::new(),
    }
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
