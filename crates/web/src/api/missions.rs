//! `/api/v1`: missions (the caller's own, their institution's, or all for staff), their steps,
//! checklist, report and evaluation and history.

use super::body::{filter, json, paging};
use crate::auth::{ClientIp, CurrentUser};
use crate::query::Query;
pub(super) use crate::visible::mission as visible;
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{Country, FieldError, MissionId, ProgrammeId, Sector, Timestamp, parse_date};
use passerelle_missions::evaluations::{self, EvaluationInput};
use passerelle_missions::lifecycle::logistics::{self, Item};
use passerelle_missions::lifecycle::{self, Mission, Status};
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::reports::{self, ReportInput};
use passerelle_missions::requests::By;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Serialize, utoipa::ToSchema)]
pub struct ChecklistView {
    item: String,
    /// todo, done or not_applicable.
    state: String,
    on_date: Option<String>,
    note: String,
    /// The id of the document proving it (visa, travel, insurance), if one is attached.
    document: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PhaseView {
    /// on_site or remote.
    kind: String,
    starts_on: String,
    ends_on: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = MissionExtension)]
pub struct ExtensionView {
    ends_on: String,
    reason: String,
    /// requested, approved or refused.
    status: String,
    requested_at: String,
    decided_at: Option<String>,
    decision_note: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MissionView {
    id: String,
    request_id: String,
    request_title: String,
    institution: String,
    programme: String,
    country: String,
    /// Empty once the expert's data was erased.
    expert: Option<String>,
    /// planned, approved, preparing, in_progress, completed, reported, evaluated, closed,
    /// cancelled.
    status: String,
    mode: String,
    starts_on: String,
    ends_on: String,
    actual_start: Option<String>,
    actual_end: Option<String>,
    report_due: Option<String>,
    host_rating: Option<f64>,
    checklist: Vec<ChecklistView>,
    phases: Vec<PhaseView>,
    /// Later ends asked for, oldest first; at most one is `requested` at a time.
    extensions: Vec<ExtensionView>,
    /// The states the caller may move the mission to now.
    allowed: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MissionList {
    items: Vec<MissionView>,
    total: u64,
}

fn view(actor: &Actor, m: &Mission) -> MissionView {
    MissionView {
        id: m.id.to_string(),
        request_id: m.request.to_string(),
        request_title: m.request_title.clone(),
        institution: m.institution_name.clone(),
        programme: m.programme_code.clone(),
        country: m.country.code().to_owned(),
        expert: m.expert_name.clone(),
        status: m.status.code().to_owned(),
        mode: m.mode.code().to_owned(),
        starts_on: m.planned.start().to_string(),
        ends_on: m.planned.end().to_string(),
        actual_start: m.actual_start.map(|d| d.to_string()),
        actual_end: m.actual_end.map(|d| d.to_string()),
        report_due: m.report_due.map(|d| d.to_string()),
        host_rating: m.rating,
        checklist: m
            .checklist
            .iter()
            .map(|e| ChecklistView {
                item: e.item.code().to_owned(),
                state: e.state.code().to_owned(),
                on_date: e.on_date.map(|d| d.to_string()),
                note: e.note.clone(),
                document: e.document.map(|d| d.to_string()),
            })
            .collect(),
        phases: m
            .phases
            .iter()
            .map(|p| PhaseView {
                kind: p.kind.code().to_owned(),
                starts_on: p.days.start().to_string(),
                ends_on: p.days.end().to_string(),
            })
            .collect(),
        extensions: m
            .extensions
            .iter()
            .map(|e| ExtensionView {
                ends_on: e.ends_on.to_string(),
                reason: e.reason.clone(),
                status: e.status.code().to_owned(),
                requested_at: e.requested_at.to_string(),
                decided_at: e.decided_at.map(|t| t.to_string()),
                decision_note: e.decision_note.clone(),
            })
            .collect(),
        allowed: lifecycle::allowed_for(actor, m).into_iter().map(|s| s.code().to_owned()).collect(),
    }
}

pub(super) async fn fresh(state: &AppState, actor: &Actor, id: MissionId) -> Result<Json<MissionView>, AppError> {
    state.notifications_queued.notify_one();
    let mission = lifecycle::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(actor, &mission)))
}

