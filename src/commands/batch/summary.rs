//! What a batch writes beside the reports: the overview of all kommuner
//! (`Oversigt-<YYYY-MM>.pdf`, or `.json`) and `status.csv`/`status.json`.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use super::{BatchOptions, Outcome};
use crate::commands::setup::to_json;
use crate::domain::dansk;
use crate::domain::value::Value;
use crate::measures::krav::{Krav, KravVurdering};
use crate::model::{Oversigt, OversigtMaal, OversigtRaekke};
use crate::output;
use crate::pdf::Renderer;

/// Writes the overview of all kommuner, as PDF with a renderer, else as JSON.
pub(super) fn write_overview(
    oversigt: &Oversigt,
    renderer: Option<&Renderer>,
    options: &BatchOptions,
) -> Result<PathBuf> {
    let stem = format!("Oversigt-{}", oversigt.periode.maaned);
    let (bytes, path) = match renderer {
        Some(r) => (
            r.render_oversigt(oversigt, &options.dokument)?,
            options.out_dir.join(format!("{stem}.pdf")),
        ),
        None => (
            to_json(oversigt)?,
            options.out_dir.join(format!("{stem}.json")),
        ),
    };
    output::write_atomic(&path, &bytes)?;
    Ok(path)
}

/// One line of `status.json`: the overview's row with the file written.
#[derive(Debug, Serialize)]
struct SummaryRow<'a> {
    #[serde(flatten)]
    raekke: &'a OversigtRaekke,
    /// The file name written for the kommune, if one was.
    fil: Option<String>,
}

/// Writes `status.csv` and `status.json`: each kommune's status and figures,
/// the file written for it, or why none was.
pub(super) fn write_status_files(
    oversigt: &Oversigt,
    outcomes: &[Outcome],
    dir: &Path,
) -> Result<()> {
    let file_of = |kode: &str| {
        outcomes
            .iter()
            .find(|o| o.kommune.kode_str() == kode)
            .and_then(|o| o.result.as_ref().ok())
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
    };
    let failure_of = |r: &OversigtRaekke| {
        r.fejl.clone().or_else(|| {
            outcomes
                .iter()
                .find(|o| o.kommune.kode_str() == r.kommune.kode)
                .and_then(|o| o.result.as_ref().err().cloned())
        })
    };
    let mut csv = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    csv.write_record([
        "kode",
        "kommune",
        "status",
        "resultatmaal_forskel",
        "samtaler_gennemsnit_12_mdr",
        "samtaler_krav",
        "samtaler_skal_opfylde_pr_maaned",
        "aktive_tilbud_gennemsnit_12_mdr",
        "aktive_tilbud_krav",
        "aktive_tilbud_skal_opfylde_pr_maaned",
        "fil",
        "fejl",
    ])?;
    let mut rows = Vec::new();
    for r in &oversigt.kommuner {
        let goal = |g: &Option<OversigtMaal>| match g {
            Some(g) => [
                decimal(g.gennemsnit_12_mdr),
                krav_text(g.krav.krav),
                needed_per_month(&g.krav),
            ],
            None => Default::default(),
        };
        let [s_a12, s_krav, s_needed] = goal(&r.samtaler);
        let [a_a12, a_krav, a_needed] = goal(&r.aktive_tilbud);
        let fil = file_of(&r.kommune.kode);
        csv.write_record([
            r.kommune.kode.as_str(),
            r.kommune.navn,
            r.status.map_or("", |s| s.label()),
            &r.resultatmaal_forskel.map(decimal).unwrap_or_default(),
            &s_a12,
            &s_krav,
            &s_needed,
            &a_a12,
            &a_krav,
            &a_needed,
            fil.as_deref().unwrap_or(""),
            failure_of(r).as_deref().unwrap_or(""),
        ])?;
        rows.push(SummaryRow { raekke: r, fil });
    }
    let csv = csv
        .into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write status.csv: {e}"))?;
    // A byte-order mark, so that Excel reads the UTF-8 (Sorø, Høje-Taastrup)
    // as UTF-8; `;` and decimal commas are what Danish Excel expects.
    let csv = [b"\xEF\xBB\xBF".as_slice(), &csv].concat();
    output::write_atomic(&dir.join("status.csv"), &csv)?;
    output::write_atomic(&dir.join("status.json"), &to_json(&rows)?)?;
    Ok(())
}

/// `0,53`, `94,05`: two decimals with a decimal comma, as jobindsats writes;
/// `.` when discretized.
fn decimal(v: Value<f64>) -> String {
    match v {
        Value::Known(x) => dansk::decimal(x, 2),
        Value::Discretized => ".".into(),
    }
}

/// The persons who must meet the goal in each remaining month when the
/// krav is a share; `.` when discretized, empty otherwise.
fn needed_per_month(krav: &KravVurdering) -> String {
    match krav
        .hvad_skal_der_til
        .and_then(|h| h.skal_opfylde_pr_maaned)
    {
        Some(Value::Known(n)) => n.to_string(),
        Some(Value::Discretized) => ".".into(),
        None => String::new(),
    }
}

/// A krav as the overview prints it: `Ok`, `kan ikke nås` or `90,88`.
fn krav_text(k: Value<Krav>) -> String {
    match k {
        Value::Known(Krav::Ok) => "Ok".into(),
        Value::Known(Krav::KanIkkeNaas) => "kan ikke nås".into(),
        Value::Known(Krav::Andel(r)) => decimal(Value::Known(r)),
        Value::Discretized => ".".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_numbers_use_a_decimal_comma() {
        assert_eq!(decimal(Value::Known(0.53)), "0,53");
        assert_eq!(decimal(Value::Known(-0.185)), "-0,19");
        assert_eq!(decimal(Value::Discretized), ".");
        assert_eq!(krav_text(Value::Known(Krav::Andel(90.881))), "90,88");
        assert_eq!(krav_text(Value::Known(Krav::KanIkkeNaas)), "kan ikke nås");
    }
}
