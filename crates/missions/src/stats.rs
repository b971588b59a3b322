//! Figures for the coordinators' dashboard and a programme's report to its donor: requests and
//! missions by state, missions per month, expert-days deployed on site and remote, people trained
//! and reached, the average host rating, and the time from a request's approval to its staffing.
//!
//! A request or a mission counts for a period when its days (a request's dates or window, a
//! mission's planned days) meet the period; expert-days count only the days of the period on
//! which missions actually ran. The rows are read with plain SQL and added up here, so the
//! arithmetic on dates stays portable.

use crate::candidates::read::bad;
use crate::lifecycle::logistics::{self, Phase, PhaseKind};
use crate::lifecycle::{self, Mission, Status as MissionStatus};
use crate::reports::{People, Role};
use crate::requests;
use passerelle_core::{Country, DateRange, FieldError, MissionId, ProgrammeId, Sector, Timestamp, parse_date};
use passerelle_db::Db;
use std::collections::{BTreeMap, HashMap, HashSet};
use time::{Date, Duration, Month};

/// What the figures are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    pub programme: Option<ProgrammeId>,
    pub country: Option<Country>,
    pub sector: Option<Sector>,
    pub period: DateRange,
}

/// Periods up to this many years are counted month by month; longer ones year by year.
pub const MONTHLY_UP_TO_YEARS: i32 = 5;
/// The longest period figures are counted for.
pub const MAX_PERIOD_YEARS: i32 = 50;

/// How finely figures are counted over time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Step {
    #[default]
    Month,
    Year,
}

/// The same day `years` later (28 February for a 29 February that year lacks).
fn years_after(day: Date, years: i32) -> Date {
    let year = day.year() + years;
    let last = day.month().length(year);
    Date::from_calendar_date(year, day.month(), day.day().min(last)).unwrap_or(Date::MAX)
}

/// Whether `period` lasts less than `years` years.
fn within_years(period: DateRange, years: i32) -> bool {
    period.end() < years_after(period.start(), years)
}

/// `period` when figures may be counted for it; else the problem, on the field `to`.
pub fn bounded(period: DateRange) -> Result<DateRange, FieldError> {
    if within_years(period, MAX_PERIOD_YEARS) {
        Ok(period)
    } else {
        Err(FieldError::new(
            "to",
            "period.too_long",
            format!("at most {MAX_PERIOD_YEARS} years after the start of the period"),
        ))
    }
}

/// The step `period` is counted by, and its months or years as ranges clipped to it.
pub fn over_time(period: DateRange) -> (Step, Vec<DateRange>) {
    if within_years(period, MONTHLY_UP_TO_YEARS) { (Step::Month, months(period)) } else { (Step::Year, years(period)) }
}

/// One mission with its impact, for the programme report and the exports.
#[derive(Debug, Clone, PartialEq)]
pub struct MissionLine {
    pub mission: Mission,
    pub trained: u32,
    pub reached: u32,
    pub institutions_reached: u32,
    /// Expert-days within the period: on site, remote.
    pub days: (i64, i64),
}

/// A month's or a year's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeriodFigures {
    /// Missions starting then (actual start, else planned), cancelled ones aside.
    pub missions: u64,
    pub on_site_days: i64,
    pub remote_days: i64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub requests_by_status: Vec<(requests::Status, u64)>,
    pub missions_by_status: Vec<(MissionStatus, u64)>,
    /// How finely `over_time` counts.
    pub step: Step,
    /// The first day of each month (or year) of the period, with its figures.
    pub over_time: Vec<(Date, PeriodFigures)>,
    /// Expert-days in the period: on site, remote.
    pub expert_days: (i64, i64),
    /// People trained (and reached) by role, summed over the reports.
    pub people: Vec<(Role, People)>,
    pub trained: u64,
    pub reached: u64,
    pub institutions_reached: u64,
    /// Average host rating and the number of evaluations.
    pub rating: Option<(f64, u64)>,
    /// Average days from a request's approval to its staffing, and over how many requests.
    pub days_to_staff: Option<(f64, u64)>,
    /// Missions that took place (started), and the distinct experts on them.
    pub missions_deployed: u64,
    pub experts_deployed: u64,
    pub missions: Vec<MissionLine>,
}

/// The first day of `date`'s month.
pub fn month_start(date: Date) -> Date {
    date.replace_day(1).unwrap_or(date)
}

fn next_month(date: Date) -> Date {
    let (year, month) = if date.month() == Month::December {
        (date.year() + 1, Month::January)
    } else {
        (date.year(), date.month().next())
    };
    Date::from_calendar_date(year, month, 1).unwrap_or(date)
}

/// The months met by `period`, as ranges clipped to the period.
pub fn months(period: DateRange) -> Vec<DateRange> {
    steps(period, month_start(period.start()), next_month)
}

/// The years met by `period`, as ranges clipped to the period.
pub fn years(period: DateRange) -> Vec<DateRange> {
    let first = Date::from_calendar_date(period.start().year(), Month::January, 1).unwrap_or(period.start());
    steps(period, first, |d| Date::from_calendar_date(d.year() + 1, Month::January, 1).unwrap_or(Date::MAX))
}

