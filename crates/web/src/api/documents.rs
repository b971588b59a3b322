//! `/api/v1`: the documents of requests, missions, candidacies and profiles — list, upload
//! (`multipart/form-data`), read, download, replace, delete — under the same policy as the
//! pages (`passerelle_missions::documents::access`).

use crate::auth::{ClientIp, CurrentUser};
use crate::documents::{content_response, owner};
use crate::{AppError, AppState, uploads};
use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use passerelle_core::DocumentId;
use passerelle_missions::documents::{self, Document, UploadInput};
use serde::Serialize;

/// What a document is attached to.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AttachedTo {
    /// request, mission, candidate, expert or message.
    kind: String,
    id: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DocumentView {
    id: String,
    attached_to: AttachedTo,
    /// terms_of_reference, annex, cv, diploma, licence, visa, ticket, insurance,
    /// per_diem_receipt, report_annex, photo, attachment or other.
    category: String,
    /// The name it was sent under.
    name: String,
    /// Bytes.
    size: u64,
    /// Decided by the content: application/pdf, image/png, image/jpeg, image/webp, the DOCX,
    /// XLSX or ODT type, or text/plain; charset=utf-8.
    media_type: String,
    /// Seen by coordinators only.
    private: bool,
    /// The credential of the profile it proves.
    credential: Option<String>,
    uploaded_by: Option<String>,
    uploaded_at: String,
    replaced_at: Option<String>,
    /// unscanned, pending (waits for the virus scan: not downloadable yet), clean or infected.
    scan: String,
    /// Where to download it.
    content: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DocumentList {
    items: Vec<DocumentView>,
    /// Whether the caller may add documents here.
    may_add: bool,
}

pub(crate) fn view(d: &Document) -> DocumentView {
    DocumentView {
        id: d.id.to_string(),
        attached_to: AttachedTo { kind: d.owner.kind().code().to_owned(), id: d.owner.id() },
        category: d.category.code().to_owned(),
        name: d.name.clone(),
        size: d.size,
        media_type: d.media_type.clone(),
        private: d.private,
        credential: d.credential.clone(),
        uploaded_by: d.uploader_name.clone(),
        uploaded_at: d.uploaded_at.to_string(),
        replaced_at: d.replaced_at.map(|t| t.to_string()),
        scan: d.scan.code().to_owned(),
        content: format!("/api/v1/documents/{}/content", d.id),
    }
}

/// A document upload, as `multipart/form-data`.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file: PDF, PNG, JPEG, WebP, DOCX, XLSX, ODT or UTF-8 text, at most
    /// `documents.max_file_bytes` (20 MB by default). Its type is decided by its content; a
    /// name claiming another accepted type, HTML, SVG and XML are refused.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// The record's usual category when absent.
    category: Option<String>,
    /// `true`: coordinators only, mission documents only.
    private: Option<String>,
    /// A credential id of the profile (a diploma or a licence of a profile).
    credential: Option<String>,
}

/// A replacement, as `multipart/form-data`.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ReplaceForm {
    /// The new content (the same rules as an upload).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

async fn list(
    state: &AppState,
    actor: &passerelle_accounts::Actor,
    kind: &str,
    id: &str,
) -> Result<Json<DocumentList>, AppError> {
    let owner = owner(kind, id)?;
    let (found, access) = documents::list(&state.db, actor, owner).await?.ok_or(AppError::NotFound)?;
    Ok(Json(DocumentList { items: found.iter().map(view).collect(), may_add: access.may_add }))
}

async fn upload(
    state: &AppState,
    actor: &passerelle_accounts::Actor,
    ip: &str,
    kind: &str,
    id: &str,
    request: Request,
) -> Result<Response, AppError> {
    let owner = owner(kind, id)?;
    let access = documents::access(&state.db, actor, owner).await?.ok_or(AppError::NotFound)?;
    if !access.may_add {
        return Err(AppError::Forbidden);
    }
    let sent = uploads::read(state, request).await?;
    let input = UploadInput {
        category: sent.text("category").to_owned(),
        private: sent.ticked("private"),
        credential: sent.text("credential").to_owned(),
    };
    let (_, file) = sent.single("file")?;
    let upload = documents::Upload { owner, input: &input, name: &file.name, received: &file.received };
    let document = documents::add(&state.db, &state.files, actor, &upload, ip).await.map_err(AppError::from)?;
    state.files_queued.notify_one();
    Ok((StatusCode::CREATED, Json(view(&document))).into_response())
}

