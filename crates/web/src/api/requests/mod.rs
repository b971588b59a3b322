//! `/api/v1/requests`: mission requests and their workflow. Institution members write their
//! institution's requests; coordinators and admins review all of them. A request of another
//! institution answers 404. There is no DELETE: a request is cancelled (with a reason) through
//! its transitions, and its history stays.

use super::body::{filter, json, paging};
use crate::auth::{ClientIp, CurrentUser};
use crate::query::Query;
use crate::visible::request as visible;
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_accounts::Actor;
use passerelle_core::{Country, FieldError, InstitutionId, ProgrammeId, RequestId, Sector};
use passerelle_missions::requests::{self, By, ChangeError, RequestAction, RequestInput, Sort, Status, Urgency};

mod bodies;
pub(super) mod take_over;

pub(super) use bodies::*;

fn require(allowed: bool) -> Result<(), AppError> {
    if allowed { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The answer to a change the store refused.
async fn refused(state: &AppState, actor: &Actor, id: RequestId, error: ChangeError) -> AppError {
    // A refusal about the state says where the request stands and what may be done now.
    let ChangeError::Refused(refusal) = &error else { return error.into() };
    if refusal.is_about_input() {
        return error.into();
    }
    let request = match requests::get(&state.db, id).await {
        Ok(Some(request)) => request,
        Ok(None) => return AppError::NotFound,
        Err(e) => return e.into(),
    };
    let (allowed, _) = requests::allowed_for(actor, &request);
    AppError::conflict(format!("the request is {}: {}", request.status, refusal.message()))
        .allowing(allowed.iter().map(|s| s.code()))
}

/// Lists requests: a member's institution's own, or all of them for staff.
#[utoipa::path(
    get,
    path = "/api/v1/requests",
    tag = "requests",
    params(ListQuery),
    responses(
        (status = 200, description = "Matching requests", body = RequestList),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Experts see no requests here", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filters", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<RequestList>, AppError> {
    require(requests::can(&actor, RequestAction::List, None))?;
    let (offset, limit) = paging(query.offset, query.limit)?;
    let institution = if actor.is_staff() {
        filter("institution", &query.institution, InstitutionId::parse)?
    } else {
        actor.institution
    };
    let sort = match query.sort.as_deref() {
        Some("queue") => Sort::Queue,
        Some("newest") => Sort::Newest,
        None if actor.is_staff() => Sort::Queue,
        None => Sort::Newest,
        Some(_) => return Err(AppError::invalid("sort", "sort.unknown", "queue or newest")),
    };
    let search = requests::Query {
        institution,
        programme: filter("programme", &query.programme, ProgrammeId::parse)?,
        country: filter("country", &query.country, Country::parse)?,
        sector: filter("sector", &query.sector, Sector::parse)?,
        status: filter("status", &query.status, Status::parse)?,
        urgency: filter("urgency", &query.urgency, Urgency::parse)?,
        text: query.q.clone(),
        sort,
        offset,
        limit,
    };
    let (found, total) = requests::search(&state.db, &search).await?;
    Ok(Json(RequestList { items: found.into_iter().map(Into::into).collect(), total }))
}

/// Writes a new request, as a draft: a member for their institution; a coordinator or an admin
/// for the institution named by `institution_id`, recorded as entered on its behalf.
#[utoipa::path(
    post,
    path = "/api/v1/requests",
    tag = "requests",
    request_body = RequestBody,
    responses(
        (status = 201, description = "Created as a draft; `Location` names it", body = RequestView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only members of an institution and staff write requests", body = super::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, all of them listed (staff must name `institution_id`)", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AppError> {
    require(requests::can(&actor, RequestAction::Create, None))?;
    let body = json::<RequestBody>(&body)?;
    let institution = take_over::institution_for(&actor, body.institution_id.as_deref())?;
    let input: RequestInput = body.into();
    let fields =
        requests::check(&state.db, &*state.taxonomy().await?, &input, None).await?.map_err(AppError::Invalid)?;
    let created = match institution {
        Some(institution) => requests::create_on_behalf(&state.db, &actor, institution, &fields, &ip.to_string()).await,
        None => requests::create(&state.db, &actor, &fields, &ip.to_string()).await,
    };
    state.notifications_queued.notify_one();
    let id = match created {
        Err(ChangeError::NotFound) => {
            return Err(AppError::invalid("institution_id", "request.institution_unknown", "no such institution"));
        }
        Ok(id) => id,
        Err(error) => return Err(refused(&state, &actor, RequestId::new(), error).await),
    };
    let request = requests::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let location = format!("/api/v1/requests/{id}");
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view(&state, &actor, request).await?))
        .into_response())
}

/// A request (its institution's members and staff; 404 for anyone else).
#[utoipa::path(
    get,
    path = "/api/v1/requests/{id}",
    tag = "requests",
    params(("id" = String, Path, description = "The request's id")),
    responses(
        (status = 200, description = "The request", body = RequestView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or not yours to see", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<RequestView>, AppError> {
    let request = visible(&state, &actor, &id).await?;
    Ok(Json(view(&state, &actor, request).await?))
}

/// Replaces the terms of reference: members while the request is a draft or changes are
/// requested; staff until it is closed or cancelled.
#[utoipa::path(
    put,
    path = "/api/v1/requests/{id}",
    tag = "requests",
    params(("id" = String, Path, description = "The request's id")),
    request_body = RequestBody,
    responses(
        (status = 200, description = "Saved", body = RequestView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or not yours to see", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not editable in its current state", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, all of them listed", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<RequestView>, AppError> {
    let request = visible(&state, &actor, &id).await?;
    let input: RequestInput = json::<RequestBody>(&body)?.into();
    let (_, editable) = requests::allowed_for(&actor, &request);
    if !editable {
        // Said before any problem of the body: no change of these terms is possible now.
        let party = requests::party(&actor, request.institution).ok_or(AppError::NotFound)?;
        let error = ChangeError::NotEditable { status: request.status, party };
        return Err(refused(&state, &actor, request.id, error).await);
    }
    let fields = requests::check(&state.db, &*state.taxonomy().await?, &input, Some(request.fields.programme))
        .await?
        .map_err(AppError::Invalid)?;
    if let Err(error) = requests::update(&state.db, &actor, request.id, &fields, &ip.to_string()).await {
        return Err(refused(&state, &actor, request.id, error).await);
    }
    let request = requests::get(&state.db, request.id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(&state, &actor, request).await?))
}

/// Moves a request along its workflow. An illegal step answers 409 naming the current state
/// and listing in `allowed` the states the caller may move it to.
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/transitions",
    tag = "requests",
    params(("id" = String, Path, description = "The request's id")),
    request_body = TransitionBody,
    responses(
        (status = 200, description = "Moved; the request as it is now", body = RequestView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or not yours to see", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a step the caller may take now; `allowed` lists those it may", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown state, or a comment missing or too long", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn transition(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<RequestView>, AppError> {
    let request = visible(&state, &actor, &id).await?;
    let input: TransitionBody = json(&body)?;
    let to = Status::parse(&input.to).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("to", &e)]))?;
    if let Err(error) =
        requests::transition(&state.db, By::Person(&actor), request.id, to, &input.comment, &ip.to_string()).await
    {
        return Err(refused(&state, &actor, request.id, error).await);
    }
    // A review's outcome is told to the host: its emails are to be written now.
    state.notifications_queued.notify_one();
    let request = requests::get(&state.db, request.id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(&state, &actor, request).await?))
}

/// Everything that happened to a request, oldest first, from the audit log.
#[utoipa::path(
    get,
    path = "/api/v1/requests/{id}/history",
    tag = "requests",
    params(("id" = String, Path, description = "The request's id")),
    responses(
        (status = 200, description = "The history", body = History),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or not yours to see", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<History>, AppError> {
    let request = visible(&state, &actor, &id).await?;
    let entries = requests::history(&state.db, request.id)
        .await?
        .into_iter()
        .map(|e| HistoryView {
            at: e.at.to_string(),
            actor_id: e.actor.map(|a| a.to_string()),
            actor: e.actor_label,
            action: e.action,
            from: e.step.map(|(from, _)| from.code()),
            to: e.step.map(|(_, to)| to.code()),
            comment: e.comment,
        })
        .collect();
    Ok(Json(History { entries }))
}
