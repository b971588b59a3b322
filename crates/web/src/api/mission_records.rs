//! `/api/v1`: what a mission's pages show and change beyond its steps: the filed report and
//! evaluation (read by every party of the mission), the schedule of days and phases (staff),
//! and extensions asked for (any party) and decided (staff).

use super::body::json;
use super::missions::{MissionView, fresh, refused, visible};
use crate::auth::{ClientIp, CurrentUser};
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use passerelle_core::{FieldError, parse_date};
use passerelle_missions::Party;
use passerelle_missions::evaluations;
use passerelle_missions::lifecycle;
use passerelle_missions::lifecycle::logistics::{self, PhaseInput};
use passerelle_missions::reports;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = MissionReportPeople)]
pub struct PeopleView {
    /// trainers, staff, students or others.
    role: String,
    women: u32,
    men: u32,
    unspecified: u32,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = MissionReport)]
pub struct ReportView {
    activities: String,
    deliverables: String,
    recommendations: String,
    institutions_reached: u32,
    /// One entry per role, whether or not anyone of it was trained.
    people: Vec<PeopleView>,
    /// People trained directly (trainers, staff, others).
    trained: u32,
    /// People reached through those trained (students).
    reached: u32,
    submitted_at: String,
}

/// The expert's report of a mission (its expert, its host's members, staff); 404 until filed.
#[utoipa::path(get, path = "/api/v1/missions/{id}/report", tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id")),
    responses((status = 200, body = ReportView), (status = 401, body = super::Problem),
        (status = 404, description = "No such mission for the caller, or no report filed yet", body = super::Problem)))]
pub async fn report(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<ReportView>, AppError> {
    let (mission, _) = visible(&state, &actor, &id).await?;
    let report = reports::get(&state.db, mission.id).await?.ok_or(AppError::NotFound)?;
    let fields = &report.fields;
    Ok(Json(ReportView {
        activities: fields.activities.clone(),
        deliverables: fields.deliverables.clone(),
        recommendations: fields.recommendations.clone(),
        institutions_reached: fields.institutions_reached,
        people: fields
            .people
            .iter()
            .map(|(role, p)| PeopleView {
                role: role.code().to_owned(),
                women: p.women,
                men: p.men,
                unspecified: p.unspecified,
            })
            .collect(),
        trained: fields.trained(),
        reached: fields.reached(),
        submitted_at: report.submitted_at.to_string(),
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = MissionEvaluation)]
pub struct EvaluationView {
    /// A rating from 1 to 5 for each of quality, transfer, communication, reliability, relevance.
    #[schema(value_type = Object)]
    ratings: BTreeMap<String, u8>,
    /// The mean of the ratings.
    average: f64,
    comments: String,
    submitted_at: String,
}

/// The host's evaluation of a mission (its expert, its host's members, staff); 404 until filed.
#[utoipa::path(get, path = "/api/v1/missions/{id}/evaluation", tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id")),
    responses((status = 200, body = EvaluationView), (status = 401, body = super::Problem),
        (status = 404, description = "No such mission for the caller, or no evaluation filed yet", body = super::Problem)))]
pub async fn evaluation(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<EvaluationView>, AppError> {
    let (mission, _) = visible(&state, &actor, &id).await?;
    let evaluation = evaluations::get(&state.db, mission.id).await?.ok_or(AppError::NotFound)?;
    let fields = &evaluation.fields;
    Ok(Json(EvaluationView {
        ratings: fields.ratings.iter().map(|(c, r)| (c.code().to_owned(), *r)).collect(),
        average: fields.average(),
        comments: fields.comments.clone(),
        submitted_at: evaluation.submitted_at.to_string(),
    }))
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = MissionPhaseInput)]
pub struct PhaseBody {
    /// on_site or remote.
    kind: String,
    /// YYYY-MM-DD, within the mission's days.
    starts_on: String,
    ends_on: String,
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = MissionSchedule)]
pub struct ScheduleBody {
    /// The mission's first day, YYYY-MM-DD.
    starts_on: String,
    /// Its last day.
    ends_on: String,
    /// One to 12 phases within those days, not overlapping; a hybrid mission has at least one of
    /// each kind.
    #[schema(max_items = 12)]
    phases: Vec<PhaseBody>,
}

