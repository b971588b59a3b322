//! Pages of host institutions, programmes and mission requests: the institution's profile, the
//! programmes, the request form, an institution's list of its requests, the coordinators'
//! review queue, and a request with its history and the steps one may take.

pub(crate) mod institutions;
mod match_view;
pub(crate) mod matches;
pub(crate) mod programme_plan;
pub(crate) mod programmes;
mod request_form;
mod request_view;
pub(crate) mod requests;
mod skills_from_text;

use crate::form_errors::FormErrors;
use crate::page::PageContext;
use crate::routes::Routes;
use passerelle_core::{Country, FieldError, Locale, Sector};
use passerelle_missions::institutions::{Kind, Verification};
use passerelle_missions::requests::{Refusal, Status};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/institutions", "institution.list", institutions::list)
        .reads::<institutions::ListQuery>()
        .get("/institutions/new", "institution.new.form", institutions::new_form)
        .post("/institutions/new", "institution.create", institutions::create)
        .get("/institutions/{id}", "institution.view", institutions::show)
        .get("/institutions/{id}/edit", "institution.edit.form", institutions::edit_form)
        .post("/institutions/{id}/edit", "institution.edit", institutions::edit)
        .post("/institutions/{id}/verification", "institution.verify", institutions::verify)
        .get("/programmes", "programme.list", programmes::list)
        .get("/programmes/new", "programme.new.form", programmes::new_form)
        .post("/programmes/new", "programme.create", programmes::create)
        .get("/programmes/{id}", "programme.view", programmes::show)
        .reads::<programmes::ShowQuery>()
        .get("/programmes/{id}/edit", "programme.edit.form", programmes::edit_form)
        .post("/programmes/{id}/edit", "programme.edit", programmes::edit)
        .get("/requests", "request.list", requests::list)
        .reads::<requests::ListQuery>()
        .get("/requests/new", "request.new.form", request_form::new_form)
        .post("/requests/new", "request.create", request_form::create)
        .get("/requests/{id}", "request.view", requests::show)
        .get("/requests/{id}/edit", "request.edit.form", request_form::edit_form)
        .post("/requests/{id}/edit", "request.edit", request_form::edit)
        .post("/requests/{id}/transitions", "request.transition", requests::transition)
        .post("/requests/{id}/take-over", "request.take_over", requests::take_over)
        .get("/requests/{id}/matches", "request.matches", matches::page)
        .reads::<matches::MatchParams>()
}

pub(crate) use crate::form_errors::Shown;

/// A submitted form as its (name, value) pairs, for forms whose fields repeat (checkboxes,
/// rows of a list).
pub(crate) struct FormPairs(pub Vec<(String, String)>);

impl FormPairs {
    /// The value of `name` (the last one if it repeats), or empty.
    pub fn one(&self, name: &str) -> String {
        self.0.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()
    }
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
                crate::i18n::text_with(page.locale, "missions-error-at", &[("field", field), ("message", e.message)])
            };
            Shown { field: e.field, message }
        })
        .collect()
}

/// "Fixed dates — First day".
pub(crate) fn both(page: &PageContext, group: &str, field: &str) -> String {
    format!("{} — {}", page.t(group), page.t(field))
}

/// Every country, sorted by its name as a reader of `locale` expects (Égypte among the E):
/// (code, name).
pub(crate) fn countries(locale: Locale) -> Vec<(&'static str, &'static str)> {
    let mut countries: Vec<_> = Country::all().map(|c| (c.code(), c.name(locale))).collect();
    crate::format::sort_by_name(&mut countries, |c| c.1);
    countries
}

/// Every sector: (code, name).
pub(crate) fn sectors(locale: Locale) -> Vec<(&'static str, &'static str)> {
    Sector::ALL.iter().map(|s| (s.code(), s.label(locale))).collect()
}

/// Every kind of institution: (code, name).
pub(crate) fn kinds(page: &PageContext) -> Vec<(&'static str, String)> {
    Kind::ALL.iter().map(|k| (k.code(), page.t(&format!("institution-kind-{}", k.code())))).collect()
}

pub(crate) fn status_label(page: &PageContext, status: Status) -> String {
    page.t(&format!("request-status-{}", status.code()))
}

/// The CSS class of a status badge.
pub(crate) fn status_class(status: Status) -> &'static str {
    match status {
        Status::Draft | Status::Closed => "",
        Status::Submitted | Status::ChangesRequested => "warn",
        Status::Approved | Status::Staffed => "ok",
        Status::Cancelled => "error",
    }
}

pub(crate) fn verification_label(page: &PageContext, verification: Verification) -> String {
    page.t(&format!("institution-verification-{}", verification.code()))
}

pub(crate) fn verification_class(verification: Verification) -> &'static str {
    match verification {
        Verification::Unverified => "warn",
        Verification::Verified => "ok",
        Verification::Rejected => "error",
    }
}

/// A refusal of the workflow, in the page's language.
pub(crate) fn refusal_text(page: &PageContext, refusal: &Refusal) -> String {
    let status = |s: Status| status_label(page, s);
    let args: Vec<(&str, String)> = match refusal {
        Refusal::Unchanged { status: s } => vec![("status", status(*s))],
        Refusal::NoSuchStep { from, to } | Refusal::NotYours { from, to, .. } => {
            vec![("from", status(*from)), ("to", status(*to))]
        }
        Refusal::CommentTooLong { max } => vec![("max", max.to_string())],
        Refusal::InstitutionNotVerified | Refusal::CommentRequired { .. } | Refusal::CommentControl { .. } => vec![],
    };
    let key = format!("request-refusal-{}", refusal.code().trim_start_matches("request."));
    crate::i18n::text_with(page.locale, &key, &args)
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

/// Splits a typed list of codes: `CD, RW;bi` → `["CD", "RW", "bi"]`.
pub(crate) fn split_codes(text: &str) -> Vec<String> {
    text.split([',', ';', ' ']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
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
        assert_eq!(split_codes(" CD, RW;bi  "), ["CD", "RW", "bi"]);
    }

    #[test]
    fn every_refusal_and_status_is_translated() {
        use passerelle_missions::requests::Party;
        for locale in Locale::ALL {
            let page = PageContext { locale, path: "/".into(), user: None, csrf: String::new() };
            for &status in Status::ALL {
                assert!(!status_label(&page, status).starts_with("request-status"), "{status}");
            }
            let refusals = [
                Refusal::Unchanged { status: Status::Draft },
                Refusal::NoSuchStep { from: Status::Draft, to: Status::Approved },
                Refusal::NotYours { from: Status::Submitted, to: Status::Approved, by: Party::Host },
                Refusal::InstitutionNotVerified,
                Refusal::CommentRequired { to: Status::Cancelled },
                Refusal::CommentTooLong { max: 900 },
                Refusal::CommentControl { character: '\u{1b}' },
            ];
            for refusal in refusals {
                let text = refusal_text(&page, &refusal);
                assert!(!text.starts_with("request-refusal"), "{refusal:?} in {locale}");
                assert!(!text.contains('{'), "{text}");
            }
        }
    }
}
