//! The extracts: the first stage of the pipeline, over the domain model only.
//!
//! [`decode`] reads a file's bytes as text in whatever encoding Danish CSV
//! files come in; [`table`] finds the header and visits the records with their
//! line numbers; [`fields`] parses counts and decimal numbers; the readers
//! [`y30r21`] (resultatmål) and [`fokusmaal`] (the two fokusmål) interpret the
//! columns and check every row, with what they share in [`reader`] and
//! [`labels`]; [`dataset`] holds a data folder's three extracts,
//! validated, all their rows or those [`udvalg`] names. Every rejection is a
//! [`DataError`](crate::error::DataError) naming file, line, column and value.

pub mod dataset;
pub mod decode;
pub mod fields;
pub mod fokusmaal;
pub mod labels;
pub mod reader;
pub mod table;
pub mod udvalg;
pub mod y30r21;
