//! The coordinators' dashboard (filters by programme, country, sector and period; key figures;
//! charts with their tables) and the programme report a coordinator prints for a donor.

use crate::auth::CurrentUser;
use crate::charts::{self, Bar, Series};
use crate::forms::url_encode;
use crate::page::{PageContext, render};
use crate::words;
use crate::words::month_label;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use passerelle_core::{Country, DateRange, Locale, ProgrammeId, Sector, Timestamp, parse_date};
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::programmes;
use passerelle_missions::stats::{self, Figures, Filter, Step};
use serde::Deserialize;
use time::Duration;

/// The filters, as typed (also those of the exports).
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub struct Filters {
    pub programme: String,
    pub country: String,
    pub sector: String,
    pub from: String,
    pub to: String,
}

/// The default period: the last year and the coming six months.
pub fn default_period() -> DateRange {
    let today = Timestamp::now().date();
    DateRange::new(today - Duration::days(365), today + Duration::days(182)).unwrap_or_else(|_| single(today))
}

fn single(day: time::Date) -> DateRange {
    DateRange::new(day, day).unwrap_or_else(|e| panic!("a day is a range: {e}"))
}

impl Filters {
    /// The figures' filter: a value that does not parse is ignored (and the form shows the
    /// default), but a period too long to count month by month is refused on `to`.
    pub fn filter(&self) -> Result<Filter, AppError> {
        let filter = self.lenient();
        stats::bounded(filter.period).map_err(|problem| AppError::Invalid(vec![problem]))?;
        Ok(filter)
    }

    fn lenient(&self) -> Filter {
        let default = default_period();
        let from = parse_date(&self.from).unwrap_or(default.start());
        let to = parse_date(&self.to).unwrap_or(default.end());
        Filter {
            programme: ProgrammeId::parse(&self.programme).ok(),
            country: Country::parse(&self.country).ok(),
            sector: Sector::parse(&self.sector).ok(),
            period: DateRange::new(from, to).unwrap_or(default),
        }
    }

    pub fn link(&self) -> String {
        let f = self.lenient();
        format!(
            "programme={}&country={}&sector={}&from={}&to={}",
            url_encode(&self.programme),
            url_encode(&self.country),
            url_encode(&self.sector),
            f.period.start(),
            f.period.end()
        )
    }
}

pub struct Tile {
    pub label: String,
    pub value: String,
}

/// A month's or a year's figures, as shown.
pub struct TimeRow {
    pub label: String,
    pub missions: u64,
    pub on_site: i64,
    pub remote: i64,
}

pub struct OverTimeWords {
    pub heading: String,
    pub chart: String,
    pub table: String,
    pub column: String,
}

impl OverTimeWords {
    fn of(page: &PageContext, step: Step) -> OverTimeWords {
        let key = |month: &str, year: &str| page.t(if step == Step::Month { month } else { year });
        OverTimeWords {
            heading: key("dashboard-per-month", "dashboard-per-year"),
            chart: key("dashboard-missions-per-month", "dashboard-missions-per-year"),
            table: key("dashboard-months-table", "dashboard-years-table"),
            column: key("dashboard-month", "dashboard-year"),
        }
    }
}

pub struct PeopleRow {
    pub role: String,
    pub women: u32,
    pub men: u32,
    pub unspecified: u32,
    pub total: u32,
}

/// Everything both pages show.
pub struct Board {
    pub tiles: Vec<Tile>,
    pub requests: Vec<(String, u64)>,
    pub missions: Vec<(String, u64)>,
    /// What `over_time` counts by, in the reader's words: heading, chart, table, column.
    pub over_time_words: OverTimeWords,
    pub over_time: Vec<TimeRow>,
    pub people: Vec<PeopleRow>,
    pub requests_chart: String,
    pub missions_chart: String,
    pub over_time_chart: String,
    pub days_chart: String,
    pub people_chart: String,
}

