//! Reading JSON bodies after the authorization checks (so that a person who may not act learns
//! nothing from the answer about the body), and numbers sent as numbers or as text.

use crate::AppError;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Middleware: a write to the API (`POST`, `PUT`, `PATCH` under `/api/`) must declare its body
/// as `application/json`; anything else is answered 415 before a handler reads it, so that a
/// body is never taken for JSON on a guess.
pub async fn json_only(request: Request, next: Next) -> Response {
    let writes = matches!(*request.method(), Method::POST | Method::PUT | Method::PATCH);
    // Routes that take files read multipart/form-data; their handlers check the type after
    // the authorization.
    let uploads = request.extensions().get::<crate::layers::UploadRoute>().is_some();
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

/// Parses a JSON body; malformed JSON, a wrong type or an unknown field is a 422 naming the
/// field (`skills[0].level`), or `body` when the JSON itself is broken. No route takes an array,
/// and serde would read one as a struct (its items taken as the fields in order): an array is
/// refused here for every body.
pub fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    if body.trim_ascii_start().first() == Some(&b'[') {
        return Err(not_an_object());
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let field = if path == "." { "body".to_owned() } else { path };
        AppError::Invalid(vec![crate::FieldError::new(field, "json.invalid", error.into_inner().to_string())])
    })
}

/// Parses a JSON body that must be an object, as [`json`] does: serde would otherwise read an
/// array as a struct, its items taken as the fields in order (`[null, null]` for a body whose
/// fields may all be absent).
pub fn object<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    if body.trim_ascii_start().first() != Some(&b'{') {
        return Err(not_an_object());
    }
    json(body)
}

fn not_an_object() -> AppError {
    AppError::Invalid(vec![crate::FieldError::new("body", "json.invalid", "the body must be a JSON object")])
}

/// A number, accepted as a JSON number or as text, so that validation can name a wrong value
/// at its field instead of refusing the whole body.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum NumberOrText {
    Number(i64),
    Text(String),
}

impl NumberOrText {
    pub fn text(value: &Option<NumberOrText>) -> String {
        match value {
            Some(NumberOrText::Number(n)) => n.to_string(),
            Some(NumberOrText::Text(t)) => t.clone(),
            None => String::new(),
        }
    }
}

/// `offset` (default 0) and `limit` (default 50) of a list; their ranges (0 to 1,000,000 and
/// 1 to 200) were checked when the query was read (`crate::query`).
pub fn paging(offset: Option<u32>, limit: Option<u32>) -> Result<(u32, u32), AppError> {
    Ok((offset.unwrap_or(0), limit.unwrap_or(50)))
}

/// An optional filter parsed with `parse`, or a 422 naming it.
pub fn filter<T>(
    field: &str,
    text: &Option<String>,
    parse: impl FnOnce(&str) -> Result<T, passerelle_core::ParseError>,
) -> Result<Option<T>, AppError> {
    match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => {
            parse(text).map(Some).map_err(|e| AppError::Invalid(vec![crate::FieldError::from_parse(field, &e)]))
        }
        None => Ok(None),
    }
}
