//! What holds for every operation of the API, written into the OpenAPI document in one place
//! rather than repeated (and forgotten) in each handler's annotation. The document is the
//! contract that schemathesis checks the running server against (tests/e2e/contract.rs).
//!
//! - Every error is RFC 9457 problem details sent as `application/problem+json` (the renderer
//!   in `crate::error` answers every error under `/api/` that way).
//! - Every operation needs a token: 401 without one. An operation with an id in its path
//!   answers 404 for an id that does not exist or is not the caller's to see. An operation
//!   that reads a query or a body answers 422 naming each invalid field. An operation with a
//!   body answers 415 unless it is `application/json` (`body::json_only`) and 413 when it is
//!   too large.
//! - A schema that extends another (`#[serde(flatten)]`, which utoipa writes as `allOf`) is
//!   written as one object: `allOf` with a part that refuses unknown properties
//!   (`additionalProperties: false`, from `deny_unknown_fields`) would refuse every real
//!   answer, whose other properties that part does not know.

use serde_json::{Map, Value, json};

/// Applies the rules above to the document.
pub(super) fn apply(document: &mut Value) {
    if let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else { continue };
            for operation in item.values_mut() {
                complete_responses(path, operation);
            }
        }
    }
    if let Some(schemas) = document.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        let originals = schemas.clone();
        for schema in schemas.values_mut() {
            flatten(schema, &originals);
        }
    }
}

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
    })
}

fn complete_responses(path: &str, operation: &mut Value) {
    let reads_query =
        operation.get("parameters").and_then(Value::as_array).is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
    let has_body = operation.get("requestBody").is_some();
    let takes_files = operation.pointer("/requestBody/content/multipart~1form-data").is_some();
    let Some(responses) = operation.get_mut("responses").and_then(Value::as_object_mut) else { return };
    let mut add = |status: &str, description: &str| {
        responses.entry(status).or_insert_with(|| problem(description));
    };
    add("401", "No valid token or session");
    if path.contains('{') {
        add("404", "Not found, or not the caller's to see");
    }
    if reads_query || has_body {
        add("422", "Invalid input: `errors` names each invalid field");
    }
    if takes_files {
        add("400", "The multipart form could not be read");
    }
    if has_body {
        add("413", "The body is too large");
        add(
            "415",
            "The body is not sent in the type the operation takes (application/json, or multipart/form-data for files)",
        );
    }
    for (status, response) in responses.iter_mut() {
        let is_error = status.starts_with('4') || status.starts_with('5');
        if !is_error {
            continue;
        }
        let description = response.get("description").and_then(Value::as_str).unwrap_or_default().to_owned();
        *response = problem(if description.is_empty() { "An error" } else { &description });
    }
}

/// Rewrites `allOf` into one object holding the properties and requirements of every part.
fn flatten(schema: &mut Value, all: &Map<String, Value>) {
    let Some(parts) = schema.get("allOf").and_then(Value::as_array).cloned() else { return };
    let mut properties = Map::new();
    let mut required: Vec<Value> = Vec::new();
    for part in parts {
        let part = match part.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap_or_default();
                let Some(found) = all.get(name) else { return };
                found.clone()
            }
            None => part,
        };
        if part.get("allOf").is_some() {
            // Nested extension: left as it is rather than half-flattened.
            return;
        }
        if let Some(props) = part.get("properties").and_then(Value::as_object) {
            properties.extend(props.clone());
        }
        for name in part.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !required.contains(name) {
                required.push(name.clone());
            }
        }
    }
    let mut object = Map::new();
    object.insert("type".into(), json!("object"));
    if let Some(description) = schema.get("description") {
        object.insert("description".into(), description.clone());
    }
    object.insert("properties".into(), Value::Object(properties));
    object.insert("required".into(), Value::Array(required));
    *schema = Value::Object(object);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_problem_details_and_common_answers_are_listed() {
        let mut document = json!({
            "paths": { "/api/v1/things/{id}": { "put": {
                "requestBody": { "content": { "application/json": {} } },
                "responses": {
                    "200": { "description": "ok", "content": { "application/json": {} } },
                    "409": { "description": "Conflict", "content": { "application/json": {} } }
                }
            } } },
            "components": { "schemas": {} }
        });
        apply(&mut document);
        let responses = document.pointer("/paths/~1api~1v1~1things~1{id}/put/responses").unwrap();
        for status in ["401", "404", "409", "413", "415", "422"] {
            let content = responses[status]["content"].as_object().unwrap();
            assert_eq!(content.keys().collect::<Vec<_>>(), vec!["application/problem+json"], "{status}");
        }
        assert!(responses["200"]["content"].get("application/json").is_some());
    }

    #[test]
    fn an_extended_schema_becomes_one_object() {
        let mut document = json!({ "paths": {}, "components": { "schemas": {
            "Input": { "type": "object", "additionalProperties": false,
                "properties": { "name": { "type": "string" } }, "required": ["name"] },
            "Output": { "allOf": [ { "$ref": "#/components/schemas/Input" },
                { "type": "object", "properties": { "id": { "type": "string" } }, "required": ["id"] } ] }
        } } });
        apply(&mut document);
        let output = &document["components"]["schemas"]["Output"];
        assert!(output.get("allOf").is_none());
        assert!(output.get("additionalProperties").is_none());
        assert_eq!(output["required"], json!(["name", "id"]));
        assert!(output["properties"]["name"].is_object() && output["properties"]["id"].is_object());
    }
}
