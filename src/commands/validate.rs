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
use crate::measures::windows::{MONTHS_NEEDED, month_list};

/// Loads the data folder, prints a summary and fails if a report could fail on it.
pub fn run(args: &ValidateArgs) -> Result<()> {
    let data = Dataset::load(&args.data.data)?;
    let (summary, problems) = summarise(&data);
    print!("{summary}");
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("problem: {p}");
        }
        bail!(
            "{} problem(s) in {}; reports for some kommuner or months will fail",
            problems.len(),
            data.dir.display()
        );
    }
    Ok(())
}

/// The summary text and the list of coverage problems.
pub fn summarise(data: &Dataset) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut problems = Vec::new();
    let r = &data.resultat;
    let kommuner: BTreeSet<u16> = r.rows.keys().map(|(k, _, _)| *k).collect();
    let groups: BTreeSet<Y30Gruppe> = r.rows.keys().map(|(_, _, g)| *g).collect();
    let periods: Vec<String> = r.periods.iter().map(|p| p.code()).collect();
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
            problems.push(format!(
                "{}: {} has no Ydelsesgrupper i alt row for {}",
                r.file,
                k.navn,
                missing.join(", ")
            ));
        }
    }
    let mut spans = Vec::new();
    for x in &data.fokus {
        summarise_fokus(x, &mut out, &mut problems);
        if let Some(span) = x.span() {
            spans.push(span);
        }
    }
    let first = spans.iter().map(|s| s.0).max();
    let last = spans.iter().map(|s| s.1).min();
    if let (Some(first), Some(last)) = (first, last) {
        let from = first.plus(MONTHS_NEEDED as i32 - 1);
        if from <= last {
            writeln!(
                out,
                "Reports can be made for {} to {}.",
                from.iso(),
                last.iso()
            )
            .unwrap();
        } else {
            problems.push(format!(
                "the fokusmål extracts cover fewer than the {MONTHS_NEEDED} months a report needs"
            ));
        }
    }
    (out, problems)
}

fn summarise_fokus(x: &FokusExtract, out: &mut String, problems: &mut Vec<String>) {
    let kommuner: BTreeSet<u16> = x.series.keys().map(|(k, _, _)| *k).collect();
    let rows: usize = x.series.values().map(|s| s.len()).sum();
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
                    problems.push(format!(
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
                problems.push(format!(
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
