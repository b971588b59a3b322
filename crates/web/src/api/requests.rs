//! `/api/v1/requests`: mission requests and their workflow. Institution members write their
//! institution's requests; coordinators and admins review all of them. A request of another
//! institution answers 404. There is no DELETE: a request is cancelled (with a reason) through
//! its transitions, and its history stays.

use super::body::{NumberOrText, filter, json, paging};
use crate::auth::{ClientIp, CurrentUser};
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_accounts::Actor;
use passerelle_core::{Country, FieldError, InstitutionId, ProgrammeId, RequestId, Sector};
use passerelle_missions::requests::{
    self, By, ChangeError, LanguageInput, Request, RequestAction, RequestInput, SkillInput, Sort, Status, Summary,
    Timing, Urgency,
};
use serde::{Deserialize, Serialize};

/// A skill asked for.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SkillBody {
    /// The skill's id in the taxonomy (see `GET /api/v1/skills`).
    skill: String,
    /// must_have or nice_to_have.
    requirement: String,
    /// 1 (basic) to 4 (expert).
    #[schema(value_type = i64)]
    level: Option<NumberOrText>,
}

/// A language asked for.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct LanguageBody {
    /// BCP 47 primary subtag: fr, en, rw, ln…
    language: String,
    /// Minimum CEFR level: A1, A2, B1, B2, C1, C2 or native.
    level: String,
}

/// Fixed dates, both included.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DatesBody {
    /// YYYY-MM-DD.
    start: String,
    end: String,
}

/// A flexible window: `duration_days` days somewhere between `start` and `end`.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct WindowBody {
    start: String,
    end: String,
    #[schema(value_type = i64)]
    duration_days: Option<NumberOrText>,
}

/// The terms of reference, to create a request or replace its terms. Every problem is
/// reported at once under its field name (`skills[0].level`, `window.duration_days`).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RequestBody {
    programme_id: String,
    title: String,
    description: String,
    objectives: String,
    deliverables: String,
    /// A sector code (health, education, tvet…).
    sector: String,
    /// At least one must_have.
    skills: Vec<SkillBody>,
    languages: Vec<LanguageBody>,
    /// ISO 3166-1 alpha-2 codes of the countries of origin preferred (optional).
    preferred_origins: Vec<String>,
    /// Where the mission takes place (required unless remote).
    country: Option<String>,
    city: Option<String>,
    /// on_site, remote or hybrid.
    mode: String,
    /// For a hybrid mission: the days on site.
    #[schema(value_type = Option<i64>)]
    days_on_site: Option<NumberOrText>,
    /// fixed (give `dates`) or flexible (give `window`).
    timing: String,
    dates: Option<DatesBody>,
    window: Option<WindowBody>,
    /// normal or urgent.
    urgency: String,
    /// How many experts: 1 or more.
    #[schema(value_type = i64)]
    positions: Option<NumberOrText>,
    /// What the host provides: accommodation, transport, an interpreter… (free text).
    host_provides: Option<String>,
}

impl From<RequestBody> for RequestInput {
    fn from(b: RequestBody) -> Self {
        let dates = b.dates.unwrap_or_default();
        let window = b.window.unwrap_or_default();
        RequestInput {
            programme_id: b.programme_id,
            title: b.title,
            description: b.description,
            objectives: b.objectives,
            deliverables: b.deliverables,
            sector: b.sector,
            skills: b
                .skills
                .into_iter()
                .map(|s| SkillInput {
                    // An empty id would be an ignored row of a form; in JSON it is a mistake.
                    skill: if s.skill.trim().is_empty() { "?".into() } else { s.skill },
                    requirement: s.requirement,
                    level: NumberOrText::text(&s.level),
                })
                .collect(),
            languages: b
                .languages
                .into_iter()
                .map(|l| LanguageInput {
                    language: if l.language.trim().is_empty() { "?".into() } else { l.language },
                    level: l.level,
                })
                .collect(),
            preferred_origins: b.preferred_origins,
            country: b.country.unwrap_or_default(),
            city: b.city.unwrap_or_default(),
            mode: b.mode,
            days_on_site: NumberOrText::text(&b.days_on_site),
            timing: b.timing,
            dates_start: dates.start,
            dates_end: dates.end,
            window_start: window.start,
            window_end: window.end,
            window_duration_days: NumberOrText::text(&window.duration_days),
            urgency: b.urgency,
            positions: NumberOrText::text(&b.positions),
            host_provides: b.host_provides.unwrap_or_default(),
        }
    }
}

