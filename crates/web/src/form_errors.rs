//! The problems of a submitted form, translated, for the template that shows the form again
//! (with what the person typed, never losing it).

use crate::i18n;
use crate::page::PageContext;
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

/// The problems of a form for its summary, each prefixed with the label of its field.
pub(crate) fn summary(page: &PageContext, form: &FormErrors, label: impl Fn(&str) -> String) -> Vec<Shown> {
    form.all()
        .into_iter()
        .map(|e| {
            let field = label(&e.field);
            let message = if field.is_empty() {
                e.message
            } else {
                i18n::text_with(page.locale, "missions-error-at", &[("field", field), ("message", e.message)])
            };
            Shown { field: e.field, message }
        })
        .collect()
}

/// "Fixed dates — First day".
pub(crate) fn both(page: &PageContext, group: &str, field: &str) -> String {
    format!("{} — {}", page.t(group), page.t(field))
}

/// Errors about the items of a list typed in one field (`countries[2]`) shown at that field
/// (`countries`).
pub(crate) fn fold_list_errors(errors: Vec<FieldError>, lists: &[&str]) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            if let Some(list) = lists.iter().find(|l| e.field.starts_with(&format!("{l}["))) {
                e.field = (*list).to_owned();
            }
            e
        })
        .collect()
}

/// A notice shown once after a change (`?done=…`), from a closed list of keys.
pub(crate) fn notice(page: &PageContext, done: Option<&str>, known: &[(&str, &str)]) -> String {
    done.and_then(|d| known.iter().find(|(code, _)| *code == d)).map(|(_, key)| page.t(key)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_fold_into_their_field_and_codes_split() {
        let errors = vec![FieldError::new("countries[1]", "x", "y"), FieldError::new("name", "x", "y")];
        let folded: Vec<_> = fold_list_errors(errors, &["countries"]).into_iter().map(|e| e.field).collect();
        assert_eq!(folded, ["countries", "name"]);
        assert_eq!(crate::forms::split_codes(" CD, RW;bi  "), ["CD", "RW", "bi"]);
    }
}
