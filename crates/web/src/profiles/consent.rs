//! The consent page: the text in force, in the reader's language, what the expert agreed to
//! and when, and one button to agree or to withdraw (which takes effect at once).

use super::own_subject;
use crate::auth::{ClientIp, CurrentUser};
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::audit::{self, Event};
use passerelle_core::Timestamp;
use passerelle_profiles::consent::{self, ConsentEvent, Source};
use passerelle_profiles::store;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "profiles/consent.html")]
struct ConsentPage {
    page: PageContext,
    text: String,
    version: String,
    given: Option<(String, String)>,
    history: Vec<ConsentEvent>,
}

pub async fn form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
) -> Result<Response, AppError> {
    let subject = own_subject(&state, &actor).await?;
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let current = consent::current_text(&state.db).await?;
    let history = consent::history(&state.db, subject.id).await?;
    let given = profile.consent.map(|c| (c.version, page.moment(&c.given_at)));
    render(&ConsentPage { text: current.text(page.locale).to_owned(), version: current.version, given, history, page })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConsentChoice {
    /// `grant` or `withdraw`.
    choice: String,
    /// The version of the text shown to the person, so that they agree to what they read.
    version: String,
}

pub async fn save(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(input): Form<ConsentChoice>,
) -> Result<Response, AppError> {
    let subject = own_subject(&state, &actor).await?;
    let granted = match input.choice.as_str() {
        "grant" => true,
        "withdraw" => false,
        _ => return Err(AppError::invalid("choice", "consent.choice", "grant or withdraw")),
    };
    let current = consent::current_text(&state.db).await?;
    if granted && input.version != current.version {
        // The text changed while the page was open: show the new one.
        return Ok(Redirect::to("/profile/consent").into_response());
    }
    record_choice(&state, &actor, subject.id, granted, &current.version, &ip.to_string()).await?;
    Ok(Redirect::to(if granted { "/profile?done=consent-given" } else { "/profile?done=consent-withdrawn" })
        .into_response())
}

/// Records an expert's own choice about the consent text `version` (the one in force), with
/// its audit entry; withdrawing takes effect at once.
pub(crate) async fn record_choice(
    state: &AppState,
    actor: &passerelle_accounts::Actor,
    expert: passerelle_core::ExpertId,
    granted: bool,
    version: &str,
    ip: &str,
) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    consent::record(&mut tx, expert, version, granted, Timestamp::now(), Some(actor.user_id), Source::Web).await?;
    let id = expert.to_string();
    let action = if granted { "consent.grant" } else { "consent.withdraw" };
    audit::record(&mut tx, &Event::by(Some(actor), action).on("expert", &id).from_ip(ip).detail(version)).await?;
    tx.commit().await?;
    Ok(())
}
