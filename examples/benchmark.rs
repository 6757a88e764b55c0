//! Measures the figures of `docs/performance.md` and prints them as a table.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example benchmark -- [--periode 2020-08] [--runs 5]
//!     [--anchor PATH/TO/typst] [--anchor-runs 3] [--trace FILE]
//! cargo run --release --example benchmark -- --render-only N [TEMPLATE-DIR]
//! cargo run --release --example benchmark -- --months [--runs 3]
//! cargo run --release --example benchmark -- --against OTHER-BINARY [--pairs 7] [--periode 2020-08]
//! ```
//!
//! - reading the national extracts and computing all measures and models (in process);
//! - layout and PDF export per report (in process, one thread, 98 reports);
//! - the `batch` command as a process with `--jobs 1` and `--jobs 2`: wall time
//!   and peak RSS (from `wait4`);
//! - a single `report` process end to end;
//! - with `--anchor`, the stock Typst CLI compiling the same template and the
//!   same 98 data files, one process per kommune, two at a time;
//! - the batch's plain worker threads against a rayon pool of the same size
//!   (each in a process of its own, for its peak RSS);
//! - with `--trace`, a Chrome trace of Typst's own timing for a few reports,
//!   for finding what in the template is expensive;
//! - `--render-only N` renders the first N reports and nothing else, for
//!   counting instructions under callgrind;
//! - `--months` compares a batch of the 12 months of 2021 with one of
//!   December alone: time per report and peak RSS;
//! - `--against OTHER-BINARY` times `batch --jobs 2` of this build against
//!   another build of the program (say one of an earlier commit), pair by
//!   pair with the order alternating, so that both see the same drift of the
//!   machine: medians and the ratio this / other of each pair.
//!
//! Medians over `--runs` runs. Run it on a quiet machine.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use jobcenterindblik::commands::batch::{BatchOptions, MonthWork, produce};
use jobcenterindblik::model::{Oversigt, ReportModel};
use jobcenterindblik::pdf::render::{Dokument, Meta, Renderer, TemplateData};
use jobcenterindblik::pdf::template::Template;
use jobcenterindblik::{Dataset, Kommune, Landsbillede, Month};

// The same allocator as the binary, so that the in-process figures match it.
#[global_allocator]
static GLOBAL: jobcenterindblik::alloc::Allocator = jobcenterindblik::alloc::Allocator;

/// What to measure.
pub struct Options {
    /// The report month.
    pub periode: Month,
    /// Runs per figure.
    pub runs: usize,
    /// The project's binary.
    pub binary: PathBuf,
    /// The data folder.
    pub data: PathBuf,
    /// The stock Typst CLI, if the anchor should be measured.
    pub anchor: Option<PathBuf>,
    /// Runs of the anchor (each is 98 processes).
    pub anchor_runs: usize,
    /// Where to write a Typst timing trace, if anywhere.
    pub trace: Option<PathBuf>,
}

/// One measured figure.
pub struct Figure {
    /// What it is.
    pub what: String,
    /// The value, formatted.
    pub value: String,
}

fn main() {
    jobcenterindblik::alloc::tune();
    let mut args = std::env::args().skip(1).peekable();
    if args.next_if(|a| a == "--inner").is_some() {
        let (Some(mode), Some(out)) = (args.next(), args.next()) else {
            panic!("--inner MODE OUT-DIR");
        };
        inner(&mode, &out);
        return;
    }
    if args.next_if(|a| a == "--months").is_some() {
        let runs = args
            .next_if(|a| a == "--runs")
            .and_then(|_| args.next())
            .map_or(3, |n| n.parse().expect("a number"));
        for f in months(&release_binary(), Path::new("fixtures/jobindsats"), runs) {
            println!("| {} | {} |", f.what, f.value);
        }
        return;
    }
    if args.next_if(|a| a == "--against").is_some() {
        let other = PathBuf::from(args.next().expect("--against OTHER-BINARY"));
        let (mut pairs, mut periode) = (7, "2020-08".to_string());
        while let Some(a) = args.next() {
            let value = args.next().unwrap_or_else(|| panic!("{a} needs a value"));
            match a.as_str() {
                "--pairs" => pairs = value.parse().expect("a number"),
                "--periode" => periode = value,
                other => panic!("unknown argument {other}"),
            }
        }
        let data = Path::new("fixtures/jobindsats");
        for f in against(&release_binary(), &other, data, &periode, pairs) {
            println!("| {} | {} |", f.what, f.value);
        }
        return;
    }
    if args.next_if(|a| a == "--render-only").is_some() {
        let n = args
            .next()
            .and_then(|n| n.parse().ok())
            .expect("--render-only N [TEMPLATE-DIR]");
        render_only(n, args.next().as_deref().map(Path::new));
        return;
    }
    let mut o = Options {
        periode: Month::parse("2020-08").expect("a month"),
        runs: 5,
        binary: release_binary(),
        data: PathBuf::from("fixtures/jobindsats"),
        anchor: None,
        anchor_runs: 3,
        trace: None,
    };
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--periode" => o.periode = Month::parse(&value()).expect("a month"),
            "--runs" => o.runs = value().parse().expect("a number"),
            "--anchor" => o.anchor = Some(PathBuf::from(value())),
            "--anchor-runs" => o.anchor_runs = value().parse().expect("a number"),
            "--trace" => o.trace = Some(PathBuf::from(value())),
            "--data" => o.data = PathBuf::from(value()),
            other => panic!("unknown argument {other}"),
        }
    }
    println!("| figure | median |\n| --- | --- |");
    for f in benchmark(&o) {
        println!("| {} | {} |", f.what, f.value);
    }
}

