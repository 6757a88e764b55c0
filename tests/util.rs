//! Helpers shared by the integration tests: the fixture data (read once),
//! copies of it with one extract changed, report models, figures formatted as
//! the published reports print them, and running the binary ([`Cmd`]).

use std::ffi::{OsStr, OsString};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use jobcenterindblik::domain::dansk;
use jobcenterindblik::domain::groups::Maal;
use jobcenterindblik::domain::value::Value;
use jobcenterindblik::measures::krav::Krav;
use jobcenterindblik::model::{Fokusmaal, ReportModel};
use jobcenterindblik::{Dataset, Kommune, Landsbillede, Month};

/// The fixtures that ship with the project.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/jobindsats")
}

/// The fixture data set, read once for all tests.
pub fn dataset() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::load(&fixtures_dir()).expect("the fixtures load"))
}

/// `2020-08` as a month.
#[track_caller]
pub fn month(s: &str) -> Month {
    Month::parse(s).expect("a valid month")
}

/// The national picture of the fixtures for a month.
#[track_caller]
pub fn land(periode: &str) -> Landsbillede<'static> {
    Landsbillede::new(dataset(), month(periode), None).expect("the month is covered")
}

/// One kommune's report model from the fixtures.
#[track_caller]
pub fn model(kommune: &str, periode: &str) -> ReportModel {
    let k = Kommune::lookup(kommune).expect("a kommune");
    ReportModel::build(&land(periode), k).expect("the report builds")
}

/// One goal of a model.
#[track_caller]
pub fn goal(m: &ReportModel, maal: Maal) -> &Fokusmaal {
    m.fokusmaal
        .iter()
        .find(|f| f.maal == maal)
        .expect("both goals")
}

/// A figure as the published reports print it: `1.710`, `93,1`, `-0,26`;
/// `.` if discretized.
pub fn da<T: Into<f64> + Copy>(v: Value<T>, decimals: usize) -> String {
    match v.map(Into::into) {
        Value::Known(x) => dansk::tal(x, decimals),
        Value::Discretized => ".".into(),
    }
}

/// A krav as the published reports print it: `Ok`, `kan ikke nås` or `90,88`.
pub fn krav(k: Value<Krav>) -> String {
    match k {
        Value::Known(Krav::Ok) => "Ok".into(),
        Value::Known(Krav::KanIkkeNaas) => "kan ikke nås".into(),
        Value::Known(Krav::Andel(r)) => da(Value::Known(r), 2),
        Value::Discretized => ".".into(),
    }
}

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_jobcenterindblik");

/// One run of the binary, built up, the one way the tests run it:
///
/// ```text
/// Cmd::report("Sorø", "2020-08").fixtures().json().succeeds()
/// Cmd::batch("2020-08").data(dir).out(&out).args(["--jobs", "2"]).fails(1)
/// Cmd::new(["diff", old, new]).current_dir(dir).run()
/// ```
///
/// - **Arguments** in the order given: [`Cmd::report`] and [`Cmd::batch`]
///   start the two commands most tests make (`report -k K -p P`,
///   `batch -p P`), [`Cmd::new`] any other command line; `data`, `fixtures`,
///   `out`, `template` and `json` add the options that come back everywhere;
///   `arg` and `args` the rest.
/// - **Folder**: the project's, unless `current_dir` names another, so that
///   the default `--data fixtures/jobindsats` is the fixtures.
/// - **Environment**: emptied (`env_clear`), with only the variables the test
///   names with `env`. The binary needs none: it finds its worker processes by
///   `current_exe`, not `PATH`; writes its temporary files beside what it
///   writes, not in `TMPDIR`; and looks up no fonts or caches under `HOME`
///   (its fonts are embedded or the template's). So `PATH`, `HOME` and
///   `TMPDIR` are not passed, and nothing of the runner's environment (the
///   `SOURCE_DATE_EPOCH` of a reproducible build, `CLICOLOR_FORCE`,
///   `MIMALLOC_*`, `RAYON_NUM_THREADS`) can change what a test sees.
/// - **Bounds**: every run is killed, failing its test, past its `timeout`
///   (ten minutes unless set), so that a hang fails rather than hangs the
///   suite; `limit_memory`, `limit_processes` and `unprivileged` run it under
///   the limits of a small machine, `own_process_group` as a shell runs a
///   command, for signals, and `program` runs another program (a copy of
///   the binary, a shell as a probe) with the same settings.
/// - **Ending**: `run` gives the output; `succeeds` and `fails` assert the
///   exit code first (with standard error in the message); `start` leaves it
///   running for a test that acts on it meanwhile.
#[must_use]
pub struct Cmd {
    program: PathBuf,
    args: Vec<OsString>,
    dir: PathBuf,
    env: Vec<(OsString, OsString)>,
    timeout: Duration,
    memory: Option<u64>,
    processes: Option<u64>,
    unprivileged: bool,
    own_group: bool,
}

