//! The batch's worker processes: started from this same program (the
//! hidden `render-worker` subcommand, so it works alike on every system),
//! fed one document at a time over a pipe ([`wire`]), and watched.
//!
//! A worker that dies (a crash, a signal, memory run out) fails only the
//! document it held: its temporary files are removed, the failure is named
//! with the reason, and a new worker takes its place. A document that takes
//! longer than the time limit has its worker killed, the same way. If no
//! worker process can be started at all, the documents are made in this
//! process instead. Ctrl-C stops every worker and removes their temporary
//! files ([`interrupt`]).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use super::process::{Event, Process};
use super::wire::Response;
use super::wire::{Document, Maaned};
use super::worker::{self, Job};
use crate::pdf::Renderer;
use crate::pdf::template::Template;

/// How to start a worker and what it may take.
pub struct Settings {
    /// The program and the arguments that make it a worker.
    pub command: (PathBuf, Vec<std::ffi::OsString>),
    /// How many workers to keep at most.
    pub jobs: usize,
    /// How long one document may take.
    pub timeout: Duration,
    /// The folder the documents go to (or below): where a dead worker's
    /// temporary files are looked for.
    pub root: PathBuf,
    /// The template, for making documents in this process when no worker starts.
    pub template: Template,
}

/// How a document went.
#[derive(Debug, Clone, Default)]
pub struct Made {
    /// Why it was not written, if it was not.
    pub error: Option<String>,
    /// Whether that reason would strike every report of the run (the
    /// template, a file that cannot be written), rather than this one's
    /// (its worker died, or ran past the time limit).
    pub common: bool,
}

impl Made {
    /// A document that failed for a reason of its own.
    fn failed(error: String) -> Made {
        Made {
            error: Some(error),
            common: false,
        }
    }
}

impl From<Response> for Made {
    fn from(r: Response) -> Made {
        match r {
            Response::Done { error, common } => Made { error, common },
            Response::Bye { .. } => Made::default(),
        }
    }
}

/// A running worker and what it is making, since when: a document of the
/// current call by its index, or (`None`) one made only to warm it.
struct Slot {
    process: Process,
    busy: Option<(Option<usize>, Instant)>,
}

/// The worker processes of a batch.
pub struct Pool {
    settings: Settings,
    slots: Vec<Slot>,
    events: Receiver<Event>,
    sender: Sender<Event>,
    next_id: u64,
    /// Workers that could not start, or died, since a document was last made.
    failures: usize,
    /// The last reason a worker could not start or died.
    last_failure: Option<String>,
    /// Whether that last failure was a worker that died (rather than one
    /// that could not start): then making the documents in this process
    /// would only share its fate.
    last_was_death: bool,
    /// Whether the note on fewer workers than asked was given.
    noted: bool,
    /// Made in this process when no worker would start.
    fallback: Option<Renderer>,
    /// The most memory one worker held, in kB, of those that said.
    pub worker_peak_kb: Option<u64>,
    /// How many worker processes were started in all.
    pub started: usize,
}

impl Pool {
    /// Starts every worker now, so that they start while the batch reads
    /// the extracts rather than after.
    pub fn start(&mut self) {
        self.start_workers(self.settings.jobs);
    }

    /// How many workers it keeps at most.
    pub fn jobs(&self) -> usize {
        self.settings.jobs
    }

    /// A pool that starts workers as documents need them.
    pub fn new(settings: Settings) -> Pool {
        let (sender, events) = channel();
        Pool {
            settings,
            slots: Vec::new(),
            events,
            sender,
            next_id: 0,
            failures: 0,
            last_failure: None,
            last_was_death: false,
            noted: false,
            fallback: None,
            worker_peak_kb: None,
            started: 0,
        }
    }

