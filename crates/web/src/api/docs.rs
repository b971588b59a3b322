//! The API reference: the OpenAPI document itself, and a page that reads it for people (no
//! JavaScript, in the reader's language for its headings).

use crate::AppError;
use crate::page::{PageContext, render};
use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::sync::LazyLock;

static DOCUMENT: LazyLock<Value> = LazyLock::new(super::openapi);

pub async fn openapi_json() -> Response {
    let mut response = axum::Json(DOCUMENT.clone()).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    response
}

pub struct Operation {
    pub method: String,
    pub path: String,
    pub anchor: String,
    pub summary: String,
    pub description: String,
    pub parameters: Vec<(String, String, bool, String)>,
    pub body: Option<String>,
    pub responses: Vec<(String, String, Option<String>)>,
}

pub struct SchemaDoc {
    pub name: String,
    pub fields: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct DocsPage {
    page: PageContext,
    title: String,
    description: String,
    operations: Vec<Operation>,
    schemas: Vec<SchemaDoc>,
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn schema_name(schema: &Value) -> Option<String> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return reference.rsplit('/').next().map(str::to_owned);
    }
    if let Some(items) = schema.get("items") {
        return schema_name(items).map(|n| format!("[{n}]"));
    }
    schema.get("type").map(|t| match t {
        Value::Array(kinds) => kinds.iter().map(text).collect::<Vec<_>>().join(" | "),
        other => text(other),
    })
}

fn operations(document: &Value) -> Vec<Operation> {
    let mut found = Vec::new();
    let Some(paths) = document.get("paths").and_then(Value::as_object) else { return found };
    for (path, item) in paths {
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            let parameters = op
                .get("parameters")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            (
                                text(&p["name"]),
                                text(&p["in"]),
                                p["required"].as_bool().unwrap_or(false),
                                text(&p["description"]),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let body = op
                .pointer("/requestBody/content")
                .and_then(Value::as_object)
                .and_then(|content| content.values().next().and_then(|c| c.get("schema")).and_then(schema_name));
            let responses = op
                .get("responses")
                .and_then(Value::as_object)
                .map(|rs| {
                    rs.iter()
                        .map(|(code, r)| {
                            let schema = r
                                .get("content")
                                .and_then(Value::as_object)
                                .and_then(|c| c.values().next())
                                .and_then(|c| c.get("schema"))
                                .and_then(schema_name);
                            (code.clone(), text(&r["description"]), schema)
                        })
                        .collect()
                })
                .unwrap_or_default();
            found.push(Operation {
                method: method.to_uppercase(),
                anchor: format!("{method}-{}", path.replace(['/', '{', '}'], "-")),
                path: path.clone(),
                summary: text(&op["summary"]),
                description: text(&op["description"]),
                parameters,
                body,
                responses,
            });
        }
    }
    found
}

fn schemas(document: &Value) -> Vec<SchemaDoc> {
    let Some(all) = document.pointer("/components/schemas").and_then(Value::as_object) else { return vec![] };
    all.iter()
        .map(|(name, schema)| SchemaDoc {
            name: name.clone(),
            fields: schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|props| {
                    props
                        .iter()
                        .map(|(field, s)| (field.clone(), schema_name(s).unwrap_or_default(), text(&s["description"])))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

pub async fn page(page: PageContext) -> Result<Response, AppError> {
    let document = &*DOCUMENT;
    render(&DocsPage {
        page,
        title: text(&document["info"]["title"]),
        description: text(&document["info"]["description"]),
        operations: operations(document),
        schemas: schemas(document),
    })
}
