//! `/api/v1/notifications/…`: marking the caller's notifications read, and their choice of
//! email or in-app only, as on the inbox page (`crate::notifications`). Everyone
//! signed in, for their own notifications only (the inbox itself is `GET /api/v1/notifications`,
//! in `figures`).

use super::body::{json, object};
use crate::auth::{ClientIp, CurrentUser};
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use passerelle_missions::notifications;
use serde::{Deserialize, Serialize};

/// Which notifications to mark read.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = NotificationsToMarkRead)]
pub struct ReadBody {
    /// One of the caller's notifications (the `id` of an inbox item); absent or null: all of
    /// them. Another person's notification is never touched.
    id: Option<i64>,
}

/// What marking read did.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = NotificationsMarkedRead)]
pub struct ReadView {
    /// How many were unread and are now read.
    marked: u64,
    /// How many are still unread.
    unread: i64,
}

/// email: in the app and by email; in_app: in the app only (emails not sent yet are dropped).
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = NotificationDelivery)]
pub enum Delivery {
    Email,
    InApp,
}

/// How the caller is told of notifications.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = NotificationSettings)]
pub struct SettingsView {
    delivery: Delivery,
}

/// How the caller wants to be told of notifications.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = NotificationSettingsInput)]
pub struct SettingsBody {
    /// email or in_app, exactly.
    #[schema(required = true, value_type = Delivery)]
    delivery: String,
}

fn settings_view(email: bool) -> SettingsView {
    SettingsView { delivery: if email { Delivery::Email } else { Delivery::InApp } }
}

/// Marks one of the caller's notifications read, or all of them (no body, `null` or `{}`).
#[utoipa::path(
    post,
    path = "/api/v1/notifications/read",
    tag = "pipeline",
    request_body = Option<ReadBody>,
    responses(
        (status = 200, description = "Marked; how many, and how many are still unread", body = ReadView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn read(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    body: Bytes,
) -> Result<Json<ReadView>, AppError> {
    // No body, `null` or `{}`: all of them.
    let input = if body.trim_ascii().is_empty() { None } else { json::<Option<ReadBody>>(&body)? };
    let input = input.unwrap_or_default();
    let marked = notifications::mark_read(&state.db, actor.user_id, input.id).await?;
    let unread = notifications::unread(&state.db, actor.user_id).await?;
    Ok(Json(ReadView { marked, unread }))
}

/// How the caller is told of notifications: by email as well, or in the app only.
#[utoipa::path(
    get,
    path = "/api/v1/notifications/settings",
    tag = "pipeline",
    responses(
        (status = 200, description = "The caller's choice (email unless they said otherwise)", body = SettingsView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn settings(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
) -> Result<Json<SettingsView>, AppError> {
    Ok(Json(settings_view(notifications::wants_email(&state.db, actor.user_id).await?)))
}

/// Chooses how the caller is told of notifications. Recorded in the audit log.
#[utoipa::path(
    put,
    path = "/api/v1/notifications/settings",
    tag = "pipeline",
    request_body = SettingsBody,
    responses(
        (status = 200, description = "Saved", body = SettingsView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not email nor in_app", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn save_settings(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Json<SettingsView>, AppError> {
    let input: SettingsBody = object(&body)?;
    let email = crate::notifications::delivery(&input.delivery)?;
    crate::notifications::write_delivery(&state, &actor, &ip.to_string(), email).await?;
    Ok(Json(settings_view(email)))
}