impl Cmd {
    /// The binary with the command line `args`.
    pub fn new<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Cmd {
        Cmd {
            program: PathBuf::from(BIN),
            args: args.into_iter().map(|a| a.as_ref().to_owned()).collect(),
            dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            env: Vec::new(),
            timeout: Duration::from_secs(600),
            memory: None,
            processes: None,
            unprivileged: false,
            own_group: false,
        }
    }

    /// `report -k KOMMUNE -p PERIODE`.
    pub fn report(kommune: &str, periode: &str) -> Cmd {
        Cmd::new(["report", "-k", kommune, "-p", periode])
    }

    /// `batch -p PERIODE` (a month, or a run of months `FIRST..LAST`).
    pub fn batch(periode: &str) -> Cmd {
        Cmd::new(["batch", "-p", periode])
    }

    /// One more argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Cmd {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// More arguments.
    pub fn args<S: AsRef<OsStr>>(self, args: impl IntoIterator<Item = S>) -> Cmd {
        args.into_iter().fold(self, Cmd::arg)
    }

    /// `--data DIR`.
    pub fn data(self, dir: impl AsRef<Path>) -> Cmd {
        self.arg("--data").arg(dir.as_ref())
    }

    /// `--data` the shipped fixtures, by their absolute path.
    pub fn fixtures(self) -> Cmd {
        self.data(fixtures_dir())
    }

    /// `-o PATH`: the file a report is written to, or a batch's folder.
    pub fn out(self, path: impl AsRef<Path>) -> Cmd {
        self.arg("-o").arg(path.as_ref())
    }

    /// `--template DIR`.
    pub fn template(self, dir: impl AsRef<Path>) -> Cmd {
        self.arg("--template").arg(dir.as_ref())
    }

    /// `--format json`.
    pub fn json(self) -> Cmd {
        self.args(["--format", "json"])
    }

