//! The JSON API under `/api/v1`. Authenticated by personal bearer tokens (or the browser
//! session, with the CSRF header for changes); errors are `application/problem+json`.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::routes::Routes;
use axum::Json;
use serde::Serialize;

pub(crate) fn routes() -> Routes {
    Routes::new().get("/api/v1/me", "api.me", me)
}

#[derive(Serialize)]
struct Me {
    id: String,
    email: String,
    name: String,
    role: &'static str,
    locale: &'static str,
    institution_id: Option<String>,
}

/// Who the token (or session) belongs to.
async fn me(CurrentUser(actor): CurrentUser) -> Result<Json<Me>, AppError> {
    Ok(Json(Me {
        id: actor.user_id.to_string(),
        email: actor.email.to_string(),
        name: actor.name,
        role: actor.role.code(),
        locale: actor.locale.code(),
        institution_id: actor.institution.map(|i| i.to_string()),
    }))
}
