//! `/claim-profile`: an expert who signed up with an email already on a profile (from an
//! import or a mapping survey) takes that profile, once their email is verified, instead of
//! starting a second, empty one; they confirm (or not) their consent to matching on the way.

use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::audit::{self, Event};
use passerelle_accounts::{Actor, users};
use passerelle_core::{ExpertId, FieldError};
use passerelle_profiles::join::{self, Claimable};
use passerelle_profiles::policy::{ProfileAction, can};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account/claim.html")]
struct ClaimPage {
    page: PageContext,
    form: FormErrors,
    /// The email is not verified yet: nothing can be claimed.
    unverified: bool,
    profiles: Vec<Claimable>,
    consent_text: String,
}

/// The profiles the actor may claim, and whether their email is verified (only experts).
async fn claimable(state: &AppState, actor: &Actor) -> Result<(bool, Vec<Claimable>), AppError> {
    crate::account::require(can(actor, ProfileAction::Claim, None))?;
    let user = users::by_id(&state.db, actor.user_id).await?.ok_or(AppError::NotFound)?;
    let verified = user.email_verified_at.is_some();
    let profiles = if verified { join::claimable(&state.db, &user.email).await? } else { vec![] };
    Ok((verified, profiles))
}

async fn claim_page(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    errors: Vec<FieldError>,
) -> Result<ClaimPage, AppError> {
    let (verified, profiles) = claimable(state, actor).await?;
    let consent = passerelle_profiles::consent::current_text(&state.db).await?;
    Ok(ClaimPage {
        form: FormErrors::new(page.locale, errors),
        unverified: !verified,
        profiles,
        consent_text: consent.text(page.locale).to_owned(),
        page,
    })
}

pub async fn form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
) -> Result<Response, AppError> {
    render(&claim_page(&state, page, &actor, vec![]).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClaimInput {
    /// The profile to take (one of those offered).
    expert_id: String,
    consent: String,
}

pub async fn claim(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(input): Form<ClaimInput>,
) -> Result<Response, AppError> {
    let (verified, profiles) = claimable(&state, &actor).await?;
    let chosen = ExpertId::parse(&input.expert_id).ok().filter(|id| verified && profiles.iter().any(|p| p.id == *id));
    let again = |problem: FieldError| async {
        let page = claim_page(&state, page, &actor, vec![problem]).await?;
        Ok::<Response, AppError>((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
    };
    let Some(expert) = chosen else {
        return again(FieldError::new("expert_id", "claim.unknown", "choose one of the profiles offered")).await;
    };
    let mut tx = state.db.begin().await?;
    if !join::claim_verified(&mut tx, expert, &actor.email, actor.user_id).await? {
        drop(tx);
        let problem = FieldError::new(
            "expert_id",
            "claim.own_profile",
            "your account already has a profile of its own: a coordinator can merge them",
        );
        return again(problem).await;
    }
    super::confirm_consent(&state, &mut tx, expert, &actor, crate::pipeline::yes(&input.consent)).await?;
    let (target, ip) = (expert.to_string(), ip.to_string());
    let event = Event::by(Some(&actor), "profile.claim").on("expert", &target).from_ip(&ip).detail("verified email");
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(Redirect::to("/profile?done=claimed").into_response())
}
