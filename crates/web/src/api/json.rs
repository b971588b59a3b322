//! A JSON body whose refusals are ours: a body that is not JSON, or a field of the wrong type,
//! or an unknown field, is a 422 problem naming the field (`skills[0].level`). It is read by
//! the extractor but parsed only when the handler asks ([`JsonBody::parse`]), after it has
//! decided the caller may do what they ask: a refusal must not depend on the body.

use crate::{AppError, FieldError};
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

pub struct JsonBody {
    is_json: bool,
    bytes: axum::body::Bytes,
}

/// Largest JSON body accepted.
const LIMIT: usize = 2 * 1024 * 1024;

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = AppError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, AppError> {
        let is_json = request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/json") || ct.contains("+json"));
        let bytes = axum::body::to_bytes(request.into_body(), LIMIT).await.map_err(|_| {
            AppError::invalid("body", "body.too_large", format!("the body must be at most {LIMIT} bytes"))
        })?;
        Ok(JsonBody { is_json, bytes })
    }
}

impl JsonBody {
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, AppError> {
        if !self.is_json {
            return Err(AppError::invalid("body", "body.content_type", "send the body as application/json"));
        }
        let mut deserializer = serde_json::Deserializer::from_slice(&self.bytes);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            let field = if path == "." { "body".to_owned() } else { path };
            AppError::Invalid(vec![FieldError::new(field, "json.invalid", error.into_inner().to_string())])
        })
    }
}
