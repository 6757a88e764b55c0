//! `jobcenterindblik diff OLD NEW`: the golden-file check. Compares two
//! report models, or two folders of JSON files as `batch --format json`
//! writes them (a run of months with its month folders included), and
//! prints every difference. Like diff(1) it exits 0 when they agree, 1 when
//! they differ and 2 when they cannot be compared.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::DiffArgs;
use crate::extract::decode::read_file;
use crate::model::golden::{self, Difference};
use crate::output;

/// What a comparison found, file by file.
#[derive(Debug, Default)]
pub struct Report {
    /// How many files were on both sides and compared.
    pub compared: usize,
    /// Per file with differences: its name and the differences.
    pub changed: Vec<(String, Vec<Difference>)>,
    /// JSON files and folders (`2021-02/`) only in the old folder.
    pub only_old: Vec<String>,
    /// JSON files and folders only in the new folder.
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

/// How deep the folders compared may go: a run of months writes one level
/// of month folders; more is a mistake (or a link that loops).
const MAX_DEPTH: usize = 8;

/// Compares two JSON files, or the JSON files of two folders by their path
/// inside them (month folders included); a folder on one side only is
/// reported as one entry, `2021-02/`.
pub fn compare_paths(old: &Path, new: &Path, tolerance: f64) -> Result<Report> {
    let mut report = Report::default();
    match (old.is_dir(), new.is_dir()) {
        (true, true) => {
            let a = tree(old)?;
            let b = tree(new)?;
            let shown = |path: &str, kind: Kind| match kind {
                Kind::Folder => format!("{path}/"),
                Kind::Json => path.to_string(),
            };
            for path in a.keys().chain(b.keys()).collect::<BTreeSet<_>>() {
                // Inside a folder that only one side has: that folder is
                // the difference, not each of its files.
                let folder_on_both = |parent: &str| {
                    a.get(parent) == Some(&Kind::Folder) && b.get(parent) == Some(&Kind::Folder)
                };
                if path
                    .rsplit_once('/')
                    .is_some_and(|(p, _)| !folder_on_both(p))
                {
                    continue;
                }
                match (a.get(path).copied(), b.get(path).copied()) {
                    (Some(Kind::Json), Some(Kind::Json)) => {
                        report.compared += 1;
                        let d = golden::compare(
                            &read(&old.join(path))?,
                            &read(&new.join(path))?,
                            tolerance,
                        );
                        if !d.is_empty() {
                            report.changed.push((path.clone(), d));
                        }
                    }
                    (Some(Kind::Folder), Some(Kind::Folder)) => {}
                    (x, y) => {
                        report.only_old.extend(x.map(|k| shown(path, k)));
                        report.only_new.extend(y.map(|k| shown(path, k)));
                    }
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

/// What an entry of a folder compared is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A `.json` file.
    Json,
    /// A folder.
    Folder,
}

/// The `.json` files and the folders below `dir`, by path relative to it
/// (`2021-02/Sorø-2021-02.json`, `2021-02`). Fails if there are no `.json`
/// files at all: the folder is not one that `batch --format json` wrote.
fn tree(dir: &Path) -> Result<BTreeMap<String, Kind>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![(String::new(), 0)];
    while let Some((rel, depth)) = pending.pop() {
        let folder = dir.join(&rel);
        let cannot = || format!("cannot read the folder {}", folder.display());
        for entry in std::fs::read_dir(&folder).with_context(cannot)? {
            let entry = entry.with_context(cannot)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let key = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let mut kind = entry.file_type().with_context(cannot)?;
            if kind.is_symlink() {
                // A link counts as what it leads to; a broken one as nothing.
                match std::fs::metadata(entry.path()) {
                    Ok(meta) => kind = meta.file_type(),
                    Err(_) => continue,
                }
            }
            if kind.is_dir() {
                if depth >= MAX_DEPTH {
                    bail!(
                        "{} has folders more than {MAX_DEPTH} deep; a run of months writes one level of month folders (is there a link that loops?)",
                        dir.display()
                    );
                }
                out.insert(key.clone(), Kind::Folder);
                pending.push((key, depth + 1));
            } else if Path::new(&name).extension().is_some_and(|e| e == "json") {
                out.insert(key, Kind::Json);
            }
        }
    }
    if !out.values().any(|k| *k == Kind::Json) {
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
