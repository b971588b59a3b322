use crate::country::position_in;
use crate::language_table::LANGUAGES;
use crate::serde_text::serde_via_text;
use crate::{Locale, ParseError};

/// A language, as a BCP 47 primary language subtag: every ISO 639-1 code, plus the three-letter
/// codes of the programmes' regions that have none (Hassaniya `mey`, Soninke `snk`, Tshiluba
/// `lua`…). A region or script subtag (`fr-BE`) is accepted and dropped: matching works on the
/// language, not the variety.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Language(u16);

impl Language {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let primary = text.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(ParseError::new(
                "language.format",
                format!("{text:?} is not a language code: expected a BCP 47 tag such as fr, rw or mey"),
            ));
        }
        position_in(LANGUAGES, &primary)
            .map(|i| Self(i as u16))
            .ok_or_else(|| ParseError::new("language.unknown", format!("{primary:?} is not a language code we know")))
    }

    pub fn code(self) -> &'static str {
        LANGUAGES[self.0 as usize].0
    }

    pub fn name(self, locale: Locale) -> &'static str {
        let (_, en, fr) = LANGUAGES[self.0 as usize];
        match locale {
            Locale::En => en,
            Locale::Fr => fr,
        }
    }

    /// Every language, ordered by code.
    pub fn all() -> impl ExactSizeIterator<Item = Language> {
        (0..LANGUAGES.len()).map(|i| Language(i as u16))
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

serde_via_text!(Language);

/// A level of the Common European Framework of Reference for Languages, plus "native".
/// Ordered: `A1 < A2 < B1 < B2 < C1 < C2 < Native`, so "at or above the required level" is `>=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cefr {
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
    Native,
}

impl Cefr {
    pub const ALL: [Cefr; 7] = [Cefr::A1, Cefr::A2, Cefr::B1, Cefr::B2, Cefr::C1, Cefr::C2, Cefr::Native];

    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let level = text.trim();
        Self::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(level)).ok_or_else(|| {
            ParseError::new(
                "cefr.unknown",
                format!("{text:?} is not a CEFR level: expected A1, A2, B1, B2, C1, C2 or native"),
            )
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Cefr::A1 => "A1",
            Cefr::A2 => "A2",
            Cefr::B1 => "B1",
            Cefr::B2 => "B2",
            Cefr::C1 => "C1",
            Cefr::C2 => "C2",
            Cefr::Native => "native",
        }
    }

    /// 1 for A1 up to 7 for native: the distance between two levels is a difference of ranks.
    pub fn rank(self) -> u8 {
        self as u8 + 1
    }
}

impl std::fmt::Display for Cefr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

serde_via_text!(Cefr);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table_has_iso_639_1_and_regional_languages() {
        assert!(LANGUAGES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(LANGUAGES.iter().filter(|(c, _, _)| c.len() == 2).count() >= 183);
        for code in ["fr", "en", "nl", "rw", "rn", "ln", "sw", "ar", "wo", "ff", "mey", "snk", "lua", "ary"] {
            let lang = Language::parse(code).unwrap();
            assert!(!lang.name(Locale::Fr).is_empty(), "{code}");
        }
        assert_eq!(Language::parse("fr-BE").unwrap().code(), "fr");
        assert_eq!(Language::parse("mey").unwrap().name(Locale::En), "Hassaniya Arabic");
    }

    #[test]
    fn invalid_languages_name_the_problem() {
        assert_eq!(Language::parse("french").unwrap_err().code(), "language.format");
        assert_eq!(Language::parse("qq").unwrap_err().code(), "language.unknown");
    }

    #[test]
    fn cefr_levels_are_ordered_and_strict() {
        assert!(Cefr::A1 < Cefr::A2 && Cefr::B2 < Cefr::C1 && Cefr::C2 < Cefr::Native);
        assert_eq!(Cefr::parse("b2").unwrap(), Cefr::B2);
        assert_eq!(Cefr::parse("Native").unwrap(), Cefr::Native);
        let err = Cefr::parse("D1").unwrap_err();
        assert!(err.message().contains("\"D1\" is not a CEFR level"));
    }

    proptest! {
        #[test]
        fn language_round_trip(i in 0usize..LANGUAGES.len()) {
            let lang = Language::all().nth(i).unwrap();
            prop_assert_eq!(Language::parse(&lang.to_string()).unwrap(), lang);
        }

        #[test]
        fn cefr_round_trip(i in 0usize..7) {
            let level = Cefr::ALL[i];
            prop_assert_eq!(Cefr::parse(&level.to_string()).unwrap(), level);
            prop_assert_eq!(level.rank() as usize, i + 1);
        }

        #[test]
        fn cefr_rejects_everything_else(text in "\\PC{0,6}") {
            let known = Cefr::ALL.iter().any(|l| l.code().eq_ignore_ascii_case(text.trim()));
            prop_assert_eq!(Cefr::parse(&text).is_ok(), known);
        }
    }
}
