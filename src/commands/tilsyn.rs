//! `jobcenterindblik tilsyn --aar YYYY`: who comes under skærpet (or light)
//! tilsyn for a year, by the rule of STAR's determination in April of the
//! following year (docs/method.md, "The year's determination").

use std::fmt::Write as _;

use anyhow::Result;

use super::setup;
use crate::cli::{TilsynArgs, TilsynFormat};
use crate::domain::groups::Maal;
use crate::domain::value::Value;
use crate::measures::aarsopgoerelse::aarsopgoerelse;
use crate::measures::krav::{Graense, gennemsnit_tekst};
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

/// A fokusmål average as [`figure`], never printed as the limit `graense`
/// when it misses it.
fn average(v: Option<Value<f64>>, graense: Graense) -> String {
    v.map_or_else(|| "-".into(), |a| gennemsnit_tekst(a, graense, 2))
}

/// Each goal's averages of row `r`, against the goal's limit under the year's rules.
fn averages<'a>(t: &'a Tilsyn, r: &'a TilsynRaekke) -> impl Iterator<Item = String> + 'a {
    r.gennemsnit
        .0
        .iter()
        .map(|(m, v)| average(*v, t.regelsaet.graense(m)))
}

/// A plain-text table, one kommune a line, and a summary line. A goal's
/// column is as wide as its name, and at least 9 characters.
fn table(t: &Tilsyn) -> String {
    let mut out = format!(
        "Skærpet tilsyn for {} (opgøres {}; resultatmål {}, fokusmål januar - december {})\n",
        t.aar,
        t.opgoeres,
        t.resultatperiode.code(),
        t.aar
    );
    let widths = Maal::ALL.map(|m| m.navn().chars().count().max(9));
    let _ = write!(
        out,
        "{:<18} {:<17} {:>11}",
        "kommune", "udfald", "resultatmål"
    );
    for (m, w) in Maal::ALL.into_iter().zip(widths) {
        let _ = write!(out, " {:>w$}", m.navn());
    }
    out.push('\n');
    for r in &t.kommuner {
        let _ = write!(
            out,
            "{:<18} {:<17} {:>11}",
            r.kommune.navn,
            r.tekst,
            figure(r.resultatmaal_forskel),
        );
        for (a, w) in averages(t, r).zip(widths) {
            let _ = write!(out, " {a:>w$}");
        }
        let grund = r.grund.as_deref().map(|g| format!("  ({g})"));
        let _ = writeln!(out, "{}", grund.unwrap_or_default());
    }
    let a = &t.antal;
    let _ = writeln!(
        out,
        "{}: {} skærpet tilsyn, {} light tilsyn, {} ikke omfattet, {} kan ikke opgøres",
        t.aar, a.skaerpet_tilsyn, a.light_tilsyn, a.ikke_omfattet, a.kan_ikke_opgoeres
    );
    out
}

/// `;`-separated with decimal commas and a byte-order mark, for Danish
/// Excel: the kommune, its outcome, the resultatmål, each goal's average
/// (`samtaler_gennemsnit`, …) and why a figure is missing.
fn csv(t: &Tilsyn) -> Result<Vec<u8>> {
    let goals = Maal::ALL.map(|m| format!("{}_gennemsnit", m.key()));
    let header: Vec<&str> = ["aar", "kode", "kommune", "udfald", "resultatmaal_forskel"]
        .into_iter()
        .chain(goals.iter().map(String::as_str))
        .chain(["grund"])
        .collect();
    output::danish_csv(&header, t.kommuner.iter().map(|r| row(t, r)))
}

/// One kommune's CSV fields.
fn row(t: &Tilsyn, r: &TilsynRaekke) -> Vec<String> {
    [
        t.aar.to_string(),
        r.kommune.kode.clone(),
        r.kommune.navn.to_string(),
        r.tekst.to_string(),
        figure(r.resultatmaal_forskel),
    ]
    .into_iter()
    .chain(averages(t, r))
    .chain([r.grund.clone().unwrap_or_default()])
    .collect()
}
