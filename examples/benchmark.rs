//! Measures the figures of `docs/performance.md` and prints them as tables.
//!
//! ```text
//! cargo build --release --examples
//! cargo run --release --example benchmark -- [--periode 2020-08] [--runs 3]
//!     [--jobs 1,2] [--anchor PATH/TO/typst] [--anchor-jobs 1,2] [--months]
//! cargo run --release --example benchmark -- --render-only N [TEMPLATE-DIR] [--trace FILE]
//! cargo run --release --example benchmark -- --against OTHER-BINARY [--pairs 7] [--periode 2020-08] [--jobs 2]
//! ```
//!
//! The main table: for each N of `--jobs`, our `batch --jobs N` as a
//! process, and with `--anchor` the stock Typst CLI compiling the same
//! template with the same 98 data files, N processes at a time (as `xargs -P
//! N` would), the ratio of the two, and the peak memory: per worker and in
//! all for ours (the batch says what its workers and it held), per process
//! and N times that for the anchor's. Then one `report` process end to end
//! against one stock compile of the same report; with `--months`, a batch
//! of the 12 months of 2021 against one of December 2021 at the largest N.
//! Medians over `--runs` runs, the anchor and ours interleaved run by run.
//!
//! - `--render-only N` lays out and exports the first N reports in process
//!   and writes nothing, for counting instructions under callgrind; with
//!   `--trace FILE` it writes a Chrome trace of Typst's own timing, its spans
//!   named by template file and line;
//! - `--against OTHER-BINARY` times `batch --jobs N` of this build against
//!   another build (say one of an earlier commit), pair by pair with the
//!   order alternating, so that both see the same drift of the machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use jobcenterindblik::model::{Oversigt, ReportModel};
use jobcenterindblik::pdf::render::{Dokument, Prepared, Renderer, document_date};
use jobcenterindblik::pdf::template::Template;
use jobcenterindblik::{Dataset, Kommune, Landsbillede, Month};

// The same allocator as the binary, so that the in-process figures match it.
#[global_allocator]
static GLOBAL: jobcenterindblik::alloc::Allocator = jobcenterindblik::alloc::Allocator;

/// What to measure.
struct Options {
    periode: Month,
    runs: usize,
    jobs: Vec<usize>,
    binary: PathBuf,
    data: PathBuf,
    anchor: Option<PathBuf>,
    anchor_jobs: Vec<usize>,
    months: bool,
}

#[cfg_attr(test, allow(dead_code))]
fn main() {
    jobcenterindblik::alloc::tune();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter().position(|a| a == name).map(|i| {
            args.get(i + 1)
                .unwrap_or_else(|| panic!("{name} needs a value"))
                .clone()
        })
    };
    let list = |name: &str, default: &[usize]| {
        value(name).map_or(default.to_vec(), |v| {
            v.split(',')
                .map(|n| n.trim().parse().expect("a number"))
                .collect()
        })
    };
    let periode = Month::parse(&value("--periode").unwrap_or("2020-08".into())).expect("a month");
    if let Some(n) = value("--render-only") {
        let n = n.parse().expect("--render-only N");
        let dir = args.iter().skip_while(|a| *a != "--render-only").nth(2);
        let dir = dir.filter(|d| !d.starts_with("--")).map(PathBuf::from);
        render_only(
            periode,
            n,
            dir.as_deref(),
            value("--trace").map(PathBuf::from).as_deref(),
        );
        return;
    }
    let jobs = list("--jobs", &[1, 2]);
    if let Some(other) = value("--against") {
        let pairs = value("--pairs").map_or(7, |p| p.parse().expect("a number"));
        let n = *jobs.last().expect("a --jobs");
        against(&release_binary(), Path::new(&other), periode, n, pairs);
        return;
    }
    let o = Options {
        periode,
        runs: value("--runs").map_or(3, |r| r.parse().expect("a number")),
        anchor_jobs: list("--anchor-jobs", &jobs),
        jobs,
        binary: release_binary(),
        data: PathBuf::from(value("--data").unwrap_or("fixtures/jobindsats".into())),
        anchor: value("--anchor").map(PathBuf::from),
        months: args.iter().any(|a| a == "--months"),
    };
    benchmark(&o);
}

