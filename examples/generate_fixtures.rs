//! Writes the national fixture data set in `fixtures/jobindsats/`, byte for byte.
//!
//! ```text
//! cargo run --release --example generate_fixtures [-- OUT_DIR]
//! ```
//!
//! The data are synthetic: 98 kommuner, Y30R21 for 2019QMAT02 … 2021QMAT04 and
//! both fokusmål extracts monthly for 2018M01 … 2021M12 (all groups, both
//! anciennitet values, discretized cells where groups are small). Wherever a
//! seed report prints a figure, the data are constructed so that the method
//! gives exactly that figure; the [`SEEDS`] table below lists them. After
//! writing, the generator reads the files back through the library and checks
//! every such figure, so a fixture that does not reproduce the seeds is never
//! written silently.
//!
//! Determinism: a ChaCha8 stream per purpose, and only the arithmetic IEEE 754
//! defines exactly (+, −, ×, ÷, √), so the bytes are the same on every machine.

// The seed tables are tuples so that each row reads like the seed's own table row.
#![allow(clippy::type_complexity)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use jobcenterindblik::domain::groups::{Gruppe, Maal, Y30Gruppe};
use jobcenterindblik::domain::value::Value;
use jobcenterindblik::extract::y30r21::Y30Row;
use jobcenterindblik::measures::{Landsbillede, krav::Krav};
use jobcenterindblik::model::{Oversigt, ReportModel};
use jobcenterindblik::{Dataset, Kommune, Month};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

/// The first month of the fokusmål extracts; there are [`N_MONTHS`] of them.
const FIRST_YEAR: i32 = 2018;
const N_MONTHS: usize = 48;
/// Benchmark periods of Y30R21: (year, quarter).
const BENCHMARKS: [(i32, u8); 6] = [
    (2019, 2),
    (2019, 4),
    (2020, 2),
    (2020, 4),
    (2021, 2),
    (2021, 4),
];

fn main() {
    let out = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("fixtures/jobindsats"), PathBuf::from);
    write_fixtures(&out);
    eprintln!("wrote and verified {}", out.display());
}

/// Writes the three extracts into `out` and checks them against the seeds.
pub fn write_fixtures(out: &Path) {
    std::fs::create_dir_all(out).expect("create the output folder");
    let world = World::generate();
    std::fs::write(out.join("Y30R21.csv"), world.y30r21_csv()).expect("write Y30R21.csv");
    for maal in Maal::ALL {
        std::fs::write(out.join(maal.file_name()), world.fokus_csv(maal))
            .expect("write a fokusmål extract");
    }
    verify(out);
}

// ---------------------------------------------------------------------------
// What the seeds print, which the fixtures must reproduce.

/// A figure printed in a seed with a number of decimals, as an interval of the
/// unrounded values that print that way.
fn shown(value: f64, decimals: i32) -> (f64, f64) {
    let half = 0.5 * 10f64.powi(-decimals);
    (value - half, value + half)
}

fn intersect(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let r = (a.0.max(b.0), a.1.min(b.1));
    assert!(r.0 < r.1, "empty target interval {a:?} ∩ {b:?}");
    r
}

/// The window shares for which `round(share · unique / 100) = met`.
fn unique_interval(unique: u32, met: u32) -> (f64, f64) {
    let u = f64::from(unique);
    (
        (f64::from(met) - 0.5) / u * 100.0,
        (f64::from(met) + 0.5) / u * 100.0,
    )
}

/// The year-to-date means that print krav `r` with two decimals after `j` months.
fn krav_interval(j: u32, r: f64) -> (f64, f64) {
    let (j, rest) = (f64::from(j), f64::from(12 - j));
    let (r_lo, r_hi) = shown(r, 2);
    ((960.0 - rest * r_hi) / j, (960.0 - rest * r_lo) / j)
}

/// Seed 000's overview for November 2021: kommune, resultatmål difference,
/// samtaler A12 and krav, aktive tilbud A12 and krav, status.
/// ("Faisnæs" is Halsnæs and "Løse" is Lejre; krav `None` is "kan ikke nås", `Some(0.0)` is "Ok".)
const OVERVIEW_2021_11: [(&str, f64, f64, Option<f64>, f64, Option<f64>, &str); 23] = [
    (
        "Halsnæs",
        0.53,
        94.05,
        Some(0.0),
        81.53,
        Some(0.0),
        "Aktuelt ikke i risiko",
    ),
    (
        "Hedensted",
        -0.19,
        87.84,
        Some(0.0),
        89.24,
        Some(0.0),
        "Inspirationskommune",
    ),
    (
        "Helsingør",
        -0.24,
        97.57,
        Some(0.0),
        82.73,
        Some(0.0),
        "Inspirationskommune",
    ),
    (
        "Herlev",
        -0.54,
        86.01,
        Some(0.0),
        63.84,
        None,
        "Aktuelt ikke i risiko",
    ),
    (
        "Herning",
        -0.35,
        88.23,
        Some(0.0),
        81.75,
        Some(0.0),
        "Inspirationskommune",
    ),
    (
        "Hillerød",
        -0.50,
        93.58,
        Some(0.0),
        78.41,
        Some(97.80),
        "Aktuelt ikke i risiko",
    ),
    (
        "Hjørring",
        -0.08,
        97.33,
        Some(0.0),
        80.72,
        Some(0.0),
        "Inspirationskommune",
    ),
    (
        "Holbæk",
        -0.36,
        92.79,
        Some(0.0),
        83.49,
        Some(0.0),
        "Inspirationskommune",
    ),
    (
        "Holstebro",
        -0.07,
        87.57,
        Some(0.0),
        93.57,
        Some(0.0),
        "Inspirationskommune",
    ),
    (
        "Horsens",
        0.19,
        96.92,
        Some(0.0),
        93.10,
        Some(0.0),
        "Aktuelt ikke i risiko",
    ),
    (
        "Hvidovre",
        0.62,
        93.01,
        Some(0.0),
        73.42,
        None,
        "Risiko for light tilsyn",
    ),
    (
        "Høje-Taastrup",
        0.86,
        92.12,
        Some(0.0),
        70.73,
        None,
        "Risiko for light tilsyn",
    ),
    (
        "Hørsholm",
        -0.18,
        93.44,
        Some(0.0),
        74.70,
        None,
        "Aktuelt ikke i risiko",
    ),
    (
        "Ikast-Brande",
        0.79,
        88.85,
        Some(0.0),
        78.04,
        None,
        "Risiko for light tilsyn",
    ),
    (
        "Ishøj",
        -0.18,
        88.65,
        Some(0.0),
        78.18,
        None,
        "Aktuelt ikke i risiko",
    ),
    (
        "Jammerbugt",
        -0.04,
        94.27,
        Some(0.0),
        77.84,
        None,
        "Aktuelt ikke i risiko",
    ),
    (
        "Kalundborg",
        0.51,
        95.83,
        Some(0.0),
        78.98,
        Some(92.40),
        "Risiko for light tilsyn",
    ),
    (
        "Kerteminde",
        -0.15,
        95.86,
        Some(0.0),
        82.57,
        Some(0.0),
        "Inspirationskommune",
    ),
    (
        "Kolding",
        -0.03,
        88.32,
        Some(0.0),
        70.74,
        None,
        "Aktuelt ikke i risiko",
    ),
    (
        "København",
        0.30,
        95.92,
        Some(0.0),
        80.03,
        Some(83.30),
        "Aktuelt ikke i risiko",
    ),
    (
        "Køge",
        0.03,
        95.09,
        Some(0.0),
        79.57,
        Some(85.80),
        "Risiko for light tilsyn",
    ),
    (
        "Langeland",
        0.82,
        99.19,
        Some(0.0),
        85.30,
        Some(0.0),
        "Aktuelt ikke i risiko",
    ),
    (
        "Lejre",
        0.47,
        82.62,
        Some(0.0),
        75.78,
        None,
        "Risiko for light tilsyn",
    ),
];