/// A month's work for the batch's workers, written as PDF into `out_dir`.
fn month_work<'d>(data: &'d Dataset, periode: Month, out_dir: &Path) -> MonthWork<'d> {
    let land = Landsbillede::new(data, periode, None).expect("the month is covered");
    MonthWork {
        oversigt: Oversigt::build(&land),
        land,
        options: BatchOptions {
            out_dir: out_dir.to_path_buf(),
            dokument: Dokument::dated(jobcenterindblik::pdf::render::document_date(periode, None)),
        },
    }
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

/// `--months [--runs N]`: a batch of the 12 months of 2021 against one of
/// December 2021 alone, in the same run, interleaved: wall time per report
/// and peak RSS of each, and their ratios.
pub fn months(binary: &Path, data: &Path, runs: usize) -> Vec<Figure> {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let (mut one, mut twelve) = (Vec::new(), Vec::new());
    for run in 0..runs {
        for (periode, reports, into) in [
            ("2021-12", 98.0, &mut one),
            ("2021-01..2021-12", 12.0 * 98.0, &mut twelve),
        ] {
            let out = scratch.path().join(format!("{periode}-{run}"));
            let (wall, peak) = timed_process(
                Command::new(binary)
                    .args(["batch", "--periode", periode, "--data"])
                    .arg(data)
                    .arg("-o")
                    .arg(&out),
            );
            eprintln!(
                "{periode}, run {run}: {:.2} s, {} MB",
                wall.as_secs_f64(),
                peak / 1024
            );
            into.push((wall.as_secs_f64() / reports, peak));
            std::fs::remove_dir_all(&out).expect("the run's files go");
        }
    }
    let med = |v: &[(f64, u64)], f: fn(&(f64, u64)) -> f64| {
        let mut xs: Vec<f64> = v.iter().map(f).collect();
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    };
    let (t1, r1) = (med(&one, |x| x.0), med(&one, |x| x.1 as f64));
    let (t12, r12) = (med(&twelve, |x| x.0), med(&twelve, |x| x.1 as f64));
    vec![
        Figure {
            what: "`batch` of December 2021 (98 reports): per report / peak RSS".into(),
            value: format!("{:.1} ms / {:.0} MB", t1 * 1000.0, r1 / 1024.0),
        },
        Figure {
            what: "`batch` of 2021-01..2021-12 (1.176 reports): per report / peak RSS".into(),
            value: format!("{:.1} ms / {:.0} MB", t12 * 1000.0, r12 / 1024.0),
        },
        Figure {
            what: "12 months against one: time per report / peak RSS".into(),
            value: format!("{:.2}× / {:.2}×", t12 / t1, r12 / r1),
        },
    ]
}

