//! The month view of the calendar: the month's weeks, Monday first, each day listing the missions
//! that run on it (at most three, then how many more), as an HTML table: it reads without script,
//! with a screen reader cell by cell, and prints.

use crate::missions::list::Line;
use crate::page::PageContext;
use passerelle_core::{DateRange, MissionId};
use time::{Date, Duration};

/// Missions named in a day's cell; the others are counted.
const PER_DAY: usize = 3;

pub struct Entry {
    pub id: MissionId,
    pub title: String,
    pub class: &'static str,
}

pub struct Day {
    pub number: u8,
    /// The whole date in words, for screen readers and tooltips.
    pub label: String,
    pub in_month: bool,
    pub today: bool,
    pub missions: Vec<Entry>,
    pub more: usize,
}

pub struct Grid {
    /// Monday to Sunday: (full name, short name).
    pub weekdays: Vec<(String, String)>,
    pub weeks: Vec<Vec<Day>>,
}

/// The month starting on `first` as a grid of its weeks.
pub fn grid(page: &PageContext, first: Date, today: Date, missions: &[(Line, DateRange)]) -> Grid {
    Grid {
        weekdays: (1..=7)
            .map(|n| (page.t(&format!("calendar-day-{n}")), page.t(&format!("calendar-day-short-{n}"))))
            .collect(),
        weeks: weeks(page, first, today, missions),
    }
}

/// The weeks that hold the month starting on `first`, from its first Monday (perhaps in the month
/// before) to its last Sunday (perhaps in the month after).
fn weeks(page: &PageContext, first: Date, today: Date, missions: &[(Line, DateRange)]) -> Vec<Vec<Day>> {
    let start = first - Duration::days(i64::from(first.weekday().number_days_from_monday()));
    let next_month = super::view::add_months(first, 1);
    let last = next_month - Duration::days(1);
    let end = last + Duration::days(i64::from(6 - last.weekday().number_days_from_monday()));
    let mut weeks = Vec::new();
    let mut day = start;
    while day <= end {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            let running: Vec<&(Line, DateRange)> =
                missions.iter().filter(|(_, days)| days.contains_date(day)).collect();
            week.push(Day {
                number: day.day(),
                label: page.date(day),
                in_month: day.month() == first.month(),
                today: day == today,
                missions: running
                    .iter()
                    .take(PER_DAY)
                    .map(|(line, _)| Entry { id: line.id, title: line.title.clone(), class: line.class })
                    .collect(),
                more: running.len().saturating_sub(PER_DAY),
            });
            day += Duration::days(1);
        }
        weeks.push(week);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::Locale;
    use time::macros::date;

    fn english() -> PageContext {
        PageContext { locale: Locale::En, path: "/".into(), user: None, csrf: String::new() }
    }

    fn line(title: &str) -> Line {
        Line {
            id: MissionId::new(),
            title: title.into(),
            institution: String::new(),
            expert: String::new(),
            place: String::new(),
            days: String::new(),
            status: String::new(),
            class: "ok",
            report_due: String::new(),
        }
    }

    #[test]
    fn a_month_is_whole_weeks_monday_first_with_each_days_missions() {
        let page = english();
        let range = |a, b| DateRange::new(a, b).unwrap();
        let missions: Vec<(Line, DateRange)> = (0..5)
            .map(|i| (line(&format!("M{i}")), range(date!(2027 - 03 - 10), date!(2027 - 03 - 12))))
            .chain([(line("Long"), range(date!(2027 - 02 - 20), date!(2027 - 03 - 02)))])
            .collect();
        // March 2027 starts on a Monday and ends on a Wednesday: five weeks to Sunday 4 April.
        let weeks = weeks(&page, date!(2027 - 03 - 01), date!(2027 - 03 - 11), &missions);
        assert_eq!(weeks.len(), 5);
        assert!(weeks.iter().all(|w| w.len() == 7));
        assert_eq!((weeks[0][0].number, weeks[0][0].in_month), (1, true));
        assert_eq!((weeks[4][6].number, weeks[4][6].in_month), (4, false));
        assert_eq!(weeks[0][0].missions.len(), 1, "the long mission runs on the 1st");
        assert_eq!(weeks[0][2].missions.len(), 0, "and ends on the 2nd");
        let tenth = &weeks[1][2];
        assert_eq!((tenth.number, tenth.missions.len(), tenth.more), (10, 3, 2));
        assert!(weeks[1][3].today && !tenth.today);
        // A month starting on a Sunday opens with six days of the month before.
        let august = weeks_of(date!(2027 - 08 - 01));
        assert_eq!((august[0][0].number, august[0][0].in_month, august[0][6].number), (26, false, 1));
    }

    fn weeks_of(first: Date) -> Vec<Vec<Day>> {
        weeks(&english(), first, first, &[])
    }
}