/// Y30R21 rows the seeds print: kommune, period, forventet/faktisk antal,
/// forventet/faktisk andel in hundredths, rank.
const Y30_SEEDS: [(&str, (i32, u8), u32, u32, i64, i64, u32); 3] = [
    ("Sorø", (2020, 2), 1710, 1670, 910, 884, 18),
    ("Ballerup", (2020, 2), 2920, 2760, 965, 911, 7),
    ("Hedensted", (2021, 2), 2490, 2440, 847, 828, 24),
];

/// Table 1.3 of seeds 001 and 002: kommune, goal, month, unique persons,
/// met, share (one decimal), rank.
const TABLE_1_3: [(&str, Maal, (i32, u32), u32, u32, f64, u32); 4] = [
    ("Sorø", Maal::Samtaler, (2020, 8), 578, 538, 93.1, 21),
    ("Sorø", Maal::AktiveTilbud, (2020, 8), 567, 508, 89.6, 27),
    ("Ballerup", Maal::Samtaler, (2020, 9), 1146, 958, 83.6, 79),
    (
        "Ballerup",
        Maal::AktiveTilbud,
        (2020, 9),
        1032,
        924,
        89.5,
        28,
    ),
];

/// Table 1.5 of seeds 001 and 002: kommune, goal, month, A12, krav (`Some(0.0)` = Ok).
const TABLE_1_5: [(&str, Maal, (i32, u32), f64, Option<f64>); 4] = [
    ("Sorø", Maal::Samtaler, (2020, 8), 89.49, Some(0.0)),
    ("Sorø", Maal::AktiveTilbud, (2020, 8), 88.90, Some(0.0)),
    ("Ballerup", Maal::Samtaler, (2020, 9), 75.58, Some(90.88)),
    ("Ballerup", Maal::AktiveTilbud, (2020, 9), 88.17, Some(0.0)),
];

/// Seed 000's dashboard for Hedensted, November 2021: goal, persons, met,
/// monthly rank, and for samtaler the 12-month unique persons and met.
const HEDENSTED_2021_11: [(Maal, u32, u32, u32, Option<(u32, u32)>); 2] = [
    (Maal::Samtaler, 736, 666, 91, Some((1261, 1108))),
    (Maal::AktiveTilbud, 721, 644, 19, None),
];

// ---------------------------------------------------------------------------
// Randomness and the size of each kommune.

struct Rng(ChaCha8Rng);

impl Rng {
    fn new(parts: &[u64]) -> Rng {
        let mut seed: u64 = 0x6a6f_6263_656e_7472;
        for &p in parts {
            seed = (seed ^ p)
                .wrapping_mul(0x0000_0100_0000_01b3)
                .rotate_left(17);
        }
        Rng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in [0, 1).
    fn u(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Approximately standard normal (Irwin–Hall of four uniforms).
    fn n(&mut self) -> f64 {
        (self.u() + self.u() + self.u() + self.u() - 2.0) * 3f64.sqrt()
    }
}

/// Approximate inhabitants in thousands, 2020 (public figures, rounded).
const POPULATION: [(u16, f64); 98] = [
    (101, 632.0),
    (147, 104.0),
    (151, 48.5),
    (153, 35.5),
    (155, 14.4),
    (157, 75.0),
    (159, 69.0),
    (161, 23.0),
    (163, 29.0),
    (165, 27.5),
    (167, 53.5),
    (169, 50.5),
    (173, 56.0),
    (175, 40.5),
    (183, 23.0),
    (185, 43.0),
    (187, 16.5),
    (190, 41.0),
    (201, 25.5),
    (210, 41.0),
    (217, 63.0),
    (219, 51.0),
    (223, 25.0),
    (230, 56.0),
    (240, 43.5),
    (250, 45.0),
    (253, 50.5),
    (259, 60.5),
    (260, 31.0),
    (265, 88.0),
    (269, 23.0),
    (270, 41.0),
    (306, 33.0),
    (316, 72.0),
    (320, 37.0),
    (326, 49.0),
    (329, 35.0),
    (330, 79.0),
    (336, 23.0),
    (340, 30.0),
    (350, 28.0),
    (360, 41.0),
    (370, 83.0),
    (376, 61.0),
    (390, 45.0),
    (400, 39.5),
    (410, 38.5),
    (420, 41.0),
    (430, 51.5),
    (440, 24.0),
    (450, 32.0),
    (461, 205.0),
    (479, 59.0),
    (480, 29.5),
    (482, 12.0),
    (492, 6.0),
    (510, 55.5),
    (530, 27.0),
    (540, 74.0),
    (550, 37.0),
    (561, 116.0),
    (563, 3.5),
    (573, 50.0),
    (575, 42.5),
    (580, 58.5),
    (607, 51.5),
    (615, 90.5),
    (621, 94.0),
    (630, 117.0),
    (657, 89.0),
    (661, 59.0),
    (665, 20.0),
    (671, 21.0),
    (706, 42.5),
    (707, 37.0),
    (710, 48.5),
    (727, 23.0),
    (730, 98.0),
    (740, 94.5),
    (741, 3.7),
    (746, 62.0),
    (751, 350.0),
    (756, 41.0),
    (760, 56.0),
    (766, 47.0),
    (773, 20.0),
    (779, 46.0),
    (787, 43.5),
    (791, 97.0),
    (810, 36.0),
    (813, 59.5),
    (820, 36.5),
    (825, 1.8),
    (840, 30.0),
    (846, 42.0),
    (849, 38.0),
    (851, 218.0),
    (860, 64.0),
];

fn kommune(name: &str) -> &'static Kommune {
    Kommune::lookup(name).unwrap_or_else(|e| panic!("{e}"))
}

fn idx(year: i32, month: u32) -> usize {
    ((year - FIRST_YEAR) * 12 + month as i32 - 1) as usize
}

fn month_at(i: usize) -> Month {
    Month::new(FIRST_YEAR, 1).expect("valid").plus(i as i32)
}

/// Months `a..=b` as an index range.
fn months(a: (i32, u32), b: (i32, u32)) -> Range<usize> {
    idx(a.0, a.1)..idx(b.0, b.1) + 1
}

/// A linear ramp from 0 at month index `a` to 1 at `b`.
fn ramp(i: usize, a: usize, b: usize) -> f64 {
    if i <= a {
        0.0
    } else if i >= b {
        1.0
    } else {
        (i - a) as f64 / (b - a) as f64
    }
}

// ---------------------------------------------------------------------------
// A monthly series of (persons, met) for the total group.

#[derive(Debug, Clone)]
struct Series {
    n: Vec<u32>,
    met: Vec<u32>,
}

impl Series {
    /// The monthly share exactly as the library computes it.
    fn share(&self, i: usize) -> f64 {
        100.0 * f64::from(self.met[i]) / f64::from(self.n[i])
    }

    /// The simple mean exactly as the library computes it (in month order).
    fn mean(&self, r: Range<usize>) -> f64 {
        let len = r.len() as f64;
        r.map(|i| self.share(i)).sum::<f64>() / len
    }

