//! The report model's types: one kommune's report for one month, as the
//! documented JSON of `docs/report-model.md` (a public interface: golden
//! files are made of it). The fokusmål's own types are in [`fokus`](super::fokus).

use serde::Serialize;

use crate::domain::groups::Y30Gruppe;
use crate::domain::kommune::Kommune;
use crate::domain::period::{BenchmarkPeriod, Month};
use crate::domain::value::Value;
use crate::measures::ranks::Placering;
use crate::measures::resultat::Resultatafstand;
use crate::measures::rules::{Regelsaet, covid_19, foerste_rapportmaaned};
use crate::measures::status::{Kriterier, Skift, Status};
use crate::model::fokus::Fokusmaal;

/// One kommune's report for one month.
#[derive(Debug, Clone, Serialize)]
pub struct ReportModel {
    /// [`MODEL_VERSION`](crate::model::MODEL_VERSION).
    pub model_version: u32,
    /// Whose report it is.
    pub kommune: KommuneInfo,
    /// The report month.
    pub periode: MaanedInfo,
    /// Tables 1.1 and 1.4.
    pub resultatmaal: Resultatmaal,
    /// Tables 1.3 and 1.5, chapters 4 and 5: samtaler, then aktive tilbud.
    pub fokusmaal: Vec<Fokusmaal>,
    /// Table 1.6.
    pub status: StatusInfo,
    /// Chapter 2.
    pub kapitel_2: Kapitel2,
}

/// A kommune as the report names it.
#[derive(Debug, Clone, Serialize)]
pub struct KommuneInfo {
    /// Three-digit kommunekode.
    pub kode: String,
    /// The name a reader uses (`Sorø`, `Nordfyn`), for headings and text.
    pub navn: &'static str,
    /// Genitive of the name (`Sorøs`, `Nordfyns`, `Aarhus'`).
    pub genitiv: String,
    /// The official name (`Sorø Kommune`, `Københavns Kommune`,
    /// `Bornholms Regionskommune`), for titles.
    pub officielt_navn: String,
    /// Its genitive (`Sorø Kommunes`).
    pub officielt_genitiv: String,
}

impl From<&Kommune> for KommuneInfo {
    fn from(k: &Kommune) -> Self {
        KommuneInfo {
            kode: k.kode_str(),
            navn: k.almindeligt_navn(),
            genitiv: k.almindeligt_genitiv(),
            officielt_navn: k.officielt_navn(),
            officielt_genitiv: k.officielt_genitiv(),
        }
    }
}

/// A report month with its Danish label.
#[derive(Debug, Clone, Serialize)]
pub struct MaanedInfo {
    /// `2020-08`.
    pub maaned: Month,
    /// `August 2020`.
    pub tekst: String,
    /// Whether the month's report is one of STAR's COVID-19 reports (March
    /// to December 2020), with the COVID-19 note and without the early
    /// indsats for the time being ([`covid_19`]).
    pub covid_19: bool,
}

impl From<Month> for MaanedInfo {
    fn from(m: Month) -> Self {
        MaanedInfo {
            maaned: m,
            tekst: m.label(),
            covid_19: covid_19(m),
        }
    }
}

/// Three figures side by side.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ForventetFaktisk {
    /// Forventet.
    pub forventet: Value<f64>,
    /// Faktisk.
    pub faktisk: Value<f64>,
    /// Faktisk − forventet.
    pub forskel: Value<f64>,
}

/// Resultatmål (tables 1.1 and 1.4).
#[derive(Debug, Clone, Serialize)]
pub struct Resultatmaal {
    /// The benchmark period.
    pub periode: BenchmarkPeriod,
    /// Fuldtidspersoner on offentlig forsørgelse (table 1.1).
    pub fuldtidspersoner: ForventetFaktisk,
    /// Shares of the 16-66-year-olds in pct. (table 1.4).
    pub andel: ForventetFaktisk,
    /// Rank on the benchmark list (1 = most below expectation).
    pub placering: Option<Placering>,
    /// Faktisk andel ≤ forventet andel; `null` if discretized.
    pub opfyldt: Option<bool>,
    /// Against the previous benchmark period; `null` if the data has none.
    pub progression: Option<ResultatProgression>,
    /// How far the kommune is from the resultatmål: how many fewer
    /// fuldtidspersoner would have met it, or by how much it is met.
    pub hvad_skal_der_til: Resultatafstand,
    /// The following month and the benchmark period its report uses by
    /// its rules.
    pub naeste_maaned: RapportPeriode,
    /// The next benchmark period still to come and the report month it is
    /// expected with.
    pub naeste_periode: RapportPeriode,
}

/// A report month and a benchmark period: the one its report uses, or the
/// one it is the first to use.
#[derive(Debug, Clone, Serialize)]
pub struct RapportPeriode {
    /// The report month.
    pub maaned: Month,
    /// `December 2021`.
    pub tekst: String,
    /// The benchmark period.
    pub periode: BenchmarkPeriod,
}

impl RapportPeriode {
    /// `maaned` with `periode`.
    pub fn new(maaned: Month, periode: BenchmarkPeriod) -> RapportPeriode {
        RapportPeriode {
            maaned,
            tekst: maaned.label(),
            periode,
        }
    }
}