    /// Runs in `dir` instead of the project's folder.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Cmd {
        self.dir = dir.as_ref().to_path_buf();
        self
    }

    /// Sets the variable `key` in the (otherwise empty) environment.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Cmd {
        self.env.push((key.into(), value.as_ref().to_owned()));
        self
    }

    /// Kills the run, failing the test, if it has not ended `secs` seconds
    /// after it started.
    pub fn timeout(mut self, secs: u64) -> Cmd {
        self.timeout = Duration::from_secs(secs);
        self
    }

    /// At most `bytes` of address space (`RLIMIT_AS`).
    pub fn limit_memory(mut self, bytes: u64) -> Cmd {
        self.memory = Some(bytes);
        self
    }

    /// At most `n` processes and threads of its user (`RLIMIT_NPROC`), which
    /// binds only a user without privileges: see [`Cmd::unprivileged`].
    pub fn limit_processes(mut self, n: u64) -> Cmd {
        self.processes = Some(n);
        self
    }

    /// Run as the user nobody (65534) when the tests run as root, whom
    /// limits such as `RLIMIT_NPROC` do not bind. What it reads and writes
    /// must be open to every user.
    pub fn unprivileged(mut self) -> Cmd {
        self.unprivileged = true;
        self
    }

    /// Runs `program` (a copy of the binary, a shell) instead of the binary,
    /// with the same arguments, folder, environment and limits.
    pub fn program(mut self, program: impl AsRef<Path>) -> Cmd {
        self.program = program.as_ref().to_path_buf();
        self
    }

    /// In a process group of its own, as a shell runs a command: a signal to
    /// the group reaches it and its workers, as Ctrl-C on a terminal does.
    pub fn own_process_group(mut self) -> Cmd {
        self.own_group = true;
        self
    }

    /// The command line, for messages.
    fn shown(&self) -> String {
        let args: Vec<_> = self.args.iter().map(|a| a.to_string_lossy()).collect();
        format!("{} {}", self.program.display(), args.join(" "))
    }

    /// Starts the run and leaves it running; its standard output and error
    /// are collected meanwhile.
    pub fn start(self) -> Running {
        let mut command = Command::new(&self.program);
        command
            .args(&self.args)
            .current_dir(&self.dir)
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if self.own_group {
            command.process_group(0);
        }
        // SAFETY: geteuid only reads the process's user id.
        if self.unprivileged && unsafe { libc::geteuid() } == 0 {
            command.uid(65534).gid(65534);
        }
        let limits: Vec<_> = [
            (libc::RLIMIT_AS, self.memory),
            (libc::RLIMIT_NPROC, self.processes),
        ]
        .into_iter()
        .filter_map(|(resource, n)| Some((resource, n?)))
        .collect();
        if !limits.is_empty() {
            // SAFETY: setrlimit is async-signal-safe and touches only the child.
            unsafe {
                command.pre_exec(move || {
                    for &(resource, n) in &limits {
                        let limit = libc::rlimit {
                            rlim_cur: n,
                            rlim_max: n,
                        };
                        if libc::setrlimit(resource, &limit) != 0 {
                            return Err(std::io::Error::last_os_error());
                        }
                    }
                    Ok(())
                });
            }
        }
        let what = self.shown();
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("{what} does not start: {e}"));
        let collect = |mut from: Box<dyn std::io::Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                from.read_to_end(&mut bytes).expect("the output reads");
                bytes
            })
        };
        let stdout = collect(Box::new(child.stdout.take().expect("piped")));
        let stderr = collect(Box::new(child.stderr.take().expect("piped")));
        Running {
            child,
            stdout,
            stderr,
            deadline: Instant::now() + self.timeout,
            own_group: self.own_group,
            what,
        }
    }

    /// Runs to the end: its exit status, standard output and error.
    pub fn run(self) -> Output {
        self.start().wait()
    }

    /// Runs to the end and asserts that it succeeded (exit code 0).
    #[track_caller]
    pub fn succeeds(self) -> Output {
        self.exits_with(0)
    }

    /// Runs to the end and asserts that it failed with exit code `code`.
    #[track_caller]
    pub fn fails(self, code: i32) -> Output {
        assert_ne!(code, 0, "a failure has an exit code other than 0");
        self.exits_with(code)
    }

    #[track_caller]
    fn exits_with(self, code: i32) -> Output {
        let what = self.shown();
        let o = self.run();
        assert_eq!(o.status.code(), Some(code), "{what}: {}", stderr(&o));
        o
    }
}

/// A run of the binary that has started, its output collected.
pub struct Running {
    child: Child,
    stdout: std::thread::JoinHandle<Vec<u8>>,
    stderr: std::thread::JoinHandle<Vec<u8>>,
    deadline: Instant,
    own_group: bool,
    what: String,
}

