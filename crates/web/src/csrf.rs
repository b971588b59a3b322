//! Cross-site request forgery: two independent defences on every state-changing request.
//!
//! 1. Cross-origin requests are refused from their `Origin` / `Sec-Fetch-Site` headers
//!    (tower-http's `CsrfLayer`, in `layers`).
//! 2. A browser request must also carry the token of its session (or, before sign-in, of its
//!    CSRF cookie): in the form field `csrf`, or the `X-CSRF-Token` header for scripts. Requests
//!    authenticated by a bearer token are exempt: browsers never attach one on their own.
//!    A form that sends files (`multipart/form-data`) carries the token as its first field,
//!    read here from the first bytes of the body without holding the rest (the file streams on
//!    to its handler).
//!
//! An anonymous write to the API is answered 401 here, before the token check: no API route
//! changes anything for a visitor who is not signed in, so there is nothing to forge, and an
//! API client must learn that it lacks credentials, not that "the form has expired".

use crate::AppError;
use crate::auth::Auth;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use passerelle_accounts::secret;

pub const FIELD: &str = "csrf";
pub const HEADER: &str = "x-csrf-token";

/// Largest form body read to find the token; larger forms must send the header.
const MAX_FORM: usize = 4 * 1024 * 1024;

pub async fn guard(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let auth = request.extensions().get::<Auth>();
    if matches!(auth, Some(Auth::Anonymous { .. })) && request.uri().path().starts_with("/api/") {
        return AppError::Unauthenticated.into_response();
    }
    let Some(expected) = auth.map(|a| a.csrf().map(str::to_owned)) else {
        return AppError::Csrf.into_response();
    };
    let Some(expected) = expected else {
        return next.run(request).await;
    };
    if let Some(sent) = request.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return if secret::same(sent, &expected) { next.run(request).await } else { AppError::Csrf.into_response() };
    }
    let content_type =
        request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    if let Ok(boundary) = multer::parse_boundary(&content_type) {
        return multipart(request, next, &expected, boundary).await;
    }
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    if !is_form {
        return AppError::Csrf.into_response();
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM).await else {
        return AppError::BadRequest("the form could not be read".into()).into_response();
    };
    let sent = form_urlencoded::parse(&bytes).find(|(name, _)| name == FIELD).map(|(_, value)| value.into_owned());
    if sent.is_some_and(|sent| secret::same(&sent, &expected)) {
        next.run(Request::from_parts(parts, Body::from(bytes))).await
    } else {
        AppError::Csrf.into_response()
    }
}

/// The most of a multipart body read to find its first field.
const PEEK: usize = 16 * 1024;

/// Checks the token in the first field of a multipart form, then passes the whole body on.
async fn multipart(request: Request, next: Next, expected: &str, boundary: String) -> Response {
    use futures_util::StreamExt;
    let (parts, body) = request.into_parts();
    let mut stream = body.into_data_stream();
    let mut prefix = bytes::BytesMut::new();
    while prefix.len() < PEEK {
        match stream.next().await {
            Some(Ok(chunk)) => prefix.extend_from_slice(&chunk),
            Some(Err(_)) => return AppError::BadRequest("the form could not be read".into()).into_response(),
            None => break,
        }
    }
    let prefix = prefix.freeze();
    let head = futures_util::stream::once(std::future::ready(Ok::<_, std::convert::Infallible>(prefix.clone())));
    let mut form = multer::Multipart::new(head, boundary);
    let sent = match form.next_field().await {
        Ok(Some(field)) if field.name() == Some(FIELD) => field.text().await.ok(),
        _ => None,
    };
    if !sent.is_some_and(|sent| secret::same(&sent, expected)) {
        return AppError::Csrf.into_response();
    }
    let whole = futures_util::stream::once(std::future::ready(Ok(prefix))).chain(stream);
    next.run(Request::from_parts(parts, Body::from_stream(whole))).await
}
