//! What a batch writes beside the reports and the overview:
//! `status.csv`/`status.json`, for each month and, over a run of months,
//! for all of them together.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::Outcome;
use crate::commands::setup::to_json;
use crate::domain::groups::{Maal, PerMaal};
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::domain::value::Value;
use crate::measures::krav::{Krav, gennemsnit_tekst};
use crate::measures::needed::{HvadSkalDerTil, Tilfaelde};
use crate::model::{KommuneInfo, Oversigt, OversigtMaal, OversigtRaekke};
use crate::output;

/// One kommune's line of the status files: its row of the overview, the
/// file written for it and why none was, if none was.
#[derive(Debug, Clone, Serialize)]
pub(super) struct StatusRow {
    /// The month, in the files of a run of months.
    #[serde(skip_serializing_if = "Option::is_none")]
    maaned: Option<Month>,
    /// Code, name and genitive, as the model gives them.
    kommune: KommuneInfo,
    /// Its status; `null` when its data or its report failed.
    status: Option<crate::measures::status::Status>,
    /// Faktisk − forventet andel in pct.-points.
    resultatmaal_forskel: Option<Value<f64>>,
    /// Each goal, by its key (`samtaler`, `aktive_tilbud`).
    #[serde(flatten)]
    maal: PerMaal<Option<OversigtMaal>>,
    /// The file name written for the kommune, if one was.
    fil: Option<String>,
    /// Why there is no status or no file.
    fejl: Option<String>,
}

/// The status rows of a month: each kommune's overview row with the outcome
/// of its report.
pub(super) fn status_rows(oversigt: &Oversigt, outcomes: &[Outcome]) -> Vec<StatusRow> {
    let by_kode: HashMap<String, &Outcome> =
        outcomes.iter().map(|o| (o.kommune.kode_str(), o)).collect();
    oversigt
        .kommuner
        .iter()
        .map(|r: &OversigtRaekke| {
            let outcome = by_kode.get(&r.kommune.kode).copied();
            let written = outcome.and_then(|o| o.result.as_ref().ok());
            StatusRow {
                maaned: None,
                kommune: r.kommune.clone(),
                status: r.status,
                resultatmaal_forskel: r.resultatmaal_forskel,
                maal: r.maal.clone(),
                fil: written
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned()),
                fejl: r
                    .fejl
                    .clone()
                    .or_else(|| outcome.and_then(|o| o.result.as_ref().err().cloned())),
            }
        })
        .collect()
}

/// The status rows of a month the data cannot support: every kommune, with
/// the month's reason.
pub(super) fn failed_month_rows(month: Month, reason: &str) -> Vec<StatusRow> {
    Kommune::all()
        .iter()
        .map(|k| StatusRow {
            maaned: Some(month),
            kommune: k.into(),
            status: None,
            resultatmaal_forskel: None,
            maal: PerMaal::default(),
            fil: None,
            fejl: Some(reason.to_string()),
        })
        .collect()
}

/// Marks rows with their month, for the files of a run of months.
pub(super) fn in_month(rows: Vec<StatusRow>, month: Month) -> Vec<StatusRow> {
    rows.into_iter()
        .map(|r| StatusRow {
            maaned: Some(month),
            ..r
        })
        .collect()
}

/// Each goal's columns in `status.csv`, after the goal's key
/// (`samtaler_gennemsnit_12_mdr`, …).
const MAAL_COLUMNS: [&str; 3] = ["gennemsnit_12_mdr", "krav", "skal_opfylde_pr_maaned"];

/// The columns of `status.csv`, after `maaned` in a run of months: the
/// kommune and its status, [`MAAL_COLUMNS`] for each goal, the file and
/// why there is none.
fn columns() -> Vec<String> {
    let goals = Maal::ALL
        .into_iter()
        .flat_map(|m| MAAL_COLUMNS.map(|c| format!("{}_{c}", m.key())));
    ["kode", "kommune", "status", "resultatmaal_forskel"]
        .map(String::from)
        .into_iter()
        .chain(goals)
        .chain(["fil", "fejl"].map(String::from))
        .collect()
}

/// Writes `status.csv` and `status.json` of `rows` into `dir`; with a
/// `maaned` column when the rows carry their months.
pub(super) fn write_status_files(rows: &[StatusRow], dir: &Path) -> Result<()> {
    let with_month = rows.first().is_some_and(|r| r.maaned.is_some());
    let columns = columns();
    let header: Vec<&str> = with_month
        .then_some("maaned")
        .into_iter()
        .chain(columns.iter().map(String::as_str))
        .collect();
    let lines = rows.iter().map(|r| {
        let month = r.maaned.filter(|_| with_month).map(Month::iso);
        month.into_iter().chain(csv_fields(r)).collect::<Vec<_>>()
    });
    let csv = output::danish_csv(&header, lines)?;
    output::write_atomic(&dir.join("status.csv"), &csv)?;
    output::write_atomic(&dir.join("status.json"), &to_json(&rows)?)?;
    Ok(())
}

/// A row's fields in the order of [`columns`].
fn csv_fields(r: &StatusRow) -> Vec<String> {
    let goal = |g: &Option<OversigtMaal>| match g {
        Some(g) => [
            gennemsnit_tekst(g.gennemsnit_12_mdr, g.krav.vurdering.graense, 2),
            krav_text(g.krav.vurdering.krav),
            needed_per_month(&g.krav.hvad_skal_der_til),
        ],
        None => Default::default(),
    };
    let kommune = [
        r.kommune.kode.clone(),
        r.kommune.navn.to_string(),
        r.status.map_or(String::new(), |s| s.label().to_string()),
        r.resultatmaal_forskel
            .map(output::csv_decimal)
            .unwrap_or_default(),
    ];
    let file = [
        r.fil.clone().unwrap_or_default(),
        r.fejl.clone().unwrap_or_default(),
    ];
    kommune
        .into_iter()
        .chain(r.maal.values().flat_map(goal))
        .chain(file)
        .collect()
}

/// The persons who must meet the goal in each remaining month when the
/// krav is a share; `.` when the persons in the month are discretized (the
/// krav known); empty otherwise, a discretized krav included (its `_krav`
/// column shows the `.`).
fn needed_per_month(h: &HvadSkalDerTil) -> String {
    match h.tilfaelde {
        Tilfaelde::Krav {
            skal_opfylde_pr_maaned: Value::Known(n),
            ..
        } => n.to_string(),
        Tilfaelde::Krav { .. } => ".".into(),
        _ => String::new(),
    }
}

/// A krav as the overview prints it: `Ok`, `kan ikke nås` or `90,88`.
fn krav_text(k: Value<Krav>) -> String {
    match k {
        Value::Known(Krav::Ok) => "Ok".into(),
        Value::Known(Krav::KanIkkeNaas) => "kan ikke nås".into(),
        Value::Known(Krav::Andel(r)) => output::csv_decimal(Value::Known(r)),
        Value::Discretized => ".".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_numbers_use_a_decimal_comma() {
        assert_eq!(krav_text(Value::Known(Krav::Andel(90.881))), "90,88");
        assert_eq!(krav_text(Value::Known(Krav::KanIkkeNaas)), "kan ikke nås");
    }
}
