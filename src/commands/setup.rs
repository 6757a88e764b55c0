//! What the subcommands that make reports share: the template and renderer
//! they start from, the documents' date, file names and JSON output.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};

use crate::cli::{DEFAULT_DATA_DIR, DataArgs, Format, TemplateArgs, UdgiverArgs};
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::extract::dataset::Dataset;
use crate::extract::udvalg::Udvalg;
use crate::output;
use crate::pdf::RenderError;
use crate::pdf::render::{self, Dokument, Renderer};
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
/// after the report month. A value that is not a whole number of seconds is
/// an error, as in Typst's own CLI.
fn document_date(month: Month) -> Result<NaiveDate> {
    let epoch = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => Some(text.trim().parse::<i64>().ok().filter(|s| *s >= 0).with_context(
            || {
                format!(
                    "SOURCE_DATE_EPOCH is \"{}\"; it must be a whole number of seconds since 1970-01-01, such as 1598918400 (unset it to date a report by its month)",
                    text.escape_debug()
                )
            },
        )?),
        Err(_) => None,
    };
    Ok(render::document_date(month, epoch))
}

/// The documents' date and publisher, from the command line and the
/// environment.
pub fn dokument(month: Month, udgiver: &UdgiverArgs) -> Result<Dokument> {
    let dato = document_date(month)?;
    // A PDF's dates have four-digit years.
    if !(1..=9999).contains(&dato.year()) {
        bail!(
            "the report of {} would be dated in the year {}, outside the years 1-9999 a PDF can carry; {}",
            month.iso(),
            dato.year(),
            if std::env::var_os("SOURCE_DATE_EPOCH").is_some() {
                "choose a smaller SOURCE_DATE_EPOCH"
            } else {
                "choose an earlier --periode"
            }
        );
    }
    Ok(Dokument {
        dato,
        udgiver: udgiver
            .udgiver
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(String::from),
    })
}

/// Reads the data folder the user named, or the default one, every row.
pub fn load_data(args: &DataArgs) -> Result<Dataset> {
    load_data_for(args, Udvalg::Alle)
}

/// Reads the rows of `udvalg` from the data folder the user named, or the
/// default one. Problems with the folder itself are told in the command
/// line's terms.
pub fn load_data_for(args: &DataArgs, udvalg: Udvalg) -> Result<Dataset> {
    let dir = args.dir();
    if args.data.is_none() && !dir.is_dir() {
        let here = std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_else(|_| "the current folder".into());
        bail!(
            "no --data was given, and the default folder {DEFAULT_DATA_DIR} (the project's fixtures) is not in {here}\nhint: pass --data DIR, a folder holding {EXTRACT_FILES}, or run the command from the project's folder"
        );
    }
    if dir.exists() && !dir.is_dir() {
        bail!(
            "--data {} is a file; --data must be a folder holding {}",
            dir.display(),
            EXTRACT_FILES
        );
    }
    if !dir.exists() {
        bail!(
            "--data {}: there is no such folder; --data must be a folder holding {}",
            dir.display(),
            EXTRACT_FILES
        );
    }
    Ok(Dataset::load_for(&dir, udvalg)?)
}

/// The files a data folder holds, as a message names them.
const EXTRACT_FILES: &str = "Y30R21.csv, fokusmaal-samtaler.csv and fokusmaal-aktive-tilbud.csv";

/// Writes `bytes` to the file the user named (`-` is standard output), or
/// else to `default`; says where it went. Standard output when neither.
pub fn write_output(output: Option<&Path>, default: Option<PathBuf>, bytes: &[u8]) -> Result<()> {
    let file = output
        .map(Path::to_path_buf)
        .or(default)
        .filter(|p| p.as_os_str() != "-");
    match file {
        Some(path) => {
            output::write_atomic(&path, bytes)?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => output::write_stdout(bytes),
    }
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