    fn set_share(&mut self, i: usize, x: f64) {
        let x = x.clamp(0.5, 99.8);
        self.met[i] = ((x * f64::from(self.n[i]) / 100.0).round() as u32).min(self.n[i]);
    }

    /// Shifts the months of `r` so their mean comes close to `target`.
    fn design(&mut self, r: Range<usize>, target: f64) {
        for _ in 0..4 {
            let delta = target - self.mean(r.clone());
            for i in r.clone() {
                let s = self.share(i);
                self.set_share(i, s + delta);
            }
        }
    }

    /// Resizes the series, keeping every month's share.
    fn scale(&mut self, factor: f64) {
        for i in 0..N_MONTHS {
            let share = self.share(i);
            self.n[i] = ((f64::from(self.n[i]) * factor).round() as u32).max(3);
            self.set_share(i, share);
        }
    }

    /// Shifts the whole series so that the mean over `r` comes close to `target`.
    fn level(&mut self, r: Range<usize>, target: f64) {
        let delta = target - self.mean(r);
        for i in 0..N_MONTHS {
            let s = self.share(i);
            self.set_share(i, s + delta);
        }
    }

    /// Shifts the months of `part` so that the mean over `full` comes close to `target`.
    fn design_part(&mut self, part: Range<usize>, full: Range<usize>, target: f64) {
        let rest: f64 = full
            .clone()
            .filter(|i| !part.contains(i))
            .map(|i| self.share(i))
            .sum();
        let wanted = (full.len() as f64 * target - rest) / part.len() as f64;
        self.design(part, wanted);
    }

    /// Changes month `t` (persons and met) so that the mean over `r` lies in
    /// `[lo, hi)`, keeping the persons within `max_n`.
    fn tune(&mut self, t: usize, r: Range<usize>, (lo, hi): (f64, f64), max_n: u32, what: &str) {
        assert!(r.contains(&t));
        let (lo, hi) = (lo + 1e-7, hi - 1e-7);
        let c = r.len() as f64;
        let mid = (lo + hi) / 2.0;
        let rest: f64 = r.clone().filter(|&i| i != t).map(|i| self.share(i)).sum();
        let n0 = self.n[t];
        for dn in 0..=n0 / 4 {
            for cand in [n0 + dn, n0.saturating_sub(dn)] {
                if cand == 0 || cand > max_n {
                    continue;
                }
                let x = c * mid - rest;
                let met = (x * f64::from(cand) / 100.0).round();
                if met < 0.0 || met > f64::from(cand) {
                    continue;
                }
                self.n[t] = cand;
                self.met[t] = met as u32;
                let m = self.mean(r.clone());
                if lo <= m && m < hi {
                    return;
                }
            }
        }
        panic!("cannot tune {what} into [{lo}, {hi})");
    }
}

// ---------------------------------------------------------------------------
// The whole synthetic country.

struct Y30Value {
    forventet_antal: i64,
    faktisk_antal: i64,
    forventet_andel: i64,
    faktisk_andel: i64,
    /// The unrounded difference, which breaks ties of the rounded one.
    unrounded: f64,
}

struct World {
    /// Inhabitants aged 16-66 per kommune.
    pop: HashMap<u16, f64>,
    /// Per (kode, period index, group index 0 = i alt): Y30R21 values.
    y30: HashMap<(u16, usize, usize), Y30Value>,
    /// Per (kode, goal): the total series for Mindst 12 mdr.
    total: HashMap<(u16, Maal), Series>,
    /// Fixed unique counts: (kode, goal, month index) → (unique 3, unique 12) overrides.
    unique_fixed: HashMap<(u16, Maal, usize), (Option<u32>, Option<u32>)>,
}

impl World {
    fn generate() -> World {
        let pop: HashMap<u16, f64> = POPULATION
            .iter()
            .map(|&(k, p)| (k, p * 1000.0 * 0.64))
            .collect();
        assert_eq!(pop.len(), 98);
        let mut w = World {
            pop,
            y30: HashMap::new(),
            total: HashMap::new(),
            unique_fixed: HashMap::new(),
        };
        w.generate_y30();
        w.generate_fokus();
        w
    }

    // -- Y30R21 ------------------------------------------------------------

    fn generate_y30(&mut self) {
        // Each kommune's forventet andel (ydelsesgrad) and its typical difference.
        let mut level: HashMap<u16, (f64, f64)> = HashMap::new();
        for k in Kommune::all() {
            let mut r = Rng::new(&[1, u64::from(k.kode)]);
            let f = (9.0 + 1.5 * r.n()).clamp(5.5, 13.5);
            let d = 0.35 * r.n();
            level.insert(k.kode, (f, d));
        }
        let period_effect = [0.1, -0.1, 0.0, 0.6, 0.3, -0.2];
        for (p, &(year, quarter)) in BENCHMARKS.iter().enumerate() {
            // Unrounded andele before constraints.
            let mut draft: HashMap<u16, (f64, f64)> = HashMap::new();
            for k in Kommune::all() {
                let mut r = Rng::new(&[2, u64::from(k.kode), p as u64]);
                let (f0, d0) = level[&k.kode];
                let f = f0 + period_effect[p] + 0.1 * r.n();
                let d = d0 + 0.15 * r.n();
                draft.insert(k.kode, (f, d));
            }
            // The seeds fix some kommuners' differences and ranks.
            let mut fixed: HashMap<u16, (f64, f64)> = HashMap::new();
            let mut ranked: Vec<(u16, u32)> = Vec::new();
            for &(name, (y, q), _, _, fv, fk, rank) in &Y30_SEEDS {
                if (y, q) == (year, quarter) {
                    let k = kommune(name).kode;
                    fixed.insert(k, (fv as f64 / 100.0, (fk - fv) as f64 / 100.0));
                    ranked.push((k, rank));
                }
            }
            if (year, quarter) == (2021, 2) {
                for &(name, diff, ..) in &OVERVIEW_2021_11 {
                    let k = kommune(name).kode;
                    let f = fixed.get(&k).map_or(draft[&k].0, |v| v.0);
                    fixed.insert(k, (round2(f), diff));
                }
            }
            for (&k, &v) in &fixed {
                draft.insert(k, v);
            }
            place_differences(&mut draft, &fixed, &ranked, p);
            for k in Kommune::all() {
                let (f, d) = draft[&k.kode];
                let pop = self.pop[&k.kode] * (1.0 + 0.004 * p as f64);
                let fv = (f * 100.0).round() as i64;
                let fk = ((f + d) * 100.0).round() as i64;
                let seed_row = Y30_SEEDS
                    .iter()
                    .find(|s| s.0 == k.navn && s.1 == (year, quarter));
                let (fa, ka) = match seed_row {
                    Some(s) => (i64::from(s.2), i64::from(s.3)),
                    None => (
                        round10(fv as f64 / 10_000.0 * pop),
                        round10(fk as f64 / 10_000.0 * pop),
                    ),
                };
                self.y30.insert(
                    (k.kode, p, 0),
                    Y30Value {
                        forventet_antal: fa,
                        faktisk_antal: ka,
                        forventet_andel: fv,
                        faktisk_andel: fk,
                        unrounded: if fixed.contains_key(&k.kode) {
                            (fk - fv) as f64 / 100.0
                        } else {
                            d
                        },
                    },
                );
                self.split_y30(k.kode, p);
            }
        }
    }