/// `--against OTHER [--pairs N] [--periode P]`: `batch --periode P --jobs 2`
/// with this build and with `other`, N pairs, the order alternating from
/// pair to pair: each side's median wall time and peak RSS, and the median
/// and range of the ratio this / other over the pairs.
pub fn against(
    binary: &Path,
    other: &Path,
    data: &Path,
    periode: &str,
    pairs: usize,
) -> Vec<Figure> {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let run = |bin: &Path, name: &str| {
        let out = scratch.path().join(name);
        let (wall, peak) = timed_process(
            Command::new(bin)
                .args(["batch", "--periode", periode, "--jobs", "2", "--data"])
                .arg(data)
                .arg("--out-dir") // older builds have no -o on batch
                .arg(&out),
        );
        std::fs::remove_dir_all(&out).expect("the run's files go");
        (wall.as_secs_f64(), peak)
    };
    let (mut this, mut that) = (Vec::new(), Vec::new());
    for pair in 0..pairs {
        let (a, b) = if pair % 2 == 0 {
            let a = run(binary, "this");
            (a, run(other, "other"))
        } else {
            let b = run(other, "other");
            (run(binary, "this"), b)
        };
        eprintln!("pair {pair}: this {:.2} s, other {:.2} s", a.0, b.0);
        this.push(a);
        that.push(b);
    }
    let med = |mut xs: Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    };
    let mut ratios: Vec<f64> = this.iter().zip(&that).map(|(a, b)| a.0 / b.0).collect();
    ratios.sort_by(f64::total_cmp);
    let side = |v: &[(f64, u64)]| {
        format!(
            "{:.2} s / {:.0} MB",
            med(v.iter().map(|x| x.0).collect()),
            med(v.iter().map(|x| x.1 as f64).collect()) / 1024.0
        )
    };
    vec![
        Figure {
            what: format!("`batch --periode {periode} --jobs 2`, this build: wall time / peak RSS"),
            value: side(&this),
        },
        Figure {
            what: format!("the same with {}: wall time / peak RSS", other.display()),
            value: side(&that),
        },
        Figure {
            what: format!("this / other, {pairs} pairs: median (range)"),
            value: format!(
                "{:.2} ({:.2} to {:.2})",
                med(ratios.clone()),
                ratios[0],
                ratios[ratios.len() - 1]
            ),
        },
    ]
}

