//! The goals, ydelsesgrupper and anciennitet groups that extracts and report name.
//!
//! The fokusmål ([`Maal`], and a value for each: [`PerMaal`]), the target groups by anciennitet
//! ([`Anciennitet`]), the ydelsesgrupper of the fokusmål extracts ([`Gruppe`])
//! and those of the benchmark model in table Y30R21 ([`Y30Gruppe`]). Labels are
//! read through [`label::key`](crate::domain::label::key), so the spellings
//! jobindsats uses (`Kontanthjælp mv.`, `Mindst 12 mdrs. anciennitet`) are all
//! accepted.

use std::fmt;

use serde::Serialize;

use crate::domain::label;

/// The fokusmål of skærpet tilsyn. Everything kept per goal is a
/// [`PerMaal`], so a goal added here is carried through every stage; what
/// the rules demand of it is the rule set's
/// ([`Regelsaet::graense`](crate::measures::rules::Regelsaet::graense)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Maal {
    /// Mindst 4 samtaler de sidste 12 mdr.
    Samtaler,
    /// Mindst 1 aktivt tilbud eller 225 timers ordinær beskæftigelse de sidste 12 mdr.
    AktiveTilbud,
}

impl Maal {
    /// Every goal, in the order the report shows them (samtaler first).
    pub const ALL: [Maal; 2] = [Maal::Samtaler, Maal::AktiveTilbud];

    /// The short name jobindsats uses: `Mindst 4 samtaler`.
    pub fn label(self) -> &'static str {
        match self {
            Maal::Samtaler => "Mindst 4 samtaler",
            Maal::AktiveTilbud => "Mindst 1 aktivt tilbud mv.",
        }
    }

    /// The machine name, as the JSON writes the goal (`samtaler`,
    /// `aktive_tilbud`): a [`PerMaal`]'s keys, and the prefix of a goal's
    /// columns in `status.csv` and `tilsyn --format csv`.
    pub fn key(self) -> &'static str {
        match self {
            Maal::Samtaler => "samtaler",
            Maal::AktiveTilbud => "aktive_tilbud",
        }
    }

    /// The goal in a sentence or a column header: `samtaler`, `aktive tilbud`.
    pub fn navn(self) -> &'static str {
        match self {
            Maal::Samtaler => "samtaler",
            Maal::AktiveTilbud => "aktive tilbud",
        }
    }

    /// Where the goal's value sits in a [`PerMaal`]: its place in [`Maal::ALL`].
    const fn index(self) -> usize {
        self as usize
    }
}

// [`Maal::index`] is the goal's place in [`Maal::ALL`]: the variants are
// declared in that order.
const _: () = {
    let mut i = 0;
    while i < Maal::ALL.len() {
        assert!(
            Maal::ALL[i].index() == i,
            "Maal::ALL lists the goals in declaration order"
        );
        i += 1;
    }
};

/// One value per fokusmål, in [`Maal::ALL`] order: what every stage keeps per
/// goal (the extracts, the figures, the criteria, a row of the overview).
/// Indexed by the goal (`per[Maal::Samtaler]`); serialised as an object keyed
/// by [`Maal::key`] (`{ "samtaler": …, "aktive_tilbud": … }`), so that a
/// field marked `#[serde(flatten)]` puts the goals beside its siblings.
///
/// ```
/// use jobcenterindblik::domain::groups::{Maal, PerMaal};
/// let n = PerMaal::from_fn(|m| m.label().len());
/// assert_eq!(n[Maal::AktiveTilbud], "Mindst 1 aktivt tilbud mv.".len());
/// assert_eq!(serde_json::to_string(&n.map(|m, _| m.navn())).unwrap(),
///     r#"{"samtaler":"samtaler","aktive_tilbud":"aktive tilbud"}"#);
/// let first_error: Result<PerMaal<u8>, Maal> =
///     PerMaal::from_fn(|m| if m == Maal::Samtaler { Ok(1) } else { Err(m) }).transpose();
/// assert_eq!(first_error, Err(Maal::AktiveTilbud));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PerMaal<T>([T; Maal::ALL.len()]);

