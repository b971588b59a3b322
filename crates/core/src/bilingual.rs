use crate::Locale;

/// A text people write in English, in French or in both (a programme's name, its description):
/// each reader reads it in their language when it was written in it, else in the other one, so
/// that a text given in one language only is still shown everywhere. An empty text is a language
/// not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Bilingual {
    en: String,
    fr: String,
}

impl Bilingual {
    /// The English and French versions, either possibly empty (not given).
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Bilingual { en: en.into(), fr: fr.into() }
    }

    /// The version written in `locale`, empty when none was.
    pub fn given(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.en,
            Locale::Fr => &self.fr,
        }
    }

    /// What a reader of `locale` reads: their language's version, else the other's (empty when
    /// neither was written).
    pub fn get(&self, locale: Locale) -> &str {
        let theirs = self.given(locale);
        if theirs.is_empty() { self.given(locale.other()) } else { theirs }
    }

    /// The language of what [`get`](Self::get) gives a reader of `locale`, when it is not
    /// theirs: the code for the `lang` attribute of the element that holds it.
    pub fn other_lang(&self, locale: Locale) -> Option<&'static str> {
        (self.given(locale).is_empty() && !self.given(locale.other()).is_empty()).then(|| locale.other().code())
    }

    /// Neither language was written.
    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.fr.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_reads_their_language_else_the_other() {
        let both = Bilingual::new("Skills transfer", "Transfert de compétences");
        assert_eq!(both.get(Locale::En), "Skills transfer");
        assert_eq!(both.get(Locale::Fr), "Transfert de compétences");
        assert_eq!(both.other_lang(Locale::Fr), None);

        let english = Bilingual::new("Skills transfer", "");
        assert_eq!(english.get(Locale::Fr), "Skills transfer");
        assert_eq!(english.given(Locale::Fr), "");
        assert_eq!(english.other_lang(Locale::Fr), Some("en"));
        assert_eq!(english.other_lang(Locale::En), None);

        let french = Bilingual::new("", "Transfert de compétences");
        assert_eq!(french.get(Locale::En), "Transfert de compétences");
        assert_eq!(french.other_lang(Locale::En), Some("fr"));

        let none = Bilingual::default();
        assert!(none.is_empty() && !french.is_empty());
        assert_eq!((none.get(Locale::En), none.other_lang(Locale::Fr)), ("", None));
    }
}
