//! Query strings, read with every number held to the range its parameter documents
//! (ARCHITECTURE decision 8).
//!
//! A query type derives `utoipa::IntoParams` and states each number's range there
//! (`#[param(minimum = 1, maximum = 500)]`). The [`Query`] extractor reads those ranges back
//! from the type's own parameter description, so the range the OpenAPI document publishes and
//! the range the server enforces are one and the same: a value outside it, or not a whole
//! number at all, is a 422 naming the parameter (problem+json under `/api/`, the error page
//! elsewhere), before any handler code runs. Any other value that does not fit its field is a
//! 422 naming it too, instead of axum's plain-text 400.

use crate::{AppError, FieldError};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::Value;
use utoipa::IntoParams;
use utoipa::openapi::path::ParameterIn;

/// A query string of type `T`, its numbers checked against their documented ranges.
#[derive(Debug, Clone, Default)]
pub struct Query<T>(pub T);

/// A numeric query parameter and the range it documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberParam {
    pub name: String,
    pub minimum: i64,
    pub maximum: i64,
}

impl NumberParam {
    fn admits(&self, text: &str) -> bool {
        text.parse::<i64>().is_ok_and(|n| (self.minimum..=self.maximum).contains(&n))
    }

    fn problem(&self) -> FieldError {
        FieldError::new(
            self.name.clone(),
            "number.range",
            format!("a whole number from {} to {}", self.minimum, self.maximum),
        )
    }
}

/// The numeric parameters of `T`, with their documented ranges. A number without a documented
/// bound gets the widest one, so that the test of `query_types_bound_every_number` can spot it.
pub fn numbers_of<T: IntoParams>() -> Vec<NumberParam> {
    T::into_params(|| Some(ParameterIn::Query))
        .into_iter()
        .filter_map(|parameter| {
            let schema = serde_json::to_value(parameter.schema.as_ref()?).ok()?;
            let integer = match &schema["type"] {
                Value::String(kind) => kind == "integer",
                Value::Array(kinds) => kinds.iter().any(|k| k == "integer"),
                _ => false,
            };
            integer.then(|| NumberParam {
                name: parameter.name,
                minimum: schema["minimum"].as_i64().unwrap_or(i64::MIN),
                maximum: schema["maximum"].as_i64().unwrap_or(i64::MAX),
            })
        })
        .collect()
}

/// The longest text search of a list (`q`), in characters.
pub const MAX_SEARCH_CHARS: usize = 200;

/// The text search of a list (`q`): trimmed, `None` when empty; one line of at most
/// [`MAX_SEARCH_CHARS`] without control characters, else a 422 naming `q`.
pub fn search_text(q: &str) -> Result<Option<String>, AppError> {
    let mut problems = passerelle_core::Problems::new();
    let text = problems.text("q", q, MAX_SEARCH_CHARS, false);
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems.into_vec()));
    }
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// Reads `raw` (a query string without its `?`) as a `T`.
pub fn parse<T: DeserializeOwned + IntoParams>(raw: &str) -> Result<T, AppError> {
    let numbers = numbers_of::<T>();
    let mut problems: Vec<FieldError> = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
        let Some(number) = numbers.iter().find(|n| n.name == name) else { continue };
        if !number.admits(&value) && !problems.iter().any(|p| p.field == name) {
            problems.push(number.problem());
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(raw.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let field = if path == "." { "query".to_owned() } else { path };
        AppError::Invalid(vec![FieldError::new(field, "query.invalid", error.into_inner().to_string())])
    })
}

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned + IntoParams,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        parse(parts.uri.query().unwrap_or_default()).map(Query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize, IntoParams)]
    #[serde(default)]
    #[into_params(parameter_in = Query)]
    struct Sample {
        q: String,
        #[param(minimum = 1, maximum = 500)]
        page: Option<u32>,
        #[param(minimum = 0, maximum = 90)]
        days: Option<u32>,
    }

    fn fields(error: AppError) -> Vec<String> {
        match error {
            AppError::Invalid(fields) => fields.into_iter().map(|f| f.field).collect(),
            other => panic!("not a 422: {other:?}"),
        }
    }

    #[test]
    fn numbers_carry_their_documented_ranges() {
        assert_eq!(
            numbers_of::<Sample>(),
            vec![
                NumberParam { name: "page".into(), minimum: 1, maximum: 500 },
                NumberParam { name: "days".into(), minimum: 0, maximum: 90 },
            ]
        );
    }

    #[test]
    fn values_inside_the_range_are_read() {
        let sample: Sample = parse("q=nurse&page=500&days=0").unwrap();
        assert_eq!((sample.q.as_str(), sample.page, sample.days), ("nurse", Some(500), Some(0)));
        let sample: Sample = parse("").unwrap();
        assert_eq!(sample.page, None);
    }

    #[test]
    fn values_outside_the_range_or_not_numbers_name_their_parameter() {
        for value in
            ["0", "501", "-1", "2147483648", "9223372036854775807", "18446744073709551616", "1e99", "abc", "", "1.5"]
        {
            let error = parse::<Sample>(&format!("page={value}")).unwrap_err();
            assert_eq!(fields(error), vec!["page"], "page={value}");
        }
        let error = parse::<Sample>("page=0&days=91").unwrap_err();
        assert_eq!(fields(error), vec!["page", "days"]);
    }

    #[test]
    fn other_misfits_name_their_field_too() {
        #[derive(Debug, Deserialize, IntoParams)]
        #[into_params(parameter_in = Query)]
        struct Needs {
            #[allow(dead_code)]
            q: String,
        }
        assert_eq!(fields(parse::<Needs>("").unwrap_err()), vec!["query"]);
    }
}
