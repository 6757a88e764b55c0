//! The names a report gives a kommune: the name a reader uses in headings
//! and running text, and the official name (with a capital K) for titles,
//! each with its genitive. jobindsats keeps its own spelling
//! ([`Kommune::navn`]), which is the genitive of the official name for two
//! kommuner (`Nordfyns`, `Vesthimmerlands`).

use super::{Kommune, genitiv};

impl Kommune {
    /// The name a Danish reader uses, in headings and running text: the
    /// jobindsats name, except where jobindsats keeps the genitive of the
    /// official name (`Nordfyns`, `Vesthimmerlands`): `Nordfyn`,
    /// `Vesthimmerland` (issue 17).
    ///
    /// ```
    /// use jobcenterindblik::Kommune;
    /// assert_eq!(Kommune::by_kode(480).unwrap().almindeligt_navn(), "Nordfyn");
    /// assert_eq!(Kommune::by_kode(340).unwrap().almindeligt_navn(), "Sorø");
    /// ```
    pub fn almindeligt_navn(&self) -> &'static str {
        match self.kode {
            480 => "Nordfyn",
            820 => "Vesthimmerland",
            _ => self.navn,
        }
    }

    /// The genitive of [`Kommune::almindeligt_navn`]: `Sorøs`, `Nordfyns`, `Aarhus'`.
    pub fn almindeligt_genitiv(&self) -> String {
        genitiv(self.almindeligt_navn())
    }

    /// The official name, with a capital K: `Sorø Kommune`, `Københavns
    /// Kommune`, `Nordfyns Kommune`, `Bornholms Regionskommune`.
    ///
    /// ```
    /// use jobcenterindblik::Kommune;
    /// assert_eq!(Kommune::by_kode(101).unwrap().officielt_navn(), "Københavns Kommune");
    /// assert_eq!(Kommune::by_kode(400).unwrap().officielt_navn(), "Bornholms Regionskommune");
    /// ```
    pub fn officielt_navn(&self) -> String {
        match self.kode {
            101 => "Københavns Kommune".into(),
            400 => "Bornholms Regionskommune".into(),
            480 => "Nordfyns Kommune".into(),
            820 => "Vesthimmerlands Kommune".into(),
            _ => format!("{} Kommune", self.navn),
        }
    }

    /// The genitive of the official name: `Sorø Kommunes`, `Bornholms Regionskommunes`.
    pub fn officielt_genitiv(&self) -> String {
        genitiv(&self.officielt_navn())
    }
}

#[cfg(test)]
mod tests {
    use super::super::KOMMUNER;
    use super::*;

    #[test]
    fn common_and_official_names() {
        let k = |kode| Kommune::by_kode(kode).unwrap();
        let names = |kode| {
            let k = k(kode);
            (
                k.almindeligt_navn(),
                k.almindeligt_genitiv(),
                k.officielt_navn(),
                k.officielt_genitiv(),
            )
        };
        let own = |a: &'static str, b: &str, c: &str, d: &str| {
            (a, b.to_string(), c.to_string(), d.to_string())
        };
        assert_eq!(
            names(340),
            own("Sorø", "Sorøs", "Sorø Kommune", "Sorø Kommunes")
        );
        assert_eq!(
            names(101),
            own(
                "København",
                "Københavns",
                "Københavns Kommune",
                "Københavns Kommunes"
            )
        );
        assert_eq!(
            names(400),
            own(
                "Bornholm",
                "Bornholms",
                "Bornholms Regionskommune",
                "Bornholms Regionskommunes"
            )
        );
        assert_eq!(
            names(480),
            own(
                "Nordfyn",
                "Nordfyns",
                "Nordfyns Kommune",
                "Nordfyns Kommunes"
            )
        );
        assert_eq!(
            names(820),
            own(
                "Vesthimmerland",
                "Vesthimmerlands",
                "Vesthimmerlands Kommune",
                "Vesthimmerlands Kommunes"
            )
        );
        assert_eq!(
            names(751),
            own("Aarhus", "Aarhus'", "Aarhus Kommune", "Aarhus Kommunes")
        );
        // Every official name is one `lookup` takes back to its kommune.
        for k in KOMMUNER.iter() {
            assert_eq!(Kommune::lookup(&k.officielt_navn()), Ok(k));
            assert_eq!(Kommune::lookup(k.almindeligt_navn()), Ok(k));
        }
    }
}
