//! The report model of one fokusmål: tables 1.3 and 1.5, chapters 4 and 5,
//! read off the measures of the report month.

use serde::Serialize;

use crate::domain::groups::Maal;
use crate::domain::kommune::Kommune;
use crate::domain::period::{Month, Window};
use crate::domain::value::Value;
use crate::error::DataError;
use crate::measures::Landsbillede;
use crate::measures::groups::{GruppeTal, grupper};
use crate::measures::krav::KravVurdering;
use crate::measures::needed::HvadSkalDerTil;
use crate::measures::ranks::Placering;
use crate::measures::windows::KommuneMaal;

/// One fokusmål: every figure the report prints of it.
#[derive(Debug, Clone, Serialize)]
pub struct Fokusmaal {
    /// The goal's key, `samtaler` or `aktive_tilbud`: the template finds
    /// the goal's words by it.
    pub maal: Maal,
    /// Its label: `Mindst 4 samtaler`, `Mindst 1 aktivt tilbud mv.`.
    pub tekst: &'static str,
    /// The report month alone: its share, persons and rank (the
    /// dashboard's figures).
    pub maaned: MaanedTal,
    /// The 3 months ending with the report month (table 1.3).
    pub tre_mdr: TreMdr,
    /// The 12 months ending with the report month: A12 and the krav
    /// (table 1.5, the summary and the dashboard).
    pub tolv_mdr: TolvMdr,
    /// Monthly shares of the last 12 months against Top 10 and Hele landet (figures 4.1 and 4.3).
    pub udvikling: Udvikling,
    /// Per ydelsesgruppe, the 3-month window (figures 4.2 and 4.4).
    pub ydelsesgrupper_3_mdr: GruppeFordeling,
    /// The 12-month average at each of the last 12 months (figures 5.1 and 5.3).
    pub gennemsnit_12_mdr: Vec<Gennemsnit>,
    /// The goal's limit under the report's rule set, pct. (80: at least 80
    /// pct. must meet the goal on average).
    pub graense: f64,
    /// Per ydelsesgruppe, the 12-month window (figures 5.2 and 5.4).
    pub ydelsesgrupper_12_mdr: GruppeFordeling,
}

/// The report month's own figures.
#[derive(Debug, Clone, Serialize)]
pub struct MaanedTal {
    /// The report month as a window of one month.
    pub periode: Window,
    /// Share of the target group who met the goal, pct.; `null` when
    /// discretized or the group is empty.
    pub andel: Value<f64>,
    /// Persons in the target group (12+ months' anciennitet); `null` when
    /// discretized.
    pub personer: Value<u32>,
    /// Of them, persons who met the goal; `null` when discretized.
    pub opfyldt: Value<u32>,
    /// Rank among the kommuner on `andel` (1 = highest); `null` when not
    /// ranked.
    pub placering: Option<Placering>,
}

/// Table 1.3: the 3-month window.
#[derive(Debug, Clone, Serialize)]
pub struct TreMdr {
    /// The three months, ending with the report month.
    pub periode: Window,
    /// Unique persons with 12+ months' anciennitet in the window.
    pub unikke_personer: Value<u32>,
    /// Of them, those who met the goal (share × unique persons, rounded half up).
    pub opfyldt: Value<u32>,
    /// The mean of the window's monthly shares, pct.
    pub andel: Value<f64>,
    /// Rank among the kommuner on `andel` (1 = highest); `null` when not
    /// ranked.
    pub placering: Option<Placering>,
    /// Against the window ending one month earlier (table 1.3's
    /// progression column).
    pub progression: TreMdrProgression,
}

/// Table 1.3 against last month's window.
#[derive(Debug, Clone, Serialize)]
pub struct TreMdrProgression {
    /// The three months ending a month before the report month.
    pub periode: Window,
    /// Its mean share, pct.; `null` when discretized.
    pub andel: Value<f64>,
    /// Its rank among the kommuner; `null` when not ranked.
    pub placering: Option<Placering>,
    /// Share now − share then, in pct.-points (positive = better).
    pub aendring: Value<f64>,
}

/// Table 1.5: the 12-month window.
#[derive(Debug, Clone, Serialize)]
pub struct TolvMdr {
    /// The 12 months, ending with the report month.
    pub periode: Window,
    /// A12: the mean of the 12 monthly shares, pct.
    pub gennemsnit: Value<f64>,
    /// Unique persons with 12+ months' anciennitet in the 12 months.
    pub unikke_personer: Value<u32>,
    /// Of them, those who met the goal (A12 × unique persons, rounded half up).
    pub opfyldt: Value<u32>,
    /// Krav ved årets udgang (table 1.5's last column) and what it takes
    /// ("Hvad skal der til?").
    pub krav: Aarskrav,
}

/// Krav ved årets udgang (table 1.5, the overview) and what it takes (the
/// box "Hvad skal der til?" under figures 5.1 and 5.3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aarskrav {
    /// The krav and the year's mean it rests on (`vurdering`, `andel`,
    /// `gennemsnit_i_aar`, `maaneder_i_aar`).
    #[serde(flatten)]
    pub vurdering: KravVurdering,
    /// What it takes: one case of [`Tilfaelde`](crate::measures::needed::Tilfaelde),
    /// and the consequence of missing the goal.
    pub hvad_skal_der_til: HvadSkalDerTil,
}

