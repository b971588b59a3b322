//! The one error type of the web edge, and its two renderings (ARCHITECTURE decision 4).
//!
//! A handler returns `AppError`; its response carries an [`ErrorReport`] and no body. The
//! [`render`] middleware, which knows the request (its path and language), then writes the
//! body: an HTML page in the reader's language, or RFC 9457 `application/problem+json` under
//! `/api/`. Responses that axum or a layer produced on its own (a rejected extractor, 405, a
//! timeout, a body too large, a panic) get the same treatment. A 500 never shows its cause: it
//! is logged with the request id, and the client gets the request id as a reference.

use crate::auth::Auth;
use crate::page::PageContext;
use askama::Template;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
pub use passerelle_core::FieldError;
use passerelle_core::Locale;
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("authentication required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// A state-changing request without the CSRF token of its session.
    #[error("missing or invalid CSRF token")]
    Csrf,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error("conflict: {detail}")]
    Conflict { detail: String, allowed: Vec<String> },
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// A body or a file larger than allowed (413), with what the limit is.
    #[error("too large: {0}")]
    TooLarge(String),
    /// A body of a type this route does not take (415).
    #[error("unsupported media type: {0}")]
    Unsupported(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unsupported(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A single invalid field.
    pub fn invalid(field: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, code, message)])
    }

    /// A 409: what the record's state refuses (the steps allowed now added by
    /// [`AppError::allowing`] where the handler knows them).
    pub fn conflict(detail: impl Into<String>) -> Self {
        AppError::Conflict { detail: detail.into(), allowed: vec![] }
    }

    /// A conflict with the codes of the steps the caller may take now, said in its detail too;
    /// any other answer unchanged.
    pub fn allowing<'a>(self, allowed: impl IntoIterator<Item = &'a str>) -> Self {
        match self {
            AppError::Conflict { detail, .. } => {
                let allowed: Vec<String> = allowed.into_iter().map(str::to_owned).collect();
                let listed = if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") };
                AppError::Conflict { detail: format!("{detail}; allowed now: {listed}"), allowed }
            }
            other => other,
        }
    }
}

impl AppError {
    /// The search layer's answer: a page it does not serve is a 422 on `field` (the query
    /// parameter that asked for it), anything else an internal error.
    pub fn from_search(field: &str, error: passerelle_search::SearchError) -> Self {
        match error {
            passerelle_search::SearchError::OutOfRange { .. } => {
                AppError::invalid(field, "number.range", error.to_string())
            }
            passerelle_search::SearchError::Index(error) => AppError::Internal(error),
        }
    }
}

impl From<passerelle_db::sqlx::Error> for AppError {
    fn from(e: passerelle_db::sqlx::Error) -> Self {
        AppError::Internal(e.into())
    }
}

/// What the renderer needs to write an error body. Travels in the response extensions.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    status: StatusCode,
    /// Safe to show: never set for 5xx.
    detail: Option<String>,
    fields: Vec<FieldError>,
    allowed: Vec<String>,
    retry_after_secs: Option<u64>,
    /// A translated explanation for the HTML page, when the status alone says too little.
    text_key: Option<&'static str>,
}

impl ErrorReport {
    fn for_status(status: StatusCode) -> Self {
        Self { status, detail: None, fields: vec![], allowed: vec![], retry_after_secs: None, text_key: None }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut report = ErrorReport::for_status(status);
        match self {
            AppError::Internal(error) => {
                // Logged inside the request span, so the line carries the request id.
                tracing::error!(error = format!("{error:#}"), "internal error");
            }
            AppError::BadRequest(detail) | AppError::TooLarge(detail) | AppError::Unsupported(detail) => {
                report.detail = Some(detail)
            }
            AppError::Invalid(fields) => report.fields = fields,
            AppError::Conflict { detail, allowed } => {
                report.detail = Some(detail);
                report.allowed = allowed;
            }
            AppError::TooManyRequests { retry_after_secs } => report.retry_after_secs = Some(retry_after_secs),
            AppError::Csrf => {
                report.detail = Some("the form has expired or was sent from another site".into());
                report.text_key = Some("error-text-csrf");
            }
            AppError::NotFound | AppError::Unauthenticated | AppError::Forbidden => {}
        }
        let mut response = status.into_response();
        if let Some(secs) = report.retry_after_secs {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response.extensions_mut().insert(Arc::new(report));
        response
    }
}

/// Writes the body of every error response, as a page or as problem details.
pub async fn render(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let is_get = request.method() == axum::http::Method::GET;
    let uri = request.uri().clone();
    let headers = request.headers().clone();
    let request_id = headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let response = next.run(request).await;

    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let auth = response.extensions().get::<Auth>().cloned();
    let report = match response.extensions().get::<Arc<ErrorReport>>() {
        Some(report) => ErrorReport::clone(report),
        // Produced outside our handlers: keep a short plain-text reason for 4xx (it describes
        // the client's input), nothing for 5xx.
        None if !is_rendered(&response) => {
            let mut report = ErrorReport::for_status(status);
            if status.is_client_error() {
                report.detail = plain_text_reason(response).await;
            }
            report
        }
        None => return response,
    };
    if is_api {
        return problem_json(&report, uri.path(), request_id.as_deref());
    }
    if status == StatusCode::UNAUTHORIZED {
        return to_sign_in(if is_get { Some(&uri) } else { None });
    }
    let page = PageContext::new(&uri, &headers, auth.as_ref());
    html_page(&report, page, request_id.as_deref())
}

/// A browser that must sign in is sent to the sign-in page, and back here afterwards.
fn to_sign_in(back_to: Option<&axum::http::Uri>) -> Response {
    let location = match back_to.and_then(|uri| uri.path_and_query()) {
        Some(target) => format!("/login?next={}", crate::forms::url_encode(target.as_str())),
        None => "/login".to_owned(),
    };
    axum::response::Redirect::to(&location).into_response()
}

/// A response already has a body of ours when it declares HTML or JSON.
fn is_rendered(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.contains("json"))
}

