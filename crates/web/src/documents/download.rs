//! Downloading a document: always as an attachment, in the type decided by its content when it
//! came, never rendered by the browser (and, were it ever, in a sandbox with no script).

use crate::auth::{ClientIp, CurrentUser};
use crate::{AppError, AppState};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::stream::BoxStream;
use passerelle_accounts::Actor;
use passerelle_core::DocumentId;
use passerelle_files::name;
use passerelle_missions::documents::{self, Document};

/// The answer carrying a document's content.
pub(crate) fn content_response(
    document: &Document,
    size: u64,
    stream: BoxStream<'static, std::io::Result<Bytes>>,
) -> Response {
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    let media_type = HeaderValue::from_str(&document.media_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, media_type);
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    if let Ok(disposition) = HeaderValue::from_str(&name::content_disposition(&document.name)) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    response
}

pub(crate) async fn open(state: &AppState, actor: &Actor, id: &str, ip: &str) -> Result<Response, AppError> {
    let id = DocumentId::parse(id).map_err(|_| AppError::NotFound)?;
    let (document, size, stream) =
        documents::open(&state.db, &state.files, actor, id, ip).await.map_err(AppError::from)?;
    Ok(content_response(&document, size, stream))
}

pub async fn page(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    open(&state, &actor, &id, &ip.to_string()).await
}