/// Figures 4.1 and 4.3.
#[derive(Debug, Clone, Serialize)]
pub struct Udvikling {
    /// The 12 months the figure shows, ending with the report month.
    pub periode: Window,
    /// The Top 10: the kommuner with the highest share in the report month.
    pub top10_kommuner: Vec<&'static str>,
    /// The three series, one entry per month, oldest first.
    pub maaneder: Vec<UdviklingsMaaned>,
}

/// One month of figures 4.1 and 4.3.
#[derive(Debug, Clone, Serialize)]
pub struct UdviklingsMaaned {
    /// The month, `"2020-08"`.
    pub maaned: Month,
    /// Its label: `August 2020`.
    pub tekst: String,
    /// The kommune's monthly share, pct.; `null` when discretized.
    pub kommune: Value<f64>,
    /// The simple mean of the Top 10's shares that month, pct.; `null`
    /// when none of them has one.
    pub top10: Option<f64>,
    /// Hele landet: Σ met / Σ persons over all kommuner, pct.; `null`
    /// when no kommune has figures.
    pub hele_landet: Option<f64>,
}

/// Unique persons per ydelsesgruppe in a window.
#[derive(Debug, Clone, Serialize)]
pub struct GruppeFordeling {
    /// The window: 3 months (figures 4.2/4.4) or 12 (figures 5.2/5.4).
    pub periode: Window,
    /// `Ydelsesgrupper i alt` first, then the groups in display order.
    pub grupper: Vec<GruppeTal>,
}

/// The 12-month average at one month (figures 5.1 and 5.3).
#[derive(Debug, Clone, Serialize)]
pub struct Gennemsnit {
    /// The month the 12 months end with, `"2020-08"`.
    pub maaned: Month,
    /// Its label: `August 2020`.
    pub tekst: String,
    /// A12 at that month, pct.; `null` when a month of the 12 is
    /// discretized.
    pub gennemsnit: Value<f64>,
}

/// One goal's part of the report for kommune `k`; `hvad` is what its krav takes.
pub(crate) fn fokusmaal(
    land: &Landsbillede<'_>,
    k: &'static Kommune,
    maal: Maal,
    g: &KommuneMaal,
    hvad: HvadSkalDerTil,
) -> Result<Fokusmaal, DataError> {
    let grupper = grupper(land, k, maal, g)?;
    let m = land.maaned;
    let graense = land.regelsaet.graense(maal);
    Ok(Fokusmaal {
        maal,
        tekst: maal.label(),
        maaned: maaned_tal(land, k, maal, g),
        tre_mdr: tre_mdr(land, k, maal, g),
        tolv_mdr: TolvMdr {
            periode: Window::ending(m, 12),
            gennemsnit: g.a12(),
            unikke_personer: g.row.unikke_12,
            opfyldt: g.a12_opfyldt(),
            krav: Aarskrav {
                vurdering: g.krav(graense),
                hvad_skal_der_til: hvad,
            },
        },
        udvikling: udvikling(land, maal, g),
        ydelsesgrupper_3_mdr: GruppeFordeling {
            periode: Window::ending(m, 3),
            grupper: grupper.tre_mdr,
        },
        gennemsnit_12_mdr: g
            .a12_serie()
            .into_iter()
            .map(|(month, a)| Gennemsnit {
                maaned: month,
                tekst: month.label(),
                gennemsnit: a,
            })
            .collect(),
        graense: graense.andel,
        ydelsesgrupper_12_mdr: GruppeFordeling {
            periode: Window::ending(m, 12),
            grupper: grupper.tolv_mdr,
        },
    })
}

/// The report month's own figures and rank.
fn maaned_tal(land: &Landsbillede<'_>, k: &Kommune, maal: Maal, g: &KommuneMaal) -> MaanedTal {
    MaanedTal {
        periode: Window::ending(land.maaned, 1),
        andel: g.maaned_andel(),
        personer: g.row.personer,
        opfyldt: g.row.opfyldt,
        placering: land.maal(maal).maaned_placering.get(&k.kode).copied(),
    }
}

/// Table 1.3: the 3-month window, against the window a month earlier.
fn tre_mdr(land: &Landsbillede<'_>, k: &Kommune, maal: Maal, g: &KommuneMaal) -> TreMdr {
    let national = land.maal(maal);
    let m = land.maaned;
    let tre = g.tre_mdr();
    let forrige = g.vindue(1, 3);
    TreMdr {
        periode: Window::ending(m, 3),
        unikke_personer: g.row.unikke_3,
        opfyldt: g.tre_mdr_opfyldt(),
        andel: tre,
        placering: national.tre_mdr_placering.get(&k.kode).copied(),
        progression: TreMdrProgression {
            periode: Window::ending(m.plus(-1), 3),
            andel: forrige,
            placering: national.tre_mdr_placering_forrige.get(&k.kode).copied(),
            aendring: g.tre_mdr_aendring(),
        },
    }
}

/// Figures 4.1/4.3: the kommune's monthly shares beside Top 10 and Hele landet.
fn udvikling(land: &Landsbillede<'_>, maal: Maal, g: &KommuneMaal) -> Udvikling {
    let national = land.maal(maal);
    Udvikling {
        periode: Window::ending(land.maaned, 12),
        top10_kommuner: national
            .top10
            .iter()
            .map(|k| k.almindeligt_navn())
            .collect(),
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
    }
}