pub(super) fn refused(actor: &Actor, mission: &Mission, error: lifecycle::ChangeError) -> AppError {
    AppError::from(error).allowing(lifecycle::allowed_for(actor, mission).iter().map(|s| s.code()))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Staff only: a programme id.
    programme: Option<String>,
    /// Staff only: a country (ISO 3166-1 alpha-2).
    country: Option<String>,
    /// Staff only: a sector code.
    sector: Option<String>,
    /// A status code.
    status: Option<String>,
    /// Results to skip, from 0 to 1,000,000.
    #[param(minimum = 0, maximum = 1000000)]
    offset: Option<u32>,
    /// 1 to 200, default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// Missions: an expert's own, a host member's institution's, or every mission for staff.
#[utoipa::path(get, path = "/api/v1/missions", tag = "pipeline", params(ListQuery),
    responses((status = 200, body = MissionList), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<MissionList>, AppError> {
    if !can(&actor, PipelineAction::ListMissions) {
        return Err(AppError::Forbidden);
    }
    let (offset, limit) = paging(query.offset, query.limit)?;
    let mut search = lifecycle::Query {
        statuses: filter("status", &query.status, Status::parse)?.into_iter().collect(),
        offset,
        limit,
        ..Default::default()
    };
    if actor.is_staff() {
        search.programme = filter("programme", &query.programme, ProgrammeId::parse)?;
        search.country = filter("country", &query.country, Country::parse)?;
        search.sector = filter("sector", &query.sector, Sector::parse)?;
    } else if actor.role == Role::Expert {
        search.expert =
            Some(passerelle_profiles::service::profile_of_account(&state.db, actor.user_id, &actor.name).await?);
    } else {
        search.institution = actor.institution;
    }
    let (found, total) = lifecycle::search(&state.db, &search).await?;
    Ok(Json(MissionList { items: found.iter().map(|m| view(&actor, m)).collect(), total }))
}

/// A mission (staff, its expert, its host's members).
#[utoipa::path(get, path = "/api/v1/missions/{id}", tag = "pipeline", params(("id" = String, Path, description = "The mission's id")),
    responses((status = 200, body = MissionView), (status = 401, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<MissionView>, AppError> {
    let (mission, _) = visible(&state, &actor, &id).await?;
    Ok(Json(view(&actor, &mission)))
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = MissionStep)]
pub struct StepBody {
    to: String,
    /// A reason: required to cancel, and to end before the planned end.
    comment: String,
    /// The actual start (to in_progress) or end (to completed), YYYY-MM-DD; today if absent.
    date: Option<String>,
    /// Coordinators: start (to in_progress) although the visa, ticket or insurance item is done
    /// without its document; the comment must say why, and the audit log keeps it.
    override_proof: bool,
}

/// Moves a mission along its lifecycle. An illegal step answers 409 listing in `allowed` the
/// states the caller may move it to.
#[utoipa::path(post, path = "/api/v1/missions/{id}/transitions", tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id")), request_body = StepBody,
    responses((status = 200, body = MissionView), (status = 401, body = super::Problem), (status = 404, body = super::Problem),
        (status = 409, description = "Not a step the caller may take now; `allowed` lists those it may", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn transition(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<MissionView>, AppError> {
    let (mission, _) = visible(&state, &actor, &id).await?;
    let input: StepBody = json(&body)?;
    let to = Status::parse(&input.to).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("to", &e)]))?;
    let date = match input.date.as_deref() {
        None | Some("") => None,
        Some(text) => Some(parse_date(text).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("date", &e)]))?),
    };
    let step = lifecycle::Input { comment: input.comment, date, override_proof: input.override_proof };
    if let Err(error) =
        lifecycle::transition(&state.db, By::Person(&actor), mission.id, to, &step, &ip.to_string()).await
    {
        return Err(refused(&actor, &mission, error));
    }
    fresh(&state, &actor, mission.id).await
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ChecklistBody {
    /// todo, done or not_applicable.
    state: String,
    /// YYYY-MM-DD; a done item without one is done today.
    on_date: Option<String>,
    note: String,
    /// The id of a document of this mission proving the item (the visa, the ticket, the
    /// insurance certificate); absent or empty for none. A mission starts with the visa, travel
    /// or insurance item done only once its proof is attached (or on a coordinator's override).
    #[schema(max_length = 36)]
    document: Option<String>,
}

/// Sets one item of the logistics checklist (coordinators and admins, until the mission ends).
#[utoipa::path(put, path = "/api/v1/missions/{id}/checklist/{item}", tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id"),
        ("item" = String, Path, description = "visa, travel, insurance, per_diem, accommodation, security_briefing or focal_point")),
    request_body = ChecklistBody,
    responses((status = 200, body = MissionView), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 404, body = super::Problem), (status = 409, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn checklist(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, item)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<MissionView>, AppError> {
    let (mission, party) = visible(&state, &actor, &id).await?;
    if party != passerelle_missions::Party::Staff {
        return Err(AppError::Forbidden);
    }
    let item = Item::parse(&item).map_err(|_| AppError::NotFound)?;
    let input: ChecklistBody = json(&body)?;
    let on_date = input.on_date.unwrap_or_default();
    let entry = logistics::entry(item, &input.state, &on_date, &input.note, Timestamp::now().date())
        .map_err(AppError::Invalid)?
        .proved_by(input.document.as_deref().unwrap_or_default())
        .map_err(|e| AppError::Invalid(vec![e]))?;
    if let Err(error) = lifecycle::set_checklist_item(&state.db, &actor, mission.id, &entry, &ip.to_string()).await {
        return Err(refused(&actor, &mission, error));
    }
    fresh(&state, &actor, mission.id).await
}

/// The body of a report.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ReportBody {
    activities: String,
    deliverables: String,
    recommendations: String,
    institutions_reached: Option<u32>,
    /// People trained (trainers, staff, others) and reached (students), by gender.
    people: Vec<PeopleBody>,
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PeopleBody {
    /// trainers, staff, students or others.
    role: String,
    women: u32,
    men: u32,
    unspecified: u32,
}

/// Files the expert's report of a completed mission (the mission's expert); the mission
/// becomes `reported`.
#[utoipa::path(put, path = "/api/v1/missions/{id}/report", tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id")), request_body = ReportBody,
    responses((status = 200, body = MissionView), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 404, body = super::Problem), (status = 409, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn report(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<MissionView>, AppError> {
    let (mission, party) = visible(&state, &actor, &id).await?;
    if party != passerelle_missions::Party::Expert {
        return Err(AppError::Forbidden);
    }
    let input: ReportBody = json(&body)?;
    let typed = ReportInput {
        activities: input.activities,
        deliverables: input.deliverables,
        recommendations: input.recommendations,
        institutions_reached: input.institutions_reached.map(|n| n.to_string()).unwrap_or_default(),
        people: input
            .people
            .into_iter()
            .map(|p| (p.role, p.women.to_string(), p.men.to_string(), p.unspecified.to_string()))
            .collect(),
    };
    let fields = typed.validate().map_err(AppError::Invalid)?;
    if let Err(error) = reports::submit(&state.db, &actor, mission.id, &fields, &ip.to_string()).await {
        return Err(refused(&actor, &mission, error));
    }
    fresh(&state, &actor, mission.id).await
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluationBody {
    /// A rating from 1 to 5 for each of quality, transfer, communication, reliability, relevance.
    #[schema(value_type = Object)]
    ratings: BTreeMap<String, u8>,
    comments: String,
}

/// Files the host's evaluation of a reported mission (members of the host institution); the
/// mission becomes `evaluated`.
#[utoipa::path(put, path = "/api/v1/missions/{id}/evaluation", tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id")), request_body = EvaluationBody,
    responses((status = 200, body = MissionView), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 404, body = super::Problem), (status = 409, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn evaluation(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<MissionView>, AppError> {
    let (mission, party) = visible(&state, &actor, &id).await?;
    if party != passerelle_missions::Party::Host {
        return Err(AppError::Forbidden);
    }
    let input: EvaluationBody = json(&body)?;
    let typed = EvaluationInput {
        ratings: input.ratings.into_iter().map(|(k, v)| (k, v.to_string())).collect(),
        comments: input.comments,
    };
    let fields = typed.validate().map_err(AppError::Invalid)?;
    if let Err(error) = evaluations::submit(&state.db, &actor, mission.id, &fields, &ip.to_string()).await {
        return Err(refused(&actor, &mission, error));
    }
    fresh(&state, &actor, mission.id).await
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = MissionHistoryEntry)]
pub struct HistoryEntry {
    at: String,
    actor: String,
    /// `mission.approve`, `mission.checklist`…
    action: String,
    detail: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = MissionHistory)]
pub struct History {
    entries: Vec<HistoryEntry>,
}

/// Everything that happened to a mission, oldest first, from the audit log.
#[utoipa::path(get, path = "/api/v1/missions/{id}/history", tag = "pipeline", params(("id" = String, Path, description = "The mission's id")),
    responses((status = 200, body = History), (status = 401, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn history(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<History>, AppError> {
    let (mission, _) = visible(&state, &actor, &id).await?;
    let entries = lifecycle::history(&state.db, mission.id)
        .await?
        .into_iter()
        .map(|e| HistoryEntry { at: e.at.to_string(), actor: e.actor_label, action: e.action, detail: e.detail })
        .collect();
    Ok(Json(History { entries }))
}
