//! `GET /api/v1/me/todo`: what waits for the caller, as on their home page.

use crate::auth::CurrentUser;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::State;
use serde::Serialize;

/// One piece of work.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TodoEntry {
    id: String,
    /// What it is called (a request's title, a call's, a person's name).
    title: String,
    /// A day (YYYY-MM-DD), a moment (RFC 3339), a name or a code, by kind.
    detail: String,
    /// The page where it is done.
    link: String,
}

/// A kind of work and what waits of it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TodoItem {
    /// invitations_to_answer, calls_to_answer, reports_due, profile_missing, profile_stale
    /// , profile_to_claim (experts); requests_needing_changes, requests_to_take_over, candidates_to_approve,
    /// missions_to_evaluate (hosts); review_queue, requests_without_full_match,
    /// invitations_expiring, checklists_due, missions_to_close (staff); accounts_pending,
    /// institutions_to_verify (admins).
    kind: &'static str,
    count: i64,
    /// The page listing all of them, if there is one.
    link: Option<&'static str>,
    /// The first five at most.
    entries: Vec<TodoEntry>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Todo {
    /// expert, institution, coordinator or admin.
    role: &'static str,
    /// Every kind of work of the caller's role, those with nothing waiting too.
    items: Vec<TodoItem>,
}

/// What waits for the caller: by role, each kind of work with how many and the first few.
#[utoipa::path(
    get,
    path = "/api/v1/me/todo",
    tag = "accounts",
    responses(
        (status = 200, description = "The caller's to-do list", body = Todo),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn todo(State(state): State<AppState>, CurrentUser(actor): CurrentUser) -> Result<Json<Todo>, AppError> {
    let items = crate::todo::for_actor(&state, &actor).await?;
    let items = items
        .into_iter()
        .map(|item| TodoItem {
            kind: item.kind,
            count: item.count,
            link: crate::todo::links(item.kind, "").1,
            entries: item
                .entries
                .into_iter()
                .map(|e| TodoEntry {
                    link: crate::todo::links(item.kind, &e.id).0,
                    id: e.id,
                    title: e.title,
                    detail: e.detail,
                })
                .collect(),
        })
        .collect();
    Ok(Json(Todo { role: actor.role.code(), items }))
}