pub(super) fn board(page: &PageContext, figures: &Figures) -> Board {
    let number = |n: u64| page.number(i64::try_from(n).unwrap_or(i64::MAX));
    let (on_site, remote) = figures.expert_days;
    let mut tiles = vec![
        Tile { label: page.t("dashboard-missions-deployed"), value: number(figures.missions_deployed) },
        Tile { label: page.t("dashboard-experts-deployed"), value: number(figures.experts_deployed) },
        Tile { label: page.t("dashboard-days-on-site"), value: page.number(on_site) },
        Tile { label: page.t("dashboard-days-remote"), value: page.number(remote) },
        Tile { label: page.t("dashboard-trained"), value: number(figures.trained) },
        Tile { label: page.t("dashboard-reached"), value: number(figures.reached) },
    ];
    tiles.push(Tile {
        label: page.t("dashboard-rating"),
        value: figures.rating.map_or_else(
            || "—".into(),
            |(avg, n)| page.t2("dashboard-rating-value", "rating", page.decimal(avg, 1), "count", n),
        ),
    });
    tiles.push(Tile {
        label: page.t("dashboard-days-to-staff"),
        value: figures.days_to_staff.map_or_else(
            || "—".into(),
            |(days, n)| page.t2("dashboard-days-to-staff-value", "days", page.decimal(days, 1), "count", n),
        ),
    });
    let requests: Vec<(String, u64)> =
        figures.requests_by_status.iter().map(|(s, n)| (crate::requests::status_label(page, *s), *n)).collect();
    let missions: Vec<(String, u64)> =
        figures.missions_by_status.iter().map(|(s, n)| (words::mission_status(page, *s), *n)).collect();
    let to_bars = |rows: &[(String, u64)]| -> Vec<Bar> {
        rows.iter().map(|(label, n)| Bar { label: label.clone(), value: *n as f64, shown: number(*n) }).collect()
    };
    let describe =
        |rows: &[(String, u64)]| rows.iter().map(|(l, n)| format!("{l}: {n}")).collect::<Vec<_>>().join("; ");
    let label = |first: time::Date| match figures.step {
        Step::Month => month_label(page, first),
        Step::Year => first.year().to_string(),
    };
    let months: Vec<TimeRow> = figures
        .over_time
        .iter()
        .map(|(first, m)| TimeRow {
            label: label(*first),
            missions: m.missions,
            on_site: m.on_site_days,
            remote: m.remote_days,
        })
        .collect();
    let labels: Vec<String> = figures
        .over_time
        .iter()
        .map(|(first, _)| match figures.step {
            Step::Month => {
                let short: String = label(*first).chars().take(3).collect();
                format!("{short} {:02}", first.year() % 100)
            }
            Step::Year => first.year().to_string(),
        })
        .collect();
    let people: Vec<PeopleRow> = figures
        .people
        .iter()
        .map(|(role, p)| PeopleRow {
            role: page.t(&format!("report-role-{}", role.code())),
            women: p.women,
            men: p.men,
            unspecified: p.unspecified,
            total: p.total(),
        })
        .collect();
    let people_rows: Vec<(String, u64)> = people.iter().map(|p| (p.role.clone(), u64::from(p.total))).collect();
    let month_rows: Vec<String> = months.iter().map(|m| format!("{}: {}", m.label, m.missions)).collect();
    let day_rows: Vec<String> = months.iter().map(|m| format!("{}: {} / {}", m.label, m.on_site, m.remote)).collect();
    let words = OverTimeWords::of(page, figures.step);
    Board {
        requests_chart: charts::bars(
            "chart-requests",
            &page.t("dashboard-requests-by-status"),
            &describe(&requests),
            &to_bars(&requests),
        ),
        missions_chart: charts::bars(
            "chart-missions",
            &page.t("dashboard-missions-by-status"),
            &describe(&missions),
            &to_bars(&missions),
        ),
        over_time_chart: charts::columns(
            page.locale,
            "chart-months",
            &words.chart,
            &month_rows.join("; "),
            &labels,
            &[Series {
                name: page.t("dashboard-missions"),
                values: months.iter().map(|m| m.missions as f64).collect(),
            }],
        ),
        days_chart: charts::columns(
            page.locale,
            "chart-days",
            &page.t("dashboard-expert-days"),
            &day_rows.join("; "),
            &labels,
            &[
                Series { name: page.t("dashboard-on-site"), values: months.iter().map(|m| m.on_site as f64).collect() },
                Series { name: page.t("dashboard-remote"), values: months.iter().map(|m| m.remote as f64).collect() },
            ],
        ),
        people_chart: charts::bars(
            "chart-people",
            &page.t("dashboard-people"),
            &describe(&people_rows),
            &to_bars(&people_rows),
        ),
        tiles,
        requests,
        missions,
        over_time: months,
        over_time_words: words,
        people,
    }
}

#[derive(Template)]
#[template(path = "pipeline/dashboard.html")]
struct DashboardPage {
    page: PageContext,
    filters: Filters,
    from: String,
    to: String,
    board: Board,
    link: String,
    programmes: Vec<(String, String)>,
    countries: Vec<(&'static str, &'static str)>,
    sectors: Vec<(&'static str, &'static str)>,
    plans: Vec<crate::programmes::programme_plan::OverviewRow>,
}

async fn programme_choices(state: &AppState, locale: Locale) -> Result<Vec<(String, String)>, AppError> {
    Ok(crate::choices::programme_choices(locale, programmes::list(&state.db, None).await?))
}

pub async fn page(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, PipelineAction::Report))?;
    let filter = filters.filter()?;
    let figures = stats::figures(&state.db, &filter, Timestamp::now().date()).await?;
    let plans = crate::programmes::programme_plan::overview(&state, &page, filter.programme).await?;
    render(&DashboardPage {
        plans,
        board: board(&page, &figures),
        from: filter.period.start().to_string(),
        to: filter.period.end().to_string(),
        link: filters.link(),
        programmes: programme_choices(&state, page.locale).await?,
        countries: crate::choices::countries(page.locale),
        sectors: crate::choices::sectors(page.locale),
        filters,
        page,
    })
}
