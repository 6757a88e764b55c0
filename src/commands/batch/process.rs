//! One worker process of a batch: started, told what to make, listened to
//! (a thread passes on what it says, another keeps its last words on
//! standard error), and stopped, leaving no temporary file behind.

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::wire::{self, Document, Maaned, Request, Response};
use crate::domain::period::Month;
use crate::interrupt::{self, Registration};
use crate::output;
use crate::pdf::render::Entry;

/// What a worker's reader thread reports.
pub enum Event {
    /// A response from worker `id`.
    Said(u64, Response),
    /// Worker `id`'s output ended: it has stopped, or is stopping.
    Gone(u64),
}

/// A running worker process.
pub struct Process {
    /// Tells workers apart in [`Event`]s.
    pub id: u64,
    pid: u32,
    child: Arc<Mutex<Child>>,
    /// Its standard input: dropped to tell it to leave.
    stdin: Option<ChildStdin>,
    /// The end of what it wrote to standard error, and the thread that keeps it.
    stderr: (Arc<Mutex<String>>, Option<JoinHandle<()>>),
    /// The month it has been told of.
    month: Option<Month>,
    /// The folder its documents go to (or below), where its temporary files are.
    root: PathBuf,
    /// Stops the worker and removes its files on Ctrl-C.
    _interrupt: Registration,
}

impl Process {
    /// Starts `program args` as worker `id`, its responses passed on to `events`.
    pub fn start(
        id: u64,
        (program, args): &(PathBuf, Vec<std::ffi::OsString>),
        events: Sender<Event>,
        root: &Path,
    ) -> Result<Process, String> {
        if interrupt::interrupted() {
            return Err("the run is being stopped".into());
        }
        let mut command = Command::new(program);
        command
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        die_with_parent(&mut command);
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start a worker process: {e}"))?;
        let (stdin, stdout, stderr) = (
            child.stdin.take().expect("piped"),
            child.stdout.take().expect("piped"),
            child.stderr.take().expect("piped"),
        );
        let said = Arc::new(Mutex::new(String::new()));
        let readers = read_responses(id, stdout, events)
            .and_then(|()| collect_stderr(stderr, Arc::clone(&said)));
        let keeper = match readers {
            Ok(keeper) => keeper,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("cannot start a thread to talk to a worker: {e}"));
            }
        };
        let pid = child.id();
        let child = Arc::new(Mutex::new(child));
        let stop = {
            let (child, root) = (Arc::clone(&child), root.to_path_buf());
            interrupt::on_interrupt(move || {
                kill(&child, pid, &root);
            })
        };
        Ok(Process {
            id,
            pid,
            child,
            stdin: Some(stdin),
            stderr: (said, Some(keeper)),
            month: None,
            root: root.to_path_buf(),
            _interrupt: stop,
        })
    }

    /// Tells the worker of the month, if it does not know it yet, and gives
    /// it a document to make.
    pub fn send(&mut self, maaned: &Maaned, doc: &Document) -> std::io::Result<()> {
        // Its last words, should it die, are about this document.
        self.stderr
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the worker was told to leave"))?;
        if self.month != Some(maaned.month) {
            let month = Request::Month {
                dato: maaned.dato.clone(),
                udgiver: maaned.udgiver.clone(),
            };
            wire::write(stdin, &month, &[&maaned.oversigt])?;
            self.month = Some(maaned.month);
        }
        let render = Request::Render {
            overview: doc.entry == Entry::Oversigt,
            ident: doc.ident.clone(),
            write: doc.write,
        };
        wire::write(
            stdin,
            &render,
            &[doc.data.as_bytes(), &wire::path_bytes(&doc.path)],
        )
    }

    /// Ends the worker's input: the signal to finish and leave.
    pub fn close(&mut self) {
        self.stdin = None;
    }

    /// Stops the worker (killing it if it still runs), removes its
    /// temporary files, and says how it ended: its last error message, or
    /// its exit status.
    pub fn stop(mut self) -> String {
        let status = kill(&self.child, self.pid, &self.root);
        // The worker is gone, so its standard error has ended: its last
        // words are in once the keeper is done.
        if let Some(keeper) = self.stderr.1.take() {
            let _ = keeper.join();
        }
        ended(status, &self.stderr.0)
    }
}

