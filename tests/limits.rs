//! What the system refuses or runs short of: more workers asked for than
//! there are reports, processes and threads (`RLIMIT_NPROC`), and memory
//! while the extracts are read. None of it may end in a panic.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::util::{BIN, Cmd, fixtures_dir, lille_template, stderr};

#[test]
fn more_jobs_than_reports_start_no_more_workers_than_reports() {
    // A worker process each, for the 98 reports of a month: not one more
    // (the small template keeps the 98 quick).
    let out = tempfile::tempdir().unwrap();
    let t = crate::util::lille_template("");
    let o = Cmd::batch("2020-08")
        .fixtures()
        .out(out.path())
        .template(t.path())
        .args(["--jobs", "99999999999"])
        .succeeds();
    assert_contains!(
        stderr(&o),
        "wrote 98 of 98 reports",
        "; 98 worker processes, "
    );
}

/// Opens `path` to every user.
fn open_to_all(path: &Path) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o777)).unwrap();
}

/// A folder that the user nobody can use, with copies of the binary, the
/// fixtures (`data/`) and the small test template (`lille/`), for commands
/// run under limits that bind only users without privileges; `None` unless
/// the tests run as root.
fn unprivileged_folder() -> Option<tempfile::TempDir> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    open_to_all(dir.path());
    std::fs::copy(BIN, dir.path().join("jobcenterindblik")).unwrap();
    let lille = lille_template("");
    for (sub, from) in [
        ("data", fixtures_dir()),
        ("lille", lille.path().to_path_buf()),
    ] {
        let to = dir.path().join(sub);
        std::fs::create_dir(&to).unwrap();
        open_to_all(&to);
        for e in std::fs::read_dir(&from).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
    Some(dir)
}

#[test]
fn processes_and_threads_the_system_refuses_are_not_a_panic() {
    // RLIMIT_NPROC counts every process and thread of a user, and binds only
    // a user without CAP_SYS_RESOURCE: as root, the batch runs as nobody,
    // from copies it can read. With room for a few threads only, the batch
    // gets fewer workers than asked, or none and makes the reports itself.
    let Some(dir) = unprivileged_folder() else {
        eprintln!("skipped: needs root to run as an unprivileged user");
        return;
    };
    for limit in [3, 6, 12] {
        let o = Cmd::batch("2020-08")
            .args(["--jobs", "8"])
            .data("data")
            .template("lille")
            .out(format!("ud-{limit}"))
            .program(dir.path().join("jobcenterindblik"))
            .current_dir(dir.path())
            .unprivileged()
            .limit_processes(limit)
            .run();
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "limit {limit}: {err}");
        assert_eq!(o.status.code(), Some(0), "limit {limit}: {err}");
        assert_contains!(err, "note: ", "wrote 98 of 98 reports");
    }
}

#[test]
fn a_command_makes_do_with_one_thread_when_the_system_refuses_more() {
    // RLIMIT_NPROC of 1: no process or thread more for the user. Root is
    // not bound by it, so as root the child runs as nobody (65534).
    let limited = |cmd: Cmd| cmd.unprivileged().limit_processes(1);
    // The limit must be seen to bind: a shell under it cannot fork.
    let probe = limited(Cmd::new(["-c", "(true) && echo forked"]).program("/bin/sh")).run();
    if String::from_utf8_lossy(&probe.stdout).contains("forked") {
        eprintln!("RLIMIT_NPROC does not bind here (a capability?); the test shows nothing");
        return;
    }
    // As nobody, the binary and the data are run and read from copies that
    // nobody can reach (the build folder may sit under root's home).
    let copies = unprivileged_folder();
    let (program, data) = match &copies {
        Some(dir) => (dir.path().join("jobcenterindblik"), dir.path().join("data")),
        None => (BIN.into(), fixtures_dir()),
    };
    let out = tempfile::tempdir().unwrap();
    open_to_all(out.path());
    let pdf = out.path().join("r.pdf");
    for cmd in [
        Cmd::new(["validate"]),
        Cmd::new(["tilsyn", "--aar", "2021"]),
        Cmd::report("Sorø", "2020-08").json(),
        Cmd::report("Sorø", "2020-08").out(&pdf),
    ] {
        // Once the data loader's threads and rayon's pool panicked: exit 101.
        let o = limited(cmd.data(&data).program(&program)).succeeds();
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn memory_that_runs_out_while_reading_is_named_for_the_data() {
    // 80 MB of address space holds the program but not the extracts.
    let o = Cmd::new(["validate"])
        .fixtures()
        .limit_memory(80 << 20)
        .run();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_contains!(
        err,
        "error: the system ran out of memory while reading the extracts",
        "hint: "
    );
    assert!(!err.contains("panicked"), "{err}");
}
