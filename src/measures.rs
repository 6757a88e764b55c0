//! The measures: every figure the report prints, computed from the extracts.
//!
//! Pure functions over a [`Dataset`](crate::extract::dataset::Dataset);
//! nothing here reads files or formats text. The rules and their sources are
//! written down in `docs/method.md`.
//!
//! - [`stats`]: a mean that respects discretization, a ratio of sums,
//!   rounding half up and competition ranks;
//! - [`shares`]: a month's share, and the unique persons who met a goal;
//! - [`windows`]: the months of a kommune's series a report looks at;
//! - [`krav`]: what the rest of the year needs (krav ved årets udgang), and
//!   [`needed`]: what that takes in persons and shares;
//! - [`status`]: the categories for skærpet tilsyn and their criteria;
//! - [`rules`]: the rule sets (2020, 2021) that turn criteria into a category;
//! - [`ranks`]: ranks on a share and on the benchmark list;
//! - [`benchmarking`]: the calendar of the half-yearly benchmarking: the
//!   period a month's rules give, when the next comes, what STAR announced;
//! - [`resultat`]: the benchmark period of a report and the resultatmål;
//! - [`groups`]: the same figures per ydelsesgruppe;
//! - [`national`]: Top 10 and Hele landet;
//! - [`history`]: each kommune's status in the months before a report;
//! - [`per_status`]: how many kommuner have each status, and which;
//! - [`aarsopgoerelse`]: the year's determination of skærpet tilsyn;
//! - [`landsbillede`]: all of it for the 98 kommuner of one report month,
//!   computed once and shared by every report of that month.

pub mod aarsopgoerelse;
pub mod benchmarking;
pub mod groups;
pub mod history;
pub mod krav;
pub mod landsbillede;
pub mod national;
pub mod needed;
pub mod per_status;
pub mod ranks;
pub mod resultat;
pub mod rules;
pub mod shares;
pub mod stats;
pub mod status;
pub mod windows;

pub use landsbillede::Landsbillede;
