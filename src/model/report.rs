//! The report model's types: one kommune's report for one month, as the
//! documented JSON of `docs/report-model.md` (a public interface: golden
//! files are made of it). The fokusmål's own types are in [`fokus`](super::fokus).

use serde::Serialize;

use crate::domain::groups::Y30Gruppe;
use crate::domain::kommune::Kommune;
use crate::domain::period::{BenchmarkPeriod, Month};
use crate::domain::value::Value;
use crate::measures::benchmarking::{Forventes, NaesteRapport};
use crate::measures::ranks::Placering;
use crate::measures::resultat::Resultatafstand;
use crate::measures::rules::{Regelsaet, covid_19, foerste_rapportmaaned};
use crate::measures::status::{Kriterier, Skift, Status};
use crate::model::fokus::Fokusmaal;

/// One kommune's report for one month.
#[derive(Debug, Clone, Serialize)]
pub struct ReportModel {
    /// The version of this JSON layout,
    /// [`MODEL_VERSION`](crate::model::MODEL_VERSION).
    pub model_version: u32,
    /// Whose report it is: its code and the names headings, text and
    /// titles use.
    pub kommune: KommuneInfo,
    /// The report month, with its label and whether it is one of STAR's
    /// COVID-19 reports.
    pub periode: MaanedInfo,
    /// The resultatmål in the report's benchmark period: tables 1.1 and
    /// 1.4, and the summary's resultatmål.
    pub resultatmaal: Resultatmaal,
    /// The goals, samtaler then aktive tilbud: tables 1.3 and 1.5,
    /// chapters 4 and 5, and the summary's fokusmål.
    pub fokusmaal: Vec<Fokusmaal>,
    /// The status for skærpet tilsyn, its criteria, the 12 months' history
    /// and the month before: table 1.6, chapter 5's history and the
    /// summary's status.
    pub status: StatusInfo,
    /// Chapter 2's figures 2.1 and 2.2.
    pub kapitel_2: Kapitel2,
}

/// A kommune as the report names it.
#[derive(Debug, Clone, Serialize)]
pub struct KommuneInfo {
    /// Its three-digit kommunekode (`"340"`), as a string with leading zeros.
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
    /// The month, `"2020-08"`.
    pub maaned: Month,
    /// Its label as a heading starts: `August 2020`.
    pub tekst: String,
    /// Its name alone in lower case, where a sentence says "i august":
    /// `august`.
    pub navn: &'static str,
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
            navn: m.name(),
            covid_19: covid_19(m),
        }
    }
}

/// Forventet against faktisk: fuldtidspersoner (whole tens, as jobindsats
/// gives them) or shares of the 16-66-year-olds (pct.), each `null` when
/// discretized.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ForventetFaktisk {
    /// What the benchmark model expects from the kommune's framework
    /// conditions.
    pub forventet: Value<f64>,
    /// What the kommune had.
    pub faktisk: Value<f64>,
    /// Faktisk − forventet (below 0: fewer on offentlig forsørgelse than
    /// expected).
    pub forskel: Value<f64>,
}

/// Resultatmål (tables 1.1 and 1.4, and the summary).
#[derive(Debug, Clone, Serialize)]
pub struct Resultatmaal {
    /// The benchmark period the report uses: its rules' (the latest
    /// published by the report month) or the one `--resultatperiode` named.
    pub periode: BenchmarkPeriod,
    /// Fuldtidspersoner on offentlig forsørgelse (table 1.1).
    pub fuldtidspersoner: ForventetFaktisk,
    /// Shares of the 16-66-year-olds in pct. (table 1.4).
    pub andel: ForventetFaktisk,
    /// Rank on the benchmark list (1 = furthest below expectation); `null`
    /// when the kommune is not ranked.
    pub placering: Option<Placering>,
    /// Whether the resultatmål is met: faktisk andel ≤ forventet andel;
    /// `null` when the difference is discretized.
    pub opfyldt: Option<bool>,
    /// Table 1.1's progression against the benchmark period half a year
    /// earlier; `null` when the data have no row for it.
    pub progression: Option<ResultatProgression>,
    /// How far the kommune is from the resultatmål (the summary and the
    /// note under table 1.4): how many fewer fuldtidspersoner would have
    /// met it, or by how much it is met, and where that shows.
    pub hvad_skal_der_til: Resultatafstand,
    /// The month after the report month and the benchmark period its
    /// report uses by its rules, against this report's.
    pub naeste_maaned: NaesteMaaned,
    /// The next benchmark period still to come, and when it is expected:
    /// STAR's announcement or the lag's estimate.
    pub naeste_periode: NaestePeriode,
}

