//! Krav ved årets udgang: what a kommune needs for the rest of the year to
//! end it on the right side of a fokusmål's limit (the dashboard's method
//! notes, criterion 3), and the limit itself ([`Graense`]): a figure of the
//! rule set ([`Regelsaet::graense`](crate::measures::rules::Regelsaet::graense)),
//! 80 pct. or more for every goal so far.

use serde::{Serialize, Serializer, ser::SerializeStruct};

use crate::domain::dansk;
use crate::domain::value::Value;
use crate::measures::stats::{EPS, Mean};

/// Which side of its limit a goal's share must be on.
///
/// Every rule set so far asks for *at least* 80 pct. STAR's later goal
/// (the share *without* one tilbud or 100 hours must stay *under* 30 pct.)
/// would be a second variant, `Under`; it is left out because nothing
/// computes it yet: the krav ([`krav`]), "Hvad skal der til?"
/// ([`needed`](crate::measures::needed)), the ranks and the Top 10
/// ([`national`](crate::measures::national)), [`gennemsnit_tekst`] and the
/// template's sentences are written for "at least". Each of them matches on
/// the direction, so the compiler names every place a new one must be taught.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retning {
    /// Met when the share is at least the limit (within rounding).
    Mindst,
}

/// A fokusmål's limit: the share, in pct., and which side of it meets the goal.
///
/// ```
/// use jobcenterindblik::measures::krav::Graense;
/// let g = Graense::mindst(80.0);
/// assert!(g.naaet(80.0) && g.naaet(100.0 * 4.0 / 5.0) && !g.naaet(79.99));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Graense {
    /// The limit, pct.
    pub andel: f64,
    /// Which side of it meets the goal.
    pub retning: Retning,
}

impl Graense {
    /// At least `andel` pct.
    pub const fn mindst(andel: f64) -> Graense {
        Graense {
            andel,
            retning: Retning::Mindst,
        }
    }

    /// Whether a mean share meets the limit (within rounding: shares equal
    /// on paper may differ in the last bits).
    pub fn naaet(self, andel: f64) -> bool {
        match self.retning {
            Retning::Mindst => andel >= self.andel - EPS,
        }
    }
}

/// A fokusmål average as every output prints it: `decimals` decimals and a
/// decimal comma (`.` when discretized), except that an average on the
/// wrong side of the limit never prints as the limit itself, since "80,00"
/// beside a missed goal reads as a mistake: 79,9966 is `79,99` (`79,9` with
/// one decimal), the largest figure below 80 (docs/method.md, "Numerical
/// care"). The report's template has the same rule as `mod-graense`
/// (report-templates/lib/format.typ); tests/reading.rs holds the two to it.
///
/// ```
/// use jobcenterindblik::domain::value::Value::{Discretized, Known};
/// use jobcenterindblik::measures::krav::{Graense, gennemsnit_tekst};
/// let g = Graense::mindst(80.0);
/// assert_eq!(gennemsnit_tekst(Known(79.9966), g, 2), "79,99");
/// assert_eq!(gennemsnit_tekst(Known(79.9966), g, 1), "79,9");
/// assert_eq!(gennemsnit_tekst(Known(79.994), g, 2), "79,99");
/// assert_eq!(gennemsnit_tekst(Known(80.0), g, 2), "80,00");
/// assert_eq!(gennemsnit_tekst(Known(87.844), g, 2), "87,84");
/// assert_eq!(gennemsnit_tekst(Discretized, g, 2), ".");
/// ```
pub fn gennemsnit_tekst(a: Value<f64>, graense: Graense, decimals: usize) -> String {
    let Value::Known(a) = a else {
        return ".".into();
    };
    let printed = dansk::decimal(a, decimals);
    let scale = 10f64.powi(decimals as i32);
    let limit = graense.andel;
    match graense.retning {
        Retning::Mindst if !graense.naaet(a) && (a * scale).round() / scale >= limit => {
            dansk::decimal(limit - 1.0 / scale, decimals)
        }
        Retning::Mindst => printed,
    }
}

/// What a kommune needs for the rest of the year to end it at the limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Krav {
    /// The year-to-date average meets the limit: the goal is met so far.
    Ok,
    /// Not even 100 pct. in the remaining months would lift the year to the limit.
    KanIkkeNaas,
    /// The average share needed in each remaining month, in pct.
    Andel(f64),
}

/// The krav and what it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KravVurdering {
    /// The krav; discretized if a month of the year is.
    pub krav: Value<Krav>,
    /// The simple mean of the year's monthly shares so far (a).
    pub gennemsnit_i_aar: Value<f64>,
    /// How many months of the year that mean covers (j).
    pub maaneder_i_aar: u32,
    /// The limit the year is to end at (not serialised: the model gives it
    /// once per goal, as `graense`).
    pub graense: Graense,
}

