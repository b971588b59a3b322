//! The conversation pages of a candidacy and of a mission: the messages, newest last, with
//! their attachments and what is new for the reader, and the form to write (with files).
//! Opening the page marks the conversation read for the reader.

use crate::auth::{ClientIp, CurrentUser};
use crate::documents::documents_path;
use crate::documents::hooks::path_of;
use crate::form_errors::FormErrors;
use crate::page::{PageContext, render};
use crate::routes::Routes;
use crate::{AppError, AppState, uploads};
use askama::Template;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_core::{CandidateId, FieldError, MissionId};
use passerelle_missions::documents::Owner;
use passerelle_missions::messages::{self, MAX_ATTACHMENTS, MAX_BODY_CHARS, Subject};
use passerelle_missions::party::Party;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/candidates/{id}/messages", "message.list", of_candidate)
        .post("/candidates/{id}/messages", "message.post", post_on_candidate)
        .uploads()
        .get("/missions/{id}/messages", "message.list", of_mission)
        .post("/missions/{id}/messages", "message.post", post_on_mission)
        .uploads()
}

/// The conversation of a path's id (`candidates` or `missions`).
pub(crate) fn subject(kind: &str, id: &str) -> Result<Subject, AppError> {
    let missing = |_| AppError::NotFound;
    match kind {
        "candidates" => Ok(Subject::Candidate(CandidateId::parse(id).map_err(missing)?)),
        _ => Ok(Subject::Mission(MissionId::parse(id).map_err(missing)?)),
    }
}

pub struct Attachment {
    pub id: String,
    pub name: String,
    pub size: String,
    pub available: bool,
}

pub struct Shown {
    pub id: i64,
    pub author: String,
    pub party: String,
    pub at: String,
    pub paragraphs: Vec<String>,
    pub erased: bool,
    pub new: bool,
    pub mine: bool,
    pub attachments: Vec<Attachment>,
}

#[derive(Template)]
#[template(path = "messages/thread.html")]
struct ThreadPage {
    page: PageContext,
    title: String,
    back: String,
    action: String,
    documents: String,
    shown: Vec<Shown>,
    typed: String,
    form: FormErrors,
    max_body: usize,
    max_files: usize,
    accept: String,
    with_host: bool,
}

fn party_label(page: &PageContext, party: Party) -> String {
    page.t(&format!("message-party-{}", party.code()))
}

async fn thread_page(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    subject: Subject,
    typed: String,
    errors: Vec<FieldError>,
) -> Result<ThreadPage, AppError> {
    let conversation = messages::open(&state.db, actor, subject).await?.ok_or(AppError::NotFound)?;
    let shown = conversation
        .messages
        .iter()
        .map(|m| Shown {
            id: m.id,
            author: if m.erased {
                page.t("message-erased-author")
            } else {
                m.author_name.clone().unwrap_or_else(|| page.t("document-uploader-gone"))
            },
            party: party_label(&page, m.author_party),
            at: page.moment(&m.created_at),
            paragraphs: if m.erased {
                vec![page.t("message-erased")]
            } else {
                m.body.split("\n\n").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
            },
            erased: m.erased,
            new: m.id > conversation.last_read && m.author != Some(actor.user_id),
            mine: m.author == Some(actor.user_id),
            attachments: m
                .attachments
                .iter()
                .map(|d| Attachment {
                    id: d.id.to_string(),
                    name: d.name.clone(),
                    size: crate::documents::pages_size(&page, d.size),
                    available: d.available(),
                })
                .collect(),
        })
        .collect();
    let with_host = match subject {
        Subject::Mission(_) => true,
        Subject::Candidate(id) => passerelle_missions::candidates::get(&state.db, id).await?.is_some_and(|c| {
            c.host_view(passerelle_core::Timestamp::now()) == passerelle_missions::candidates::HostView::Full
        }),
    };
    let documents = match subject {
        Subject::Candidate(id) => documents_path(Owner::Candidate(id)),
        Subject::Mission(id) => documents_path(Owner::Mission(id)),
    };
    Ok(ThreadPage {
        title: conversation.title,
        back: path_of(subject),
        action: format!("{}/messages", path_of(subject)),
        documents,
        shown,
        typed,
        form: FormErrors::new(page.locale, errors),
        max_body: MAX_BODY_CHARS,
        max_files: MAX_ATTACHMENTS,
        accept: crate::documents::pages_accept(),
        with_host,
        page,
    })
}

async fn show(state: AppState, page: PageContext, actor: Actor, kind: &str, id: &str) -> Result<Response, AppError> {
    let subject = subject(kind, id)?;
    let rendered = render(&thread_page(&state, page, &actor, subject, String::new(), vec![]).await?)?;
    // Seen: what was new is read now (the page above still marked it new).
    messages::mark_read(&state.db, &actor, subject).await?;
    Ok(rendered)
}

pub async fn of_candidate(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    show(state, page, actor, "candidates", &id).await
}

pub async fn of_mission(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    show(state, page, actor, "missions", &id).await
}

/// Reads a message's form and writes it; returns the new message's id.
pub(crate) async fn write(
    state: &AppState,
    actor: &Actor,
    subject: Subject,
    ip: &str,
    request: Request,
) -> Result<(i64, String), (AppError, String)> {
    // The authorization first: a person who takes no part learns nothing from the form.
    match messages::party(&state.db, actor, subject).await {
        Ok(Some(_)) => {}
        Ok(None) => return Err((AppError::NotFound, String::new())),
        Err(e) => return Err((e.into(), String::new())),
    }
    let sent = uploads::read(state, request).await.map_err(|e| (e, String::new()))?;
    let body = sent.text("body").to_owned();
    let files: Vec<(String, passerelle_files::Received)> =
        sent.files.into_iter().filter(|f| f.field == "files").map(|f| (f.name, f.received)).collect();
    match messages::post(&state.db, &state.files, actor, subject, &body, &files, ip).await {
        Ok(id) => {
            state.notifications_queued.notify_one();
            state.files_queued.notify_one();
            Ok((id, body))
        }
        Err(e) => Err((e.into(), body)),
    }
}

async fn post(
    state: AppState,
    page: PageContext,
    actor: Actor,
    ip: String,
    kind: &str,
    id: &str,
    request: Request,
) -> Result<Response, AppError> {
    let subject = subject(kind, id)?;
    match write(&state, &actor, subject, &ip, request).await {
        Ok((id, _)) => Ok(Redirect::to(&format!("{}/messages#m-{id}", path_of(subject))).into_response()),
        Err((AppError::Invalid(errors), typed)) => {
            let page = thread_page(&state, page, &actor, subject, typed, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err((other, _)) => Err(other),
    }
}

pub async fn post_on_candidate(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    post(state, page, actor, ip.to_string(), "candidates", &id, request).await
}

pub async fn post_on_mission(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    post(state, page, actor, ip.to_string(), "missions", &id, request).await
}
