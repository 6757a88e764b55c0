//! The report model: every number one kommune's report prints, unrounded.
//!
//! Read off the [`Landsbillede`] for the report month; serialised as the
//! documented JSON of `docs/report-model.md` (a public interface: golden files
//! are made of it) and handed to the template as data. Rounding and wording
//! belong to presentation, not here.

use std::cmp::Reverse;

use serde::Serialize;

use crate::error::DataError;
use crate::fokusmaal::{Gruppe, Maal};
use crate::kommune::{self, Kommune};
use crate::measures::{
    self, GRAENSE, KommuneMaal, KravVurdering, Kriterier, Landsbillede, Placering, Status,
};
use crate::period::{BenchmarkPeriod, Month, Window};
use crate::stats::{Mean, quantize};
use crate::value::Value;
use crate::y30r21::{Y30Gruppe, Y30Row};

/// The version of the JSON layout; raised when a field changes meaning or goes away.
pub const MODEL_VERSION: u32 = 1;

/// One kommune's report for one month.
#[derive(Debug, Clone, Serialize)]
pub struct ReportModel {
    /// [`MODEL_VERSION`].
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
    /// Name.
    pub navn: &'static str,
    /// Genitive of the name (`Sorøs`, `Aarhus'`).
    pub genitiv: String,
}

impl From<&Kommune> for KommuneInfo {
    fn from(k: &Kommune) -> Self {
        KommuneInfo {
            kode: k.kode_str(),
            navn: k.navn,
            genitiv: k.genitiv(),
        }
    }
}

/// A month with its Danish label.
#[derive(Debug, Clone, Serialize)]
pub struct MaanedInfo {
    /// `2020-08`.
    pub maaned: Month,
    /// `August 2020`.
    pub tekst: String,
}