/// A skill of a request, with its label in the caller's language.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SkillView {
    skill: String,
    label: String,
    requirement: &'static str,
    level: u8,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LanguageView {
    language: String,
    level: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WindowView {
    start: String,
    end: String,
    duration_days: u32,
}

/// A mission request, with what the caller may do with it now.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RequestView {
    id: String,
    /// draft, submitted, changes_requested, approved, staffed, closed or cancelled.
    status: &'static str,
    status_changed_at: String,
    /// The states the caller may move the request to now (`POST …/transitions`).
    allowed_transitions: Vec<&'static str>,
    /// Whether the caller may replace its terms now (`PUT`).
    editable: bool,
    institution_id: String,
    institution_name: String,
    institution_verified: bool,
    programme_id: String,
    programme_code: String,
    title: String,
    description: String,
    objectives: String,
    deliverables: String,
    sector: String,
    skills: Vec<SkillView>,
    languages: Vec<LanguageView>,
    preferred_origins: Vec<String>,
    /// The place; none for a remote mission without one.
    country: Option<String>,
    city: String,
    mode: &'static str,
    days_on_site: Option<u32>,
    /// fixed or flexible.
    timing: &'static str,
    dates: Option<DatesBody>,
    window: Option<WindowView>,
    duration_days: u32,
    urgency: &'static str,
    positions: u32,
    host_provides: String,
    created_at: String,
    updated_at: String,
}

async fn view(state: &AppState, actor: &Actor, request: Request) -> Result<RequestView, AppError> {
    let (allowed, editable) = requests::allowed_for(actor, &request);
    let f = request.fields;
    let ids: Vec<_> = f.skills.iter().map(|s| s.skill.clone()).collect();
    let known = passerelle_taxonomy::by_ids(&state.db, &ids).await?;
    let (dates, window) = match f.timing {
        Timing::Fixed(range) => {
            (Some(DatesBody { start: range.start().to_string(), end: range.end().to_string() }), None)
        }
        Timing::Flexible { window, duration_days } => {
            (None, Some(WindowView { start: window.start().to_string(), end: window.end().to_string(), duration_days }))
        }
    };
    Ok(RequestView {
        id: request.id.to_string(),
        status: request.status.code(),
        status_changed_at: request.status_changed_at.to_string(),
        allowed_transitions: allowed.into_iter().map(Status::code).collect(),
        editable,
        institution_id: request.institution.to_string(),
        institution_name: request.institution_name,
        institution_verified: request.institution_verified,
        programme_id: f.programme.to_string(),
        programme_code: request.programme_code,
        title: f.title,
        description: f.description,
        objectives: f.objectives,
        deliverables: f.deliverables,
        sector: f.sector.to_string(),
        skills: f
            .skills
            .iter()
            .map(|s| SkillView {
                label: known.get(&s.skill).map(|k| k.label(actor.locale).to_owned()).unwrap_or_default(),
                skill: s.skill.to_string(),
                requirement: s.requirement.code(),
                level: s.level.value(),
            })
            .collect(),
        languages: f
            .languages
            .iter()
            .map(|l| LanguageView { language: l.language.to_string(), level: l.level.to_string() })
            .collect(),
        preferred_origins: f.preferred_origins.iter().map(ToString::to_string).collect(),
        country: f.country.map(|c| c.to_string()),
        city: f.city,
        mode: f.mode.kind().code(),
        days_on_site: f.mode.days_on_site(),
        timing: f.timing.kind().code(),
        duration_days: f.timing.duration_days(),
        dates,
        window,
        urgency: f.urgency.code(),
        positions: f.positions,
        host_provides: f.host_provides,
        created_at: request.created_at.to_string(),
        updated_at: request.updated_at.to_string(),
    })
}

/// A request in a list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RequestSummary {
    id: String,
    title: String,
    status: &'static str,
    status_changed_at: String,
    institution_id: String,
    institution_name: String,
    programme_id: String,
    programme_code: String,
    sector: String,
    /// The place's country, or the institution's for a remote mission.
    country: String,
    city: String,
    mode: &'static str,
    timing: &'static str,
    /// The mission's dates, or its window (YYYY-MM-DD).
    start: String,
    end: String,
    duration_days: u32,
    urgency: &'static str,
    positions: u32,
}

