//! The report model: every number one kommune's report prints, unrounded.
//!
//! Read off the measures of the report month
//! ([`Landsbillede`](crate::measures::Landsbillede)), serialised as the
//! documented JSON of `docs/report-model.md` (a public interface: golden
//! files are made of it) and handed to the template as data. The model only
//! gathers: every figure is computed in [`measures`](crate::measures), and
//! rounding and wording belong to the template.
//!
//! - [`report`]: the types of one report; [`fokus`]: those of one fokusmål;
//! - [`build`]: building a [`ReportModel`];
//! - [`oversigt`]: every kommune's status for a month (the Bilag);
//! - [`golden`]: comparing two models, for golden-file checks;
//! - [`aarsopgoerelse`]: the year's determination of skærpet tilsyn.

pub mod aarsopgoerelse;
pub mod build;
pub mod fokus;
pub mod golden;
pub mod oversigt;
pub mod report;

pub use fokus::{Aarskrav, Fokusmaal};
pub use oversigt::{Oversigt, OversigtFokusmaal, OversigtMaal, OversigtRaekke};
pub use report::{KommuneInfo, ReportModel};

/// The version of the JSON layout; raised when a field changes meaning or goes away.
/// 2 (issue 17): `kommune.navn` is the name a reader uses (`Nordfyn`), and
/// `tolv_mdr.krav.hvad_skal_der_til` is one tagged case. 3 (issue 21's
/// review): `resultatmaal.naeste_periode` is a case tagged by `kilde`
/// (STAR's announcement or the lag's estimate), `naeste_maaned` says how
/// its period stands to the report's (`bruger`), and the resultatmål's
/// `hvad_skal_der_til` says where the difference shows (`forskellen`).
pub const MODEL_VERSION: u32 = 3;
