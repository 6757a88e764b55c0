//! Per ydelsesgruppe (figures 4.2/4.4 and 5.2/5.4): the window shares and
//! unique persons of each group's own rows, split by the goal and ordered as
//! the figures show them.

use std::cmp::Reverse;

use serde::Serialize;

use crate::domain::groups::{Gruppe, Maal};
use crate::domain::kommune::Kommune;
use crate::domain::period::Window;
use crate::domain::value::Value;
use crate::error::DataError;
use crate::measures::landsbillede::Landsbillede;
use crate::measures::shares::{row_share, unique_met};
use crate::measures::stats::{Mean, quantize};
use crate::measures::windows::{KommuneMaal, NeededBy, rows_for};

/// One ydelsesgruppe's unique persons in a window, split by the goal.
#[derive(Debug, Clone, Serialize)]
pub struct GruppeTal {
    /// The ydelsesgruppe, or `Ydelsesgrupper i alt`.
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

impl GruppeTal {
    /// A group's figures from its window share and unique persons.
    fn new(gruppe: Gruppe, andel: Value<f64>, unikke_personer: Value<u32>) -> GruppeTal {
        let opfyldt = unique_met(andel, unikke_personer);
        GruppeTal {
            gruppe,
            unikke_personer,
            andel,
            opfyldt,
            ikke_opfyldt: unikke_personer.zip(opfyldt, |u, m| u - m),
        }
    }
}

/// The groups of one goal in the last 3 and 12 months, `Ydelsesgrupper i alt` first.
#[derive(Debug, Clone)]
pub struct Grupper {
    /// The 3-month window, ordered for figures 4.2/4.4.
    pub tre_mdr: Vec<GruppeTal>,
    /// The 12-month window, ordered for figures 5.2/5.4.
    pub tolv_mdr: Vec<GruppeTal>,
}

/// Every group a kommune has rows for, in both windows; an error names the
/// group and the months it lacks. `Ydelsesgrupper i alt` is `i_alt`, the
/// kommune's total series of the goal, read once for the whole report.
pub fn grupper(
    land: &Landsbillede<'_>,
    k: &Kommune,
    maal: Maal,
    i_alt: &KommuneMaal,
) -> Result<Grupper, DataError> {
    let extract = land.data.fokus(maal);
    let window = Window::ending(land.maaned, 12);
    let mut tre_mdr = vec![GruppeTal::new(
        Gruppe::IAlt,
        i_alt.tre_mdr(),
        i_alt.row.unikke_3,
    )];
    let mut tolv_mdr = vec![GruppeTal::new(
        Gruppe::IAlt,
        i_alt.a12(),
        i_alt.row.unikke_12,
    )];
    for gruppe in extract.groups_of(k) {
        let what = format!("{}, {}, Mindst 12 mdr.", k.navn, gruppe.label());
        let series = extract.series(k, gruppe);
        let rows = rows_for(
            series,
            window,
            &extract.file,
            &what,
            NeededBy::Report(land.maaned),
        )?;
        let shares: Vec<Value<f64>> = rows.iter().map(|r| row_share(r)).collect();
        let last = rows[rows.len() - 1];
        let tre = Mean::of(shares[shares.len() - 3..].iter().copied());
        tre_mdr.push(GruppeTal::new(gruppe, tre, last.unikke_3));
        tolv_mdr.push(GruppeTal::new(gruppe, Mean::of(shares), last.unikke_12));
    }
    order_by_share(&mut tre_mdr[1..]);
    order_by_lag(&mut tolv_mdr[1..]);
    Ok(Grupper { tre_mdr, tolv_mdr })
}

impl GruppeTal {
    /// Whether the group had no persons in the window: it has no share,
    /// and the figures put it last and say so (issue 17).
    pub fn er_tom(&self) -> bool {
        self.unikke_personer == Value::Known(0)
    }
}

/// Figures 4.2/4.4 (the note under figure 4.2 in the Sorø report): the
/// highest share first, ties to the larger population; discretized groups,
/// then groups without persons, last.
fn order_by_share(groups: &mut [GruppeTal]) {
    groups.sort_by_key(|g| {
        (
            g.er_tom(),
            g.andel.is_discretized(),
            Reverse(g.andel.known().map(quantize)),
            Reverse(g.unikke_personer.known()),
            g.gruppe,
        )
    });
}

/// Figures 5.2/5.4: the groups that lag most (most persons who did not meet
/// the goal) first; discretized groups, then groups without persons, last.
fn order_by_lag(groups: &mut [GruppeTal]) {
    groups.sort_by_key(|g| {
        (
            g.er_tom(),
            g.ikke_opfyldt.is_discretized(),
            Reverse(g.ikke_opfyldt.known()),
            g.gruppe,
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use Value::{Discretized, Known};

    fn gruppe(gruppe: Gruppe, andel: Value<f64>, unikke: Value<u32>) -> GruppeTal {
        GruppeTal::new(gruppe, andel, unikke)
    }

    #[test]
    fn empty_groups_come_last_after_the_discretized() {
        let mut g = vec![
            gruppe(Gruppe::ALL[1], Discretized, Known(0)),
            gruppe(Gruppe::ALL[2], Discretized, Discretized),
            gruppe(Gruppe::ALL[3], Known(80.0), Known(10)),
            gruppe(Gruppe::ALL[4], Known(95.0), Known(20)),
        ];
        order_by_share(&mut g);
        let order: Vec<Gruppe> = g.iter().map(|x| x.gruppe).collect();
        assert_eq!(
            order,
            [
                Gruppe::ALL[4],
                Gruppe::ALL[3],
                Gruppe::ALL[2],
                Gruppe::ALL[1]
            ]
        );
        order_by_lag(&mut g);
        assert!(g.last().unwrap().er_tom());
        assert_eq!(g[0].ikke_opfyldt, Known(2), "80 % of 10 leaves 2");
    }
}
