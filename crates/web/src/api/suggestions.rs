//! `/api/v1/experts/{id}/suggestions` and `/confirmation`: the skills read in an expert's own
//! words and not yet in their list, confirmed (with a level) or dismissed by the expert or a
//! coordinator editing for them, as on the profile page; and the expert confirming that their
//! profile is still true.

use super::body::json;
use crate::auth::{ClientIp, CurrentUser};
use crate::profiles::suggestions::{self as suggested, Answer};
use crate::profiles::{Subject, own_subject, subject};
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use passerelle_accounts::Actor;
use passerelle_core::Locale;
use passerelle_profiles::policy::ProfileAction;
use passerelle_profiles::{store, suggestions};
use passerelle_taxonomy::SkillId;
use serde::{Deserialize, Serialize};

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ExpertSkillSuggestion)]
pub struct SuggestionView {
    /// The skill's taxonomy id, to confirm or dismiss it with.
    skill: String,
    label_en: String,
    label_fr: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ExpertSkillSuggestions)]
pub struct SuggestionList {
    items: Vec<SuggestionView>,
}

async fn editable(state: &AppState, actor: &Actor, id: &str) -> Result<Subject, AppError> {
    subject(state, actor, id, ProfileAction::Edit).await
}

async fn list_of(state: &AppState, subject: &Subject) -> Result<SuggestionList, AppError> {
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let taxonomy = state.taxonomy().await?;
    let dismissed: Vec<SkillId> = suggestions::dismissed(&state.db, profile.id).await?.into_iter().collect();
    let items = passerelle_search::mentions::of(&taxonomy, &profile, &dismissed)
        .into_iter()
        .filter_map(|skill| {
            let known = taxonomy.skill(&skill)?;
            let (label_en, label_fr) = (known.label(Locale::En).to_owned(), known.label(Locale::Fr).to_owned());
            Some(SuggestionView { skill: skill.as_str().to_owned(), label_en, label_fr })
        })
        .collect();
    Ok(SuggestionList { items })
}

/// The skills an expert's words name (headline, summary, work history, education, credentials)
/// that are neither in their list nor dismissed (the expert; coordinators and admins).
#[utoipa::path(get, path = "/api/v1/experts/{id}/suggestions", tag = "profiles",
    params(("id" = String, Path, description = "The expert's id")),
    responses((status = 200, body = SuggestionList), (status = 401, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<SuggestionList>, AppError> {
    let subject = editable(&state, &actor, &id).await?;
    Ok(Json(list_of(&state, &subject).await?))
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = ExpertSkillSuggestionAnswer)]
pub struct AnswerBody {
    /// A suggested skill's taxonomy id.
    #[schema(max_length = 200)]
    skill: String,
    /// To confirm: 1 (basic) to 4 (expert).
    #[schema(minimum = 1, maximum = 4)]
    level: Option<u8>,
    /// To confirm: years of practice, 0 to 70.
    #[schema(minimum = 0, maximum = 70)]
    years: Option<u8>,
}

impl AnswerBody {
    fn answer(self) -> Answer {
        let text = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
        Answer { skill: self.skill, level: text(self.level), years: text(self.years) }
    }
}

/// Adds a suggested skill to the expert's list with a level (and years): it then counts in
/// matching as a confirmed skill. Answers the suggestions left.
#[utoipa::path(post, path = "/api/v1/experts/{id}/suggestions/confirm", tag = "profiles",
    params(("id" = String, Path, description = "The expert's id")), request_body = AnswerBody,
    responses((status = 200, body = SuggestionList), (status = 401, body = super::Problem), (status = 404, body = super::Problem),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn confirm(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<SuggestionList>, AppError> {
    let subject = editable(&state, &actor, &id).await?;
    let input: AnswerBody = json(&body)?;
    suggested::confirm(&state, &actor, ip.to_string(), &subject, input.answer()).await?;
    Ok(Json(list_of(&state, &subject).await?))
}

/// Dismisses a suggested skill: it is never suggested to this expert again. Answers the
/// suggestions left.
#[utoipa::path(post, path = "/api/v1/experts/{id}/suggestions/dismiss", tag = "profiles",
    params(("id" = String, Path, description = "The expert's id")), request_body = AnswerBody,
    responses((status = 200, body = SuggestionList), (status = 401, body = super::Problem), (status = 404, body = super::Problem),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn dismiss(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<SuggestionList>, AppError> {
    let subject = editable(&state, &actor, &id).await?;
    let input: AnswerBody = json(&body)?;
    suggested::dismiss(&state, &actor, ip.to_string(), &subject, input.answer()).await?;
    Ok(Json(list_of(&state, &subject).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ProfileConfirmation)]
pub struct Confirmed {
    confirmed_at: String,
}

/// The expert confirms that their profile is still true (experts, their own): it stops being
/// stale.
#[utoipa::path(post, path = "/api/v1/me/profile/confirmation", tag = "profiles",
    responses((status = 200, body = Confirmed), (status = 401, body = super::Problem), (status = 403, body = super::Problem)))]
pub async fn confirm_profile(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
) -> Result<Json<Confirmed>, AppError> {
    let subject = own_subject(&state, &actor).await?;
    let mut tx = state.db.begin().await?;
    store::confirm(&mut tx, subject.id).await?;
    tx.commit().await?;
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let confirmed_at = profile.confirmed_at.map(|t| t.to_string()).unwrap_or_default();
    Ok(Json(Confirmed { confirmed_at }))
}
