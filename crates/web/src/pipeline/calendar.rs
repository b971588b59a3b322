//! The calendar of missions: a timeline of the months asked for, one bar per mission on its
//! planned days, coloured by its state, with today's line, drawn as SVG on the server (no
//! script) and followed by a table of the same missions. Each reader sees the missions of the
//! missions list: staff all of them (filtered by programme and country), an expert their own,
//! a host member their institution's.

use super::charts::{self, Row, Span};
use super::missions::{Line, line};
use crate::auth::CurrentUser;
use crate::forms::url_encode;
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::response::Response;
use passerelle_accounts::Role;
use passerelle_core::{Country, DateRange, ExpertId, ProgrammeId, Timestamp};
use passerelle_missions::lifecycle::{self, Status};
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::programmes;
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
    crate::account::require(can(&actor, PipelineAction::ListMissions))?;
    let today = Timestamp::now().date();
    let first = if query.month.trim().is_empty() {
        passerelle_missions::stats::month_start(today)
    } else {
        first_day(&query.month)
            .ok_or_else(|| AppError::invalid("month", "calendar.month_format", "a month as YYYY-MM, e.g. 2027-03"))?
    };
    let month_view = match query.view.trim() {
        "" | "timeline" => false,
        "month" => true,
        _ => return Err(AppError::invalid("view", "calendar.view", "timeline or month")),
    };
    let months = if month_view { 1 } else { query.months.unwrap_or(3).clamp(1, 12) as i32 };
    let end = add_months(first, months) - time::Duration::days(1);
    let window = DateRange::new(first, end).map_err(anyhow::Error::from)?;
    let staff = actor.is_staff();
    let mut own = None;
    let mut search = if staff {
        lifecycle::Query {
            programme: ProgrammeId::parse(&query.programme).ok(),
            country: Country::parse(&query.country).ok(),
            ..Default::default()
        }
    } else if actor.role == Role::Expert {
        let expert = super::invitations::own_expert(&state, &actor).await?;
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
        (0..months).map(|n| add_months(first, n)).map(|d| (d, super::dashboard::month_label(&page, d))).collect();
    let title = if months == 1 {
        super::dashboard::month_label(&page, first)
    } else {
        page.t2(
            "calendar-heading",
            "from",
            super::dashboard::month_label(&page, first),
            "to",
            super::dashboard::month_label(&page, add_months(first, months - 1)),
        )
    };
    let description = page.t1("calendar-description", "count", found.len());
    let svg = charts::timeline("calendar", &title, &description, window, &month_marks, today, &rows);
    // Availability is the expert's own: staff see it, and each expert their own; hosts do not.
    let experts = match (staff, own) {
        (true, _) => {
            let mut ids: Vec<ExpertId> = Vec::new();
            for id in found.iter().filter_map(|m| m.expert) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            super::calendar_experts::of(&state, &page, &ids, window, today, &month_marks).await?
        }
        (false, Some(own)) => super::calendar_experts::of(&state, &page, &[own], window, today, &month_marks).await?,
        (false, None) => None,
    };
    let grid = month_view.then(|| {
        let runs: Vec<(Line, DateRange)> = found.iter().map(|m| (line(&page, m), m.planned)).collect();
        super::calendar_month::grid(&page, first, today, &runs)
    });
    let view = if month_view { "month" } else { "timeline" };
    let link_to = |month: Date, view: &str| {
        format!(
            "/calendar?view={view}&month={}&months={months}&programme={}&country={}",
            month_code(month),
            url_encode(&query.programme),
            url_encode(&query.country)
        )
    };
    let link = |month: Date| link_to(month, view);
    let programmes = if staff {
        programmes::list(&state.db, None)
            .await?
            .into_iter()
            .map(|p| (p.id.to_string(), format!("{} — {}", p.code, p.name)))
            .collect()
    } else {
        vec![]
    };
    render(&CalendarPage {
        timeline_link: link_to(first, "timeline"),
        month_link: link_to(first, "month"),
        grid,
        experts,
        lines: found.iter().map(|m| line(&page, m)).collect(),
        previous: link(add_months(first, -months)),
        next: link(add_months(first, months)),
        countries: crate::missions::countries(page.locale),
        query: CalendarQuery { month: month_code(first), months: Some(months as u32), view: view.into(), ..query },
        staff,
        title,
        svg,
        total,
        programmes,
        page,
    })
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
    }
}
