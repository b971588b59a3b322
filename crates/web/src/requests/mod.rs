//! Pages of mission requests: the request form (with the skills read from a pasted text), the
//! lists of requests (an institution's own, the coordinators' review queue), a request with its
//! history and the steps one may take, and the experts the matcher ranks for it; and requests'
//! statuses and refusals in words.

mod match_view;
pub(crate) mod matches;
pub(crate) mod pages;
mod request_form;
mod request_view;
mod skills_from_text;

use crate::page::PageContext;
use crate::routes::Routes;
use passerelle_missions::requests::{Refusal, Status};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/requests", "request.list", pages::list)
        .reads::<pages::ListQuery>()
        .get("/requests/new", "request.new.form", request_form::new_form)
        .post("/requests/new", "request.create", request_form::create)
        .get("/requests/{id}", "request.view", pages::show)
        .get("/requests/{id}/edit", "request.edit.form", request_form::edit_form)
        .post("/requests/{id}/edit", "request.edit", request_form::edit)
        .post("/requests/{id}/transitions", "request.transition", pages::transition)
        .post("/requests/{id}/take-over", "request.take_over", pages::take_over)
        .get("/requests/{id}/matches", "request.matches", matches::page)
        .reads::<matches::MatchParams>()
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

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::Locale;

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