impl<T> PerMaal<T> {
    /// The value of each goal from `f`, called in [`Maal::ALL`] order.
    pub fn from_fn(f: impl FnMut(Maal) -> T) -> PerMaal<T> {
        PerMaal(Maal::ALL.map(f))
    }

    /// Each goal's value through `f`, in [`Maal::ALL`] order.
    pub fn map<U>(self, mut f: impl FnMut(Maal, T) -> U) -> PerMaal<U> {
        let mut values = self.0.into_iter();
        PerMaal::from_fn(|m| f(m, values.next().expect("one value per goal")))
    }

    /// The values by reference.
    pub fn as_ref(&self) -> PerMaal<&T> {
        PerMaal::from_fn(|m| &self[m])
    }

    /// Each goal with its value, in [`Maal::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Maal, &T)> {
        Maal::ALL.into_iter().zip(&self.0)
    }

    /// The values, in [`Maal::ALL`] order.
    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<T, E> PerMaal<Result<T, E>> {
    /// Every goal's value, or the first goal's error in [`Maal::ALL`] order.
    pub fn transpose(self) -> Result<PerMaal<T>, E> {
        let mut values = Vec::with_capacity(Maal::ALL.len());
        for v in self.0 {
            values.push(v?);
        }
        let mut values = values.into_iter();
        Ok(PerMaal::from_fn(|_| {
            values.next().expect("one value per goal")
        }))
    }
}

impl<T> std::ops::Index<Maal> for PerMaal<T> {
    type Output = T;

    fn index(&self, maal: Maal) -> &T {
        &self.0[maal.index()]
    }
}

impl<T> std::ops::IndexMut<Maal> for PerMaal<T> {
    fn index_mut(&mut self, maal: Maal) -> &mut T {
        &mut self.0[maal.index()]
    }
}

impl<'a, T> IntoIterator for &'a PerMaal<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    /// The values, in [`Maal::ALL`] order, as [`PerMaal::values`].
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: Serialize> Serialize for PerMaal<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(Maal::ALL.len()))?;
        for (maal, value) in self.iter() {
            map.serialize_entry(maal.key(), value)?;
        }
        map.end()
    }
}

/// The target group by length of the benefit spell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Anciennitet {
    /// `Mindst 12 mdr.`: the target group of skærpet tilsyn.
    #[serde(rename = "Mindst 12 mdr.")]
    Mindst12,
    /// `6 mdr.`: the early-effort group of chapter 3.
    #[serde(rename = "6 mdr.")]
    Seks,
}

impl Anciennitet {
    /// The label jobindsats uses.
    pub fn label(self) -> &'static str {
        match self {
            Anciennitet::Mindst12 => "Mindst 12 mdr.",
            Anciennitet::Seks => "6 mdr.",
        }
    }

    /// Reads an anciennitet label (`Mindst 12 mdr.`, `6 mdrs. anciennitet`).
    pub fn parse(s: &str) -> Option<Anciennitet> {
        match label::key(s).as_str() {
            "mindst 12 mdr" | "mindst 12 mdrs" | "mindst 12 mdrs anciennitet" | "12+ mdr" => {
                Some(Anciennitet::Mindst12)
            }
            "6 mdr" | "6 mdrs" | "6 mdrs anciennitet" => Some(Anciennitet::Seks),
            _ => None,
        }
    }
}

/// The ydelsesgrupper of the fokusmål extracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Gruppe {
    /// `Ydelsesgrupper i alt`.
    #[serde(rename = "Ydelsesgrupper i alt")]
    IAlt,
    /// A-dagpenge.
    #[serde(rename = "A-dagpenge")]
    ADagpenge,
    /// Kontanthjælp.
    #[serde(rename = "Kontanthjælp")]
    Kontanthjaelp,
    /// Uddannelseshjælp.
    #[serde(rename = "Uddannelseshjælp")]
    Uddannelseshjaelp,
    /// Selvforsørgelses- og hjemrejseydelse samt overgangsydelse.
    #[serde(rename = "Selvforsørgelses- og hjemrejseydelse samt overgangsydelse")]
    Selvforsoergelse,
    /// Sygedagpenge.
    #[serde(rename = "Sygedagpenge")]
    Sygedagpenge,
    /// Jobafklaringsforløb.
    #[serde(rename = "Jobafklaringsforløb")]
    Jobafklaring,
    /// Ressourceforløb.
    #[serde(rename = "Ressourceforløb")]
    Ressourceforloeb,
    /// Ledighedsydelse.
    #[serde(rename = "Ledighedsydelse")]
    Ledighedsydelse,
    /// Revalidering.
    #[serde(rename = "Revalidering")]
    Revalidering,
}

