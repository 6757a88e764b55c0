//! `jobcenterindblik batch`: every kommune's report for one month.
//!
//! The extracts are read and the measures computed once; fonts, library and
//! parsed template are built once; then plain worker threads take kommuner
//! from a shared counter and each renders and writes its reports. (An outer
//! rayon loop around Typst's own rayon use was measured to cost several times
//! the memory; see docs/performance.md.) A kommune that fails is reported and
//! skipped; the others are written; the exit code says whether all were.

mod summary;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

use super::setup::{self, file_name, to_json};
use crate::cli::{BatchArgs, Format};
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::measures::Landsbillede;
use crate::model::{Oversigt, ReportModel};
use crate::output;
use crate::pdf::Renderer;
use crate::pdf::render::Dokument;

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Where the files go.
    pub out_dir: PathBuf,
    /// PDF or JSON.
    pub format: Format,
    /// Worker threads.
    pub jobs: usize,
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

/// Runs the batch from the command line.
pub fn run(args: &BatchArgs) -> Result<()> {
    let start = Instant::now();
    let renderer = setup::renderer(args.format, &args.template)?;
    let data = setup::load_data(&args.data)?;
    let land = Landsbillede::new(&data, args.periode, args.resultatperiode)?;
    let oversigt = Oversigt::build(&land);
    let options = options(args)?;
    std::fs::create_dir_all(&options.out_dir)
        .with_context(|| format!("cannot create {}", options.out_dir.display()))?;

    let progress = progress_bar(Kommune::all().len());
    let outcomes = produce(
        &land,
        &oversigt,
        renderer.as_ref(),
        &options,
        &|o: &Outcome| {
            progress.set_message(o.kommune.navn);
            progress.inc(1);
        },
    )?;
    progress.finish_and_clear();

    let overview = summary::write_overview(&oversigt, renderer.as_ref(), &options)?;
    summary::write_status_files(&oversigt, &outcomes, &options.out_dir)?;
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| o.result.is_err()).collect();
    eprintln!(
        "wrote {} of {} reports, the overview ({}) and status.csv/status.json to {}; {} failed; {:.2} s",
        outcomes.len() - failed.len(),
        outcomes.len(),
        overview.display(),
        options.out_dir.display(),
        failed.len(),
        start.elapsed().as_secs_f64()
    );
    fail_if_any(&failed, outcomes.len())
}

/// The batch's settings from the command line.
fn options(args: &BatchArgs) -> Result<BatchOptions> {
    Ok(BatchOptions {
        out_dir: args
            .out_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("jobcenterindblik-{}", args.periode.iso()))),
        format: args.format,
        jobs: args
            .jobs
            .map(usize::from)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)),
        dokument: setup::dokument(args.periode, &args.udgiver)?,
    })
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

/// Lists the kommuner that failed, each reason once with the kommuner it
/// stopped (a broken template stops all 98 for the same reason), and fails
/// if there were any.
fn fail_if_any(failed: &[&Outcome], total: usize) -> Result<()> {
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
    if !failed.is_empty() {
        let names: Vec<&str> = failed.iter().map(|o| o.kommune.navn).collect();
        bail!(
            "{} of {} reports failed: {}",
            failed.len(),
            total,
            name_list(&names)
        );
    }
    Ok(())
}

/// Kommune names for a message; past ten, how many more.
fn name_list(names: &[&str]) -> String {
    match names.len() {
        0..=10 => names.join(", "),
        n => format!("{} and {} more", names[..10].join(", "), n - 10),
    }
}