async fn plain_text_reason(response: Response) -> Option<String> {
    let bytes = axum::body::to_bytes(response.into_body(), 4096).await.ok()?;
    let text = String::from_utf8_lossy(&bytes).trim().to_owned();
    (!text.is_empty()).then_some(text)
}

fn title_key(status: StatusCode) -> String {
    match status.as_u16() {
        code @ (400 | 401 | 403 | 404 | 405 | 408 | 409 | 413 | 415 | 422 | 429 | 500 | 503) => {
            format!("error-title-{code}")
        }
        _ => "error-title-other".to_owned(),
    }
}

/// An error, as RFC 9457 problem details (`application/problem+json`): the body of every error
/// the API answers, and its schema in the OpenAPI document.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// `about:blank`, `/problems/invalid-fields` or `/problems/illegal-transition`.
    #[serde(rename = "type")]
    kind: String,
    title: String,
    status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    /// The path that was asked for.
    instance: String,
    /// For server errors: the reference to give the support team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
    /// For 422: every invalid field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FieldError>,
    /// For 409 on an illegal transition: the states that may follow the current one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    allowed: Vec<String>,
}

fn problem_json(report: &ErrorReport, instance: &str, request_id: Option<&str>) -> Response {
    let kind = match report.status {
        StatusCode::UNPROCESSABLE_ENTITY if !report.fields.is_empty() => "/problems/invalid-fields".to_owned(),
        StatusCode::CONFLICT if !report.allowed.is_empty() => "/problems/illegal-transition".to_owned(),
        _ => "about:blank".to_owned(),
    };
    let problem = Problem {
        kind,
        title: crate::i18n::text(Locale::En, &title_key(report.status)),
        status: report.status.as_u16(),
        detail: report.detail.clone(),
        instance: instance.to_owned(),
        request_id: report.status.is_server_error().then_some(request_id).flatten().map(str::to_owned),
        errors: report.fields.clone(),
        allowed: report.allowed.clone(),
    };
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    let mut response = Response::new(Body::from(body));
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    finish(response, report)
}

/// Sets the status and, for 429, the `Retry-After` header.
fn finish(mut response: Response, report: &ErrorReport) -> Response {
    *response.status_mut() = report.status;
    if let Some(secs) = report.retry_after_secs {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    if report.status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: PageContext,
    status: u16,
    title: String,
    text: Option<String>,
    fields: &'a [FieldError],
    reference: Option<&'a str>,
}

fn html_page(report: &ErrorReport, page: PageContext, request_id: Option<&str>) -> Response {
    let status = report.status;
    let text = match status.as_u16() {
        _ if report.text_key.is_some() => report.text_key.map(|key| page.t(key)),
        404 => Some(page.t("error-text-404")),
        429 => Some(page.t1("error-text-429", "seconds", report.retry_after_secs.unwrap_or(60))),
        500..=599 => Some(page.t("error-text-500")),
        _ => report.detail.clone().or_else(|| Some(page.t("error-text-generic"))),
    };
    // Each field's problem in the reader's language, as a form would say it.
    let fields: Vec<FieldError> = report
        .fields
        .iter()
        .map(|e| FieldError { message: crate::form_errors::translate(page.locale, e), ..e.clone() })
        .collect();
    let template = ErrorPage {
        title: page.t(&title_key(status)),
        status: status.as_u16(),
        text,
        fields: &fields,
        reference: status.is_server_error().then_some(request_id).flatten(),
        page,
    };
    match template.render() {
        Ok(html) => finish(Html(html).into_response(), report),
        Err(error) => {
            tracing::error!(%error, "cannot render the error page");
            (status, "error").into_response()
        }
    }
}
