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
    /// What the person has typed so far (any label, any case, accents optional), one line of
    /// at most 200 characters; nothing typed yet suggests nothing.
    #[param(max_length = 200)]
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
    let locale = asked_locale(query.lang.as_deref(), actor.locale).map_err(|e| AppError::Invalid(vec![e]))?;
    let limit = query.limit.unwrap_or(10) as usize;
    let typed = crate::query::search_text(&query.q)?.unwrap_or_default();
    let found = state.taxonomy().await?.suggest(&typed, locale, limit);
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

/// The language labels are answered in: `lang` when given (en or fr), else the reader's.
fn asked_locale(lang: Option<&str>, reader: Locale) -> Result<Locale, crate::FieldError> {
    lang.map_or(Ok(reader), |lang| Locale::parse(lang).map_err(|e| crate::FieldError::from_parse("lang", &e)))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtractInput {
    /// The text to read: terms of reference, a summary, a work history (at most 20,000
    /// characters; line breaks kept).
    #[schema(min_length = 1, max_length = 20000)]
    text: String,
    /// Language of the labels returned: en or fr (default: the account's). The text itself may
    /// be in either.
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ExtractedSkill {
    /// The skill's identifier, to send back in profiles and requests.
    id: String,
    /// Its preferred label in the asked language.
    label: String,
    /// Its preferred label in the other language.
    other: Option<String>,
    /// The words of the text that named it (its first mention).
    words: String,
    /// Where those words are in the text: UTF-8 byte offsets, end excluded.
    start: usize,
    end: usize,
    /// What the text says of it: `required`, `welcome` (an asset, souhaité) or `negated` (not
    /// required, sans…).
    #[schema(value_type = String)]
    stance: passerelle_taxonomy::Stance,
    /// The row to propose on a request: `must_have`, `nice_to_have`, or none for a negated skill.
    requirement: Option<String>,
    /// From 0 to 1.
    confidence: f32,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Extracted {
    /// First named first.
    skills: Vec<ExtractedSkill>,
}

/// Finds the skills of the taxonomy a text names, in English or French, with the words that
/// named each and whether the text asks for it, welcomes it or says it is not needed. Nothing
/// is written: the answer is a proposal to confirm.
#[utoipa::path(
    post,
    path = "/api/v1/skills/extract",
    tag = "taxonomy",
    request_body = ExtractInput,
    responses(
        (status = 200, description = "The skills found, first named first", body = Extracted),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn extract(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    body: axum::body::Bytes,
) -> Result<Json<Extracted>, AppError> {
    let input: ExtractInput = super::body::json(&body)?;
    let mut problems = passerelle_core::Problems::default();
    problems.paragraphs("text", &input.text, passerelle_taxonomy::MAX_TEXT_CHARS, true);
    let locale = asked_locale(input.lang.as_deref(), actor.locale).unwrap_or_else(|e| {
        problems.push(e);
        actor.locale
    });
    problems.finish(|| ()).map_err(AppError::Invalid)?;
    let taxonomy = state.taxonomy().await?;
    let skills = passerelle_taxonomy::extract(&taxonomy.linker, &input.text)
        .into_iter()
        .map(|found| {
            let label = taxonomy.label(&found.skill, locale).unwrap_or(&found.label).to_owned();
            let other = taxonomy.label(&found.skill, locale.other()).map(str::to_owned).filter(|o| o != &label);
            let requirement = match found.stance {
                passerelle_taxonomy::Stance::Required => Some("must_have".to_owned()),
                passerelle_taxonomy::Stance::Welcome => Some("nice_to_have".to_owned()),
                passerelle_taxonomy::Stance::Negated => None,
            };
            ExtractedSkill {
                id: found.skill.to_string(),
                label,
                other,
                words: input.text[found.start..found.end].to_owned(),
                start: found.start,
                end: found.end,
                stance: found.stance,
                requirement,
                confidence: found.confidence,
            }
        })
        .collect();
    Ok(Json(Extracted { skills }))
}