    /// The three ydelsesområder of a kommune's total, summing to it: the
    /// andele in hundredths, and the fuldtidspersoner in tens (as jobindsats
    /// rounds them), in proportion to the areas' andele, so that figure 2.1's
    /// areas add up to table 1.1's total (issue 17).
    fn split_y30(&mut self, kode: u16, p: usize) {
        let mut r = Rng::new(&[3, u64::from(kode), p as u64]);
        let base = [0.30 + 0.04 * r.n(), 0.29 + 0.03 * r.n()];
        let weights = [base[0], base[1], 1.0 - base[0] - base[1]];
        let total = &self.y30[&(kode, p, 0)];
        let (fv, fk) = (total.forventet_andel, total.faktisk_andel);
        let (fa, ka) = (total.forventet_antal, total.faktisk_antal);
        let fk_weights: Vec<f64> = weights.iter().map(|w| w * (1.0 + 0.12 * r.n())).collect();
        let fv_parts = apportion(fv.max(0) as u64, &weights, None);
        let fk_parts = apportion(fk.max(0) as u64, &fk_weights, None);
        let tens = |antal: i64, parts: &[u64]| {
            let w: Vec<f64> = parts.iter().map(|&x| x as f64 + 1e-9).collect();
            apportion((antal.max(0) / 10) as u64, &w, None)
        };
        let fa_parts = tens(fa, &fv_parts);
        let ka_parts = tens(ka, &fk_parts);
        for g in 0..3 {
            let (gv, gk) = (fv_parts[g] as i64, fk_parts[g] as i64);
            self.y30.insert(
                (kode, p, g + 1),
                Y30Value {
                    forventet_antal: fa_parts[g] as i64 * 10,
                    faktisk_antal: ka_parts[g] as i64 * 10,
                    forventet_andel: gv,
                    faktisk_andel: gk,
                    unrounded: (gk - gv) as f64 / 100.0 + 0.004 * r.n(),
                },
            );
        }
    }

