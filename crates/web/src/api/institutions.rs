//! `/api/v1/institutions`: host institutions. Staff list, create and verify them; members read
//! and describe their own; anyone else gets 404 for an institution by id.

use super::body::{filter, json, paging};
use crate::auth::{ClientIp, CurrentUser};
use crate::query::Query;
use crate::visible::institution as visible;
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_core::Country;
use passerelle_missions::institutions::{self, Institution, InstitutionAction, InstitutionInput, Verification, can};
use serde::{Deserialize, Serialize};

/// A host institution.
#[derive(Serialize, utoipa::ToSchema)]
pub struct InstitutionView {
    id: String,
    name: String,
    /// ministry, hospital, university, tvet_college, school, municipality, ngo, company or other.
    kind: &'static str,
    /// ISO 3166-1 alpha-2.
    country: String,
    city: String,
    /// Sector codes (health, education, tvet…).
    sectors: Vec<String>,
    website: String,
    description: String,
    contact_name: String,
    contact_email: String,
    contact_phone: String,
    /// unverified, verified or rejected: only a verified institution's requests can be approved.
    verification: &'static str,
    /// Who gave the verdict (a user id), and when (RFC 3339).
    verified_by: Option<String>,
    verified_at: Option<String>,
    created_at: String,
}

impl From<Institution> for InstitutionView {
    fn from(i: Institution) -> Self {
        InstitutionView {
            id: i.id.to_string(),
            name: i.name,
            kind: i.kind.code(),
            country: i.country.to_string(),
            city: i.city,
            sectors: i.sectors.iter().map(ToString::to_string).collect(),
            website: i.website,
            description: i.description,
            contact_name: i.contact_name,
            contact_email: i.contact_email,
            contact_phone: i.contact_phone,
            verification: i.verification.code(),
            verified_by: i.verified_by.map(|u| u.to_string()),
            verified_at: i.verified_at.map(|t| t.to_string()),
            created_at: i.created_at.to_string(),
        }
    }
}

/// An institution's description, to create or replace one. Every problem is reported at once
/// under its field name.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct InstitutionBody {
    name: String,
    kind: String,
    country: String,
    city: String,
    sectors: Vec<String>,
    website: String,
    description: String,
    contact_name: String,
    contact_email: String,
    contact_phone: String,
}