/// Runs every measurement and returns the figures.
pub fn benchmark(o: &Options) -> Vec<Figure> {
    let mut figures = Vec::new();
    let mut add = |what: &str, value: String| {
        eprintln!("{what}: {value}");
        figures.push(Figure {
            what: what.to_string(),
            value,
        });
    };
    let scratch = tempfile::tempdir().expect("a scratch folder");

    // Reading the extracts and computing every measure and model.
    let load = median((0..o.runs).map(|_| {
        let t = Instant::now();
        let data = Dataset::load(&o.data).expect("the data load");
        let land = Landsbillede::new(&data, o.periode, None).expect("the month is covered");
        let _ = Oversigt::build(&land);
        for k in Kommune::all() {
            let _ = ReportModel::build(&land, k);
        }
        t.elapsed()
    }));
    add(
        "read the extracts and compute all measures and 98 report models",
        ms(load),
    );

    // Layout and export per report, one thread.
    let data = Dataset::load(&o.data).expect("the data load");
    let land = Landsbillede::new(&data, o.periode, None).expect("the month is covered");
    let oversigt = Oversigt::build(&land);
    let renderer = Renderer::new(&Template::embedded()).expect("the template loads");
    let inproc = scratch.path().join("inproc");
    std::fs::create_dir_all(&inproc).expect("a folder");
    if let Some(trace) = &o.trace {
        typst_timing::enable();
        let outcomes = produce(
            month_work(&data, o.periode, &inproc),
            Some(&renderer),
            1,
            &|_| {},
        )
        .expect("the workers start");
        typst_timing::disable();
        let file = std::fs::File::create(trace).expect("the trace file");
        typst_timing::export_json(file, |span| renderer.locate_span(span))
            .expect("the trace is written");
        eprintln!(
            "wrote a Typst timing trace of {} reports to {}",
            outcomes.len(),
            trace.display()
        );
    }
    let outcomes = produce(
        month_work(&data, o.periode, &inproc),
        Some(&renderer),
        1,
        &|_| {},
    )
    .expect("the workers start");
    assert!(
        outcomes.iter().all(|x| x.result.is_ok()),
        "every report renders"
    );
    add(
        "layout per report (in process, 98 reports)",
        ms(median(outcomes.iter().map(|x| x.compile))),
    );
    add(
        "PDF export per report (in process, 98 reports)",
        ms(median(outcomes.iter().map(|x| x.export))),
    );

    // The batch as a process.
    let mut batch_2 = Duration::ZERO;
    for jobs in [1, 2] {
        let mut peaks = Vec::new();
        let wall = median((0..o.runs).map(|run| {
            let out = scratch.path().join(format!("batch-{jobs}-{run}"));
            let (elapsed, peak) = timed_process(
                Command::new(&o.binary)
                    .args([
                        "batch",
                        "--periode",
                        &o.periode.iso(),
                        "--jobs",
                        &jobs.to_string(),
                    ])
                    .arg("--data")
                    .arg(&o.data)
                    .arg("--out-dir")
                    .arg(&out),
            );
            peaks.push(peak);
            elapsed
        }));
        peaks.sort_unstable();
        if jobs == 2 {
            batch_2 = wall;
        }
        add(
            &format!("`batch` of 98 reports, --jobs {jobs}: wall time"),
            format!("{:.2} s", wall.as_secs_f64()),
        );
        add(
            &format!("`batch` of 98 reports, --jobs {jobs}: peak RSS"),
            format!("{} MB", peaks[peaks.len() / 2] / 1024),
        );
    }

    // How the two workers are run, in process: as `batch` does (plain threads,
    // each with a one-thread rayon pool of its own), as plain threads sharing
    // Typst's global rayon pool, and as `par_iter` on a two-thread rayon pool.
    for (mode, what) in [
        (
            "threads",
            "2 worker threads with a one-thread pool each (as `batch`)",
        ),
        ("shared", "2 worker threads sharing the global rayon pool"),
        ("rayon", "`par_iter` on a two-thread rayon pool"),
    ] {
        let mut peaks = Vec::new();
        let wall = median((0..o.runs).map(|run| {
            let out = scratch.path().join(format!("{mode}-{run}"));
            let (elapsed, peak) = timed_process(
                Command::new(std::env::current_exe().expect("the example knows where it is"))
                    .args(["--inner", mode])
                    .arg(&out),
            );
            peaks.push(peak);
            elapsed
        }));
        peaks.sort_unstable();
        add(
            &format!("98 reports, {what} (process incl. start-up): wall time / peak RSS"),
            format!(
                "{:.2} s / {} MB",
                wall.as_secs_f64(),
                peaks[peaks.len() / 2] / 1024
            ),
        );
    }

    // One report as a process.
    let single = median((0..o.runs.max(3)).map(|_| {
        timed_process(
            Command::new(&o.binary)
                .args([
                    "report",
                    "--kommune",
                    "Sorø",
                    "--periode",
                    &o.periode.iso(),
                    "-o",
                ])
                .arg(scratch.path().join("single.pdf"))
                .arg("--data")
                .arg(&o.data),
        )
        .0
    }));
    add("one `report` process, end to end", ms(single));

    // The anchor: the stock Typst CLI, one process per kommune, two at a time.
    if let Some(typst) = &o.anchor {
        let (dir, jobs) = anchor_project(scratch.path(), &land, &oversigt);
        let wall = median((0..o.anchor_runs).map(|run| anchor_run(typst, &dir, &jobs, run)));
        add(
            "anchor: stock Typst CLI 0.15, 98 processes, 2 at a time: wall time",
            format!("{:.2} s", wall.as_secs_f64()),
        );
        add(
            "our `batch --jobs 2` is faster than the anchor by",
            format!("{:.1}×", wall.as_secs_f64() / batch_2.as_secs_f64()),
        );
    }
    figures
}

/// `--inner threads|shared|rayon OUT-DIR`: makes the 98 reports of August
/// 2020 from the fixtures on two workers as `batch` does (`threads`), on two
/// plain threads that share Typst's global rayon pool (`shared`, what `batch`
/// did before), or with `par_iter` on a two-thread rayon pool (`rayon`),
/// writing the PDFs to OUT-DIR.
fn inner(mode: &str, out: &str) {
    use rayon::prelude::*;
    let periode = Month::parse("2020-08").expect("a month");
    let data = Dataset::load(Path::new("fixtures/jobindsats")).expect("the data load");
    let renderer = Renderer::new(&Template::embedded()).expect("the template loads");
    let work = month_work(&data, periode, Path::new(out));
    std::fs::create_dir_all(&work.options.out_dir).expect("a folder");
    match mode {
        "threads" => {
            let outcomes = produce(work, Some(&renderer), 2, &|_| {}).expect("the workers start");
            assert!(outcomes.iter().all(|x| x.result.is_ok()));
        }
        "shared" => {
            let next = std::sync::atomic::AtomicUsize::new(0);
            std::thread::scope(|scope| {
                for _ in 0..2 {
                    std::thread::Builder::new()
                        .stack_size(16 << 20)
                        .spawn_scoped(scope, || {
                            while let Some(k) = Kommune::all()
                                .get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                            {
                                write_one(&work, &renderer, k);
                            }
                        })
                        .expect("a worker starts");
                }
            });
        }
        "rayon" => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .stack_size(16 << 20)
                .build()
                .expect("a pool");
            pool.install(|| {
                Kommune::all()
                    .par_iter()
                    .for_each(|k| write_one(&work, &renderer, k));
            });
        }
        other => panic!("unknown mode {other}"),
    }
}