    fn y30r21_csv(&self) -> String {
        let prefix_antal = "Forventet og faktisk antal fuldtidspersoner på offentlig forsørgelse: ";
        let prefix_andel = "Forventet og faktisk andel fuldtidspersoner på offentlig forsørgelse: ";
        let mut out = format!(
            "Område;Periode;Ydelsesgrupper;{prefix_antal}Forventet antal;{prefix_antal}Faktisk antal;{prefix_antal}Forskel mellem forventet og faktisk antal;{prefix_andel}Forventet andel (pct.);{prefix_andel}Faktisk andel (pct.);{prefix_andel}Forskel mellem forventet og faktisk andel (pct. point);Placering på benchmarkranglisten\r\n"
        );
        let groups = [
            "Ydelsesgrupper i alt",
            "A-dagpenge mv.",
            "Sygedagpenge mv.",
            "Kontanthjælp mv.",
        ];
        for (p, &(year, quarter)) in BENCHMARKS.iter().enumerate() {
            let code = format!("{year}QMAT{quarter:02}");
            for (g, label) in groups.iter().enumerate() {
                // Ranks by the rounded difference, ties broken by the unrounded one.
                let mut order: Vec<(u16, i64, f64)> = Kommune::all()
                    .iter()
                    .map(|k| {
                        let v = &self.y30[&(k.kode, p, g)];
                        (k.kode, v.faktisk_andel - v.forventet_andel, v.unrounded)
                    })
                    .collect();
                order.sort_by(|a, b| a.1.cmp(&b.1).then(a.2.total_cmp(&b.2)).then(a.0.cmp(&b.0)));
                let rank: HashMap<u16, usize> = order
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.0, i + 1))
                    .collect();
                let (mut sv, mut sk, mut pop) = (0i64, 0i64, 0.0);
                for k in Kommune::all() {
                    let v = &self.y30[&(k.kode, p, g)];
                    sv += v.forventet_antal;
                    sk += v.faktisk_antal;
                    pop += self.pop[&k.kode] * (1.0 + 0.004 * p as f64);
                }
                let hv = (sv as f64 / pop * 10_000.0).round() as i64;
                let hk = (sk as f64 / pop * 10_000.0).round() as i64;
                writeln_crlf(
                    &mut out,
                    &format!(
                        "Hele landet;{code};{label};{sv};{sk};{};{};{};{};.",
                        sk - sv,
                        hundredths(hv),
                        hundredths(hk),
                        hundredths(hk - hv)
                    ),
                );
                for k in Kommune::all() {
                    let v = &self.y30[&(k.kode, p, g)];
                    writeln_crlf(
                        &mut out,
                        &format!(
                            "{};{code};{label};{};{};{};{};{};{};{}",
                            k.navn,
                            v.forventet_antal,
                            v.faktisk_antal,
                            v.faktisk_antal - v.forventet_antal,
                            hundredths(v.forventet_andel),
                            hundredths(v.faktisk_andel),
                            hundredths(v.faktisk_andel - v.forventet_andel),
                            rank[&k.kode]
                        ),
                    );
                }
            }
        }
        out
    }

    // -- Fokusmål ------------------------------------------------------------

    fn generate_fokus(&mut self) {
        // The seed kommuner start from the level the seeds print, so that no
        // month is clamped at the top and shifted down flat.
        let mut levels: HashMap<(u16, Maal), (usize, f64)> = HashMap::new();
        for &(name, maal, (y, m), _, _, share, _) in &TABLE_1_3 {
            levels.insert((kommune(name).kode, maal), (idx(y, m), share));
        }
        for &(name, _, s_a12, s_krav, a_a12, a_krav, _) in &OVERVIEW_2021_11 {
            levels.insert(
                (kommune(name).kode, Maal::Samtaler),
                (idx(2021, 6), ytd_target(s_a12, s_krav)),
            );
            levels.insert(
                (kommune(name).kode, Maal::AktiveTilbud),
                (idx(2021, 6), ytd_target(a_a12, a_krav)),
            );
        }
        for k in Kommune::all() {
            for maal in Maal::ALL {
                let z = levels.get(&(k.kode, maal)).map(|&(i, level)| {
                    let (mean, sd) = trend(maal, i);
                    (level - mean) / sd
                });
                let s = self.base_series(k, maal, z);
                self.total.insert((k.kode, maal), s);
            }
        }
        self.fix_seed_kommuner();
        self.place_ranks();
        self.tune_seed_kommuner();
    }

    /// Persons with 12+ months' anciennitet per month (before seed overrides).
    fn base_persons(&self, k: &Kommune, maal: Maal) -> Vec<u32> {
        let mut r = Rng::new(&[10, u64::from(k.kode), maal as u64]);
        let f = self.y30[&(k.kode, 2, 0)].forventet_andel as f64 / 100.0;
        let rate = 0.027 * (f / 9.0) * (1.0 + 0.08 * r.n());
        let goal = if maal == Maal::Samtaler {
            1.0
        } else {
            0.975 + 0.01 * r.n()
        };
        let size = self.pop[&k.kode] * rate * goal;
        let mut noise = 0.0;
        (0..N_MONTHS)
            .map(|i| {
                noise = 0.6 * noise + 0.012 * r.n();
                let covid = 0.10 * ramp(i, idx(2020, 4), idx(2021, 3))
                    - 0.05 * ramp(i, idx(2021, 4), idx(2021, 12));
                (size * (1.0 + covid + noise)).round().max(3.0) as u32
            })
            .collect()
    }

    fn base_series(&self, k: &Kommune, maal: Maal, level: Option<f64>) -> Series {
        let n = self.base_persons(k, maal);
        let mut r = Rng::new(&[11, u64::from(k.kode), maal as u64]);
        let drawn = r.n();
        let z = level.unwrap_or(drawn);
        let mut wobble = 0.0;
        let met = (0..N_MONTHS)
            .map(|i| {
                wobble = 0.7 * wobble + 0.25 * r.n();
                let (mean, sd) = trend(maal, i);
                let s = (mean + sd * (z + wobble) + 0.6 * r.n()).clamp(20.0, 99.6);
                ((s * f64::from(n[i]) / 100.0).round() as u32).min(n[i])
            })
            .collect();
        Series { n, met }
    }

    fn series(&mut self, name: &str, maal: Maal) -> &mut Series {
        let k = kommune(name).kode;
        self.total
            .get_mut(&(k, maal))
            .expect("every kommune has series")
    }

    /// Sets the seed kommuner's sizes and levels close to what the seeds print.
    fn fix_seed_kommuner(&mut self) {
        // Persons sized from the printed unique counts (about 1,16 persons per unique person).
        for &(name, maal, (y, m), unique, ..) in &TABLE_1_3 {
            let t = idx(y, m);
            let s = self.series(name, maal);
            s.scale(f64::from(unique) / 1.16 / f64::from(s.n[t]));
            let kode = kommune(name).kode;
            self.unique_fixed.entry((kode, maal, t)).or_default().0 = Some(unique);
        }
        let hed = kommune("Hedensted").kode;
        let nov21 = idx(2021, 11);
        for &(maal, n, _, _, unique) in &HEDENSTED_2021_11 {
            let s = self.series("Hedensted", maal);
            s.scale(f64::from(n) / f64::from(s.n[nov21]));
            s.n[nov21] = n;
            s.met[nov21] = s.met[nov21].min(n);
            if let Some((u12, _)) = unique {
                self.unique_fixed.entry((hed, maal, nov21)).or_default().1 = Some(u12);
            }
        }
        // First move each seed series as a whole to its printed level, so that
        // the fine design below only bends it a little.
        for &(name, maal, (y, m), unique, met, share, _) in &TABLE_1_3 {
            let t = idx(y, m);
            let target = mid(intersect(shown(share, 1), unique_interval(unique, met)));
            self.series(name, maal).level(t - 2..t + 1, target);
        }
        for &(name, _, s_a12, s_krav, a_a12, a_krav, _) in &OVERVIEW_2021_11 {
            for (maal, a12, krav) in [
                (Maal::Samtaler, s_a12, s_krav),
                (Maal::AktiveTilbud, a_a12, a_krav),
            ] {
                let a = ytd_target(a12, krav);
                self.series(name, maal)
                    .level(months((2021, 1), (2021, 11)), a);
            }
        }
        for &(maal, _, met, _, _) in &HEDENSTED_2021_11 {
            self.series("Hedensted", maal).met[nov21] = met;
        }
        // Then windows, 12-month averages and year-to-date means near the targets.
        for &(name, maal, (y, m), unique, met, share, _) in &TABLE_1_3 {
            let t = idx(y, m);
            let target = mid(intersect(shown(share, 1), unique_interval(unique, met)));
            self.series(name, maal).design(t - 2..t + 1, target);
        }
        for &(name, maal, (y, m), a12, krav) in &TABLE_1_5 {
            let t = idx(y, m);
            let ytd = t + 1 - m as usize..t + 1;
            let s = self.series(name, maal);
            if let Some(r) = krav.filter(|r| *r > 0.0) {
                s.design_part(ytd.start..t - 2, ytd.clone(), mid(krav_interval(m, r)));
            }
            // With a krav, January-June are taken; otherwise everything before the window bends.
            let part = if krav.is_some_and(|r| r > 0.0) {
                t - 11..ytd.start
            } else {
                t - 11..t - 2
            };
            s.design_part(part, t - 11..t + 1, a12);
        }
        for &(name, _, s_a12, s_krav, a_a12, a_krav, _) in &OVERVIEW_2021_11 {
            for (maal, a12, krav) in [
                (Maal::Samtaler, s_a12, s_krav),
                (Maal::AktiveTilbud, a_a12, a_krav),
            ] {
                let a = ytd_target(a12, krav);
                let s = self.series(name, maal);
                let fixed_nov = name == "Hedensted";
                let ytd = if fixed_nov {
                    months((2021, 1), (2021, 10))
                } else {
                    months((2021, 1), (2021, 11))
                };
                if fixed_nov {
                    let nov = s.share(idx(2021, 11));
                    s.design(ytd, (11.0 * a - nov) / 10.0);
                } else {
                    s.design(ytd, a);
                }
                let dec = idx(2020, 12);
                s.set_share(dec, 12.0 * a12 - 11.0 * a);
            }
        }
    }

    /// Puts the other kommuner above or below the seed kommuner so the printed ranks hold.
    fn place_ranks(&mut self) {
        let ballerup = kommune("Ballerup").kode;
        for &(name, maal, (y, m), unique, met, share, rank) in &TABLE_1_3 {
            let t = idx(y, m);
            let target = kommune(name).kode;
            let interval = intersect(shown(share, 1), unique_interval(unique, met));
            let window = t - 2..t + 1;
            // Sorø's windows (June-August) may move whole; Ballerup's (July-September)
            // only by September, so as not to disturb Sorø's.
            let allowed = |k: u16| -> Vec<usize> {
                if name == "Sorø" {
                    if k == ballerup {
                        vec![t - 2]
                    } else {
                        window.clone().collect()
                    }
                } else {
                    vec![t]
                }
            };
            self.place(
                maal,
                target,
                rank,
                interval,
                &|s: &Series| s.mean(window.clone()),
                &allowed,
            );
        }
        let nov21 = idx(2021, 11);
        let hed = kommune("Hedensted").kode;
        for &(maal, n, met, rank, _) in &HEDENSTED_2021_11 {
            let v = 100.0 * f64::from(met) / f64::from(n);
            self.place(
                maal,
                hed,
                rank,
                (v, v),
                &|s: &Series| s.share(nov21),
                &|_| vec![nov21],
            );
        }
    }

    fn place(
        &mut self,
        maal: Maal,
        target: u16,
        rank: u32,
        (lo, hi): (f64, f64),
        measure: &dyn Fn(&Series) -> f64,
        allowed: &dyn Fn(u16) -> Vec<usize>,
    ) {
        let mut others: Vec<(u16, f64)> = Kommune::all()
            .iter()
            .filter(|k| k.kode != target)
            .map(|k| (k.kode, measure(&self.total[&(k.kode, maal)])))
            .collect();
        others.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (pos, &(kode, _)) in others.iter().enumerate() {
            let above = (pos as u32) < rank - 1;
            let mut r = Rng::new(&[20, u64::from(kode), u64::from(target), maal as u64]);
            let margin = 0.15 + 0.45 * r.u();
            let s = self.total.get_mut(&(kode, maal)).expect("series");
            let months = allowed(kode);
            loop {
                let v = measure(s);
                let done = if above { v > hi + 0.15 } else { v < lo - 0.15 };
                if done {
                    break;
                }
                let goal = if above { hi + margin } else { lo - margin };
                let mut moved = false;
                for &i in &months {
                    if above && s.met[i] < s.n[i] {
                        s.met[i] += 1;
                        moved = true;
                    } else if !above && s.met[i] > 0 {
                        s.met[i] -= 1;
                        moved = true;
                    }
                    let v = measure(s);
                    if (above && v >= goal) || (!above && v <= goal) {
                        break;
                    }
                }
                assert!(moved, "cannot place kommune {kode} for {maal:?}");
            }
        }
    }

    /// Makes the seed kommuner's figures exact.
    fn tune_seed_kommuner(&mut self) {
        for &(name, maal, (y, m), unique, met, share, _) in &TABLE_1_3 {
            let t = idx(y, m);
            let interval = intersect(shown(share, 1), unique_interval(unique, met));
            let what = format!("{name} {maal:?} 3-month window");
            let max_n = (f64::from(unique) / 1.02) as u32;
            self.series(name, maal)
                .tune(t, t - 2..t + 1, interval, max_n, &what);
        }
        for &(name, maal, (y, m), a12, krav) in &TABLE_1_5 {
            let t = idx(y, m);
            let ytd = t + 1 - m as usize..t + 1;
            let s = self.series(name, maal);
            match krav {
                Some(r) if r > 0.0 => s.tune(
                    ytd.start,
                    ytd.clone(),
                    krav_interval(m, r),
                    u32::MAX,
                    &format!("{name} krav"),
                ),
                _ => assert!(
                    s.mean(ytd.clone()) >= 80.2,
                    "{name} {maal:?} year to date below 80"
                ),
            }
            s.tune(
                t - 11,
                t - 11..t + 1,
                shown(a12, 2),
                u32::MAX,
                &format!("{name} {maal:?} A12"),
            );
        }
        let (dec, jan, oct, nov) = (idx(2020, 12), idx(2021, 1), idx(2021, 10), idx(2021, 11));
        for &(name, _, s_a12, s_krav, a_a12, a_krav, _) in &OVERVIEW_2021_11 {
            for (maal, a12, krav) in [
                (Maal::Samtaler, s_a12, s_krav),
                (Maal::AktiveTilbud, a_a12, a_krav),
            ] {
                let s = self.series(name, maal);
                let ytd = jan..nov + 1;
                let what = format!("{name} {maal:?}");
                match krav {
                    Some(r) if r > 0.0 => {
                        s.tune(oct, ytd.clone(), krav_interval(11, r), u32::MAX, &what)
                    }
                    Some(_) if s.mean(ytd.clone()) < 80.05 => {
                        s.tune(oct, ytd.clone(), (80.05, 80.5), u32::MAX, &what)
                    }
                    None if s.mean(ytd.clone()) > 78.17 => {
                        s.tune(oct, ytd.clone(), (77.5, 78.17), u32::MAX, &what)
                    }
                    _ => {}
                }
                let mut interval = shown(a12, 2);
                if name == "Hedensted" && maal == Maal::Samtaler {
                    let (u12, met12) = HEDENSTED_2021_11[0].4.expect("samtaler has unique figures");
                    interval = intersect(interval, unique_interval(u12, met12));
                }
                s.tune(
                    dec,
                    dec..nov + 1,
                    interval,
                    u32::MAX,
                    &format!("{what} A12"),
                );
            }
        }
    }

    // -- Writing -------------------------------------------------------------

    fn fokus_csv(&self, maal: Maal) -> String {
        let mut out = format!(
            "Område;Periode;Ydelsesgrupper;Anciennitet;Antal personer;{};Antal unikke personer seneste 3 mdr.;Antal unikke personer seneste 12 mdr.\r\n",
            maal.met_column()
        );
        // rows[(area, anciennitet)][month][group] = (persons, met, unique 3, unique 12)
        let mut national: HashMap<(usize, usize, usize), [u64; 4]> = HashMap::new();
        let mut body = String::new();
        for k in Kommune::all() {
            for (a, anc) in ["Mindst 12 mdr.", "6 mdr."].iter().enumerate() {
                let cells = self.kommune_cells(k, maal, a);
                for (i, groups) in cells.iter().enumerate() {
                    for (g, c) in groups.iter().enumerate() {
                        let sum = national.entry((a, i, g)).or_default();
                        for (s, v) in sum.iter_mut().zip(c) {
                            *s += u64::from(*v);
                        }
                        write_fokus_row(&mut body, k.navn, i, g, anc, c.map(u64::from), true);
                    }
                }
            }
        }
        for (a, anc) in ["Mindst 12 mdr.", "6 mdr."].iter().enumerate() {
            for i in 0..N_MONTHS {
                for g in 0..Gruppe::ALL.len() {
                    write_fokus_row(
                        &mut out,
                        "Hele landet",
                        i,
                        g,
                        anc,
                        national[&(a, i, g)],
                        false,
                    );
                }
            }
        }
        out.push_str(&body);
        out
    }

    /// Per month and group (total first): persons, met, unique 3, unique 12.
    fn kommune_cells(&self, k: &Kommune, maal: Maal, anciennitet: usize) -> Vec<[[u32; 4]; 10]> {
        let total = if anciennitet == 0 {
            self.total[&(k.kode, maal)].clone()
        } else {
            self.early_series(k, maal)
        };
        let mut r = Rng::new(&[30, u64::from(k.kode), maal as u64, anciennitet as u64]);
        let (u3_ratio, u12_ratio) = if anciennitet == 0 {
            (1.13 + 0.04 * r.u(), 1.62 + 0.12 * r.u())
        } else {
            (2.6 + 0.3 * r.u(), 7.5 + 1.0 * r.u())
        };
        // Group sizes: a kommune-specific mix of the national one.
        let mix: Vec<f64> = GROUP_MIX
            .iter()
            .map(|&w| (w * (1.0 + 0.25 * r.n())).max(0.004))
            .collect();
        let offsets = group_offsets(maal);
        let mut cells = Vec::with_capacity(N_MONTHS);
        for i in 0..N_MONTHS {
            let (n, met) = (total.n[i], total.met[i]);
            let window = |len: usize| i.saturating_sub(len - 1)..i + 1;
            let max_n = |len: usize| window(len).map(|j| total.n[j]).max().unwrap_or(n);
            let fixed = self
                .unique_fixed
                .get(&(k.kode, maal, i))
                .filter(|_| anciennitet == 0)
                .copied()
                .unwrap_or_default();
            let u3 = fixed
                .0
                .unwrap_or_else(|| (f64::from(max_n(3)) * u3_ratio).round() as u32)
                .max(n);
            let u12 = fixed
                .1
                .unwrap_or_else(|| (f64::from(max_n(12)) * u12_ratio).round() as u32)
                .max(u3);
            let persons = apportion(u64::from(n), &mix, None);
            let share = 100.0 * f64::from(met) / f64::from(n.max(1));
            let weights: Vec<f64> = persons
                .iter()
                .zip(&offsets)
                .map(|(&p, off)| p as f64 * (share + off + 1.5 * r.n()).clamp(1.0, 99.0))
                .collect();
            let met_g = apportion(u64::from(met), &weights, Some(&persons));
            let u3_g = spread(&persons, u64::from(u3 - n), &persons);
            let u12_g = spread(&u3_g, u64::from(u12 - u3), &persons);
            let mut row = [[0u32; 4]; 10];
            row[0] = [n, met, u3, u12];
            for g in 0..9 {
                row[g + 1] = [
                    persons[g] as u32,
                    met_g[g] as u32,
                    u3_g[g] as u32,
                    u12_g[g] as u32,
                ];
            }
            cells.push(row);
        }
        cells
    }

    /// The 6-month group (chapter 3, not in the report): smaller and less regular.
    fn early_series(&self, k: &Kommune, maal: Maal) -> Series {
        let long = &self.total[&(k.kode, maal)];
        let mut r = Rng::new(&[40, u64::from(k.kode), maal as u64]);
        let n: Vec<u32> = long
            .n
            .iter()
            .map(|&x| ((f64::from(x) * (0.11 + 0.01 * r.n())).round() as u32).max(1))
            .collect();
        let met = (0..N_MONTHS)
            .map(|i| {
                let s = (long.share(i) - 6.0 + 3.0 * r.n()).clamp(10.0, 99.0);
                ((s * f64::from(n[i]) / 100.0).round() as u32).min(n[i])
            })
            .collect();
        Series { n, met }
    }
}

