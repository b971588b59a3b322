//! `/api/v1`: the conversations of candidacies and missions — read, write (with files, as
//! `multipart/form-data`), mark read.

use crate::auth::{ClientIp, CurrentUser};
use crate::messages::{subject, write};
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use passerelle_accounts::Actor;
use passerelle_missions::messages::{self, Conversation};
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct MessageView {
    id: i64,
    /// The author's name; absent once erased or their account is gone.
    author: Option<String>,
    /// staff, expert or host.
    author_party: String,
    /// Plain text; empty once erased.
    body: String,
    /// The author's data was erased: the message stays in its place without its words.
    erased: bool,
    at: String,
    /// Whether the caller had not read it.
    unread: bool,
    attachments: Vec<super::documents::DocumentView>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ConversationView {
    /// The request's title.
    title: String,
    /// How the caller takes part: staff, expert or host.
    party: String,
    messages: Vec<MessageView>,
    unread: usize,
}

fn view(actor: &Actor, c: &Conversation) -> ConversationView {
    ConversationView {
        title: c.title.clone(),
        party: c.party.code().to_owned(),
        unread: c.messages.iter().filter(|m| m.id > c.last_read && m.author != Some(actor.user_id)).count(),
        messages: c
            .messages
            .iter()
            .map(|m| MessageView {
                id: m.id,
                author: if m.erased { None } else { m.author_name.clone() },
                author_party: m.author_party.code().to_owned(),
                body: m.body.clone(),
                erased: m.erased,
                at: m.created_at.to_string(),
                unread: m.id > c.last_read && m.author != Some(actor.user_id),
                attachments: m.attachments.iter().map(super::documents::view).collect(),
            })
            .collect(),
    }
}

/// A message, as `multipart/form-data`.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct MessageForm {
    /// Plain text, at most 5,000 characters, line breaks kept (files come with a few words).
    body: String,
    /// Up to 5 files, together at most `documents.max_file_bytes` (the same types as documents).
    #[schema(value_type = Vec<String>, format = Binary)]
    files: Option<Vec<Vec<u8>>>,
}

async fn read(state: &AppState, actor: &Actor, kind: &str, id: &str) -> Result<Json<ConversationView>, AppError> {
    let subject = subject(kind, id)?;
    let conversation = messages::open(&state.db, actor, subject).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(actor, &conversation)))
}

async fn post(
    state: &AppState,
    actor: &Actor,
    ip: &str,
    kind: &str,
    id: &str,
    request: Request,
) -> Result<Response, AppError> {
    let subject = subject(kind, id)?;
    write(state, actor, subject, ip, request).await.map_err(|(e, _)| e)?;
    let conversation = messages::open(&state.db, actor, subject).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(view(actor, &conversation))).into_response())
}

async fn mark(state: &AppState, actor: &Actor, kind: &str, id: &str) -> Result<StatusCode, AppError> {
    if messages::mark_read(&state.db, actor, subject(kind, id)?).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}

macro_rules! conversation_routes {
    ($read:ident, $post:ident, $mark:ident, $kind:literal, $path:literal, $read_path:literal, $what:literal) => {
        #[doc = concat!("The conversation about ", $what, ", for those who take part in it.")]
        #[utoipa::path(get, path = $path, tag = "conversations", params(("id" = String, Path, description = "The record's id")),
            responses((status = 200, body = ConversationView)))]
        pub async fn $read(
            State(state): State<AppState>,
            CurrentUser(actor): CurrentUser,
            Path(id): Path<String>,
        ) -> Result<Json<ConversationView>, AppError> {
            read(&state, &actor, $kind, &id).await
        }

        #[doc = concat!("Writes in the conversation about ", $what, "; the others are notified. Answers the conversation.")]
        #[utoipa::path(post, path = $path, tag = "conversations", params(("id" = String, Path, description = "The record's id")),
            request_body(content = MessageForm, content_type = "multipart/form-data"),
            responses((status = 201, body = ConversationView)))]
        pub async fn $post(
            State(state): State<AppState>,
            CurrentUser(actor): CurrentUser,
            ClientIp(ip): ClientIp,
            Path(id): Path<String>,
            request: Request,
        ) -> Result<Response, AppError> {
            post(&state, &actor, &ip.to_string(), $kind, &id, request).await
        }

        #[doc = concat!("Marks the conversation about ", $what, " read up to its last message.")]
        #[utoipa::path(post, path = $read_path, tag = "conversations", params(("id" = String, Path, description = "The record's id")),
            responses((status = 204, description = "Marked read")))]
        pub async fn $mark(
            State(state): State<AppState>,
            CurrentUser(actor): CurrentUser,
            Path(id): Path<String>,
        ) -> Result<StatusCode, AppError> {
            mark(&state, &actor, $kind, &id).await
        }
    };
}

conversation_routes!(
    of_candidate,
    post_on_candidate,
    read_candidate,
    "candidates",
    "/api/v1/candidates/{id}/messages",
    "/api/v1/candidates/{id}/messages/read",
    "a candidacy"
);
conversation_routes!(
    of_mission,
    post_on_mission,
    read_mission,
    "missions",
    "/api/v1/missions/{id}/messages",
    "/api/v1/missions/{id}/messages/read",
    "a mission"
);
