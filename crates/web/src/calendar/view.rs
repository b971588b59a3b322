//! The calendar of missions: a timeline of the months asked for, one bar per mission on its
//! planned days, coloured by its state, with today's line, drawn as SVG on the server (no
//! script) and followed by a table of the same missions. Each reader sees the missions of the
//! missions list: staff all of them (filtered by programme and country), an expert their own,
//! a host member their institution's.
//!
//! Below, the experts' availability and bookings: staff see the experts of the missions shown,
//! or those they choose (the candidates of a request, the experts of a saved search: the
//! `request` and `search` parameters, staff only); an expert sees themself; a host no one.

use crate::auth::CurrentUser;
use crate::charts::{self, Row, Span};
use crate::forms::url_encode;
use crate::missions::list::{Line, line};
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::response::Response;
use passerelle_accounts::Role;
use passerelle_core::{Country, DateRange, ExpertId, ProgrammeId, Timestamp};
use passerelle_missions::lifecycle::{self, Status};
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::{calls, programmes, requests};
use serde::Deserialize;
use time::{Date, Month};

/// Missions drawn at most: a timeline taller than this is read as the table below it.
const MAX_SPANS: u32 = 200;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// The first month shown, `YYYY-MM` (default: this month).
    pub month: String,
    /// How many months, from 1 to 12 (default 3).
    #[param(minimum = 1, maximum = 12)]
    pub months: Option<u32>,
    /// Staff only: a programme id.
    pub programme: String,
    /// Staff only: a country code.
    pub country: String,
    /// `month`: the first month as a grid of its weeks; else (`timeline`, or nothing) the
    /// months as a timeline.
    pub view: String,
    /// Staff only: a request id; the experts shown are its candidates still in play, and the
    /// first month is by default the one the request wants the mission in.
    pub request: String,
    /// Staff only: a saved search id; the experts shown are those it finds.
    pub search: String,
}

/// The first day of month `YYYY-MM`.
fn first_day(text: &str) -> Option<Date> {
    let (year, month) = text.trim().split_once('-')?;
    let (year, month): (i32, u8) = (year.parse().ok()?, month.parse().ok()?);
    if !(1900..=2200).contains(&year) {
        return None;
    }
    Date::from_calendar_date(year, Month::try_from(month).ok()?, 1).ok()
}

/// The first day of the month `n` months after (or before) `first`'s.
pub(super) fn add_months(first: Date, n: i32) -> Date {
    let index = first.year() * 12 + i32::from(u8::from(first.month())) - 1 + n;
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1)).unwrap_or(Month::January);
    Date::from_calendar_date(index.div_euclid(12), month, 1).unwrap_or(first)
}

fn month_code(first: Date) -> String {
    format!("{:04}-{:02}", first.year(), u8::from(first.month()))
}

#[derive(Template)]
#[template(path = "pipeline/calendar.html")]
struct CalendarPage {
    page: PageContext,
    query: CalendarQuery,
    staff: bool,
    title: String,
    svg: String,
    lines: Vec<Line>,
    total: u64,
    previous: String,
    next: String,
    programmes: Vec<(String, String)>,
    countries: Vec<(&'static str, &'static str)>,
    /// Staff: the requests whose candidates may be shown (the approved ones, and the one
    /// chosen), and the saved searches, as (id, label).
    requests: Vec<(String, String)>,
    searches: Vec<(String, String)>,
    /// The experts staff chose to see, if they chose.
    chosen: Option<super::calendar_experts::Chosen>,
    /// The same calendar with the experts of the missions shown.
    unchosen_link: String,
    /// The calendar over the months the chosen request wants, when these are not all shown.
    wanted_link: Option<String>,
    experts: Option<super::calendar_experts::Experts>,
    grid: Option<super::calendar_month::Grid>,
    timeline_link: String,
    month_link: String,
}

/// A mission as a bar: on its planned days, coloured by its state.
pub(super) fn booking(line: &Line, m: &lifecycle::Mission) -> Span {
    Span { days: m.planned, class: line.class, tip: format!("{} · {} · {}", line.title, line.days, line.status) }
}

