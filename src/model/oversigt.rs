//! The overview of every kommune's status for a month: the report's Bilag,
//! the batch's overview PDF and its `status.csv`/`status.json`.

use serde::Serialize;

use crate::domain::groups::{Maal, PerMaal};
use crate::domain::kommune;
use crate::domain::period::BenchmarkPeriod;
use crate::domain::value::Value;
use crate::measures::Landsbillede;
use crate::measures::per_status::PerStatus;
use crate::measures::rules::Regelsaet;
use crate::measures::status::Status;
use crate::model::MODEL_VERSION;
use crate::model::fokus::Aarskrav;
use crate::model::report::{KommuneInfo, MaanedInfo};

/// The status of every kommune for a month: the report's Bilag and the batch summary.
#[derive(Debug, Clone, Serialize)]
pub struct Oversigt {
    /// The version of the JSON layout,
    /// [`MODEL_VERSION`](crate::model::MODEL_VERSION).
    pub model_version: u32,
    /// The report month, with its label.
    pub periode: MaanedInfo,
    /// The benchmark period the month's resultatmål are of.
    pub resultatperiode: BenchmarkPeriod,
    /// The rules that decided the statuses (`"2020"` or `"2021"`).
    pub regelsaet: Regelsaet,
    /// Under the 2021 rules, the year of STAR's determination (2022 for the
    /// months of 2021); `null` under the 2020 rules.
    pub opgoerelse_aar: Option<i32>,
    /// The goals, in the order the report shows them, with their limits:
    /// the columns of the overview, which the rows give by the goal's key.
    pub fokusmaal: Vec<OversigtFokusmaal>,
    /// All 98 kommuner in Danish alphabetical order.
    pub kommuner: Vec<OversigtRaekke>,
    /// The kommuner per status, the most serious first (the count that
    /// opens the overview, and its table by status).
    pub statusfordeling: Vec<StatusGruppe>,
}

/// The kommuner of one status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusGruppe {
    /// The category's key (`risiko_for_skaerpet_tilsyn`); `null` for the
    /// kommuner without a status, whose data lack months.
    pub kategori: Option<&'static str>,
    /// How many kommuner have it (0 for a category no kommune has).
    pub antal: usize,
    /// Their kommunekoder (`"340"`), in Danish alphabetical order of their
    /// names. In the JSON `kommuner`, the name the Bilag's template reads.
    #[serde(rename = "kommuner")]
    pub koder: Vec<String>,
}

/// One kommune in the overview.
#[derive(Debug, Clone, Serialize)]
pub struct OversigtRaekke {
    /// The kommune, by code and names.
    pub kommune: KommuneInfo,
    /// Its status; `null` when its data has a problem (see `fejl`).
    pub status: Option<Status>,
    /// Faktisk − forventet andel in pct.-points (met at 0 or below);
    /// `null` when its resultatmål row is missing, a `null` value when
    /// discretized.
    pub resultatmaal_forskel: Option<Value<f64>>,
    /// Each goal, by its key (`samtaler`, `aktive_tilbud`); `null` when
    /// its data has a problem.
    #[serde(flatten)]
    pub maal: PerMaal<Option<OversigtMaal>>,
    /// Why figures are missing (the data error, by file name); `null`
    /// when none is.
    pub fejl: Option<String>,
}

/// A goal of the overview: its key and its limit under the month's rule set.
#[derive(Debug, Clone, Serialize)]
pub struct OversigtFokusmaal {
    /// The goal's key, `samtaler` or `aktive_tilbud`: the rows' field
    /// for the goal has the same name.
    pub maal: Maal,
    /// The limit, pct. (80), as the report's `fokusmaal[].graense`.
    pub graense: f64,
}

/// A goal in the overview.
#[derive(Debug, Clone, Serialize)]
pub struct OversigtMaal {
    /// A12, the mean of the last 12 monthly shares, pct.; `null` when
    /// discretized.
    pub gennemsnit_12_mdr: Value<f64>,
    /// Krav ved årets udgang, and what it takes (as the report's
    /// `tolv_mdr.krav`).
    pub krav: Aarskrav,
}

impl Oversigt {
    /// The overview for the month of `land`.
    pub fn build(land: &Landsbillede<'_>) -> Oversigt {
        let mut kommuner: Vec<OversigtRaekke> = land
            .kommuner
            .iter()
            .map(|t| {
                let goal = |m: Maal| {
                    let g = t.maal(m).as_ref().ok()?;
                    let hvad = t.hvad_skal_der_til(m, land.regelsaet, land.maaned).ok()?;
                    Some(OversigtMaal {
                        gennemsnit_12_mdr: g.a12(),
                        krav: Aarskrav {
                            vurdering: g.krav(land.regelsaet.graense(m)),
                            hvad_skal_der_til: hvad,
                        },
                    })
                };
                let status = t.status(land.regelsaet);
                OversigtRaekke {
                    kommune: t.kommune.into(),
                    resultatmaal_forskel: t.resultat.as_ref().ok().map(|r| r.row.forskel_andel),
                    maal: PerMaal::from_fn(goal),
                    fejl: status.as_ref().err().map(|e| e.by_file_name()),
                    status: status.ok(),
                }
            })
            .collect();
        kommuner.sort_by_key(|r| kommune::danish_key(r.kommune.navn));
        let mut per_status = PerStatus::new(land.regelsaet);
        for r in &kommuner {
            per_status.add(r.status, r.kommune.kode.clone());
        }
        let statusfordeling = per_status
            .grupper()
            .into_iter()
            .map(|(status, koder)| StatusGruppe {
                kategori: status.map(|s| s.key()),
                antal: koder.len(),
                koder,
            })
            .collect();
        Oversigt {
            model_version: MODEL_VERSION,
            periode: land.maaned.into(),
            resultatperiode: land.resultatperiode,
            regelsaet: land.regelsaet,
            opgoerelse_aar: land.regelsaet.opgoerelse_aar(land.maaned),
            fokusmaal: Maal::ALL
                .into_iter()
                .map(|maal| OversigtFokusmaal {
                    maal,
                    graense: land.regelsaet.graense(maal).andel,
                })
                .collect(),
            kommuner,
            statusfordeling,
        }
    }
}
