use crate::serde_text::serde_via_text;
use crate::{Locale, ParseError};

/// The sectors diaspora programmes work in. A closed list: reports and dashboards group by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sector {
    Health,
    Education,
    Tvet,
    RuralDevelopment,
    PublicAdministration,
    Ict,
    Engineering,
    Finance,
    Entrepreneurship,
    Humanitarian,
    Social,
    Other,
}

impl Sector {
    pub const ALL: [Sector; 12] = [
        Sector::Health,
        Sector::Education,
        Sector::Tvet,
        Sector::RuralDevelopment,
        Sector::PublicAdministration,
        Sector::Ict,
        Sector::Engineering,
        Sector::Finance,
        Sector::Entrepreneurship,
        Sector::Humanitarian,
        Sector::Social,
        Sector::Other,
    ];

    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let code = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL.into_iter().find(|s| s.code() == code).ok_or_else(|| {
            ParseError::new(
                "sector.unknown",
                format!("{text:?} is not a sector: expected one of {}", Self::ALL.map(Sector::code).join(", ")),
            )
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Sector::Health => "health",
            Sector::Education => "education",
            Sector::Tvet => "tvet",
            Sector::RuralDevelopment => "rural_development",
            Sector::PublicAdministration => "public_administration",
            Sector::Ict => "ict",
            Sector::Engineering => "engineering",
            Sector::Finance => "finance",
            Sector::Entrepreneurship => "entrepreneurship",
            Sector::Humanitarian => "humanitarian",
            Sector::Social => "social",
            Sector::Other => "other",
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        let (en, fr) = match self {
            Sector::Health => ("Health", "Santé"),
            Sector::Education => ("Education", "Éducation"),
            Sector::Tvet => (
                "Technical and vocational education and training (TVET)",
                "Enseignement et formation techniques et professionnels (EFTP)",
            ),
            Sector::RuralDevelopment => ("Rural development and agriculture", "Développement rural et agriculture"),
            Sector::PublicAdministration => ("Public administration", "Administration publique"),
            Sector::Ict => {
                ("Information and communication technology", "Technologies de l'information et de la communication")
            }
            Sector::Engineering => ("Engineering and infrastructure", "Ingénierie et infrastructures"),
            Sector::Finance => ("Finance and investment", "Finance et investissement"),
            Sector::Entrepreneurship => ("Entrepreneurship", "Entrepreneuriat"),
            Sector::Humanitarian => ("Humanitarian and emergency response", "Humanitaire et urgences"),
            Sector::Social => ("Gender and social development", "Genre et développement social"),
            Sector::Other => ("Other", "Autre"),
        };
        match locale {
            Locale::En => en,
            Locale::Fr => fr,
        }
    }
}

impl std::fmt::Display for Sector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

serde_via_text!(Sector);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_sector_has_both_labels_and_a_unique_code() {
        let mut codes: Vec<_> = Sector::ALL.iter().map(|s| s.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Sector::ALL.len());
        for sector in Sector::ALL {
            let (en, fr) = (sector.label(Locale::En), sector.label(Locale::Fr));
            assert!(!en.is_empty() && !fr.is_empty() && en != fr, "{sector}");
        }
        assert_eq!(Sector::parse("Rural-Development").unwrap(), Sector::RuralDevelopment);
        assert!(Sector::parse("mining").unwrap_err().message().contains("health, education"));
    }

    proptest! {
        #[test]
        fn round_trip(i in 0usize..12) {
            let sector = Sector::ALL[i];
            prop_assert_eq!(Sector::parse(&sector.to_string()).unwrap(), sector);
        }
    }
}