pub async fn page(
    axum::extract::State(state): axum::extract::State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    crate::query::Query(query): crate::query::Query<CalendarQuery>,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, PipelineAction::ListMissions))?;
    let staff = actor.is_staff();
    // Choosing whose availability to see is for staff: anyone else is refused before any id is
    // looked up, so that the answer tells them nothing about it.
    let chooses = !query.request.trim().is_empty() || !query.search.trim().is_empty();
    if chooses && !staff {
        return Err(AppError::Forbidden);
    }
    let chosen = if staff {
        super::calendar_experts::chosen(&state, &page, &actor, &query.request, &query.search).await?
    } else {
        None
    };
    let wanted = chosen.as_ref().and_then(|c| c.request.as_ref()).map(|r| r.range);
    let today = Timestamp::now().date();
    let first = if query.month.trim().is_empty() {
        passerelle_missions::stats::month_start(wanted.map_or(today, |w| w.start()))
    } else {
        first_day(&query.month)
            .ok_or_else(|| AppError::invalid("month", "calendar.month_format", "a month as YYYY-MM, e.g. 2027-03"))?
    };
    let month_view = match query.view.trim() {
        "" | "timeline" => false,
        "month" => true,
        _ => return Err(AppError::invalid("view", "calendar.view", "timeline or month")),
    };
    // By default three months, or as many as the chosen request's period spans (at most 12).
    let default_months = wanted.map_or(3, |w| months_between(first, w.end()).clamp(3, 12));
    let months = if month_view { 1 } else { query.months.map_or(default_months, |n| n.clamp(1, 12) as i32) };
    let end = add_months(first, months) - time::Duration::days(1);
    let window = DateRange::new(first, end).map_err(anyhow::Error::from)?;
    let mut own = None;
    let mut search = if staff {
        lifecycle::Query {
            programme: ProgrammeId::parse(&query.programme).ok(),
            country: Country::parse(&query.country).ok(),
            ..Default::default()
        }
    } else if actor.role == Role::Expert {
        let expert = crate::visible::own_expert(&state, &actor).await?;
        own = Some(expert);
        lifecycle::Query { expert: Some(expert), ..Default::default() }
    } else {
        lifecycle::Query { institution: actor.institution, ..Default::default() }
    };
    search.period = Some(window);
    search.statuses = Status::ALL.iter().copied().filter(|s| *s != Status::Cancelled).collect();
    search.limit = MAX_SPANS;
    let (mut found, total) = lifecycle::search(&state.db, &search).await?;
    found.sort_by_key(|m| (m.planned.start(), m.id));
    let rows: Vec<Row> = found
        .iter()
        .map(|m| {
            let line = line(&page, m);
            Row { label: format!("{} — {}", line.expert, line.title), spans: vec![booking(&line, m)] }
        })
        .collect();
    let month_marks: Vec<(Date, String)> =
        (0..months).map(|n| add_months(first, n)).map(|d| (d, crate::words::month_label(&page, d))).collect();
    let title = if months == 1 {
        crate::words::month_label(&page, first)
    } else {
        page.t2(
            "calendar-heading",
            "from",
            crate::words::month_label(&page, first),
            "to",
            crate::words::month_label(&page, add_months(first, months - 1)),
        )
    };
    let description = page.t1("calendar-description", "count", found.len());
    let svg = charts::timeline("calendar", &title, &description, window, &month_marks, today, &rows);
    // Availability is the expert's own: staff see it, and each expert their own; hosts do not.
    let experts = match (staff, own, &chosen) {
        (true, _, Some(chosen)) => {
            let wanted = chosen.wanted_row(&page, window);
            super::calendar_experts::of(&state, &page, &chosen.experts, wanted, window, today, &month_marks).await?
        }
        (true, _, None) => {
            let mut ids: Vec<(ExpertId, String)> = Vec::new();
            for id in found.iter().filter_map(|m| m.expert) {
                if !ids.iter().any(|(seen, _)| *seen == id) {
                    ids.push((id, String::new()));
                }
            }
            super::calendar_experts::of(&state, &page, &ids, None, window, today, &month_marks).await?
        }
        (false, Some(own), _) => {
            let own = [(own, String::new())];
            super::calendar_experts::of(&state, &page, &own, None, window, today, &month_marks).await?
        }
        (false, None, _) => None,
    };
    // The choice, as the form and the links carry it: the ids as read, nothing when none.
    let request_id = chosen.as_ref().and_then(|c| c.request.as_ref()).map(|r| r.id.to_string()).unwrap_or_default();
    let search_id = chosen.as_ref().and_then(|c| c.search.as_ref()).map(|s| s.id.to_string()).unwrap_or_default();
    let grid = month_view.then(|| {
        let runs: Vec<(Line, DateRange)> = found.iter().map(|m| (line(&page, m), m.planned)).collect();
        super::calendar_month::grid(&page, first, today, &runs)
    });
    let view = if month_view { "month" } else { "timeline" };
    let link_with = |month: Date, months: i32, view: &str, request: &str, search: &str| {
        let mut link = format!(
            "/calendar?view={view}&month={}&months={months}&programme={}&country={}",
            month_code(month),
            url_encode(&query.programme),
            url_encode(&query.country)
        );
        for (name, value) in [("request", request), ("search", search)] {
            if !value.is_empty() {
                link.push_str(&format!("&{name}={value}"));
            }
        }
        link
    };
    let link_to = |month: Date, view: &str| link_with(month, months, view, &request_id, &search_id);
    let wanted_link = wanted.filter(|w| !(window.contains_date(w.start()) && window.contains_date(w.end()))).map(|w| {
        let from = passerelle_missions::stats::month_start(w.start());
        let months = months_between(from, w.end()).clamp(3, 12);
        link_with(from, months, "timeline", &request_id, &search_id)
    });
    let link = |month: Date| link_to(month, view);
    let (programmes, requests, searches) = if staff {
        let programmes = programmes::list(&state.db, None)
            .await?
            .into_iter()
            .map(|p| (p.id.to_string(), format!("{} — {}", p.code, p.name.get(page.locale))))
            .collect();
        let (requests, searches) = choices(&state, &page, chosen.as_ref()).await?;
        (programmes, requests, searches)
    } else {
        (vec![], vec![], vec![])
    };
    render(&CalendarPage {
        unchosen_link: link_with(first, months, view, "", ""),
        wanted_link,
        requests,
        searches,
        chosen,
        timeline_link: link_to(first, "timeline"),
        month_link: link_to(first, "month"),
        grid,
        experts,
        lines: found.iter().map(|m| line(&page, m)).collect(),
        previous: link(add_months(first, -months)),
        next: link(add_months(first, months)),
        countries: crate::choices::countries(page.locale),
        query: CalendarQuery {
            month: month_code(first),
            months: Some(months as u32),
            view: view.into(),
            request: request_id,
            search: search_id,
            ..query
        },
        staff,
        title,
        svg,
        total,
        programmes,
        page,
    })
}

