//! The documents page of a record, and the forms on it: add, replace, delete.

use super::{describe, documents_path, owner};
use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::page::{PageContext, render};
use crate::{AppError, AppState, uploads};
use askama::Template;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_core::{DocumentId, FieldError};
use passerelle_files::Kind;
use passerelle_missions::documents::{self, Access, Category, Document, Owner, OwnerKind, Scan, UploadInput};
use serde::Deserialize;

/// One document of the list.
pub struct Line {
    pub id: String,
    pub name: String,
    pub category: String,
    pub size: String,
    pub uploader: String,
    pub at: String,
    pub private: bool,
    /// The title of the credential it proves.
    pub credential: String,
    /// "pending" (waits for its scan), "infected", or "" when it may be downloaded.
    pub scan: &'static str,
    pub scan_label: String,
    pub may_change: bool,
}

#[derive(Template)]
#[template(path = "documents/list.html")]
struct ListPage {
    page: PageContext,
    title: String,
    back: String,
    action: String,
    lines: Vec<Line>,
    may_add: bool,
    /// Coordinators may mark mission documents private.
    may_mark_private: bool,
    categories: Vec<(&'static str, String)>,
    credentials: Vec<(String, String)>,
    chosen: String,
    form: FormErrors,
    notice: String,
    max_size: String,
    accept: String,
}

/// "2.4 MB", "312 KB" in the page's language.
pub(crate) fn size(page: &PageContext, bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        let separator = if page.locale == passerelle_core::Locale::Fr { "," } else { "." };
        match tenths % 10 {
            0 => format!("{} {}", tenths / 10, page.t("size-mb")),
            tenth => format!("{}{separator}{tenth} {}", tenths / 10, page.t("size-mb")),
        }
    } else {
        format!("{} {}", page.number(i64::try_from(bytes.div_ceil(1024)).unwrap_or(i64::MAX)), page.t("size-kb"))
    }
}

/// What the file inputs accept: the extensions of the accepted types.
pub(crate) fn accept() -> String {
    Kind::ALL.iter().map(|k| format!(".{}", k.extension())).chain([".jpeg".to_owned()]).collect::<Vec<_>>().join(",")
}

