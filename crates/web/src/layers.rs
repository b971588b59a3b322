//! What every request goes through, outermost first: a request id, a tracing span carrying it,
//! metrics, security headers (HSTS when cookies are `Secure`), compression, the cross-origin
//! check, the language cookie, error rendering, identification, the CSRF token check, a time
//! limit, panic catching and a body-size limit (larger on the routes that take files).

use crate::error::{AppError, render};
use crate::{AppState, auth, csrf, i18n, metrics};
use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::any::Any;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// No inline script, no plug-ins, no framing, no foreign origins: pages and their assets come
/// from us alone.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Two years, subdomains included: what browsers' preload lists ask for.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

/// Marks a request to a route that takes files (see `Routes::uploads`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct UploadRoute;

/// The routes that take files, as (method, path pattern).
type UploadRoutes = std::collections::HashSet<(&'static str, &'static str)>;

pub(crate) fn wrap(routes: Router<AppState>, state: AppState, uploads: UploadRoutes) -> Router {
    let config = state.config.clone();
    let uploads = std::sync::Arc::new(uploads);
    let mark_uploads = move |mut request: Request, next: Next| {
        let uploads = uploads.clone();
        async move {
            let matched = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
            if matched.is_some_and(|path| uploads.iter().any(|(m, p)| *m == request.method().as_str() && *p == path)) {
                request.extensions_mut().insert(UploadRoute);
            }
            next.run(request).await
        }
    };
    let body_limits = BodyLimits {
        normal: config.body_limit,
        upload: usize::try_from(state.files.limits.max_file_bytes)
            .unwrap_or(usize::MAX)
            .saturating_add(UPLOAD_OVERHEAD),
    };
    let body_timeout = config.request_timeout;
    // Only when cookies are `Secure`, i.e. we are reached over HTTPS: sent over plain HTTP on a
    // local setup, the header would be ignored at best, and at worst pin a name to HTTPS.
    let hsts = config.secure_cookies.then(|| {
        SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        )
    });
    let security_headers = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        ))
        .option_layer(hsts);

    routes
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, OwnRequestId))
                .layer(from_fn(mark_uploads))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(|request: &Request| {
                            let id = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                            // The path only: query strings can carry tokens.
                            tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path())
                        })
                        .on_request(())
                        .on_response(DefaultOnResponse::new().level(Level::INFO)),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(from_fn_with_state(state.metrics.clone(), metrics::track))
                .layer(security_headers)
                .layer(CompressionLayer::new())
                .layer(from_fn(i18n::remember_choice))
                .layer(from_fn(render))
                .layer(from_fn(move |request, next| read_body(body_limits, body_timeout, request, next)))
                .layer(CsrfLayer::new())
                .layer(from_fn_with_state(state.clone(), auth::identify))
                .layer(from_fn(csrf::guard))
                .layer(from_fn(json_only))
                .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, config.request_timeout))
                .layer(CatchPanicLayer::custom(panic_response)),
        )
        .with_state(state)
}

/// Room for the form fields and multipart framing around a file of the largest size.
const UPLOAD_OVERHEAD: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy)]
struct BodyLimits {
    normal: usize,
    upload: usize,
}

/// Reads the body before anything answers, within the route's limit (413 at once when its
/// declared length is past it) and the request's time. An answer given without reading the
/// body (a 401 before the handler, a handler that takes none) would otherwise leave its bytes
/// on the connection, which the server then closes under a keep-alive client about to reuse it.
/// A file upload streams instead, bounded by its own limit, for its handler to write to disk.
async fn read_body(limits: BodyLimits, timeout: Duration, request: Request, next: Next) -> Response {
    let upload = request.extensions().get::<UploadRoute>().is_some();
    let limit = if upload { limits.upload } else { limits.normal };
    let too_large = || AppError::TooLarge(format!("the body must be at most {limit} bytes")).into_response();
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large();
    }
    if upload {
        return next.run(request.map(|body| Body::new(Limited::new(body, limit)))).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match tokio::time::timeout(timeout, Limited::new(body, limit).collect()).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => return too_large(),
        Ok(Err(_)) => return AppError::BadRequest("the body could not be read".into()).into_response(),
        Err(_) => return AppError::BadRequest("the body did not arrive in time".into()).into_response(),
    };
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    AppError::Internal(anyhow::anyhow!("handler panicked: {message}")).into_response()
}

/// A fresh uuid for every request. An id sent by the client is not trusted: it would let anyone
/// choose what our log lines say.
#[derive(Clone, Copy)]
struct OwnRequestId;

impl MakeRequestId for OwnRequestId {
    fn make_request_id<B>(&mut self, _request: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&uuid::Uuid::now_v7().to_string()).ok().map(RequestId::new)
    }
}

/// Middleware: a write to the API (`POST`, `PUT`, `PATCH` under `/api/`) must declare its body
/// as `application/json`; anything else is answered 415 before a handler reads it, so that a
/// body is never taken for JSON on a guess.
pub async fn json_only(request: Request, next: Next) -> Response {
    let writes = matches!(*request.method(), Method::POST | Method::PUT | Method::PATCH);
    // Routes that take files read multipart/form-data; their handlers check the type after
    // the authorization.
    let uploads = request.extensions().get::<UploadRoute>().is_some();
    if writes && !uploads && request.uri().path().starts_with("/api/") && !is_json(&request) && !bodiless(&request) {
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, "the body must be sent as application/json").into_response();
    }
    next.run(request).await
}

/// A request with no body and no declared type (`POST …/messages/read` takes nothing): not a
/// body taken for JSON on a guess; a route that wants one finds it empty (422).
fn bodiless(request: &Request) -> bool {
    let headers = request.headers();
    let length = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok());
    headers.get(header::CONTENT_TYPE).is_none()
        && headers.get(header::TRANSFER_ENCODING).is_none()
        && length.is_none_or(|l| l.trim() == "0")
}

/// `application/json`, with or without parameters (`; charset=utf-8`).
fn is_json(request: &Request) -> bool {
    let Some(value) = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let media_type = value.split(';').next().unwrap_or_default().trim();
    media_type.eq_ignore_ascii_case("application/json")
}
