//! A batch's worker process: `jobcenterindblik render-worker`, which the
//! batch starts itself (never a person), one per `--jobs`.
//!
//! It builds the renderer once, then takes requests from its standard input
//! ([`wire`]): a month's overview and documents' date, then documents to
//! make, each rendered and written atomically to the path given, and
//! answered on standard output. Typst's caches live as long as the process,
//! so each worker reuses what it laid out for its own earlier reports, and
//! no other worker can evict it. When its input ends, it says how much
//! memory it held at most and leaves.

use std::io::{Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use typst::foundations::Bytes;

use super::wire::{self, Request, Response};
use crate::cli::WorkerArgs;
use crate::commands::{self, setup};
use crate::output;
use crate::pdf::Renderer;
use crate::pdf::render::{Dokument, Entry, Prepared};

/// Serves the batch on standard input and output until the input ends.
pub fn run(args: &WorkerArgs) -> Result<()> {
    // A panic fails one document and is told in its outcome (`make`); the
    // hook keeps where it happened for that, and says it on standard error
    // too, which the batch reads as the worker's last words should the
    // panic end the worker (outside `make`).
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: internal error in a worker ({}) at {at}; please report it",
            panic_message(info.payload())
        );
        *PANIC_AT.lock().unwrap_or_else(|e| e.into_inner()) = Some(at);
    }));
    let template = setup::template(&args.template)?;
    let serve = || -> Result<()> {
        let renderer = Renderer::new(&template)?;
        serve(
            &renderer,
            &mut std::io::stdin().lock(),
            &mut std::io::stdout().lock(),
        )
    };
    match threads(args.threads.get()) {
        Some(pool) => pool.install(serve),
        None => serve(),
    }
}

/// Typst's thread pool in a worker. One thread: the worker's own, with no
/// thread started (the batch's parallelism is its processes). More: a pool
/// of its own, or, if the system will not start its threads, the worker's
/// own thread alone.
fn threads(n: usize) -> Option<rayon::ThreadPool> {
    if n > 1
        && let Ok(pool) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .stack_size(WORKER_STACK)
            .build()
    {
        return Some(pool);
    }
    own_thread_pool();
    None
}

/// Makes Typst's global thread pool this thread alone, unless it exists
/// already. No thread is started, so this cannot fail for want of one.
pub fn own_thread_pool() {
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .use_current_thread()
        .build_global();
}

/// Typst's layout recurses deeply: pool threads get the main thread's stack.
const WORKER_STACK: usize = 16 << 20;

/// The month whose documents are being made.
struct Maaned {
    /// Every kommune's status for the Bilag, shared by the month's reports.
    oversigt: Bytes,
    /// The documents' date and publisher.
    dokument: Dokument,
}

/// Answers requests from `input` on `output` until `input` ends.
pub fn serve(renderer: &Renderer, input: &mut impl Read, output: &mut impl Write) -> Result<()> {
    let mut maaned: Option<Maaned> = None;
    while let Some(frame) = wire::read::<Request>(input).context("reading a request")? {
        let mut blobs = frame.blobs.into_iter();
        match frame.head {
            Request::Month { dato, udgiver } => {
                // What Typst cached for one month is of no use to the next.
                if maaned.is_some() {
                    renderer.forget();
                }
                maaned = Some(Maaned {
                    oversigt: Bytes::new(blobs.next().unwrap_or_default()),
                    dokument: dokument(&dato, udgiver)?,
                });
            }
            Request::Render {
                overview,
                ident,
                write,
            } => {
                let Some(m) = &maaned else {
                    bail!("a document was asked for before its month");
                };
                let (Some(data), Some(path)) = (blobs.next(), blobs.next()) else {
                    bail!("a request to render lacks its data or its path");
                };
                let entry = if overview {
                    Entry::Oversigt
                } else {
                    Entry::Report
                };
                let path = write.then(|| wire::path_from(path));
                let job = Job {
                    entry,
                    data: &Prepared::from_json(data),
                    oversigt: &m.oversigt,
                    dokument: &m.dokument,
                    ident: &ident,
                    path: path.as_deref(),
                };
                wire::write(output, &make(renderer, &job), &[]).context("answering the batch")?;
            }
        }
    }
    let bye = Response::Bye {
        peak_kb: crate::alloc::peak_kb(),
    };
    wire::write(output, &bye, &[]).context("answering the batch")?;
    Ok(())
}

/// A month's documents' date and publisher as the wire carries them.
pub fn dokument(dato: &str, udgiver: Option<String>) -> Result<Dokument> {
    let dato = NaiveDate::parse_from_str(dato, "%Y-%m-%d")
        .with_context(|| format!("the month's date \"{dato}\" is not a date"))?;
    Ok(Dokument { dato, udgiver })
}

/// One document to make and where to write it.
pub struct Job<'a> {
    /// A kommune's report or the overview on its own.
    pub entry: Entry,
    /// The report model and the document's facts, as the template reads them.
    pub data: &'a Prepared,
    /// The month's `oversigt.json`.
    pub oversigt: &'a Bytes,
    /// Its date and publisher.
    pub dokument: &'a Dokument,
    /// The PDF's `/ID` seed, which makes its bytes reproducible.
    pub ident: &'a str,
    /// Where it goes; `None`: made only to warm the caches, not written.
    pub path: Option<&'a Path>,
}

/// Renders and writes one document, and says how it went. A panic inside
/// (a bug, in Typst or here) fails this document only; any other failure
/// (the template's diagnostics, a file that cannot be written) would fail
/// every document, and says so.
pub fn make(renderer: &Renderer, job: &Job<'_>) -> Response {
    let attempt = || -> Result<()> {
        let rendered =
            renderer.render_prepared(job.entry, job.data, job.oversigt, job.dokument, job.ident)?;
        match job.path {
            Some(path) => output::write_atomic(path, &rendered),
            None => Ok(()),
        }
    };
    let (error, common) = match std::panic::catch_unwind(AssertUnwindSafe(attempt)) {
        Ok(Ok(())) => (None, false),
        Ok(Err(e)) => (Some(commands::message(&e)), true),
        Err(panic) => {
            let at = PANIC_AT.lock().unwrap_or_else(|e| e.into_inner()).take();
            let message = format!(
                "internal error while making the report ({}{}); please report it",
                panic_message(panic.as_ref()),
                at.map(|a| format!(" at {a}")).unwrap_or_default()
            );
            (Some(message), false)
        }
    };
    Response::Done { error, common }
}

/// Where the last panic happened, as the worker's panic hook saw it.
static PANIC_AT: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// What a panic said, if it said it in words.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}