impl From<InstitutionBody> for InstitutionInput {
    fn from(b: InstitutionBody) -> Self {
        InstitutionInput {
            name: b.name,
            kind: b.kind,
            country: b.country,
            city: b.city,
            sectors: b.sectors,
            website: b.website,
            description: b.description,
            contact_name: b.contact_name,
            contact_email: b.contact_email,
            contact_phone: b.contact_phone,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InstitutionList {
    items: Vec<InstitutionView>,
    /// How many match in all.
    total: u64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Part of the name or the city.
    q: Option<String>,
    /// ISO 3166-1 alpha-2.
    country: Option<String>,
    /// unverified, verified or rejected.
    verification: Option<String>,
    /// Results to skip, from 0 to 1,000,000.
    #[param(minimum = 0, maximum = 1000000)]
    offset: Option<u32>,
    /// 1 to 200, default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// A coordinator's verdict on an institution.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct VerificationBody {
    /// verified, rejected or unverified.
    status: String,
    /// A note for the record (at most 900 characters).
    comment: String,
}

fn require(allowed: bool) -> Result<(), AppError> {
    if allowed { Ok(()) } else { Err(AppError::Forbidden) }
}

/// Lists institutions (coordinators and admins).
#[utoipa::path(
    get,
    path = "/api/v1/institutions",
    tag = "institutions",
    params(ListQuery),
    responses(
        (status = 200, description = "Matching institutions, by name", body = InstitutionList),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff only", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filters", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<InstitutionList>, AppError> {
    require(can(&actor, InstitutionAction::List, None))?;
    let (offset, limit) = paging(query.offset, query.limit)?;
    let search = institutions::Query {
        text: query.q.clone(),
        country: filter("country", &query.country, Country::parse)?,
        verification: filter("verification", &query.verification, Verification::parse)?,
        offset,
        limit,
    };
    let (found, total) = institutions::search(&state.db, &search).await?;
    Ok(Json(InstitutionList { items: found.into_iter().map(Into::into).collect(), total }))
}

/// Creates an institution on behalf of its host (coordinators and admins).
#[utoipa::path(
    post,
    path = "/api/v1/institutions",
    tag = "institutions",
    request_body = InstitutionBody,
    responses(
        (status = 201, description = "Created; `Location` names it", body = InstitutionView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff only", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, all of them listed", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AppError> {
    require(can(&actor, InstitutionAction::Create, None))?;
    let input: InstitutionInput = json::<InstitutionBody>(&body)?.into();
    let fields = input.validate("").map_err(AppError::Invalid)?;
    let id = institutions::create_by(&state.db, &actor, &fields, &ip.to_string()).await?;
    let institution = institutions::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let location = format!("/api/v1/institutions/{id}");
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(InstitutionView::from(institution))).into_response())
}

/// An institution (its members and staff; 404 for anyone else).
#[utoipa::path(
    get,
    path = "/api/v1/institutions/{id}",
    tag = "institutions",
    params(("id" = String, Path, description = "The institution's id")),
    responses(
        (status = 200, description = "The institution", body = InstitutionView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such institution, or not one of yours", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<InstitutionView>, AppError> {
    Ok(Json(visible(&state, &actor, &id).await?.into()))
}

/// Replaces an institution's description (its members and staff).
#[utoipa::path(
    put,
    path = "/api/v1/institutions/{id}",
    tag = "institutions",
    params(("id" = String, Path, description = "The institution's id")),
    request_body = InstitutionBody,
    responses(
        (status = 200, description = "Saved", body = InstitutionView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such institution, or not one of yours", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, all of them listed", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<InstitutionView>, AppError> {
    let institution = visible(&state, &actor, &id).await?;
    require(can(&actor, InstitutionAction::Edit, Some(institution.id)))?;
    let input: InstitutionInput = json::<InstitutionBody>(&body)?.into();
    let fields = input.validate("").map_err(AppError::Invalid)?;
    if !institutions::update_by(&state.db, &actor, institution.id, &fields, &ip.to_string()).await? {
        return Err(AppError::NotFound);
    }
    Ok(Json(institutions::get(&state.db, institution.id).await?.ok_or(AppError::NotFound)?.into()))
}

/// Gives a coordinator's verdict: verified, rejected, or back to unverified.
#[utoipa::path(
    post,
    path = "/api/v1/institutions/{id}/verification",
    tag = "institutions",
    params(("id" = String, Path, description = "The institution's id")),
    request_body = VerificationBody,
    responses(
        (status = 200, description = "The institution with its new verification", body = InstitutionView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff only", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such institution", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn verify(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<InstitutionView>, AppError> {
    let institution = visible(&state, &actor, &id).await?;
    require(can(&actor, InstitutionAction::Verify, Some(institution.id)))?;
    let input: VerificationBody = json(&body)?;
    let mut errors = vec![];
    let status =
        Verification::parse(&input.status).map_err(|e| errors.push(crate::FieldError::from_parse("status", &e))).ok();
    if let Err(error) = institutions::check_verification_comment(&input.comment) {
        errors.push(error);
    }
    let Some(status) = status.filter(|_| errors.is_empty()) else { return Err(AppError::Invalid(errors)) };
    if !institutions::verify_by(&state.db, &actor, institution.id, status, &input.comment, &ip.to_string()).await? {
        return Err(AppError::NotFound);
    }
    // Its members are told: their emails are to be written.
    state.notifications_queued.notify_one();
    Ok(Json(institutions::get(&state.db, institution.id).await?.ok_or(AppError::NotFound)?.into()))
}
