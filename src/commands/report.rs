//! `jobcenterindblik report`: one kommune's report for one month.

use std::path::PathBuf;

use anyhow::Result;

use super::setup;
use crate::cli::ReportArgs;
use crate::extract::dataset::Dataset;
use crate::measures::Landsbillede;
use crate::model::{Oversigt, ReportModel};
use crate::output;

/// Reads the data, builds the report model and writes it as PDF or JSON.
pub fn run(args: &ReportArgs) -> Result<()> {
    let renderer = setup::renderer(args.format, &args.template)?;
    let data = Dataset::load(&args.data.data)?;
    let land = Landsbillede::new(&data, args.periode, args.resultatperiode)?;
    let model = ReportModel::build(&land, args.kommune)?;
    let Some(renderer) = renderer else {
        return output::write_or_stdout(args.output.as_deref(), &setup::to_json(&model)?);
    };
    let date = setup::document_date(args.periode);
    let pdf = renderer.render(&model, &Oversigt::build(&land), date)?.pdf;
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(setup::file_name(args.kommune, args.periode, "pdf")));
    output::write_atomic(&path, &pdf)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
