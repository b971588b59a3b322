//! `/api/v1/me/tokens` and `/api/v1/me/sessions`: the caller's personal API tokens and
//! sessions, as on the account page (`crate::account::own` writes for both). A token's secret
//! is answered once, when it is created, and never again; a token or a session that is not the
//! caller's is not found. Everyone signed in, for their own only.

use super::account::session_of;
use super::body::object;
use crate::account::own;
use crate::auth::{Auth, ClientIp, CookieNames, CurrentUser, set_cookie};
use crate::{AppError, AppState};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use passerelle_accounts::api_tokens::{self, TokenInfo};
use passerelle_accounts::sessions;
use serde::{Deserialize, Serialize};

/// A personal API token, without its secret.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ApiToken)]
pub struct TokenView {
    id: String,
    name: String,
    /// The first characters of the token, to tell tokens apart.
    prefix: String,
    created_at: String,
    last_used_at: Option<String>,
    /// A revoked token works no more.
    revoked_at: Option<String>,
}

fn token_view(info: TokenInfo) -> TokenView {
    TokenView {
        id: info.id,
        name: info.name,
        prefix: info.prefix,
        created_at: info.created_at.to_string(),
        last_used_at: info.last_used_at.map(|t| t.to_string()),
        revoked_at: info.revoked_at.map(|t| t.to_string()),
    }
}

/// The caller's tokens, those in use first, newest first.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ApiTokens)]
pub struct TokenList {
    items: Vec<TokenView>,
}

/// The caller's personal API tokens, without their secrets.
#[utoipa::path(
    get,
    path = "/api/v1/me/tokens",
    tag = "accounts",
    responses((status = 200, description = "The caller's tokens", body = TokenList))
)]
pub async fn tokens(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
) -> Result<Json<TokenList>, AppError> {
    let found = api_tokens::list(&state.db, actor.user_id).await?;
    Ok(Json(TokenList { items: found.into_iter().map(token_view).collect() }))
}

/// A new token.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = ApiTokenInput)]
pub struct TokenBody {
    /// What it is for ("my import script"): 1 to 80 characters, one line.
    #[schema(required = true, max_length = 80)]
    name: String,
}

/// A token just created, with its secret: the only answer that carries it.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ApiTokenCreated)]
pub struct CreatedView {
    #[serde(flatten)]
    info: TokenView,
    /// The secret, to send as `Authorization: Bearer …`. Shown once: only its hash is kept.
    token: String,
}

/// Creates a personal API token acting with the caller's rights, as the account page does;
/// its secret is in this answer only. Only from a signed-in session, never with a token.
/// Recorded in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/me/tokens",
    tag = "accounts",
    request_body = TokenBody,
    responses(
        (status = 201, description = "Created; the secret is shown this once", body = CreatedView),
        (status = 403, description = "Asked with an API token: tokens are made from a signed-in session", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid name", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_token(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Extension(auth): Extension<Auth>,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AppError> {
    // A token does not make tokens: one that leaks must not be able to outlive its revocation
    // through others it made. Tokens are made from a signed-in session (the account page, or
    // this route with the session's cookie and CSRF token).
    if matches!(auth, Auth::Token { .. }) {
        return Err(AppError::Forbidden);
    }
    let input: TokenBody = object(&body)?;
    let (info, token) = own::write_token(&state, &actor, &ip.to_string(), "name", &input.name).await?;
    let created = CreatedView { info: token_view(info), token };
    let mut response = (StatusCode::CREATED, Json(created)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Revokes one of the caller's tokens (the one making the request too, if it is that one).
/// Recorded in the audit log.
#[utoipa::path(
    delete,
    path = "/api/v1/me/tokens/{id}",
    tag = "accounts",
    params(("id" = String, Path, description = "The token's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "Not a token of the caller's in use", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn revoke_token(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    own::revoke_token(&state, &actor, &ip.to_string(), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A signed-in browser of the caller's.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = AccountSession)]
pub struct SessionView {
    id: String,
    created_at: String,
    last_seen_at: String,
    /// The browser, as it named itself.
    user_agent: String,
    client_ip: String,
    /// The session making this request.
    current: bool,
}

/// The caller's sessions, most recently used first.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = AccountSessions)]
pub struct SessionList {
    items: Vec<SessionView>,
}

/// The caller's sessions (signed-in browsers).
#[utoipa::path(
    get,
    path = "/api/v1/me/sessions",
    tag = "accounts",
    responses((status = 200, description = "The caller's sessions", body = SessionList))
)]
pub async fn sessions(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Extension(auth): Extension<Auth>,
) -> Result<Json<SessionList>, AppError> {
    let current = session_of(&auth);
    let found = sessions::list(&state.db, actor.user_id).await?;
    let items = found
        .into_iter()
        .map(|s| SessionView {
            current: current == Some(s.id.as_str()),
            id: s.id,
            created_at: s.created_at.to_string(),
            last_seen_at: s.last_seen_at.to_string(),
            user_agent: s.user_agent,
            client_ip: s.client_ip,
        })
        .collect();
    Ok(Json(SessionList { items }))
}

/// Ends one of the caller's sessions, as the account page does; ending the session making
/// the request signs it out (its cookie is removed). Recorded in the audit log.
#[utoipa::path(
    delete,
    path = "/api/v1/me/sessions/{id}",
    tag = "accounts",
    params(("id" = String, Path, description = "The session's id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 404, description = "Not a session of the caller's", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn end_session(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Extension(auth): Extension<Auth>,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    own::end_session(&state, &actor, &ip.to_string(), &id).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if session_of(&auth) == Some(id.as_str()) {
        let names = CookieNames::new(state.config.secure_cookies);
        if let Some(cookie) = set_cookie(state.config.secure_cookies, names.session, "", Some(time::Duration::ZERO)) {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    Ok(response)
}

/// How many sessions ended.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = SessionsEnded)]
pub struct EndedView {
    ended: u64,
}

/// Ends every session of the caller's but the one making the request (every one of them when
/// a token makes it). Recorded in the audit log.
#[utoipa::path(
    delete,
    path = "/api/v1/me/sessions",
    tag = "accounts",
    responses((status = 200, description = "Ended: how many", body = EndedView))
)]
pub async fn end_other_sessions(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Extension(auth): Extension<Auth>,
    ClientIp(ip): ClientIp,
) -> Result<Json<EndedView>, AppError> {
    let ended = own::end_other_sessions(&state, &actor, &ip.to_string(), session_of(&auth)).await?;
    Ok(Json(EndedView { ended }))
}
