//! `/api/v1/missions/{id}/costs`: the cost lines of a mission, in its programme's currency.
//! Coordinators and admins read, add and remove them; the mission's expert and host get 403
//! (they see the mission, not what it costs), anyone else 404 (they may not learn it exists).

use super::body::json;
use crate::auth::{ClientIp, CurrentUser};
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_accounts::Actor;
use passerelle_core::{Amount, Currency};
use passerelle_missions::costs::{self, Cost, CostInput};
use passerelle_missions::lifecycle::Mission;
use passerelle_missions::programmes::{self, Programme};
use serde::{Deserialize, Serialize};

/// One cost line; amounts are decimal strings in `currency`.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = CostLine)]
pub struct CostView {
    id: i64,
    /// travel, per_diem, insurance, fees or other.
    category: &'static str,
    description: String,
    /// Days for per diem, units otherwise.
    quantity: u32,
    /// The amount of one unit (one day for per diem), e.g. "95.50".
    unit_amount: String,
    /// quantity × unit_amount.
    amount: String,
    /// ISO 4217: the programme's currency.
    currency: String,
    created_at: String,
}

fn view(cost: &Cost, currency: Currency) -> CostView {
    CostView {
        id: cost.id,
        category: cost.fields.category.code(),
        description: cost.fields.description.clone(),
        quantity: cost.fields.quantity,
        unit_amount: cost.fields.unit_amount.to_string(),
        amount: cost.fields.amount().to_string(),
        currency: currency.to_string(),
        created_at: cost.created_at.to_string(),
    }
}

/// The lines of a mission, oldest first, and their sum.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = CostLines)]
pub struct CostList {
    items: Vec<CostView>,
    /// ISO 4217: the programme's currency.
    currency: String,
    /// The sum of the lines, e.g. "1830.00".
    total: String,
}

/// A cost line to record. Blanks are filled in from the mission and its programme.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = CostLineInput)]
pub struct CostBody {
    /// travel, per_diem, insurance, fees or other.
    #[schema(required = true)]
    category: String,
    /// What it paid for (the flight, the insurer…), up to 200 characters.
    description: String,
    /// 1 to 400: days for per diem (absent or null: the mission's planned days on site),
    /// units otherwise (absent or null: 1).
    #[schema(minimum = 1, maximum = 400)]
    quantity: Option<u32>,
    /// The amount of one unit as a decimal string with up to two decimals ("450" or "95.50").
    /// Absent, null or empty for per diem: the programme's daily rate for the mission's
    /// country (422 when it has none); required otherwise.
    unit_amount: Option<String>,
}

/// The mission, if `actor` may manage its costs: 404 when they may not see the mission, 403
/// when they see it but costs are staff's.
async fn managed(state: &AppState, actor: &Actor, id: &str) -> Result<Mission, AppError> {
    let (mission, _) = crate::visible::mission(state, actor, id).await?;
    if !costs::can_manage(actor) {
        return Err(AppError::Forbidden);
    }
    Ok(mission)
}

async fn programme_of(state: &AppState, mission: &Mission) -> Result<Programme, AppError> {
    programmes::get(&state.db, mission.programme).await?.ok_or(AppError::NotFound)
}

/// A mission's cost lines, oldest first, with their total (coordinators and admins).
#[utoipa::path(
    get,
    path = "/api/v1/missions/{id}/costs",
    tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id")),
    responses(
        (status = 200, description = "The lines, oldest first", body = CostList),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The mission's expert or host: costs are for coordinators and admins", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such mission, or not the caller's to see", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<CostList>, AppError> {
    let mission = managed(&state, &actor, &id).await?;
    let currency = programme_of(&state, &mission).await?.plan.budget.currency;
    let lines = costs::of_mission(&state.db, mission.id).await?;
    let total = lines.iter().fold(Amount::ZERO, |sum, line| sum.plus(line.fields.amount()));
    Ok(Json(CostList {
        items: lines.iter().map(|line| view(line, currency)).collect(),
        currency: currency.to_string(),
        total: total.to_string(),
    }))
}

/// Records a cost line of a mission (coordinators and admins); recorded in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/missions/{id}/costs",
    tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id")),
    request_body = CostBody,
    responses(
        (status = 201, description = "Recorded", body = CostView,
            headers(("Location" = String, description = "The line's address, to remove it"))),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The mission's expert or host: costs are for coordinators and admins", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such mission, or not the caller's to see", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (no per diem rate for the country among them), or the mission has 200 lines already", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let mission = managed(&state, &actor, &id).await?;
    let input: CostBody = json(&body)?;
    let programme = programme_of(&state, &mission).await?;
    let typed = CostInput {
        category: input.category,
        description: input.description,
        quantity: input.quantity.map(|n| n.to_string()).unwrap_or_default(),
        unit_amount: input.unit_amount.unwrap_or_default(),
    };
    let fields = typed.validate(&mission, &programme.plan.budget).map_err(AppError::Invalid)?;
    let cost = costs::add(&state.db, &actor, &mission, &fields, &ip.to_string()).await.map_err(AppError::from)?;
    let lines = costs::of_mission(&state.db, mission.id).await?;
    let line = lines.iter().find(|line| line.id == cost).ok_or(AppError::NotFound)?;
    let location = format!("/api/v1/missions/{}/costs/{cost}", mission.id);
    let body = Json(view(line, programme.plan.budget.currency));
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], body).into_response())
}

/// Removes a cost line of a mission (coordinators and admins); recorded in the audit log.
#[utoipa::path(
    delete,
    path = "/api/v1/missions/{id}/costs/{cost}",
    tag = "pipeline",
    params(
        ("id" = String, Path, description = "The mission's id"),
        ("cost" = i64, Path, description = "The line's id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The mission's expert or host: costs are for coordinators and admins", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such mission, or no such line on it", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, cost)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let mission = managed(&state, &actor, &id).await?;
    let cost: i64 = cost.parse().map_err(|_| AppError::NotFound)?;
    costs::remove(&state.db, &actor, mission.id, cost, &ip.to_string()).await.map_err(AppError::from)?;
    Ok(StatusCode::NO_CONTENT)
}
