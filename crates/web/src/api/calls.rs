//! `/api/v1/calls`: calls for experts, sent with a saved roster search
//! ([`super::saved_searches`]), as the pages do them (`crate::calls`). Coordinators and admins
//! save searches, send calls to the consenting experts a search finds, read the answers and
//! close calls; an expert reads the calls sent to them and answers interested or not available.
//! A call is none of anyone else's business: 404.

use super::body::{json, paging};
use crate::auth::{ClientIp, CurrentUser};
use crate::calls::recipients;
use crate::query::Query;
use crate::visible::call as visible;
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_accounts::Actor;
use passerelle_core::{CallId, ExpertId, FieldError, Timestamp};
use passerelle_missions::calls::{self, Answer, Call, CallInput};
use passerelle_missions::policy::{PipelineAction, can};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub(super) fn staff(actor: &Actor) -> Result<(), AppError> {
    crate::auth::require(can(actor, PipelineAction::Coordinate))
}

/// `offset`/`limit` of a list read whole from the store.
pub(super) fn page_of<T>(items: Vec<T>, offset: u32, limit: u32) -> Vec<T> {
    items.into_iter().skip(offset as usize).take(limit as usize).collect()
}

/// How the recipients of a call answered so far.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CallCounts {
    /// The experts it reached.
    recipients: i64,
    interested: i64,
    not_available: i64,
    /// Not answered yet.
    pending: i64,
}

fn counts(call: &Call) -> CallCounts {
    CallCounts {
        recipients: call.recipients,
        interested: call.interested,
        not_available: call.not_available,
        pending: (call.recipients - call.interested - call.not_available).max(0),
    }
}

/// Whether the call takes answers today: open, and its reply-by day not past.
fn accepting_answers(call: &Call) -> bool {
    call.is_open() && call.reply_by().is_none_or(|d| d >= Timestamp::now().date())
}

fn answer_code(text: &str) -> &'static str {
    Answer::parse(text).map_or("pending", Answer::code)
}

/// A call as listed.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CallSummary {
    id: String,
    title: String,
    /// open or closed.
    status: &'static str,
    /// YYYY-MM-DD: the last day to answer.
    reply_by: String,
    /// Whether the call takes answers now: open, and its reply-by day not past.
    accepting_answers: bool,
    created_at: String,
    /// Coordinators and admins: how the recipients answered (absent for an expert).
    #[serde(skip_serializing_if = "Option::is_none")]
    answers: Option<CallCounts>,
    /// An expert: their own answer, pending, interested or not_available (absent for staff).
    #[serde(skip_serializing_if = "Option::is_none")]
    your_answer: Option<&'static str>,
}

fn summary(call: &Call, answers: Option<CallCounts>, your_answer: Option<&'static str>) -> CallSummary {
    CallSummary {
        id: call.id.to_string(),
        title: call.title.clone(),
        status: if call.is_open() { "open" } else { "closed" },
        reply_by: call.reply_by.clone(),
        accepting_answers: accepting_answers(call),
        created_at: call.created_at.to_string(),
        answers,
        your_answer,
    }
}

/// Calls, newest first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CallList {
    items: Vec<CallSummary>,
    /// How many there are in all.
    total: u64,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct CallListQuery {
    /// Results to skip, from 0 to 1,000,000.
    #[param(minimum = 0, maximum = 1000000)]
    offset: Option<u32>,
    /// 1 to 200, default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// Calls for experts, newest first: every call with its answers so far for coordinators and
/// admins; for an expert, the calls sent to them with their own answer.
#[utoipa::path(
    get,
    path = "/api/v1/calls",
    tag = "calls",
    params(CallListQuery),
    responses(
        (status = 200, description = "The calls, newest first", body = CallList),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff nor an expert", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`offset` or `limit` out of range", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<CallListQuery>,
) -> Result<Json<CallList>, AppError> {
    if !actor.is_staff() && !can(&actor, PipelineAction::BeInvited) {
        return Err(AppError::Forbidden);
    }
    let (offset, limit) = paging(query.offset, query.limit)?;
    if actor.is_staff() {
        let all = calls::list(&state.db).await?;
        let total = all.len() as u64;
        let items = page_of(all, offset, limit).iter().map(|c| summary(c, Some(counts(c)), None)).collect();
        return Ok(Json(CallList { items, total }));
    }
    let expert = passerelle_profiles::service::profile_of_account(&state.db, actor.user_id, &actor.name).await?;
    let all = calls::of_expert(&state.db, expert).await?;
    let total = all.len() as u64;
    let items = page_of(all, offset, limit).iter().map(|(c, answer)| summary(c, None, Some(answer.code()))).collect();
    Ok(Json(CallList { items, total }))
}

/// A recipient of a call and their answer, as coordinators see them.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CallRecipient {
    expert_id: String,
    name: String,
    /// pending, interested or not_available.
    answer: &'static str,
    /// What the expert added to their answer.
    note: String,
    answered_at: Option<String>,
    /// The expert's candidacy status in the call's request, if they are in its pipeline already.
    in_pipeline: Option<&'static str>,
}

