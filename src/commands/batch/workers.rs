//! A batch's worker threads: plain threads, started once for the whole run,
//! that take kommuner from a shared queue, each rendering and writing its
//! reports, month after month. Starting them once matters: threads started
//! anew for every month of a run left their memory behind (a 12-month run
//! peaked 28 % above one month). (An outer rayon loop around Typst's own
//! rayon use was measured to cost several times the memory; see
//! docs/performance.md.)

use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};

use super::{BatchOptions, Outcome};
use crate::commands::{
    self,
    setup::{file_name, to_json},
};
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::measures::Landsbillede;
use crate::model::{Oversigt, ReportModel};
use crate::output;
use crate::pdf::Renderer;

/// One month's work: its national picture, overview and settings.
pub struct MonthWork<'d> {
    /// The month's measures.
    pub land: Landsbillede<'d>,
    /// Every kommune's status, for the Bilag.
    pub oversigt: Oversigt,
    /// Where and how the month's reports go.
    pub options: BatchOptions,
}

/// One kommune of one month, or the signal to stop.
type Job<'d> = Option<(Arc<MonthWork<'d>>, &'static Kommune)>;

/// The queue the workers take jobs from.
struct Queue<'d> {
    jobs: Mutex<VecDeque<Job<'d>>>,
    ready: Condvar,
}

impl<'d> Queue<'d> {
    fn push(&self, jobs: impl IntoIterator<Item = Job<'d>>) {
        self.jobs
            .lock()
            .expect("no worker panics holding the queue")
            .extend(jobs);
        self.ready.notify_all();
    }

    fn pop(&self) -> Job<'d> {
        let mut jobs = self
            .jobs
            .lock()
            .expect("no worker panics holding the queue");
        loop {
            if let Some(job) = jobs.pop_front() {
                return job;
            }
            jobs = self
                .ready
                .wait(jobs)
                .expect("no worker panics holding the queue");
        }
    }
}

/// The running workers, as a month's reports are handed to them.
pub struct Workers<'d> {
    queue: Arc<Queue<'d>>,
    outcomes: Receiver<Outcome>,
    started: usize,
}

impl<'d> Workers<'d> {
    /// How many worker threads were started.
    pub fn started(&self) -> usize {
        self.started
    }

    /// Makes every kommune's report of `month`, calling `done` as each
    /// finishes; outcomes come back in kommunekode order. A kommune whose
    /// worker stopped unexpectedly gets an outcome that says so.
    pub fn month(&self, month: Arc<MonthWork<'d>>, done: &dyn Fn(&Outcome)) -> Vec<Outcome> {
        let kommuner = Kommune::all();
        self.queue
            .push(kommuner.iter().map(|k| Some((Arc::clone(&month), k))));
        let mut outcomes = Vec::with_capacity(kommuner.len());
        while outcomes.len() < kommuner.len() {
            // Every worker gone: the rest will never come.
            let Ok(outcome) = self.outcomes.recv() else {
                break;
            };
            done(&outcome);
            outcomes.push(outcome);
        }
        for kommune in kommuner {
            if !outcomes.iter().any(|o| o.kommune.kode == kommune.kode) {
                outcomes.push(Outcome {
                    kommune,
                    result: Err(
                        "no report was made: the worker threads stopped unexpectedly".into(),
                    ),
                    compile: Duration::ZERO,
                    export: Duration::ZERO,
                });
            }
        }
        outcomes.sort_by_key(|o| o.kommune.kode);
        outcomes
    }
}

/// Starts up to `jobs` worker threads (never more than a month has reports)
/// and runs `run` with them; they stop when it returns. If the system
/// refuses a thread, the run goes on with the workers it has; it fails only
/// if it gets none.
pub fn with_workers<'d, R>(
    jobs: usize,
    renderer: Option<&Renderer>,
    run: impl FnOnce(&Workers<'d>) -> R,
) -> Result<R> {
    let workers = jobs.clamp(1, Kommune::all().len());
    let queue = Arc::new(Queue {
        jobs: Mutex::default(),
        ready: Condvar::new(),
    });
    let (send, outcomes) = channel();
    std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (queue, send) = (Arc::clone(&queue), send.clone());
            let spawned = std::thread::Builder::new()
                .name("jobcenterindblik-worker".into())
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, move || {
                    in_own_pool(workers > 1, || work(&queue, &send, renderer));
                });
            match spawned {
                Ok(handle) => handles.push(handle),
                Err(e) if !handles.is_empty() => {
                    eprintln!(
                        "note: the system started {} of {workers} workers ({e}); the batch goes on with them",
                        handles.len()
                    );
                    break;
                }
                Err(e) => {
                    return Err(e).context("cannot start a worker thread; try a smaller --jobs");
                }
            }
        }
        // The workers hold the only senders: when all are gone, `month` sees it.
        drop(send);
        let result = {
            // Tells the workers to stop however `run` ends, a panic included:
            // else the scope would wait for them for ever.
            let _stop = StopOnDrop {
                queue: &queue,
                workers: handles.len(),
            };
            run(&Workers {
                queue: Arc::clone(&queue),
                outcomes,
                started: handles.len(),
            })
        };
        // Joined here, a worker that panicked (one the system could not
        // fully start) does not take the scope down with it; its share of
        // the work went to the others, and the outcomes say so if none did.
        let stopped = handles
            .into_iter()
            .map(|h| h.join())
            .filter(Result::is_err)
            .count();
        if stopped > 0 {
            eprintln!("note: {stopped} worker thread(s) stopped unexpectedly");
        }
        Ok(result)
    })
}

