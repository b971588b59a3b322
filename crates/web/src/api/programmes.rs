//! `/api/v1/programmes`: the programmes requests belong to. Staff and institution members read
//! them; coordinators and admins create, change and close them.

use super::body::{filter, json};
use crate::auth::{ClientIp, CurrentUser};
use crate::query::Query;
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_core::ProgrammeId;
use passerelle_missions::programmes::{
    self, Programme, ProgrammeAction, ProgrammeInput, ProgrammeStatus, SaveError, can,
};
use serde::{Deserialize, Serialize};

/// A programme.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgrammeView {
    id: String,
    code: String,
    name: String,
    description: String,
    funder: String,
    /// ISO 3166-1 alpha-2 codes.
    countries: Vec<String>,
    /// Sector codes.
    sectors: Vec<String>,
    /// YYYY-MM-DD.
    starts_on: String,
    ends_on: String,
    /// active or closed (a closed programme accepts no new request).
    status: &'static str,
}

impl From<Programme> for ProgrammeView {
    fn from(p: Programme) -> Self {
        ProgrammeView {
            id: p.id.to_string(),
            code: p.code,
            name: p.name,
            description: p.description,
            funder: p.funder,
            countries: p.countries.iter().map(ToString::to_string).collect(),
            sectors: p.sectors.iter().map(ToString::to_string).collect(),
            starts_on: p.period.start().to_string(),
            ends_on: p.period.end().to_string(),
            status: p.status.code(),
        }
    }
}

/// A programme to create or replace.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProgrammeBody {
    /// 2 to 30 capital letters, digits and hyphens; unique.
    code: String,
    name: String,
    description: String,
    funder: String,
    countries: Vec<String>,
    sectors: Vec<String>,
    /// YYYY-MM-DD.
    starts_on: String,
    ends_on: String,
    /// active (default) or closed.
    status: String,
}

impl From<ProgrammeBody> for ProgrammeInput {
    fn from(b: ProgrammeBody) -> Self {
        ProgrammeInput {
            code: b.code,
            name: b.name,
            description: b.description,
            funder: b.funder,
            countries: b.countries,
            sectors: b.sectors,
            starts_on: b.starts_on,
            ends_on: b.ends_on,
            status: b.status,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgrammeList {
    items: Vec<ProgrammeView>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// active or closed (default: both).
    status: Option<String>,
}

fn require(allowed: bool) -> Result<(), AppError> {
    if allowed { Ok(()) } else { Err(AppError::Forbidden) }
}

fn save_error(error: SaveError) -> AppError {
    match error {
        SaveError::Invalid(errors) => AppError::Invalid(errors),
        SaveError::NotFound => AppError::NotFound,
        SaveError::Database(e) => e.into(),
    }
}

/// Lists programmes, active first (staff and institution members).
#[utoipa::path(
    get,
    path = "/api/v1/programmes",
    tag = "programmes",
    params(ListQuery),
    responses(
        (status = 200, description = "Programmes, active first, then by name", body = ProgrammeList),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Experts have no access to programmes", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<ProgrammeList>, AppError> {
    require(can(&actor, ProgrammeAction::Read))?;
    let status = filter("status", &query.status, ProgrammeStatus::parse)?;
    let items = programmes::list(&state.db, status).await?.into_iter().map(Into::into).collect();
    Ok(Json(ProgrammeList { items }))
}

/// Creates a programme (coordinators and admins).
#[utoipa::path(
    post,
    path = "/api/v1/programmes",
    tag = "programmes",
    request_body = ProgrammeBody,
    responses(
        (status = 201, description = "Created; `Location` names it", body = ProgrammeView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff only", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (a code already taken among them)", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AppError> {
    require(can(&actor, ProgrammeAction::Manage))?;
    let input: ProgrammeInput = json::<ProgrammeBody>(&body)?.into();
    let fields = input.validate().map_err(AppError::Invalid)?;
    let id = programmes::create(&state.db, &actor, &fields, &ip.to_string()).await.map_err(save_error)?;
    let programme = programmes::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let location = format!("/api/v1/programmes/{id}");
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(ProgrammeView::from(programme))).into_response())
}

async fn readable(state: &AppState, id: &str) -> Result<Programme, AppError> {
    let id = ProgrammeId::parse(id).map_err(|_| AppError::NotFound)?;
    programmes::get(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// A programme.
#[utoipa::path(
    get,
    path = "/api/v1/programmes/{id}",
    tag = "programmes",
    params(("id" = String, Path, description = "The programme's id")),
    responses(
        (status = 200, description = "The programme", body = ProgrammeView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Experts have no access to programmes", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such programme", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<ProgrammeView>, AppError> {
    require(can(&actor, ProgrammeAction::Read))?;
    Ok(Json(readable(&state, &id).await?.into()))
}

/// Replaces a programme (coordinators and admins); `status: closed` closes it.
#[utoipa::path(
    put,
    path = "/api/v1/programmes/{id}",
    tag = "programmes",
    params(("id" = String, Path, description = "The programme's id")),
    request_body = ProgrammeBody,
    responses(
        (status = 200, description = "Saved", body = ProgrammeView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff only", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such programme", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<ProgrammeView>, AppError> {
    require(can(&actor, ProgrammeAction::Manage))?;
    let programme = readable(&state, &id).await?;
    let input: ProgrammeInput = json::<ProgrammeBody>(&body)?.into();
    let fields = input.validate().map_err(AppError::Invalid)?;
    programmes::update(&state.db, &actor, programme.id, &fields, &ip.to_string()).await.map_err(save_error)?;
    Ok(Json(readable(&state, &id).await?.into()))
}
