//! The goals, ydelsesgrupper and anciennitet groups that extracts and report name.
//!
//! The two fokusmål ([`Maal`]), the target groups by anciennitet
//! ([`Anciennitet`]), the ydelsesgrupper of the fokusmål extracts ([`Gruppe`])
//! and those of the benchmark model in table Y30R21 ([`Y30Gruppe`]). Labels are
//! read through [`label::key`](crate::domain::label::key), so the spellings
//! jobindsats uses (`Kontanthjælp mv.`, `Mindst 12 mdrs. anciennitet`) are all
//! accepted.

use std::fmt;

use serde::Serialize;

use crate::domain::label;

/// The two fokusmål of skærpet tilsyn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Maal {
    /// Mindst 4 samtaler de sidste 12 mdr.
    Samtaler,
    /// Mindst 1 aktivt tilbud eller 225 timers ordinær beskæftigelse de sidste 12 mdr.
    AktiveTilbud,
}

impl Maal {
    /// Both goals, samtaler first as the report orders them.
    pub const ALL: [Maal; 2] = [Maal::Samtaler, Maal::AktiveTilbud];

    /// The short name jobindsats uses: `Mindst 4 samtaler`.
    pub fn label(self) -> &'static str {
        match self {
            Maal::Samtaler => "Mindst 4 samtaler",
            Maal::AktiveTilbud => "Mindst 1 aktivt tilbud mv.",
        }
    }

    /// The other goal.
    pub fn other(self) -> Maal {
        match self {
            Maal::Samtaler => Maal::AktiveTilbud,
            Maal::AktiveTilbud => Maal::Samtaler,
        }
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
