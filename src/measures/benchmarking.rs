//! The calendar of the half-yearly benchmarking (issue 21): which
//! benchmark period the rules give a report month ([`regelperiode`]), with
//! which report a period comes by its rule set's lag ([`efter_forsinkelse`]),
//! what STAR announced of that ([`ANNONCERINGER`]), and what a report can
//! say of the next period ([`udsigt`]). Pure calendar arithmetic, before
//! the data: [`resultat`](super::resultat) finds a report's period in
//! Y30R21 by the same limit ([`seneste_slut`]).

use serde::Serialize;

use crate::domain::period::{BenchmarkPeriod, Month};
use crate::measures::rules::Regelsaet;

/// How many months a search from a period's end looks ahead for the report
/// it comes with: no rule of lag is longer than two years.
pub(crate) const SEARCH_MONTHS: i32 = 24;

/// The last month a benchmark period may end in and still be in the report
/// for `maaned`: its rule set's lag ([`Regelsaet::resultat_forsinkelse`])
/// before it, two months in 2020 and three from 2021.
///
/// ```
/// use jobcenterindblik::Month;
/// use jobcenterindblik::measures::benchmarking::seneste_slut;
/// let m = |y, mo| Month::new(y, mo).unwrap();
/// assert_eq!(seneste_slut(m(2020, 8)), m(2020, 6));
/// assert_eq!(seneste_slut(m(2021, 9)), m(2021, 6));
/// ```
pub fn seneste_slut(maaned: Month) -> Month {
    maaned.plus(-Regelsaet::for_month(maaned).resultat_forsinkelse())
}

/// The benchmark period the rules give a report for `maaned`, from the
/// calendar alone: the latest half-yearly period (ending in June or
/// December) that ended by [`seneste_slut`]. It is what
/// [`resultatperiode_for`](super::resultat::resultatperiode_for) finds in
/// data that hold every period, and it speaks of months the data do not
/// reach yet.
///
/// ```
/// use jobcenterindblik::Month;
/// use jobcenterindblik::measures::benchmarking::regelperiode;
/// let m = |y, mo| Month::new(y, mo).unwrap();
/// assert_eq!(regelperiode(m(2020, 8)).code(), "2020QMAT02");
/// assert_eq!(regelperiode(m(2021, 2)).code(), "2020QMAT02");
/// assert_eq!(regelperiode(m(2021, 3)).code(), "2020QMAT04");
/// assert_eq!(regelperiode(m(2021, 8)).code(), "2020QMAT04");
/// assert_eq!(regelperiode(m(2021, 9)).code(), "2021QMAT02");
/// ```
pub fn regelperiode(maaned: Month) -> BenchmarkPeriod {
    let limit = seneste_slut(maaned);
    let (year, quarter) = match limit.month() {
        12 => (limit.year(), 4),
        6..=11 => (limit.year(), 2),
        _ => (limit.year() - 1, 4),
    };
    BenchmarkPeriod { year, quarter }
}

/// The first report month whose rules give `periode` (a half-yearly one):
/// the month its end lies [`Regelsaet::resultat_forsinkelse`] months
/// before, by that month's rules.
///
/// ```
/// use jobcenterindblik::BenchmarkPeriod;
/// use jobcenterindblik::measures::benchmarking::efter_forsinkelse;
/// let p = |s| BenchmarkPeriod::parse(s).unwrap();
/// assert_eq!(efter_forsinkelse(p("2020QMAT02")).iso(), "2020-08");
/// // Ends in December 2020; the months of 2021 wait three months.
/// assert_eq!(efter_forsinkelse(p("2020QMAT04")).iso(), "2021-03");
/// assert_eq!(efter_forsinkelse(p("2021QMAT02")).iso(), "2021-09");
/// ```
pub fn efter_forsinkelse(periode: BenchmarkPeriod) -> Month {
    let end = periode.last_month();
    (1..=SEARCH_MONTHS)
        .map(|n| end.plus(n))
        .find(|&m| seneste_slut(m) >= end)
        .expect("every rule of lag is shorter than two years")
}

/// What STAR announced of when a benchmark period comes: its own words,
/// and the report month they name where they name one beyond doubt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Annoncering {
    /// The benchmark period announced.
    pub periode: BenchmarkPeriod,
    /// The report month (year, month) STAR's words name, where they name
    /// one beyond doubt ("september-rapporten i 2021": the report for
    /// September 2021); `None` where they do not: "december-rapporten i
    /// 2022" for a period that ends in December 2021 could be the report
    /// for December 2021, published in 2022, which cannot hold it yet, or
    /// the one for December 2022, and the program does not guess.
    pub maaned: Option<(i32, u32)>,
    /// STAR's words of when, as they stand after "forventes opdateret":
    /// "i forbindelse med december-rapporten i 2022".
    pub ord: &'static str,
}

impl Annoncering {
    /// The report month STAR's words name, if they name one.
    pub fn rapportmaaned(&self) -> Option<Month> {
        self.maaned.and_then(|(y, m)| Month::new(y, m))
    }
}

