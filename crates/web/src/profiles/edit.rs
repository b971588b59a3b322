//! The profile editor: one page per section, for the expert's own profile or, for a
//! coordinator, anyone's. Nothing typed is lost on an error: the form comes back with what was
//! typed and the messages at their fields.

use super::choices::Choices;
use super::form::{Section, Values, apply, values_of};
use super::{Subject, own_subject, subject};
use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::FieldError;
use passerelle_profiles::consent::Source;
use passerelle_profiles::policy::{ProfileAction, can};
use passerelle_profiles::service::{self, Target, WriteError};
use passerelle_profiles::{ExpertInput, store};

#[derive(Template)]
#[template(path = "profiles/edit.html")]
struct EditPage {
    page: PageContext,
    section: &'static str,
    title: String,
    action: String,
    back: String,
    values: Values,
    form: FormErrors,
    choices: Choices,
    skill_labels: Vec<String>,
    spare: usize,
}

impl EditPage {
    /// Is `value` among the values of the multi-valued field `name`?
    fn selected(&self, name: &str, value: &str) -> bool {
        self.values.has(name, value)
    }
}

async fn editor(
    state: &AppState,
    page: PageContext,
    base: &str,
    action: String,
    section: Section,
    values: Values,
    errors: Vec<FieldError>,
) -> Result<EditPage, AppError> {
    let skill_labels = if section == Section::Skills {
        passerelle_taxonomy::curated(&state.db, page.locale)
            .await?
            .iter()
            .map(|s| s.label(page.locale).to_owned())
            .collect()
    } else {
        vec![]
    };
    Ok(EditPage {
        title: page.t(&format!("profile-section-{}", section.code())),
        section: section.code(),
        action,
        back: base.to_owned(),
        form: FormErrors::new(page.locale, errors),
        choices: Choices::new(&page),
        skill_labels,
        spare: section.spare_rows(),
        values,
        page,
    })
}

fn section_of(code: &str) -> Result<Section, AppError> {
    Section::parse(code).ok_or(AppError::NotFound)
}

async fn show(state: &AppState, page: PageContext, subject: &Subject, section: Section) -> Result<Response, AppError> {
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let values = values_of(&service::input_of(&profile));
    let action = format!("{}/edit/{}", subject.base, section.code());
    render(&editor(state, page, &subject.base, action, section, values, vec![]).await?)
}

pub async fn own_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(section): Path<String>,
) -> Result<Response, AppError> {
    let section = section_of(&section)?;
    let subject = own_subject(&state, &actor).await?;
    show(&state, page, &subject, section).await
}

pub async fn staff_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path((id, section)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let section = section_of(&section)?;
    let subject = subject(&state, &actor, &id, ProfileAction::Edit).await?;
    show(&state, page, &subject, section).await
}

/// The submitted fields, without the CSRF token.
fn submitted(pairs: Vec<(String, String)>) -> Values {
    Values::from_pairs(pairs.into_iter().filter(|(name, _)| name != crate::csrf::FIELD).collect()).compact()
}

async fn save(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    ip: String,
    subject: &Subject,
    section: Section,
    values: Values,
) -> Result<Response, AppError> {
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let mut input = service::input_of(&profile);
    let mut errors = apply(section, &values, &mut input);
    let resolver = state.resolver().await?;
    let Some(checked) = checked_or_collect(service::check(&input, &resolver), &mut errors) else {
        return again(state, page, subject, section, values, errors).await;
    };
    let mut tx = state.db.begin().await?;
    match service::write(&mut tx, &checked, Target::Existing(subject.id), Some(actor.user_id), Source::Web).await {
        Ok(_) => {}
        Err(WriteError::Invalid(found)) => return again(state, page, subject, section, values, found).await,
        Err(WriteError::Database(e)) => return Err(e.into()),
    }
    if !subject.own {
        let (id, detail) = (subject.id.to_string(), section.code());
        audit::record(&mut tx, &Event::by(Some(actor), "profile.edit").on("expert", &id).from_ip(&ip).detail(detail))
            .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}?done=saved#{}", subject.base, section.code())).into_response())
}

async fn again(
    state: &AppState,
    page: PageContext,
    subject: &Subject,
    section: Section,
    values: Values,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let action = format!("{}/edit/{}", subject.base, section.code());
    let editor = editor(state, page, &subject.base, action, section, values, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&editor)?).into_response())
}

pub async fn own_save(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(section): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let section = section_of(&section)?;
    let subject = own_subject(&state, &actor).await?;
    save(&state, page, &actor, ip.to_string(), &subject, section, submitted(pairs)).await
}

pub async fn staff_save(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, section)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let section = section_of(&section)?;
    let subject = subject(&state, &actor, &id, ProfileAction::Edit).await?;
    save(&state, page, &actor, ip.to_string(), &subject, section, submitted(pairs)).await
}

/// A coordinator starts a profile for someone (from a phone call, a mapping survey): the
/// identity first, the rest section by section.
pub async fn new_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, ProfileAction::Create, None))?;
    let editor =
        editor(&state, page, "/experts", "/experts/new".into(), Section::Identity, Values::default(), vec![]).await?;
    render(&editor)
}

pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, ProfileAction::Create, None))?;
    let values = submitted(pairs);
    let mut input = ExpertInput::default();
    let mut errors = apply(Section::Identity, &values, &mut input);
    let resolver = state.resolver().await?;
    let Some(checked) = checked_or_collect(service::check(&input, &resolver), &mut errors) else {
        let editor = editor(&state, page, "/experts", "/experts/new".into(), Section::Identity, values, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&editor)?).into_response());
    };
    let mut tx = state.db.begin().await?;
    let written = service::write(&mut tx, &checked, Target::New { user: None }, Some(actor.user_id), Source::Web)
        .await
        .map_err(|e| match e {
            WriteError::Invalid(found) => AppError::Invalid(found),
            WriteError::Database(e) => e.into(),
        })?;
    let (id, ip) = (written.id.to_string(), ip.to_string());
    audit::record(&mut tx, &Event::by(Some(&actor), "profile.create").on("expert", &id).from_ip(&ip)).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/experts/{id}?done=created")).into_response())
}

/// The checked profile when neither reading the form nor validating found a problem; else
/// every problem, in `errors`.
fn checked_or_collect<T>(checked: Result<T, Vec<FieldError>>, errors: &mut Vec<FieldError>) -> Option<T> {
    match checked {
        Ok(checked) if errors.is_empty() => Some(checked),
        Ok(_) => None,
        Err(found) => {
            errors.extend(found);
            None
        }
    }
}
