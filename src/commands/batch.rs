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
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};

use super::setup::{self, file_name, to_json};
use crate::cli::{BatchArgs, Format};
use crate::domain::kommune::Kommune;
use crate::extract::dataset::Dataset;
use crate::measures::Landsbillede;
use crate::model::{Oversigt, ReportModel};
use crate::output;
use crate::pdf::Renderer;

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Where the files go.
    pub out_dir: PathBuf,
    /// PDF or JSON.
    pub format: Format,
    /// Worker threads.
    pub jobs: usize,
    /// The PDFs' date.
    pub date: NaiveDate,
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
    let data = Dataset::load(&args.data.data)?;
    let land = Landsbillede::new(&data, args.periode, args.resultatperiode)?;
    let oversigt = Oversigt::build(&land);
    let options = options(args);
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
    );
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
fn options(args: &BatchArgs) -> BatchOptions {
    BatchOptions {
        out_dir: args
            .out_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("jobcenterindblik-{}", args.periode.iso()))),
        format: args.format,
        jobs: args
            .jobs
            .map(usize::from)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)),
        date: setup::document_date(args.periode),
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

/// Lists the kommuner that failed, and fails if there were any.
fn fail_if_any(failed: &[&Outcome], total: usize) -> Result<()> {
    for o in failed {
        eprintln!(
            "failed: {}: {}",
            o.kommune.navn,
            o.result.as_ref().unwrap_err()
        );
    }
    if !failed.is_empty() {
        let names: Vec<&str> = failed.iter().map(|o| o.kommune.navn).collect();
        bail!(
            "{} of {} reports failed: {}",
            failed.len(),
            total,
            names.join(", ")
        );
    }
    Ok(())
}

/// Makes and writes every kommune's report on `options.jobs` threads, calling
/// `done` as each finishes. Outcomes come back in kommunekode order.
pub fn produce(
    land: &Landsbillede<'_>,
    oversigt: &Oversigt,
    renderer: Option<&Renderer>,
    options: &BatchOptions,
    done: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    let kommuner = Kommune::all();
    let next = AtomicUsize::new(0);
    let outcomes = Mutex::new(Vec::with_capacity(kommuner.len()));
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.max(1) {
            std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, || {
                    let work = || {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(kommune) = kommuner.get(i) else {
                                break;
                            };
                            let outcome = one(land, oversigt, renderer, options, kommune);
                            done(&outcome);
                            outcomes
                                .lock()
                                .expect("no worker panics while holding the lock")
                                .push(outcome);
                        }
                    };
                    // With more than one worker, each runs inside a rayon pool
                    // of one thread, its own: Typst's inner parallel work then
                    // stays on the worker instead of queueing in the shared
                    // global pool behind the other workers' (see
                    // docs/performance.md). A lone worker keeps the global pool,
                    // so that Typst can still use the other cores.
                    let pool = if options.jobs > 1 {
                        single_thread_pool()
                    } else {
                        None
                    };
                    match pool {
                        Some(pool) => pool.install(work),
                        None => work(),
                    }
                })
                .expect("a worker thread starts");
        }
    });
    let mut outcomes = outcomes.into_inner().expect("the workers are done");
    outcomes.sort_by_key(|o| o.kommune.kode);
    outcomes
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
                let rendered = r.render(&model, oversigt, options.date)?;
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
    let result = attempt().map_err(|e| format!("{e:#}"));
    outcome.result = result;
    outcome
}