impl Running {
    /// Its process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Waits for it to end, at most until its deadline: past that it is
    /// killed and the test fails.
    pub fn wait(mut self) -> Output {
        while self.child.try_wait().expect("a status").is_none() {
            if Instant::now() > self.deadline {
                self.kill_now();
                let what = self.what.clone();
                let err = self.collected().stderr;
                panic!("{what} hung:\n{}", String::from_utf8_lossy(&err));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        self.collected()
    }

    /// Kills it, and not its worker processes (SIGKILL, as `kill -9` would),
    /// and waits for it.
    pub fn kill(mut self) -> Output {
        self.child.kill().expect("it is killed");
        self.collected()
    }

    /// Kills it and, in a group of its own, all of the group.
    fn kill_now(&mut self) {
        if self.own_group {
            // SAFETY: kill(2) with the process group of our own child.
            unsafe { libc::kill(-(self.child.id() as libc::pid_t), libc::SIGKILL) };
        }
        let _ = self.child.kill();
    }

    fn collected(mut self) -> Output {
        let status = self.child.wait().expect("a status");
        Output {
            status,
            stdout: self.stdout.join().expect("standard output"),
            stderr: self.stderr.join().expect("standard error"),
        }
    }
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The three extracts of a data folder.
pub const EXTRACTS: [&str; 3] = [
    "Y30R21.csv",
    "fokusmaal-samtaler.csv",
    "fokusmaal-aktive-tilbud.csv",
];

/// The text of one of the shipped extracts.
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(name)).expect("a fixture")
}

/// Fills the folder `dir` with copies of the fixtures' three extracts, all
/// but `file`, which `make` puts at the path it is given: an edited text,
/// other bytes, a FIFO, a link.
pub fn fixtures_in(dir: &Path, file: &str, make: impl FnOnce(&Path)) {
    assert!(EXTRACTS.contains(&file), "{file} is no extract");
    for name in EXTRACTS.into_iter().filter(|name| *name != file) {
        std::fs::copy(fixtures_dir().join(name), dir.join(name)).expect("a copy");
    }
    make(&dir.join(file));
}

/// A copy of the fixtures in a temporary folder, with `edit` applied to one file's text.
pub fn fixtures_with(file: &str, edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fixtures_in(dir.path(), file, |path| {
        std::fs::write(path, edit(fixture(file))).expect("write")
    });
    dir
}

/// A copy of the fixtures whose fokusmål extracts start with `first`
/// (`2019M01`): every earlier month's rows left out.
pub fn fixtures_from(first: &str) -> tempfile::TempDir {
    let first = Month::parse(first).expect("a month");
    let keep = |l: &str| {
        l.split(';')
            .nth(1)
            .and_then(Month::parse_code)
            .is_none_or(|m| m >= first)
    };
    let dir = fixtures_with("fokusmaal-samtaler.csv", |t| {
        t.split_inclusive('\n').filter(|l| keep(l)).collect()
    });
    let text = fixture("fokusmaal-aktive-tilbud.csv");
    let text: String = text.split_inclusive('\n').filter(|l| keep(l)).collect();
    std::fs::write(dir.path().join("fokusmaal-aktive-tilbud.csv"), text).expect("write");
    dir
}

/// The fokusmål fixtures with the total row of `kommune` in `maaned`
/// (`Sorø;2020M03`) discretized: its four figures written `.`.
pub fn fixtures_discretized(file: &str, kommune_maaned: &str) -> tempfile::TempDir {
    let prefix = format!("{kommune_maaned};Ydelsesgrupper i alt;Mindst 12 mdr.;");
    fixtures_with(file, |t| {
        let mut found = false;
        let text = t
            .split_inclusive('\n')
            .map(|l| {
                if !l.starts_with(&prefix) {
                    return l.to_string();
                }
                found = true;
                let end = &l[l.trim_end().len()..];
                let mut fields: Vec<&str> = l.trim_end().split(';').collect();
                fields[4..8].fill(".");
                fields.join(";") + end
            })
            .collect();
        assert!(found, "{file} has a row {prefix}");
        text
    })
}

/// A copy of the shipped template folder.
pub fn template_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
    let mut todo = vec![src.clone()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("the template folder") {
            let p = e.expect("an entry").path();
            let to = dir.path().join(p.strip_prefix(&src).expect("inside"));
            if p.is_dir() {
                std::fs::create_dir_all(&to).expect("a folder");
                todo.push(p);
            } else {
                std::fs::copy(&p, &to).expect("a copy");
            }
        }
    }
    dir
}

