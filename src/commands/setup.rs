//! What the subcommands that make reports share: the template and renderer
//! they start from, the documents' date, file names and JSON output.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};

use crate::cli::{DEFAULT_DATA_DIR, DataArgs, Format, TemplateArgs, UdgiverArgs};
use crate::commands::UsageError;
use crate::domain::groups::Maal;
use crate::domain::kommune::Kommune;
use crate::domain::period::Month;
use crate::extract::dataset::Dataset;
use crate::extract::udvalg::Udvalg;
use crate::extract::y30r21;
use crate::output;
use crate::pdf::render::{self, Dokument, Renderer};
use crate::pdf::template::Template;

/// The template the user chose: a folder, or the one built in.
pub fn template(args: &TemplateArgs) -> Result<Template> {
    Ok(match &args.template {
        Some(dir) => Template::from_dir(dir)?,
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

/// Refuses an `--udgiver` that the template's fonts cannot show (an
/// emoji, a flag): it would print as empty boxes in the header of every
/// page. Call it before any report is made; the error is the command
/// line's ([`UsageError`], exit code 2).
pub fn check_udgiver(renderer: &Renderer, udgiver: &UdgiverArgs) -> Result<()> {
    let Some(text) = udgiver.name() else {
        return Ok(());
    };
    let missing = renderer.unshown(text);
    if missing.is_empty() {
        return Ok(());
    }
    let shown: String = missing.iter().collect();
    let codes: Vec<String> = missing
        .iter()
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect();
    Err(UsageError(format!(
        "--udgiver \"{}\": the report's fonts cannot show {shown} ({}); leave {} out, or give --template a folder with a font that has {}",
        text.trim(),
        codes.join(", "),
        if missing.len() == 1 { "it" } else { "them" },
        if missing.len() == 1 { "it" } else { "them" },
    ))
    .into())
}

/// Warns of options that make no difference to JSON: the report model
/// names no publisher and is laid out by no template.
pub fn warn_unused(format: Format, udgiver: &UdgiverArgs, template: &TemplateArgs) {
    if format != Format::Json {
        return;
    }
    if udgiver.name().is_some() {
        eprintln!(
            "warning: --udgiver has no effect with --format json: the report model names no publisher"
        );
    }
    if template.template.is_some() {
        eprintln!("warning: --template has no effect with --format json: no PDF is laid out");
    }
}

/// Starts rayon's global thread pool, on which Typst lays out and exports
/// in parallel. Where the system refuses its threads (a low `ulimit -u`),
/// the global pool cannot be tried again (rayon builds it once), so the
/// current thread becomes the one thread of a pool of its own, which
/// Typst then uses from it: the report is made on one thread instead of a
/// panic. Call it on the thread that renders, before anything uses rayon;
/// later calls do nothing.
pub fn start_thread_pool() {
    static FALLBACK: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    FALLBACK.get_or_init(|| {
        let refused = rayon::ThreadPoolBuilder::new().build_global().err()?;
        // Only a thread the system refused carries an I/O error; a pool
        // already started is no reason to fall back.
        std::error::Error::source(&refused)?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .use_current_thread()
            .build()
            .ok()?;
        eprintln!(
            "note: the system refused more threads ({refused}); the report is made on one thread"
        );
        Some(pool)
    });
}

/// The documents' date: `SOURCE_DATE_EPOCH` when set, else the first day
/// after the report month. A value that is not a whole number of seconds
/// is an error, as in Typst's own CLI, and so is one beyond the dates the
/// program can represent (it used to be ignored, and the report dated by
/// its month instead).
fn document_date(month: Month) -> Result<NaiveDate> {
    let epoch = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => Some(source_date_epoch(&text)?),
        Err(_) => None,
    };
    Ok(render::document_date(month, epoch))
}

/// `SOURCE_DATE_EPOCH` read: whole seconds since 1970-01-01, at a date the
/// program can represent.
fn source_date_epoch(text: &str) -> Result<i64> {
    let secs = text.trim().parse::<i64>().ok().filter(|s| *s >= 0).with_context(|| {
        format!(
            "SOURCE_DATE_EPOCH is \"{}\"; it must be a whole number of seconds since 1970-01-01, such as 1598918400 (unset it to date a report by its month)",
            text.escape_debug()
        )
    })?;
    if chrono::DateTime::from_timestamp(secs, 0).is_none() {
        bail!(
            "SOURCE_DATE_EPOCH is \"{}\", a date beyond any this program can represent; a PDF's dates end with 9999-12-31 (253402300799); choose a smaller SOURCE_DATE_EPOCH, or unset it to date a report by its month",
            text.escape_debug()
        );
    }
    Ok(secs)
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
        udgiver: udgiver.name().map(String::from),
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
        return Err(super::advice(
            format!(
                "no --data was given, and the default folder {DEFAULT_DATA_DIR} (the project's fixtures) is not in {here}"
            ),
            format!(
                "pass --data DIR, a folder holding {EXTRACT_FILES}, or run the command from the project's folder"
            ),
        ));
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
    Ok(crate::alloc::reading_data(|| {
        Dataset::load_for(&dir, udvalg)
    })?)
}

/// The files a data folder holds, as a message names them: `Y30R21.csv,
/// fokusmaal-samtaler.csv and fokusmaal-aktive-tilbud.csv` ([`ExtractFiles`]).
const EXTRACT_FILES: ExtractFiles = ExtractFiles;

/// `Y30R21.csv` and each goal's extract ([`Maal::file_name`]), as a
/// message names them, so that a new goal's file is named without an edit.
struct ExtractFiles;

impl std::fmt::Display for ExtractFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(y30r21::FILE_NAME)?;
        for (i, maal) in Maal::ALL.into_iter().enumerate() {
            let sep = if i + 1 == Maal::ALL.len() {
                " and "
            } else {
                ", "
            };
            write!(f, "{sep}{}", maal.file_name())?;
        }
        Ok(())
    }
}

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