/// The month after the report month, as the resultatmål goes.
#[derive(Debug, Clone, Serialize)]
pub struct NaesteMaaned {
    /// That month, `"2021-12"`.
    pub maaned: Month,
    /// Its label: `December 2021`.
    pub tekst: String,
    /// The benchmark period its report uses by its rules.
    pub periode: BenchmarkPeriod,
    /// That period against this report's: `samme_periode` (this report's
    /// period holds on), `ny_periode` (it is `naeste_periode`: this report
    /// is the last with its own), `anden_periode` (one that came earlier:
    /// this report uses a period named by `--resultatperiode`).
    pub bruger: NaesteRapport,
}

/// A benchmark period still to come and when it is expected.
#[derive(Debug, Clone, Serialize)]
pub struct NaestePeriode {
    /// The period (`2021QMAT04`, januar – december 2021).
    pub periode: BenchmarkPeriod,
    /// When, and on whose word.
    #[serde(flatten)]
    pub forventes: ForventesMed,
}

/// When a benchmark period is expected, as the report says it: tagged by
/// `kilde`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kilde", rename_all = "snake_case")]
pub enum ForventesMed {
    /// STAR announced it: STAR's words, and the report month they name,
    /// `null` (with its label) where they name none beyond doubt.
    Annonceret {
        /// The report month STAR's words name, or `null`.
        maaned: Option<Month>,
        /// Its label (`September 2021`), or `null`.
        tekst: Option<String>,
        /// STAR's words, after "forventes opdateret": `i forbindelse med
        /// december-rapporten i 2022`.
        star_ord: &'static str,
    },
    /// Not announced: the first report month whose rules give it, by the
    /// rule set's lag (an estimate).
    Anslaaet {
        /// That report month.
        maaned: Month,
        /// Its label: `Marts 2021`.
        tekst: String,
        /// The months from the period's end to that month (2 under the
        /// 2020 rules, 3 from 2021).
        forsinkelse_maaneder: i32,
    },
}

impl From<Forventes> for ForventesMed {
    fn from(f: Forventes) -> Self {
        match f {
            Forventes::Annonceret { maaned, star_ord } => ForventesMed::Annonceret {
                maaned,
                tekst: maaned.map(Month::label),
                star_ord,
            },
            Forventes::Anslaaet {
                maaned,
                forsinkelse_maaneder,
            } => ForventesMed::Anslaaet {
                maaned,
                tekst: maaned.label(),
                forsinkelse_maaneder,
            },
        }
    }
}

/// Table 1.1 against the benchmark period half a year earlier.
#[derive(Debug, Clone, Serialize)]
pub struct ResultatProgression {
    /// The previous benchmark period.
    pub periode: BenchmarkPeriod,
    /// Its faktisk − forventet fuldtidspersoner; `null` when discretized.
    pub forskel_fuldtidspersoner: Value<f64>,
    /// Its faktisk − forventet andel, pct.-points; `null` when discretized.
    pub forskel_andel: Value<f64>,
    /// Its rank on that period's benchmark list; `null` when not ranked.
    pub placering: Option<Placering>,
    /// Forskel now − forskel then, in fuldtidspersoner (negative = better).
    pub aendring_fuldtidspersoner: Value<f64>,
}