/// The national mix of the nine groups among persons with 12+ months' anciennitet
/// (A-dagpenge, Kontanthjælp, Uddannelseshjælp, Selvforsørgelse, Sygedagpenge,
/// Jobafklaring, Ressourceforløb, Ledighedsydelse, Revalidering).
const GROUP_MIX: [f64; 9] = [0.08, 0.30, 0.07, 0.05, 0.11, 0.10, 0.12, 0.14, 0.03];

/// How each group's share differs from the total's, in pct.-points.
fn group_offsets(maal: Maal) -> [f64; 9] {
    match maal {
        Maal::Samtaler => [2.0, -1.0, 1.0, -4.0, 4.0, 3.0, 1.0, -6.0, 2.0],
        Maal::AktiveTilbud => [4.0, -2.0, 3.0, -3.0, -6.0, -2.0, 3.0, 2.0, 6.0],
    }
}

/// The national level and spread of the total share in month `i`.
fn trend(maal: Maal, i: usize) -> (f64, f64) {
    let y2020 = idx(2020, 1);
    let covid = ramp(i, idx(2020, 3), idx(2020, 5)) - ramp(i, idx(2020, 6), idx(2020, 8));
    let in_2021 = ramp(i, idx(2020, 12), idx(2021, 11));
    match maal {
        Maal::Samtaler => {
            let base = if i < y2020 {
                87.5 + 1.0 * ramp(i, 0, 23)
            } else {
                88.4
            };
            (base - 3.0 * covid + 6.5 * in_2021, 5.5 - 2.5 * in_2021)
        }
        Maal::AktiveTilbud => {
            let base = if i < y2020 { 86.0 } else { 86.4 };
            (base - 2.0 * covid - 2.4 * in_2021, 5.0 + 1.0 * in_2021)
        }
    }
}

