//! The web edge of Passerelle: the axum router, HTML pages in English and French, the JSON API,
//! and what every request goes through (request id, tracing, metrics, security headers,
//! compression, time and size limits, panic catching, error rendering).
//!
//! This crate holds no SQL and no business rules: handlers parse input, ask a capability crate,
//! and render. Errors are one type, [`AppError`], rendered as a page for browsers and as
//! `application/problem+json` under `/api/` (ARCHITECTURE decision 4).

mod assets;
mod error;
mod health;
mod home;
pub mod i18n;
mod layers;
pub mod metrics;
mod page;

pub use error::{AppError, FieldError};
pub use metrics::Metrics;
pub use page::PageContext;

use axum::Router;
use passerelle_db::Db;
use std::sync::Arc;
use std::time::Duration;

/// What the web layer needs from the configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Longest time a request may take before it is answered 503.
    pub request_timeout: Duration,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self { request_timeout: Duration::from_secs(30), body_limit: 2 * 1024 * 1024 }
    }
}

/// Shared state of every handler. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<WebConfig>,
    pub metrics: Arc<Metrics>,
}

/// The whole application: every route, wrapped in the layers every request goes through.
pub fn app(state: AppState) -> Router {
    let routes = Router::new()
        .merge(home::routes())
        .merge(health::routes())
        .merge(assets::routes())
        .fallback(|| async { AppError::NotFound });
    layers::wrap(routes, state)
}
