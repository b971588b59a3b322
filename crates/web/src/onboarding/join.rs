//! `/join?token=…`: an expert whose profile came without an account follows the link of their
//! invitation, creates their account (the email is the one the link was sent to, so it is
//! verified by following it), confirms or not their consent to matching, and is signed in with
//! their profile theirs.

use crate::auth::{ClientIp, CookieNames, set_cookie};
use crate::form_errors::FormErrors;
use crate::page::{PageContext, message, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::audit::{self, Event};
use passerelle_accounts::users::{self, CreateError, NewUser};
use passerelle_accounts::{Role, password, sessions};
use passerelle_core::{Email, FieldError, Problems};
use passerelle_profiles::join;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account/join.html")]
struct JoinPage {
    page: PageContext,
    form: FormErrors,
    token: String,
    email: String,
    full_name: String,
    locale: String,
    consent_text: String,
    consent_checked: bool,
    locales: Vec<(&'static str, &'static str)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenQuery {
    token: String,
}

async fn page_for(
    state: &AppState,
    page: PageContext,
    errors: Vec<FieldError>,
    token: String,
    invitation: &join::Invitation,
    input: Option<&JoinInput>,
) -> Result<JoinPage, AppError> {
    let consent = passerelle_profiles::consent::current_text(&state.db).await?;
    Ok(JoinPage {
        form: FormErrors::new(page.locale, errors),
        token,
        email: invitation.email.clone(),
        full_name: input.map_or_else(|| invitation.name.clone(), |i| i.name.clone()),
        locale: input.map_or_else(|| page.locale.code().to_owned(), |i| i.locale.clone()),
        consent_text: consent.text(page.locale).to_owned(),
        consent_checked: input.is_some_and(|i| crate::forms::yes(&i.consent)),
        locales: crate::choices::locale_choices(),
        page,
    })
}

fn dead_link(page: PageContext) -> Result<Response, AppError> {
    let text = page.t("join-invalid");
    let sign_in = page.t("nav-sign-in");
    let answer = message(page.t("join-title"), vec![text], Some(("/login", sign_in)), page)?;
    Ok((StatusCode::BAD_REQUEST, answer).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let Some(invitation) = join::peek(&state.db, &query.token).await? else { return dead_link(page) };
    render(&page_for(&state, page, vec![], query.token, &invitation, None).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JoinInput {
    token: String,
    name: String,
    password: String,
    locale: String,
    /// A ticked box: the expert agrees to be listed and matched.
    consent: String,
}

pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(input): Form<JoinInput>,
) -> Result<Response, AppError> {
    let Some(invitation) = join::peek(&state.db, &input.token).await? else { return dead_link(page) };
    let mut p = Problems::new();
    let name = p.text("name", &input.name, 200, true);
    let email = p.parse("email", &invitation.email, Email::parse);
    if let Some(email) = &email
        && let Err(weakness) = password::check(&input.password, email.as_str())
    {
        p.push(FieldError::new("password", weakness.code(), weakness.message()));
    }
    let locale = p.parse("locale", &input.locale, passerelle_core::Locale::parse);
    let (Some(email), Some(locale), true) = (email, locale, p.is_empty()) else {
        let token = input.token.clone();
        let join_page = page_for(&state, page, p.into_vec(), token, &invitation, Some(&input)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&join_page)?).into_response());
    };
    let password_hash = password::hash(input.password.clone()).await?;
    let mut tx = state.db.begin().await?;
    // Following the link proved the address: the account needs no other verification.
    let new_user =
        NewUser { email, name, role: Role::Expert, password_hash, locale, institution: None, email_verified: true };
    let user = match users::insert(&mut tx, &new_user).await {
        Ok(user) => user,
        Err(CreateError::EmailTaken) => {
            drop(tx);
            let text = page.t("join-account-exists");
            let sign_in = page.t("nav-sign-in");
            return message(page.t("join-title"), vec![text], Some(("/login?next=/claim-profile", sign_in)), page);
        }
        Err(CreateError::Database(e)) => return Err(e.into()),
    };
    let Some(expert) = join::claim(&mut tx, &input.token, user.id).await? else {
        drop(tx);
        return dead_link(page);
    };
    let actor = user.actor();
    super::confirm_consent(&state, &mut tx, expert, &actor, crate::forms::yes(&input.consent)).await?;
    let (target, ip_text) = (expert.to_string(), ip.to_string());
    let event = Event::by(Some(&actor), "profile.claim").on("expert", &target).from_ip(&ip_text).detail("join link");
    audit::record(&mut tx, &event).await?;
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let opened = sessions::open(&mut tx, user.id, state.config.session, user_agent, &ip_text).await?;
    tx.commit().await?;
    tracing::info!(user_id = %user.id, "joined through an invitation");
    let names = CookieNames::new(state.config.secure_cookies);
    let mut response = Redirect::to("/home").into_response();
    if let Some(cookie) = set_cookie(state.config.secure_cookies, names.session, &opened.token, None) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}