/// Every announcement of when a benchmark period comes. The source is the
/// dashboard (Hedensted, November 2021; `docs/method.md`, "Sources"), its
/// "Information om Jobcenterindblik rapporten": "Resultatmåling for 2.
/// halvår 2020 til 1. halvår 2021 forventes opdateret i forbindelse med
/// september-rapporten i 2021, mens resultatmåling for 1. halvår til 2.
/// halvår 2021 forventes opdateret i forbindelse med december-rapporten i
/// 2022." STAR's reports of 2020 say only that the results are updated
/// half-yearly.
pub const ANNONCERINGER: [Annoncering; 2] = [
    Annoncering {
        periode: BenchmarkPeriod {
            year: 2021,
            quarter: 2,
        },
        maaned: Some((2021, 9)),
        ord: "i forbindelse med september-rapporten i 2021",
    },
    Annoncering {
        periode: BenchmarkPeriod {
            year: 2021,
            quarter: 4,
        },
        maaned: None,
        ord: "i forbindelse med december-rapporten i 2022",
    },
];

/// When a benchmark period still to come is expected, and on whose word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kilde", rename_all = "snake_case")]
pub enum Forventes {
    /// STAR announced it ([`ANNONCERINGER`]): its words, and the report
    /// month they name, if they name one.
    Annonceret {
        /// The report month STAR's words name; `None` where they name none.
        maaned: Option<Month>,
        /// STAR's words: "i forbindelse med december-rapporten i 2022".
        star_ord: &'static str,
    },
    /// Not announced: estimated from the lag, the first report month whose
    /// rules give it ([`efter_forsinkelse`]).
    Anslaaet {
        /// That report month.
        maaned: Month,
        /// The lag it rests on: months from the period's end to that
        /// month (3 from 2021).
        forsinkelse_maaneder: i32,
    },
}

/// When `periode` is expected: STAR's announcement where there is one,
/// else the lag's estimate.
///
/// ```
/// use jobcenterindblik::{BenchmarkPeriod, Month};
/// use jobcenterindblik::measures::benchmarking::{Forventes, forventes};
/// let p = |s| BenchmarkPeriod::parse(s).unwrap();
/// assert_eq!(forventes(p("2020QMAT04")), Forventes::Anslaaet {
///     maaned: Month::new(2021, 3).unwrap(), forsinkelse_maaneder: 3 });
/// assert_eq!(forventes(p("2021QMAT04")), Forventes::Annonceret {
///     maaned: None, star_ord: "i forbindelse med december-rapporten i 2022" });
/// ```
pub fn forventes(periode: BenchmarkPeriod) -> Forventes {
    match ANNONCERINGER.iter().find(|a| a.periode == periode) {
        Some(a) => Forventes::Annonceret {
            maaned: a.rapportmaaned(),
            star_ord: a.ord,
        },
        None => {
            let maaned = efter_forsinkelse(periode);
            Forventes::Anslaaet {
                maaned,
                forsinkelse_maaneder: periode.last_month().months_until(maaned),
            }
        }
    }
}

/// Which benchmark period the report of the month after a report uses,
/// against the report's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NaesteRapport {
    /// The same period: the report's period holds until the next comes.
    SammePeriode,
    /// The next period ([`Udsigt::naeste_periode`]): the report is the last
    /// with its own.
    NyPeriode,
    /// Another period that has come already: the report uses a period
    /// named by `--resultatperiode`, and the next month's rules give
    /// theirs.
    AndenPeriode,
}

/// What a report can say of the benchmark periods after its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Udsigt {
    /// The month after the report month.
    pub naeste_maaned: Month,
    /// The period that month's report uses by its rules ([`regelperiode`]).
    pub naeste_maaneds_periode: BenchmarkPeriod,
    /// That period against the report's own.
    pub naeste_rapport: NaesteRapport,
    /// The next period still to come after the report month: the first
    /// half-yearly one after both the report's own and the one its rules
    /// give, whose report (by the lag) comes after the report month.
    pub naeste_periode: BenchmarkPeriod,
    /// When it is expected.
    pub forventes: Forventes,
}

