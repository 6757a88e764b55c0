//! The 98 Danish kommuner and the other areas a jobindsats extract may name.
//!
//! First stop of the pipeline's domain model: every extract row is tied to an
//! [`Area`] here. Names are spelt as jobindsats spells them (`Høje-Taastrup`,
//! `Nordfyns`, `Vesthimmerlands`); look-up forgives case, Danish letters,
//! hyphens and spaces (`soro`, `Soroe`, `SORØ` all find Sorø) and accepts the
//! three-digit kommunekode with or without a leading zero.

mod navne;

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

/// More people than live in Denmark (about 5,9 million in 2021): no count of
/// persons or fuldtidspersoner in an extract can reach it.
pub const OVER_BEFOLKNINGEN: u32 = 6_000_000;

/// Why a count of `what` (persons, fuldtidspersoner) at or past
/// [`OVER_BEFOLKNINGEN`] cannot be right.
pub fn over_befolkningen(what: &str) -> String {
    format!(
        "is more than live in Denmark ({}); a number of {what} cannot be that large",
        crate::domain::dansk::tal(f64::from(OVER_BEFOLKNINGEN), 0)
    )
}

/// One of the 98 kommuner: the official kommunekode and the jobindsats name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kommune {
    /// Official three-digit kommunekode (Sorø = 340).
    pub kode: u16,
    /// The name as jobindsats writes it.
    pub navn: &'static str,
}

macro_rules! kommuner {
    ($($kode:literal $navn:literal),* $(,)?) => {
        /// All 98 kommuner, ordered by kommunekode. Christiansø (411) is not a kommune.
        pub static KOMMUNER: [Kommune; 98] = [$(Kommune { kode: $kode, navn: $navn }),*];
    };
}

kommuner! {
    101 "København", 147 "Frederiksberg", 151 "Ballerup", 153 "Brøndby", 155 "Dragør",
    157 "Gentofte", 159 "Gladsaxe", 161 "Glostrup", 163 "Herlev", 165 "Albertslund",
    167 "Hvidovre", 169 "Høje-Taastrup", 173 "Lyngby-Taarbæk", 175 "Rødovre", 183 "Ishøj",
    185 "Tårnby", 187 "Vallensbæk", 190 "Furesø", 201 "Allerød", 210 "Fredensborg",
    217 "Helsingør", 219 "Hillerød", 223 "Hørsholm", 230 "Rudersdal", 240 "Egedal",
    250 "Frederikssund", 253 "Greve", 259 "Køge", 260 "Halsnæs", 265 "Roskilde",
    269 "Solrød", 270 "Gribskov", 306 "Odsherred", 316 "Holbæk", 320 "Faxe",
    326 "Kalundborg", 329 "Ringsted", 330 "Slagelse", 336 "Stevns", 340 "Sorø",
    350 "Lejre", 360 "Lolland", 370 "Næstved", 376 "Guldborgsund", 390 "Vordingborg",
    400 "Bornholm", 410 "Middelfart", 420 "Assens", 430 "Faaborg-Midtfyn", 440 "Kerteminde",
    450 "Nyborg", 461 "Odense", 479 "Svendborg", 480 "Nordfyns", 482 "Langeland",
    492 "Ærø", 510 "Haderslev", 530 "Billund", 540 "Sønderborg", 550 "Tønder",
    561 "Esbjerg", 563 "Fanø", 573 "Varde", 575 "Vejen", 580 "Aabenraa",
    607 "Fredericia", 615 "Horsens", 621 "Kolding", 630 "Vejle", 657 "Herning",
    661 "Holstebro", 665 "Lemvig", 671 "Struer", 706 "Syddjurs", 707 "Norddjurs",
    710 "Favrskov", 727 "Odder", 730 "Randers", 740 "Silkeborg", 741 "Samsø",
    746 "Skanderborg", 751 "Aarhus", 756 "Ikast-Brande", 760 "Ringkøbing-Skjern", 766 "Hedensted",
    773 "Morsø", 779 "Skive", 787 "Thisted", 791 "Viborg", 810 "Brønderslev",
    813 "Frederikshavn", 820 "Vesthimmerlands", 825 "Læsø", 840 "Rebild", 846 "Mariagerfjord",
    849 "Jammerbugt", 851 "Aalborg", 860 "Hjørring",
}

