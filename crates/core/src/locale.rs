use crate::ParseError;
use crate::serde_text::serde_via_text;

/// A language the user interface speaks. Everything a person reads exists in each of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// Accepts a BCP 47 tag whose primary subtag we speak (`fr`, `fr-BE`, `EN-gb`).
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let primary = text.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Ok(Locale::En),
            "fr" => Ok(Locale::Fr),
            _ => Err(ParseError::new(
                "locale.unsupported",
                format!("{text:?} is not a supported interface language (en, fr)"),
            )),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// The other language of the interface (for labels shown beside the reader's).
    pub fn other(self) -> Locale {
        match self {
            Locale::En => Locale::Fr,
            Locale::Fr => Locale::En,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header value, honouring
    /// q-values; `None` when the header names none we speak.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(Locale, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Ok(locale) = Locale::parse(tag)
                && quality > 0.0
                && best.is_none_or(|(_, q)| quality > q)
            {
                best = Some((locale, quality));
            }
        }
        best.map(|(locale, _)| locale)
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

serde_via_text!(Locale);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(Locale::from_accept_language("fr"), Some(Locale::Fr));
        assert_eq!(Locale::from_accept_language("fr-BE,fr;q=0.9,en;q=0.8"), Some(Locale::Fr));
        assert_eq!(Locale::from_accept_language("de, en;q=0.5, fr;q=0.7"), Some(Locale::Fr));
        assert_eq!(Locale::from_accept_language("nl, de"), None);
        assert_eq!(Locale::from_accept_language("fr;q=0, en;q=0.1"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn parse_display_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::parse(&locale.to_string()).unwrap(), locale);
        }
        assert!(Locale::parse("de").unwrap_err().message().contains("de"));
    }
}
