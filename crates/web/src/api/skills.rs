use crate::auth::CurrentUser;
use crate::query::Query;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::State;
use passerelle_core::Locale;
use passerelle_taxonomy::{MatchKind, Suggestion};
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SuggestQuery {
    /// What the person has typed so far (any label, any case, accents optional); nothing
    /// typed yet suggests nothing.
    q: String,
    /// Language of the labels returned: en or fr (default: the account's).
    lang: Option<String>,
    /// At most this many suggestions (1 to 50, default 10).
    #[param(minimum = 1, maximum = 50)]
    limit: Option<u32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SkillSuggestion {
    /// The skill's identifier, to send back in profiles and requests.
    id: String,
    /// Its preferred label in the asked language.
    label: String,
    /// Its preferred label in the other language (English or French).
    other: Option<String>,
    /// The label that matched, when it is neither of those (a synonym, an abbreviation).
    matched: Option<String>,
    /// How the typed text met the skill: preferred, alternative, variant (gender, plural,
    /// spelling, word order), prefix, contains, within, words or fuzzy (a typo).
    #[schema(value_type = String)]
    kind: MatchKind,
    /// From 0 to 1.
    confidence: f32,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Suggestions {
    skills: Vec<SkillSuggestion>,
}

/// Suggests skills of the taxonomy for what someone is typing.
#[utoipa::path(
    get,
    path = "/api/v1/skills",
    tag = "taxonomy",
    params(SuggestQuery),
    responses(
        (status = 200, description = "Matching skills, best first", body = Suggestions),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameters", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn suggest(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<SuggestQuery>,
) -> Result<Json<Suggestions>, AppError> {
    let locale = match query.lang.as_deref() {
        Some(lang) => {
            Locale::parse(lang).map_err(|e| AppError::Invalid(vec![crate::FieldError::from_parse("lang", &e)]))?
        }
        None => actor.locale,
    };
    let limit = query.limit.unwrap_or(10) as usize;
    let found = state.taxonomy().await?.suggest(&query.q, locale, limit);
    let skills = found
        .into_iter()
        .map(|Suggestion { id, label, other, matched, kind, confidence }| SkillSuggestion {
            id: id.to_string(),
            label,
            other,
            matched,
            kind,
            confidence,
        })
        .collect();
    Ok(Json(Suggestions { skills }))
}
