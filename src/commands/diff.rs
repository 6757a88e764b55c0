//! `jobcenterindblik diff OLD NEW`: the golden-file check. Compares two
//! report models, or two folders of JSON files as `batch --format json`
//! writes them, and prints every difference. Like diff(1) it exits 0 when
//! they agree, 1 when they differ and 2 when they cannot be compared.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::DiffArgs;
use crate::extract::decode::read_file;
use crate::model::golden::{self, Difference};
use crate::output;

/// What a comparison found, file by file.
#[derive(Debug, Default)]
pub struct Report {
    /// Files compared.
    pub compared: usize,
    /// Per file with differences: its name and the differences.
    pub changed: Vec<(String, Vec<Difference>)>,
    /// JSON files only in the old folder.
    pub only_old: Vec<String>,
    /// JSON files only in the new folder.
    pub only_new: Vec<String>,
}

impl Report {
    /// Whether the two sides agree.
    pub fn is_same(&self) -> bool {
        self.changed.is_empty() && self.only_old.is_empty() && self.only_new.is_empty()
    }

    /// The differences as text, one line each, and a closing summary line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (file, diffs) in &self.changed {
            writeln!(out, "{file}").expect("writing to a String");
            for d in diffs {
                writeln!(out, "  {d}").expect("writing to a String");
            }
        }
        for f in &self.only_old {
            writeln!(out, "only in OLD: {f}").expect("writing to a String");
        }
        for f in &self.only_new {
            writeln!(out, "only in NEW: {f}").expect("writing to a String");
        }
        let n: usize = self.changed.iter().map(|(_, d)| d.len()).sum();
        if self.is_same() {
            writeln!(out, "no differences in {} files", self.compared)
        } else {
            writeln!(
                out,
                "{n} differences in {} of {} files compared; {} only in OLD, {} only in NEW",
                self.changed.len(),
                self.compared,
                self.only_old.len(),
                self.only_new.len()
            )
        }
        .expect("writing to a String");
        out
    }
}

/// Runs the comparison from the command line.
pub fn run(args: &DiffArgs) -> Result<ExitCode> {
    let report = compare_paths(&args.old, &args.new, args.tolerance)?;
    output::write_stdout(report.text().as_bytes())?;
    Ok(if report.is_same() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The largest JSON file compared, in bytes: a report model is about
/// 50 KB, the status file of ten years of months a few MB.
pub const MAX_JSON_BYTES: u64 = 64 << 20;

/// Compares two JSON files, or the JSON files of two folders by name.
pub fn compare_paths(old: &Path, new: &Path, tolerance: f64) -> Result<Report> {
    let mut report = Report::default();
    match (old.is_dir(), new.is_dir()) {
        (true, true) => {
            let a = json_files(old)?;
            let b = json_files(new)?;
            for name in a.union(&b) {
                match (a.contains(name), b.contains(name)) {
                    (true, true) => {
                        report.compared += 1;
                        let d = golden::compare(
                            &read(&old.join(name))?,
                            &read(&new.join(name))?,
                            tolerance,
                        );
                        if !d.is_empty() {
                            report.changed.push((name.clone(), d));
                        }
                    }
                    (true, false) => report.only_old.push(name.clone()),
                    _ => report.only_new.push(name.clone()),
                }
            }
        }
        (false, false) => {
            report.compared = 1;
            let d = golden::compare(&read(old)?, &read(new)?, tolerance);
            if !d.is_empty() {
                report.changed.push((new.display().to_string(), d));
            }
        }
        _ => bail!(
            "cannot compare {} with {}: give two JSON files or two folders",
            old.display(),
            new.display()
        ),
    }
    Ok(report)
}

/// The names of the `.json` files in a folder, sorted.
fn json_files(dir: &Path) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?
    {
        let path: PathBuf = entry
            .with_context(|| format!("cannot read the folder {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "json")
            && let Some(name) = path.file_name().and_then(|n| n.to_str())
        {
            out.insert(name.to_string());
        }
    }
    if out.is_empty() {
        bail!(
            "{} holds no .json files; make them with `jobcenterindblik batch --format json`",
            dir.display()
        );
    }
    Ok(out)
}

/// A JSON file, read only if it is a regular file within [`MAX_JSON_BYTES`]
/// (a FIFO would wait for ever, `/dev/zero` never end).
fn read(path: &Path) -> Result<serde_json::Value> {
    let bytes =
        read_file(path, MAX_JSON_BYTES).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: is not JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })
}