/// Makes and writes every kommune's report on up to `options.jobs` threads
/// (never more than there are reports), calling `done` as each finishes.
/// Outcomes come back in kommunekode order. If the system refuses a thread,
/// the batch goes on with the workers it has; it fails only if it gets none.
pub fn produce(
    land: &Landsbillede<'_>,
    oversigt: &Oversigt,
    renderer: Option<&Renderer>,
    options: &BatchOptions,
    done: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>> {
    let kommuner = Kommune::all();
    let workers = options.jobs.clamp(1, kommuner.len());
    let next = AtomicUsize::new(0);
    let outcomes = Mutex::new(Vec::with_capacity(kommuner.len()));
    let work = || {
        while let Some(kommune) = kommuner.get(next.fetch_add(1, Ordering::Relaxed)) {
            let outcome = one(land, oversigt, renderer, options, kommune);
            done(&outcome);
            outcomes
                .lock()
                .expect("no worker panics while holding the lock")
                .push(outcome);
        }
    };
    let work = &work;
    let stopped = std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(workers);
        for _ in 0..workers {
            let spawned = std::thread::Builder::new()
                .name("jobcenterindblik-worker".into())
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, move || in_own_pool(workers > 1, work));
            match spawned {
                Ok(handle) => handles.push(handle),
                Err(e) if !handles.is_empty() => {
                    eprintln!(
                        "note: the system started {} of {workers} workers ({e}); the batch goes on with them",
                        handles.len()
                    );
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        // A worker the system could not fully start (say, no memory for its
        // signal stack) stops with a panic before it takes a kommune; the
        // others take its share.
        Ok(handles
            .into_iter()
            .map(|h| h.join())
            .filter(Result::is_err)
            .count())
    });
    let stopped = stopped.context("cannot start a worker thread; try a smaller --jobs")?;
    let mut outcomes = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
    for kommune in kommuner {
        if !outcomes.iter().any(|o| o.kommune.kode == kommune.kode) {
            outcomes.push(Outcome {
                kommune,
                result: Err(format!(
                    "no report was made: {stopped} worker thread(s) stopped unexpectedly"
                )),
                compile: Duration::ZERO,
                export: Duration::ZERO,
            });
        }
    }
    outcomes.sort_by_key(|o| o.kommune.kode);
    Ok(outcomes)
}

/// Runs a worker's `work`. With more than one worker, each runs inside a
/// rayon pool of one thread, its own: Typst's inner parallel work then stays
/// on the worker instead of queueing in the shared global pool behind the
/// other workers' (see docs/performance.md). A lone worker keeps the global
/// pool, so that Typst can still use the other cores.
fn in_own_pool(own: bool, work: impl FnOnce() + Send) {
    match own.then(single_thread_pool).flatten() {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// A rayon pool of one thread with a worker's stack size, or `None` if the
/// system will not start one (the worker then uses the global pool).
fn single_thread_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .stack_size(WORKER_STACK)
        .thread_name(|_| "jobcenterindblik-worker".to_string())
        .build()
        .ok()
}

/// Typst's layout recurses deeply; workers get the main thread's stack.
const WORKER_STACK: usize = 16 << 20;

/// Makes and writes one kommune's report.
fn one(
    land: &Landsbillede<'_>,
    oversigt: &Oversigt,
    renderer: Option<&Renderer>,
    options: &BatchOptions,
    kommune: &'static Kommune,
) -> Outcome {
    let mut outcome = Outcome {
        kommune,
        result: Err(String::new()),
        compile: Duration::ZERO,
        export: Duration::ZERO,
    };
    let mut attempt = || -> Result<PathBuf> {
        let model = ReportModel::build(land, kommune)?;
        let (bytes, extension) = match (options.format, renderer) {
            (Format::Pdf, Some(r)) => {
                let rendered = r.render(&model, oversigt, &options.dokument)?;
                outcome.compile = rendered.compile;
                outcome.export = rendered.export;
                (rendered.pdf, "pdf")
            }
            _ => (to_json(&model)?, "json"),
        };
        let path = options
            .out_dir
            .join(file_name(kommune, land.maaned, extension));
        output::write_atomic(&path, &bytes)?;
        Ok(path)
    };
    outcome.result = attempt().map_err(|e| {
        let mut message = format!("{e:#}");
        if remove_stale(&options.out_dir, kommune, land.maaned) {
            message.push_str("; its report from an earlier run was removed");
        }
        message
    });
    outcome
}

/// Removes a kommune's report for the month from an earlier run into the
/// same folder (PDF or JSON), so that a kommune that fails now is not
/// mistaken for one whose report is current. Whether one was removed.
fn remove_stale(dir: &Path, kommune: &Kommune, month: Month) -> bool {
    ["pdf", "json"]
        .iter()
        .filter(|ext| std::fs::remove_file(dir.join(file_name(kommune, month, ext))).is_ok())
        .count()
        > 0
}