impl Kommune {
    /// All 98 kommuner, ordered by kode.
    pub fn all() -> &'static [Kommune] {
        &KOMMUNER
    }

    /// The kommune with this kode, if any.
    pub fn by_kode(kode: u16) -> Option<&'static Kommune> {
        KOMMUNER
            .binary_search_by_key(&kode, |k| k.kode)
            .ok()
            .map(|i| &KOMMUNER[i])
    }

    /// The kommune whose name folds to the same key as `name` (see [`fold`]).
    pub fn by_name(name: &str) -> Option<&'static Kommune> {
        static BY_KEY: LazyLock<HashMap<String, &'static Kommune>> =
            LazyLock::new(|| KOMMUNER.iter().map(|k| (fold(k.navn), k)).collect());
        BY_KEY.get(&fold(name)).copied()
    }

    /// The kommunekode as three digits: `"101"`, `"340"`.
    pub fn kode_str(&self) -> String {
        format!("{:03}", self.kode)
    }

    /// The Danish genitive of the name: `Sorøs`, but `Aarhus'`.
    pub fn genitiv(&self) -> String {
        genitiv(self.navn)
    }

    /// Finds a kommune from what a user typed: a name (forgiving case, Danish
    /// letters, spaces and hyphens), the official name (`Sorø Kommune`,
    /// `Københavns Kommune`, `Bornholms Regionskommune`), the common name
    /// where jobindsats writes another (`Nordfyn` for `Nordfyns`), or a kode
    /// (`340`, `0340`).
    pub fn lookup(query: &str) -> Result<&'static Kommune, UnknownKommune> {
        let q = query.trim();
        if !q.is_empty() && q.chars().all(|c| c.is_ascii_digit()) {
            return q
                .parse::<u16>()
                .ok()
                .and_then(Kommune::by_kode)
                .ok_or_else(|| UnknownKommune {
                    query: q.to_string(),
                    suggestions: Vec::new(),
                });
        }
        Kommune::by_any_name(q).ok_or_else(|| UnknownKommune {
            query: q.to_string(),
            suggestions: suggest(strip_kommune(q)),
        })
    }

    /// A kommune by name in any of the forms [`Kommune::lookup`] accepts.
    fn by_any_name(name: &str) -> Option<&'static Kommune> {
        let bare = strip_kommune(name);
        Kommune::by_name(name)
            .or_else(|| Kommune::by_name(bare))
            // The official name is in the genitive: "Københavns Kommune".
            .or_else(|| {
                (bare != name)
                    .then(|| bare.strip_suffix('s'))
                    .flatten()
                    .and_then(Kommune::by_name)
            })
            // jobindsats writes "Nordfyns" and "Vesthimmerlands", people
            // "Nordfyn" and "Vesthimmerland".
            .or_else(|| Kommune::by_name(&format!("{bare}s")))
    }
}

/// A name without a trailing "Kommune" or "Regionskommune", in any case.
fn strip_kommune(name: &str) -> &str {
    let trimmed = name.trim();
    for suffix in [" regionskommune", " kommune"] {
        // Compared byte for byte in ASCII case: lower-casing can change a
        // name's length in bytes (the Kelvin sign "K" becomes "k").
        let Some(cut) = trimmed.len().checked_sub(suffix.len()) else {
            continue;
        };
        if trimmed.is_char_boundary(cut) && trimmed[cut..].eq_ignore_ascii_case(suffix) {
            return trimmed[..cut].trim_end();
        }
    }
    trimmed
}

impl fmt::Display for Kommune {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.navn)
    }
}

/// A name or code that matches no kommune, with the closest names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKommune {
    /// What was asked for.
    pub query: String,
    /// Up to three kommune names close to it, best first.
    pub suggestions: Vec<&'static str>,
}

