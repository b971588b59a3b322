//! Exports for coordinators, with the filters of the page they come from: missions (with their
//! impact), requests, and the roster (without contact details: a file travels further than a
//! page). Each as plain CSV for programs and as CSV for spreadsheets, in the reader's language
//! ([`csv_out`] says how both are written).
//!
//! The files are streamed a page at a time, so that an export of any size holds one page in
//! memory and binds a bounded number of parameters per statement (a roster of 100,000 experts
//! once made one statement with a parameter per row, beyond what SQLite accepts).

pub(crate) mod costs;
mod csv_out;
mod labels;

use crate::auth::CurrentUser;
use crate::page::PageContext;
use crate::routes::Routes;
use crate::{AppError, AppState};
use axum::extract::{Query, State};
use axum::response::Response;
use csv_out::{Format, download};
use labels::Words;
use passerelle_core::{Country, DateRange, ExpertId, ProgrammeId, Sector, Timestamp};
use passerelle_missions::lifecycle::Status;
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::requests::{self, Summary, Urgency};
use passerelle_missions::stats::{self, Filter, MissionLine};
use passerelle_profiles::roster::{self, RosterRow};
use time::macros::date;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/exports/missions.csv", "export.missions", missions)
        .get("/exports/requests.csv", "export.requests", requests)
        .get("/exports/roster.csv", "export.roster", roster)
        .get("/exports/spreadsheet/missions.csv", "export.missions", missions_for_spreadsheets)
        .get("/exports/spreadsheet/requests.csv", "export.requests", requests_for_spreadsheets)
        .get("/exports/spreadsheet/roster.csv", "export.roster", roster_for_spreadsheets)
        .get("/programmes/{id}/costs.csv", "export.costs", costs::of_programme)
        .get("/programmes/{id}/spreadsheet/costs.csv", "export.costs", costs::of_programme_for_spreadsheets)
}

/// Rows read and written per step of a download.
const PAGE: u32 = 1000;

fn coordinators_only(actor: &passerelle_accounts::Actor) -> Result<(), AppError> {
    crate::auth::require(can(actor, PipelineAction::Report))
}

fn day(d: Option<time::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The format of a spreadsheet for this reader.
fn spreadsheet(page: &PageContext) -> Format {
    Format::Spreadsheet(page.locale)
}

const MISSION_COLUMNS: [&str; 23] = [
    "mission_id",
    "programme",
    "request",
    "host_institution",
    "country",
    "city",
    "sector",
    "expert",
    "status",
    "mode",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "expert_days_on_site",
    "expert_days_remote",
    "people_trained",
    "people_reached",
    "institutions_reached",
    "report_filed_at",
    "host_rating",
    "early_end_reason",
    "cancel_reason",
];

fn mission_row(words: Words, line: &MissionLine) -> Vec<String> {
    let m = &line.mission;
    vec![
        m.id.to_string(),
        m.programme_code.clone(),
        m.request_title.clone(),
        m.institution_name.clone(),
        words.country(m.country),
        m.city.clone(),
        words.sector(m.sector),
        m.expert_name.clone().unwrap_or_default(),
        words.code("mission-status", m.status.code()),
        words.code("request-mode", m.mode.code()),
        m.planned.start().to_string(),
        m.planned.end().to_string(),
        day(m.actual_start),
        day(m.actual_end),
        line.days.0.to_string(),
        line.days.1.to_string(),
        line.trained.to_string(),
        line.reached.to_string(),
        line.institutions_reached.to_string(),
        m.report_filed.map(|t| words.moment(t)).unwrap_or_default(),
        m.rating.map(|r| words.decimal(r)).unwrap_or_default(),
        m.early_end_reason.clone(),
        m.cancel_reason.clone(),
    ]
}

/// Missions with their impact, filtered like the missions' list.
pub async fn missions(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<crate::missions::list::Filters>,
) -> Result<Response, AppError> {
    missions_as(state, actor, filters, Format::Plain).await
}

pub async fn missions_for_spreadsheets(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<crate::missions::list::Filters>,
) -> Result<Response, AppError> {
    missions_as(state, actor, filters, spreadsheet(&page)).await
}

async fn missions_as(
    state: AppState,
    actor: passerelle_accounts::Actor,
    filters: crate::missions::list::Filters,
    format: Format,
) -> Result<Response, AppError> {
    coordinators_only(&actor)?;
    let query = filters.query();
    let everything = DateRange::new(date!(1900 - 01 - 01), date!(2199 - 12 - 31)).map_err(anyhow::Error::from)?;
    let filter = Filter {
        programme: query.programme,
        country: query.country,
        sector: query.sector,
        period: query.period.unwrap_or(everything),
    };
    // The figures of every mission are computed together (they share the period's bounds);
    // only their writing is paged.
    let figures = stats::figures(&state.db, &filter, Timestamp::now().date()).await?;
    let wanted = Status::parse(&filters.status).ok();
    let words = Words::new(format);
    let lines: Vec<MissionLine> =
        figures.missions.into_iter().filter(|line| wanted.is_none_or(|s| line.mission.status == s)).collect();
    let header = words.header(&MISSION_COLUMNS);
    Ok(download("missions", format, header, lines.into_iter(), move |mut rest| async move {
        let page: Vec<Vec<String>> = rest.by_ref().take(PAGE as usize).map(|line| mission_row(words, &line)).collect();
        Ok((!page.is_empty()).then_some((page, rest)))
    })?)
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RequestFilters {
    status: String,
    programme: String,
    country: String,
    sector: String,
    urgency: String,
    q: String,
}

const REQUEST_COLUMNS: [&str; 17] = [
    "request_id",
    "programme",
    "title",
    "host_institution",
    "country",
    "city",
    "sector",
    "mode",
    "timing",
    "starts_on",
    "ends_on",
    "duration_days",
    "urgency",
    "positions",
    "status",
    "created_at",
    "status_changed_at",
];

fn request_row(words: Words, r: &Summary) -> Vec<String> {
    let range = r.timing.range();
    vec![
        r.id.to_string(),
        r.programme_code.clone(),
        r.title.clone(),
        r.institution_name.clone(),
        words.country(r.country),
        r.city.clone(),
        words.sector(r.sector),
        words.code("request-mode", r.mode.kind().code()),
        words.code("request-timing", r.timing.kind().code()),
        range.start().to_string(),
        range.end().to_string(),
        r.timing.duration_days().to_string(),
        words.code("request-urgency", r.urgency.code()),
        r.positions.to_string(),
        words.code("request-status", r.status.code()),
        words.moment(r.created_at),
        words.moment(r.status_changed_at),
    ]
}

/// Requests, filtered like the coordinators' list of requests.
pub async fn requests(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<RequestFilters>,
) -> Result<Response, AppError> {
    requests_as(state, actor, filters, Format::Plain).await
}

pub async fn requests_for_spreadsheets(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<RequestFilters>,
) -> Result<Response, AppError> {
    requests_as(state, actor, filters, spreadsheet(&page)).await
}

async fn requests_as(
    state: AppState,
    actor: passerelle_accounts::Actor,
    filters: RequestFilters,
    format: Format,
) -> Result<Response, AppError> {
    coordinators_only(&actor)?;
    let query = requests::Query {
        programme: ProgrammeId::parse(&filters.programme).ok(),
        country: Country::parse(&filters.country).ok(),
        sector: Sector::parse(&filters.sector).ok(),
        status: requests::Status::parse(&filters.status).ok(),
        urgency: Urgency::parse(&filters.urgency).ok(),
        text: Some(filters.q.clone()).filter(|q| !q.trim().is_empty()),
        sort: requests::Sort::Newest,
        offset: 0,
        limit: PAGE,
        ..Default::default()
    };
    let words = Words::new(format);
    let db = state.db.clone();
    // Pages by offset: requests number in the hundreds or thousands, not in the millions.
    Ok(download("requests", format, words.header(&REQUEST_COLUMNS), Some(0u32), move |offset| {
        let (db, query) = (db.clone(), query.clone());
        async move {
            let Some(offset) = offset else { return Ok(None) };
            let (found, _) = requests::search(&db, &requests::Query { offset, ..query }).await?;
            let next = (found.len() == PAGE as usize).then_some(offset + PAGE);
            let rows: Vec<Vec<String>> = found.iter().map(|r| request_row(words, r)).collect();
            Ok((!rows.is_empty()).then_some((rows, next)))
        }
    })?)
}

const ROSTER_COLUMNS: [&str; 11] = [
    "expert_id",
    "name",
    "headline",
    "residence_country",
    "origin_countries",
    "sectors",
    "consents_to_matching",
    "confirmed_at",
    "verified_credentials",
    "credentials_awaiting_review",
    "updated_at",
];

fn roster_row(words: Words, r: &RosterRow) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.name.clone(),
        r.headline.clone(),
        r.residence_country.map(|c| words.country(c)).unwrap_or_default(),
        words.countries(&r.origins),
        words.sectors(&r.sectors),
        words.yes_no(r.consent_version.is_some()),
        r.confirmed_at.map(|t| words.moment(t)).unwrap_or_default(),
        r.verified_credentials.to_string(),
        r.pending_credentials.to_string(),
        words.moment(r.updated_at),
    ]
}

