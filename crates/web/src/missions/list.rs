//! Missions: the list (an expert's own, a host's, or all of them with filters for staff), and
//! an expert's record of missions for their profile. A mission's page is `mission_view`.

use crate::auth::CurrentUser;
use crate::forms::url_encode;
use crate::page::{PageContext, render};
use crate::pager::Pager;
use crate::words;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use passerelle_accounts::Role;
use passerelle_core::{Country, DateRange, MissionId, ProgrammeId, Sector, parse_date};
use passerelle_missions::lifecycle::{self, Mission, Status};
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::programmes;
use serde::Deserialize;

const PAGE_SIZE: u32 = 50;

/// A mission in a list.
pub struct Line {
    pub id: MissionId,
    pub title: String,
    pub institution: String,
    pub expert: String,
    pub place: String,
    pub days: String,
    pub status: String,
    pub class: &'static str,
    pub report_due: String,
}

pub fn line(page: &PageContext, m: &Mission) -> Line {
    Line {
        id: m.id,
        title: m.request_title.clone(),
        institution: m.institution_name.clone(),
        expert: m.expert_name.clone().unwrap_or_else(|| page.t("mission-expert-erased")),
        place: if m.city.is_empty() {
            m.country.name(page.locale).to_owned()
        } else {
            format!("{}, {}", m.city, m.country.name(page.locale))
        },
        days: days_text(page, m.planned),
        status: words::mission_status(page, m.status),
        class: words::mission_class(m.status),
        report_due: match (m.status, m.report_due) {
            (Status::Completed, Some(due)) => page.date(due),
            _ => String::new(),
        },
    }
}

pub fn days_text(page: &PageContext, days: DateRange) -> String {
    page.t2("mission-days", "start", page.date(days.start()), "end", page.date(days.end()))
}

/// An expert's record of missions, for their profile: the missions, how many took place and
/// ended, and the average host rating with the number of evaluations.
pub struct Record {
    pub lines: Vec<Line>,
    pub done: usize,
    pub rating: Option<(String, usize)>,
}

pub(crate) async fn record_of(
    state: &AppState,
    page: &PageContext,
    expert: passerelle_core::ExpertId,
) -> Result<Record, AppError> {
    let (missions, _) =
        lifecycle::search(&state.db, &lifecycle::Query { expert: Some(expert), ..Default::default() }).await?;
    let done = missions.iter().filter(|m| m.status.ended()).count();
    let ratings: Vec<f64> = missions.iter().filter_map(|m| m.rating).collect();
    let rating = (!ratings.is_empty())
        .then(|| (page.decimal(ratings.iter().sum::<f64>() / ratings.len() as f64, 1), ratings.len()));
    Ok(Record { lines: missions.iter().map(|m| line(page, m)).collect(), done, rating })
}

/// The filters of the staff's list (also those of the missions' CSV export).
#[derive(Debug, Default, Deserialize, Clone, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct Filters {
    pub programme: String,
    pub country: String,
    pub sector: String,
    pub status: String,
    pub from: String,
    pub to: String,
    /// Part of the request's title, of the institution's or of the expert's name (at most 200
    /// characters; the list only, not the export).
    #[param(max_length = 200)]
    pub q: String,
    /// From 1 to 10,000.
    #[param(minimum = 1, maximum = 10000)]
    pub page: Option<u32>,
}

impl Filters {
    pub fn query(&self) -> lifecycle::Query {
        let period = match (parse_date(&self.from), parse_date(&self.to)) {
            (Ok(a), Ok(b)) => DateRange::new(a, b).ok(),
            // Saturating: `to=9999-12-31` must not overflow the calendar (a panic, found by the
            // property tests of the query strings).
            (Ok(a), Err(_)) => DateRange::new(a, a.saturating_add(time::Duration::days(3650))).ok(),
            (Err(_), Ok(b)) => DateRange::new(b.saturating_sub(time::Duration::days(36500)), b).ok(),
            _ => None,
        };
        lifecycle::Query {
            programme: ProgrammeId::parse(&self.programme).ok(),
            country: Country::parse(&self.country).ok(),
            sector: Sector::parse(&self.sector).ok(),
            statuses: Status::parse(&self.status).map(|s| vec![s]).unwrap_or_default(),
            period,
            ..Default::default()
        }
    }

    pub fn link(&self) -> String {
        [
            ("programme", &self.programme),
            ("country", &self.country),
            ("sector", &self.sector),
            ("status", &self.status),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .iter()
        .map(|(k, v)| format!("{k}={}", url_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

#[derive(Template)]
#[template(path = "pipeline/missions.html")]
struct ListPage {
    page: PageContext,
    /// `staff`, `expert` or `host`.
    view: &'static str,
    filters: Filters,
    to_act: Vec<Line>,
    lines: Vec<Line>,
    total: u64,
    pager: Pager,
    export: String,
    programmes: Vec<(String, String)>,
    statuses: Vec<(&'static str, String)>,
    countries: Vec<(&'static str, &'static str)>,
    sectors: Vec<(&'static str, &'static str)>,
}

pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    crate::query::Query(filters): crate::query::Query<Filters>,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, PipelineAction::ListMissions))?;
    let text = crate::query::search_text(&filters.q)?;
    let number = filters.page.unwrap_or(1).max(1);
    let (view, mut query) = if actor.is_staff() {
        ("staff", filters.query())
    } else if actor.role == Role::Expert {
        let expert = crate::visible::own_expert(&state, &actor).await?;
        ("expert", lifecycle::Query { expert: Some(expert), ..Default::default() })
    } else {
        ("host", lifecycle::Query { institution: actor.institution, ..Default::default() })
    };
    query.text = text;
    // What waits on the viewer (the report for an expert, the evaluation for a host) is listed
    // whole above the table; the table and its count hold the rest, so that the count says
    // how many rows the table has across its pages.
    let waiting = match view {
        "expert" => Some(Status::Completed),
        "host" => Some(Status::Reported),
        _ => None,
    };
    let to_act = match waiting {
        Some(status) => {
            let waiting_query = lifecycle::Query { statuses: vec![status], limit: 0, offset: 0, ..query.clone() };
            query.statuses = Status::ALL.iter().copied().filter(|s| *s != status).collect();
            lifecycle::search(&state.db, &waiting_query).await?.0
        }
        None => vec![],
    };
    query.offset = (number - 1) * PAGE_SIZE;
    query.limit = PAGE_SIZE;
    let (found, total) = lifecycle::search(&state.db, &query).await?;
    let link = format!("{}&q={}", filters.link(), url_encode(&filters.q));
    let pager = Pager::new(&page, &format!("/missions?{link}"), number, total, PAGE_SIZE);
    let programmes = crate::choices::programme_choices(page.locale, programmes::list(&state.db, None).await?);
    render(&ListPage {
        view,
        to_act: to_act.iter().map(|m| line(&page, m)).collect(),
        lines: found.iter().map(|m| line(&page, m)).collect(),
        total,
        pager,
        export: format!("/exports/missions.csv?{}", filters.link()),
        programmes,
        statuses: Status::ALL.iter().map(|s| (s.code(), words::mission_status(&page, *s))).collect(),
        countries: crate::choices::countries(page.locale),
        sectors: crate::choices::sectors(page.locale),
        filters,
        page,
    })
}
