//! `jobcenterindblik` turns jobindsats extracts into STAR's monthly
//! Jobcenterindblik report for each of Denmark's 98 kommuner.
//!
//! The pipeline runs one way, and the modules follow it:
//!
//! 1. extracts: [`csvio`] reads the CSV files people export; [`y30r21`] and
//!    [`fokusmaal`] interpret them; [`dataset`] holds a validated data folder;
//! 2. domain model: [`kommune`], [`period`], [`value`];
//! 3. measures: [`stats`] and [`measures`] compute every figure (pure functions);
//! 4. report model: [`model`], the documented JSON of `docs/report-model.md`;
//! 5. template and PDF: [`template`] (files in `report-templates/`), [`world`]
//!    (what Typst sees) and [`render`] (layout and PDF/UA export).
//!
//! The binary is a thin layer over [`cli`] and [`commands`].

#[cfg(feature = "pdf")]
pub mod alloc;
pub mod cli;
#[cfg(feature = "pdf")]
pub mod commands;
pub mod csvio;
pub mod dataset;
pub mod error;
pub mod fokusmaal;
pub mod fuzzing;
pub mod golden;
pub mod kommune;
pub mod measures;
pub mod model;
pub mod output;
pub mod period;
#[cfg(feature = "pdf")]
pub mod render;
pub mod stats;
#[cfg(feature = "pdf")]
pub mod template;
pub mod value;
#[cfg(feature = "pdf")]
pub mod world;
pub mod y30r21;

pub use dataset::Dataset;
pub use error::{DataError, ErrorKind};
pub use kommune::Kommune;
pub use measures::Landsbillede;
pub use model::{Oversigt, ReportModel};
pub use period::{BenchmarkPeriod, Month, Window};
