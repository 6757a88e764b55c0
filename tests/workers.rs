//! How a batch runs: its worker processes (a report made by one is the
//! report made alone; a worker that dies, runs out of memory or runs too
//! long fails only its report), Ctrl-C and SIGTERM (nothing left behind),
//! and one batch per folder. Most of these use the small test template
//! (`util::lille_template`), so that a batch of 98 takes under a second.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::util::{Cmd, Running, files, lille_template, status_of, stderr, temporaries};

/// Typst code that never ends (Typst stops `while` loops after 10.000
/// rounds, not nested `for` loops) and code that runs out of memory.
const ENDLESS: &str = "for i in range(100000) { for j in range(100000) {} }";
const GREEDY: &str = "let s = \"x\"; for i in range(40) { s = s + s }";

/// The small test template with `code` run for the reports of the kommuner
/// that `which` (a Typst condition on `navn`) holds for.
fn lille_where(which: &str, code: &str) -> tempfile::TempDir {
    lille_template(&format!(
        "\n#let navn = data.report.kommune.navn\n#if {which} {{ {code} }}\n"
    ))
}

/// `batch -p 2020-08` of the fixtures into `out`.
fn batch(out: impl AsRef<Path>) -> Cmd {
    Cmd::batch("2020-08").fixtures().out(out)
}

/// The same batch started, in a process group of its own as a shell runs a
/// command: for signals.
fn batch_child(out: &Path, args: &[&str]) -> Running {
    batch(out).args(args).own_process_group().start()
}

/// Waits until `ready` holds, at most a minute.
#[track_caller]
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "waited a minute for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The worker processes of batch `pid` (its children), by their pids.
fn workers_of(pid: u32) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| {
            std::fs::read_to_string(format!("/proc/{p}/stat")).is_ok_and(|stat| {
                // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
                let after = &stat[stat.rfind(')').map_or(0, |i| i + 1)..];
                after.split_whitespace().nth(1) == Some(&pid.to_string())
            })
        })
        .collect()
}

/// Whether process `pid` still runs (a zombie does not).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        !s[s.rfind(')').map_or(0, |i| i + 1)..]
            .trim_start()
            .starts_with('Z')
    })
}

/// Runs the report PDFs below `dir` through `%PDF-`…`%%EOF`.
fn whole_pdfs(dir: &Path) -> usize {
    files(dir)
        .iter()
        .filter(|f| f.ends_with(".pdf"))
        .inspect(|f| {
            let bytes = std::fs::read(dir.join(f)).unwrap();
            assert!(
                bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
                "{f} is a whole PDF"
            );
        })
        .count()
}

#[test]
fn a_report_made_by_a_worker_is_the_report_made_alone() {
    let dir = tempfile::tempdir().unwrap();
    let o = batch(dir.path().join("ud"))
        .args(["--jobs", "2"])
        .succeeds();
    assert_contains!(
        stderr(&o),
        "wrote 98 of 98 reports",
        "2 worker processes, at most "
    );
    let alone = dir.path().join("alene.pdf");
    Cmd::report("Sorø", "2020-08")
        .fixtures()
        .out(&alone)
        .succeeds();
    let from_batch = std::fs::read(dir.path().join("ud/Sorø-2020-08.pdf")).unwrap();
    assert!(
        from_batch == std::fs::read(&alone).unwrap(),
        "the same bytes"
    );
}

#[test]
fn a_template_that_never_ends_is_stopped_and_only_its_report_fails() {
    let t = lille_where("navn == \"Sorø\"", ENDLESS);
    let dir = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let o = batch(dir.path().join("ud"))
        .template(t.path())
        .args(["--timeout", "2", "--jobs", "2"])
        .fails(1);
    assert!(start.elapsed() < Duration::from_secs(30), "stopped in time");
    assert_contains!(
        stderr(&o),
        "wrote 97 of 98 reports",
        "failed: Sorø: the template took longer than 2 s (--timeout) and was stopped"
    );
    assert_eq!(whole_pdfs(&dir.path().join("ud")), 97 + 1);
    assert!(temporaries(dir.path()).is_empty());
    // One report alone: the same limit, the kommune named, exit code 1.
    let o = Cmd::report("Sorø", "2020-08")
        .fixtures()
        .template(t.path())
        .args(["--timeout", "1"])
        .out("s.pdf")
        .current_dir(dir.path())
        .fails(1);
    assert_contains!(
        stderr(&o),
        "error: the report for Sorø took longer than 1 s (--timeout)"
    );
    assert!(!dir.path().join("s.pdf").exists());
}

#[test]
fn a_worker_that_runs_out_of_memory_fails_only_its_report_and_is_replaced() {
    let t = lille_where("navn == \"Sorø\"", GREEDY);
    let dir = tempfile::tempdir().unwrap();
    let o = batch(dir.path().join("ud"))
        .template(t.path())
        .args(["--jobs", "2"])
        .fails(1);
    assert_contains!(
        stderr(&o),
        "wrote 97 of 98 reports",
        "failed: Sorø: the worker process stopped: the report template ran out of memory"
    );
    assert_contains!(
        status_of(&dir.path().join("ud"), "340")["fejl"],
        "ran out of memory"
    );
}

