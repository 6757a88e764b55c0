//! `jobcenterindblik` turns jobindsats extracts into STAR's monthly
//! Jobcenterindblik report for each of Denmark's 98 kommuner.
//!
//! The pipeline runs one way, and the folders of `src/` are its stages. A
//! module uses what stands before it in this list, never what stands after:
//!
//! 1. [`domain`]: kommuner, months and benchmark periods, discretized values,
//!    goals and ydelsesgrupper, Danish number and month formatting. It
//!    imports nothing of the crate. [`error`] (the data error with its
//!    position) sits on top of it;
//! 2. [`extract`]: reading and checking the CSV files into a validated
//!    [`Dataset`];
//! 3. [`measures`]: every figure, computed once per report month for all 98
//!    kommuner ([`Landsbillede`]); pure functions;
//! 4. [`model`]: the report model of one kommune (the documented JSON of
//!    `docs/report-model.md`), the overview of all, and golden-file diffs;
//! 5. [`pdf`]: the template (`report-templates/`), the Typst world and the
//!    PDF/UA export.
//!
//! Outside the line: [`cli`] holds the command-line types, [`commands`] one
//! module per subcommand (the only place that may use every stage, and the
//! only place that names command-line options in messages), [`output`]
//! atomic file writes, [`interrupt`] what Ctrl-C undoes, [`alloc`] the allocator's tuning and [`fuzzing`] the
//! bodies of the fuzz targets. The binary is a thin layer over [`cli`] and
//! [`commands`].

// A function that needs a scroll becomes named steps: at most 80 lines of
// code (clippy.toml), wherever clippy runs (CI: with -D warnings).
#![warn(clippy::too_many_lines)]

#[cfg(feature = "pdf")]
pub mod alloc;
pub mod cli;
#[cfg(feature = "pdf")]
pub mod commands;
pub mod domain;
pub mod error;
pub mod extract;
pub mod fuzzing;
pub mod interrupt;
pub mod measures;
pub mod model;
pub mod output;
#[cfg(feature = "pdf")]
pub mod pdf;

pub use domain::kommune::Kommune;
pub use domain::period::{BenchmarkPeriod, Month, Window};
pub use domain::value::Value;
pub use error::{DataError, ErrorKind};
pub use extract::dataset::Dataset;
pub use measures::Landsbillede;
pub use model::{Oversigt, ReportModel};
