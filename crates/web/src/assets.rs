//! Static assets, compiled into the binary and served with a version in their URL, so browsers
//! may keep them for a year and still see a new version at once.

use crate::AppError;
use crate::routes::Routes;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../../static/app.css"),
    },
    Asset { name: "favicon.svg", content_type: "image/svg+xml", bytes: include_bytes!("../../../static/favicon.svg") },
    Asset {
        name: "skills.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../../static/skills.js"),
    },
    Asset {
        name: "find-skills.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../../static/find-skills.js"),
    },
];

/// A short fingerprint of every asset, computed once.
static VERSIONS: LazyLock<Vec<String>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|asset| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            asset.bytes.hash(&mut hasher);
            format!("{:x}", hasher.finish() & 0xffff_ffff)
        })
        .collect()
});

/// The URL of an asset, with its fingerprint.
pub(crate) fn href(name: &str) -> String {
    match ASSETS.iter().position(|a| a.name == name) {
        Some(i) => format!("/static/{name}?v={}", VERSIONS[i]),
        None => format!("/static/{name}"),
    }
}

async fn serve(Path(name): Path<String>) -> Result<Response, AppError> {
    let asset = ASSETS.iter().find(|a| a.name == name).ok_or(AppError::NotFound)?;
    let mut response = asset.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    Ok(response)
}

pub(crate) fn routes() -> Routes {
    Routes::new().get("/static/{name}", "asset", serve)
}
