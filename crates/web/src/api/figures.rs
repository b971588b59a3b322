//! `/api/v1`: the caller's notifications, and the dashboard's figures.

use super::body::filter;
use crate::auth::CurrentUser;
use crate::query::Query;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::State;
use passerelle_core::{Country, DateRange, FieldError, ProgrammeId, Sector, Timestamp, parse_date};
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::{notifications, stats};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Serialize, utoipa::ToSchema)]
pub struct NotificationView {
    id: i64,
    kind: String,
    /// candidate, mission or call.
    subject_kind: String,
    subject_id: String,
    title: String,
    detail: String,
    /// The notification in the caller's language.
    text: String,
    created_at: String,
    read: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Inbox {
    unread: i64,
    items: Vec<NotificationView>,
}

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "pipeline",
    responses((status = 200, body = Inbox), (status = 401, body = super::Problem)))]
pub async fn inbox(State(state): State<AppState>, CurrentUser(actor): CurrentUser) -> Result<Json<Inbox>, AppError> {
    let (found, unread) = notifications::inbox(&state.db, actor.user_id, 200).await?;
    let items = found
        .into_iter()
        .map(|n| NotificationView {
            text: crate::words::notification(actor.locale, &n.kind, &n.title, &n.detail),
            id: n.id,
            kind: n.kind,
            subject_kind: n.subject_kind,
            subject_id: n.subject_id,
            title: n.title,
            detail: n.detail,
            created_at: n.created_at.to_string(),
            read: n.read_at.is_some(),
        })
        .collect();
    Ok(Json(Inbox { unread, items }))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    programme: Option<String>,
    country: Option<String>,
    sector: Option<String>,
    /// First day of the period (YYYY-MM-DD); a year ago by default.
    from: Option<String>,
    /// Last day of the period; six months ahead by default.
    to: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Stats {
    from: String,
    to: String,
    #[schema(value_type = Object)]
    requests_by_status: BTreeMap<String, u64>,
    #[schema(value_type = Object)]
    missions_by_status: BTreeMap<String, u64>,
    missions_deployed: u64,
    experts_deployed: u64,
    expert_days_on_site: i64,
    expert_days_remote: i64,
    people_trained: u64,
    people_reached: u64,
    institutions_reached: u64,
    average_host_rating: Option<f64>,
    evaluations: u64,
    average_days_to_staff: Option<f64>,
}

/// The dashboard's figures (coordinators and admins).
#[utoipa::path(get, path = "/api/v1/stats", tag = "pipeline", params(StatsQuery),
    responses((status = 200, body = Stats), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn stats(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<StatsQuery>,
) -> Result<Json<Stats>, AppError> {
    if !can(&actor, PipelineAction::Report) {
        return Err(AppError::Forbidden);
    }
    let default = crate::dashboard::default_period();
    let from = filter("from", &query.from, parse_date)?.unwrap_or(default.start());
    let to = filter("to", &query.to, parse_date)?.unwrap_or(default.end());
    let period = DateRange::new(from, to).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("to", &e)]))?;
    let period = stats::bounded(period).map_err(|problem| AppError::Invalid(vec![problem]))?;
    let filter = stats::Filter {
        programme: filter("programme", &query.programme, ProgrammeId::parse)?,
        country: filter("country", &query.country, Country::parse)?,
        sector: filter("sector", &query.sector, Sector::parse)?,
        period,
    };
    let f = stats::figures(&state.db, &filter, Timestamp::now().date()).await?;
    Ok(Json(Stats {
        from: period.start().to_string(),
        to: period.end().to_string(),
        requests_by_status: f.requests_by_status.iter().map(|(s, n)| (s.code().to_owned(), *n)).collect(),
        missions_by_status: f.missions_by_status.iter().map(|(s, n)| (s.code().to_owned(), *n)).collect(),
        missions_deployed: f.missions_deployed,
        experts_deployed: f.experts_deployed,
        expert_days_on_site: f.expert_days.0,
        expert_days_remote: f.expert_days.1,
        people_trained: f.trained,
        people_reached: f.reached,
        institutions_reached: f.institutions_reached,
        average_host_rating: f.rating.map(|(avg, _)| avg),
        evaluations: f.rating.map_or(0, |(_, n)| n),
        average_days_to_staff: f.days_to_staff.map(|(d, _)| d),
    }))
}
