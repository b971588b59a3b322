//! The costs of a programme's missions, one line per cost, for the finance officer and the
//! donor's financial report: what each mission cost, by category, in the programme's currency.

use super::csv_out::{Format, download};
use super::labels::Words;
use super::{PAGE, coordinators_only, spreadsheet};
use crate::auth::CurrentUser;
use crate::page::PageContext;
use crate::{AppError, AppState};
use axum::extract::{Path, State};
use axum::response::Response;
use passerelle_core::{MissionId, ProgrammeId, Timestamp};
use passerelle_missions::costs::{self, Cost};
use passerelle_missions::lifecycle::Mission;
use passerelle_missions::programmes;
use passerelle_missions::stats::{self, Filter};
use std::collections::HashMap;
use std::sync::Arc;

pub(super) const COLUMNS: [&str; 14] = [
    "cost_id",
    "mission_id",
    "programme",
    "request",
    "host_institution",
    "country",
    "expert",
    "category",
    "description",
    "quantity",
    "unit_amount",
    "amount",
    "currency",
    "recorded_at",
];

fn row(words: Words, currency: &str, missions: &HashMap<MissionId, Mission>, cost: &Cost) -> Vec<String> {
    let mission = missions.get(&cost.mission);
    let of = |f: fn(&Mission) -> String| mission.map(f).unwrap_or_default();
    vec![
        cost.id.to_string(),
        cost.mission.to_string(),
        of(|m| m.programme_code.clone()),
        of(|m| m.request_title.clone()),
        of(|m| m.institution_name.clone()),
        mission.map(|m| words.country(m.country)).unwrap_or_default(),
        of(|m| m.expert_name.clone().unwrap_or_default()),
        words.code("cost-category", cost.fields.category.code()),
        cost.fields.description.clone(),
        cost.fields.quantity.to_string(),
        words.amount(cost.fields.unit_amount),
        words.amount(cost.fields.amount()),
        currency.to_owned(),
        words.moment(cost.created_at),
    ]
}

pub async fn of_programme(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    costs_as(state, actor, id, Format::Plain).await
}

pub async fn of_programme_for_spreadsheets(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    costs_as(state, actor, id, spreadsheet(&page)).await
}

async fn costs_as(
    state: AppState,
    actor: passerelle_accounts::Actor,
    id: String,
    format: Format,
) -> Result<Response, AppError> {
    coordinators_only(&actor)?;
    let id = ProgrammeId::parse(&id).map_err(|_| AppError::NotFound)?;
    let programme = programmes::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    // Costs may be recorded for a mission outside the programme's period (a late invoice):
    // its missions are read over every date.
    let everything =
        passerelle_core::DateRange::new(time::macros::date!(1900 - 01 - 01), time::macros::date!(2199 - 12 - 31))
            .map_err(anyhow::Error::from)?;
    let filter = Filter { programme: Some(id), country: None, sector: None, period: everything };
    let figures = stats::figures(&state.db, &filter, Timestamp::now().date()).await?;
    let missions: Arc<HashMap<MissionId, Mission>> =
        Arc::new(figures.missions.into_iter().map(|line| (line.mission.id, line.mission)).collect());
    let words = Words::new(format);
    let currency = programme.plan.budget.currency.to_string();
    let name = format!("costs-{}", programme.code.to_ascii_lowercase());
    Ok(download(&name, format, words.header(&COLUMNS), 0i64, move |after| {
        let (db, missions, currency) = (state.db.clone(), missions.clone(), currency.clone());
        async move {
            let page = costs::of_programme(&db, id, after, PAGE).await?;
            let Some(last) = page.last().map(|c| c.id) else { return Ok(None) };
            let rows = page.iter().map(|cost| row(words, &currency, &missions, cost)).collect();
            Ok(Some((rows, last)))
        }
    })?)
}