/// How many months, from the one of `first` to the one of `last` included (at least one).
fn months_between(first: Date, last: Date) -> i32 {
    let index = |d: Date| d.year() * 12 + i32::from(u8::from(d.month()));
    (index(last) - index(first) + 1).max(1)
}

/// The choices of the experts' selector: the approved requests (open for candidates) and the one
/// chosen if it is not one of them; the saved searches.
async fn choices(
    state: &AppState,
    page: &PageContext,
    chosen: Option<&super::calendar_experts::Chosen>,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), AppError> {
    let query = requests::Query { status: Some(requests::Status::Approved), limit: 200, ..Default::default() };
    let mut open: Vec<(String, String)> = requests::search(&state.db, &query)
        .await?
        .0
        .into_iter()
        .map(|r| {
            let when = crate::words::timing_short(page, r.timing);
            (r.id.to_string(), format!("{} — {} ({when})", r.title, r.institution_name))
        })
        .collect();
    if let Some(request) = chosen.and_then(|c| c.request.as_ref()) {
        let id = request.id.to_string();
        if !open.iter().any(|(known, _)| *known == id) {
            open.insert(0, (id, request.title.clone()));
        }
    }
    let searches = calls::saved_searches(&state.db).await?.into_iter().map(|s| (s.id.to_string(), s.name)).collect();
    Ok((open, searches))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_are_read_and_counted_across_years() {
        assert_eq!(first_day("2027-03"), Some(date!(2027 - 03 - 01)));
        for bad in ["2027-13", "2027", "27-03", "2027-3x", "", "9999-01", "2027-00"] {
            assert_eq!(first_day(bad), None, "{bad}");
        }
        assert_eq!(add_months(date!(2027 - 11 - 01), 3), date!(2028 - 02 - 01));
        assert_eq!(add_months(date!(2027 - 01 - 01), 0), date!(2027 - 01 - 01));
        assert_eq!(add_months(date!(2027 - 01 - 01), -3), date!(2026 - 10 - 01));
        assert_eq!(month_code(date!(2028 - 02 - 01)), "2028-02");
        assert_eq!(months_between(date!(2027 - 11 - 01), date!(2028 - 02 - 10)), 4);
        assert_eq!(months_between(date!(2027 - 11 - 01), date!(2027 - 11 - 30)), 1);
        assert_eq!(months_between(date!(2027 - 11 - 01), date!(2027 - 10 - 30)), 1, "never less than one");
    }
}