fn steps(period: DateRange, mut first: Date, next_of: impl Fn(Date) -> Date) -> Vec<DateRange> {
    let mut out = Vec::new();
    // A bound of its own, whatever the caller checked: 12 steps a year of the longest period.
    while first <= period.end() && out.len() <= 12 * MAX_PERIOD_YEARS as usize {
        let next = next_of(first);
        let last = (next - Duration::days(1)).min(period.end());
        if let Ok(range) = DateRange::new(first.max(period.start()), last) {
            out.push(range);
        }
        first = next;
    }
    out
}

async fn phases_of(db: &Db, ids: &HashSet<MissionId>) -> Result<HashMap<MissionId, Vec<Phase>>, sqlx::Error> {
    let rows: Vec<(MissionId, String, String, String)> =
        sqlx::query_as("SELECT mission_id, kind, starts_on, ends_on FROM mission_phases ORDER BY mission_id, position")
            .fetch_all(db.reader())
            .await?;
    let mut phases: HashMap<MissionId, Vec<Phase>> = HashMap::new();
    for (id, kind, start, end) in rows {
        if !ids.contains(&id) {
            continue;
        }
        let days = DateRange::new(parse_date(&start).map_err(bad)?, parse_date(&end).map_err(bad)?).map_err(bad)?;
        phases.entry(id).or_default().push(Phase { kind: PhaseKind::parse(&kind).map_err(bad)?, days });
    }
    Ok(phases)
}

type Impact = (HashMap<Role, People>, u32);

async fn impacts_of(db: &Db, ids: &HashSet<MissionId>) -> Result<HashMap<MissionId, Impact>, sqlx::Error> {
    let rows: Vec<(MissionId, String, i64, i64, i64)> =
        sqlx::query_as("SELECT mission_id, role, women, men, unspecified FROM mission_report_people")
            .fetch_all(db.reader())
            .await?;
    let mut impacts: HashMap<MissionId, Impact> = HashMap::new();
    let n = |x: i64| u32::try_from(x).unwrap_or(0);
    for (id, role, women, men, unspecified) in rows {
        let Ok(role) = Role::parse(&role) else { continue };
        if ids.contains(&id) {
            let people = People { women: n(women), men: n(men), unspecified: n(unspecified) };
            impacts.entry(id).or_default().0.insert(role, people);
        }
    }
    let reached: Vec<(MissionId, i64)> =
        sqlx::query_as("SELECT mission_id, institutions_reached FROM mission_reports").fetch_all(db.reader()).await?;
    for (id, institutions) in reached {
        if ids.contains(&id) {
            impacts.entry(id).or_default().1 = n(institutions);
        }
    }
    Ok(impacts)
}

