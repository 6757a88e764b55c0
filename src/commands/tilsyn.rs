//! `jobcenterindblik tilsyn --aar YYYY`: who comes under skærpet (or light)
//! tilsyn for a year, by the rule of STAR's determination in April of the
//! following year (docs/method.md, "The year's determination").

use std::fmt::Write as _;

use anyhow::Result;

use super::setup;
use crate::cli::{TilsynArgs, TilsynFormat};
use crate::domain::value::Value;
use crate::measures::aarsopgoerelse::aarsopgoerelse;
use crate::measures::krav::gennemsnit_tekst;
use crate::model::aarsopgoerelse::{Tilsyn, TilsynRaekke};
use crate::output;

/// Reads the data, determines the year and writes it as a table, CSV or JSON.
pub fn run(args: &TilsynArgs) -> Result<()> {
    let data = setup::load_data(&args.data)?;
    let tilsyn = Tilsyn::build(&aarsopgoerelse(&data, args.aar, args.resultatperiode)?);
    let bytes = match args.format {
        TilsynFormat::Table => table(&tilsyn).into_bytes(),
        TilsynFormat::Csv => csv(&tilsyn)?,
        TilsynFormat::Json => setup::to_json(&tilsyn)?,
    };
    setup::write_output(args.output.as_deref(), None, &bytes)
}

/// A figure with two decimals and a decimal comma; `.` discretized, `-` missing.
fn figure(v: Option<Value<f64>>) -> String {
    v.map_or_else(|| "-".into(), output::csv_decimal)
}

/// A fokusmål average as [`figure`], never printed as 80 when below it.
fn average(v: Option<Value<f64>>) -> String {
    v.map_or_else(|| "-".into(), |a| gennemsnit_tekst(a, 2))
}

/// A plain-text table, one kommune a line, and a summary line.
fn table(t: &Tilsyn) -> String {
    let mut out = format!(
        "Skærpet tilsyn for {} (opgøres {}; resultatmål {}, fokusmål januar - december {})\n",
        t.aar,
        t.opgoeres,
        t.resultatperiode.code(),
        t.aar
    );
    let _ = writeln!(
        out,
        "{:<18} {:<17} {:>11} {:>9} {:>13}",
        "kommune", "udfald", "resultatmål", "samtaler", "aktive tilbud"
    );
    for r in &t.kommuner {
        let _ = writeln!(
            out,
            "{:<18} {:<17} {:>11} {:>9} {:>13}{}",
            r.kommune.navn,
            r.tekst,
            figure(r.resultatmaal_forskel),
            average(r.samtaler_gennemsnit),
            average(r.aktive_tilbud_gennemsnit),
            r.grund
                .as_deref()
                .map(|g| format!("  ({g})"))
                .unwrap_or_default()
        );
    }
    let a = &t.antal;
    let _ = writeln!(
        out,
        "{}: {} skærpet tilsyn, {} light tilsyn, {} ikke omfattet, {} kan ikke opgøres",
        t.aar, a.skaerpet_tilsyn, a.light_tilsyn, a.ikke_omfattet, a.kan_ikke_opgoeres
    );
    out
}

/// `;`-separated with decimal commas and a byte-order mark, for Danish Excel.
fn csv(t: &Tilsyn) -> Result<Vec<u8>> {
    output::danish_csv(
        &[
            "aar",
            "kode",
            "kommune",
            "udfald",
            "resultatmaal_forskel",
            "samtaler_gennemsnit",
            "aktive_tilbud_gennemsnit",
            "grund",
        ],
        t.kommuner.iter().map(|r| row(t.aar, r)),
    )
}

/// One kommune's CSV fields.
fn row(aar: i32, r: &TilsynRaekke) -> [String; 8] {
    [
        aar.to_string(),
        r.kommune.kode.clone(),
        r.kommune.navn.to_string(),
        r.tekst.to_string(),
        figure(r.resultatmaal_forskel),
        average(r.samtaler_gennemsnit),
        average(r.aktive_tilbud_gennemsnit),
        r.grund.clone().unwrap_or_default(),
    ]
}