/// Krav ved årets udgang from the monthly shares of the year so far (January
/// up to and including the report month): with j months averaging a, the
/// rest of the year must average (12 · g − j · a) / (12 − j) to end at the
/// limit g. Written for a limit of "at least" ([`Retning::Mindst`]).
///
/// ```
/// use jobcenterindblik::measures::krav::{krav, Graense, Krav};
/// use jobcenterindblik::domain::value::Value::Known;
/// let g = Graense::mindst(80.0);
/// // Nine months averaging 76,3733… need 90,88 in each of the last three.
/// let nine = [Known(76.37333333333333); 9];
/// let Known(Krav::Andel(r)) = krav(&nine, g).krav else { panic!() };
/// assert!((r - 90.88).abs() < 1e-9);
/// assert_eq!(krav(&[Known(81.0); 3], g).krav, Known(Krav::Ok));
/// assert_eq!(krav(&[Known(79.9); 12], g).krav, Known(Krav::KanIkkeNaas));
/// ```
pub fn krav(year_to_date: &[Value<f64>], graense: Graense) -> KravVurdering {
    let Retning::Mindst = graense.retning;
    let j = year_to_date.len() as u32;
    let a = Mean::of(year_to_date.iter().copied());
    let krav = a.map(|a| {
        if graense.naaet(a) {
            Krav::Ok
        } else if j >= 12 {
            Krav::KanIkkeNaas
        } else {
            let r = (12.0 * graense.andel - f64::from(j) * a) / f64::from(12 - j);
            if r > 100.0 + EPS {
                Krav::KanIkkeNaas
            } else {
                Krav::Andel(r)
            }
        }
    });
    KravVurdering {
        krav,
        gennemsnit_i_aar: a,
        maaneder_i_aar: j,
        graense,
    }
}

impl Serialize for KravVurdering {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (vurdering, andel) = match self.krav {
            Value::Known(Krav::Ok) => (Some("ok"), None),
            Value::Known(Krav::KanIkkeNaas) => (Some("kan_ikke_naas"), None),
            Value::Known(Krav::Andel(r)) => (Some("krav"), Some(r)),
            Value::Discretized => (None, None),
        };
        let mut st = s.serialize_struct("Krav", 4)?;
        st.serialize_field("vurdering", &vurdering)?;
        st.serialize_field("andel", &andel)?;
        st.serialize_field("gennemsnit_i_aar", &self.gennemsnit_i_aar)?;
        st.serialize_field("maaneder_i_aar", &self.maaneder_i_aar)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Value::{Discretized, Known};

    const G: Graense = Graense::mindst(80.0);

    fn kr(j: usize, a: f64) -> Value<Krav> {
        krav(&vec![Known(a); j], G).krav
    }

    #[test]
    fn krav_at_the_edges_of_the_year() {
        // January: one month at 70 needs (960 - 70) / 11 = 80.909… for the rest.
        let Known(Krav::Andel(r)) = kr(1, 70.0) else {
            panic!()
        };
        assert!((r - 890.0 / 11.0).abs() < 1e-12);
        // December: the year is over; below 80 cannot be reached, 80 or more is Ok.
        assert_eq!(kr(12, 79.99), Known(Krav::KanIkkeNaas));
        assert_eq!(kr(12, 80.0), Known(Krav::Ok));
        // November: 960 - 11a must be at most 100, so a ≥ 78.1818…
        let Known(Krav::Andel(r)) = kr(11, 78.2) else {
            panic!()
        };
        assert!((r - 99.8).abs() < 1e-9);
        assert_eq!(kr(11, 78.18), Known(Krav::KanIkkeNaas));
        // Exactly 100 needed is still possible.
        let Known(Krav::Andel(r)) = kr(6, 60.0) else {
            panic!()
        };
        assert!((r - 100.0).abs() < 1e-9);
        assert_eq!(krav(&[Known(90.0), Discretized], G).krav, Discretized);
        assert_eq!(krav(&[Known(90.0), Discretized], G).maaneder_i_aar, 2);
    }

    #[test]
    fn ballerup_september_2020_krav() {
        // Seed 002: samtaler krav 90,88 in September with a year-to-date mean of 76,37.
        let v = krav(&[Known(76.3733); 9], G);
        let Known(Krav::Andel(r)) = v.krav else {
            panic!()
        };
        assert_eq!(format!("{r:.2}"), "90.88");
    }
}
