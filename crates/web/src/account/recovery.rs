//! Password reset and email verification, both by single-use links sent by email. A link only
//! shows a page; the change happens when the person presses its button (no change on GET).

use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::mail::{Letter, link};
use crate::page::{PageContext, message, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::audit::{self, Event, actions};
use passerelle_accounts::email_tokens::{self, Purpose};
use passerelle_accounts::{Actor, password, users};
use passerelle_core::{Email, FieldError};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account/forgot.html")]
struct ForgotPage {
    page: PageContext,
    form: FormErrors,
    email: String,
}

pub async fn forgot_form(page: PageContext) -> Result<Response, AppError> {
    let form = FormErrors::none(page.locale);
    render(&ForgotPage { page, form, email: String::new() })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotInput {
    email: String,
}

pub async fn forgot(
    State(state): State<AppState>,
    page: PageContext,
    ClientIp(ip): ClientIp,
    Form(input): Form<ForgotInput>,
) -> Result<Response, AppError> {
    if state.guards.reset.check_key(&ip).is_err() {
        return Err(AppError::TooManyRequests {
            retry_after_secs: 3600 / u64::from(state.config.resets_per_hour.max(1)),
        });
    }
    let email = match Email::parse(&input.email) {
        Ok(email) => email,
        Err(error) => {
            let form = FormErrors::new(page.locale, vec![FieldError::from_parse("email", &error)]);
            let page = ForgotPage { page, form, email: input.email };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
    };
    if let Some(user) = users::by_email(&state.db, &email).await?.filter(|u| u.disabled_at.is_none()) {
        let mut tx = state.db.begin().await?;
        let token = email_tokens::issue(&mut tx, user.id, Purpose::ResetPassword).await?;
        Letter::to(user.locale, &user.name)
            .say("email-reset-body")
            .link(link(&state, &format!("/reset-password?token={token}")))
            .say("email-reset-ignore")
            .queue(&mut tx, &user.email, "email-reset-subject", &[])
            .await?;
        let (id, ip) = (user.id.to_string(), ip.to_string());
        audit::record(&mut tx, &Event::by(None, actions::PASSWORD_RESET_REQUEST).on("user", &id).from_ip(&ip)).await?;
        tx.commit().await?;
        state.mail_queued.notify_one();
    }
    // The same answer whether or not the address has an account.
    let text = page.t("forgot-done");
    message(page.t("forgot-title"), vec![text], None, page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenQuery {
    token: String,
}

#[derive(Template)]
#[template(path = "account/reset.html")]
struct ResetPage {
    page: PageContext,
    form: FormErrors,
    token: String,
}

fn invalid_link(page: PageContext, key: &str, retry: Option<(&'static str, &str)>) -> Result<Response, AppError> {
    let text = page.t(key);
    let link = retry.map(|(href, label)| (href, page.t(label)));
    let title = page.t("error-title-400");
    Ok((StatusCode::BAD_REQUEST, message(title, vec![text], link, page)?).into_response())
}

pub async fn reset_form(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<TokenQuery>,
) -> Result<Response, AppError> {
    if email_tokens::peek(&state.db, &query.token, Purpose::ResetPassword).await?.is_none() {
        return invalid_link(page, "reset-invalid", Some(("/forgot-password", "forgot-title")));
    }
    let form = FormErrors::none(page.locale);
    render(&ResetPage { page, form, token: query.token })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetInput {
    token: String,
    password: String,
    password_confirm: String,
}

pub async fn reset(
    State(state): State<AppState>,
    page: PageContext,
    ClientIp(ip): ClientIp,
    Form(input): Form<ResetInput>,
) -> Result<Response, AppError> {
    let Some(user_id) = email_tokens::peek(&state.db, &input.token, Purpose::ResetPassword).await? else {
        return invalid_link(page, "reset-invalid", Some(("/forgot-password", "forgot-title")));
    };
    let Some(user) = users::by_id(&state.db, user_id).await? else { return Err(AppError::NotFound) };
    let mut errors = Vec::new();
    if let Err(weakness) = password::check(&input.password, user.email.as_str()) {
        errors.push(FieldError::new("password", weakness.code(), weakness.message()));
    } else if input.password != input.password_confirm {
        errors.push(FieldError::new("password_confirm", "password.mismatch", "the two passwords differ"));
    }
    if !errors.is_empty() {
        let form = FormErrors::new(page.locale, errors);
        return Ok(
            (StatusCode::UNPROCESSABLE_ENTITY, render(&ResetPage { page, form, token: input.token })?).into_response()
        );
    }
    let hash = password::hash(input.password).await?;
    let mut tx = state.db.begin().await?;
    // Consumed in the same transaction as the change: a link works once, even when clicked twice.
    if email_tokens::consume(&mut tx, &input.token, Purpose::ResetPassword).await?.is_none() {
        return invalid_link(page, "reset-invalid", Some(("/forgot-password", "forgot-title")));
    }
    users::set_password(&mut tx, user.id, &hash, None).await?;
    // Following the link proves the address too.
    users::mark_email_verified(&mut tx, user.id).await?;
    let (id, ip) = (user.id.to_string(), ip.to_string());
    let event =
        Event { actor: Some(user.id), actor_label: user.email.as_str(), ..Event::by(None, actions::PASSWORD_RESET) }
            .on("user", &id)
            .from_ip(&ip);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    let text = page.t("reset-done");
    let sign_in = page.t("nav-sign-in");
    message(page.t("reset-title"), vec![text], Some(("/login", sign_in)), page)
}

#[derive(Template)]
#[template(path = "account/verify.html")]
struct VerifyPage {
    page: PageContext,
    token: String,
}

pub async fn verify_form(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<TokenQuery>,
) -> Result<Response, AppError> {
    if email_tokens::peek(&state.db, &query.token, Purpose::VerifyEmail).await?.is_none() {
        return invalid_link(page, "verify-invalid", Some(("/login", "nav-sign-in")));
    }
    render(&VerifyPage { page, token: query.token })
}

pub async fn verify(
    State(state): State<AppState>,
    page: PageContext,
    ClientIp(ip): ClientIp,
    Form(input): Form<TokenQuery>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin().await?;
    let Some(user_id) = email_tokens::consume(&mut tx, &input.token, Purpose::VerifyEmail).await? else {
        return invalid_link(page, "verify-invalid", Some(("/login", "nav-sign-in")));
    };
    users::mark_email_verified(&mut tx, user_id).await?;
    let (id, ip) = (user_id.to_string(), ip.to_string());
    let event = Event { actor: Some(user_id), ..Event::by(None, actions::EMAIL_VERIFY) }.on("user", &id).from_ip(&ip);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    let text = page.t("verify-done");
    // An expert whose email is on a profile without an account is offered to claim it.
    let user = users::by_id(&state.db, user_id).await?;
    let claim = match &user {
        Some(user) if user.role == passerelle_accounts::Role::Expert => {
            !passerelle_profiles::join::claimable(&state.db, &user.email).await?.is_empty()
        }
        _ => false,
    };
    if claim {
        let go = if page.signed_in() { "/claim-profile" } else { "/login?next=/claim-profile" };
        let texts = vec![text, page.t("verify-claim")];
        return message(page.t("verify-title"), texts, Some((go, page.t("claim-go"))), page);
    }
    let next = if page.signed_in() { ("/account", page.t("nav-account")) } else { ("/login", page.t("nav-sign-in")) };
    message(page.t("verify-title"), vec![text], Some(next), page)
}

pub async fn resend_verification(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
) -> Result<Response, AppError> {
    send_verification(&state, &actor).await?;
    Ok(Redirect::to("/account?done=verification-sent").into_response())
}

/// Sends `actor` a new link to verify their email (pages and API); `false` when it is verified
/// already (nothing is sent).
pub(crate) async fn send_verification(state: &AppState, actor: &Actor) -> Result<bool, AppError> {
    let Some(user) = users::by_id(&state.db, actor.user_id).await? else { return Err(AppError::NotFound) };
    if user.email_verified_at.is_some() {
        return Ok(false);
    }
    let mut tx = state.db.begin().await?;
    let token = email_tokens::issue(&mut tx, user.id, Purpose::VerifyEmail).await?;
    Letter::to(user.locale, &user.name)
        .say("email-verify-body")
        .link(link(state, &format!("/verify-email?token={token}")))
        .queue(&mut tx, &user.email, "email-verify-subject", &[])
        .await?;
    tx.commit().await?;
    state.mail_queued.notify_one();
    Ok(true)
}
