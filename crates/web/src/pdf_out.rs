//! A document to send, answered as a PDF file to download.

use crate::AppError;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use passerelle_files::name;

/// Lays out and writes the document off the async runtime (a long report is CPU work), and
/// answers it as an attachment nobody caches: certificates and reports carry personal data.
pub(crate) async fn respond(document: passerelle_pdf::Document, file_name: &str) -> Result<Response, AppError> {
    let bytes = tokio::task::spawn_blocking(move || passerelle_pdf::render(&document))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Ok(value) = HeaderValue::from_str(&name::content_disposition(&format!("{file_name}.pdf"))) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
