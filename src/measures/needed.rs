//! "Hvad skal der til?": what the krav means in persons and shares for the
//! rest of the year, beyond STAR's report (docs/method.md, "What it takes").
//!
//! For the report month *m* with *j* months of the year done, averaging *a*,
//! and the target group's *B* persons of month *m*, *M* of whom met the goal:
//!
//! - krav a share *r*: at least ⌈*r*/100 · *B*⌉ persons must meet the goal in
//!   each remaining month, that is max(0, ⌈*r*/100 · *B*⌉ − *M*) more than in
//!   month *m*, if the target group keeps its size;
//! - krav "kan ikke nås": the highest mean the year can still reach,
//!   (*j*·*a* + (12 − *j*)·100) / 12 (in December: *a*);
//! - krav Ok: the lowest monthly share the rest of the year may fall to and
//!   still end at 80, max(0, (960 − *j*·*a*) / (12 − *j*)) (none in December).
//!
//! A discretized input gives a discretized answer, never a guess.

use crate::domain::value::Value;
use crate::measures::krav::{GRAENSE, HvadSkalDerTil, Krav, KravVurdering};
use crate::measures::stats::EPS;

/// What the krav `v` takes, from the report month's persons and those who met the goal.
///
/// ```
/// use jobcenterindblik::domain::value::Value::Known;
/// use jobcenterindblik::measures::krav::krav;
/// use jobcenterindblik::measures::needed::hvad_skal_der_til;
/// // Nine months averaging 76,3733…: 90,88 % of 1.000 persons is 908,8, so 909
/// // a month, 59 more than the 850 of the report month.
/// let v = krav(&[Known(76.37333333333333); 9]);
/// let h = hvad_skal_der_til(&v, Known(1000), Known(850));
/// assert_eq!(h.skal_opfylde_pr_maaned, Some(Known(909)));
/// assert_eq!(h.flere_pr_maaned, Some(Known(59)));
/// ```
pub fn hvad_skal_der_til(
    v: &KravVurdering,
    personer: Value<u32>,
    opfyldt: Value<u32>,
) -> HvadSkalDerTil {
    let mut h = HvadSkalDerTil {
        personer_i_maaneden: personer,
        opfyldt_i_maaneden: opfyldt,
        skal_opfylde_pr_maaned: None,
        flere_pr_maaned: None,
        hoejst_mulige_gennemsnit: None,
        laveste_tilladte_andel: None,
    };
    let (Value::Known(krav), Value::Known(a)) = (v.krav, v.gennemsnit_i_aar) else {
        return h;
    };
    let j = f64::from(v.maaneder_i_aar);
    match krav {
        Krav::Andel(r) => {
            let skal = personer.map(|b| {
                // ⌈x⌉ of a product that is whole on paper may sit a hair above it.
                (r / 100.0 * f64::from(b) - EPS).ceil().max(0.0) as u32
            });
            h.skal_opfylde_pr_maaned = Some(skal);
            h.flere_pr_maaned = Some(skal.zip(opfyldt, |s, m| s.saturating_sub(m)));
        }
        Krav::KanIkkeNaas => {
            h.hoejst_mulige_gennemsnit = Some((j * a + (12.0 - j) * 100.0) / 12.0);
        }
        Krav::Ok if v.maaneder_i_aar < 12 => {
            h.laveste_tilladte_andel = Some(((12.0 * GRAENSE - j * a) / (12.0 - j)).max(0.0));
        }
        Krav::Ok => {}
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::krav::krav;
    use Value::{Discretized, Known};

    #[test]
    fn a_share_needed_in_persons() {
        // Nine months averaging 76,37 leave a krav of 90,88 for the last
        // three (Ballerup's samtaler krav in September 2020; the persons
        // here are made up, tests/beyond.rs holds Ballerup's own).
        let v = krav(&[Known(76.37333333333333); 9]);
        let h = hvad_skal_der_til(&v, Known(1189), Known(901));
        // 90,88 % of 1.189 = 1.080,56 → 1.081; 180 more than 901.
        assert_eq!(h.skal_opfylde_pr_maaned, Some(Known(1081)));
        assert_eq!(h.flere_pr_maaned, Some(Known(180)));
        assert_eq!(
            (h.hoejst_mulige_gennemsnit, h.laveste_tilladte_andel),
            (None, None)
        );
        // Already more than needed: none more.
        let h = hvad_skal_der_til(&v, Known(100), Known(95));
        assert_eq!(h.flere_pr_maaned, Some(Known(0)));
        // A product that is whole on paper is not rounded up past it:
        // 8 months at 70 need 100 % of the rest (exactly 100 of 100).
        let v = krav(&[Known(70.0); 8]);
        let h = hvad_skal_der_til(&v, Known(100), Known(70));
        assert_eq!(h.skal_opfylde_pr_maaned, Some(Known(100)));
        // January at 61,3 leaves (960 - 61,3) / 11 = 81,7 for the rest; of
        // 1.000 that is 817, which floating point makes 817,0000000000001.
        let v = krav(&[Known(61.3)]);
        let h = hvad_skal_der_til(&v, Known(1000), Known(613));
        assert_eq!(h.skal_opfylde_pr_maaned, Some(Known(817)));
        assert_eq!(h.flere_pr_maaned, Some(Known(204)));
    }

    #[test]
    fn a_year_that_cannot_be_saved_and_one_that_is_safe() {
        // Ten months at 60: at most (600 + 200) / 12 = 66,67.
        let h = hvad_skal_der_til(&krav(&[Known(60.0); 10]), Known(50), Known(30));
        assert!((h.hoejst_mulige_gennemsnit.unwrap() - 800.0 / 12.0).abs() < 1e-12);
        assert_eq!(h.skal_opfylde_pr_maaned, None);
        // December below 80: the year's mean is what it is.
        let h = hvad_skal_der_til(&krav(&[Known(75.0); 12]), Known(50), Known(30));
        assert_eq!(h.hoejst_mulige_gennemsnit, Some(75.0));
        // Four months at 90: the other eight may fall to (960 - 360) / 8 = 75.
        let h = hvad_skal_der_til(&krav(&[Known(90.0); 4]), Known(50), Known(45));
        assert_eq!(h.laveste_tilladte_andel, Some(75.0));
        // Eleven months at 100: the last may be 0 (not below).
        let h = hvad_skal_der_til(&krav(&[Known(100.0); 11]), Known(50), Known(50));
        assert_eq!(h.laveste_tilladte_andel, Some(0.0));
        // December and Ok: nothing is left to say.
        let h = hvad_skal_der_til(&krav(&[Known(85.0); 12]), Known(50), Known(45));
        assert_eq!(h.laveste_tilladte_andel, None);
    }

    #[test]
    fn discretized_in_discretized_out() {
        let h = hvad_skal_der_til(&krav(&[Known(70.0), Discretized]), Known(50), Known(30));
        assert_eq!(
            h,
            HvadSkalDerTil {
                personer_i_maaneden: Known(50),
                opfyldt_i_maaneden: Known(30),
                skal_opfylde_pr_maaned: None,
                flere_pr_maaned: None,
                hoejst_mulige_gennemsnit: None,
                laveste_tilladte_andel: None,
            }
        );
        let v = krav(&[Known(76.37333333333333); 9]);
        let h = hvad_skal_der_til(&v, Discretized, Known(3));
        assert_eq!(h.skal_opfylde_pr_maaned, Some(Discretized));
        assert_eq!(h.flere_pr_maaned, Some(Discretized));
        let h = hvad_skal_der_til(&v, Known(10), Discretized);
        assert_eq!(h.skal_opfylde_pr_maaned, Some(Known(10)));
        assert_eq!(h.flere_pr_maaned, Some(Discretized));
    }
}