/// Table 1.1 against the benchmark period half a year earlier.
#[derive(Debug, Clone, Serialize)]
pub struct ResultatProgression {
    /// The previous benchmark period.
    pub periode: BenchmarkPeriod,
    /// Its forskel in fuldtidspersoner.
    pub forskel_fuldtidspersoner: Value<f64>,
    /// Its forskel in pct.-points.
    pub forskel_andel: Value<f64>,
    /// Its rank.
    pub placering: Option<Placering>,
    /// Forskel now − forskel then, in fuldtidspersoner (negative = better).
    pub aendring_fuldtidspersoner: Value<f64>,
}

/// Table 1.6.
#[derive(Debug, Clone, Serialize)]
pub struct StatusInfo {
    /// The category.
    #[serde(flatten)]
    pub status: Status,
    /// The rules that decided it: `"2020"` or `"2021"`, by the report month.
    pub regelsaet: Regelsaet,
    /// The year in which STAR determines who comes under skærpet tilsyn for
    /// the report month's year (April of the following year), under the
    /// 2021 rules; `null` under the 2020 rules, whose reports name no year.
    pub opgoerelse_aar: Option<i32>,
    /// The criteria it follows from.
    pub kriterier: Kriterier,
    /// The status of each of the 12 months up to the report month, oldest
    /// first, as each month's own report gives it; the last is this one.
    pub historik: Vec<HistorikMaaned>,
    /// The month before, with its criteria and those that changed since.
    pub forrige: ForrigeMaaned,
}

/// The month before the report month, as its own report gives it, and
/// what changed since (the summary's "what changed").
#[derive(Debug, Clone, Serialize)]
pub struct ForrigeMaaned {
    /// Its month, category and rules, as in the history.
    #[serde(flatten)]
    pub maaned: HistorikMaaned,
    /// The benchmark period its report used; `null` when it has no status.
    pub resultatperiode: Option<BenchmarkPeriod>,
    /// Its criteria; `null` when it has no status.
    pub kriterier: Option<Kriterier>,
    /// The criteria whose value differs in the report month, the
    /// resultatmål first; empty when none does or the month has no status.
    pub skift: Vec<Skift>,
}

/// One month of the status history.
#[derive(Debug, Clone, Serialize)]
pub struct HistorikMaaned {
    /// The month.
    pub maaned: Month,
    /// `September 2020`.
    pub tekst: String,
    /// The category's key (`inspirationskommune`, …); `null` when the month's
    /// status could not be computed (see `grund`).
    pub kategori: Option<&'static str>,
    /// The rules of that month.
    pub regelsaet: Regelsaet,
    /// When there is no category, which kind of month it is: `null` when
    /// there is a category.
    pub ikke_opgjort: Option<IkkeOpgjort>,
    /// Why there is no category, when there is none.
    pub grund: Option<String>,
}

/// Why a month of the status history has no category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IkkeOpgjort {
    /// The month lies before STAR's first Jobcenterindblik (December 2019):
    /// no report, and no status, exists for it.
    FoerJobcenterindblik,
    /// The data cannot give the month's status (they start too late, or
    /// lack a row its report needs).
    DataMangler,
}

impl HistorikMaaned {
    /// A month's entry from its status, or why it has none.
    pub fn new(maaned: Month, regelsaet: Regelsaet, status: Result<Status, String>) -> Self {
        let (kategori, grund) = match status {
            Ok(s) => (Some(s.key()), None),
            Err(why) => (None, Some(why)),
        };
        let ikke_opgjort = kategori.is_none().then(|| {
            if maaned < foerste_rapportmaaned() {
                IkkeOpgjort::FoerJobcenterindblik
            } else {
                IkkeOpgjort::DataMangler
            }
        });
        HistorikMaaned {
            maaned,
            tekst: maaned.label(),
            kategori,
            regelsaet,
            ikke_opgjort,
            grund,
        }
    }
}

/// Chapter 2.
#[derive(Debug, Clone, Serialize)]
pub struct Kapitel2 {
    /// The benchmark period.
    pub periode: BenchmarkPeriod,
    /// Figure 2.1: fuldtidspersoner per ydelsesområde, the total first.
    pub ydelsesomraader: Vec<Ydelsesomraade>,
    /// The ydelsesområder of figure 2.1 that the data have no row for.
    pub mangler: Vec<Y30Gruppe>,
    /// Figure 2.2: the kommune, then the two with the closest forventet andel.
    pub sammenlignelige: Vec<Sammenlignelig>,
}

/// One ydelsesområde in figure 2.1.
#[derive(Debug, Clone, Serialize)]
pub struct Ydelsesomraade {
    /// The group.
    pub gruppe: Y30Gruppe,
    /// Fuldtidspersoner.
    pub fuldtidspersoner: ForventetFaktisk,
    /// Shares, pct.
    pub andel: ForventetFaktisk,
}

/// One kommune in figure 2.2.
#[derive(Debug, Clone, Serialize)]
pub struct Sammenlignelig {
    /// The kommune.
    pub kommune: KommuneInfo,
    /// Shares, pct.
    pub andel: ForventetFaktisk,
}
