//! Krav ved årets udgang: what a kommune needs for the rest of the year to
//! end it with a 12-month average of at least 80 pct. (the dashboard's method
//! notes, criterion 3).

use serde::{Serialize, Serializer, ser::SerializeStruct};

use crate::domain::value::Value;
use crate::measures::stats::{EPS, Mean};

/// The lower limit of skærpet tilsyn: 80 pct. must meet a fokusmål on average.
pub const GRAENSE: f64 = 80.0;

/// Whether a mean share reaches the limit of 80 pct. (within rounding).
pub fn naar_graensen(andel: f64) -> bool {
    andel >= GRAENSE - EPS
}

/// What a kommune needs for the rest of the year to end it above the limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Krav {
    /// The year-to-date average is at least 80: the goal is met so far.
    Ok,
    /// Not even 100 pct. in the remaining months would lift the year to 80.
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
    /// What the krav takes in persons and shares, when the report month's
    /// counts are known to it ([`crate::measures::needed`]).
    pub hvad_skal_der_til: Option<HvadSkalDerTil>,
}

/// What it takes to end the year at 80, for one goal
/// ([`crate::measures::needed`] computes it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HvadSkalDerTil {
    /// *B*: persons in the target group in the report month.
    pub personer_i_maaneden: Value<u32>,
    /// *M*: of them, those who met the goal.
    pub opfyldt_i_maaneden: Value<u32>,
    /// Krav a share: the persons who must meet the goal in each remaining
    /// month, ⌈*r*/100 · *B*⌉.
    pub skal_opfylde_pr_maaned: Option<Value<u32>>,
    /// Krav a share: that many more than in the report month (never below 0).
    pub flere_pr_maaned: Option<Value<u32>>,
    /// Krav "kan ikke nås": the highest mean of the year's 12 shares still
    /// possible, in pct.
    pub hoejst_mulige_gennemsnit: Option<f64>,
    /// Krav Ok, before December: the lowest mean share the remaining months
    /// may have and the year still end at 80, in pct.
    pub laveste_tilladte_andel: Option<f64>,
}

/// Krav ved årets udgang from the monthly shares of the year so far (January
/// up to and including the report month): with j months averaging a, the
/// rest of the year must average (12 · 80 − j · a) / (12 − j).
///
/// ```
/// use jobcenterindblik::measures::krav::{krav, Krav};
/// use jobcenterindblik::domain::value::Value::Known;
/// // Nine months averaging 76,3733… need 90,88 in each of the last three.
/// let nine = [Known(76.37333333333333); 9];
/// let Known(Krav::Andel(r)) = krav(&nine).krav else { panic!() };
/// assert!((r - 90.88).abs() < 1e-9);
/// assert_eq!(krav(&[Known(81.0); 3]).krav, Known(Krav::Ok));
/// assert_eq!(krav(&[Known(79.9); 12]).krav, Known(Krav::KanIkkeNaas));
/// ```
pub fn krav(year_to_date: &[Value<f64>]) -> KravVurdering {
    let j = year_to_date.len() as u32;
    let a = Mean::of(year_to_date.iter().copied());
    let krav = a.map(|a| {
        if naar_graensen(a) {
            Krav::Ok
        } else if j >= 12 {
            Krav::KanIkkeNaas
        } else {
            let r = (12.0 * GRAENSE - f64::from(j) * a) / f64::from(12 - j);
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
        hvad_skal_der_til: None,
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
        let mut st = s.serialize_struct("Krav", 5)?;
        st.serialize_field("vurdering", &vurdering)?;
        st.serialize_field("andel", &andel)?;
        st.serialize_field("gennemsnit_i_aar", &self.gennemsnit_i_aar)?;
        st.serialize_field("maaneder_i_aar", &self.maaneder_i_aar)?;
        st.serialize_field("hvad_skal_der_til", &self.hvad_skal_der_til)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Value::{Discretized, Known};

    fn kr(j: usize, a: f64) -> Value<Krav> {
        krav(&vec![Known(a); j]).krav
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
        assert_eq!(krav(&[Known(90.0), Discretized]).krav, Discretized);
        assert_eq!(krav(&[Known(90.0), Discretized]).maaneder_i_aar, 2);
    }

    #[test]
    fn ballerup_september_2020_krav() {
        // Seed 002: samtaler krav 90,88 in September with a year-to-date mean of 76,37.
        let v = krav(&[Known(76.3733); 9]);
        let Known(Krav::Andel(r)) = v.krav else {
            panic!()
        };
        assert_eq!(format!("{r:.2}"), "90.88");
    }
}
