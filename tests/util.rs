//! Helpers shared by the integration tests: the fixture data (read once),
//! report models, figures formatted as the published reports print them, and
//! running the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

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

/// Runs the binary with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    run_with_env(dir, args, &[])
}

/// Runs the binary with `args` in `dir`, with the variables `env` set.
pub fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jobcenterindblik"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// `batch --data DATA -o OUT ARGS…` in `dir` (`OUT` relative to it, or absolute).
pub fn batch_in(dir: &Path, data: &Path, out: &str, args: &[&str]) -> Output {
    let mut all = vec!["batch", "--data", data.to_str().unwrap(), "-o", out];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

/// Runs the binary with `args` from the project folder.
pub fn run(args: &[&str]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A copy of the fixtures in a temporary folder, with `edit` applied to one file's text.
pub fn fixtures_with(file: &str, edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut edit = Some(edit);
    for name in [
        "Y30R21.csv",
        "fokusmaal-samtaler.csv",
        "fokusmaal-aktive-tilbud.csv",
    ] {
        let text = std::fs::read_to_string(fixtures_dir().join(name)).expect("fixture");
        let text = match edit.take_if(|_| name == file) {
            Some(edit) => edit(text),
            None => text,
        };
        std::fs::write(dir.path().join(name), text).expect("write");
    }
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
    let other = dir.path().join("fokusmaal-aktive-tilbud.csv");
    let text = std::fs::read_to_string(&other).expect("fixture");
    let text: String = text.split_inclusive('\n').filter(|l| keep(l)).collect();
    std::fs::write(other, text).expect("write");
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
