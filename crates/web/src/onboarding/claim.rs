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

/// The profiles the actor may claim, and whether their email is verified (experts only: 403
/// for anyone else).
pub(crate) async fn claimable(state: &AppState, actor: &Actor) -> Result<(bool, Vec<Claimable>), AppError> {
    crate::auth::require(can(actor, ProfileAction::Claim, None))?;
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
    let consent = crate::forms::yes(&input.consent);
    match take(&state, &actor, &ip.to_string(), &input.expert_id, consent).await {
        Ok(_) => Ok(Redirect::to("/profile?done=claimed").into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = claim_page(&state, page, &actor, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other),
    }
}

/// Takes `chosen`, one of the profiles offered to `actor` (pages and API), with their consent
/// to matching confirmed or not, and its audit record. A profile not offered (the email not
/// verified, not a profile carrying it) is a problem on `expert_id`, as is an account whose
/// own profile holds something already.
pub(crate) async fn take(
    state: &AppState,
    actor: &Actor,
    ip: &str,
    chosen: &str,
    consent: bool,
) -> Result<ExpertId, AppError> {
    let (verified, profiles) = claimable(state, actor).await?;
    let chosen = ExpertId::parse(chosen).ok().filter(|id| verified && profiles.iter().any(|p| p.id == *id));
    let Some(expert) = chosen else {
        return Err(AppError::invalid("expert_id", "claim.unknown", "choose one of the profiles offered"));
    };
    let mut tx = state.db.begin().await?;
    if !join::claim_verified(&mut tx, expert, &actor.email, actor.user_id).await? {
        return Err(AppError::invalid(
            "expert_id",
            "claim.own_profile",
            "your account already has a profile of its own: a coordinator can merge them",
        ));
    }
    super::confirm_consent(state, &mut tx, expert, actor, consent).await?;
    let target = expert.to_string();
    let event = Event::by(Some(actor), "profile.claim").on("expert", &target).from_ip(ip).detail("verified email");
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(expert)
}
