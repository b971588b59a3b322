//! "My account": name and language, password, personal API tokens, active sessions.

use super::own;
use crate::auth::{ClientIp, CookieNames, CurrentSession, CurrentUser, set_cookie};
use crate::form_errors::FormErrors;
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_accounts::api_tokens::{self, TokenInfo};
use passerelle_accounts::sessions::{self, SessionInfo};
use passerelle_accounts::users::{self, User};
use passerelle_core::FieldError;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    page: PageContext,
    user: User,
    role_label: String,
    membership_pending: bool,
    notice: String,
    details_form: FormErrors,
    name_value: String,
    password_form: FormErrors,
    token_form: FormErrors,
    new_token: Option<String>,
    tokens: Vec<TokenInfo>,
    sessions: Vec<SessionInfo>,
    current_session: String,
    locales: Vec<(&'static str, &'static str)>,
    /// Every zone one may choose, and the one chosen ("" for "from my country").
    time_zones: Vec<&'static str>,
    time_zone_value: String,
}

/// What changed on the previous visit, shown once as a notice (`?done=…`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: Option<String>,
}

fn notice_key(done: &str) -> Option<&'static str> {
    Some(match done {
        "saved" => "account-saved",
        "password" => "account-password-changed",
        "token-revoked" => "account-token-revoked-done",
        "session-ended" => "account-session-ended",
        "verification-sent" => "verify-resent",
        _ => return None,
    })
}

struct Forms {
    details: Vec<FieldError>,
    name: Option<String>,
    time_zone: Option<String>,
    password: Vec<FieldError>,
    token: Vec<FieldError>,
    new_token: Option<String>,
    notice: Option<&'static str>,
}

impl Forms {
    fn empty() -> Self {
        Forms {
            details: vec![],
            name: None,
            time_zone: None,
            password: vec![],
            token: vec![],
            new_token: None,
            notice: None,
        }
    }
}

async fn account_page(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    session: &str,
    forms: Forms,
) -> Result<AccountPage, AppError> {
    let user = users::by_id(&state.db, actor.user_id).await?.ok_or(AppError::NotFound)?;
    let tokens = api_tokens::list(&state.db, user.id).await?;
    let sessions = sessions::list(&state.db, user.id).await?;
    let locale = page.locale;
    Ok(AccountPage {
        role_label: page.t(&format!("role-{}", user.role.code())),
        membership_pending: user.membership == Some(users::Membership::Pending),
        notice: forms.notice.map(|k| page.t(k)).unwrap_or_default(),
        details_form: FormErrors::new(locale, forms.details),
        name_value: forms.name.unwrap_or_else(|| user.name.clone()),
        password_form: FormErrors::new(locale, forms.password),
        token_form: FormErrors::new(locale, forms.token),
        new_token: forms.new_token,
        tokens,
        sessions,
        current_session: session.to_owned(),
        locales: crate::choices::locale_choices(),
        time_zones: passerelle_core::TimeZone::choices(),
        time_zone_value: forms
            .time_zone
            .unwrap_or_else(|| user.chosen_time_zone.as_ref().map(|z| z.name().to_owned()).unwrap_or_default()),
        user,
        page,
    })
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    session: CurrentSession,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let forms = Forms { notice: done.done.as_deref().and_then(notice_key), ..Forms::empty() };
    render(&account_page(&state, page, &session.actor, &session.id, forms).await?)
}

fn again(page: AccountPage) -> Result<Response, AppError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    name: String,
    locale: String,
    /// An IANA zone, or empty for "from my country".
    time_zone: String,
}

pub async fn save(
    State(state): State<AppState>,
    page: PageContext,
    session: CurrentSession,
    ClientIp(ip): ClientIp,
    Form(input): Form<SettingsInput>,
) -> Result<Response, AppError> {
    let settings = match own::check_settings(&input.name, &input.locale, &input.time_zone) {
        Ok(settings) => settings,
        Err(AppError::Invalid(details)) => {
            let forms = Forms { details, name: Some(input.name), time_zone: Some(input.time_zone), ..Forms::empty() };
            return again(account_page(&state, page, &session.actor, &session.id, forms).await?);
        }
        Err(other) => return Err(other),
    };
    own::write_settings(&state, &session.actor, &ip.to_string(), &settings).await?;
    // The language chosen here also becomes this browser's choice.
    let mut response = Redirect::to("/account?done=saved").into_response();
    let code = settings.locale.code();
    if let Some(cookie) = set_cookie(false, crate::i18n::LANG_COOKIE, code, Some(time::Duration::days(365))) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordInput {
    current: String,
    password: String,
    password_confirm: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    page: PageContext,
    session: CurrentSession,
    ClientIp(ip): ClientIp,
    Form(input): Form<PasswordInput>,
) -> Result<Response, AppError> {
    let actor = &session.actor;
    let change =
        own::PasswordChange { current: input.current, password: input.password, confirm: Some(input.password_confirm) };
    match own::write_password(&state, actor, Some(&session.id), ip, change).await {
        Ok(()) => Ok(Redirect::to("/account?done=password").into_response()),
        Err(AppError::Invalid(password)) => {
            let forms = Forms { password, ..Forms::empty() };
            again(account_page(&state, page, actor, &session.id, forms).await?)
        }
        Err(other) => Err(other),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenInput {
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    page: PageContext,
    session: CurrentSession,
    ClientIp(ip): ClientIp,
    Form(input): Form<TokenInput>,
) -> Result<Response, AppError> {
    let token = match own::write_token(&state, &session.actor, &ip.to_string(), "token_name", &input.name).await {
        Ok((_, token)) => token,
        Err(AppError::Invalid(token)) => {
            let forms = Forms { token, ..Forms::empty() };
            return again(account_page(&state, page, &session.actor, &session.id, forms).await?);
        }
        Err(other) => return Err(other),
    };
    // Shown in this answer only; never stored in clear, never shown again.
    let forms = Forms { new_token: Some(token), notice: Some("account-token-created"), ..Forms::empty() };
    let mut response = render(&account_page(&state, page, &session.actor, &session.id, forms).await?)?;
    response.headers_mut().insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    Ok(response)
}

pub async fn revoke_token(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    own::revoke_token(&state, &actor, &ip.to_string(), &id).await?;
    Ok(Redirect::to("/account?done=token-revoked").into_response())
}

pub async fn end_session(
    State(state): State<AppState>,
    session: CurrentSession,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    own::end_session(&state, &session.actor, &ip.to_string(), &id).await?;
    if id == session.id {
        let names = CookieNames::new(state.config.secure_cookies);
        let mut response = Redirect::to("/login?signed_out=1").into_response();
        if let Some(cookie) = set_cookie(state.config.secure_cookies, names.session, "", Some(time::Duration::ZERO)) {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
        return Ok(response);
    }
    Ok(Redirect::to("/account?done=session-ended").into_response())
}
