//! `/api/v1/experts`: the roster through the API. Coordinators list, create, read, replace,
//! export and erase any profile; an expert reads, replaces, exports and erases their own.
//! Bodies have the shape of a line of `passerelle import experts` (see `ExpertInput`).

use super::body::json;
use crate::auth::{ClientIp, CurrentUser};
use crate::profiles::roster::Filters;
use crate::query::Query;
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use passerelle_accounts::audit::{self, Event};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{ExpertId, Timestamp};
use passerelle_profiles::consent::Source;
use passerelle_profiles::freshness::{completeness, is_stale};
use passerelle_profiles::model::Profile;
use passerelle_profiles::policy::{ProfileAction, can};
use passerelle_profiles::service::{self, Target, WriteError};
use passerelle_profiles::{ExpertInput, roster, store};
use serde::Serialize;

/// A profile, as the API shows it: the writable fields (as in the create body) and what the
/// platform adds.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Expert {
    id: String,
    /// The account the profile belongs to, if any.
    user_id: Option<String>,
    #[serde(flatten)]
    profile: ExpertInput,
    /// The taxonomy entry of each skill (in the order of `skills`), `null` for free text.
    skill_ids: Vec<Option<String>>,
    /// The verification of each credential (in the order of `credentials`).
    credential_checks: Vec<CredentialCheck>,
    /// The consent to be matched in force, if any.
    consent_given: Option<ConsentGiven>,
    confirmed_at: Option<String>,
    stale: bool,
    /// 0 to 100.
    completeness: u8,
    created_at: String,
    updated_at: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CredentialCheck {
    id: String,
    /// unverified, verified or rejected.
    status: &'static str,
    verified_at: Option<String>,
    expired: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ConsentGiven {
    version: String,
    given_at: String,
}

fn expert(state: &AppState, profile: &Profile) -> Expert {
    let now = Timestamp::now();
    Expert {
        id: profile.id.to_string(),
        user_id: profile.user_id.map(|u| u.to_string()),
        profile: service::input_of(profile),
        skill_ids: profile.data.skills.iter().map(|s| s.skill.as_ref().map(ToString::to_string)).collect(),
        credential_checks: profile
            .data
            .credentials
            .iter()
            .map(|c| CredentialCheck {
                id: c.id.clone(),
                status: c.status.code(),
                verified_at: c.verified_at.map(|t| t.to_string()),
                expired: c.is_expired(now.date()),
            })
            .collect(),
        consent_given: profile
            .consent
            .as_ref()
            .map(|c| ConsentGiven { version: c.version.clone(), given_at: c.given_at.to_string() }),
        confirmed_at: profile.confirmed_at.map(|t| t.to_string()),
        stale: is_stale(profile, now, state.config.stale_after),
        completeness: completeness(profile).percent,
        created_at: profile.created_at.to_string(),
        updated_at: profile.updated_at.to_string(),
    }
}

/// The profile `id`, if `actor` may do `action` with it; 404 otherwise.
async fn allowed(state: &AppState, actor: &Actor, id: &str, action: ProfileAction) -> Result<ExpertId, AppError> {
    let id = ExpertId::parse(id).map_err(|_| AppError::NotFound)?;
    let owner = store::owner(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if can(actor, action, owner) { Ok(id) } else { Err(AppError::NotFound) }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ExpertSummary {
    id: String,
    name: String,
    headline: String,
    residence_country: Option<String>,
    origin_countries: Vec<String>,
    sectors: Vec<String>,
    consent: bool,
    verified_credentials: i64,
    updated_at: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ExpertList {
    experts: Vec<ExpertSummary>,
    total: u64,
    page: u32,
    per_page: u32,
}

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Part of the name, headline or email.
    q: Option<String>,
    /// A sector code (health, tvet…).
    sector: Option<String>,
    /// Country of origin (ISO 3166-1 alpha-2).
    origin: Option<String>,
    /// Country of residence.
    residence: Option<String>,
    /// A language (BCP 47), with `level` the minimum spoken level.
    language: Option<String>,
    level: Option<String>,
    /// Available during [from, to] (YYYY-MM-DD).
    from: Option<String>,
    to: Option<String>,
    /// verified or awaiting.
    credentials: Option<String>,
    /// fresh or stale.
    freshness: Option<String>,
    /// yes or no.
    consent: Option<String>,
    /// From 1 to 10,000.
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    /// 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    per_page: Option<u32>,
}

impl ListParams {
    /// The same filters as the roster's page.
    fn filters(&self) -> Filters {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Filters {
            q: text(&self.q),
            sector: text(&self.sector),
            origin: text(&self.origin),
            residence: text(&self.residence),
            language: text(&self.language),
            level: text(&self.level),
            from: text(&self.from),
            to: text(&self.to),
            credentials: text(&self.credentials),
            freshness: text(&self.freshness),
            consent: text(&self.consent),
            page: self.page,
        }
    }
}

/// Lists the roster with filters (coordinators and admins).
#[utoipa::path(get, path = "/api/v1/experts", tag = "experts", params(ListParams),
    responses((status = 200, body = ExpertList), (status = 401, body = super::Problem), (status = 403, body = super::Problem)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(params): Query<ListParams>,
) -> Result<Json<ExpertList>, AppError> {
    if !can(&actor, ProfileAction::List, None) {
        return Err(AppError::Forbidden);
    }
    let per_page = params.per_page.unwrap_or(50);
    let page = params.page.unwrap_or(1);
    let filters = params.filters();
    let stale_before = Timestamp::now() - state.config.stale_after;
    let (rows, total) = roster::roster(&state.db, &filters.query(stale_before, page, per_page)).await?;
    let experts = rows
        .into_iter()
        .map(|r| ExpertSummary {
            id: r.id.to_string(),
            name: r.name,
            headline: r.headline,
            residence_country: r.residence_country.map(|c| c.to_string()),
            origin_countries: r.origins.iter().map(ToString::to_string).collect(),
            sectors: r.sectors.iter().map(ToString::to_string).collect(),
            consent: r.consent_version.is_some(),
            verified_credentials: r.verified_credentials,
            updated_at: r.updated_at.to_string(),
        })
        .collect();
    Ok(Json(ExpertList { experts, total, page, per_page }))
}

fn refused(error: WriteError) -> AppError {
    match error {
        WriteError::Invalid(fields) => AppError::Invalid(fields),
        WriteError::Database(e) => e.into(),
    }
}

/// Creates a profile (coordinators and admins), e.g. from a mapping survey. With `consent`, the
/// expert's consent is recorded as given at `given_at`.
#[utoipa::path(post, path = "/api/v1/experts", tag = "experts", request_body = ExpertInput,
    responses((status = 201, description = "Created", body = Expert),
        (status = 200, description = "A profile with this `external_id` already existed: updated", body = Expert), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json")))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AppError> {
    if !can(&actor, ProfileAction::Create, None) {
        return Err(AppError::Forbidden);
    }
    let input: ExpertInput = json(&body)?;
    let checked = service::check(&input, &state.resolver().await?).map_err(AppError::Invalid)?;
    let mut tx = state.db.begin().await?;
    let target = if checked.external_id.is_some() { Target::ByExternalId } else { Target::New { user: None } };
    let written =
        service::write(&mut tx, &checked, target, Some(actor.user_id), Source::Import).await.map_err(refused)?;
    let (id, ip) = (written.id.to_string(), ip.to_string());
    let action = if written.created { "profile.create" } else { "profile.edit" };
    audit::record(&mut tx, &Event::by(Some(&actor), action).on("expert", &id).from_ip(&ip)).await?;
    tx.commit().await?;
    let profile = store::load(&state.db, written.id).await?.ok_or(AppError::NotFound)?;
    let status = if written.created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(expert(&state, &profile))).into_response())
}

/// One profile: one's own, or any for coordinators.
#[utoipa::path(get, path = "/api/v1/experts/{id}", tag = "experts", params(("id" = String, Path, description = "Expert id")),
    responses((status = 200, body = Expert), (status = 401, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn read(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Expert>, AppError> {
    let id = allowed(&state, &actor, &id, ProfileAction::View).await?;
    let profile = store::load(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(expert(&state, &profile)))
}

/// Replaces a profile with the body (fields left out become empty). Credentials given back
/// with their `id` keep their verification unless their content changed. An expert's own
/// `consent` sets or withdraws their consent.
#[utoipa::path(put, path = "/api/v1/experts/{id}", tag = "experts", params(("id" = String, Path, description = "Expert id")),
    request_body = ExpertInput,
    responses((status = 200, body = Expert), (status = 401, body = super::Problem), (status = 404, body = super::Problem),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json")))]
pub async fn replace(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Expert>, AppError> {
    let id = allowed(&state, &actor, &id, ProfileAction::Edit).await?;
    let input: ExpertInput = json(&body)?;
    let mut checked = service::check(&input, &state.resolver().await?).map_err(AppError::Invalid)?;
    // The external id is the importing system's key: it does not change through the API.
    checked.external_id = None;
    let mut tx = state.db.begin().await?;
    service::write(&mut tx, &checked, Target::Existing(id), Some(actor.user_id), Source::Api).await.map_err(refused)?;
    if actor.role != Role::Expert {
        let (target, ip) = (id.to_string(), ip.to_string());
        audit::record(&mut tx, &Event::by(Some(&actor), "profile.edit").on("expert", &target).from_ip(&ip)).await?;
    }
    tx.commit().await?;
    let profile = store::load(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(expert(&state, &profile)))
}

/// Everything held about the person, as JSON (their right of access).
#[utoipa::path(get, path = "/api/v1/experts/{id}/export", tag = "experts", params(("id" = String, Path, description = "Expert id")),
    responses((status = 200, description = "The export", body = Object), (status = 401, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn export(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Map<String, serde_json::Value>>, AppError> {
    let id = allowed(&state, &actor, &id, ProfileAction::Export).await?;
    Ok(Json(crate::profiles::rights::everything(&state, id).await?.ok_or(AppError::NotFound)?))
}

/// Erases the profile and its account for good, keeping only anonymous counts.
#[utoipa::path(delete, path = "/api/v1/experts/{id}", tag = "experts", params(("id" = String, Path, description = "Expert id")),
    responses((status = 204, description = "Erased"), (status = 401, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn erase(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let id = allowed(&state, &actor, &id, ProfileAction::Erase).await?;
    let own = actor.role == Role::Expert;
    let ip = ip.to_string();
    let label = if own { audit::ERASED } else { actor.email.as_str() };
    let event =
        Event { actor: (!own).then_some(actor.user_id), actor_label: label, ..Event::by(None, "profile.erase") }
            .from_ip(&ip);
    if !passerelle_missions::rights::erase(&state.db, &state.files, id, event).await? {
        return Err(AppError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}
