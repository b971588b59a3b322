//! Skills read in an expert's own words (headline, summary, work history, education,
//! credentials) and not yet in their skills list, suggested on the profile page: the expert,
//! or a coordinator editing for them, confirms each with a level (it joins the list, and counts
//! in matching as a confirmed skill) or dismisses it (it is never suggested again). Matching
//! credits a suggestion left unanswered at a share, marked "not confirmed".

use super::{Subject, own_subject, subject};
use crate::auth::{ClientIp, CurrentUser};
use crate::page::PageContext;
use crate::{AppError, AppState};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::FieldError;
use passerelle_profiles::consent::Source;
use passerelle_profiles::input::SkillInput;
use passerelle_profiles::model::Profile;
use passerelle_profiles::policy::ProfileAction;
use passerelle_profiles::service::{self, Target, WriteError};
use passerelle_profiles::{store, suggestions};
use passerelle_taxonomy::SkillId;
use serde::Deserialize;

/// A skill suggested to the expert, named in the page's language.
pub struct Suggested {
    pub skill: String,
    pub label: String,
}

/// What to suggest for `profile`: the skills its words name, less those listed or dismissed.
pub(crate) async fn of(state: &AppState, page: &PageContext, profile: &Profile) -> Result<Vec<Suggested>, AppError> {
    let taxonomy = state.taxonomy().await?;
    let dismissed: Vec<SkillId> = suggestions::dismissed(&state.db, profile.id).await?.into_iter().collect();
    Ok(passerelle_search::mentions::of(&taxonomy, profile, &dismissed)
        .into_iter()
        .filter_map(|skill| {
            let label = taxonomy.label(&skill, page.locale)?.to_owned();
            Some(Suggested { skill: skill.as_str().to_owned(), label })
        })
        .collect())
}

/// An answer to a suggestion: the skill (its taxonomy id) and, to confirm it, a level (1 to 4)
/// and years of practice (optional), as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Answer {
    pub skill: String,
    pub level: String,
    pub years: String,
}

/// The suggestion answered, if it is one the profile has now.
async fn suggested(state: &AppState, profile: &Profile, skill: &str) -> Result<SkillId, AppError> {
    let skill = SkillId::parse(skill.trim())
        .map_err(|_| AppError::Invalid(vec![FieldError::new("skill", "skill.unknown", "not a suggested skill")]))?;
    let taxonomy = state.taxonomy().await?;
    if !passerelle_search::mentions::of(&taxonomy, profile, &[]).contains(&skill) {
        return Err(AppError::Invalid(vec![FieldError::new("skill", "skill.unknown", "not a suggested skill")]));
    }
    Ok(skill)
}

/// A whole number between `min` and `max`, or none when blank and allowed.
fn number(field: &str, text: &str, min: i64, max: i64, required: bool) -> Result<Option<i64>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return if required { Err(FieldError::required(field)) } else { Ok(None) };
    }
    match text.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(FieldError::new(field, "number.range", format!("a whole number from {min} to {max}"))),
    }
}

/// Adds a suggested skill to the profile's list with the level and years given.
pub(crate) async fn confirm(
    state: &AppState,
    actor: &Actor,
    ip: String,
    subject: &Subject,
    answer: Answer,
) -> Result<(), AppError> {
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let skill = suggested(state, &profile, &answer.skill).await?;
    let level = number("level", &answer.level, 1, 4, true);
    let years = number("years", &answer.years, 0, 70, false);
    let (level, years) = match (level, years) {
        (Ok(level), Ok(years)) => (level, years),
        (level, years) => return Err(AppError::Invalid([level.err(), years.err()].into_iter().flatten().collect())),
    };
    let taxonomy = state.taxonomy().await?;
    let known = taxonomy.skill(&skill).ok_or(AppError::NotFound)?;
    let mut input = service::input_of(&profile);
    input.skills.push(SkillInput { label: known.label_en.clone(), esco_uri: known.esco_uri.clone(), level, years });
    let checked = service::check(&input, &state.resolver().await?).map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    match service::write(&mut tx, &checked, Target::Existing(subject.id), Some(actor.user_id), Source::Web).await {
        Ok(_) => {}
        Err(WriteError::Invalid(found)) => return Err(AppError::Invalid(found)),
        Err(WriteError::Database(e)) => return Err(e.into()),
    }
    record(&mut tx, actor, &ip, subject, "profile.suggestion.confirm", &known.label_en).await?;
    tx.commit().await?;
    Ok(())
}

/// Dismisses a suggested skill: it is never suggested to this profile again.
pub(crate) async fn dismiss(
    state: &AppState,
    actor: &Actor,
    ip: String,
    subject: &Subject,
    answer: Answer,
) -> Result<(), AppError> {
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let skill = suggested(state, &profile, &answer.skill).await?;
    let label = state.taxonomy().await?.label(&skill, passerelle_core::Locale::En).unwrap_or(skill.as_str()).to_owned();
    let mut tx = state.db.begin().await?;
    suggestions::dismiss(&mut tx, subject.id, &skill).await?;
    record(&mut tx, actor, &ip, subject, "profile.suggestion.dismiss", &label).await?;
    tx.commit().await?;
    Ok(())
}

/// A coordinator's answer for an expert is audited, as every edit of someone else's profile
/// (`skill`: its English label, which the log shows).
async fn record(
    tx: &mut passerelle_db::Tx,
    actor: &Actor,
    ip: &str,
    subject: &Subject,
    action: &str,
    skill: &str,
) -> Result<(), AppError> {
    if !subject.own {
        let id = subject.id.to_string();
        audit::record(tx, &Event::by(Some(actor), action).on("expert", &id).from_ip(ip).detail(skill)).await?;
    }
    Ok(())
}

/// Back to the profile's skills, saying it was saved.
fn saved(subject: &Subject) -> Response {
    Redirect::to(&format!("{}?done=saved#skills", subject.base)).into_response()
}

pub async fn own_confirm(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(answer): Form<Answer>,
) -> Result<Response, AppError> {
    let subject = own_subject(&state, &actor).await?;
    confirm(&state, &actor, ip.to_string(), &subject, answer).await?;
    Ok(saved(&subject))
}

pub async fn own_dismiss(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(answer): Form<Answer>,
) -> Result<Response, AppError> {
    let subject = own_subject(&state, &actor).await?;
    dismiss(&state, &actor, ip.to_string(), &subject, answer).await?;
    Ok(saved(&subject))
}

pub async fn staff_confirm(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(answer): Form<Answer>,
) -> Result<Response, AppError> {
    let subject = subject(&state, &actor, &id, ProfileAction::Edit).await?;
    confirm(&state, &actor, ip.to_string(), &subject, answer).await?;
    Ok(saved(&subject))
}

pub async fn staff_dismiss(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(answer): Form<Answer>,
) -> Result<Response, AppError> {
    let subject = subject(&state, &actor, &id, ProfileAction::Edit).await?;
    dismiss(&state, &actor, ip.to_string(), &subject, answer).await?;
    Ok(saved(&subject))
}