/// Every figure for `filter`, as of `today`.
pub async fn figures(db: &Db, filter: &Filter, today: Date) -> Result<Figures, sqlx::Error> {
    let mut figures = Figures::default();

    // Requests.
    let rows: Vec<(String, Option<Timestamp>, Option<Timestamp>)> = sqlx::query_as(
        "SELECT r.status, r.approved_at, r.staffed_at FROM requests r \
         JOIN institutions i ON i.id = r.institution_id WHERE ($1 IS NULL OR r.programme_id = $1) \
         AND ($2 IS NULL OR coalesce(r.country, i.country) = $2) AND ($3 IS NULL OR r.sector = $3) \
         AND r.ends_on >= $4 AND r.starts_on <= $5",
    )
    .bind(filter.programme)
    .bind(filter.country)
    .bind(filter.sector)
    .bind(filter.period.start().to_string())
    .bind(filter.period.end().to_string())
    .fetch_all(db.reader())
    .await?;
    let mut by_status: BTreeMap<requests::Status, u64> = BTreeMap::new();
    let mut staffing = Vec::new();
    for (status, approved, staffed) in rows {
        *by_status.entry(requests::Status::parse(&status).map_err(bad)?).or_default() += 1;
        if let (Some(approved), Some(staffed)) = (approved, staffed) {
            staffing.push((staffed - approved).as_seconds_f64() / 86_400.0);
        }
    }
    figures.requests_by_status =
        requests::Status::ALL.iter().map(|s| (*s, by_status.get(s).copied().unwrap_or(0))).collect();
    if !staffing.is_empty() {
        figures.days_to_staff = Some((staffing.iter().sum::<f64>() / staffing.len() as f64, staffing.len() as u64));
    }

    // Missions.
    let query = lifecycle::Query {
        programme: filter.programme,
        country: filter.country,
        sector: filter.sector,
        period: Some(filter.period),
        ..Default::default()
    };
    let (missions, _) = lifecycle::search(db, &query).await?;
    let ids: HashSet<MissionId> = missions.iter().map(|m| m.id).collect();
    let phases = phases_of(db, &ids).await?;
    let impacts = impacts_of(db, &ids).await?;
    let (step, months_of_period) = over_time(filter.period);
    let mut per_month: Vec<PeriodFigures> = vec![PeriodFigures::default(); months_of_period.len()];
    let mut by_mission_status: BTreeMap<MissionStatus, u64> = BTreeMap::new();
    let mut people: HashMap<Role, People> = HashMap::new();
    let mut experts = HashSet::new();
    let mut ratings = Vec::new();
    for mission in missions {
        *by_mission_status.entry(mission.status).or_default() += 1;
        let started = mission.actual_start.unwrap_or(mission.planned.start());
        if mission.status != MissionStatus::Cancelled
            && let Some(slot) = months_of_period.iter().position(|m| m.contains_date(started))
        {
            per_month[slot].missions += 1;
        }
        let none = Vec::new();
        let mission_phases = phases.get(&mission.id).unwrap_or(&none);
        let mut days = (0, 0);
        if let Some(ran) = mission.ran(today) {
            figures.missions_deployed += 1;
            if let Some(expert) = mission.expert {
                experts.insert(expert);
            }
            days = logistics::expert_days(mission.mode, mission_phases, ran, filter.period);
            for (slot, month) in months_of_period.iter().enumerate() {
                let (on_site, remote) = logistics::expert_days(mission.mode, mission_phases, ran, *month);
                per_month[slot].on_site_days += on_site;
                per_month[slot].remote_days += remote;
            }
        }
        if let Some(rating) = mission.rating {
            ratings.push(rating);
        }
        let (mut trained, mut reached, mut institutions) = (0, 0, 0);
        if let Some((roles, reached_institutions)) = impacts.get(&mission.id) {
            institutions = *reached_institutions;
            for (role, counted) in roles {
                let sum = people.entry(*role).or_default();
                sum.women += counted.women;
                sum.men += counted.men;
                sum.unspecified += counted.unspecified;
                if role.is_direct() {
                    trained += counted.total();
                } else {
                    reached += counted.total();
                }
            }
        }
        figures.trained += u64::from(trained);
        figures.reached += u64::from(reached);
        figures.institutions_reached += u64::from(institutions);
        figures.expert_days.0 += days.0;
        figures.expert_days.1 += days.1;
        figures.missions.push(MissionLine { mission, trained, reached, institutions_reached: institutions, days });
    }
    figures.missions_by_status =
        MissionStatus::ALL.iter().map(|s| (*s, by_mission_status.get(s).copied().unwrap_or(0))).collect();
    figures.step = step;
    figures.over_time = months_of_period.iter().map(|m| m.start()).zip(per_month).collect();
    figures.people = Role::ALL.iter().map(|r| (*r, people.get(r).copied().unwrap_or_default())).collect();
    figures.experts_deployed = experts.len() as u64;
    if !ratings.is_empty() {
        figures.rating = Some((ratings.iter().sum::<f64>() / ratings.len() as f64, ratings.len() as u64));
    }
    figures.missions.sort_by_key(|line| (line.mission.planned.start(), line.mission.id));
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn five_years_are_counted_by_month_longer_by_year_and_beyond_fifty_refused_on_to() {
        let period = |a, b| DateRange::new(a, b).unwrap();
        let five = period(date!(2022 - 01 - 15), date!(2027 - 01 - 14));
        let (step, steps) = over_time(five);
        assert_eq!((step, steps.len()), (Step::Month, 61), "every month, the partial ones at both ends");
        assert_eq!(steps.last().unwrap().end(), five.end());
        let longer = period(date!(2020 - 01 - 01), date!(2030 - 12 - 31));
        let (step, steps) = over_time(longer);
        assert_eq!((step, steps.len()), (Step::Year, 11));
        assert_eq!(steps[3].to_string(), "2023-01-01/2023-12-31");
        assert_eq!(bounded(longer), Ok(longer));
        let too_long = period(date!(2000 - 03 - 01), date!(2050 - 03 - 01));
        assert_eq!(bounded(too_long).unwrap_err().field, "to");
        assert!(bounded(period(date!(2000 - 03 - 01), date!(2050 - 02 - 28))).is_ok());
        // 29 February: five years on is 28 February.
        assert_eq!(over_time(period(date!(2024 - 02 - 29), date!(2029 - 02 - 27))).0, Step::Month);
        assert_eq!(over_time(period(date!(2024 - 02 - 29), date!(2029 - 02 - 28))).0, Step::Year);
    }

    #[test]
    fn months_of_a_period_are_clipped() {
        let period = DateRange::new(date!(2026 - 11 - 15), date!(2027 - 02 - 10)).unwrap();
        let all = months(period);
        assert_eq!(all.len(), 4);
        assert_eq!(all[0].to_string(), "2026-11-15/2026-11-30");
        assert_eq!(all[1].to_string(), "2026-12-01/2026-12-31");
        assert_eq!(all[3].to_string(), "2027-02-01/2027-02-10");
        assert_eq!(month_start(date!(2027 - 02 - 10)), date!(2027 - 02 - 01));
    }
}
