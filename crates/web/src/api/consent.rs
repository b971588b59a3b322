//! `/api/v1`: consent and verification. An expert reads the consent text in force and grants or
//! withdraws their consent to be matched; staff set the verification status of an expert's
//! credential (a licence, a diploma).

use super::body::json;
use crate::auth::{ClientIp, CurrentUser};
use crate::profiles::{own_subject, subject};
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use passerelle_profiles::consent;
use passerelle_profiles::policy::{ProfileAction, can};
use passerelle_profiles::store;
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ConsentChoiceRecord)]
pub struct ConsentEventView {
    version: String,
    granted: bool,
    at: String,
    /// web, import, survey…
    source: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = MatchingConsent)]
pub struct ConsentView {
    /// The version of the text in force.
    version: String,
    text_en: String,
    text_fr: String,
    /// Whether the expert's consent to the text in force is given.
    given: bool,
    /// The version the expert last agreed to, and when; absent if never or withdrawn.
    given_version: Option<String>,
    given_at: Option<String>,
    /// Every grant and withdrawal, oldest first.
    history: Vec<ConsentEventView>,
}

async fn consent_view(state: &AppState, actor: &passerelle_accounts::Actor) -> Result<ConsentView, AppError> {
    let subject = own_subject(state, actor).await?;
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let current = consent::current_text(&state.db).await?;
    let history = consent::history(&state.db, subject.id).await?;
    let given = profile.consent.as_ref().is_some_and(|c| c.version == current.version);
    Ok(ConsentView {
        given,
        given_version: profile.consent.as_ref().map(|c| c.version.clone()),
        given_at: profile.consent.as_ref().map(|c| c.given_at.to_string()),
        history: history
            .into_iter()
            .map(|e| ConsentEventView {
                version: e.version,
                granted: e.granted,
                at: e.at.to_string(),
                source: e.source,
            })
            .collect(),
        version: current.version,
        text_en: current.text_en,
        text_fr: current.text_fr,
    })
}

/// The consent text in force, in both languages, and where the caller (an expert) stands.
#[utoipa::path(get, path = "/api/v1/me/consent", tag = "profiles",
    responses((status = 200, body = ConsentView), (status = 401, body = super::Problem), (status = 403, body = super::Problem)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
) -> Result<Json<ConsentView>, AppError> {
    Ok(Json(consent_view(&state, &actor).await?))
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = ConsentChoice)]
pub struct ChoiceBody {
    /// grant or withdraw.
    choice: String,
    /// To grant: the version of the text the expert read; 409 if another is now in force.
    #[schema(max_length = 100)]
    version: String,
}

/// Grants or withdraws the caller's consent to be matched and shown to hosts (experts).
/// Withdrawing takes effect at once.
#[utoipa::path(put, path = "/api/v1/me/consent", tag = "profiles", request_body = ChoiceBody,
    responses((status = 200, body = ConsentView), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 409, description = "The text agreed to is no longer the one in force", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn choose(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Json<ConsentView>, AppError> {
    let subject = own_subject(&state, &actor).await?;
    let input: ChoiceBody = json(&body)?;
    let granted = match input.choice.as_str() {
        "grant" => true,
        "withdraw" => false,
        _ => return Err(AppError::invalid("choice", "consent.choice", "grant or withdraw")),
    };
    let current = consent::current_text(&state.db).await?;
    if granted && input.version != current.version {
        return Err(AppError::Conflict {
            detail: format!("the consent text in force is version {}; read it and agree to it", current.version),
            allowed: vec![],
        });
    }
    crate::profiles::consent::record_choice(&state, &actor, subject.id, granted, &current.version, &ip.to_string())
        .await?;
    Ok(Json(consent_view(&state, &actor).await?))
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = CredentialVerification)]
pub struct StatusBody {
    /// unverified, verified or rejected.
    status: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = CredentialVerified)]
pub struct StatusView {
    credential: String,
    status: String,
}

/// Sets the verification status of an expert's credential (coordinators and admins; the expert
/// themself may not). A credential the profile does not hold is a 404.
#[utoipa::path(put, path = "/api/v1/experts/{id}/credentials/{credential}/status", tag = "profiles",
    params(("id" = String, Path, description = "The expert's id"), ("credential" = String, Path, description = "The credential's id")),
    request_body = StatusBody,
    responses((status = 200, body = StatusView), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 404, body = super::Problem), (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn verify_credential(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, credential)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<StatusView>, AppError> {
    let subject = subject(&state, &actor, &id, ProfileAction::View).await?;
    if !can(&actor, ProfileAction::VerifyCredentials, subject.owner) {
        return Err(AppError::Forbidden);
    }
    let input: StatusBody = json(&body)?;
    let status = crate::profiles::view::verify_credential(
        &state,
        &actor,
        subject.id,
        &credential,
        &input.status,
        &ip.to_string(),
    )
    .await?;
    Ok(Json(StatusView { credential, status: status.code().to_owned() }))
}