/// What coordinators and admins see of a call besides its text.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CallCoordination {
    /// The saved search it was sent with (null once that search was deleted).
    saved_search_id: Option<String>,
    saved_search_name: Option<String>,
    /// The request it recruits for, if any.
    request_id: Option<String>,
    request_title: Option<String>,
    answers: CallCounts,
    /// Those interested first, then those yet to answer, then the others.
    recipients: Vec<CallRecipient>,
}

/// A recipient expert's own answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CallOwnAnswer {
    /// pending, interested or not_available.
    answer: &'static str,
    note: String,
    answered_at: Option<String>,
}

/// A call for experts.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CallView {
    id: String,
    title: String,
    message: String,
    /// open or closed.
    status: &'static str,
    /// YYYY-MM-DD: the last day to answer.
    reply_by: String,
    /// Whether the call takes answers now: open, and its reply-by day not past.
    accepting_answers: bool,
    created_at: String,
    /// Coordinators and admins: what it was sent with and every recipient's answer (absent for
    /// an expert).
    #[serde(skip_serializing_if = "Option::is_none")]
    coordination: Option<CallCoordination>,
    /// A recipient expert: their own answer (absent for staff).
    #[serde(skip_serializing_if = "Option::is_none")]
    your_answer: Option<CallOwnAnswer>,
}

async fn view(state: &AppState, call: &Call, expert: Option<ExpertId>) -> Result<CallView, AppError> {
    let all = calls::recipients(&state.db, call.id).await?;
    let (coordination, your_answer) = match expert {
        Some(me) => {
            let own = all.iter().find(|r| r.expert_id == me);
            let answer = CallOwnAnswer {
                answer: own.map_or("pending", |r| answer_code(&r.answer)),
                note: own.map(|r| r.note.clone()).unwrap_or_default(),
                answered_at: own.and_then(|r| r.answered_at).map(|at| at.to_string()),
            };
            (None, Some(answer))
        }
        None => {
            let pipeline: HashMap<ExpertId, &'static str> = match call.request_id {
                Some(request) => passerelle_missions::candidates::read::experts_of_request(&state.db, request)
                    .await?
                    .into_iter()
                    .map(|(expert, status)| (expert, status.code()))
                    .collect(),
                None => HashMap::new(),
            };
            let recipients = all
                .iter()
                .map(|r| CallRecipient {
                    expert_id: r.expert_id.to_string(),
                    name: r.expert_name.clone(),
                    answer: answer_code(&r.answer),
                    note: r.note.clone(),
                    answered_at: r.answered_at.map(|at| at.to_string()),
                    in_pipeline: pipeline.get(&r.expert_id).copied(),
                })
                .collect();
            let coordination = CallCoordination {
                saved_search_id: call.saved_search_id.map(|id| id.to_string()),
                saved_search_name: call.saved_search_name.clone(),
                request_id: call.request_id.map(|id| id.to_string()),
                request_title: call.request_title.clone(),
                answers: counts(call),
                recipients,
            };
            (Some(coordination), None)
        }
    };
    Ok(CallView {
        id: call.id.to_string(),
        title: call.title.clone(),
        message: call.message.clone(),
        status: if call.is_open() { "open" } else { "closed" },
        reply_by: call.reply_by.clone(),
        accepting_answers: accepting_answers(call),
        created_at: call.created_at.to_string(),
        coordination,
        your_answer,
    })
}

/// The call as it is now, for `expert` or staff.
async fn fresh(state: &AppState, id: CallId, expert: Option<ExpertId>) -> Result<CallView, AppError> {
    let call = calls::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    view(state, &call, expert).await
}