/// The year-to-date mean to aim for, given A12 and the printed krav.
fn ytd_target(a12: f64, krav: Option<f64>) -> f64 {
    let dec_bounds = ((12.0 * a12 - 99.0) / 11.0, (12.0 * a12 - 5.0) / 11.0);
    match krav {
        Some(r) if r > 0.0 => mid(krav_interval(11, r)),
        Some(_) => (a12 - 0.2).max(80.4).max(dec_bounds.0).min(dec_bounds.1),
        None => (a12 - 0.3).min(77.9).max(dec_bounds.0),
    }
}

/// Moves the free kommuner's differences so that every ranked kommune gets its rank:
/// the free kommuner, in their drafted order, fill the gaps between the ranked ones.
fn place_differences(
    draft: &mut HashMap<u16, (f64, f64)>,
    fixed: &HashMap<u16, (f64, f64)>,
    ranked: &[(u16, u32)],
    period: usize,
) {
    if ranked.is_empty() {
        return;
    }
    let mut thresholds: Vec<(f64, u32)> = ranked
        .iter()
        .map(|&(k, rank)| (fixed[&k].1, rank))
        .collect();
    thresholds.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut free: Vec<u16> = Kommune::all()
        .iter()
        .map(|k| k.kode)
        .filter(|k| !fixed.contains_key(k))
        .collect();
    free.sort_by(|a, b| draft[a].1.total_cmp(&draft[b].1).then(a.cmp(b)));
    let fixed_below = |d: f64| fixed.values().filter(|v| v.1 < d).count() as i64;
    let mut next = 0usize;
    let mut lower = f64::NEG_INFINITY;
    for &(d, rank) in &thresholds {
        // Free kommuner strictly between the previous threshold and this one.
        let need = i64::from(rank) - 1 - fixed_below(d) - next as i64;
        assert!(
            need >= 0,
            "the seeds' ranks cannot all hold in period {period}"
        );
        for &k in &free[next..next + need as usize] {
            let (f, v) = draft[&k];
            if !(v > lower + 0.005 && v < d - 0.005) {
                let mut r = Rng::new(&[4, u64::from(k), period as u64]);
                let lo = if lower.is_finite() {
                    lower + 0.01
                } else {
                    d - 0.8
                };
                let nv = lo + (d - 0.01 - lo) * (0.1 + 0.8 * r.u());
                draft.insert(k, (f, nv));
            }
        }
        next += need as usize;
        lower = d;
    }
    for &k in &free[next..] {
        let (f, v) = draft[&k];
        if v <= lower + 0.005 {
            let mut r = Rng::new(&[5, u64::from(k), period as u64]);
            draft.insert(k, (f, lower + 0.01 + 0.5 * r.u()));
        }
    }
}

// ---------------------------------------------------------------------------
// Small helpers.