    /// Makes `docs` of `maaned`, calling `done` with each document's index
    /// and outcome as it finishes; returns the outcomes in order. Workers
    /// left idle meanwhile make one of `warm` each, not written, to warm
    /// their caches; the call does not wait for those.
    pub fn make(
        &mut self,
        maaned: &Maaned,
        docs: &[Document],
        warm: &[Document],
        done: &mut dyn FnMut(usize, &Made),
    ) -> Vec<Made> {
        let mut queue: VecDeque<usize> = (0..docs.len()).collect();
        let mut warm = warm.iter();
        let mut made: Vec<Option<Made>> = vec![None; docs.len()];
        let mut finish = |i: usize, m: Made, made: &mut Vec<Option<Made>>| {
            done(i, &m);
            made[i] = Some(m);
        };
        while made.iter().any(Option::is_none) {
            self.start_workers(queue.len());
            if self.slots.is_empty() && !queue.is_empty() {
                while let Some(i) = queue.pop_front() {
                    let m = self.without_workers(maaned, &docs[i]);
                    finish(i, m, &mut made);
                }
                continue;
            }
            self.hand_out(maaned, docs, &mut queue, &mut warm);
            for (i, m) in self.wait() {
                finish(i, m, &mut made);
            }
        }
        made.into_iter().map(Option::unwrap_or_default).collect()
    }

    /// Starts workers until there are as many as asked, or as many as the
    /// documents waiting need; gives up after repeated failures.
    fn start_workers(&mut self, waiting: usize) {
        if crate::interrupt::interrupted() {
            return;
        }
        let busy = self.slots.iter().filter(|s| s.busy.is_some()).count();
        let want = self.settings.jobs.min(busy + waiting);
        while self.slots.len() < want && self.failures <= 2 * self.settings.jobs + 2 {
            let id = self.next_id;
            self.next_id += 1;
            let started = Process::start(
                id,
                &self.settings.command,
                self.sender.clone(),
                &self.settings.root,
            );
            match started {
                Ok(process) => {
                    self.started += 1;
                    self.slots.push(Slot {
                        process,
                        busy: None,
                    });
                }
                Err(why) => {
                    self.failures += 1;
                    self.last_failure = Some(why);
                    self.last_was_death = false;
                    if !self.slots.is_empty() {
                        break;
                    }
                }
            }
        }
        if self.slots.len() < want && !self.noted {
            self.noted = true;
            let why = self.last_failure.as_deref().unwrap_or("no reason given");
            if self.slots.is_empty() && !self.last_was_death {
                eprintln!(
                    "note: no worker process could be started ({why}); the reports are made in this process"
                );
            } else if !self.slots.is_empty() {
                eprintln!(
                    "note: the system started {} of {want} workers ({why}); the batch goes on with them",
                    self.slots.len()
                );
            }
        }
    }

