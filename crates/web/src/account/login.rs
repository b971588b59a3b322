//! Signing in and out.
//!
//! The answer to a failed sign-in is the same whether the account exists or not, and takes as
//! long (the password is checked against a dummy hash when there is no account). Failures are
//! throttled per account and per address, counted before the password is checked; each checked
//! attempt is in the audit log, and each block of refused ones once (not each refusal).

use crate::auth::{ClientIp, CookieNames, CurrentSession, MaybeUser, set_cookie};
use crate::form_errors::FormErrors;
use crate::forms::safe_next;
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::audit::{self, Event, actions};
use passerelle_accounts::{password, sessions, users};
use passerelle_core::Email;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account/login.html")]
struct LoginPage {
    page: PageContext,
    form: FormErrors,
    email: String,
    next: String,
    failure: String,
    notice: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginQuery {
    next: Option<String>,
    signed_out: Option<String>,
}

pub async fn show(
    page: PageContext,
    MaybeUser(user): MaybeUser,
    Query(query): Query<LoginQuery>,
) -> Result<Response, AppError> {
    let next = landing(query.next.as_deref());
    if user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let notice = if query.signed_out.is_some() { page.t("logged-out") } else { String::new() };
    let form = FormErrors::none(page.locale);
    render(&LoginPage { page, form, email: String::new(), next, failure: String::new(), notice })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginInput {
    email: String,
    password: String,
    next: String,
}

pub async fn submit(
    State(state): State<AppState>,
    page: PageContext,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(input): Form<LoginInput>,
) -> Result<Response, AppError> {
    let next = landing(Some(&input.next));
    let typed = input.email.trim().to_lowercase();
    let ip_text = ip.to_string();
    let again = |page: PageContext, status: StatusCode, failure: String| -> Result<Response, AppError> {
        let form = FormErrors::none(page.locale);
        let login =
            LoginPage { page, form, email: input.email.clone(), next: next.clone(), failure, notice: String::new() };
        Ok((status, render(&login)?).into_response())
    };

    // Counted before the password is checked, so that concurrent attempts are all counted.
    let admitted = match state.guards.login.attempt(&typed, ip) {
        Ok(admitted) => admitted,
        Err(throttled) => {
            if throttled.block_started {
                let detail = format!("{} blocked for {} s", throttled.scope.code(), throttled.wait.as_secs().max(1));
                let event =
                    Event::by(None, actions::LOGIN_THROTTLED).on("email", &typed).from_ip(&ip_text).detail(&detail);
                audit::record_alone(&state.db, &event).await?;
            }
            let seconds = throttled.wait.as_secs().max(1);
            let failure = page.t1("login-throttled", "seconds", seconds);
            let mut response = again(page, StatusCode::TOO_MANY_REQUESTS, failure)?;
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            return Ok(response);
        }
    };
    for (scope, refused) in admitted.ended_blocks {
        let detail = format!("{} block refused {refused} attempts", scope.code());
        let event =
            Event::by(None, actions::LOGIN_THROTTLE_ENDED).on("email", &typed).from_ip(&ip_text).detail(&detail);
        audit::record_alone(&state.db, &event).await?;
    }

    let account = match Email::parse(&typed) {
        Ok(email) => users::credentials(&state.db, &email).await?,
        Err(_) => None,
    };
    let (user, stored) = match account {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let password_ok = password::verify(input.password.clone(), stored).await;
    let user = user.filter(|u| password_ok && u.disabled_at.is_none());
    let Some(user) = user else {
        let event = Event::by(None, actions::LOGIN_FAILURE).on("email", &typed).from_ip(&ip_text);
        audit::record_alone(&state.db, &event).await?;
        tracing::info!(client_ip = %ip, "sign-in refused");
        let failure = page.t("login-failed");
        return again(page, StatusCode::UNPROCESSABLE_ENTITY, failure);
    };

    state.guards.login.succeeded(&typed, ip);
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let mut tx = state.db.begin().await?;
    let opened = sessions::open(&mut tx, user.id, state.config.session, user_agent, &ip_text).await?;
    let actor = user.actor();
    let id = user.id.to_string();
    audit::record(&mut tx, &Event::by(Some(&actor), actions::LOGIN_SUCCESS).on("user", &id).from_ip(&ip_text)).await?;
    tx.commit().await?;
    tracing::info!(user_id = %user.id, "signed in");

    let names = CookieNames::new(state.config.secure_cookies);
    let mut response = Redirect::to(&next).into_response();
    if let Some(cookie) = set_cookie(state.config.secure_cookies, names.session, &opened.token, None) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// Where signing in lands: a return address of ours if one was given, else the person's home
/// (their to-do list).
fn landing(next: Option<&str>) -> String {
    match next.map(str::trim).filter(|n| !n.is_empty()) {
        Some(next) => safe_next(Some(next)),
        None => "/home".to_owned(),
    }
}

pub async fn logout(
    State(state): State<AppState>,
    session: Result<CurrentSession, AppError>,
    ClientIp(ip): ClientIp,
) -> Result<Response, AppError> {
    let names = CookieNames::new(state.config.secure_cookies);
    if let Ok(session) = session {
        let mut tx = state.db.begin().await?;
        sessions::end(&mut tx, &session.id).await?;
        let id = session.actor.user_id.to_string();
        let ip = ip.to_string();
        audit::record(&mut tx, &Event::by(Some(&session.actor), actions::LOGOUT).on("user", &id).from_ip(&ip)).await?;
        tx.commit().await?;
    }
    let mut response = Redirect::to("/login?signed_out=1").into_response();
    if let Some(cookie) = set_cookie(state.config.secure_cookies, names.session, "", Some(time::Duration::ZERO)) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}