/// The status for skærpet tilsyn: table 1.6, chapter 5's history and the
/// summary.
#[derive(Debug, Clone, Serialize)]
pub struct StatusInfo {
    /// The category, as its key (`kategori`) and as printed (`tekst`).
    #[serde(flatten)]
    pub status: Status,
    /// The rules that decided it: `"2020"` or `"2021"`, by the report month.
    pub regelsaet: Regelsaet,
    /// The year in which STAR determines who comes under skærpet tilsyn for
    /// the report month's year (April of the following year), under the
    /// 2021 rules; `null` under the 2020 rules, whose reports name no year.
    pub opgoerelse_aar: Option<i32>,
    /// The criteria it follows from: the resultatmål met, and each goal's
    /// 12-month average and krav, each `null` when unknown.
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
    /// Its month, category and rules, as its entry in the history.
    #[serde(flatten)]
    pub status: HistorikMaaned,
    /// The benchmark period its report used; `null` when it has no status.
    pub resultatperiode: Option<BenchmarkPeriod>,
    /// Its criteria; `null` when it has no status.
    pub kriterier: Option<Kriterier>,
    /// The criteria whose value differs in the report month, the
    /// resultatmål first; empty when none does or the month has no status.
    pub skift: Vec<Skift>,
    /// Whether it has a status and it is the report month's (the summary
    /// says "den samme status som nu").
    pub samme_kategori: bool,
    /// Whether its report used another benchmark period than this report
    /// (the summary names the new one); `false` when it has no status.
    pub ny_resultatperiode: bool,
    /// Whether it was judged by another rule set than the report month (a
    /// report of January 2021): the summary says what changed.
    pub nyt_regelsaet: bool,
    /// Whether the report month is a January in which a goal's krav
    /// changed: the year's mean began anew with January, which the summary
    /// says beside the change.
    pub aarets_gennemsnit_forfra: bool,
}

/// One month of the status history (chapter 5) and the month before (the
/// summary).
#[derive(Debug, Clone, Serialize)]
pub struct HistorikMaaned {
    /// The month, `"2020-09"`.
    pub maaned: Month,
    /// Its label: `September 2020`.
    pub tekst: String,
    /// The category's key (`inspirationskommune`, …); `null` when the month's
    /// status could not be computed (see `grund`).
    pub kategori: Option<&'static str>,
    /// The rules of that month (`"2020"`, `"2021"`), by which its category
    /// was decided.
    pub regelsaet: Regelsaet,
    /// When there is no category, which kind of month it is: `null` when
    /// there is a category.
    pub ikke_opgjort: Option<IkkeOpgjort>,
    /// Why there is no category (the data error, by file name), when
    /// there is none; `null` otherwise.
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

/// Chapter 2, "Borgere på offentlig forsørgelse": figures 2.1 and 2.2.
#[derive(Debug, Clone, Serialize)]
pub struct Kapitel2 {
    /// The benchmark period its figures are of (the resultatmål's).
    pub periode: BenchmarkPeriod,
    /// Figure 2.1: fuldtidspersoner per ydelsesområde, the total first.
    pub ydelsesomraader: Vec<Ydelsesomraade>,
    /// The ydelsesområder of figure 2.1 that the data have no row for
    /// (the figure's note names them).
    pub mangler: Vec<Y30Gruppe>,
    /// Figure 2.2: the kommune, then the two with the closest forventet andel.
    pub sammenlignelige: Vec<Sammenlignelig>,
}

/// One ydelsesområde in figure 2.1.
#[derive(Debug, Clone, Serialize)]
pub struct Ydelsesomraade {
    /// The ydelsesområde, as jobindsats names it (`A-dagpenge mv.`).
    pub gruppe: Y30Gruppe,
    /// Its fuldtidspersoner on offentlig forsørgelse, forventet and faktisk.
    pub fuldtidspersoner: ForventetFaktisk,
    /// Its shares of the 16-66-year-olds, pct., forventet and faktisk.
    pub andel: ForventetFaktisk,
}

/// One kommune in figure 2.2.
#[derive(Debug, Clone, Serialize)]
pub struct Sammenlignelig {
    /// The kommune, by code and names.
    pub kommune: KommuneInfo,
    /// Its forventet and faktisk andel on offentlig forsørgelse, pct.
    pub andel: ForventetFaktisk,
}
