use crate::country_table::COUNTRIES;
use crate::serde_text::serde_via_text;
use crate::{Locale, ParseError};

/// A country, as its ISO 3166-1 alpha-2 code (`CD`, `BE`), with English and French names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country(u16);

impl Country {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let code = text.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ParseError::new(
                "country.format",
                format!("{text:?} is not a country code: expected two letters (ISO 3166-1 alpha-2, e.g. CD, BE)"),
            ));
        }
        position_in(COUNTRIES, &code)
            .map(|i| Self(i as u16))
            .ok_or_else(|| ParseError::new("country.unknown", format!("{code:?} is not an ISO 3166-1 country code")))
    }

    pub fn code(self) -> &'static str {
        COUNTRIES[self.0 as usize].0
    }

    pub fn name(self, locale: Locale) -> &'static str {
        let (_, en, fr) = COUNTRIES[self.0 as usize];
        match locale {
            Locale::En => en,
            Locale::Fr => fr,
        }
    }

    /// Every country, ordered by code.
    pub fn all() -> impl ExactSizeIterator<Item = Country> {
        (0..COUNTRIES.len()).map(|i| Country(i as u16))
    }
}

/// Finds a code in one of our sorted `(code, english, french)` tables.
pub(crate) fn position_in(table: &[(&str, &str, &str)], code: &str) -> Option<usize> {
    table.binary_search_by(|(c, _, _)| (*c).cmp(code)).ok()
}

impl std::fmt::Display for Country {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

serde_via_text!(Country);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table_is_sorted_complete_and_named() {
        assert_eq!(COUNTRIES.len(), 249, "ISO 3166-1 has 249 alpha-2 codes");
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(COUNTRIES.iter().all(|(_, en, fr)| !en.is_empty() && !fr.is_empty()));
        let cd = Country::parse("cd").unwrap();
        assert_eq!(cd.name(Locale::En), "Democratic Republic of the Congo");
        assert_eq!(cd.name(Locale::Fr), "République démocratique du Congo");
        assert_eq!(Country::parse(" be ").unwrap().name(Locale::Fr), "Belgique");
    }

    #[test]
    fn invalid_codes_name_the_problem() {
        assert!(Country::parse("XX").unwrap_err().message().contains("not an ISO 3166-1"));
        assert!(Country::parse("Belgium").unwrap_err().message().contains("two letters"));
        assert_eq!(Country::parse("").unwrap_err().code(), "country.format");
    }

    proptest! {
        #[test]
        fn display_then_parse_is_identity(i in 0usize..249) {
            let country = Country::all().nth(i).unwrap();
            prop_assert_eq!(Country::parse(&country.to_string()).unwrap(), country);
        }

        #[test]
        fn parse_accepts_exactly_the_table(code in "[A-Za-z]{2}") {
            let known = COUNTRIES.iter().any(|(c, _, _)| c.eq_ignore_ascii_case(&code));
            prop_assert_eq!(Country::parse(&code).is_ok(), known);
        }
    }
}