/// A call to send to the experts a saved search finds.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = NewCall)]
pub struct CallBody {
    /// Up to 200 characters.
    #[schema(required = true)]
    title: String,
    /// What is asked, up to 5,000 characters.
    #[schema(required = true)]
    message: String,
    /// The saved search whose consenting experts (at most 200) receive the call.
    #[schema(required = true, max_length = 36)]
    saved_search_id: String,
    /// The request it recruits for (optional).
    #[schema(max_length = 36)]
    request_id: Option<String>,
    /// YYYY-MM-DD, from today to 60 days from now: the last day to answer.
    #[schema(required = true)]
    reply_by: String,
}

/// Sends a call to the experts a saved search finds (coordinators and admins): at most 200,
/// only those who consent to be matched; those with an account are notified, the others
/// written to with a link to join. Recorded in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/calls",
    tag = "calls",
    request_body = CallBody,
    responses(
        (status = 201, description = "Sent", body = CallView,
            headers(("Location" = String, description = "The call's address"))),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a coordinator or admin", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named (an unknown saved search or request among them)", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AppError> {
    staff(&actor)?;
    let input: CallBody = json(&body)?;
    let typed = CallInput {
        title: input.title,
        message: input.message,
        saved_search_id: input.saved_search_id,
        request_id: input.request_id.unwrap_or_default(),
        reply_by: input.reply_by,
    };
    let fields = typed.validate(Timestamp::now().date()).map_err(AppError::Invalid)?;
    let Some(search) = calls::saved_search(&state.db, fields.saved_search).await? else {
        return Err(AppError::Invalid(vec![FieldError::new(
            "saved_search_id",
            "call.search_required",
            "choose a saved search",
        )]));
    };
    let experts = recipients(&state, &search.params).await?;
    let id = calls::create(&state.db, &actor, &fields, &experts, &ip.to_string()).await.map_err(AppError::from)?;
    state.notifications_queued.notify_one();
    let location = format!("/api/v1/calls/{id}");
    let body = Json(fresh(&state, id, None).await?);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], body).into_response())
}

/// A call: coordinators and admins see its recipients and their answers; a recipient expert
/// sees the call and their own answer.
#[utoipa::path(
    get,
    path = "/api/v1/calls/{id}",
    tag = "calls",
    params(("id" = String, Path, description = "The call's id")),
    responses(
        (status = 200, description = "The call", body = CallView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such call, or not sent to the caller", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<CallView>, AppError> {
    let (call, expert) = visible(&state, &actor, &id).await?;
    Ok(Json(view(&state, &call, expert).await?))
}

/// An expert's answer to a call.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = CallAnswer)]
pub struct AnswerBody {
    /// interested or not_available.
    #[schema(required = true)]
    answer: String,
    /// A word for the coordinators, up to 500 characters.
    note: String,
}

/// Answers a call (the experts it was sent to), while it takes answers; an answer may be
/// changed until then. Coordinators are told of those interested.
#[utoipa::path(
    post,
    path = "/api/v1/calls/{id}/answer",
    tag = "calls",
    params(("id" = String, Path, description = "The call's id")),
    request_body = AnswerBody,
    responses(
        (status = 200, description = "Answered: the call with the answer", body = CallView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Coordinators and admins: only its recipients answer a call", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such call, or not sent to the caller", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The call is closed, or its reply-by day is past", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn answer(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<CallView>, AppError> {
    let (call, expert) = visible(&state, &actor, &id).await?;
    let Some(expert) = expert else { return Err(AppError::Forbidden) };
    let input: AnswerBody = json(&body)?;
    let answer = match input.answer.trim() {
        "" => return Err(AppError::invalid("answer", "call.answer_required", "answer the call")),
        text => Answer::parse(text).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("answer", &e)]))?,
    };
    calls::answer(&state.db, &actor, expert, call.id, answer, &input.note, &ip.to_string())
        .await
        .map_err(AppError::from)?;
    state.notifications_queued.notify_one();
    Ok(Json(fresh(&state, call.id, Some(expert)).await?))
}

/// Closes a call to answers (coordinators and admins). Recorded in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/calls/{id}/close",
    tag = "calls",
    params(("id" = String, Path, description = "The call's id")),
    responses(
        (status = 200, description = "Closed: the call", body = CallView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A recipient expert: only coordinators and admins close a call", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such call, or not sent to the caller", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The call is closed already", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn close(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Json<CallView>, AppError> {
    let (call, expert) = visible(&state, &actor, &id).await?;
    if expert.is_some() {
        return Err(AppError::Forbidden);
    }
    calls::close(&state.db, &actor, call.id, &ip.to_string()).await.map_err(AppError::from)?;
    Ok(Json(fresh(&state, call.id, None).await?))
}
