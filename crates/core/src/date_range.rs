use crate::ParseError;
use crate::serde_text::serde_via_text;
use time::{Date, Duration, format_description::well_known::Iso8601};

/// An inclusive range of calendar days, `start <= end`: a mission from 1 to 15 March lasts 15
/// days. Written as an ISO 8601 interval, `2026-03-01/2026-03-15`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRange {
    start: Date,
    end: Date,
}

impl DateRange {
    pub fn new(start: Date, end: Date) -> Result<Self, ParseError> {
        if end < start {
            return Err(ParseError::new(
                "date_range.end_before_start",
                format!("the end date {end} is before the start date {start}"),
            ));
        }
        Ok(Self { start, end })
    }

    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let (start, end) = text.trim().split_once('/').ok_or_else(|| {
            ParseError::new(
                "date_range.format",
                format!("{text:?} is not a date range: expected START/END, e.g. 2026-03-01/2026-03-15"),
            )
        })?;
        Self::new(parse_date(start)?, parse_date(end)?)
    }

    pub fn start(&self) -> Date {
        self.start
    }

    pub fn end(&self) -> Date {
        self.end
    }

    /// Number of days, both ends included.
    pub fn days(&self) -> i64 {
        (self.end - self.start).whole_days() + 1
    }

    pub fn contains_date(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }

    pub fn contains(&self, other: &DateRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    pub fn intersection(&self, other: &DateRange) -> Option<DateRange> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(DateRange { start, end })
    }

    /// The range of `days` days starting on `start`, if the calendar has room for it.
    pub fn starting(start: Date, days: i64) -> Option<DateRange> {
        if days < 1 {
            return None;
        }
        let end = start.checked_add(Duration::days(days - 1))?;
        Some(DateRange { start, end })
    }
}

/// Parses a calendar date written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, ParseError> {
    Date::parse(text.trim(), &Iso8601::DATE).map_err(|_| {
        ParseError::new("date.format", format!("{text:?} is not a date: expected YYYY-MM-DD, e.g. 2026-03-01"))
    })
}

/// A calendar day as the database keeps it: `YYYY-MM-DD` text, which sorts as it reads and
/// which both engines compare the same way (sqlx's `Any` driver knows no date type). Bind
/// `Day(date)`; read a `Day` and take `.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub Date);

impl Day {
    pub fn parse(text: &str) -> Result<Day, ParseError> {
        parse_date(text).map(Day)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl From<Date> for Day {
    fn from(date: Date) -> Day {
        Day(date)
    }
}

impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.start, self.end)
    }
}

serde_via_text!(DateRange);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn range(a: Date, b: Date) -> DateRange {
        DateRange::new(a, b).unwrap()
    }

    #[test]
    fn days_are_inclusive_and_helpers_agree() {
        let march = range(date!(2026 - 03 - 01), date!(2026 - 03 - 31));
        assert_eq!(march.days(), 31);
        assert_eq!(range(date!(2026 - 03 - 01), date!(2026 - 03 - 01)).days(), 1);
        let late = range(date!(2026 - 03 - 31), date!(2026 - 04 - 10));
        assert!(march.overlaps(&late) && late.overlaps(&march));
        assert_eq!(march.intersection(&late).unwrap().days(), 1);
        let april = range(date!(2026 - 04 - 01), date!(2026 - 04 - 30));
        assert!(!march.overlaps(&april) && march.intersection(&april).is_none());
        assert!(march.contains(&range(date!(2026 - 03 - 05), date!(2026 - 03 - 06))));
        assert!(!march.contains(&late));
        assert_eq!(DateRange::starting(date!(2026 - 03 - 01), 15).unwrap().end(), date!(2026 - 03 - 15));
    }

    #[test]
    fn bad_ranges_name_the_problem() {
        let err = DateRange::parse("2026-03-10/2026-03-01").unwrap_err();
        assert_eq!(err.code(), "date_range.end_before_start");
        assert_eq!(DateRange::parse("2026-03-10").unwrap_err().code(), "date_range.format");
        assert_eq!(DateRange::parse("2026-02-30/2026-03-01").unwrap_err().code(), "date.format");
    }

    proptest! {
        #[test]
        fn display_then_parse_is_identity(a in 0i32..200_000, len in 0i64..2_000) {
            let start = Date::from_julian_day(2_400_000 + a).unwrap();
            let r = DateRange::starting(start, len + 1).unwrap();
            prop_assert_eq!(DateRange::parse(&r.to_string()).unwrap(), r);
            prop_assert_eq!(r.days(), len + 1);
        }

        #[test]
        fn overlap_is_symmetric_and_matches_intersection(a in 0i32..100, b in 0i64..30, c in 0i32..100, d in 0i64..30) {
            let base = Date::from_julian_day(2_460_000).unwrap();
            let x = DateRange::starting(base + Duration::days(a.into()), b + 1).unwrap();
            let y = DateRange::starting(base + Duration::days(c.into()), d + 1).unwrap();
            prop_assert_eq!(x.overlaps(&y), y.overlaps(&x));
            prop_assert_eq!(x.overlaps(&y), x.intersection(&y).is_some());
        }
    }
}
