//! What can go wrong between a report model and its PDF.

use std::path::PathBuf;

/// What can go wrong between a report model and its PDF.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template folder lacks its entry point.
    #[error("the template folder {} has no main.typ", dir.display())]
    NoMainFile {
        /// The folder.
        dir: PathBuf,
    },
    /// A template file could not be read.
    #[error("{}: {message}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        message: String,
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
}
