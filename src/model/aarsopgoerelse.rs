//! The year's determination as a document: what `tilsyn --format json`
//! writes (`docs/report-model.md`, "The year's determination"), and what its
//! table and CSV are made from.

use serde::{Serialize, Serializer, ser::SerializeMap};

use crate::domain::groups::PerMaal;
use crate::domain::kommune;
use crate::domain::period::BenchmarkPeriod;
use crate::domain::value::Value;
use crate::measures::aarsopgoerelse::{Aarsopgoerelse, Udfald};
use crate::measures::rules::Regelsaet;
use crate::model::MODEL_VERSION;
use crate::model::report::KommuneInfo;

/// The determination of one year for every kommune.
#[derive(Debug, Clone, Serialize)]
pub struct Tilsyn {
    /// The version of the JSON layout,
    /// [`MODEL_VERSION`](crate::model::MODEL_VERSION).
    pub model_version: u32,
    /// The year determined (2021 the first).
    pub aar: i32,
    /// When STAR makes the determination: `april 2022`.
    pub opgoeres: String,
    /// The benchmark period the resultatmål is judged by: the one ending
    /// in December of the year, or the one named.
    pub resultatperiode: BenchmarkPeriod,
    /// The rules of the year (`"2021"`), which decide the outcomes.
    pub regelsaet: Regelsaet,
    /// How many kommuner have each outcome (below).
    pub antal: Antal,
    /// Every kommune, sorted by outcome, then by name in Danish order.
    pub kommuner: Vec<TilsynRaekke>,
}

/// How many kommuner have each outcome.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Antal {
    /// Kommuner that come under skærpet tilsyn.
    pub skaerpet_tilsyn: usize,
    /// Kommuner that come under light tilsyn.
    pub light_tilsyn: usize,
    /// Kommuner under neither.
    pub ikke_omfattet: usize,
    /// Kommuner whose outcome a discretized or missing figure leaves
    /// undecided.
    pub kan_ikke_opgoeres: usize,
}

/// One kommune's determination.
#[derive(Debug, Clone, Serialize)]
pub struct TilsynRaekke {
    /// The kommune, by code and names.
    pub kommune: KommuneInfo,
    /// `skaerpet_tilsyn`, `light_tilsyn`, `ikke_omfattet` or `kan_ikke_opgoeres`.
    pub udfald: Udfald,
    /// The outcome in Danish, as printed: `Skærpet tilsyn`.
    pub tekst: &'static str,
    /// Faktisk − forventet andel in pct.-points (met at 0 or below);
    /// `null` when missing or discretized.
    pub resultatmaal_forskel: Option<Value<f64>>,
    /// The mean of the year's 12 monthly shares per goal, pct.
    #[serde(flatten)]
    pub gennemsnit: Gennemsnit,
    /// Why a figure is missing (the months the data lack), when one is;
    /// `null` otherwise.
    pub grund: Option<String>,
}

/// The mean of the year's monthly shares per goal (`None` when the data
/// lack a month), serialised beside a row's other fields as
/// `samtaler_gennemsnit`, `aktive_tilbud_gennemsnit`, ….
#[derive(Debug, Clone)]
pub struct Gennemsnit(pub PerMaal<Option<Value<f64>>>);

impl Serialize for Gennemsnit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (maal, v) in self.0.iter() {
            map.serialize_entry(&format!("{}_gennemsnit", maal.key()), v)?;
        }
        map.end()
    }
}

impl Tilsyn {
    /// The document of a determination.
    pub fn build(a: &Aarsopgoerelse) -> Tilsyn {
        let mut kommuner: Vec<TilsynRaekke> = a
            .kommuner
            .iter()
            .map(|u| TilsynRaekke {
                kommune: u.kommune.into(),
                udfald: u.udfald,
                tekst: u.udfald.label(),
                resultatmaal_forskel: u.resultatmaal_forskel,
                gennemsnit: Gennemsnit(u.gennemsnit),
                grund: u.grund.clone(),
            })
            .collect();
        kommuner.sort_by_key(|r| (r.udfald, kommune::danish_key(r.kommune.navn)));
        let mut antal = Antal::default();
        for r in &kommuner {
            *match r.udfald {
                Udfald::SkaerpetTilsyn => &mut antal.skaerpet_tilsyn,
                Udfald::LightTilsyn => &mut antal.light_tilsyn,
                Udfald::IkkeOmfattet => &mut antal.ikke_omfattet,
                Udfald::KanIkkeOpgoeres => &mut antal.kan_ikke_opgoeres,
            } += 1;
        }
        Tilsyn {
            model_version: MODEL_VERSION,
            aar: a.aar,
            opgoeres: format!("april {}", a.aar + 1),
            resultatperiode: a.resultatperiode,
            regelsaet: a.regelsaet,
            antal,
            kommuner,
        }
    }
}
