//! The kommuner of a month per status for skærpet tilsyn: the count that
//! opens the Bilag and the overview, and the overview's table read by
//! status (issue 21). (Not to be confused with chapter 4's split of a
//! goal's target group, which the template calls its `fordeling`.)

use crate::domain::groups::Maal;
use crate::measures::rules::{Regelsaet, Tilsyn};
use crate::measures::status::Status;

/// The statuses in the order the overview reads them by: the most serious
/// first (the risks, then the undecided, then the rest), so that a reader
/// looking for the kommuner at risk finds them at the top.
pub const ORDEN: [Status; 5] = [
    Status::RisikoForSkaerpetTilsyn,
    Status::RisikoForLightTilsyn,
    Status::KanIkkeOpgoeres,
    Status::AktueltIkkeIRisiko,
    Status::Inspirationskommune,
];

/// The kommuner of each status, gathered one at a time: a group per
/// category of the rule set, always (a count of 0 says something), and
/// one for "Kan ikke opgøres" and one for the kommuner without a status
/// (their data lack months) only when they have members. Within a group
/// the kommuner keep the order they were added in.
///
/// ```
/// use jobcenterindblik::measures::per_status::PerStatus;
/// use jobcenterindblik::measures::rules::Regelsaet;
/// use jobcenterindblik::measures::status::Status::*;
/// let mut f = PerStatus::new(Regelsaet::Aar2020);
/// f.add(Some(Inspirationskommune), "Aabenraa");
/// f.add(Some(RisikoForSkaerpetTilsyn), "Faxe");
/// f.add(None, "Læsø");
/// f.add(Some(Inspirationskommune), "Sorø");
/// let antal: Vec<_> = f.grupper().into_iter().map(|(s, k)| (s, k.len())).collect();
/// // 2020 has no light tilsyn; no kommune is "Kan ikke opgøres".
/// assert_eq!(antal, [(Some(RisikoForSkaerpetTilsyn), 1), (Some(AktueltIkkeIRisiko), 0),
///     (Some(Inspirationskommune), 2), (None, 1)]);
/// ```
#[derive(Debug, Clone)]
pub struct PerStatus<T> {
    regelsaet: Regelsaet,
    /// Per status in [`ORDEN`].
    efter_orden: [Vec<T>; ORDEN.len()],
    /// The kommuner without a status.
    uden: Vec<T>,
}

impl<T> PerStatus<T> {
    /// No kommuner yet, under `regelsaet`'s categories.
    pub fn new(regelsaet: Regelsaet) -> PerStatus<T> {
        PerStatus {
            regelsaet,
            efter_orden: std::array::from_fn(|_| Vec::new()),
            uden: Vec::new(),
        }
    }

    /// Adds a kommune with its status (`None`: it has none).
    pub fn add(&mut self, status: Option<Status>, kommune: T) {
        match status.and_then(|s| ORDEN.iter().position(|&o| o == s)) {
            Some(i) => self.efter_orden[i].push(kommune),
            None => self.uden.push(kommune),
        }
    }

    /// The groups in [`ORDEN`], then those without a status.
    pub fn grupper(self) -> Vec<(Option<Status>, Vec<T>)> {
        let regelsaet = self.regelsaet;
        let mut grupper: Vec<(Option<Status>, Vec<T>)> = ORDEN
            .into_iter()
            .zip(self.efter_orden)
            .filter(|(s, k)| !k.is_empty() || har_kategori(regelsaet, *s))
            .map(|(s, k)| (Some(s), k))
            .collect();
        if !self.uden.is_empty() {
            grupper.push((None, self.uden));
        }
        grupper
    }
}

/// Whether `status` is one of the categories of `regelsaet`: the risk of a
/// tilsyn where a goal leads to it (light tilsyn only from 2021), and
/// "Kan ikke opgøres", the undecided state, never.
fn har_kategori(regelsaet: Regelsaet, status: Status) -> bool {
    let leder_til = |t: Tilsyn| Maal::ALL.iter().any(|&m| regelsaet.tilsyn(m) == t);
    match status {
        Status::Inspirationskommune | Status::AktueltIkkeIRisiko => true,
        Status::RisikoForSkaerpetTilsyn => leder_til(Tilsyn::Skaerpet),
        Status::RisikoForLightTilsyn => leder_til(Tilsyn::Light),
        Status::KanIkkeOpgoeres => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn every_category_of_2021_is_counted_and_the_undecided_only_when_there() {
        let mut f = PerStatus::new(Regelsaet::Aar2021);
        for (i, s) in [RisikoForLightTilsyn, KanIkkeOpgoeres, RisikoForLightTilsyn]
            .into_iter()
            .enumerate()
        {
            f.add(Some(s), i);
        }
        assert_eq!(
            f.grupper(),
            [
                (Some(RisikoForSkaerpetTilsyn), vec![]),
                (Some(RisikoForLightTilsyn), vec![0, 2]),
                (Some(KanIkkeOpgoeres), vec![1]),
                (Some(AktueltIkkeIRisiko), vec![]),
                (Some(Inspirationskommune), vec![]),
            ]
        );
    }
}