/// Makes the worker end when the batch does, however the batch ends (a
/// `kill -9` included): else it would go on writing reports into a folder
/// no lock holds any more. Linux only; elsewhere a worker notices when its
/// input ends, after the report in hand.
fn die_with_parent(command: &mut Command) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        let batch = std::process::id();
        // SAFETY: between fork and exec the closure calls only prctl and
        // getppid, both async-signal-safe, and allocates nothing.
        unsafe {
            command.pre_exec(move || {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // The batch may have died before the signal was asked for.
                if libc::getppid() as u32 != batch {
                    return Err(std::io::Error::other("the batch is gone"));
                }
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = command;
}

/// A thread that passes on what worker `id` says, then that it is gone.
fn read_responses(
    id: u64,
    stdout: std::process::ChildStdout,
    events: Sender<Event>,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("jobcenterindblik-worker-out".into())
        .spawn(move || {
            let mut stdout = BufReader::new(stdout);
            while let Ok(Some(frame)) = wire::read::<Response>(&mut stdout) {
                if events.send(Event::Said(id, frame.head)).is_err() {
                    return;
                }
            }
            let _ = events.send(Event::Gone(id));
        })
        .map(drop)
}

/// How much of a worker's standard error is kept: its last words.
const STDERR_KEPT: usize = 4096;

/// A thread that keeps the end of what a worker writes to standard error.
fn collect_stderr(
    stderr: std::process::ChildStderr,
    into: Arc<Mutex<String>>,
) -> std::io::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("jobcenterindblik-worker-err".into())
        .spawn(move || {
            let mut stderr = stderr;
            let mut buf = [0u8; 1024];
            while let Ok(n @ 1..) = stderr.read(&mut buf) {
                let mut kept = into.lock().unwrap_or_else(|e| e.into_inner());
                kept.push_str(&String::from_utf8_lossy(&buf[..n]));
                if kept.len() > STDERR_KEPT {
                    let cut = (kept.len() - STDERR_KEPT..kept.len())
                        .find(|&i| kept.is_char_boundary(i))
                        .unwrap_or(kept.len());
                    kept.drain(..cut);
                }
            }
        })
}

/// Kills a worker if it still runs, waits for it, and removes the
/// temporary files it left in `root` or the month folders below it.
fn kill(child: &Mutex<Child>, pid: u32, root: &Path) -> Option<ExitStatus> {
    let status = {
        let mut child = child.lock().unwrap_or_else(|e| e.into_inner());
        match child.try_wait() {
            Ok(Some(status)) => Some(status),
            _ => {
                let _ = child.kill();
                child.wait().ok()
            }
        }
    };
    output::remove_temporaries_of(root, pid);
    if let Ok(entries) = std::fs::read_dir(root) {
        for e in entries.filter_map(Result::ok) {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                output::remove_temporaries_of(&e.path(), pid);
            }
        }
    }
    status
}

/// Why a worker ended, in words: its last message, or how it stopped.
fn ended(status: Option<ExitStatus>, stderr: &Mutex<String>) -> String {
    let said = stderr.lock().unwrap_or_else(|e| e.into_inner());
    let last = said
        .lines()
        .rev()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("error: "));
    match (last, status) {
        (Some(message), _) => format!("the worker process stopped: {message}"),
        (None, Some(s)) => format!("the worker process stopped unexpectedly ({})", describe(s)),
        (None, None) => "the worker process stopped unexpectedly".into(),
    }
}

/// An exit status in words: `exit code 1`, `killed by signal 9 (SIGKILL: …)`.
fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            let name = match sig {
                6 => " (SIGABRT)",
                9 => " (SIGKILL: perhaps the system ran out of memory)",
                11 => " (SIGSEGV)",
                15 => " (SIGTERM)",
                _ => "",
            };
            return format!("killed by signal {sig}{name}");
        }
    }
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => "no exit code".into(),
    }
}
