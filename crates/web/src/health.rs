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

/// The process can serve: the database answers and is migrated.
async fn readyz(State(state): State<AppState>) -> Response {
    let database = state.db.is_ready().await;
    let status = if database { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = json!({
        "status": if database { "ready" } else { "not ready" },
        "database": if database { "ok" } else { "unavailable or not migrated" },
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
