use crate::auth::CurrentUser;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::State;
use passerelle_accounts::Role;
use passerelle_profiles::service;
use serde::Serialize;

/// Who a token (or session) belongs to.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    id: String,
    email: String,
    name: String,
    /// expert, institution, coordinator or admin.
    role: &'static str,
    /// en or fr.
    locale: &'static str,
    /// The institution of an approved institution member.
    institution_id: Option<String>,
    /// An expert's profile (made on first need).
    expert_id: Option<String>,
}

/// The account the request is authenticated as.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "accounts",
    responses(
        (status = 200, description = "The account", body = Me),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn me(State(state): State<AppState>, CurrentUser(actor): CurrentUser) -> Result<Json<Me>, AppError> {
    let expert_id = match actor.role {
        Role::Expert => Some(service::profile_of_account(&state.db, actor.user_id, &actor.name).await?.to_string()),
        _ => None,
    };
    Ok(Json(Me {
        expert_id,
        id: actor.user_id.to_string(),
        email: actor.email.to_string(),
        name: actor.name,
        role: actor.role.code(),
        locale: actor.locale.code(),
        institution_id: actor.institution.map(|i| i.to_string()),
    }))
}
