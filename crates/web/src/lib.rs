//! The web edge of Passerelle: the axum router, HTML pages in English and French, the JSON API,
//! and what every request goes through (request id, tracing, metrics, security headers,
//! compression, identification, CSRF, time and size limits, panic catching, error rendering).
//!
//! This crate holds no SQL and no business rules: handlers parse input, ask a capability crate
//! (which owns its rules, its policy and its SQL), and render. Errors are one type,
//! [`AppError`], rendered as a page for browsers and as `application/problem+json` under
//! `/api/` (ARCHITECTURE decision 4).

mod account;
mod api;
mod assets;
pub mod auth;
mod calendar;
mod calls;
mod candidates;
mod charts;
mod choices;
mod csrf;
mod dashboard;
mod documents;
mod domain_errors;
mod error;
mod exports;
mod form_errors;
mod format;
mod forms;
mod health;
mod history;
mod home;
pub mod i18n;
mod institutions;
pub mod jobs;
mod layers;
mod mail;
mod messages;
pub mod metrics;
pub(crate) mod missions;
mod notifications;
mod onboarding;
mod page;
mod pager;
mod pdf_out;
pub(crate) mod profiles;
mod programmes;
pub mod query;
#[cfg(test)]
mod query_strings;
mod requests;
mod routes;
mod search;
mod todo;
mod uploads;
mod visible;
mod words;

pub use error::{AppError, FieldError};
pub use metrics::Metrics;
pub use page::PageContext;
pub use routes::RouteSpec;

use axum::Router;
use governor::{DefaultKeyedRateLimiter, Quota};
use passerelle_accounts::sessions;
use passerelle_accounts::throttle::{Limits, LoginThrottle};
use passerelle_db::Db;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// What the web layer needs from the configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Longest time a request may take before it is answered 503.
    pub request_timeout: Duration,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The address people use to reach us, for links in emails (`https://passerelle.example`).
    pub public_url: String,
    /// `Secure` and `__Host-` cookies; off only for plain-HTTP local use.
    pub secure_cookies: bool,
    pub session: sessions::Lifetime,
    /// Sign-ups accepted per client address per hour.
    pub signups_per_hour: u32,
    /// Password-reset requests accepted per client address per hour.
    pub resets_per_hour: u32,
    /// A profile not confirmed for this long is stale.
    pub stale_after: time::Duration,
    /// `/readyz` answers not ready until the search index has applied this change-log sequence
    /// (the last one when the server started).
    pub index_ready_from: passerelle_db::Position,
    /// …and, afterwards, while the index is more than this many changes behind.
    pub index_max_lag: u64,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            request_timeout: Duration::from_secs(30),
            body_limit: 2 * 1024 * 1024,
            public_url: "http://127.0.0.1:8080".into(),
            secure_cookies: false,
            session: sessions::Lifetime::default(),
            signups_per_hour: 20,
            resets_per_hour: 10,
            stale_after: time::Duration::days(182),
            index_ready_from: passerelle_db::Position::default(),
            index_max_lag: 2000,
        }
    }
}

/// Limits on what one client may attempt.
pub struct Guards {
    pub login: LoginThrottle,
    pub signup: DefaultKeyedRateLimiter<IpAddr>,
    pub reset: DefaultKeyedRateLimiter<IpAddr>,
}

impl Guards {
    pub fn new(config: &WebConfig) -> Self {
        let hourly = |n: u32| {
            let n = NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
            Quota::per_hour(n).allow_burst(n)
        };
        Guards {
            login: LoginThrottle::new(Limits::default()),
            signup: governor::RateLimiter::keyed(hourly(config.signups_per_hour)),
            reset: governor::RateLimiter::keyed(hourly(config.resets_per_hour)),
        }
    }

    /// Forgets clients not seen for a while (call periodically).
    pub fn forget_idle(&self) {
        self.signup.retain_recent();
        self.reset.retain_recent();
    }
}

/// Shared state of every handler. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<WebConfig>,
    pub metrics: Arc<Metrics>,
    pub guards: Arc<Guards>,
    /// Wakes the email sender after a transaction queued an email.
    pub mail_queued: Arc<Notify>,
    /// Wakes the scheduler after a change wrote notifications (their emails are to be written).
    pub notifications_queued: Arc<Notify>,
    pub search: Arc<passerelle_search::Search>,
    /// The skill taxonomy in memory (the linker, the relations), reloaded when it changes.
    pub taxonomy: Arc<passerelle_taxonomy::TaxonomyCache>,
    /// The file store of documents, its limits and scanner.
    pub files: Arc<passerelle_missions::documents::Files>,
    /// Wakes the file task after an upload (a scan to run) or a deletion (objects to sweep).
    pub files_queued: Arc<Notify>,
}

impl AppState {
    pub fn new(db: Db, config: WebConfig, metrics: Metrics, search: Arc<passerelle_search::Search>) -> Self {
        AppState {
            db,
            taxonomy: search.taxonomy.clone(),
            search,
            guards: Arc::new(Guards::new(&config)),
            config: Arc::new(config),
            metrics: Arc::new(metrics),
            mail_queued: Arc::new(Notify::new()),
            notifications_queued: Arc::new(Notify::new()),
            files: Arc::new(passerelle_missions::documents::Files::in_memory()),
            files_queued: Arc::new(Notify::new()),
        }
    }

    /// The taxonomy as it is now.
    pub async fn taxonomy(&self) -> Result<Arc<passerelle_taxonomy::Taxonomy>, AppError> {
        Ok(self.taxonomy.get(&self.db).await?)
    }

    /// Links the skills of profiles with the taxonomy as it is now.
    pub async fn resolver(&self) -> Result<passerelle_profiles::resolve::SkillResolver, AppError> {
        Ok(passerelle_profiles::resolve::SkillResolver::of(self.taxonomy().await?))
    }

    /// The same state with its documents in `files` (the server's store; a store in memory
    /// otherwise).
    pub fn with_files(mut self, files: passerelle_missions::documents::Files) -> Self {
        self.files = Arc::new(files);
        self
    }
}

fn all_routes() -> routes::Routes {
    use routes::Routes;
    Routes::new()
        .merge(home::routes())
        .merge(Routes::new().get("/home", "home.todo", todo::page))
        .merge(health::routes())
        .merge(assets::routes())
        .merge(account::routes())
        .merge(profiles::routes())
        .merge(onboarding::routes())
        .merge(search::routes())
        .merge(institutions::routes())
        .merge(programmes::routes())
        .merge(requests::routes())
        .merge(candidates::routes())
        .merge(missions::routes())
        .merge(calendar::routes())
        .merge(notifications::routes())
        .merge(calls::routes())
        .merge(dashboard::routes())
        .merge(exports::routes())
        .merge(documents::routes())
        .merge(messages::routes())
        .merge(api::routes())
}

/// Every route of the application, with the action it performs.
pub fn route_table() -> Vec<RouteSpec> {
    all_routes().into_parts().1
}

/// The whole application: every route, wrapped in the layers every request goes through.
pub fn app(state: AppState) -> Router {
    let (router, specs) = all_routes().into_parts();
    let uploads = specs.iter().filter(|s| s.uploads).map(|s| (s.method, s.path)).collect();
    layers::wrap(router.fallback(|| async { AppError::NotFound }), state, uploads)
}