fn mid((lo, hi): (f64, f64)) -> f64 {
    (lo + hi) / 2.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn round10(x: f64) -> i64 {
    ((x / 10.0).round() * 10.0) as i64
}

/// `910` → `9,10`; `-26` → `-0,26`.
fn hundredths(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", v.abs() / 100, v.abs() % 100)
}

/// `1710` → `1.710`.
fn thousands(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn writeln_crlf(out: &mut String, line: &str) {
    out.push_str(line);
    out.push_str("\r\n");
}

fn write_fokus_row(
    out: &mut String,
    area: &str,
    i: usize,
    g: usize,
    anc: &str,
    c: [u64; 4],
    discretize: bool,
) {
    let cell = |v: u64| {
        if discretize && (1..5).contains(&v) {
            ".".to_string()
        } else {
            thousands(v)
        }
    };
    let _ = write!(
        out,
        "{area};{};{};{anc};{};{};{};{}\r\n",
        month_at(i).code(),
        Gruppe::ALL[g].label(),
        cell(c[0]),
        cell(c[1]),
        cell(c[2]),
        cell(c[3])
    );
}

/// Splits `total` into integer parts proportional to `weights` (largest
/// remainder), never giving a part more than its cap.
fn apportion(total: u64, weights: &[f64], caps: Option<&[u64]>) -> Vec<u64> {
    let cap = |i: usize| caps.map_or(u64::MAX, |c| c[i]);
    let sum: f64 = weights.iter().sum();
    let ideal: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut parts: Vec<u64> = ideal
        .iter()
        .enumerate()
        .map(|(i, x)| (x.floor() as u64).min(cap(i)))
        .collect();
    let mut left = total - parts.iter().sum::<u64>();
    while left > 0 {
        let best = (0..parts.len())
            .filter(|&i| parts[i] < cap(i))
            .max_by(|&a, &b| {
                (ideal[a] - parts[a] as f64)
                    .total_cmp(&(ideal[b] - parts[b] as f64))
                    .then(b.cmp(&a))
            })
            .expect("the caps leave room for the total");
        parts[best] += 1;
        left -= 1;
    }
    parts
}

/// Adds `extra` to `base`, spread in proportion to `weights`.
fn spread(base: &[u64], extra: u64, weights: &[u64]) -> Vec<u64> {
    let w: Vec<f64> = weights.iter().map(|&x| x as f64 + 1e-9).collect();
    apportion(extra, &w, None)
        .iter()
        .zip(base)
        .map(|(a, b)| a + b)
        .collect()
}

// ---------------------------------------------------------------------------
// Reading the files back through the library.

fn verify(dir: &Path) {
    let data = Dataset::load(dir).unwrap_or_else(|e| panic!("the fixtures do not load: {e}"));
    let month = |(y, m): (i32, u32)| Month::new(y, m).expect("valid month");
    let mut lands: HashMap<(i32, u32), Landsbillede<'_>> = HashMap::new();
    for ym in [(2020, 8), (2020, 9), (2021, 11)] {
        let land = Landsbillede::new(&data, month(ym), None).unwrap_or_else(|e| panic!("{e}"));
        lands.insert(ym, land);
    }
    let model = |name: &str, ym: (i32, u32)| {
        ReportModel::build(&lands[&ym], kommune(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let goal = |m: &ReportModel, maal: Maal| {
        m.fokusmaal
            .iter()
            .find(|f| f.maal == maal)
            .cloned()
            .expect("both goals")
    };
    let mut failures = Vec::new();
    let mut check = |what: String, got: String, want: String| {
        if got != want {
            failures.push(format!("{what}: got {got}, want {want}"));
        }
    };
    for &(name, (y, q), fa, ka, fv, fk, rank) in &Y30_SEEDS {
        let ym = if (y, q) == (2021, 2) {
            (2021, 11)
        } else if name == "Ballerup" {
            (2020, 9)
        } else {
            (2020, 8)
        };
        let r = model(name, ym).resultatmaal;
        let got = format!(
            "{:?} {:?} {:?} {:?} {:?}",
            r.fuldtidspersoner.forventet,
            r.fuldtidspersoner.faktisk,
            r.andel.forventet,
            r.andel.faktisk,
            r.placering.map(|p| p.plads)
        );
        let want = format!(
            "{:?} {:?} {:?} {:?} {:?}",
            Value::Known(f64::from(fa)),
            Value::Known(f64::from(ka)),
            Value::Known(fv as f64 / 100.0),
            Value::Known(fk as f64 / 100.0),
            Some(rank)
        );
        check(format!("{name} resultatmål"), got, want);
    }
    for &(name, maal, ym, unique, met, share, rank) in &TABLE_1_3 {
        let t = goal(&model(name, ym), maal).tre_mdr;
        check(
            format!("{name} {maal:?} table 1.3"),
            format!(
                "{:?} {:?} {} {:?}",
                t.unikke_personer,
                t.opfyldt,
                fmt(t.andel, 1),
                t.placering.map(|p| p.plads)
            ),
            format!(
                "{:?} {:?} {share:.1} {:?}",
                Value::Known(unique),
                Value::Known(met),
                Some(rank)
            ),
        );
    }
    for &(name, maal, ym, a12, krav) in &TABLE_1_5 {
        let t = goal(&model(name, ym), maal).tolv_mdr;
        check(
            format!("{name} {maal:?} A12"),
            fmt(t.gennemsnit, 2),
            format!("{a12:.2}"),
        );
        check(
            format!("{name} {maal:?} krav"),
            fmt_krav(t.krav.vurdering.krav),
            want_krav(krav),
        );
    }
    let hed = model("Hedensted", (2021, 11));
    for &(maal, n, met, rank, unique) in &HEDENSTED_2021_11 {
        let g = goal(&hed, maal);
        check(
            format!("Hedensted {maal:?} November 2021"),
            format!(
                "{:?} {:?} {:?}",
                g.maaned.personer,
                g.maaned.opfyldt,
                g.maaned.placering.map(|p| p.plads)
            ),
            format!(
                "{:?} {:?} {:?}",
                Value::Known(n),
                Value::Known(met),
                Some(rank)
            ),
        );
        if let Some((u12, met12)) = unique {
            check(
                "Hedensted 12-month unique".into(),
                format!("{:?} {:?}", g.tolv_mdr.unikke_personer, g.tolv_mdr.opfyldt),
                format!("{:?} {:?}", Value::Known(u12), Value::Known(met12)),
            );
        }
    }
    let oversigt = Oversigt::build(&lands[&(2021, 11)]);
    for &(name, diff, s_a12, s_krav, a_a12, a_krav, status) in &OVERVIEW_2021_11 {
        let row = oversigt
            .kommuner
            .iter()
            .find(|r| r.kommune.navn == name)
            .expect("listed");
        let (s, a) = (
            row.maal[Maal::Samtaler].as_ref().expect("samtaler"),
            row.maal[Maal::AktiveTilbud].as_ref().expect("aktive"),
        );
        check(
            format!("{name} overview"),
            format!(
                "{} {} {} {} {} {}",
                fmt(row.resultatmaal_forskel.unwrap_or(Value::Discretized), 2),
                fmt(s.gennemsnit_12_mdr, 2),
                fmt_krav(s.krav.vurdering.krav),
                fmt(a.gennemsnit_12_mdr, 2),
                fmt_krav(a.krav.vurdering.krav),
                row.status.map_or("?", |s| s.label())
            ),
            format!(
                "{diff:.2} {s_a12:.2} {} {a_a12:.2} {} {status}",
                want_krav(s_krav),
                want_krav(a_krav)
            ),
        );
    }
    // Y30R21's three areas add up to `Ydelsesgrupper i alt`, in
    // fuldtidspersoner and in andele, for every kommune and period.
    for &period in &data.resultat.periods {
        for k in Kommune::all() {
            let row = |g: Y30Gruppe| data.resultat.row(k, period, g).expect("every row");
            let total = row(Y30Gruppe::IAlt);
            let areas = &Y30Gruppe::ALL[1..];
            let sum = |f: fn(&Y30Row) -> Value<f64>| -> f64 {
                areas
                    .iter()
                    .map(|&g| f(row(g)).known().unwrap_or(0.0))
                    .sum()
            };
            let antal = (sum(|r| r.forventet_antal), sum(|r| r.faktisk_antal));
            let andel = (sum(|r| r.forventet_andel), sum(|r| r.faktisk_andel));
            let want = |v: Value<f64>| v.known().unwrap_or(0.0);
            if antal != (want(total.forventet_antal), want(total.faktisk_antal))
                || (andel.0 - want(total.forventet_andel)).abs() > 1e-9
                || (andel.1 - want(total.faktisk_andel)).abs() > 1e-9
            {
                check(
                    format!("{} {} areas", k.navn, period.code()),
                    format!("{antal:?} {andel:?}"),
                    format!("{total:?}"),
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "the fixtures miss seed figures:\n{}",
        failures.join("\n")
    );
}

fn fmt(v: Value<f64>, decimals: usize) -> String {
    match v {
        Value::Known(x) => format!("{x:.decimals$}"),
        Value::Discretized => ".".into(),
    }
}

fn fmt_krav(k: Value<Krav>) -> String {
    match k {
        Value::Known(Krav::Ok) => "Ok".into(),
        Value::Known(Krav::KanIkkeNaas) => "kan ikke nås".into(),
        Value::Known(Krav::Andel(r)) => format!("{r:.2}"),
        Value::Discretized => ".".into(),
    }
}

fn want_krav(k: Option<f64>) -> String {
    match k {
        Some(r) if r > 0.0 => format!("{r:.2}"),
        Some(_) => "Ok".into(),
        None => "kan ikke nås".into(),
    }
}
