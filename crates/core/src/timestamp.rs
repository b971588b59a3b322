use crate::ParseError;
use crate::serde_text::serde_via_text;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset, macros::format_description};

/// An instant, in UTC, written as RFC 3339 with exactly six fractional digits
/// (`2026-11-27T09:36:42.123456Z`): fixed width, so that text order is time order in any
/// database, and readable by both SQLite and PostgreSQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

const CANONICAL: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

impl Timestamp {
    pub fn now() -> Self {
        Self::from_datetime(OffsetDateTime::now_utc())
    }

    /// Normalises to UTC and to microsecond precision (what the text form keeps).
    pub fn from_datetime(at: OffsetDateTime) -> Self {
        let utc = at.to_offset(UtcOffset::UTC);
        let micros = utc.microsecond();
        Self(utc.replace_nanosecond(micros * 1_000).unwrap_or(utc))
    }

    pub fn parse(text: &str) -> Result<Self, ParseError> {
        OffsetDateTime::parse(text.trim(), &Rfc3339).map(Self::from_datetime).map_err(|_| {
            ParseError::new(
                "timestamp.format",
                format!("{text:?} is not an RFC 3339 timestamp, e.g. 2026-03-01T08:00:00Z"),
            )
        })
    }

    pub fn datetime(&self) -> OffsetDateTime {
        self.0
    }

    pub fn date(&self) -> time::Date {
        self.0.date()
    }

    pub fn unix_seconds(&self) -> i64 {
        self.0.unix_timestamp()
    }
}

impl std::ops::Add<time::Duration> for Timestamp {
    type Output = Timestamp;
    fn add(self, rhs: time::Duration) -> Timestamp {
        Timestamp(self.0 + rhs)
    }
}

impl std::ops::Sub<time::Duration> for Timestamp {
    type Output = Timestamp;
    fn sub(self, rhs: time::Duration) -> Timestamp {
        Timestamp(self.0 - rhs)
    }
}

impl std::ops::Sub for Timestamp {
    type Output = time::Duration;
    fn sub(self, rhs: Timestamp) -> time::Duration {
        self.0 - rhs.0
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.0.format(CANONICAL).map_err(|_| std::fmt::Error)?;
        f.write_str(&text)
    }
}

serde_via_text!(Timestamp);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fixed_width_text_sorts_like_time() {
        let a = Timestamp::parse("2026-03-01T08:00:00+02:00").unwrap();
        assert_eq!(a.to_string(), "2026-03-01T06:00:00.000000Z");
        let b = a + time::Duration::microseconds(1);
        assert!(a.to_string() < b.to_string());
        assert_eq!(Timestamp::parse("yesterday").unwrap_err().code(), "timestamp.format");
    }

    proptest! {
        #[test]
        fn display_then_parse_is_identity(secs in 0i64..4_000_000_000, micros in 0u32..1_000_000) {
            let at = OffsetDateTime::from_unix_timestamp(secs).unwrap() + time::Duration::microseconds(micros.into());
            let ts = Timestamp::from_datetime(at);
            prop_assert_eq!(Timestamp::parse(&ts.to_string()).unwrap(), ts);
        }
    }
}