/// A batch of two workers, in a process group of its own, whose template
/// loops for Sorø only, once all but Sorø's report are written (97 reports
/// and the overview): its folder, the running batch, and the template
/// (kept alive for the batch).
fn soroe_looping() -> (tempfile::TempDir, Running, tempfile::TempDir) {
    let t = lille_where("navn == \"Sorø\"", ENDLESS);
    let out = tempfile::tempdir().unwrap();
    let child = batch(out.path())
        .template(t.path())
        .args(["--jobs", "2", "--timeout", "600"])
        .own_process_group()
        .start();
    wait_for("97 reports", || whole_pdfs(out.path()) == 98);
    (out, child, t)
}

#[test]
fn a_worker_killed_while_it_works_fails_only_its_report() {
    let (out, child, _t) = soroe_looping();
    for pid in workers_of(child.id()) {
        // SAFETY: kill(2) with a pid of our own grandchild.
        unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
    }
    let o = child.wait();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_contains!(
        stderr(&o),
        "wrote 97 of 98 reports",
        "failed: Sorø: the worker process stopped unexpectedly (killed by signal 9"
    );
    assert!(temporaries(out.path()).is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn the_workers_end_with_the_batch_however_it_ends() {
    // Sorø's worker loops; the batch is killed without warning. Before,
    // the worker ran on for ever, orphaned, with no lock on the folder.
    let (_out, child, _t) = soroe_looping();
    let workers = workers_of(child.id());
    assert!(!workers.is_empty(), "the batch has workers");
    child.kill();
    wait_for("the workers to end", || {
        workers.iter().all(|&w| !running(w))
    });
}

#[test]
fn ctrl_c_and_sigterm_stop_the_workers_and_leave_no_temporary_file() {
    for (signal, to_group) in [(libc::SIGINT, true), (libc::SIGTERM, false)] {
        let out = tempfile::tempdir().unwrap();
        let child = batch_child(out.path(), &["--jobs", "2"]);
        wait_for("a report", || whole_pdfs(out.path()) >= 3);
        let workers = workers_of(child.id());
        assert!(!workers.is_empty(), "the batch has workers");
        // Ctrl-C reaches the whole process group from a terminal; `kill`
        // reaches the batch alone.
        let target = if to_group {
            -(child.id() as i32)
        } else {
            child.id() as i32
        };
        // SAFETY: kill(2) with our own child (or its process group).
        unsafe { libc::kill(target, signal) };
        let o = child.wait();
        assert_eq!(
            o.status.code(),
            Some(130),
            "signal {signal}: {}",
            stderr(&o)
        );
        wait_for("the workers to end", || {
            workers.iter().all(|&w| !running(w))
        });
        assert_eq!(
            temporaries(out.path()),
            Vec::<String>::new(),
            "signal {signal}"
        );
        whole_pdfs(out.path());
        assert!(!stderr(&o).contains("note: "), "{}", stderr(&o));
    }
}

#[test]
fn a_second_batch_into_the_same_folder_is_refused_while_the_first_runs() {
    let out = tempfile::tempdir().unwrap();
    let first = batch_child(out.path(), &["--jobs", "1"]);
    wait_for("a report", || whole_pdfs(out.path()) >= 1);
    let o = batch(out.path()).json().fails(1);
    assert_contains!(
        stderr(&o),
        "error: another batch is writing into ",
        "hint: wait for it to finish"
    );
    let o = first.wait();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !out.path().join("Sorø-2020-08.json").exists(),
        "nothing mixed in"
    );
    // A lock ends with its process, however it ends.
    let start = std::time::SystemTime::now();
    let killed = batch_child(out.path(), &["--jobs", "1"]);
    wait_for("a report", || written_since(out.path(), start));
    killed.kill();
    batch(out.path()).json().succeeds();
}

/// Whether a file below `dir` was written after `start`.
fn written_since(dir: &Path, start: std::time::SystemTime) -> bool {
    files(dir).iter().any(|f| {
        let modified = std::fs::metadata(dir.join(f)).and_then(|m| m.modified());
        modified.is_ok_and(|t| t > start)
    })
}

#[test]
fn workers_that_keep_dying_fail_their_reports_and_the_batch_still_sums_up() {
    // Every report but the first makes its worker run out of memory: the
    // batch replaces workers a while, then fails the rest rather than make
    // them in its own process (which would die the same way).
    let t = lille_where("navn != \"København\"", GREEDY);
    let dir = tempfile::tempdir().unwrap();
    let o = batch(dir.path().join("ud"))
        .template(t.path())
        .args(["--jobs", "2"])
        .fails(1);
    let err = stderr(&o);
    assert_contains!(
        err,
        "wrote 1 of 98 reports",
        "the worker process stopped: the report template ran out of memory",
        "the worker processes keep stopping (the last: "
    );
    assert!(!err.contains("made in this process"), "{err}");
    assert!(dir.path().join("ud/status.csv").exists());
    assert!(temporaries(dir.path()).is_empty());
}
