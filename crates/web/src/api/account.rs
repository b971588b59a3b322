//! `/api/v1/me/settings`, `/api/v1/me/password` and `/api/v1/me/verification`: the caller's own
//! account, as on the account page (`crate::account::own` writes for both): their name,
//! language and time zone; their password, changed only with the current one; a new link to
//! verify their email. Everyone signed in, for their own account only. No answer carries a
//! password or its hash.

use super::body::object;
use crate::account::own::{self, PasswordChange};
use crate::auth::{Auth, ClientIp, CurrentUser};
use crate::{AppError, AppState};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use passerelle_accounts::users;
use serde::{Deserialize, Serialize};

/// A language of the interface, as its code.
#[derive(utoipa::ToSchema)]
#[schema(as = InterfaceLanguage, rename_all = "snake_case")]
#[allow(dead_code)]
pub enum LocaleCode {
    En,
    Fr,
}

/// The caller's account settings.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = AccountSettings)]
pub struct SettingsView {
    name: String,
    /// Their sign-in; changed by an admin only.
    email: String,
    /// en or fr: the language of the interface and of their emails.
    locale: &'static str,
    /// The IANA time zone they chose; null: the one of their institution's or residence's
    /// country.
    time_zone: Option<String>,
    /// The time zone they live by: the one chosen, else their country's, else UTC.
    time_zone_in_use: String,
    email_verified: bool,
}

/// New settings: every field is replaced.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = AccountSettingsInput)]
pub struct SettingsBody {
    /// 1 to 200 characters, one line.
    #[schema(required = true, max_length = 200)]
    name: String,
    /// en or fr, exactly.
    #[schema(required = true, value_type = LocaleCode)]
    locale: String,
    /// An IANA time zone (Africa/Kigali, Europe/Brussels); absent, null or empty: the one of
    /// their country.
    #[schema(max_length = 64)]
    time_zone: Option<String>,
}

async fn settings_view(state: &AppState, actor: &passerelle_accounts::Actor) -> Result<SettingsView, AppError> {
    let user = users::by_id(&state.db, actor.user_id).await?.ok_or(AppError::NotFound)?;
    Ok(SettingsView {
        name: user.name,
        email: user.email.to_string(),
        locale: user.locale.code(),
        time_zone: user.chosen_time_zone.map(|z| z.name().to_owned()),
        time_zone_in_use: user.time_zone.name().to_owned(),
        email_verified: user.email_verified_at.is_some(),
    })
}

/// The caller's name, language and time zone.
#[utoipa::path(
    get,
    path = "/api/v1/me/settings",
    tag = "accounts",
    responses((status = 200, description = "The caller's settings", body = SettingsView))
)]
pub async fn settings(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
) -> Result<Json<SettingsView>, AppError> {
    Ok(Json(settings_view(&state, &actor).await?))
}

/// Changes the caller's name, language and time zone, as the account page does. Recorded in
/// the audit log.
#[utoipa::path(
    put,
    path = "/api/v1/me/settings",
    tag = "accounts",
    request_body = SettingsBody,
    responses(
        (status = 200, description = "Saved", body = SettingsView),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn save_settings(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Json<SettingsView>, AppError> {
    let input: SettingsBody = object(&body)?;
    let checked = own::check_settings(&input.name, &input.locale, input.time_zone.as_deref().unwrap_or_default())?;
    own::write_settings(&state, &actor, &ip.to_string(), &checked).await?;
    Ok(Json(settings_view(&state, &actor).await?))
}

/// A new password, given with the current one.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = PasswordChangeInput)]
pub struct PasswordBody {
    /// The password in use now.
    #[schema(required = true, max_length = 256)]
    current: String,
    /// 12 to 256 characters, not a common password nor the email.
    #[schema(required = true, min_length = 12, max_length = 256)]
    password: String,
}

/// Changes the caller's password; the current one is required, as on the account page. Every
/// other session of theirs ends (all of them when a token makes the change); their API tokens
/// keep working. Recorded in the audit log.
#[utoipa::path(
    put,
    path = "/api/v1/me/password",
    tag = "accounts",
    request_body = PasswordBody,
    responses(
        (status = 204, description = "Changed"),
        (status = 422, description = "The current password is wrong, or the new one breaks a rule", body = super::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong passwords for this account or from this address (counted with sign-in attempts)", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn change_password(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Extension(auth): Extension<Auth>,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<StatusCode, AppError> {
    let input: PasswordBody = object(&body)?;
    let change = PasswordChange { current: input.current, password: input.password, confirm: None };
    own::write_password(&state, &actor, session_of(&auth), ip, change).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The session making the request, if a session makes it (not a token).
pub(super) fn session_of(auth: &Auth) -> Option<&str> {
    match auth {
        Auth::Session { session_id, .. } => Some(session_id),
        Auth::Anonymous { .. } | Auth::Token { .. } => None,
    }
}

/// Whether a link was sent.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = VerificationSent)]
pub struct VerificationView {
    /// false: the email is verified already, and nothing was sent.
    sent: bool,
}

/// Sends the caller a new link to verify their email, as the account page does.
#[utoipa::path(
    post,
    path = "/api/v1/me/verification",
    tag = "accounts",
    responses((status = 200, description = "Sent, or verified already", body = VerificationView))
)]
pub async fn send_verification(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
) -> Result<Json<VerificationView>, AppError> {
    let sent = crate::account::recovery::send_verification(&state, &actor).await?;
    Ok(Json(VerificationView { sent }))
}