/// The project's release binary beside this example.
fn release_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the example knows where it is");
    let release = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/release/examples/benchmark");
    let binary = release.join("jobcenterindblik");
    assert!(
        binary.exists(),
        "{} is missing: run `cargo build --release` first",
        binary.display()
    );
    binary
}

/// The stock Typst CLI and the project it compiles: the template, its fonts
/// and the 98 data files, with each kommune's code and document title.
struct Anchor {
    typst: PathBuf,
    dir: PathBuf,
    jobs: Vec<(String, String)>,
}

/// One batch run: wall time, and the memory its summary line reports (the
/// most one worker held, and what the batch process itself held), in kB.
struct BatchRun {
    wall: Duration,
    worker_kb: u64,
    main_kb: u64,
}

/// Runs `batch` as a process and reads its summary line.
fn batch(o: &Options, periode: &str, jobs: usize, out: &Path) -> BatchRun {
    let start = Instant::now();
    let output = Command::new(&o.binary)
        .args([
            "batch",
            "--periode",
            periode,
            "--jobs",
            &jobs.to_string(),
            "--data",
        ])
        .arg(&o.data)
        .arg("-o")
        .arg(out)
        .stdout(Stdio::null())
        .output()
        .expect("the batch runs");
    let wall = start.elapsed();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the batch failed: {err}");
    // "…; 2 worker processes, at most 59 MB each, 57 MB in this process"
    let mb = |after: &str, before: &str| -> u64 {
        err.split(after)
            .nth(1)
            .and_then(|r| r.split(before).next())
            .and_then(|n| n.trim().parse::<u64>().ok())
            .map_or(0, |mb| mb * 1024)
    };
    let _ = std::fs::remove_dir_all(out);
    BatchRun {
        wall,
        worker_kb: mb("at most ", " MB each"),
        main_kb: mb("MB each, ", " MB in this process"),
    }
}

