//! `jobcenterindblik validate`: reads the extracts and says what they hold.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use anyhow::{Result, bail};

use crate::cli::ValidateArgs;
use crate::domain::groups::{Anciennitet, Gruppe, Y30Gruppe};
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::extract::dataset::Dataset;
use crate::extract::fokusmaal::FokusExtract;
use crate::extract::y30r21::Y30R21;
use crate::measures::resultat::first_report_month;
use crate::measures::rules::foerste_rapportmaaned;
use crate::measures::windows::{MONTHS_NEEDED, month_list};

/// What `validate` found in a data folder.
#[derive(Debug, Default)]
pub struct Summary {
    /// What each extract holds, as printed.
    pub text: String,
    /// Gaps that make reports fail.
    pub problems: Vec<String>,
    /// Gaps that leave something out of a report without failing it.
    pub warnings: Vec<String>,
}

/// Loads the data folder, prints a summary and fails if a report could fail on it.
pub fn run(args: &ValidateArgs) -> Result<()> {
    let data = super::setup::load_data(&args.data)?;
    let summary = summarise(&data);
    print!("{}", summary.text);
    for w in &summary.warnings {
        eprintln!("warning: {w}");
    }
    for p in &summary.problems {
        eprintln!("problem: {p}");
    }
    if !summary.problems.is_empty() {
        bail!(
            "{} problem(s) in {}; reports for some kommuner or months will fail",
            summary.problems.len(),
            data.dir.display()
        );
    }
    Ok(())
}

/// The summary of a data folder.
pub fn summarise(data: &Dataset) -> Summary {
    let mut s = Summary::default();
    summarise_resultat(&data.resultat, &mut s);
    let mut spans = Vec::new();
    for x in &data.fokus {
        summarise_fokus(x, &mut s);
        if let Some(span) = x.span() {
            spans.push(span);
        }
    }
    let first = spans.iter().map(|s| s.0).max();
    let last = spans.iter().map(|s| s.1).min();
    if let (Some(first), Some(last)) = (first, last) {
        report_months(data, first.plus(MONTHS_NEEDED as i32 - 1), last, &mut s);
    }
    s
}

/// The months a report can be made for: from the later of the fokusmål's
/// first (`fokus_from`, their first month plus the months a report needs)
/// and the first with a benchmark period that ended early enough, to the
/// fokusmål's last. If they part, why.
fn report_months(data: &Dataset, fokus_from: Month, last: Month, s: &mut Summary) {
    if fokus_from > last {
        s.problems.push(format!(
            "the fokusmål extracts cover fewer than the {MONTHS_NEEDED} months a report needs"
        ));
        return;
    }
    let Some(resultat_from) = first_report_month(data) else {
        s.problems.push(format!(
            "{} holds no benchmark period, so no report can be made",
            data.resultat.file
        ));
        return;
    };
    let foerste = foerste_rapportmaaned();
    let from = fokus_from.max(resultat_from).max(foerste);
    if from > last {
        s.problems.push(format!(
            "no report can be made: the fokusmål end with {}, but the first benchmark period can be used from {}",
            last.iso(),
            resultat_from.iso()
        ));
        return;
    }
    writeln!(
        s.text,
        "Reports can be made for {} to {}.",
        from.iso(),
        last.iso()
    )
    .unwrap();
    if resultat_from > fokus_from && resultat_from >= foerste {
        let period = data.resultat.periods.first().map(|p| p.code());
        writeln!(
            s.text,
            "  (the fokusmål allow {} on; the first benchmark period, {}, can be used from {})",
            fokus_from.iso(),
            period.unwrap_or_default(),
            resultat_from.iso()
        )
        .unwrap();
    } else if foerste > fokus_from.max(resultat_from) {
        writeln!(
            s.text,
            "  (the data allow {} on; STAR's first Jobcenterindblik report is for {})",
            fokus_from.max(resultat_from).iso(),
            foerste.iso()
        )
        .unwrap();
    }
}

