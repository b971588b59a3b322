//! "Search from a text": staff paste terms of reference, a job post or an email, and the skills
//! it names become the roster search's words — read as the request form's find-the-skills step
//! reads a description (asked skills first, then welcome ones; those it says are not needed
//! left out). The words land in the search box to be changed and run, and the search is saved
//! like any other, so a saved search (and a call for experts) can start from any text.

use super::SearchParams;
use crate::auth::CurrentUser;
use crate::page::PageContext;
use crate::{AppError, AppState, FieldError};
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_core::Locale;
use passerelle_profiles::policy::{ProfileAction, can};
use passerelle_taxonomy::{MAX_TEXT_CHARS, Stance, Taxonomy, extract};
use serde::Deserialize;

/// The most characters of search words the search page keeps (`SearchParams::search`).
const MAX_WORDS_CHARS: usize = 500;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FromText {
    text: String,
    /// The request the search shortlists for, carried on.
    request: String,
}

pub async fn from_text(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Form(form): Form<FromText>,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, ProfileAction::List, None))?;
    let text = form.text.trim();
    if text.is_empty() {
        return Err(AppError::invalid("text", "text.required", "paste the text whose skills to search for"));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        let mut error = FieldError::new("text", "text.too_long", format!("at most {MAX_TEXT_CHARS} characters"));
        error.max = Some(MAX_TEXT_CHARS);
        return Err(AppError::Invalid(vec![error]));
    }
    let taxonomy = state.taxonomy().await?;
    let words = search_words(&taxonomy, page.locale, text);
    let params = SearchParams { q: words.join(", "), request: form.request, ..SearchParams::default() };
    Ok(Redirect::to(&format!("{}&found={}", params.link(), words.len())).into_response())
}

/// The labels, in `locale`, of the skills `text` asks for and then of those it welcomes, as
/// many as the search box holds.
fn search_words(taxonomy: &Taxonomy, locale: Locale, text: &str) -> Vec<String> {
    let found = extract(&taxonomy.linker, text);
    let asked = found.iter().filter(|f| f.stance == Stance::Required);
    let welcome = found.iter().filter(|f| f.stance == Stance::Welcome);
    let mut words: Vec<String> = Vec::new();
    let mut length = 0;
    for f in asked.chain(welcome) {
        let label = taxonomy.label(&f.skill, locale).unwrap_or(&f.label);
        if words.iter().any(|w| w == label) {
            continue;
        }
        length += label.chars().count() + 2;
        if length > MAX_WORDS_CHARS {
            break;
        }
        words.push(label.to_owned());
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn asked_skills_come_first_and_unneeded_ones_never() {
        let (_dir, db) = passerelle_db::testing::fresh().await;
        passerelle_taxonomy::sync_shipped(&db).await.unwrap();
        let taxonomy = Taxonomy::load(&db).await.unwrap();
        let text = "Une expérience en maintenance industrielle serait un atout. Nous cherchons un formateur \
                    en soudage TIG. Pas d'expérience en chirurgie requise.";
        let words = search_words(&taxonomy, Locale::En, text);
        let at = |label: &str| words.iter().position(|w| w == label);
        let (tig, asset) = (at("tungsten inert gas welding"), at("industrial maintenance"));
        assert!(tig.is_some() && asset.is_some(), "{words:?}");
        assert!(tig < asset, "what the text asks for before what it welcomes, first named first: {words:?}");
        assert!(!words.iter().any(|w| w.contains("surgery")), "{words:?}");
        let long = "soudage TIG, plomberie, électricité, pédiatrie, obstétrique, anesthésie. ".repeat(400);
        let words = search_words(&taxonomy, Locale::Fr, &long);
        assert!(words.join(", ").chars().count() <= MAX_WORDS_CHARS);
        assert_eq!(words.len(), words.iter().collect::<std::collections::HashSet<_>>().len(), "each once");
    }
}
