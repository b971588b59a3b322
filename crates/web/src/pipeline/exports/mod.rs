//! CSV exports for coordinators, with the filters of the page they come from: missions (with
//! their impact), requests, and the roster (without contact details: a file travels further
//! than a page). RFC 4180 (comma, double quotes, CRLF), UTF-8; a cell that a spreadsheet would
//! take for a formula (starting with `=`, `+`, `-`, `@`, a tab, a carriage return or NUL) is
//! written with a `'` before it.

use crate::auth::CurrentUser;
use crate::{AppError, AppState};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use passerelle_core::{Country, DateRange, ProgrammeId, Sector, Timestamp};
use passerelle_missions::lifecycle::Status;
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::requests::{self, Urgency};
use passerelle_missions::stats::{self, Filter};
use std::borrow::Cow;
use time::macros::date;

/// A cell as written: formulas neutralised.
pub fn cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// Writes rows as RFC 4180 CSV.
pub fn write(header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(|c| cell(c).into_owned()))?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))
}

fn csv_response(name: &str, body: Vec<u8>) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8; header=present"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let disposition = format!("attachment; filename=\"passerelle-{name}-{}.csv\"", Timestamp::now().date());
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

fn coordinators_only(actor: &passerelle_accounts::Actor) -> Result<(), AppError> {
    crate::account::require(can(actor, PipelineAction::Report))
}

fn day(d: Option<time::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Missions with their impact, filtered like the missions' list.
pub async fn missions(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<super::missions::Filters>,
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
    let figures = stats::figures(&state.db, &filter, Timestamp::now().date()).await?;
    let wanted = Status::parse(&filters.status).ok();
    let rows: Vec<Vec<String>> = figures
        .missions
        .iter()
        .filter(|line| wanted.is_none_or(|s| line.mission.status == s))
        .map(|line| {
            let m = &line.mission;
            vec![
                m.id.to_string(),
                m.programme_code.clone(),
                m.request_title.clone(),
                m.institution_name.clone(),
                m.country.code().to_owned(),
                m.city.clone(),
                m.sector.code().to_owned(),
                m.expert_name.clone().unwrap_or_default(),
                m.status.code().to_owned(),
                m.mode.code().to_owned(),
                m.planned.start().to_string(),
                m.planned.end().to_string(),
                day(m.actual_start),
                day(m.actual_end),
                line.days.0.to_string(),
                line.days.1.to_string(),
                line.trained.to_string(),
                line.reached.to_string(),
                line.institutions_reached.to_string(),
                m.report_filed.map(|t| t.to_string()).unwrap_or_default(),
                m.rating.map(|r| format!("{r:.2}")).unwrap_or_default(),
                m.early_end_reason.clone(),
                m.cancel_reason.clone(),
            ]
        })
        .collect();
    let header = [
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
    Ok(csv_response("missions", write(&header, &rows)?))
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

/// Requests, filtered like the coordinators' list of requests.
pub async fn requests(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<RequestFilters>,
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
        limit: 100_000,
        ..Default::default()
    };
    let (found, _) = requests::search(&state.db, &query).await?;
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|r| {
            let range = r.timing.range();
            vec![
                r.id.to_string(),
                r.programme_code.clone(),
                r.title.clone(),
                r.institution_name.clone(),
                r.country.code().to_owned(),
                r.city.clone(),
                r.sector.code().to_owned(),
                r.mode.kind().code().to_owned(),
                r.timing.kind().code().to_owned(),
                range.start().to_string(),
                range.end().to_string(),
                r.timing.duration_days().to_string(),
                r.urgency.code().to_owned(),
                r.positions.to_string(),
                r.status.code().to_owned(),
                r.created_at.to_string(),
                r.status_changed_at.to_string(),
            ]
        })
        .collect();
    let header = [
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
    Ok(csv_response("requests", write(&header, &rows)?))
}

/// The roster, filtered like the roster's page.
pub async fn roster(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<crate::profiles::roster::Filters>,
) -> Result<Response, AppError> {
    coordinators_only(&actor)?;
    let stale_before = Timestamp::now() - state.config.stale_after;
    let query = filters.query(stale_before, 1, 1_000_000);
    let (found, _) = passerelle_profiles::roster::roster(&state.db, &query).await?;
    let join = |items: Vec<&str>| items.join(" ");
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.name.clone(),
                r.headline.clone(),
                r.residence_country.map(|c| c.code().to_owned()).unwrap_or_default(),
                join(r.origins.iter().map(|c| c.code()).collect()),
                join(r.sectors.iter().map(|s| s.code()).collect()),
                if r.consent_version.is_some() { "yes".into() } else { "no".into() },
                r.confirmed_at.map(|t| t.to_string()).unwrap_or_default(),
                r.verified_credentials.to_string(),
                r.pending_credentials.to_string(),
                r.updated_at.to_string(),
            ]
        })
        .collect();
    let header = [
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
    Ok(csv_response("roster", write(&header, &rows)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_the_file_reads_back() {
        for dangerous in ["=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "\tx", "\rx", "\0x"] {
            assert!(cell(dangerous).starts_with('\''), "{dangerous:?}");
        }
        for safe in ["Kigali", "2027-03-01", "", "a=b", "'already"] {
            assert_eq!(cell(safe), safe);
        }
        let rows = vec![
            vec!["=cmd|' /C calc'!A0".to_owned(), "Infirmière, \"anesthésiste\"".to_owned()],
            vec!["two\nlines".to_owned(), "-".to_owned()],
        ];
        let bytes = write(&["a", "b"], &rows).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with("a,b\r\n"), "CRLF line ends: {text:?}");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let back: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        assert_eq!(back[0], ["'=cmd|' /C calc'!A0", "Infirmière, \"anesthésiste\""]);
        assert_eq!(back[1], ["two\nlines", "'-"]);
    }
}