impl From<Summary> for RequestSummary {
    fn from(s: Summary) -> Self {
        let range = s.timing.range();
        RequestSummary {
            id: s.id.to_string(),
            title: s.title,
            status: s.status.code(),
            status_changed_at: s.status_changed_at.to_string(),
            institution_id: s.institution.to_string(),
            institution_name: s.institution_name,
            programme_id: s.programme.to_string(),
            programme_code: s.programme_code,
            sector: s.sector.to_string(),
            country: s.country.to_string(),
            city: s.city,
            mode: s.mode.kind().code(),
            timing: s.timing.kind().code(),
            start: range.start().to_string(),
            end: range.end().to_string(),
            duration_days: s.timing.duration_days(),
            urgency: s.urgency.code(),
            positions: s.positions,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RequestList {
    items: Vec<RequestSummary>,
    total: u64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// A status code.
    status: Option<String>,
    /// A programme id.
    programme: Option<String>,
    /// An institution id (staff; members always see their own institution's requests).
    institution: Option<String>,
    /// ISO 3166-1 alpha-2.
    country: Option<String>,
    /// A sector code.
    sector: Option<String>,
    /// normal or urgent.
    urgency: Option<String>,
    /// Part of the title or of the institution's name.
    q: Option<String>,
    /// queue (urgent first, then the longest waiting; the default for staff) or newest (the
    /// default for members).
    sort: Option<String>,
    offset: Option<u32>,
    /// 1 to 200, default 50.
    limit: Option<u32>,
}

/// A step of the workflow.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TransitionBody {
    /// The state to move to: submitted, changes_requested, approved, staffed, closed or cancelled.
    to: String,
    /// Why; required to request changes and to cancel (at most 900 characters).
    comment: String,
}

/// One entry of a request's history.
#[derive(Serialize, utoipa::ToSchema)]
pub struct HistoryView {
    at: String,
    /// The user who acted (none for the platform itself).
    actor_id: Option<String>,
    actor: String,
    /// request.create, request.edit, request.submit, request.request_changes, request.approve,
    /// request.staff, request.close or request.cancel.
    action: String,
    from: Option<&'static str>,
    to: Option<&'static str>,
    comment: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct History {
    entries: Vec<HistoryView>,
}

fn require(allowed: bool) -> Result<(), AppError> {
    if allowed { Ok(()) } else { Err(AppError::Forbidden) }
}

async fn visible(state: &AppState, actor: &Actor, id: &str) -> Result<Request, AppError> {
    let id = RequestId::parse(id).map_err(|_| AppError::NotFound)?;
    let request = requests::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !requests::can(actor, RequestAction::View, Some(request.institution)) {
        return Err(AppError::NotFound);
    }
    Ok(request)
}

/// The answer to a change the store refused.
async fn refused(state: &AppState, actor: &Actor, id: RequestId, error: ChangeError) -> AppError {
    match error {
        ChangeError::NotFound => AppError::NotFound,
        ChangeError::Forbidden => AppError::Forbidden,
        ChangeError::Database(e) => e.into(),
        ChangeError::Refused(refusal) if refusal.is_about_input() => {
            AppError::Invalid(vec![FieldError::new("comment", refusal.code(), refusal.message())])
        }
        ChangeError::Refused(refusal) => {
            let request = match requests::get(&state.db, id).await {
                Ok(Some(request)) => request,
                Ok(None) => return AppError::NotFound,
                Err(e) => return e.into(),
            };
            let (allowed, _) = requests::allowed_for(actor, &request);
            let allowed: Vec<String> = allowed.into_iter().map(|s| s.code().to_owned()).collect();
            let detail = format!(
                "the request is {}: {}; allowed now: {}",
                request.status,
                refusal.message(),
                if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") }
            );
            AppError::Conflict { detail, allowed }
        }
        ChangeError::NotEditable { status, party } => AppError::Conflict {
            detail: format!(
                "the request is {status}: its terms cannot be edited by {} now",
                if party == requests::Party::Member { "the institution" } else { "you" }
            ),
            allowed: vec![],
        },
    }
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

/// Writes a new request, as a draft, for the caller's institution (institution members).
#[utoipa::path(
    post,
    path = "/api/v1/requests",
    tag = "requests",
    request_body = RequestBody,
    responses(
        (status = 201, description = "Created as a draft; `Location` names it", body = RequestView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only members of an institution write requests", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, all of them listed", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AppError> {
    require(requests::can(&actor, RequestAction::Create, None))?;
    let input: RequestInput = json::<RequestBody>(&body)?.into();
    let fields = requests::check(&state.db, &input, None).await?.map_err(AppError::Invalid)?;
    let id = match requests::create(&state.db, &actor, &fields, &ip.to_string()).await {
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
    let fields =
        requests::check(&state.db, &input, Some(request.fields.programme)).await?.map_err(AppError::Invalid)?;
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