/// Runs every measurement and prints the tables.
fn benchmark(o: &Options) {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let data = Dataset::load(&o.data).expect("the data load");
    let land = Landsbillede::new(&data, o.periode, None).expect("the month is covered");
    let anchor = o.anchor.as_ref().map(|typst| {
        let (dir, jobs) = anchor_project(scratch.path(), &land);
        Anchor {
            typst: typst.clone(),
            dir,
            jobs,
        }
    });
    println!(
        "| parallel | our `batch --jobs N` | stock Typst CLI, N at a time | ours faster by | ours: peak per worker / in all | stock: peak per process / in all |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    let all: std::collections::BTreeSet<usize> =
        o.jobs.iter().chain(&o.anchor_jobs).copied().collect();
    for n in all {
        let (mut ours, mut stock) = (Vec::new(), Vec::new());
        for run in 0..o.runs {
            if o.jobs.contains(&n) {
                let out = scratch.path().join(format!("batch-{n}-{run}"));
                ours.push(batch(o, &o.periode.iso(), n, &out));
            }
            if let Some(a) = &anchor
                && o.anchor_jobs.contains(&n)
            {
                stock.push(anchor_run(a, n, run));
            }
        }
        print_row(n, &mut ours, &mut stock);
    }
    one_report(o, scratch.path(), anchor.as_ref());
    if o.months {
        months(o, scratch.path());
    }
}

/// One row of the main table, from the runs of each side (medians).
fn print_row(n: usize, ours: &mut [BatchRun], stock: &mut [(Duration, u64)]) {
    ours.sort_by_key(|r| r.wall);
    stock.sort_by_key(|r| r.0);
    let our = ours.get(ours.len() / 2);
    let their = stock.get(stock.len() / 2);
    let secs = |d: Duration| format!("{:.2} s", d.as_secs_f64());
    let mb = |kb: u64| kb.div_ceil(1024);
    println!(
        "| {n} | {} | {} | {} | {} | {} |",
        our.map_or("–".into(), |r| secs(r.wall)),
        their.map_or("–".into(), |r| secs(r.0)),
        match (our, their) {
            (Some(a), Some(b)) => format!("{:.2}×", b.0.as_secs_f64() / a.wall.as_secs_f64()),
            _ => "–".into(),
        },
        our.map_or("–".into(), |r| format!(
            "{} MB / {} MB",
            mb(r.worker_kb),
            mb(r.main_kb + n as u64 * r.worker_kb)
        )),
        their.map_or("–".into(), |r| format!(
            "{} MB / {} MB",
            mb(r.1),
            mb(n as u64 * r.1)
        )),
    );
}

/// One `report` process against one stock compile of the same report.
fn one_report(o: &Options, scratch: &Path, anchor: Option<&Anchor>) {
    let sorø = Kommune::lookup("Sorø").expect("Sorø");
    let (mut ours, mut stock) = (Vec::new(), Vec::new());
    for run in 0..o.runs.max(5) {
        let t = Instant::now();
        let status = Command::new(&o.binary)
            .args([
                "report",
                "--kommune",
                "Sorø",
                "--periode",
                &o.periode.iso(),
                "-o",
            ])
            .arg(scratch.join("single.pdf"))
            .arg("--data")
            .arg(&o.data)
            .stderr(Stdio::null())
            .status()
            .expect("the report runs");
        assert!(status.success());
        ours.push(t.elapsed());
        if let Some(a) = anchor {
            let job = a
                .jobs
                .iter()
                .find(|(kode, _)| *kode == sorø.kode.to_string())
                .expect("Sorø's data");
            stock.push(compile(a, job, run).0);
        }
    }
    ours.sort();
    stock.sort();
    let ms = |d: &Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    println!("\n| figure | median |\n| --- | --- |");
    println!(
        "| one `report` process (Sorø), end to end | {} |",
        ms(&ours[ours.len() / 2])
    );
    if let Some(s) = stock.get(stock.len() / 2) {
        println!("| one stock Typst compile of the same report | {} |", ms(s));
        println!(
            "| ours against the stock compile | {:.2}× |",
            ours[ours.len() / 2].as_secs_f64() / s.as_secs_f64()
        );
    }
}

/// `--months`: the 12 months of 2021 in one batch against December 2021
/// alone, at the largest `--jobs`: time per report and memory.
fn months(o: &Options, scratch: &Path) {
    let n = *o.jobs.iter().max().expect("a --jobs");
    let (mut one, mut twelve) = (Vec::new(), Vec::new());
    for run in 0..o.runs {
        let out = scratch.join(format!("one-{run}"));
        one.push(batch(o, "2021-12", n, &out));
        let out = scratch.join(format!("twelve-{run}"));
        twelve.push(batch(o, "2021-01..2021-12", n, &out));
    }
    one.sort_by_key(|r| r.wall);
    twelve.sort_by_key(|r| r.wall);
    let (a, b) = (&one[one.len() / 2], &twelve[twelve.len() / 2]);
    let per = |r: &BatchRun, reports: f64| r.wall.as_secs_f64() * 1000.0 / reports;
    println!(
        "\n| `--jobs {n}` | per report | peak per worker / in this process |\n| --- | --- | --- |"
    );
    for (what, r, reports) in [
        ("2021-12 (98 reports)", a, 98.0),
        ("2021-01..2021-12 (1.176)", b, 1176.0),
    ] {
        println!(
            "| {what} | {:.1} ms | {} MB / {} MB |",
            per(r, reports),
            r.worker_kb.div_ceil(1024),
            r.main_kb.div_ceil(1024)
        );
    }
    println!(
        "| 12 months against one, per report | {:.2}× | |",
        per(b, 1176.0) / per(a, 98.0)
    );
}

/// `--against OTHER --pairs P --jobs N`: `batch --jobs N` of this build and
/// of `other`, P pairs, the order alternating: each side's median and the
/// median and range of the ratio this / other.
fn against(binary: &Path, other: &Path, periode: Month, jobs: usize, pairs: usize) {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let run = |bin: &Path| {
        let out = scratch.path().join("out");
        let t = Instant::now();
        let status = Command::new(bin)
            .args([
                "batch",
                "--periode",
                &periode.iso(),
                "--jobs",
                &jobs.to_string(),
            ])
            .args(["--data", "fixtures/jobindsats", "--out-dir"])
            .arg(&out)
            .stderr(Stdio::null())
            .status()
            .expect("the batch runs");
        assert!(status.success());
        let _ = std::fs::remove_dir_all(&out);
        t.elapsed().as_secs_f64()
    };
    let mut ratios = Vec::new();
    let (mut this, mut that) = (Vec::new(), Vec::new());
    for pair in 0..pairs {
        let (a, b) = if pair % 2 == 0 {
            let a = run(binary);
            (a, run(other))
        } else {
            let b = run(other);
            (run(binary), b)
        };
        eprintln!("pair {pair}: this {a:.2} s, other {b:.2} s");
        this.push(a);
        that.push(b);
        ratios.push(a / b);
    }
    for v in [&mut this, &mut that, &mut ratios] {
        v.sort_by(f64::total_cmp);
    }
    let mid = |v: &[f64]| v[v.len() / 2];
    println!("| `batch --jobs {jobs}` | median |\n| --- | --- |");
    println!("| this build | {:.2} s |", mid(&this));
    println!("| {} | {:.2} s |", other.display(), mid(&that));
    println!(
        "| this / other, {pairs} pairs | {:.2} ({:.2} to {:.2}) |",
        mid(&ratios),
        ratios[0],
        ratios[ratios.len() - 1]
    );
}

/// `--render-only N [TEMPLATE-DIR] [--trace FILE]`: lays out and exports the
/// first N reports of the month in process and on this thread, with the
/// built-in template or one from a folder, and writes nothing. Run under
/// callgrind with N = 1 and N = 5: a quarter of the difference is what one
/// more report costs, in instructions (see docs/performance.md).
fn render_only(periode: Month, n: usize, template: Option<&Path>, trace: Option<&Path>) {
    let data = Dataset::load(Path::new("fixtures/jobindsats")).expect("the data load");
    let land = Landsbillede::new(&data, periode, None).expect("the month is covered");
    let oversigt = Oversigt::build(&land);
    let template = template.map_or_else(Template::embedded, |dir| {
        Template::from_dir(dir).expect("the template folder loads")
    });
    let renderer = Renderer::new(&template).expect("the template loads");
    let dokument = Dokument::dated(document_date(periode, None));
    if trace.is_some() {
        typst_timing::enable();
    }
    let bytes: usize = Kommune::all()
        .iter()
        .take(n)
        .map(|k| {
            let model = ReportModel::build(&land, k).expect("a model");
            renderer
                .render(&model, &oversigt, &dokument)
                .expect("a PDF")
                .len()
        })
        .sum();
    if let Some(trace) = trace {
        typst_timing::disable();
        let file = std::fs::File::create(trace).expect("the trace file");
        typst_timing::export_json(file, |span| locate_span(&template, span))
            .expect("the trace is written");
    }
    eprintln!("{n} reports, {bytes} bytes of PDF");
}

/// The template file and line of a raw span from Typst's timing trace, so
/// that a trace names real template lines (`?` for a span of no template file).
fn locate_span(template: &Template, raw: std::num::NonZeroU64) -> (String, u32) {
    let locate = || -> Option<(String, u32)> {
        let span = typst::syntax::Span::from_raw(raw);
        let id = span.id()?;
        let rel = id.vpath().get_without_slash();
        let text = String::from_utf8(template.read(rel).ok()?).ok()?;
        let source = typst::syntax::Source::new(id, text);
        let range = source.find(span)?.range();
        let line = source.lines().byte_to_line(range.start)?;
        Some((format!("report-templates/{rel}"), line as u32 + 1))
    };
    locate().unwrap_or_else(|| ("?".to_string(), 0))
}

/// A folder with the template, its fonts and the 98 data files, for the stock
/// CLI; and per kommune its code and the document title (PDF/UA-1 needs one,
/// and the template takes it from `--input titel=...` under the stock CLI).
fn anchor_project(scratch: &Path, land: &Landsbillede<'_>) -> (PathBuf, Vec<(String, String)>) {
    let dir = scratch.join("anchor");
    let template = Template::embedded();
    for (rel, bytes) in &template.files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        std::fs::write(path, bytes).expect("a template file");
    }
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).expect("a folder");
    for (i, font) in template.fonts.iter().enumerate() {
        std::fs::write(fonts.join(format!("font-{i}.otf")), font).expect("a font");
    }
    let data = dir.join("data");
    std::fs::create_dir_all(&data).expect("a folder");
    let dokument = Dokument::dated(document_date(land.maaned, None));
    // The overview, the same for every report, where the template looks by default.
    let oversigt = Oversigt::build(land);
    std::fs::write(
        dir.join("oversigt.json"),
        serde_json::to_vec(&oversigt).expect("JSON"),
    )
    .expect("the overview");
    let mut jobs = Vec::new();
    for k in Kommune::all() {
        let model = ReportModel::build(land, k).expect("a model");
        let titel = format!(
            "{} kommunes Jobcenterindblikrapport for {}",
            model.kommune.navn, model.periode.tekst
        );
        jobs.push((k.kode.to_string(), titel));
        let json = Prepared::report(&model, &dokument);
        std::fs::write(data.join(format!("{}.json", k.kode)), json.as_bytes())
            .expect("a data file");
    }
    (dir, jobs)
}