/// The benchmark periods after `brugt`, the one the report for `maaned`
/// uses (its own by the rules, or one named).
///
/// ```
/// use jobcenterindblik::{BenchmarkPeriod, Month};
/// use jobcenterindblik::measures::benchmarking::{NaesteRapport, udsigt};
/// let p = |s| BenchmarkPeriod::parse(s).unwrap();
/// let m = |y, mo| Month::new(y, mo).unwrap();
/// let u = udsigt(p("2021QMAT02"), m(2021, 11));
/// assert_eq!((u.naeste_rapport, u.naeste_periode.code()), (NaesteRapport::SammePeriode, "2021QMAT04".into()));
/// // August 2021: September's report is the first with 2021QMAT02.
/// let u = udsigt(p("2020QMAT04"), m(2021, 8));
/// assert_eq!((u.naeste_rapport, u.naeste_periode.code()), (NaesteRapport::NyPeriode, "2021QMAT02".into()));
/// // A quarter named with --resultatperiode: the next half-yearly period.
/// let u = udsigt(p("2021QMAT01"), m(2021, 5));
/// assert_eq!((u.naeste_rapport, u.naeste_periode.code()), (NaesteRapport::AndenPeriode, "2021QMAT02".into()));
/// ```
pub fn udsigt(brugt: BenchmarkPeriod, maaned: Month) -> Udsigt {
    let naeste_maaned = maaned.plus(1);
    let naeste_maaneds_periode = regelperiode(naeste_maaned);
    let mut naeste_periode = brugt.max(regelperiode(maaned)).next();
    while efter_forsinkelse(naeste_periode) <= maaned {
        naeste_periode = naeste_periode.next();
    }
    let naeste_rapport = if naeste_maaneds_periode == brugt {
        NaesteRapport::SammePeriode
    } else if naeste_maaneds_periode == naeste_periode {
        NaesteRapport::NyPeriode
    } else {
        NaesteRapport::AndenPeriode
    };
    Udsigt {
        naeste_maaned,
        naeste_maaneds_periode,
        naeste_rapport,
        naeste_periode,
        forventes: forventes(naeste_periode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, mo: u32) -> Month {
        Month::new(y, mo).unwrap()
    }

    fn p(s: &str) -> BenchmarkPeriod {
        BenchmarkPeriod::parse(s).unwrap()
    }

    #[test]
    fn star_announced_2021s_periods_and_the_lag_agrees_where_it_named_a_month() {
        for a in ANNONCERINGER {
            if let Some(month) = a.rapportmaaned() {
                assert_eq!(efter_forsinkelse(a.periode), month, "{}", a.periode);
            }
        }
        // Hedensted, November 2021 (the dashboard): the period after
        // 2021QMAT02 comes with STAR's words, not a month of ours.
        let u = udsigt(p("2021QMAT02"), m(2021, 11));
        assert_eq!(u.naeste_maaneds_periode, p("2021QMAT02"));
        assert_eq!(
            u.forventes,
            Forventes::Annonceret {
                maaned: None,
                star_ord: "i forbindelse med december-rapporten i 2022"
            }
        );
        // The months of 2021 before September wait for 2021QMAT02, which
        // STAR named the month of.
        let u = udsigt(p("2020QMAT04"), m(2021, 5));
        assert_eq!(u.naeste_rapport, NaesteRapport::SammePeriode);
        assert_eq!(
            u.forventes,
            Forventes::Annonceret {
                maaned: Some(m(2021, 9)),
                star_ord: "i forbindelse med september-rapporten i 2021"
            }
        );
    }

    #[test]
    fn without_an_announcement_the_lag_estimates() {
        // Sorø, August 2020: 2020QMAT04 ends in December 2020, and the
        // reports of 2021 take a period three months after its end.
        let u = udsigt(p("2020QMAT02"), m(2020, 8));
        assert_eq!(u.naeste_rapport, NaesteRapport::SammePeriode);
        assert_eq!(u.naeste_periode, p("2020QMAT04"));
        assert_eq!(
            u.forventes,
            Forventes::Anslaaet {
                maaned: m(2021, 3),
                forsinkelse_maaneder: 3
            }
        );
        // February 2021: March's report is the first with it.
        let u = udsigt(p("2020QMAT02"), m(2021, 2));
        assert_eq!(u.naeste_rapport, NaesteRapport::NyPeriode);
        assert_eq!(u.naeste_periode, p("2020QMAT04"));
        // July 2020 under the 2020 rules: August's report is the first
        // with 2020QMAT02, two months after its end.
        let u = udsigt(p("2019QMAT04"), m(2020, 7));
        assert_eq!(u.naeste_rapport, NaesteRapport::NyPeriode);
        assert_eq!(
            u.forventes,
            Forventes::Anslaaet {
                maaned: m(2020, 8),
                forsinkelse_maaneder: 2
            }
        );
    }

    #[test]
    fn a_named_period_is_followed_by_the_next_the_benchmarking_publishes() {
        // A quarter the half-yearly benchmarking does not publish, newer
        // than the month's own: the next is 2021QMAT02, never 2021QMAT03.
        let u = udsigt(p("2021QMAT01"), m(2021, 5));
        assert_eq!(u.naeste_periode, p("2021QMAT02"));
        assert_eq!(u.naeste_maaneds_periode, p("2020QMAT04"));
        assert_eq!(u.naeste_rapport, NaesteRapport::AndenPeriode);
        // A period older than the month's own: the one still to come.
        let u = udsigt(p("2020QMAT04"), m(2021, 11));
        assert_eq!(u.naeste_periode, p("2021QMAT04"));
        assert_eq!(u.naeste_rapport, NaesteRapport::AndenPeriode);
        // An older one named in August 2021: September still brings 2021QMAT02.
        let u = udsigt(p("2020QMAT02"), m(2021, 8));
        assert_eq!(u.naeste_rapport, NaesteRapport::NyPeriode);
        assert_eq!(u.naeste_periode, p("2021QMAT02"));
    }
}