pub(crate) fn line(page: &PageContext, actor: &Actor, access: Access, document: &Document) -> Line {
    Line {
        id: document.id.to_string(),
        name: document.name.clone(),
        category: page.t(&format!("document-category-{}", document.category.code())),
        size: size(page, document.size),
        uploader: document.uploader_name.clone().unwrap_or_else(|| page.t("document-uploader-gone")),
        at: page.moment(&document.replaced_at.unwrap_or(document.uploaded_at)),
        private: document.private,
        // Its title, when the page knows the profile's credentials.
        credential: String::new(),
        scan: match document.scan {
            Scan::Pending => "pending",
            Scan::Infected => "infected",
            _ => "",
        },
        scan_label: match document.scan {
            Scan::Pending => page.t("document-scan-pending"),
            Scan::Infected => page.t("document-scan-infected"),
            _ => String::new(),
        },
        may_change: access.may_change(actor, document),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: String,
}

async fn list_page(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    owner: Owner,
    errors: Vec<FieldError>,
    chosen: String,
    notice: &str,
) -> Result<ListPage, AppError> {
    let (documents, access) = documents::list(&state.db, actor, owner).await?.ok_or(AppError::NotFound)?;
    let (back, title) = describe(state, owner).await?;
    // A profile's credentials, (id, title): what its diplomas and licences prove.
    let credentials: Vec<(String, String)> = match owner {
        Owner::Expert(id) => passerelle_profiles::store::load(&state.db, id)
            .await?
            .map(|p| p.data.credentials.into_iter().map(|c| (c.id, c.title)).collect())
            .unwrap_or_default(),
        _ => vec![],
    };
    let proves = |d: &Document| {
        let id = d.credential.as_deref()?;
        credentials.iter().find(|(c, _)| c == id).map(|(_, title)| title.clone())
    };
    let lines = documents
        .iter()
        .map(|d| Line { credential: proves(d).unwrap_or_default(), ..line(&page, actor, access, d) })
        .collect();
    let notice = match notice {
        "uploaded" => page.t("documents-uploaded"),
        "replaced" => page.t("documents-replaced"),
        "deleted" => page.t("documents-deleted"),
        _ => String::new(),
    };
    Ok(ListPage {
        lines,
        categories: Category::for_owner(owner.kind())
            .iter()
            .map(|c| (c.code(), page.t(&format!("document-category-{}", c.code()))))
            .collect(),
        may_mark_private: access.is_staff() && owner.kind() == OwnerKind::Mission,
        may_add: access.may_add,
        action: documents_path(owner),
        credentials: if access.may_add { credentials } else { vec![] },
        chosen,
        form: FormErrors::new(page.locale, errors),
        notice,
        max_size: size(&page, state.files.limits.max_file_bytes),
        accept: accept(),
        title,
        back,
        page,
    })
}

async fn show(
    state: AppState,
    page: PageContext,
    actor: Actor,
    kind: &str,
    id: &str,
    done: &str,
) -> Result<Response, AppError> {
    let owner = owner(kind, id)?;
    render(&list_page(&state, page, &actor, owner, vec![], String::new(), done).await?)
}

macro_rules! list_route {
    ($name:ident, $kind:literal) => {
        pub async fn $name(
            State(state): State<AppState>,
            page: PageContext,
            CurrentUser(actor): CurrentUser,
            Path(id): Path<String>,
            Query(done): Query<Done>,
        ) -> Result<Response, AppError> {
            show(state, page, actor, $kind, &id, &done.done).await
        }
    };
}

list_route!(of_request, "requests");
list_route!(of_mission, "missions");
list_route!(of_candidate, "candidates");
list_route!(of_expert, "experts");

async fn upload(
    state: AppState,
    page: PageContext,
    actor: Actor,
    ip: String,
    kind: &str,
    id: &str,
    request: Request,
) -> Result<Response, AppError> {
    let owner = owner(kind, id)?;
    // The authorization first: a person who may not add learns nothing from the form.
    let access = documents::access(&state.db, &actor, owner).await?.ok_or(AppError::NotFound)?;
    if !access.may_add {
        return Err(AppError::Forbidden);
    }
    let sent = uploads::read(&state, request).await?;
    let input = UploadInput {
        category: sent.text("category").to_owned(),
        private: sent.ticked("private"),
        credential: sent.text("credential").to_owned(),
    };
    let chosen = input.category.clone();
    let result = match sent.single("file") {
        Ok((_, file)) => {
            let upload = documents::Upload { owner, input: &input, name: &file.name, received: &file.received };
            documents::add(&state.db, &state.files, &actor, &upload, &ip).await.map_err(AppError::from)
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(_) => {
            state.files_queued.notify_one();
            Ok(Redirect::to(&format!("{}?done=uploaded", documents_path(owner))).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let page = list_page(&state, page, &actor, owner, errors, chosen, "").await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other),
    }
}

macro_rules! upload_route {
    ($name:ident, $kind:literal) => {
        pub async fn $name(
            State(state): State<AppState>,
            page: PageContext,
            CurrentUser(actor): CurrentUser,
            ClientIp(ip): ClientIp,
            Path(id): Path<String>,
            request: Request,
        ) -> Result<Response, AppError> {
            upload(state, page, actor, ip.to_string(), $kind, &id, request).await
        }
    };
}

upload_route!(upload_to_request, "requests");
upload_route!(upload_to_mission, "missions");
upload_route!(upload_to_candidate, "candidates");
upload_route!(upload_to_expert, "experts");

/// A document `actor` may change, or why not (404 when they may not see it).
pub(crate) async fn changeable(state: &AppState, actor: &Actor, id: &str) -> Result<Document, AppError> {
    let id = DocumentId::parse(id).map_err(|_| AppError::NotFound)?;
    let (document, access) = documents::get(&state.db, actor, id).await?.ok_or(AppError::NotFound)?;
    if document.owner.kind() == OwnerKind::Message || !access.may_change(actor, &document) {
        return Err(AppError::Forbidden);
    }
    Ok(document)
}

pub async fn replace(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    let document = changeable(&state, &actor, &id).await?;
    let sent = uploads::read(&state, request).await?;
    let result = match sent.single("file") {
        Ok((_, file)) => documents::replace(
            &state.db,
            &state.files,
            &actor,
            document.id,
            &file.name,
            &file.received,
            &ip.to_string(),
        )
        .await
        .map_err(AppError::from),
        Err(error) => Err(error),
    };
    match result {
        Ok(_) => {
            state.files_queued.notify_one();
            Ok(Redirect::to(&format!("{}?done=replaced", documents_path(document.owner))).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let page = list_page(&state, page, &actor, document.owner, errors, String::new(), "").await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(other),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let document = changeable(&state, &actor, &id).await?;
    documents::delete(&state.db, &state.files, &actor, document.id, &ip.to_string()).await.map_err(AppError::from)?;
    Ok(Redirect::to(&format!("{}?done=deleted", documents_path(document.owner))).into_response())
}
