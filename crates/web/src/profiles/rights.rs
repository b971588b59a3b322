//! Download my data; erase my data. The expert does both for themselves (erasure asks for the
//! password again), and coordinators do them on a person's request.

use super::{Subject, own_subject, subject};
use crate::auth::{ClientIp, CookieNames, CurrentUser, set_cookie};
use crate::form_errors::FormErrors;
use crate::page::{PageContext, message, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_accounts::audit::Event;
use passerelle_accounts::{Actor, password, users};
use passerelle_core::FieldError;
use passerelle_profiles::policy::ProfileAction;
use passerelle_profiles::{rights, store};
use serde::Deserialize;

/// Everything held about an expert: their profile and account, and what the mission pipeline
/// holds about them (invitations, missions, reports, call answers, notifications).
pub(crate) async fn everything(
    state: &AppState,
    expert: passerelle_core::ExpertId,
) -> Result<Option<serde_json::Map<String, serde_json::Value>>, AppError> {
    let Some(mut sections) = rights::export(&state.db, expert).await? else { return Ok(None) };
    let owner = store::owner(&state.db, expert).await?.flatten();
    sections.extend(passerelle_missions::rights::export_sections(&state.db, expert, owner).await?);
    Ok(Some(sections))
}

async fn export(state: &AppState, subject: &Subject) -> Result<Response, AppError> {
    let sections = everything(state, subject.id).await?.ok_or(AppError::NotFound)?;
    let body = serde_json::to_vec_pretty(&sections).map_err(anyhow::Error::from)?;
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let disposition = format!("attachment; filename=\"passerelle-{}.json\"", subject.id);
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

pub async fn own_export(State(state): State<AppState>, CurrentUser(actor): CurrentUser) -> Result<Response, AppError> {
    let subject = own_subject(&state, &actor).await?;
    export(&state, &subject).await
}

pub async fn staff_export(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let subject = subject(&state, &actor, &id, ProfileAction::Export).await?;
    // An export made for someone else is worth a trace.
    let (target, ip) = (subject.id.to_string(), ip.to_string());
    passerelle_accounts::audit::record_alone(
        &state.db,
        &Event::by(Some(&actor), "profile.export").on("expert", &target).from_ip(&ip),
    )
    .await?;
    export(&state, &subject).await
}

#[derive(Template)]
#[template(path = "profiles/erase.html")]
struct ErasePage {
    page: PageContext,
    action: String,
    name: String,
    own: bool,
    form: FormErrors,
}

async fn erase_page(
    state: &AppState,
    page: PageContext,
    subject: &Subject,
    errors: Vec<FieldError>,
) -> Result<ErasePage, AppError> {
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let action = if subject.own { "/profile/erase".to_owned() } else { format!("/experts/{}/erase", subject.id) };
    Ok(ErasePage {
        form: FormErrors::new(page.locale, errors),
        page,
        action,
        name: profile.data.name,
        own: subject.own,
    })
}

pub async fn own_erase_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
) -> Result<Response, AppError> {
    let subject = own_subject(&state, &actor).await?;
    render(&erase_page(&state, page, &subject, vec![]).await?)
}

pub async fn staff_erase_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let subject = subject(&state, &actor, &id, ProfileAction::Erase).await?;
    render(&erase_page(&state, page, &subject, vec![]).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EraseInput {
    confirm: Option<String>,
    password: String,
}

async fn erase(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    ip: String,
    subject: Subject,
    input: EraseInput,
) -> Result<Response, AppError> {
    let mut errors = Vec::new();
    if input.confirm.is_none() {
        errors.push(FieldError::new("confirm", "erase.unconfirmed", "tick the box to confirm"));
    }
    // Erasing oneself needs the password again: a session left open is not enough.
    if subject.own && !password::verify(input.password, users::password_hash(&state.db, actor.user_id).await?).await {
        errors.push(FieldError::new("password", "password.wrong", "the password is not correct"));
    }
    if !errors.is_empty() {
        let page = erase_page(state, page, &subject, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    // After a self-erasure the audit entry must not name the person.
    let label = if subject.own { passerelle_accounts::audit::ERASED } else { actor.email.as_str() };
    let event = Event {
        actor: (!subject.own).then_some(actor.user_id),
        actor_label: label,
        ..Event::by(None, "profile.erase")
    }
    .from_ip(&ip);
    if !passerelle_missions::rights::erase(&state.db, &state.files, subject.id, event).await? {
        return Err(AppError::NotFound);
    }
    if subject.own {
        let names = CookieNames::new(state.config.secure_cookies);
        let text = page.t("erase-done-own");
        let title = page.t("erase-done-title");
        let home = page.t("nav-home");
        let mut response = message(title, vec![text], Some(("/", home)), page)?;
        if let Some(cookie) = set_cookie(state.config.secure_cookies, names.session, "", Some(time::Duration::ZERO)) {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
        return Ok(response);
    }
    let text = page.t("erase-done-staff");
    let title = page.t("erase-done-title");
    let roster = page.t("nav-roster");
    message(title, vec![text], Some(("/experts", roster)), page)
}

pub async fn own_erase(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(input): Form<EraseInput>,
) -> Result<Response, AppError> {
    let subject = own_subject(&state, &actor).await?;
    erase(&state, page, &actor, ip.to_string(), subject, input).await
}

pub async fn staff_erase(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(input): Form<EraseInput>,
) -> Result<Response, AppError> {
    let subject = subject(&state, &actor, &id, ProfileAction::Erase).await?;
    erase(&state, page, &actor, ip.to_string(), subject, input).await
}
