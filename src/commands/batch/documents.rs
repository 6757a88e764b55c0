//! A month's documents: every kommune's report and the overview, made by
//! the worker processes (PDF) or written here (JSON). The run's first
//! document is made alone, before anything an earlier run left is touched.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::folder;
use super::pool::Made;
use super::wire::{Document, Maaned};
use super::{Outcome, Run};
use crate::commands::setup::{file_name, to_json};
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::measures::Landsbillede;
use crate::model::{Oversigt, ReportModel};
use crate::output;
use crate::pdf::render::{Dokument, Entry, Prepared, oversigt_data, oversigt_ident, report_ident};

/// What one kommune's report is made from: its model, or why it has none.
pub(super) type Model = (&'static Kommune, Result<ReportModel, String>);

/// Makes the month's reports of the kommuner whose models were built, and
/// its overview; returns the reports' outcomes and why the overview was not
/// made, if it was not (the run goes on without it). If the run has written
/// nothing yet, reports are made one at a time until one is written: one
/// that fails for a reason common to all (the template, the folder) stops
/// the run with nothing of an earlier run touched; one that fails for its
/// own (its worker died or ran past the limit) is that report's failure,
/// and the next is tried. Then the month's overview and status files of an
/// earlier run are removed, and the rest is made.
pub(super) fn make(
    run: &mut Run<'_>,
    land: &Landsbillede<'_>,
    oversigt: &Oversigt,
    models: &[Model],
    dokument: &Dokument,
    dir: &Path,
) -> Result<(Vec<Outcome>, Option<String>)> {
    let month = MonthDocs::new(land.maaned, oversigt, dokument, dir);
    let mut todo: Vec<(&'static Kommune, &ReportModel)> = models
        .iter()
        .filter_map(|(k, m)| m.as_ref().ok().map(|m| (*k, m)))
        .collect();
    let mut outcomes = Vec::with_capacity(todo.len());
    while !run.written && !todo.is_empty() {
        let first = todo.remove(0);
        // Idle workers warm their caches on the next reports meanwhile (made,
        // not written), so that they start the rest at full speed.
        let warm = run.pool.as_ref().map_or(0, |p| p.jobs()).min(todo.len());
        let (_, mut made) = make_some(run, &month, &[first], false, &todo[..warm]);
        let outcome = made.remove(0);
        match &outcome.result {
            Ok(_) => run.begin_writing(),
            Err(why) if outcome.common => bail!(
                "the first report, {}'s, failed, so the run stopped before changing anything in {}: {why}",
                first.0.navn,
                dir.display()
            ),
            Err(_) => {}
        }
        outcomes.push(outcome);
    }
    run.begin_writing();
    folder::remove_month_files(dir, land.maaned);
    let (overview, made) = make_some(run, &month, &todo, true, &[]);
    outcomes.extend(made);
    Ok((outcomes, overview.and_then(Result::err)))
}

/// What every document of a month shares.
struct MonthDocs<'a> {
    month: Month,
    oversigt: &'a Oversigt,
    dokument: &'a Dokument,
    dir: &'a Path,
    /// The month's part as the workers take it (PDF only).
    wire: Maaned,
}

impl<'a> MonthDocs<'a> {
    fn new(month: Month, oversigt: &'a Oversigt, dokument: &'a Dokument, dir: &'a Path) -> Self {
        MonthDocs {
            month,
            oversigt,
            dokument,
            dir,
            wire: Maaned {
                month,
                dato: dokument.dato.format("%Y-%m-%d").to_string(),
                udgiver: dokument.udgiver.clone(),
                oversigt: oversigt_data(oversigt).to_vec(),
            },
        }
    }

    /// Where a kommune's report goes.
    fn path(&self, k: &Kommune, ext: &str) -> PathBuf {
        self.dir.join(file_name(k, self.month, ext))
    }

    /// Where the overview goes.
    fn overview_path(&self, ext: &str) -> PathBuf {
        self.dir
            .join(format!("Oversigt-{}.{ext}", self.month.iso()))
    }
}

/// Makes the reports of `todo` and, if `overview`, the month's overview;
/// returns how the overview went (if made) and the reports' outcomes. The
/// reports of `warm` are made as well but not written, nor counted (PDF only).
fn make_some(
    run: &mut Run<'_>,
    month: &MonthDocs<'_>,
    todo: &[(&'static Kommune, &ReportModel)],
    overview: bool,
    warm: &[(&'static Kommune, &ReportModel)],
) -> (Option<Result<(), String>>, Vec<Outcome>) {
    let progress = run.progress.clone();
    let tick = |k: &Kommune| {
        progress.set_message(format!("{} {}", month.month.iso(), k.navn));
        progress.inc(1);
    };
    let Some(pool) = &mut run.pool else {
        return write_json(month, todo, overview, &tick);
    };
    // The overview first: the largest document starts early.
    let mut docs: Vec<Document> = Vec::with_capacity(todo.len() + 1);
    if overview {
        docs.push(Document {
            entry: Entry::Oversigt,
            ident: oversigt_ident(month.month),
            data: Prepared::oversigt(month.dokument),
            path: month.overview_path("pdf"),
            write: true,
        });
    }
    let skip = docs.len();
    let report = |(k, m): &(&'static Kommune, &ReportModel), write| Document {
        entry: Entry::Report,
        ident: report_ident(&k.kode_str(), month.month),
        data: Prepared::report(m, month.dokument),
        path: month.path(k, "pdf"),
        write,
    };
    docs.extend(todo.iter().map(|t| report(t, true)));
    let warm: Vec<Document> = warm.iter().map(|t| report(t, false)).collect();
    let made = pool.make(&month.wire, &docs, &warm, &mut |i, _| {
        if let Some((k, _)) = i.checked_sub(skip).and_then(|i| todo.get(i)) {
            tick(k);
        }
    });
    let mut made = made.into_iter();
    let overview = overview.then(|| match made.next() {
        Some(Made { error: Some(e), .. }) => Err(e),
        _ => Ok(()),
    });
    let outcomes = todo
        .iter()
        .zip(made)
        .map(|((k, _), m)| outcome(month, k, "pdf", m))
        .collect();
    (overview, outcomes)
}

/// Writes the models of `todo` and, if `overview`, the overview as JSON.
fn write_json(
    month: &MonthDocs<'_>,
    todo: &[(&'static Kommune, &ReportModel)],
    overview: bool,
    tick: &dyn Fn(&Kommune),
) -> (Option<Result<(), String>>, Vec<Outcome>) {
    let write = |path: PathBuf, value: Result<Vec<u8>>| {
        value
            .and_then(|bytes| output::write_atomic(&path, &bytes))
            .map_err(|e| crate::commands::message(&e))
    };
    let overview = overview.then(|| write(month.overview_path("json"), to_json(month.oversigt)));
    let outcomes = todo
        .iter()
        .map(|(k, m)| {
            let error = write(month.path(k, "json"), to_json(m)).err();
            tick(k);
            // Writing a file in the folder fails alike for every report.
            let common = error.is_some();
            outcome(month, k, "json", Made { error, common })
        })
        .collect();
    (overview, outcomes)
}

/// A report's outcome: its file, or why there is none (and that the one in
/// the folder, if any, is from an earlier run).
fn outcome(month: &MonthDocs<'_>, kommune: &'static Kommune, ext: &str, made: Made) -> Outcome {
    let result = match made.error {
        None => Ok(month.path(kommune, ext)),
        Some(why) => Err(
            match folder::earlier_report(month.dir, kommune, month.month) {
                Some(old) => format!("{why}; {old} in the folder is from an earlier run"),
                None => why,
            },
        ),
    };
    Outcome {
        kommune,
        result,
        common: made.common,
    }
}

/// The outcomes of the kommuner whose own data failed, added to `outcomes`
/// in kommunekode order: their reports from an earlier run are removed, so
/// that none passes for a current one.
pub(super) fn data_failures(
    models: &[Model],
    month: Month,
    dir: &Path,
    outcomes: &mut Vec<Outcome>,
) {
    for (k, m) in models {
        if let Err(why) = m {
            let mut why = why.clone();
            if folder::remove_stale(dir, k, month) {
                why.push_str("; its report from an earlier run was removed");
            }
            outcomes.push(Outcome {
                kommune: k,
                result: Err(why),
                common: false,
            });
        }
    }
    outcomes.sort_by_key(|o| o.kommune.kode);
}
