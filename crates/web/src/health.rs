//! Liveness and readiness, for process supervisors and load balancers.

use crate::routes::Routes;
use crate::{AppState, metrics};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// The process is alive and answering.
async fn healthz() -> &'static str {
    "ok"
}

/// How far the index is behind the change log (entries, counted up to a cap).
pub(crate) async fn index_lag(state: &AppState) -> Option<i64> {
    passerelle_db::change_log::pending(&state.db, state.search.index.applied(), 100_000).await.ok()
}

/// The process can serve: the database answers and is migrated, and the search index is not
/// being rebuilt (its lag, in change-log entries, is reported).
async fn readyz(State(state): State<AppState>) -> Response {
    let database = state.db.is_ready().await;
    let rebuilding = state.search.index.is_rebuilding();
    let lag = index_lag(&state).await;
    let ready = database && !rebuilding;
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = json!({
        "status": if ready { "ready" } else { "not ready" },
        "database": if database { "ok" } else { "unavailable or not migrated" },
        "index": if rebuilding { "rebuilding" } else { "ok" },
        "index_lag": lag,
        "index_documents": state.search.index.documents(),
    });
    (status, Json(body)).into_response()
}

pub(crate) fn routes() -> Routes {
    Routes::new().get("/healthz", "ops.health", healthz).get("/readyz", "ops.ready", readyz).get(
        "/metrics",
        "ops.metrics",
        metrics::serve,
    )
}