macro_rules! owner_routes {
    ($list:ident, $upload:ident, $kind:literal, $path:literal, $what:literal) => {
        #[doc = concat!("The documents of ", $what, " the caller may see.")]
        #[utoipa::path(get, path = $path, tag = "documents", params(("id" = String, Path, description = "The record's id")),
            responses((status = 200, body = DocumentList)))]
        pub async fn $list(
            State(state): State<AppState>,
            CurrentUser(actor): CurrentUser,
            Path(id): Path<String>,
        ) -> Result<Json<DocumentList>, AppError> {
            list(&state, &actor, $kind, &id).await
        }

        #[doc = concat!("Adds a document to ", $what, ". 413 for a file over the limit (nothing is kept), 422 for a type refused.")]
        #[utoipa::path(post, path = $path, tag = "documents", params(("id" = String, Path, description = "The record's id")),
            request_body(content = UploadForm, content_type = "multipart/form-data"),
            responses((status = 201, body = DocumentView), (status = 403, body = super::Problem)))]
        pub async fn $upload(
            State(state): State<AppState>,
            CurrentUser(actor): CurrentUser,
            ClientIp(ip): ClientIp,
            Path(id): Path<String>,
            request: Request,
        ) -> Result<Response, AppError> {
            upload(&state, &actor, &ip.to_string(), $kind, &id, request).await
        }
    };
}

owner_routes!(of_request, upload_to_request, "requests", "/api/v1/requests/{id}/documents", "a request");
owner_routes!(of_mission, upload_to_mission, "missions", "/api/v1/missions/{id}/documents", "a mission");
owner_routes!(of_candidate, upload_to_candidate, "candidates", "/api/v1/candidates/{id}/documents", "a candidacy");
owner_routes!(of_expert, upload_to_expert, "experts", "/api/v1/experts/{id}/documents", "an expert's profile");

fn document_id(id: &str) -> Result<DocumentId, AppError> {
    DocumentId::parse(id).map_err(|_| AppError::NotFound)
}

/// A document's record.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents", params(("id" = String, Path, description = "The document's id")),
    responses((status = 200, body = DocumentView)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<DocumentView>, AppError> {
    let (document, _) = documents::get(&state.db, &actor, document_id(&id)?).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(&document)))
}

/// A document's content, always as an attachment (`Content-Disposition: attachment`,
/// `X-Content-Type-Options: nosniff`), in the type decided by its content. 409 while it waits
/// for its virus scan, or once the scan refused it.
#[utoipa::path(get, path = "/api/v1/documents/{id}/content", tag = "documents", params(("id" = String, Path, description = "The document's id")),
    responses((status = 200, description = "The file, in the type its content showed", content(
            (Vec<u8> = "application/pdf"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/webp"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (Vec<u8> = "application/vnd.oasis.opendocument.text"), (Vec<u8> = "text/plain"))),
        (status = 409, body = super::Problem)))]
pub async fn content(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (document, size, stream) = documents::open(&state.db, &state.files, &actor, document_id(&id)?, &ip.to_string())
        .await
        .map_err(AppError::from)?;
    Ok(content_response(&document, size, stream))
}

/// Replaces a document's content (its uploader or a coordinator).
#[utoipa::path(put, path = "/api/v1/documents/{id}/content", tag = "documents", params(("id" = String, Path, description = "The document's id")),
    request_body(content = ReplaceForm, content_type = "multipart/form-data"),
    responses((status = 200, body = DocumentView), (status = 403, body = super::Problem)))]
pub async fn replace(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    request: Request,
) -> Result<Json<DocumentView>, AppError> {
    let document = crate::documents::changeable(&state, &actor, &id).await?;
    let sent = uploads::read(&state, request).await?;
    let (_, file) = sent.single("file")?;
    let replaced =
        documents::replace(&state.db, &state.files, &actor, document.id, &file.name, &file.received, &ip.to_string())
            .await
            .map_err(AppError::from)?;
    state.files_queued.notify_one();
    Ok(Json(view(&replaced)))
}

/// Deletes a document (its uploader or a coordinator); its content leaves the store unless
/// another document holds the same.
#[utoipa::path(delete, path = "/api/v1/documents/{id}", tag = "documents", params(("id" = String, Path, description = "The document's id")),
    responses((status = 204, description = "Deleted"), (status = 403, body = super::Problem)))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let document = crate::documents::changeable(&state, &actor, &id).await?;
    documents::delete(&state.db, &state.files, &actor, document.id, &ip.to_string()).await.map_err(AppError::from)?;
    Ok(StatusCode::NO_CONTENT)
}