impl fmt::Display for UnknownKommune {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not one of the 98 kommuner", self.query)?;
        if !self.suggestions.is_empty() {
            write!(f, "; did you mean {}?", or_list(&self.suggestions))?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownKommune {}

/// Joins names as `"A", "B" or "C"`.
pub fn or_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The longest query [`suggest`] compares with the names, in folded characters.
const SUGGEST_MAX: usize = 60;

/// Up to three kommune names closest to `query`, best first.
pub fn suggest(query: &str) -> Vec<&'static str> {
    let key = fold(query);
    // No name is near a key this long; comparing one with each of the 98
    // would cost its length times theirs.
    if key.is_empty() || key.chars().count() > SUGGEST_MAX {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &'static str)> = KOMMUNER
        .iter()
        .map(|k| (strsim::jaro_winkler(&key, &fold(k.navn)), k.navn))
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

/// The look-up key of a name: lower case ASCII letters and digits only, with
/// æ/ø/å and their two-letter spellings (ae, oe, aa) folded to one letter, so
/// `Sorø`, `Soroe` and `SORO` share the key `soro`.
pub fn fold(name: &str) -> String {
    let mut ascii = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' | 'ä' | 'á' | 'à' => ascii.push('a'),
            'ø' | 'ö' | 'ó' => ascii.push('o'),
            'å' => ascii.push('a'),
            'é' | 'è' => ascii.push('e'),
            'ü' => ascii.push('u'),
            c if c.is_ascii_alphanumeric() => ascii.push(c),
            _ => {}
        }
    }
    ascii
        .replace("aa", "a")
        .replace("ae", "a")
        .replace("oe", "o")
}

/// A sort key for Danish alphabetical order: æ, ø and å after z.
pub fn danish_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' | 'ä' => '{',
            'ø' | 'ö' => '|',
            'å' => '}',
            c => c,
        })
        .collect()
}

/// The Danish genitive: an `s`, or only an apostrophe after a final s, x or z
/// (`Sorøs`, `Ballerups`, `Aarhus'`, `Stevns'`).
pub fn genitiv(name: &str) -> String {
    match name.chars().last().map(|c| c.to_ascii_lowercase()) {
        Some('s' | 'x' | 'z') => format!("{name}'"),
        _ => format!("{name}s"),
    }
}

/// What an extract's area column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Area {
    /// One of the 98 kommuner.
    Kommune(&'static Kommune),
    /// The whole country (`Hele landet`).
    HeleLandet,
    /// Another aggregate jobindsats serves: an `RAR …` area, a region or Christiansø.
    Other,
}