/// The roster, filtered like the roster's page (in the order profiles were created).
pub async fn roster(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<crate::profiles::roster::Filters>,
) -> Result<Response, AppError> {
    roster_as(state, actor, filters, Format::Plain).await
}

pub async fn roster_for_spreadsheets(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<crate::profiles::roster::Filters>,
) -> Result<Response, AppError> {
    roster_as(state, actor, filters, spreadsheet(&page)).await
}

async fn roster_as(
    state: AppState,
    actor: passerelle_accounts::Actor,
    filters: crate::profiles::roster::Filters,
    format: Format,
) -> Result<Response, AppError> {
    coordinators_only(&actor)?;
    let stale_before = Timestamp::now() - state.config.stale_after;
    let query = filters.query(stale_before, 1, PAGE);
    let words = Words::new(format);
    let db = state.db.clone();
    // Pages by id (`Some(after)`; `None` once the last page was short): each page costs the
    // same however deep into the roster.
    let first: Option<Option<ExpertId>> = Some(None);
    Ok(download("roster", format, words.header(&ROSTER_COLUMNS), first, move |cursor| {
        let (db, query) = (db.clone(), query.clone());
        async move {
            let Some(after) = cursor else { return Ok(None) };
            let found = roster::page_after(&db, &query, after, PAGE).await?;
            let next = (found.len() == PAGE as usize).then(|| found.last().map(|r| r.id));
            let rows: Vec<Vec<String>> = found.iter().map(|r| roster_row(words, r)).collect();
            Ok((!rows.is_empty()).then_some((rows, next)))
        }
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::Locale;

    #[test]
    fn every_column_has_a_title_in_both_languages() {
        for locale in Locale::ALL {
            let words = Words::new(Format::Spreadsheet(locale));
            for columns in [&MISSION_COLUMNS[..], &REQUEST_COLUMNS[..], &ROSTER_COLUMNS[..], &costs::COLUMNS[..]] {
                for (column, title) in columns.iter().zip(words.header(columns)) {
                    assert!(!title.starts_with("export-column-"), "{column} has no title in {locale}");
                }
            }
        }
    }
}
