//! Liveness and readiness, for process supervisors and load balancers, and the metrics for
//! scrapers on this machine.
//!
//! `/healthz` says the process answers (restart it if not). `/readyz` says it can serve what
//! people ask of it: the database is reachable and migrated, and the search index is not being
//! rebuilt, follows the change log (it hears of other instances' changes as they commit and has
//! applied what was committed while it started: a change written through another instance just
//! before this one says ready is searchable here), has caught up with the change log as it was
//! when the server started (a restart with changes made meanwhile, e.g. by an import, is not
//! ready before they are searchable), and afterwards stays within `WebConfig::index_max_lag`
//! changes of it.

use crate::AppState;
use crate::routes::Routes;
use axum::Json;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_db::Position;
use serde_json::json;
use std::net::SocketAddr;

/// The process is alive and answering.
async fn healthz() -> &'static str {
    "ok"
}

/// How far the index is behind the change log (entries, counted up to a cap: beyond it, the
/// number matters less than the fact).
pub(crate) async fn index_lag(state: &AppState) -> Option<i64> {
    passerelle_db::change_log::pending(&state.db, state.search.index.applied(), 100_000).await.ok()
}

/// What the search index allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IndexState {
    Ok,
    Rebuilding,
    /// The indexer does not follow the change log yet (it is starting, or waits to hear of
    /// other instances' changes).
    Starting,
    /// Has not yet applied the changes made before the server started.
    CatchingUp,
    /// More changes behind than tolerated.
    Lagging,
    /// The change log cannot be read.
    Unknown,
}

impl IndexState {
    /// `lag`: the changes after `applied` (`None` when the change log cannot be read).
    fn of(
        rebuilding: bool,
        following: bool,
        applied: Position,
        lag: Option<i64>,
        ready_from: Position,
        max_lag: u64,
    ) -> IndexState {
        let Some(lag) = lag else { return IndexState::Unknown };
        if rebuilding {
            IndexState::Rebuilding
        } else if !following {
            IndexState::Starting
        } else if applied < ready_from {
            IndexState::CatchingUp
        } else if u64::try_from(lag).unwrap_or(0) > max_lag {
            IndexState::Lagging
        } else {
            IndexState::Ok
        }
    }

    fn text(self) -> &'static str {
        match self {
            IndexState::Ok => "ok",
            IndexState::Rebuilding => "rebuilding",
            IndexState::Starting => "starting: not yet following the change log",
            IndexState::CatchingUp => "catching up with the changes made before the start",
            IndexState::Lagging => "too far behind the change log",
            IndexState::Unknown => "unknown: the change log cannot be read",
        }
    }
}

/// The process can serve: the database answers and is migrated, and the search index is in
/// step with it (its lag, in change-log entries, is reported).
async fn readyz(State(state): State<AppState>) -> Response {
    let database = state.db.is_ready().await;
    let index = &state.search.index;
    let applied = index.applied();
    let lag = index_lag(&state).await;
    let index_state = IndexState::of(
        index.is_rebuilding(),
        index.is_following(),
        applied,
        lag,
        state.config.index_ready_from,
        state.config.index_max_lag,
    );
    let ready = database && index_state == IndexState::Ok;
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = json!({
        "status": if ready { "ready" } else { "not ready" },
        "database": if database { "ok" } else { "unavailable or not migrated" },
        "index": index_state.text(),
        "index_lag": lag,
        "index_documents": index.documents(),
    });
    (status, Json(body)).into_response()
}

pub(crate) fn routes() -> Routes {
    Routes::new().get("/healthz", "ops.health", healthz).get("/readyz", "ops.ready", readyz).get(
        "/metrics",
        "ops.metrics",
        serve,
    )
}

/// `GET /metrics`, for scrapers on this machine only: the figures say nothing personal, but
/// nothing outside needs them either.
pub(crate) async fn serve(State(state): State<AppState>, request: Request) -> Response {
    let metrics = state.metrics.clone();
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>();
    let local = peer.is_none_or(|ConnectInfo(addr)| addr.ip().is_loopback());
    if !local {
        return crate::AppError::NotFound.into_response();
    }
    // Figures read at scrape time.
    metrics.index_lag.set(index_lag(&state).await.unwrap_or(-1));
    metrics.index_documents.set(i64::try_from(state.search.index.documents()).unwrap_or(i64::MAX));
    metrics.outbox.set(passerelle_accounts::mail::pending_count(&state.db).await.unwrap_or(-1));
    let mut response = metrics.encode().into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"));
    *response.status_mut() = StatusCode::OK;
    response
}

#[cfg(test)]
mod tests {
    use super::IndexState;
    use passerelle_db::Position;

    #[test]
    fn the_index_is_ready_once_caught_up_with_the_start_and_then_within_the_tolerance() {
        let at = |seq| Position::new(0, seq);
        let of = |rebuilding, applied, lag, ready_from, max_lag| {
            IndexState::of(rebuilding, true, at(applied), lag, at(ready_from), max_lag)
        };
        assert_eq!(of(true, 0, Some(500), 500, 2000), IndexState::Rebuilding);
        // Rebuilt and caught up, but the indexer does not follow the log yet: a change written
        // through another instance now could wait for a poll.
        assert_eq!(IndexState::of(false, false, at(500), Some(0), at(500), 2000), IndexState::Starting);
        // After a restart, 70 changes made while stopped: within any tolerance, yet not ready.
        assert_eq!(of(false, 430, Some(70), 500, 2000), IndexState::CatchingUp);
        assert_eq!(of(false, 500, Some(0), 500, 2000), IndexState::Ok);
        // Later, new changes: ready while within the tolerance.
        assert_eq!(of(false, 500, Some(2000), 500, 2000), IndexState::Ok);
        assert_eq!(of(false, 500, Some(2001), 500, 2000), IndexState::Lagging);
        assert_eq!(of(false, 500, Some(1), 500, 0), IndexState::Lagging);
        assert_eq!(of(false, 500, None, 500, 2000), IndexState::Unknown);
        // A change log emptied behind the index (a restored database) does not make it lag.
        assert_eq!(of(false, 500, Some(0), 0, 0), IndexState::Ok);
    }
}
