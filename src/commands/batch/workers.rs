//! A batch's worker threads: plain threads that take kommuner from a shared
//! counter, each rendering and writing its reports. (An outer rayon loop
//! around Typst's own rayon use was measured to cost several times the
//! memory; see docs/performance.md.)

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};

use super::{BatchOptions, Outcome};
use crate::cli::Format;
use crate::commands::setup::{file_name, to_json};
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::measures::Landsbillede;
use crate::model::{Oversigt, ReportModel};
use crate::output;
use crate::pdf::Renderer;

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
pub(super) fn remove_stale(dir: &Path, kommune: &Kommune, month: Month) -> bool {
    ["pdf", "json"]
        .iter()
        .filter(|ext| std::fs::remove_file(dir.join(file_name(kommune, month, ext))).is_ok())
        .count()
        > 0
}