/// A copy of the shipped template whose `main.typ` ends with `extra`.
pub fn template_with(extra: &str) -> tempfile::TempDir {
    let dir = template_copy();
    let main = dir.path().join("main.typ");
    let text = std::fs::read_to_string(&main).expect("main.typ") + extra;
    std::fs::write(main, text).expect("write");
    dir
}

/// A copy of the small test template (`tests/templates/lille/`, a one-line
/// report made in milliseconds) whose `main.typ` ends with `extra`: for
/// tests of how a batch runs rather than of what the report says.
pub fn lille_template(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/templates/lille");
    for name in ["main.typ", "oversigt.typ"] {
        let mut text = std::fs::read_to_string(src.join(name)).expect("the small template");
        if name == "main.typ" {
            text.push_str(extra);
        }
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

/// Every file below `dir`, by path relative to it, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("a folder") {
            let p = e.expect("an entry").path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("inside");
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

/// The temporary files left anywhere below `dir`.
pub fn temporaries(dir: &Path) -> Vec<String> {
    files(dir)
        .into_iter()
        .filter(|f| f.contains(".jobcenterindblik-") || f.ends_with(".tmp"))
        .collect()
}

/// A kommune's row of the `status.csv` a batch wrote in `dir`, by column name.
pub fn status_of(dir: &Path, kode: &str) -> std::collections::HashMap<String, String> {
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

/// Asserts that a string contains every one of the pieces.
macro_rules! assert_contains {
    ($text:expr, $($piece:expr),+ $(,)?) => {{
        let text: &str = &$text;
        $( assert!(text.contains($piece), "expected {:?} in:\n{}", $piece, text); )+
    }};
}

/// The renderer with the built-in template, made once for all tests.
pub fn renderer() -> &'static jobcenterindblik::pdf::render::Renderer {
    static RENDERER: OnceLock<jobcenterindblik::pdf::render::Renderer> = OnceLock::new();
    RENDERER.get_or_init(|| {
        jobcenterindblik::pdf::render::Renderer::new(
            &jobcenterindblik::pdf::template::Template::embedded(),
        )
        .expect("the built-in template loads")
    })
}

/// The text of every page of a report made from the fixtures, laid out in
/// process with [`renderer`].
#[track_caller]
pub fn page_text(kommune: &str, periode: &str) -> Vec<String> {
    let doc = renderer()
        .compile(
            &model(kommune, periode),
            &jobcenterindblik::model::Oversigt::build(&land(periode)),
            &test_dokument(periode),
        )
        .expect("the report lays out");
    jobcenterindblik::pdf::text::page_texts(&doc)
}

/// Pages of text as one running text: every run of white space (line
/// breaks and no-break spaces included) made one plain space, so that a
/// sentence can be looked for whatever the line breaks.
pub fn running_text(pages: &[String]) -> String {
    pages
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The document of a report of `periode` as the command line dates it
/// without `SOURCE_DATE_EPOCH` (the first day after the month), and no
/// publisher.
pub fn test_dokument(periode: &str) -> jobcenterindblik::pdf::render::Dokument {
    jobcenterindblik::pdf::render::Dokument::dated(jobcenterindblik::pdf::render::document_date(
        month(periode),
        None,
    ))
}

/// The titles of a PDF's bookmarks (its outline), in file order: what Typst
/// makes of the headings. Reads the `/Title` strings of the outline items,
/// literal `(…)` or UTF-16 hex `<FEFF…>`.
pub fn bookmarks(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    let mut out = Vec::new();
    for (i, _) in text.match_indices("/Title") {
        let rest = &text[i + "/Title".len()..];
        if let Some(literal) = rest.strip_prefix('(') {
            let end = literal.find(')').unwrap_or(literal.len());
            out.push(literal[..end].to_string());
        } else if let Some(hex) = rest.strip_prefix("<FEFF") {
            let end = hex.find('>').unwrap_or(hex.len());
            let units: Vec<u16> = hex.as_bytes()[..end]
                .chunks(4)
                .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
                .collect();
            out.push(String::from_utf16_lossy(&units));
        }
    }
    out
}