impl From<Month> for MaanedInfo {
    fn from(m: Month) -> Self {
        MaanedInfo {
            maaned: m,
            tekst: m.label(),
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

/// One fokusmål.
#[derive(Debug, Clone, Serialize)]
pub struct Fokusmaal {
    /// `samtaler` or `aktive_tilbud`.
    pub maal: Maal,
    /// `Mindst 4 samtaler` or `Mindst 1 aktivt tilbud mv.`.
    pub tekst: &'static str,
    /// The report month alone (the dashboard's figures).
    pub maaned: MaanedTal,
    /// The 3-month window (table 1.3).
    pub tre_mdr: TreMdr,
    /// The 12-month window (table 1.5 and the dashboard).
    pub tolv_mdr: TolvMdr,
    /// Monthly shares of the last 12 months against Top 10 and Hele landet (figures 4.1 and 4.3).
    pub udvikling: Udvikling,
    /// Per ydelsesgruppe, the 3-month window (figures 4.2 and 4.4).
    pub ydelsesgrupper_3_mdr: GruppeFordeling,
    /// The 12-month average at each of the last 12 months (figures 5.1 and 5.3).
    pub gennemsnit_12_mdr: Vec<Gennemsnit>,
    /// The limit of skærpet tilsyn, 80.
    pub graense: f64,
    /// Per ydelsesgruppe, the 12-month window (figures 5.2 and 5.4).
    pub ydelsesgrupper_12_mdr: GruppeFordeling,
}

/// The report month's own figures.
#[derive(Debug, Clone, Serialize)]
pub struct MaanedTal {
    /// The month.
    pub periode: Window,
    /// Share who met the goal, pct.
    pub andel: Value<f64>,
    /// Persons in the target group.
    pub personer: Value<u32>,
    /// Of them, persons who met the goal.
    pub opfyldt: Value<u32>,
    /// Rank among the kommuner on `andel` (1 = highest).
    pub placering: Option<Placering>,
}

/// Table 1.3: the 3-month window.
#[derive(Debug, Clone, Serialize)]
pub struct TreMdr {
    /// The window.
    pub periode: Window,
    /// Unique persons with 12+ months' anciennitet in the window.
    pub unikke_personer: Value<u32>,
    /// Of them, those who met the goal (share × unique persons, rounded half up).
    pub opfyldt: Value<u32>,
    /// The mean of the window's monthly shares, pct.
    pub andel: Value<f64>,
    /// Rank among the kommuner on `andel`.
    pub placering: Option<Placering>,
    /// Against the window ending one month earlier.
    pub progression: Option<TreMdrProgression>,
}

/// Table 1.3 against last month's window.
#[derive(Debug, Clone, Serialize)]
pub struct TreMdrProgression {
    /// The previous window.
    pub periode: Window,
    /// Its share.
    pub andel: Value<f64>,
    /// Its rank.
    pub placering: Option<Placering>,
    /// Share now − share then, in pct.-points (positive = better).
    pub aendring: Value<f64>,
}

/// Table 1.5: the 12-month window.
#[derive(Debug, Clone, Serialize)]
pub struct TolvMdr {
    /// The window.
    pub periode: Window,
    /// A12: the mean of the 12 monthly shares, pct.
    pub gennemsnit: Value<f64>,
    /// Unique persons of the 12 months.
    pub unikke_personer: Value<u32>,
    /// Of them, those who met the goal (A12 × unique persons, rounded half up).
    pub opfyldt: Value<u32>,
    /// Krav ved årets udgang.
    pub krav: KravVurdering,
}

/// Figures 4.1 and 4.3.
#[derive(Debug, Clone, Serialize)]
pub struct Udvikling {
    /// The 12 months.
    pub periode: Window,
    /// The Top 10: the kommuner with the highest share in the report month.
    pub top10_kommuner: Vec<&'static str>,
    /// One entry per month, oldest first.
    pub maaneder: Vec<UdviklingsMaaned>,
}

/// One month of figures 4.1 and 4.3.
#[derive(Debug, Clone, Serialize)]
pub struct UdviklingsMaaned {
    /// The month.
    pub maaned: Month,
    /// `August 2020`.
    pub tekst: String,
    /// The kommune's share.
    pub kommune: Value<f64>,
    /// The simple mean of the Top 10's shares.
    pub top10: Option<f64>,
    /// Σ met / Σ persons over all kommuner.
    pub hele_landet: Option<f64>,
}

/// Unique persons per ydelsesgruppe in a window.
#[derive(Debug, Clone, Serialize)]
pub struct GruppeFordeling {
    /// The window.
    pub periode: Window,
    /// `Ydelsesgrupper i alt` first, then the groups in display order.
    pub grupper: Vec<GruppeTal>,
}

/// One ydelsesgruppe's unique persons split by the goal.
#[derive(Debug, Clone, Serialize)]
pub struct GruppeTal {
    /// The group.
    pub gruppe: Gruppe,
    /// Unique persons of the window.
    pub unikke_personer: Value<u32>,
    /// The window's share, pct.
    pub andel: Value<f64>,
    /// Unique persons who met the goal.
    pub opfyldt: Value<u32>,
    /// Unique persons who did not.
    pub ikke_opfyldt: Value<u32>,
}

/// The 12-month average at one month (figures 5.1 and 5.3).
#[derive(Debug, Clone, Serialize)]
pub struct Gennemsnit {
    /// The month the 12 months end with.
    pub maaned: Month,
    /// `August 2020`.
    pub tekst: String,
    /// A12 at that month.
    pub gennemsnit: Value<f64>,
}

/// Table 1.6.
#[derive(Debug, Clone, Serialize)]
pub struct StatusInfo {
    /// The category.
    #[serde(flatten)]
    pub status: Status,
    /// The criteria it follows from.
    pub kriterier: Kriterier,
}

/// Chapter 2.
#[derive(Debug, Clone, Serialize)]
pub struct Kapitel2 {
    /// The benchmark period.
    pub periode: BenchmarkPeriod,
    /// Figure 2.1: fuldtidspersoner per ydelsesområde, the total first.
    pub ydelsesomraader: Vec<Ydelsesomraade>,
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

fn fuldtid(r: &Y30Row) -> ForventetFaktisk {
    ForventetFaktisk {
        forventet: r.forventet_antal,
        faktisk: r.faktisk_antal,
        forskel: r.forskel_antal,
    }
}

fn andel(r: &Y30Row) -> ForventetFaktisk {
    ForventetFaktisk {
        forventet: r.forventet_andel,
        faktisk: r.faktisk_andel,
        forskel: r.forskel_andel,
    }
}

impl ReportModel {
    /// The report model for `kommune`, or the first data problem that prevents it.
    pub fn build(
        land: &Landsbillede<'_>,
        kommune: &'static Kommune,
    ) -> Result<ReportModel, DataError> {
        let tal = land.kommune(kommune);
        let resultat = tal.resultat.as_ref().map_err(Clone::clone)?;
        let kriterier = tal.kriterier()?;
        let fokusmaal = Maal::ALL
            .iter()
            .map(|&m| {
                let g = tal.maal(m).as_ref().map_err(Clone::clone)?;
                fokusmaal(land, kommune, m, g)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ReportModel {
            model_version: MODEL_VERSION,
            kommune: kommune.into(),
            periode: land.maaned.into(),
            resultatmaal: resultatmaal(land, kommune, resultat),
            fokusmaal,
            status: StatusInfo {
                status: measures::status(&kriterier),
                kriterier,
            },
            kapitel_2: kapitel_2(land, kommune),
        })
    }
}

fn resultatmaal(land: &Landsbillede<'_>, k: &Kommune, r: &measures::Resultat) -> Resultatmaal {
    let previous = land.resultatperiode.previous();
    let progression = land
        .data
        .resultat
        .row(k, previous, Y30Gruppe::IAlt)
        .map(|p| ResultatProgression {
            periode: previous,
            forskel_fuldtidspersoner: p.forskel_antal,
            forskel_andel: p.forskel_andel,
            placering: measures::resultat_placeringer(land.data, previous)
                .get(&k.kode)
                .copied(),
            aendring_fuldtidspersoner: r.row.forskel_antal.zip(p.forskel_antal, |a, b| a - b),
        });
    Resultatmaal {
        periode: land.resultatperiode,
        fuldtidspersoner: fuldtid(&r.row),
        andel: andel(&r.row),
        placering: r.placering,
        opfyldt: r.opfyldt,
        progression,
    }
}

fn fokusmaal(
    land: &Landsbillede<'_>,
    k: &'static Kommune,
    maal: Maal,
    g: &KommuneMaal,
) -> Result<Fokusmaal, DataError> {
    let m = land.maaned;
    let national = land.maal(maal);
    let row = g.row;
    let tre = g.tre_mdr();
    let forrige = g.vindue(1, 3);
    let a12 = g.a12();
    let (grupper_3, grupper_12) = grupper(land, k, maal)?;
    Ok(Fokusmaal {
        maal,
        tekst: maal.label(),
        maaned: MaanedTal {
            periode: Window::ending(m, 1),
            andel: g.maaned_andel(),
            personer: row.personer,
            opfyldt: row.opfyldt,
            placering: national.maaned_placering.get(&k.kode).copied(),
        },
        tre_mdr: TreMdr {
            periode: Window::ending(m, 3),
            unikke_personer: row.unikke_3,
            opfyldt: measures::unique_met(tre, row.unikke_3),
            andel: tre,
            placering: national.tre_mdr_placering.get(&k.kode).copied(),
            progression: Some(TreMdrProgression {
                periode: Window::ending(m.plus(-1), 3),
                andel: forrige,
                placering: national.tre_mdr_placering_forrige.get(&k.kode).copied(),
                aendring: tre.zip(forrige, |a, b| a - b),
            }),
        },
        tolv_mdr: TolvMdr {
            periode: Window::ending(m, 12),
            gennemsnit: a12,
            unikke_personer: row.unikke_12,
            opfyldt: measures::unique_met(a12, row.unikke_12),
            krav: g.krav(),
        },
        udvikling: Udvikling {
            periode: Window::ending(m, 12),
            top10_kommuner: national.top10.iter().map(|k| k.navn).collect(),
            maaneder: g
                .maaneder()
                .into_iter()
                .zip(&national.top10_serie)
                .zip(&national.hele_landet)
                .map(
                    |(((month, share), (_, top10)), (_, hele))| UdviklingsMaaned {
                        maaned: month,
                        tekst: month.label(),
                        kommune: share,
                        top10: *top10,
                        hele_landet: *hele,
                    },
                )
                .collect(),
        },
        ydelsesgrupper_3_mdr: grupper_3,
        gennemsnit_12_mdr: g
            .a12_serie()
            .into_iter()
            .map(|(month, a)| Gennemsnit {
                maaned: month,
                tekst: month.label(),
                gennemsnit: a,
            })
            .collect(),
        graense: GRAENSE,
        ydelsesgrupper_12_mdr: grupper_12,
    })
}

/// Figures 4.2/4.4 and 5.2/5.4 for one goal.
fn grupper(
    land: &Landsbillede<'_>,
    k: &Kommune,
    maal: Maal,
) -> Result<(GruppeFordeling, GruppeFordeling), DataError> {
    let extract = land.data.fokus(maal);
    let window = Window::ending(land.maaned, 12);
    let mut tre = Vec::new();
    let mut tolv = Vec::new();
    for gruppe in std::iter::once(Gruppe::IAlt).chain(extract.groups_of(k)) {
        let what = format!("{}, {}, Mindst 12 mdr.", k.navn, gruppe.label());
        let rows = measures::rows_for(
            extract.series(k, gruppe),
            window,
            &extract.file,
            &what,
            land.maaned,
        )?;
        let shares: Vec<Value<f64>> = rows.iter().map(|r| measures::row_share(r)).collect();
        let last = rows[rows.len() - 1];
        let split = |share: Value<f64>, unique: Value<u32>| {
            let met = measures::unique_met(share, unique);
            GruppeTal {
                gruppe,
                unikke_personer: unique,
                andel: share,
                opfyldt: met,
                ikke_opfyldt: unique.zip(met, |u, m| u - m),
            }
        };
        tre.push(split(Mean::of(shares[9..].iter().copied()), last.unikke_3));
        tolv.push(split(Mean::of(shares.iter().copied()), last.unikke_12));
    }
    // Figures 4.2/4.4 (seed notes): the total first, then the highest share,
    // ties to the larger population; discretized groups last.
    tre[1..].sort_by_key(|g| {
        (
            g.andel.is_discretized(),
            Reverse(g.andel.known().map(quantize)),
            Reverse(g.unikke_personer.known()),
            g.gruppe,
        )
    });
    // Figures 5.2/5.4: the total first, then the groups that lag most.
    tolv[1..].sort_by_key(|g| {
        (
            g.ikke_opfyldt.is_discretized(),
            Reverse(g.ikke_opfyldt.known()),
            g.gruppe,
        )
    });
    Ok((
        GruppeFordeling {
            periode: Window::ending(land.maaned, 3),
            grupper: tre,
        },
        GruppeFordeling {
            periode: window,
            grupper: tolv,
        },
    ))
}

fn kapitel_2(land: &Landsbillede<'_>, k: &'static Kommune) -> Kapitel2 {
    let period = land.resultatperiode;
    let data = &land.data.resultat;
    let ydelsesomraader = Y30Gruppe::ALL
        .iter()
        .filter_map(|&g| {
            data.row(k, period, g).map(|r| Ydelsesomraade {
                gruppe: g,
                fuldtidspersoner: fuldtid(r),
                andel: andel(r),
            })
        })
        .collect();
    let mut sammenlignelige = Vec::new();
    if let Some(own) = data.row(k, period, Y30Gruppe::IAlt) {
        sammenlignelige.push(Sammenlignelig {
            kommune: k.into(),
            andel: andel(own),
        });
        if let Value::Known(target) = own.forventet_andel {
            let mut others: Vec<(&'static Kommune, &Y30Row)> = data
                .kommuner_in(period, Y30Gruppe::IAlt)
                .filter(|(o, r)| o.kode != k.kode && !r.forventet_andel.is_discretized())
                .collect();
            others.sort_by_key(|(o, r)| {
                let distance = (r.forventet_andel.known().unwrap_or(f64::MAX) - target).abs();
                (quantize(distance), kommune::danish_key(o.navn))
            });
            sammenlignelige.extend(others.into_iter().take(2).map(|(o, r)| Sammenlignelig {
                kommune: o.into(),
                andel: andel(r),
            }));
        }
    }
    Kapitel2 {
        periode: period,
        ydelsesomraader,
        sammenlignelige,
    }
}

/// The status of every kommune for a month: the report's Bilag and the batch summary.
#[derive(Debug, Clone, Serialize)]
pub struct Oversigt {
    /// [`MODEL_VERSION`].
    pub model_version: u32,
    /// The report month.
    pub periode: MaanedInfo,
    /// The benchmark period for resultatmål.
    pub resultatperiode: BenchmarkPeriod,
    /// All 98 kommuner in Danish alphabetical order.
    pub kommuner: Vec<OversigtRaekke>,
}

/// One kommune in the overview.
#[derive(Debug, Clone, Serialize)]
pub struct OversigtRaekke {
    /// The kommune.
    pub kommune: KommuneInfo,
    /// Its status; `null` when its data has a problem (see `fejl`).
    pub status: Option<Status>,
    /// Faktisk − forventet andel in pct.-points.
    pub resultatmaal_forskel: Option<Value<f64>>,
    /// The samtaler goal.
    pub samtaler: Option<OversigtMaal>,
    /// The aktive tilbud goal.
    pub aktive_tilbud: Option<OversigtMaal>,
    /// Why figures are missing, if they are.
    pub fejl: Option<String>,
}

/// A goal in the overview.
#[derive(Debug, Clone, Serialize)]
pub struct OversigtMaal {
    /// A12.
    pub gennemsnit_12_mdr: Value<f64>,
    /// Krav ved årets udgang.
    pub krav: KravVurdering,
}

impl Oversigt {
    /// The overview for the month of `land`.
    pub fn build(land: &Landsbillede<'_>) -> Oversigt {
        let mut kommuner: Vec<OversigtRaekke> = land
            .kommuner
            .iter()
            .map(|t| {
                let goal = |m: Maal| {
                    t.maal(m).as_ref().ok().map(|g| OversigtMaal {
                        gennemsnit_12_mdr: g.a12(),
                        krav: g.krav(),
                    })
                };
                OversigtRaekke {
                    kommune: t.kommune.into(),
                    status: t.status().ok(),
                    resultatmaal_forskel: t.resultat.as_ref().ok().map(|r| r.row.forskel_andel),
                    samtaler: goal(Maal::Samtaler),
                    aktive_tilbud: goal(Maal::AktiveTilbud),
                    fejl: t.status().err().map(|e| e.to_string()),
                }
            })
            .collect();
        kommuner.sort_by_key(|r| kommune::danish_key(r.kommune.navn));
        Oversigt {
            model_version: MODEL_VERSION,
            periode: land.maaned.into(),
            resultatperiode: land.resultatperiode,
            kommuner,
        }
    }
}
