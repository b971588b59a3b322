//! Requests entered on an institution's behalf: which institution a coordinator writes for, and
//! `POST /api/v1/requests/{id}/take-over`, by which a member makes such a request the
//! institution's own.

use super::{refused, view, visible};
use crate::auth::{ClientIp, CurrentUser};
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use passerelle_accounts::Actor;
use passerelle_core::InstitutionId;
use passerelle_missions::requests;

/// The institution a new request is written for: `None` for a member (their own); for staff,
/// the one they name (required).
pub(super) fn institution_for(actor: &Actor, named: Option<&str>) -> Result<Option<InstitutionId>, AppError> {
    let named = named.map(str::trim).filter(|t| !t.is_empty());
    match (actor.is_staff(), named) {
        (false, None) => Ok(None),
        (false, Some(_)) => Err(AppError::invalid(
            "institution_id",
            "request.institution_not_yours",
            "members write requests for their own institution: leave institution_id out",
        )),
        (true, None) => Err(AppError::invalid(
            "institution_id",
            "request.institution_required",
            "name the institution the request is entered for",
        )),
        (true, Some(text)) => {
            InstitutionId::parse(text).map(Some).map_err(|e| AppError::invalid("institution_id", e.code(), e.message()))
        }
    }
}

/// Takes over a request a coordinator entered on the institution's behalf (members of that
/// institution): from then on the institution submits it itself.
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/take-over",
    tag = "requests",
    params(("id" = String, Path, description = "The request's id")),
    responses(
        (status = 200, description = "Taken over", body = super::RequestView),
        (status = 401, description = "No valid token or session", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only a member of the institution takes a request over", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or not yours to see", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not entered on the institution's behalf, or taken over already", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 415, description = "A write to the API is sent as application/json (an empty object will do)", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn take_over(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Json<super::RequestView>, AppError> {
    let request = visible(&state, &actor, &id).await?;
    if let Err(error) = requests::take_over(&state.db, &actor, request.id, &ip.to_string()).await {
        return Err(refused(&state, &actor, request.id, error).await);
    }
    let request = visible(&state, &actor, &id).await?;
    Ok(Json(view(&state, &actor, request).await?))
}
