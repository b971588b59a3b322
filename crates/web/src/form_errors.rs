//! The problems of a submitted form, translated, for the template that shows the form again
//! (with what the person typed, never losing it).

use crate::i18n;
use passerelle_core::{FieldError, Locale};

pub struct FormErrors {
    locale: Locale,
    errors: Vec<FieldError>,
}

/// One problem, ready to show: the field it belongs to (for the link from the summary) and
/// the sentence.
pub struct Shown {
    pub field: String,
    pub message: String,
}

impl FormErrors {
    pub fn none(locale: Locale) -> Self {
        Self { locale, errors: vec![] }
    }

    pub fn new(locale: Locale, errors: Vec<FieldError>) -> Self {
        Self { locale, errors }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// The sentences about `field`.
    pub fn of(&self, field: &str) -> Vec<String> {
        self.errors.iter().filter(|e| e.field == field).map(|e| translate(self.locale, e)).collect()
    }

    /// Every problem, for the summary at the top of the form.
    pub fn all(&self) -> Vec<Shown> {
        self.errors.iter().map(|e| Shown { field: e.field.clone(), message: translate(self.locale, e) }).collect()
    }
}

/// A field error in `locale`: the catalogue's sentence for its code (`fe-password-too_short`),
/// or its own English message when the catalogue has none.
pub fn translate(locale: Locale, error: &FieldError) -> String {
    let key = format!("fe-{}", error.code.replace('.', "-"));
    let args: Vec<(&str, String)> = error.max.map(|m| ("max", m.to_string())).into_iter().collect();
    let text = i18n::text_with(locale, &key, &args);
    if text == key { error.message.clone() } else { text }
}
