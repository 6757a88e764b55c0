//! The domain model: the bottom of the pipeline, importing nothing of the crate.
//!
//! What the extracts, the measures and the report all speak of: the 98
//! [`kommune`]r and the other areas an extract may name, months, windows of
//! months and benchmark periods ([`period`]), figures that jobindsats may have
//! discretized ([`value`]), the goals, ydelsesgrupper and anciennitet groups
//! ([`groups`]), and how Danish prints numbers and months ([`dansk`]).

pub mod dansk;
pub mod groups;
pub mod kommune;
pub mod label;
pub mod period;
pub mod value;
