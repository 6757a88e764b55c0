//! What a hostile tester tried that once got through: thread bombs, template
//! folders that reach outside themselves or never end, templates that eat
//! memory, impossible numbers and stale files from an earlier run.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use jobcenterindblik::model::Oversigt;
use jobcenterindblik::pdf::text::page_texts;
use jobcenterindblik::{Dataset, Kommune, Landsbillede, ReportModel};

use crate::util::{
    batch_in, fixtures_dir, fixtures_with, lille_template, month, renderer, run, stderr,
    template_with, test_dokument,
};

/// The binary, for commands that need a shell around them.
const BIN: &str = env!("CARGO_BIN_EXE_jobcenterindblik");

/// `batch --format json` of August 2020 from `data` into `out`, with `extra` arguments.
fn json_batch(data: &Path, out: &Path, extra: &[&str]) -> Output {
    let args = [&["-p", "2020-08", "--format", "json"], extra].concat();
    batch_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        data,
        out.to_str().unwrap(),
        &args,
    )
}

#[test]
fn more_jobs_than_reports_start_no_more_workers_than_reports() {
    let out = tempfile::tempdir().unwrap();
    let o = json_batch(&fixtures_dir(), out.path(), &["--jobs", "99999999999"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_contains!(stderr(&o), "wrote 98 of 98 reports");
}

#[test]
fn processes_and_threads_the_system_refuses_are_not_a_panic() {
    // RLIMIT_NPROC counts every process and thread of a user, and binds only
    // a user without CAP_SYS_RESOURCE: as root, the batch runs as nobody,
    // from copies it can read. With room for a few threads only, the batch
    // gets fewer workers than asked, or none and makes the reports itself.
    let Some(nobody) = Unprivileged::new() else {
        eprintln!("skipped: needs root and setpriv to run as an unprivileged user");
        return;
    };
    for limit in [3, 6, 12] {
        let o = nobody.run(&[
            &format!("--nproc={limit}"),
            "./jobcenterindblik",
            "batch",
            "-p",
            "2020-08",
            "--jobs",
            "8",
            "--data",
            "data",
            "--template",
            "lille",
            "-o",
            &format!("ud-{limit}"),
        ]);
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "limit {limit}: {err}");
        assert_eq!(o.status.code(), Some(0), "limit {limit}: {err}");
        assert_contains!(err, "note: ", "wrote 98 of 98 reports");
    }
}

/// A folder that the user nobody can use, with copies of the binary, the
/// fixtures (`data/`) and the small test template (`lille/`), for commands
/// run under limits that bind only users without privileges.
struct Unprivileged(tempfile::TempDir);

impl Unprivileged {
    /// The folder, if this runs as root and `setpriv` and `prlimit` are there.
    fn new() -> Option<Unprivileged> {
        use std::os::unix::fs::PermissionsExt;
        // SAFETY: geteuid has no preconditions.
        let have = |tool: &str| Command::new(tool).arg("--version").output().is_ok();
        if unsafe { libc::geteuid() } != 0 || !have("setpriv") || !have("prlimit") {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let open =
            |p: &Path| std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777)).unwrap();
        open(dir.path());
        std::fs::copy(BIN, dir.path().join("jobcenterindblik")).unwrap();
        let lille = lille_template("");
        for (sub, from) in [
            ("data", fixtures_dir()),
            ("lille", lille.path().to_path_buf()),
        ] {
            let to = dir.path().join(sub);
            std::fs::create_dir(&to).unwrap();
            open(&to);
            for e in std::fs::read_dir(&from).unwrap() {
                let e = e.unwrap();
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
        Some(Unprivileged(dir))
    }

    /// Runs `prlimit ARGS` (limits, then the command) as nobody in the folder.
    fn run(&self, args: &[&str]) -> Output {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg("prlimit")
            .args(args)
            .current_dir(self.0.path())
            .output()
            .unwrap()
    }
}

#[cfg(unix)]
#[test]
fn a_command_makes_do_with_one_thread_when_the_system_refuses_more() {
    use std::os::unix::process::CommandExt;
    // RLIMIT_NPROC of 1: no process or thread more for the user. Root is
    // not bound by it, so as root the child runs as nobody (65534).
    let limited = |program: &str, args: &[&str]| -> Output {
        let mut command = Command::new(program);
        command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
        // SAFETY: geteuid only reads the process's user id.
        if unsafe { libc::geteuid() } == 0 {
            command.uid(65534).gid(65534);
        }
        // SAFETY: setrlimit is async-signal-safe and touches only the child.
        unsafe {
            command.pre_exec(|| {
                let one = libc::rlimit {
                    rlim_cur: 1,
                    rlim_max: 1,
                };
                if libc::setrlimit(libc::RLIMIT_NPROC, &one) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        command.output().unwrap()
    };
    // The limit must be seen to bind: a shell under it cannot fork.
    let probe = limited("sh", &["-c", "(true) && echo forked"]);
    if String::from_utf8_lossy(&probe.stdout).contains("forked") {
        eprintln!("RLIMIT_NPROC does not bind here (a capability?); the test shows nothing");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    std::fs::set_permissions(
        out.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o777),
    )
    .unwrap();
    let pdf = out.path().join("r.pdf");
    let data = fixtures_dir();
    let d = data.to_str().unwrap();
    for args in [
        vec!["validate", "--data", d],
        vec!["tilsyn", "--aar", "2021", "--data", d],
        vec![
            "report", "-k", "Sorø", "-p", "2020-08", "--format", "json", "--data", d,
        ],
        vec![
            "report",
            "-k",
            "Sorø",
            "-p",
            "2020-08",
            "--data",
            d,
            "-o",
            pdf.to_str().unwrap(),
        ],
    ] {
        // Once the data loader's threads and rayon's pool panicked: exit 101.
        let o = limited(BIN, &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

/// Sorø's August 2020 report with the template in `dir`, killed if it hangs.
fn report_with(dir: &Path) -> (Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args(["report", "-k", "Sorø", "-p", "2020-08", "--data"])
        .arg(fixtures_dir())
        .arg("--template")
        .arg(dir)
        .arg("-o")
        .arg(out.path().join("r.pdf"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..600 {
        if child.try_wait().unwrap().is_some() {
            return (child.wait_with_output().unwrap(), out);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.kill().unwrap();
    panic!("the report hung with the template folder {}", dir.display());
}

#[cfg(unix)]
#[test]
fn a_template_folder_is_read_only_inside_itself_and_only_on_request() {
    use std::os::unix::fs::symlink;
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("secret.txt"), "hemmeligt").unwrap();
    // Links out of the folder, a FIFO and a large unrelated file: the old
    // reader followed the link to / through the whole file system, hung on
    // the FIFO and read the large file whole.
    let t = template_with("");
    symlink("/", t.path().join("roden")).unwrap();
    symlink(secret.path().join("secret.txt"), t.path().join("pw.txt")).unwrap();
    let made = Command::new("mkfifo").arg(t.path().join("ror")).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo runs");
    let big = std::fs::File::create(t.path().join("stor.bin")).unwrap();
    big.set_len(2 << 30).unwrap();
    let (o, out) = report_with(t.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.path().join("r.pdf").exists());
    // The link to a file outside is refused, as the path itself would be.
    let t = template_with("\n#read(\"pw.txt\")\n");
    symlink(secret.path().join("secret.txt"), t.path().join("pw.txt")).unwrap();
    let (o, out) = report_with(t.path());
    assert_eq!(o.status.code(), Some(1));
    assert_contains!(stderr(&o), "access denied", "pw.txt");
    assert!(!stderr(&o).contains("hemmeligt"));
    assert!(!out.path().join("r.pdf").exists());
}

#[test]
fn a_template_that_eats_memory_is_stopped_with_a_message() {
    let t = template_with("\n#let s = \"x\"\n#for i in range(40) { s = s + s }\n#s.len()\n");
    let (o, out) = report_with(t.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_contains!(
        stderr(&o),
        "error: the report template ran out of memory",
        "hint:"
    );
    assert!(!stderr(&o).contains("panicked"));
    assert!(
        std::fs::read_dir(out.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn counts_beyond_the_population_are_refused_by_every_command() {
    let data = fixtures_with("Y30R21.csv", |t| {
        t.replacen(
            "Sorø;2020QMAT02;Ydelsesgrupper i alt;1710;1670;-40;",
            // Forskel agrees with the absurd count, so only the bound can catch it.
            "Sorø;2020QMAT02;Ydelsesgrupper i alt;1710;99999999999999999999;99999999999999999999;",
            1,
        )
    });
    let d = data.path().to_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    for args in [
        vec!["validate", "--data", d],
        vec![
            "report", "-k", "Sorø", "-p", "2020-08", "--format", "json", "--data", d,
        ],
        vec![
            "batch", "-p", "2020-08", "--format", "json", "--data", d, "-o", o,
        ],
        vec!["tilsyn", "--aar", "2021", "--data", d],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_contains!(
            stderr(&o),
            "Y30R21.csv:",
            "column \"Faktisk antal\": \"99999999999999999999\" is more than live in Denmark"
        );
    }
    assert!(
        std::fs::read_dir(out.path()).unwrap().next().is_none(),
        "the batch wrote nothing"
    );
}

#[test]
fn a_kommune_that_fails_now_loses_its_report_from_an_earlier_run() {
    let out = tempfile::tempdir().unwrap();
    let o = json_batch(&fixtures_dir(), out.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sorø = out.path().join("Sorø-2020-08.json");
    assert!(sorø.exists());
    // The same month again, with Sorø's data broken.
    let data = fixtures_with("fokusmaal-samtaler.csv", |t| {
        t.split_inclusive('\n')
            .filter(|l| !l.starts_with("Sorø;2020M05;Ydelsesgrupper i alt;Mindst"))
            .collect()
    });
    let o = json_batch(data.path(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !sorø.exists(),
        "a stale report would pass for a current one"
    );
    assert_contains!(
        stderr(&o),
        "Sorø",
        "its report from an earlier run was removed"
    );
    let csv = std::fs::read_to_string(out.path().join("status.csv")).unwrap();
    let line = csv.lines().find(|l| l.contains(";Sorø;")).unwrap();
    assert!(!line.contains("Sorø-2020-08.json"), "{line}");
    // diff against the first run's folder would have called Sorø unchanged.
}

#[test]
fn a_missing_group_row_is_named_by_validate_and_the_model() {
    let data = fixtures_with("Y30R21.csv", |t| {
        t.split_inclusive('\n')
            .filter(|l| !l.starts_with("Sorø;2020QMAT02;Kontanthjælp mv."))
            .collect()
    });
    let d = data.path().to_str().unwrap();
    let o = run(&["validate", "--data", d]);
    assert!(o.status.success(), "a missing group does not stop a report");
    assert_contains!(
        stderr(&o),
        "warning: ",
        "Sorø, 2020QMAT02 has no row for Kontanthjælp mv."
    );
    let o = run(&[
        "report", "-k", "Sorø", "-p", "2020-08", "--format", "json", "--data", d,
    ]);
    let model: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        model["kapitel_2"]["mangler"],
        serde_json::json!(["Kontanthjælp mv."])
    );

    // The report says so under figure 2.1.
    let data = Dataset::load(data.path()).unwrap();
    let land = Landsbillede::new(&data, month("2020-08"), None).unwrap();
    let m = ReportModel::build(&land, Kommune::lookup("Sorø").unwrap()).unwrap();
    let doc = renderer()
        .compile(&m, &Oversigt::build(&land), &test_dokument("2020-08"))
        .unwrap();
    let text = page_texts(&doc).join("\n").replace('\n', " ");
    assert_contains!(
        text,
        "Data har ingen tal for Kontanthjælp mv. i perioden juli 2019 – juni 2020, så området mangler i figuren."
    );
}

#[test]
fn memory_that_runs_out_while_reading_is_named_for_the_data() {
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("skipped: needs prlimit (util-linux)");
        return;
    }
    // 80 MB of address space holds the program but not the extracts.
    let o = Command::new("prlimit")
        .arg(format!("--as={}", 80 << 20))
        .args([BIN, "validate", "--data"])
        .arg(fixtures_dir())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_contains!(
        err,
        "error: the system ran out of memory while reading the extracts",
        "hint: "
    );
    assert!(!err.contains("panicked"), "{err}");
}