/// Pushes one stop signal per worker when dropped.
struct StopOnDrop<'q, 'd> {
    queue: &'q Queue<'d>,
    workers: usize,
}

impl Drop for StopOnDrop<'_, '_> {
    fn drop(&mut self) {
        self.queue.push((0..self.workers).map(|_| None));
    }
}

/// A worker: takes jobs until told to stop, sending each outcome back. A
/// worker the system could not fully start (say, no memory for its signal
/// stack) stops with a panic before it takes a job; the others take its share.
fn work<'d>(queue: &Queue<'d>, send: &Sender<Outcome>, renderer: Option<&Renderer>) {
    while let Some((month, kommune)) = queue.pop() {
        let outcome = guarded(kommune, || {
            one(
                &month.land,
                &month.oversigt,
                renderer,
                &month.options,
                kommune,
            )
        });
        if send.send(outcome).is_err() {
            return;
        }
    }
}

/// Runs `make`; a panic in it (a bug, not bad data: that is an error)
/// becomes the kommune's failure instead of taking the worker, and with it
/// the batch, down.
fn guarded(kommune: &'static Kommune, make: impl FnOnce() -> Outcome) -> Outcome {
    std::panic::catch_unwind(AssertUnwindSafe(make)).unwrap_or_else(|panic| Outcome {
        kommune,
        result: Err(format!(
            "internal error while making the report ({}); please report it",
            panic_message(panic.as_ref())
        )),
        compile: Duration::ZERO,
        export: Duration::ZERO,
    })
}

/// What a panic said, if it said it in words.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

/// Makes and writes every kommune's report of one month on up to `jobs`
/// threads, calling `done` as each finishes.
pub fn produce(
    month: MonthWork<'_>,
    renderer: Option<&Renderer>,
    jobs: usize,
    done: &dyn Fn(&Outcome),
) -> Result<Vec<Outcome>> {
    let month = Arc::new(month);
    with_workers(jobs, renderer, |w| w.month(month, done))
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
        let (bytes, extension) = match renderer {
            Some(r) => {
                let rendered = r.render(&model, oversigt, &options.dokument)?;
                outcome.compile = rendered.compile;
                outcome.export = rendered.export;
                (rendered.pdf, "pdf")
            }
            None => (to_json(&model)?, "json"),
        };
        let path = options
            .out_dir
            .join(file_name(kommune, land.maaned, extension));
        output::write_atomic(&path, &bytes)?;
        Ok(path)
    };
    outcome.result = attempt().map_err(|e| {
        let mut message = commands::message(&e);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_one_report_is_that_reports_failure() {
        let sorø = Kommune::lookup("Sorø").unwrap();
        let outcome = guarded(sorø, || panic!("index out of bounds"));
        assert_eq!(outcome.kommune.kode, 340);
        assert_eq!(
            outcome.result.unwrap_err(),
            "internal error while making the report (index out of bounds); please report it"
        );
    }

    #[test]
    fn never_more_workers_than_a_month_has_reports() {
        let started = with_workers(99_999_999_999, None, |w: &Workers<'_>| w.started()).unwrap();
        assert_eq!(started, Kommune::all().len());
        let started = with_workers(0, None, |w: &Workers<'_>| w.started()).unwrap();
        assert_eq!(started, 1);
    }

    #[test]
    fn the_workers_stop_when_the_run_panics() {
        // Before the stop signals were pushed from a guard, the scope
        // waited for the workers for ever.
        let (send, done) = channel();
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(|| {
                with_workers(2, None, |_: &Workers<'_>| -> () { panic!("in the run") })
            });
            send.send(r.is_err()).unwrap();
        });
        let panicked = done
            .recv_timeout(Duration::from_secs(60))
            .expect("with_workers returned instead of hanging");
        assert!(panicked, "the run's panic goes on up");
    }
}
