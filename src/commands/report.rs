//! `jobcenterindblik report`: one kommune's report for one month.

use std::path::PathBuf;

use anyhow::Result;

use super::setup;
use crate::cli::ReportArgs;
use crate::measures::Landsbillede;
use crate::model::{Oversigt, ReportModel};

/// Reads the data, builds the report model and writes it as PDF or JSON.
pub fn run(args: &ReportArgs) -> Result<()> {
    let renderer = setup::renderer(args.format, &args.template)?;
    if let Some(r) = &renderer {
        setup::check_udgiver(r, &args.udgiver)?;
        setup::start_thread_pool();
    }
    let dokument = setup::dokument(args.periode, &args.udgiver)?;
    let data = setup::load_data(&args.data)?;
    let land = Landsbillede::new(&data, args.periode, args.resultatperiode)?;
    let model = ReportModel::build(&land, args.kommune)?;
    let Some(renderer) = renderer else {
        return setup::write_output(args.output.as_deref(), None, &setup::to_json(&model)?);
    };
    let pdf = renderer
        .render(&model, &Oversigt::build(&land), &dokument)?
        .pdf;
    let default = PathBuf::from(setup::file_name(args.kommune, args.periode, "pdf"));
    setup::write_output(args.output.as_deref(), Some(default), &pdf)
}
