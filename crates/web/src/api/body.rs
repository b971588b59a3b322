//! Reading JSON bodies after the authorization checks (so that a person who may not act learns
//! nothing from the answer about the body), and numbers sent as numbers or as text.

use crate::AppError;
use serde::Deserialize;
use serde::de::DeserializeOwned;

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