/// Renders one kommune's report of the month and writes it to the month's folder.
fn write_one(work: &MonthWork<'_>, renderer: &Renderer, k: &'static Kommune) {
    let (land, options) = (&work.land, &work.options);
    let model = ReportModel::build(land, k).expect("a model");
    let pdf = renderer
        .render(&model, &work.oversigt, &options.dokument)
        .expect("a PDF")
        .pdf;
    let name = format!("{}-{}.pdf", k.kode, land.maaned.iso());
    jobcenterindblik::output::write_atomic(&options.out_dir.join(name), &pdf).expect("written");
}

/// `--render-only N [TEMPLATE-DIR]`: lays out and exports the first N reports
/// of August 2020 from the fixtures, in process and on this thread, with the
/// built-in template or one from a folder, and writes nothing. Run under
/// callgrind with N = 1 and N = 5: a quarter of the difference is what one
/// more report costs, in instructions (see docs/performance.md).
fn render_only(n: usize, template: Option<&Path>) {
    let periode = Month::parse("2020-08").expect("a month");
    let data = Dataset::load(Path::new("fixtures/jobindsats")).expect("the data load");
    let land = Landsbillede::new(&data, periode, None).expect("the month is covered");
    let oversigt = Oversigt::build(&land);
    let template = match template {
        Some(dir) => Template::from_dir(dir).expect("the template folder loads"),
        None => Template::embedded(),
    };
    let renderer = Renderer::new(&template).expect("the template loads");
    let dokument = Dokument::dated(jobcenterindblik::pdf::render::document_date(periode, None));
    let bytes: usize = Kommune::all()
        .iter()
        .take(n)
        .map(|k| {
            let model = ReportModel::build(&land, k).expect("a model");
            renderer
                .render(&model, &oversigt, &dokument)
                .expect("a PDF")
                .pdf
                .len()
        })
        .sum();
    eprintln!("{n} reports, {bytes} bytes of PDF");
}

/// A folder with the template, its fonts and the 98 data files, for the stock
/// CLI; and per kommune its code and the document title (PDF/UA-1 needs one,
/// and the template takes it from `--input titel=...` under the stock CLI).
fn anchor_project(
    scratch: &Path,
    land: &Landsbillede<'_>,
    oversigt: &Oversigt,
) -> (PathBuf, Vec<(String, String)>) {
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
    let date = jobcenterindblik::pdf::render::document_date(land.maaned, None);
    // The overview, the same for every report, where the template looks by default.
    std::fs::write(
        dir.join("oversigt.json"),
        serde_json::to_vec(oversigt).expect("JSON"),
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
        let json = serde_json::to_vec(&TemplateData {
            report: Some(&model),
            meta: Meta::new(&Dokument::dated(date)),
        })
        .expect("JSON");
        std::fs::write(data.join(format!("{}.json", k.kode)), json).expect("a data file");
    }
    (dir, jobs)
}

fn anchor_run(typst: &Path, dir: &Path, jobs: &[(String, String)], run: usize) -> Duration {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((kode, titel)) = jobs.get(i) else {
                        break;
                    };
                    let status = Command::new(typst)
                        .current_dir(dir)
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
                        .arg(format!("out-{run}-{kode}.pdf"))
                        .status()
                        .expect("the Typst CLI runs");
                    assert!(status.success(), "the Typst CLI failed for {titel}");
                }
            });
        }
    });
    start.elapsed()
}

/// Runs a process to completion; its wall time and peak RSS in KiB.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its peak RSS"
)]
fn timed_process(cmd: &mut Command) -> (Duration, u64) {
    let start = Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
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

fn median(values: impl Iterator<Item = Duration>) -> Duration {
    let mut v: Vec<Duration> = values.collect();
    v.sort_unstable();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
