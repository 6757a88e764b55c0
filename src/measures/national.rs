//! What the country looks like for one goal in the report month: ranks,
//! the Top 10 and Hele landet.

use std::collections::HashMap;

use crate::domain::groups::{Gruppe, Maal};
use crate::domain::kommune::{self, Kommune};
use crate::domain::period::{Month, Window};
use crate::domain::value::Value;
use crate::extract::dataset::Dataset;
use crate::measures::krav::Retning;
use crate::measures::ranks::{Placering, placeringer};
use crate::measures::stats::{Direction, Mean, Ratio, quantize};
use crate::measures::windows::KommuneMaal;

/// What the country looks like for one goal in the report month.
#[derive(Debug)]
pub struct MaalLand {
    /// Rank on the report month's share.
    pub maaned_placering: HashMap<u16, Placering>,
    /// Rank on the 3-month window share.
    pub tre_mdr_placering: HashMap<u16, Placering>,
    /// Rank on the previous month's 3-month window share.
    pub tre_mdr_placering_forrige: HashMap<u16, Placering>,
    /// The 10 kommuner with the best share in the report month.
    pub top10: Vec<&'static Kommune>,
    /// Per month of the last 12: the simple mean of the Top 10's shares.
    pub top10_serie: Vec<(Month, Option<f64>)>,
    /// Per month of the last 12: Σ met / Σ persons over the kommuner.
    pub hele_landet: Vec<(Month, Option<f64>)>,
}

/// The kommuner whose series of the goal could be read, with their series.
type Readable<'a> = [(&'static Kommune, &'a KommuneMaal)];

/// One goal's national figures for the report month, from the kommuner
/// whose series could be read; `retning`, the side of its limit that meets
/// the goal, says which share is best.
pub(crate) fn maal_land(
    data: &Dataset,
    maal: Maal,
    retning: Retning,
    maaned: Month,
    ok: &Readable<'_>,
) -> MaalLand {
    let best = match retning {
        Retning::Mindst => Direction::HighestFirst,
    };
    let ranked = |f: &dyn Fn(&KommuneMaal) -> Value<f64>| {
        let values: Vec<(u16, Option<f64>)> =
            ok.iter().map(|(k, g)| (k.kode, f(g).known())).collect();
        placeringer(&values, best)
    };
    let months: Vec<Month> = Window::ending(maaned, 12).months().collect();
    let top10 = top10(ok, best);
    MaalLand {
        maaned_placering: ranked(&|g| g.maaned_andel()),
        tre_mdr_placering: ranked(&|g| g.tre_mdr()),
        tre_mdr_placering_forrige: ranked(&|g| g.vindue(1, 3)),
        top10_serie: top10_serie(ok, &top10, &months),
        hele_landet: hele_landet(data, maal, ok, &months),
        top10,
    }
}

/// The 10 kommuner with the best share in the report month (the first by
/// `best`), ties by name in Danish order; discretized kommuner are left out.
fn top10(ok: &Readable<'_>, best: Direction) -> Vec<&'static Kommune> {
    let mut candidates: Vec<(&'static Kommune, f64)> = ok
        .iter()
        .filter_map(|(k, g)| g.maaned_andel().known().map(|s| (*k, s)))
        .collect();
    let first = |s: f64| match best {
        Direction::HighestFirst => -quantize(s),
        Direction::LowestFirst => quantize(s),
    };
    candidates.sort_by_key(|(k, s)| (first(*s), kommune::danish_key(k.navn)));
    candidates.iter().take(10).map(|(k, _)| *k).collect()
}

/// For each month, the simple mean of the Top 10's shares.
fn top10_serie(
    ok: &Readable<'_>,
    top10: &[&'static Kommune],
    months: &[Month],
) -> Vec<(Month, Option<f64>)> {
    months
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let back = months.len() - 1 - i;
            let mut mean = Mean::default();
            for (k, g) in ok {
                if top10.contains(k)
                    && let Value::Known(s) = g.vindue(back, 1)
                {
                    mean.add(Value::Known(s));
                }
            }
            (m, mean.value().and_then(|v| v.known()))
        })
        .collect()
}

/// For each month, Σ met / Σ persons over the kommuner (a ratio of sums);
/// discretized cells are left out of both sums.
fn hele_landet(
    data: &Dataset,
    maal: Maal,
    ok: &Readable<'_>,
    months: &[Month],
) -> Vec<(Month, Option<f64>)> {
    let extract = data.fokus(maal);
    months
        .iter()
        .map(|&m| {
            let mut ratio = Ratio::default();
            for (k, _) in ok {
                if let Some(row) = extract.series(k, Gruppe::IAlt).and_then(|s| s.get(&m))
                    && let (Value::Known(met), Value::Known(n)) = (row.opfyldt, row.personer)
                {
                    ratio.add(met, n);
                }
            }
            (m, ratio.percent())
        })
        .collect()
}
