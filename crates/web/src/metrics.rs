//! Prometheus metrics: requests and their latency by route and status, in the text exposition
//! format (served at `/metrics` by the health module). Later capabilities register their own gauges (index lag, queues).

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    pub(crate) index_lag: Gauge,
    pub(crate) index_documents: Gauge,
    pub(crate) outbox: Gauge,
}

impl Metrics {
    /// Registers the HTTP metrics, then lets the caller register its own.
    pub fn new(register_more: impl FnOnce(&mut Registry)) -> Self {
        let mut registry = Registry::with_prefix("passerelle");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register("http_requests", "HTTP requests answered, by route and status", requests.clone());
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0])
        });
        registry.register("http_request_duration_seconds", "Time to answer HTTP requests, by route", latency.clone());
        let index_lag = Gauge::default();
        registry.register("search_index_lag", "Change-log entries not yet in the search index", index_lag.clone());
        let index_documents = Gauge::default();
        registry.register("search_index_documents", "Experts in the search index", index_documents.clone());
        let outbox = Gauge::default();
        registry.register("email_outbox_pending", "Emails waiting to be sent", outbox.clone());
        register_more(&mut registry);
        Self { registry, requests, latency, index_lag, index_documents, outbox }
    }

    pub fn encode(&self) -> String {
        let mut text = String::new();
        if prometheus_client::encoding::text::encode(&mut text, &self.registry).is_err() {
            tracing::error!("cannot encode the metrics");
        }
        text
    }
}

/// Middleware: counts each request and times it, labelled by its route pattern (never the raw
/// path, which would carry ids and make the label set unbounded).
pub(crate) async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    let status = response.status().as_u16();
    metrics.requests.get_or_create(&RequestLabels { method: method.clone(), route: route.clone(), status }).inc();
    metrics.latency.get_or_create(&RouteLabels { method, route }).observe(started.elapsed().as_secs_f64());
    response
}