/// Sets a mission's days and phases (coordinators and admins, until it ends). Days that overlap
/// another mission of the expert answer 409.
#[utoipa::path(put, path = "/api/v1/missions/{id}/schedule", tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id")), request_body = ScheduleBody,
    responses((status = 200, body = MissionView), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 404, body = super::Problem), (status = 409, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn schedule(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<MissionView>, AppError> {
    let (mission, party) = visible(&state, &actor, &id).await?;
    if party != Party::Staff {
        return Err(AppError::Forbidden);
    }
    let input: ScheduleBody = json(&body)?;
    if input.phases.len() > logistics::MAX_PHASES {
        let most = format!("at most {} phases", logistics::MAX_PHASES);
        return Err(AppError::invalid("phases", "mission.too_many_phases", most));
    }
    let rows: Vec<PhaseInput> = input
        .phases
        .into_iter()
        .map(|p| PhaseInput { kind: p.kind, starts_on: p.starts_on, ends_on: p.ends_on })
        .collect();
    let (days, phases) =
        logistics::schedule(mission.mode, &input.starts_on, &input.ends_on, &rows).map_err(AppError::Invalid)?;
    if let Err(error) = lifecycle::set_schedule(&state.db, &actor, mission.id, days, &phases, &ip.to_string()).await {
        return Err(refused(&actor, &mission, error));
    }
    fresh(&state, &actor, mission.id).await
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = MissionExtensionRequest)]
pub struct ExtensionBody {
    /// The later last day asked for, YYYY-MM-DD.
    ends_on: String,
    /// Why (required).
    reason: String,
}

/// Asks for a later end (the mission's expert, its host's members, staff), for a coordinator to
/// decide. One extension waits at a time (409 while another does).
#[utoipa::path(post, path = "/api/v1/missions/{id}/extensions", tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id")), request_body = ExtensionBody,
    responses((status = 200, body = MissionView), (status = 401, body = super::Problem), (status = 404, body = super::Problem),
        (status = 409, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn request_extension(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<MissionView>, AppError> {
    let (mission, _) = visible(&state, &actor, &id).await?;
    let input: ExtensionBody = json(&body)?;
    let ends_on =
        parse_date(&input.ends_on).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("ends_on", &e)]))?;
    let ip = ip.to_string();
    if let Err(error) = lifecycle::request_extension(&state.db, &actor, mission.id, ends_on, &input.reason, &ip).await {
        return Err(refused(&actor, &mission, error));
    }
    fresh(&state, &actor, mission.id).await
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = MissionExtensionDecision)]
pub struct DecisionBody {
    /// approve or refuse.
    decision: String,
    /// A note to the parties.
    note: String,
}

/// Decides the extension waiting on a mission (coordinators and admins): approved, the mission's
/// end (and its last phase) move, unless the expert is booked then (409).
#[utoipa::path(post, path = "/api/v1/missions/{id}/extensions/decision", tag = "pipeline",
    params(("id" = String, Path, description = "The mission's id")), request_body = DecisionBody,
    responses((status = 200, body = MissionView), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 404, body = super::Problem), (status = 409, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn decide_extension(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<MissionView>, AppError> {
    let (mission, party) = visible(&state, &actor, &id).await?;
    if party != Party::Staff {
        return Err(AppError::Forbidden);
    }
    let input: DecisionBody = json(&body)?;
    let approve = match input.decision.as_str() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(AppError::invalid("decision", "extension.decision_unknown", "approve or refuse")),
    };
    let ip = ip.to_string();
    if let Err(error) = lifecycle::decide_extension(&state.db, &actor, mission.id, approve, &input.note, &ip).await {
        return Err(refused(&actor, &mission, error));
    }
    fresh(&state, &actor, mission.id).await
}