    /// Gives each idle worker the next document, or else one to warm it
    /// with; a worker that cannot be told is stopped, and its document goes
    /// back in the queue.
    fn hand_out<'d>(
        &mut self,
        maaned: &Maaned,
        docs: &[Document],
        queue: &mut VecDeque<usize>,
        warm: &mut impl Iterator<Item = &'d Document>,
    ) {
        let mut broken = Vec::new();
        for slot in self.slots.iter_mut().filter(|s| s.busy.is_none()) {
            let (index, doc) = match queue.pop_front() {
                Some(i) => (Some(i), &docs[i]),
                None => match warm.next() {
                    Some(doc) => (None, doc),
                    None => break,
                },
            };
            match slot.process.send(maaned, doc) {
                Ok(()) => slot.busy = Some((index, Instant::now())),
                Err(_) => {
                    if let Some(i) = index {
                        queue.push_front(i);
                    }
                    broken.push(slot.process.id);
                }
            }
        }
        for id in broken {
            let _ = self.remove(id, None);
        }
    }

    /// Waits for the next thing to happen to a busy worker: a document
    /// done, a worker gone, or one over its time; returns the documents of
    /// the current call that finished.
    fn wait(&mut self) -> Vec<(usize, Made)> {
        let timeout = self.settings.timeout;
        let Some(first) = self.slots.iter().filter_map(|s| s.busy.map(|b| b.1)).min() else {
            return Vec::new();
        };
        let left = (first + timeout).saturating_duration_since(Instant::now());
        match self.events.recv_timeout(left) {
            Ok(Event::Said(id, done @ Response::Done { .. })) => {
                let Some(slot) = self.slots.iter_mut().find(|s| s.process.id == id) else {
                    return Vec::new();
                };
                let Some((index, _)) = slot.busy.take() else {
                    return Vec::new();
                };
                self.failures = 0;
                index.map(|i| (i, Made::from(done))).into_iter().collect()
            }
            Ok(Event::Said(_, Response::Bye { peak_kb })) => {
                self.note_peak(peak_kb);
                Vec::new()
            }
            Ok(Event::Gone(id)) => self.remove(id, None).into_iter().collect(),
            Err(RecvTimeoutError::Timeout) => {
                let late: Vec<u64> = self
                    .slots
                    .iter()
                    .filter(|s| s.busy.is_some_and(|(_, at)| at.elapsed() >= timeout))
                    .map(|s| s.process.id)
                    .collect();
                let why = format!(
                    "the template took longer than {} s (--timeout) and was stopped; look in the template for a loop that never ends",
                    timeout.as_secs()
                );
                late.into_iter()
                    .filter_map(|id| self.remove(id, Some(why.clone())))
                    .collect()
            }
            Err(RecvTimeoutError::Disconnected) => unreachable!("the pool holds a sender"),
        }
    }

    /// Stops worker `id` and takes it out of the pool; its document, if it
    /// held one, fails with `why` or else with how the worker ended.
    fn remove(&mut self, id: u64, why: Option<String>) -> Option<(usize, Made)> {
        let at = self.slots.iter().position(|s| s.process.id == id)?;
        let slot = self.slots.remove(at);
        let ended = slot.process.stop();
        let reason = why.unwrap_or(ended);
        self.failures += 1;
        self.last_failure = Some(reason.clone());
        self.last_was_death = true;
        let (i, _) = slot.busy?;
        Some((i?, Made::failed(reason)))
    }

    /// A document when no worker runs: made in this process if none could
    /// start, failed if they kept dying (this process would die the same
    /// way); one made only to warm a worker is left.
    fn without_workers(&mut self, maaned: &Maaned, doc: &Document) -> Made {
        if !doc.write {
            Made::default()
        } else if crate::interrupt::interrupted() {
            Made::failed("the run is being stopped".into())
        } else if self.last_was_death {
            let last = self.last_failure.as_deref().unwrap_or("no reason given");
            Made::failed(format!(
                "the worker processes keep stopping (the last: {last})"
            ))
        } else {
            self.make_here(maaned, doc)
        }
    }

    /// Makes a document in this process: no worker would start.
    fn make_here(&mut self, maaned: &Maaned, doc: &Document) -> Made {
        if self.fallback.is_none() {
            // The system refuses processes, so likely threads too: Typst's
            // pool is this thread alone.
            worker::own_thread_pool();
            match Renderer::new(&self.settings.template) {
                Ok(r) => self.fallback = Some(r),
                Err(e) => return Made::failed(e.to_string()),
            }
        }
        let renderer = self.fallback.as_ref().expect("made above");
        let dokument = match super::worker::dokument(&maaned.dato, maaned.udgiver.clone()) {
            Ok(d) => d,
            Err(e) => return Made::failed(format!("{e:#}")),
        };
        let oversigt = typst::foundations::Bytes::new(maaned.oversigt.clone());
        let job = Job {
            entry: doc.entry,
            data: &doc.data,
            oversigt: &oversigt,
            dokument: &dokument,
            ident: &doc.ident,
            path: Some(&doc.path),
        };
        Made::from(worker::make(renderer, &job))
    }

    fn note_peak(&mut self, peak_kb: Option<u64>) {
        if let Some(kb) = peak_kb {
            self.worker_peak_kb = Some(self.worker_peak_kb.map_or(kb, |p| p.max(kb)));
        }
    }

    /// Lets every worker finish and leave (their input ends), collecting
    /// how much memory each held; one that does not leave in time is killed
    /// when the pool is dropped.
    pub fn finish(&mut self) {
        for slot in &mut self.slots {
            slot.process.close();
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.slots.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(Event::Said(_, Response::Bye { peak_kb })) => self.note_peak(peak_kb),
                Ok(Event::Said(..)) => {}
                Ok(Event::Gone(id)) => {
                    if let Some(at) = self.slots.iter().position(|s| s.process.id == id) {
                        self.slots.remove(at).process.stop();
                    }
                }
                Err(_) => break,
            }
        }
        // Those that did not leave in time are stopped as a dropped pool's are.
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        for slot in self.slots.drain(..) {
            slot.process.stop();
        }
    }
}
