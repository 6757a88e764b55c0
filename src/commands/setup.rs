//! What the subcommands that make reports share: the template and renderer
//! they start from, the documents' date, file names and JSON output.

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::{Format, TemplateArgs};
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::pdf::RenderError;
use crate::pdf::render::{self, Renderer};
use crate::pdf::template::Template;

/// The template the user chose: a folder, or the one built in.
pub fn template(args: &TemplateArgs) -> Result<Template> {
    Ok(match &args.template {
        Some(dir) => Template::from_dir(dir).map_err(|e| match e {
            RenderError::NoMainFile { .. } => anyhow::anyhow!(
                "{e}; give --template a folder that holds main.typ (a copy of report-templates/), or leave --template out to use the built-in template"
            ),
            e => e.into(),
        })?,
        None => Template::embedded(),
    })
}

/// A renderer for PDF output, none for JSON. It is made before the data are
/// read, so that a broken template folder fails first.
pub fn renderer(format: Format, args: &TemplateArgs) -> Result<Option<Renderer>> {
    Ok(match format {
        Format::Pdf => Some(Renderer::new(&template(args)?)?),
        Format::Json => None,
    })
}

/// The documents' date: `SOURCE_DATE_EPOCH` when set, else the first day
/// after the report month.
pub fn document_date(month: Month) -> NaiveDate {
    render::document_date(month, std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
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

/// A value as pretty JSON with a final newline.
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
