//! How a batch runs: its worker processes (a worker that dies or runs too
//! long fails only its report), Ctrl-C (nothing left behind), one batch per
//! folder, and nothing of an earlier run touched before the run's first
//! report is written. Most of these use the small test template
//! (`util::lille_template`), so that a batch of 98 takes under a second.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::util::{files, fixtures_dir, lille_template, run_in, stderr};

/// The binary.
const BIN: &str = env!("CARGO_BIN_EXE_jobcenterindblik");

/// `batch -p 2020-08 --data FIXTURES -o OUT ARGS…` in `dir`.
fn batch(dir: &Path, out: &str, args: &[&str]) -> Output {
    let data = fixtures_dir();
    let mut all = vec![
        "batch",
        "-p",
        "2020-08",
        "--data",
        data.to_str().unwrap(),
        "-o",
        out,
    ];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

/// The same batch as a child process in a process group of its own, as a
/// shell runs a command: for signals.
fn batch_child(out: &Path, args: &[&str]) -> Child {
    use std::os::unix::process::CommandExt;
    Command::new(BIN)
        .args(["batch", "-p", "2020-08", "--data"])
        .arg(fixtures_dir())
        .arg("-o")
        .arg(out)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap()
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

/// The temporary files left anywhere below `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    files(dir)
        .into_iter()
        .filter(|f| f.contains(".jobcenterindblik-") || f.ends_with(".tmp"))
        .collect()
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
    let o = batch(dir.path(), "ud", &["--jobs", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_contains!(
        stderr(&o),
        "wrote 98 of 98 reports",
        "2 worker processes, at most "
    );
    let data = fixtures_dir();
    let alone = dir.path().join("alene.pdf");
    let o = run_in(
        dir.path(),
        &[
            "report",
            "-k",
            "Sorø",
            "-p",
            "2020-08",
            "--data",
            data.to_str().unwrap(),
            "-o",
            alone.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let from_batch = std::fs::read(dir.path().join("ud/Sorø-2020-08.pdf")).unwrap();
    assert!(
        from_batch == std::fs::read(&alone).unwrap(),
        "the same bytes"
    );
}

#[test]
fn a_template_that_never_ends_is_stopped_and_only_its_report_fails() {
    // Typst stops `while` loops after 10.000 rounds, not nested `for` loops.
    let t = lille_template(
        "\n#if data.report.kommune.navn == \"Sorø\" { for i in range(100000) { for j in range(100000) {} } }\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let template = t.path().to_str().unwrap();
    let start = Instant::now();
    let o = batch(
        dir.path(),
        "ud",
        &["--template", template, "--timeout", "2", "--jobs", "2"],
    );
    assert!(start.elapsed() < Duration::from_secs(30), "stopped in time");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_contains!(
        stderr(&o),
        "wrote 97 of 98 reports",
        "failed: Sorø: the template took longer than 2 s (--timeout) and was stopped"
    );
    assert_eq!(whole_pdfs(&dir.path().join("ud")), 97 + 1);
    assert!(temporaries(dir.path()).is_empty());
    // One report alone: the same limit, the kommune named, exit code 1.
    let data = fixtures_dir();
    let o = run_in(
        dir.path(),
        &[
            "report",
            "-k",
            "Sorø",
            "-p",
            "2020-08",
            "--data",
            data.to_str().unwrap(),
            "--template",
            template,
            "--timeout",
            "1",
            "-o",
            "s.pdf",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "error: the report for Sorø took longer than 1 s (--timeout)"
    );
    assert!(!dir.path().join("s.pdf").exists());
}

#[test]
fn a_worker_that_runs_out_of_memory_fails_only_its_report_and_is_replaced() {
    let t = lille_template(
        "\n#if data.report.kommune.navn == \"Sorø\" { let s = \"x\"; for i in range(40) { s = s + s } }\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let o = batch(
        dir.path(),
        "ud",
        &["--template", t.path().to_str().unwrap(), "--jobs", "2"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
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

#[test]
fn a_worker_killed_while_it_works_fails_only_its_report() {
    let t = lille_template(
        "\n#if data.report.kommune.navn == \"Sorø\" { for i in range(100000) { for j in range(100000) {} } }\n",
    );
    let out = tempfile::tempdir().unwrap();
    let mut child = batch_child(
        out.path(),
        &[
            "--template",
            t.path().to_str().unwrap(),
            "--jobs",
            "2",
            "--timeout",
            "600",
        ],
    );
    // All but Sorø's report are written while Sorø's worker loops.
    // 97 reports and the overview.
    wait_for("97 reports", || whole_pdfs(out.path()) == 98);
    for pid in workers_of(child.id()) {
        // SAFETY: kill(2) with a pid of our own grandchild.
        unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
    }
    let o = wait_output(&mut child);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_contains!(
        stderr(&o),
        "wrote 97 of 98 reports",
        "failed: Sorø: the worker process stopped unexpectedly (killed by signal 9"
    );
    assert!(temporaries(out.path()).is_empty());
}

/// A kommune's row of `status.csv` in `dir`, by column name.
fn status_of(dir: &Path, kode: &str) -> std::collections::HashMap<String, String> {
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(dir.join("status.csv"))
        .unwrap();
    let header: Vec<String> = csv
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let row = csv
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == kode)
        .unwrap();
    header
        .into_iter()
        .zip(row.iter().map(String::from))
        .collect()
}

/// A child's output once it has ended, at most a minute from now.
fn wait_output(child: &mut Child) -> Output {
    wait_for("the batch to end", || child.try_wait().unwrap().is_some());
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    Output {
        status: child.wait().unwrap(),
        stdout: Vec::new(),
        stderr: err.into_bytes(),
    }
}

#[test]
fn ctrl_c_and_sigterm_stop_the_workers_and_leave_no_temporary_file() {
    for (signal, to_group) in [(libc::SIGINT, true), (libc::SIGTERM, false)] {
        let out = tempfile::tempdir().unwrap();
        let mut child = batch_child(out.path(), &["--jobs", "2"]);
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
        let o = wait_output(&mut child);
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
    let mut first = batch_child(out.path(), &["--jobs", "1"]);
    wait_for("a report", || whole_pdfs(out.path()) >= 1);
    let o = batch(
        Path::new("."),
        out.path().to_str().unwrap(),
        &["--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "error: another batch is writing into ",
        "hint: wait for it to finish"
    );
    let o = wait_output(&mut first);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !out.path().join("Sorø-2020-08.json").exists(),
        "nothing mixed in"
    );
    // A lock ends with its process, however it ends.
    let start = std::time::SystemTime::now();
    let mut killed = batch_child(out.path(), &["--jobs", "1"]);
    wait_for("a report", || written_since(out.path(), start));
    killed.kill().unwrap();
    killed.wait().unwrap();
    let o = batch(
        Path::new("."),
        out.path().to_str().unwrap(),
        &["--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Whether a file below `dir` was written after `start`.
fn written_since(dir: &Path, start: std::time::SystemTime) -> bool {
    files(dir).iter().any(|f| {
        let modified = std::fs::metadata(dir.join(f)).and_then(|m| m.modified());
        modified.is_ok_and(|t| t > start)
    })
}

#[test]
fn a_run_whose_first_report_fails_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ud: PathBuf = dir.path().join("ud");
    std::fs::create_dir(&ud).unwrap();
    let earlier = [
        "Sorø-2020-08.pdf",
        "Oversigt-2020-08.pdf",
        "status.csv",
        "status.json",
    ];
    for f in earlier {
        std::fs::write(ud.join(f), "fra en tidligere kørsel").unwrap();
    }
    let t = lille_template("\n#panic(\"skabelonfejl\")\n");
    let o = batch(
        dir.path(),
        "ud",
        &["--template", t.path().to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(
        err.matches("panicked with: skabelonfejl").count(),
        1,
        "told once: {err}"
    );
    assert_contains!(
        err,
        "error: the first report, København's, failed, so the run stopped before changing anything in "
    );
    assert_eq!(files(&ud), {
        let mut e = earlier.map(String::from).to_vec();
        e.sort();
        e
    });
    for f in earlier {
        assert_eq!(
            std::fs::read_to_string(ud.join(f)).unwrap(),
            "fra en tidligere kørsel"
        );
    }
    // A folder the run made itself, and could not use, is not left behind.
    let o = batch(
        dir.path(),
        "ny",
        &["--template", t.path().to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("ny").exists());
}

#[test]
fn a_report_that_fails_keeps_its_earlier_file_and_the_status_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let ud = dir.path().join("ud");
    std::fs::create_dir(&ud).unwrap();
    std::fs::write(ud.join("Sorø-2020-08.pdf"), "fra en tidligere kørsel").unwrap();
    // Stale temporary files of a run killed before it could clean up.
    std::fs::write(ud.join(".jobcenterindblik-4194304-aBc123.tmp"), "halv").unwrap();
    let t = lille_template("\n#if data.report.kommune.navn == \"Sorø\" { panic(\"kun Sorø\") }\n");
    let o = batch(
        dir.path(),
        "ud",
        &["--template", t.path().to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(
        stderr(&o),
        "wrote 97 of 98 reports",
        "Sorø-2020-08.pdf in the folder is from an earlier run"
    );
    assert_eq!(
        std::fs::read_to_string(ud.join("Sorø-2020-08.pdf")).unwrap(),
        "fra en tidligere kørsel"
    );
    let sorø = status_of(&ud, "340");
    assert_contains!(
        sorø["fejl"],
        "kun Sorø",
        "Sorø-2020-08.pdf in the folder is from an earlier run"
    );
    assert_eq!(sorø["fil"], "", "no file of this run");
    assert!(temporaries(&ud).is_empty(), "{:?}", temporaries(&ud));
}

#[test]
fn a_rerun_of_other_months_says_which_month_folders_it_leaves_alone() {
    let dir = tempfile::tempdir().unwrap();
    let json = ["--format", "json"];
    let run = |periode: &str| {
        let data = fixtures_dir();
        run_in(
            dir.path(),
            &[
                &[
                    "batch",
                    "-p",
                    periode,
                    "--data",
                    data.to_str().unwrap(),
                    "-o",
                    "ud",
                ][..],
                &json,
            ]
            .concat(),
        )
    };
    assert!(run("2021-01..2021-02").status.success());
    let o = run("2021-02..2021-03");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_contains!(
        stderr(&o),
        "month folders this run does not make (2021-01)",
        "covers 2021-02..2021-03 only"
    );
    assert!(dir.path().join("ud/2021-01/Sorø-2021-01.json").exists());
}

#[test]
fn a_publisher_the_fonts_cannot_show_stops_the_batch_before_it_touches_the_folder() {
    // Before, every report failed for the flag, and the 101 files of the
    // earlier run were deleted.
    let dir = tempfile::tempdir().unwrap();
    let ud = dir.path().join("ud");
    std::fs::create_dir(&ud).unwrap();
    for f in ["Sorø-2020-08.pdf", "status.csv"] {
        std::fs::write(ud.join(f), "fra en tidligere kørsel").unwrap();
    }
    let o = batch(dir.path(), "ud", &["--udgiver", "Sorø Kommune 🇩🇰"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_contains!(stderr(&o), "--udgiver", "cannot show");
    assert_eq!(files(&ud), ["Sorø-2020-08.pdf", "status.csv"]);
    assert_eq!(
        std::fs::read_to_string(ud.join("status.csv")).unwrap(),
        "fra en tidligere kørsel"
    );
}

#[test]
fn workers_that_keep_dying_fail_their_reports_and_the_batch_still_sums_up() {
    // Every report but the first makes its worker run out of memory: the
    // batch replaces workers a while, then fails the rest rather than make
    // them in its own process (which would die the same way).
    let t = lille_template(
        "\n#if data.report.kommune.navn != \"København\" { let s = \"x\"; for i in range(40) { s = s + s } }\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let o = batch(
        dir.path(),
        "ud",
        &["--template", t.path().to_str().unwrap(), "--jobs", "2"],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
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
