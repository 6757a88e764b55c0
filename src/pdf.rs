//! The last stages of the pipeline: template and PDF.
//!
//! [`template`] carries the Typst files of `report-templates/` (built in, or
//! from a folder); [`world`] is what the Typst compiler may see (the template,
//! its fonts, one report's data); [`document`] is a document's data as the
//! template reads them; [`render`] lays out a report model and exports it
//! as PDF/UA-1 ([`gate`] tells the allocator when it does); [`text`] reads a laid-out document's text back.
//! Everything here depends on the report model and below, never the reverse.

pub mod document;
pub mod error;
pub mod gate;
pub mod render;
pub mod template;
pub mod text;
pub mod world;

pub use error::RenderError;
pub use render::Renderer;
