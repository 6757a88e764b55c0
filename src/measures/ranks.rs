//! Ranks among the kommuner: on a share (highest first) and on the
//! benchmark list of the resultatmål (lowest difference first).

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::groups::Y30Gruppe;
use crate::domain::kommune::Kommune;
use crate::domain::period::BenchmarkPeriod;
use crate::domain::value::Value;
use crate::extract::dataset::Dataset;
use crate::extract::y30r21::Y30Row;
use crate::measures::stats::{self, Direction};

/// A rank among the kommuner that could be ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Placering {
    /// 1 = best.
    pub plads: u32,
    /// How many kommuner were ranked.
    pub ud_af: u32,
}

/// Ranks kommuner on a value; `None` values are not ranked.
pub(crate) fn placeringer(
    values: &[(u16, Option<f64>)],
    direction: Direction,
) -> HashMap<u16, Placering> {
    let known: Vec<(u16, f64)> = values
        .iter()
        .filter_map(|&(k, v)| v.map(|v| (k, v)))
        .collect();
    let ud_af = known.len() as u32;
    stats::ranks(&known, direction)
        .into_iter()
        .map(|(k, plads)| (k, Placering { plads, ud_af }))
        .collect()
}

/// Ranks on the benchmark list for a period: the file's `Placering` where it
/// has one, else ascending by the pct.-point difference.
pub fn resultat_placeringer(data: &Dataset, period: BenchmarkPeriod) -> HashMap<u16, Placering> {
    let rows: Vec<(&Kommune, &Y30Row)> =
        data.resultat.kommuner_in(period, Y30Gruppe::IAlt).collect();
    let ud_af = rows.len() as u32;
    let values: Vec<(u16, Option<f64>)> = rows
        .iter()
        .map(|(k, r)| (k.kode, r.forskel_andel.known()))
        .collect();
    let mut computed = placeringer(&values, Direction::LowestFirst);
    for (k, r) in rows {
        if let Some(Value::Known(plads)) = r.placering {
            computed.insert(k.kode, Placering { plads, ud_af });
        }
    }
    computed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rank() {
        let values = [
            (1, Some(93.1)),
            (2, Some(95.0)),
            (3, Some(93.1)),
            (4, None),
            (5, Some(80.0)),
        ];
        let p = placeringer(&values, Direction::HighestFirst);
        assert_eq!(p[&2], Placering { plads: 1, ud_af: 4 });
        assert_eq!(p[&1].plads, 2);
        assert_eq!(p[&3].plads, 2);
        assert_eq!(p[&5].plads, 4);
        assert!(!p.contains_key(&4), "a discretized kommune is not ranked");
        // Shares equal on paper but not in binary still tie.
        let a = 100.0 * 7.0 / 9.0;
        let b = (100.0 * 14.0 / 18.0 + 100.0 * 7.0 / 9.0 + 100.0 * 21.0 / 27.0) / 3.0;
        let p = placeringer(&[(1, Some(a)), (2, Some(b))], Direction::HighestFirst);
        assert_eq!((p[&1].plads, p[&2].plads), (1, 1));
    }
}