impl Area {
    /// Classifies an area name; `None` when it is not one jobindsats uses.
    pub fn parse(name: &str) -> Option<Area> {
        let trimmed = name.trim();
        if let Some(k) = Kommune::by_name(trimmed) {
            return Some(Area::Kommune(k));
        }
        let key = fold(trimmed);
        if key == "helelandet" || key == "landet" || key == "danmark" {
            return Some(Area::HeleLandet);
        }
        let lower = trimmed.to_lowercase();
        if lower.starts_with("rar ")
            || lower.starts_with("region ")
            || lower.starts_with("landsdel ")
            || key == "christianso"
        {
            return Some(Area::Other);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_98_kommuner_with_unique_codes_and_keys() {
        assert_eq!(KOMMUNER.len(), 98);
        assert!(KOMMUNER.windows(2).all(|w| w[0].kode < w[1].kode));
        let mut keys: Vec<String> = KOMMUNER.iter().map(|k| fold(k.navn)).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 98, "two kommuner fold to the same key");
        assert!(
            Kommune::by_kode(411).is_none(),
            "Christiansø is not a kommune"
        );
    }

    #[test]
    fn lookup_takes_official_and_common_names() {
        let navn = |q: &str| Kommune::lookup(q).map(|k| k.navn);
        assert_eq!(navn("Sorø Kommune"), Ok("Sorø"));
        assert_eq!(navn("sorø kommune"), Ok("Sorø"));
        assert_eq!(navn("Københavns Kommune"), Ok("København"));
        assert_eq!(navn("Bornholms Regionskommune"), Ok("Bornholm"));
        assert_eq!(navn("Nordfyn"), Ok("Nordfyns"));
        assert_eq!(navn("Nordfyns Kommune"), Ok("Nordfyns"));
        assert_eq!(navn("Vesthimmerland"), Ok("Vesthimmerlands"));
        assert_eq!(navn("Assens Kommune"), Ok("Assens"));
        assert_eq!(navn("Stevns"), Ok("Stevns"));
        let e = Kommune::lookup("Sorå Kommune").unwrap_err();
        assert_eq!(e.suggestions.first(), Some(&"Sorø"));
    }

    #[test]
    fn a_suffix_whose_lower_case_is_shorter_is_refused_not_a_panic() {
        // The Kelvin sign lower-cases to a one-byte "k": the old stripping
        // cut the name in the middle of "ø" and panicked.
        let e = Kommune::lookup("Sorø \u{212A}ommune").unwrap_err();
        assert_eq!(e.query, "Sorø \u{212A}ommune");
        assert_eq!(strip_kommune("Sorø \u{212A}ommune"), "Sorø \u{212A}ommune");
        assert_eq!(strip_kommune("\u{212A}ommune"), "\u{212A}ommune");
        assert_eq!(strip_kommune(" kommune"), "kommune");
    }

    #[test]
    fn lookup_forgives_case_letters_and_codes() {
        for q in ["Sorø", "soro", "Soroe", "SORØ", " sorø ", "340", "0340"] {
            assert_eq!(Kommune::lookup(q).unwrap().navn, "Sorø", "query {q:?}");
        }
        assert_eq!(Kommune::lookup("Høje Taastrup").unwrap().kode, 169);
        assert_eq!(Kommune::lookup("hoeje-taastrup").unwrap().kode, 169);
        assert_eq!(Kommune::lookup("Århus").unwrap().navn, "Aarhus");
        assert_eq!(Kommune::lookup("laeso").unwrap().navn, "Læsø");
        assert_eq!(Kommune::lookup("101").unwrap().navn, "København");
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let err = Kommune::lookup("Sorå").unwrap_err();
        assert_eq!(err.suggestions.first(), Some(&"Sorø"));
        let err = Kommune::lookup("Balerup").unwrap_err();
        assert_eq!(err.suggestions.first(), Some(&"Ballerup"));
        assert!(
            err.to_string().contains("did you mean \"Ballerup\""),
            "{err}"
        );
        let err = Kommune::lookup("411").unwrap_err();
        assert_eq!(err.to_string(), "\"411\" is not one of the 98 kommuner");
        assert!(Kommune::lookup("Christiansø").is_err());
    }

    #[test]
    fn genitive_follows_the_final_letter() {
        let cases = [
            ("Sorø", "Sorøs"),
            ("Ballerup", "Ballerups"),
            ("Hedensted", "Hedensteds"),
            ("Aarhus", "Aarhus'"),
            ("Assens", "Assens'"),
            ("Halsnæs", "Halsnæs'"),
            ("Horsens", "Horsens'"),
            ("Norddjurs", "Norddjurs'"),
            ("Nordfyns", "Nordfyns'"),
            ("Randers", "Randers'"),
            ("Stevns", "Stevns'"),
            ("Syddjurs", "Syddjurs'"),
            ("Vesthimmerlands", "Vesthimmerlands'"),
            ("Fox", "Fox'"),
            ("Ritz", "Ritz'"),
        ];
        for (name, want) in cases {
            assert_eq!(genitiv(name), want);
        }
        let with_apostrophe: Vec<&str> = KOMMUNER
            .iter()
            .filter(|k| k.genitiv().ends_with('\''))
            .map(|k| k.navn)
            .collect();
        assert_eq!(
            with_apostrophe,
            [
                "Halsnæs",
                "Stevns",
                "Assens",
                "Nordfyns",
                "Horsens",
                "Syddjurs",
                "Norddjurs",
                "Randers",
                "Aarhus",
                "Vesthimmerlands"
            ]
        );
    }

    #[test]
    fn danish_order_puts_the_danish_letters_last() {
        let mut names = [
            "Ærø",
            "Aarhus",
            "Hørsholm",
            "Høje-Taastrup",
            "Hvidovre",
            "Zoo",
            "Åbo",
        ];
        names.sort_by_key(|n| danish_key(n));
        assert_eq!(
            names,
            [
                "Aarhus",
                "Hvidovre",
                "Høje-Taastrup",
                "Hørsholm",
                "Zoo",
                "Ærø",
                "Åbo"
            ]
        );
    }

    #[test]
    fn areas_other_than_kommuner_are_recognised() {
        assert_eq!(Area::parse("Hele landet"), Some(Area::HeleLandet));
        assert_eq!(Area::parse("RAR Sjælland"), Some(Area::Other));
        assert_eq!(Area::parse("Christiansø"), Some(Area::Other));
        assert_eq!(
            Area::parse("Sorø"),
            Some(Area::Kommune(Kommune::by_kode(340).unwrap()))
        );
        assert_eq!(Area::parse("Atlantis"), None);
    }
}
