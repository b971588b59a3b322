use crate::AppError;
use crate::auth::CurrentUser;
use axum::Json;
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
pub async fn me(CurrentUser(actor): CurrentUser) -> Result<Json<Me>, AppError> {
    Ok(Json(Me {
        id: actor.user_id.to_string(),
        email: actor.email.to_string(),
        name: actor.name,
        role: actor.role.code(),
        locale: actor.locale.code(),
        institution_id: actor.institution.map(|i| i.to_string()),
    }))
}
