//! What can go wrong between a report model and its PDF, one variant for
//! each kind of thing, so that a caller can tell them apart (and the
//! command line say what to do about each: `commands::hint`).

use std::path::PathBuf;

use typst::diag::FileError;

/// What can go wrong between a report model and its PDF.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template folder lacks its entry point.
    #[error("the template folder {} has no main.typ", dir.display())]
    NoMainFile {
        /// The folder, as the user named it.
        dir: PathBuf,
    },
    /// The template lacks an entry point a document needs (`oversigt.typ`).
    #[error("the template has no {file}")]
    MissingEntry {
        /// The file, relative to the template's folder.
        file: String,
    },
    /// A file name inside the template that Typst cannot use.
    #[error("the template file name \"{file}\" is not usable: {reason}")]
    BadPath {
        /// The name, relative to the template's folder.
        file: String,
        /// Why Typst cannot use it.
        reason: String,
    },
    /// A template folder or file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A template file Typst asked for could not be loaded.
    #[error("{file}: {source}")]
    File {
        /// The file, as messages name it.
        file: String,
        /// Why.
        #[source]
        source: FileError,
    },
    /// A template folder with more files than a template has.
    #[error("{} holds more than {limit} files; a template folder needs only its .typ files, fonts and images", dir.display())]
    TooManyFiles {
        /// The folder, as the user named it.
        dir: PathBuf,
        /// How many files were looked at.
        limit: usize,
    },
    /// The document date lies outside the years a PDF can carry.
    #[error("cannot date a document {date}: the years run from 1 to 9999")]
    Date {
        /// The date asked for.
        date: chrono::NaiveDate,
    },
    /// Typst rejected the template; the diagnostics name file, line and source.
    #[error("the report template failed:\n{diagnostics}")]
    Template {
        /// Typst's diagnostics, formatted with source excerpts.
        diagnostics: String,
    },
    /// The laid-out document could not be written as PDF/UA-1.
    #[error("the PDF could not be written:\n{diagnostics}")]
    Export {
        /// Typst's diagnostics, formatted with source excerpts where they have one.
        diagnostics: String,
    },
}
