//! `jobcenterindblik report`: one kommune's report for one month.

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{Format, ReportArgs, TemplateArgs};
use crate::dataset::Dataset;
use crate::kommune::Kommune;
use crate::measures::Landsbillede;
use crate::model::{Oversigt, ReportModel};
use crate::output;
use crate::period::Month;
use crate::render::{self, Renderer};
use crate::template::Template;

/// Reads the data, builds the report model and writes it as PDF or JSON.
pub fn run(args: &ReportArgs) -> Result<()> {
    // Load the template first: a broken template folder should fail before
    // the data are read.
    let renderer = match args.format {
        Format::Pdf => Some(Renderer::new(&template(&args.template)?)?),
        Format::Json => None,
    };
    let data = Dataset::load(&args.data.data)?;
    let land = Landsbillede::new(&data, args.periode, args.resultatperiode)?;
    let model = ReportModel::build(&land, args.kommune)?;
    match renderer {
        Some(renderer) => {
            let date = render::document_date(
                args.periode,
                std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
            );
            let pdf = renderer.render(&model, &Oversigt::build(&land), date)?.pdf;
            let path = args
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from(file_name(args.kommune, args.periode, "pdf")));
            output::write_atomic(&path, &pdf)?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => output::write_or_stdout(args.output.as_deref(), &to_json(&model)?),
    }
}

/// The template the user chose: a folder, or the one built in.
pub fn template(args: &TemplateArgs) -> Result<Template> {
    Ok(match &args.template {
        Some(dir) => Template::from_dir(dir)?,
        None => Template::embedded(),
    })
}

/// A file name safe on every system: `Høje-Taastrup-2020-08.pdf`.
pub fn file_name(kommune: &Kommune, month: Month, extension: &str) -> String {
    let stem: String = kommune
        .navn
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{stem}-{}.{extension}", month.iso())
}

/// The report model as pretty JSON with a final newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_danish_letters_and_drop_separators() {
        let m = Month::new(2020, 8).unwrap();
        assert_eq!(
            file_name(Kommune::lookup("Høje-Taastrup").unwrap(), m, "pdf"),
            "Høje-Taastrup-2020-08.pdf"
        );
        assert_eq!(
            file_name(Kommune::lookup("Sorø").unwrap(), m, "json"),
            "Sorø-2020-08.json"
        );
    }
}