/// Table Y30R21: what it holds; a kommune without a total row for a period
/// is a problem, one without a group's row a warning (figure 2.1 lacks it).
fn summarise_resultat(r: &Y30R21, s: &mut Summary) {
    let kommuner: BTreeSet<u16> = r.rows.keys().map(|(k, _, _)| *k).collect();
    let groups: BTreeSet<Y30Gruppe> = r.rows.keys().map(|(_, _, g)| *g).collect();
    let periods: Vec<String> = r.periods.iter().map(|p| p.code()).collect();
    let out = &mut s.text;
    writeln!(out, "{}", r.file).unwrap();
    writeln!(out, "  kommuner:          {}", kommuner.len()).unwrap();
    writeln!(
        out,
        "  benchmark periods: {} ({})",
        periods.len(),
        periods.join(", ")
    )
    .unwrap();
    writeln!(out, "  ydelsesgrupper:    {}", groups.len()).unwrap();
    writeln!(
        out,
        "  rows:              {} (+{} for Hele landet and other areas)",
        r.rows.len(),
        r.other_area_rows
    )
    .unwrap();
    writeln!(out, "  discretized cells: {}", r.discretized_cells).unwrap();
    for k in Kommune::all() {
        let missing: Vec<String> = r
            .periods
            .iter()
            .filter(|p| r.row(k, **p, Y30Gruppe::IAlt).is_none())
            .map(|p| p.code())
            .collect();
        if !missing.is_empty() {
            s.problems.push(format!(
                "{}: {} has no Ydelsesgrupper i alt row for {}",
                r.file,
                k.navn,
                missing.join(", ")
            ));
        }
        for p in r
            .periods
            .iter()
            .filter(|p| r.row(k, **p, Y30Gruppe::IAlt).is_some())
        {
            let lacking: Vec<&str> = Y30Gruppe::ALL[1..]
                .iter()
                .filter(|g| r.row(k, *p, **g).is_none())
                .map(|g| g.label())
                .collect();
            if !lacking.is_empty() {
                s.warnings.push(format!(
                    "{}: {}, {} has no row for {}; figure 2.1 of its reports will say so",
                    r.file,
                    k.navn,
                    p.code(),
                    lacking.join(", ")
                ));
            }
        }
    }
}

/// A fokusmål extract: what it holds, and the months a kommune's series lack.
fn summarise_fokus(x: &FokusExtract, s: &mut Summary) {
    let kommuner: BTreeSet<u16> = x.series.keys().map(|(k, _, _)| *k).collect();
    let rows: usize = x.series.values().map(|s| s.len()).sum();
    let out = &mut s.text;
    writeln!(out, "{}", x.file).unwrap();
    writeln!(out, "  kommuner:          {}", kommuner.len()).unwrap();
    if let Some((first, last)) = x.span() {
        writeln!(
            out,
            "  months:            {} ({} to {})",
            x.months.len(),
            first.code(),
            last.code()
        )
        .unwrap();
    }
    writeln!(out, "  ydelsesgrupper:    {}", x.groups.len()).unwrap();
    writeln!(
        out,
        "  rows:              {} (+{} for Hele landet and other areas)",
        rows, x.other_area_rows
    )
    .unwrap();
    writeln!(out, "  discretized cells: {}", x.discretized_cells).unwrap();
    let Some((first, last)) = x.span() else {
        return;
    };
    let all: Vec<Month> = (0..=first.months_until(last))
        .map(|i| first.plus(i))
        .collect();
    for k in Kommune::all() {
        for g in Gruppe::ALL {
            let Some(series) = x.series.get(&(k.kode, Anciennitet::Mindst12, g)) else {
                if g == Gruppe::IAlt {
                    s.problems.push(format!(
                        "{}: {} has no rows for Ydelsesgrupper i alt, Mindst 12 mdr.",
                        x.file, k.navn
                    ));
                }
                continue;
            };
            let gaps: Vec<Month> = all
                .iter()
                .copied()
                .filter(|m| !series.contains_key(m))
                .collect();
            if !gaps.is_empty() {
                s.problems.push(format!(
                    "{}: {}, {} lacks {}",
                    x.file,
                    k.navn,
                    g.label(),
                    month_list(&gaps)
                ));
            }
        }
    }
}