/// The 98 stock compiles, `n` processes at a time: wall time and the most
/// memory one process held (kB).
fn anchor_run(a: &Anchor, n: usize, run: usize) -> (Duration, u64) {
    let next = AtomicUsize::new(0);
    let peak = std::sync::atomic::AtomicU64::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..n {
            s.spawn(|| {
                while let Some(job) = a.jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let (_, kb) = compile(a, job, run);
                    peak.fetch_max(kb, Ordering::Relaxed);
                }
            });
        }
    });
    (start.elapsed(), peak.load(Ordering::Relaxed))
}

/// One stock compile of a kommune's report: wall time and peak memory (kB).
fn compile(a: &Anchor, (kode, titel): &(String, String), run: usize) -> (Duration, u64) {
    timed_process(
        Command::new(&a.typst)
            .current_dir(&a.dir)
            .args([
                "compile",
                "--root",
                ".",
                "--font-path",
                "fonts",
                "--ignore-system-fonts",
            ])
            .args(["--pdf-standard", "ua-1", "--input"])
            .arg(format!("data=/data/{kode}.json"))
            .arg("--input")
            .arg(format!("titel={titel}"))
            .arg("main.typ")
            .arg(format!("out-{run}-{kode}.pdf")),
    )
}

/// Runs a process to completion; its wall time and peak RSS in KiB.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its peak RSS"
)]
fn timed_process(cmd: &mut Command) -> (Duration, u64) {
    let start = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the process starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value to be overwritten by wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(waited, pid, "wait4 reaps the child");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "the process succeeds"
    );
    (elapsed, usage.ru_maxrss as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_benchmark_renders_a_report_and_names_template_lines() {
        let periode = Month::parse("2020-08").expect("a month");
        render_only(periode, 1, None, None);
        // A span of the template is named by its file and line.
        let template = Template::embedded();
        let id = jobcenterindblik::pdf::world::file_id("lib/format.typ").unwrap();
        let text = String::from_utf8(template.read("lib/format.typ").unwrap()).unwrap();
        let source = typst::syntax::Source::new(id, text);
        let span = source.root().span();
        let raw = std::num::NonZeroU64::new(span.into_raw().get()).unwrap();
        assert_eq!(
            locate_span(&template, raw),
            ("report-templates/lib/format.typ".into(), 1)
        );
    }
}