impl Gruppe {
    /// Every group, the total first.
    pub const ALL: [Gruppe; 10] = [
        Gruppe::IAlt,
        Gruppe::ADagpenge,
        Gruppe::Kontanthjaelp,
        Gruppe::Uddannelseshjaelp,
        Gruppe::Selvforsoergelse,
        Gruppe::Sygedagpenge,
        Gruppe::Jobafklaring,
        Gruppe::Ressourceforloeb,
        Gruppe::Ledighedsydelse,
        Gruppe::Revalidering,
    ];

    /// The label in the extracts and the report.
    pub fn label(self) -> &'static str {
        match self {
            Gruppe::IAlt => "Ydelsesgrupper i alt",
            Gruppe::ADagpenge => "A-dagpenge",
            Gruppe::Kontanthjaelp => "Kontanthjælp",
            Gruppe::Uddannelseshjaelp => "Uddannelseshjælp",
            Gruppe::Selvforsoergelse => "Selvforsørgelses- og hjemrejseydelse samt overgangsydelse",
            Gruppe::Sygedagpenge => "Sygedagpenge",
            Gruppe::Jobafklaring => "Jobafklaringsforløb",
            Gruppe::Ressourceforloeb => "Ressourceforløb",
            Gruppe::Ledighedsydelse => "Ledighedsydelse",
            Gruppe::Revalidering => "Revalidering",
        }
    }

    /// Reads a group label; ` mv.` after the name is allowed.
    pub fn parse(s: &str) -> Option<Gruppe> {
        let key = label::key(s);
        let key = key.strip_suffix(" mv").unwrap_or(&key);
        Gruppe::ALL
            .into_iter()
            .find(|g| label::key(g.label()) == key)
    }
}

impl fmt::Display for Gruppe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The ydelsesgrupper of the benchmark model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Y30Gruppe {
    /// `Ydelsesgrupper i alt`.
    #[serde(rename = "Ydelsesgrupper i alt")]
    IAlt,
    /// `A-dagpenge mv.` (the dagpengeområde).
    #[serde(rename = "A-dagpenge mv.")]
    ADagpenge,
    /// `Sygedagpenge mv.` (the sygedagpengeområde).
    #[serde(rename = "Sygedagpenge mv.")]
    Sygedagpenge,
    /// `Kontanthjælp mv.` (the kontanthjælpsområde).
    #[serde(rename = "Kontanthjælp mv.")]
    Kontanthjaelp,
}

impl Y30Gruppe {
    /// All groups, total first, in the order the report shows them.
    pub const ALL: [Y30Gruppe; 4] = [
        Y30Gruppe::IAlt,
        Y30Gruppe::ADagpenge,
        Y30Gruppe::Sygedagpenge,
        Y30Gruppe::Kontanthjaelp,
    ];

    /// The label jobindsats uses.
    pub fn label(self) -> &'static str {
        match self {
            Y30Gruppe::IAlt => "Ydelsesgrupper i alt",
            Y30Gruppe::ADagpenge => "A-dagpenge mv.",
            Y30Gruppe::Sygedagpenge => "Sygedagpenge mv.",
            Y30Gruppe::Kontanthjaelp => "Kontanthjælp mv.",
        }
    }

    /// Reads a Y30R21 group label; ` mv.` may be left out.
    pub fn parse(s: &str) -> Option<Y30Gruppe> {
        let key = label::key(s);
        Y30Gruppe::ALL.into_iter().find(|g| {
            let label = label::key(g.label());
            key == label || key == label.trim_end_matches(" mv")
        })
    }
}

impl fmt::Display for Y30Gruppe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
