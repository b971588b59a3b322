use crate::serde_text::serde_via_text;
use crate::time_zone_table::ZONES;
use crate::{Country, ParseError, Timestamp};
use time::{Date, Month, OffsetDateTime};

/// An IANA time zone (`Africa/Kigali`, `Europe/Brussels`), from the time zone database bundled
/// into the binary (so every machine reads the same rules). Times are stored in UTC and shown,
/// and reminders sent, in a person's zone.
#[derive(Debug, Clone)]
pub struct TimeZone {
    name: String,
    zone: jiff::tz::TimeZone,
}

impl PartialEq for TimeZone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for TimeZone {}

/// A moment as the clock of a zone shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    /// The zone's abbreviation at that moment (`CAT`, `CET`, `+01`).
    pub abbreviation: String,
}

/// The longest zone name accepted (the longest in the database has 30 characters).
pub const MAX_TIME_ZONE_CHARS: usize = 64;

impl TimeZone {
    /// Accepts an IANA zone name, in any case (`europe/brussels`); gives it back as the database
    /// writes it.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let text = text.trim();
        let refuse = || {
            ParseError::new(
                "time_zone.unknown",
                format!("{text:?} is not a time zone of the IANA database, e.g. Africa/Kigali or Europe/Brussels"),
            )
        };
        if text.is_empty() || text.chars().count() > MAX_TIME_ZONE_CHARS || text.chars().any(char::is_control) {
            return Err(refuse());
        }
        let zone = jiff::tz::TimeZone::get(text).map_err(|_| refuse())?;
        let name = zone.iana_name().map(str::to_owned).ok_or_else(refuse)?;
        Ok(TimeZone { name, zone })
    }

    pub fn utc() -> Self {
        TimeZone { name: "UTC".into(), zone: jiff::tz::TimeZone::UTC }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The zone most people of `country` live in (its most populous one); UTC when the
    /// database knows none.
    pub fn for_country(country: Country) -> Self {
        ZONES
            .iter()
            .find(|(code, _)| *code == country.code())
            .and_then(|(_, zone)| TimeZone::parse(zone).ok())
            .unwrap_or_else(TimeZone::utc)
    }

    /// The zone a person lives by when they chose none: their institution's country, else their
    /// country of residence, else UTC.
    pub fn default_for(institution_country: Option<Country>, residence: Option<Country>) -> Self {
        institution_country.or(residence).map_or_else(TimeZone::utc, TimeZone::for_country)
    }

    /// Every zone a person may choose, sorted by name (each zone of the database tied to a
    /// country, and UTC).
    pub fn choices() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = ZONES.iter().map(|(_, zone)| *zone).collect();
        names.push("UTC");
        names.sort_unstable();
        names.dedup();
        names
    }

    fn jiff_timestamp(at: Timestamp) -> jiff::Timestamp {
        let seconds = at.unix_seconds();
        let nanos = i32::try_from(at.datetime().nanosecond()).unwrap_or(0);
        jiff::Timestamp::new(seconds, nanos).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }

    /// What the clock of this zone shows at `at`.
    pub fn local(&self, at: Timestamp) -> LocalTime {
        let stamp = Self::jiff_timestamp(at);
        let zoned = stamp.to_zoned(self.zone.clone());
        let info = self.zone.to_offset_info(stamp);
        let month = Month::try_from(u8::try_from(zoned.month()).unwrap_or(1)).unwrap_or(Month::January);
        let date = Date::from_calendar_date(i32::from(zoned.year()), month, u8::try_from(zoned.day()).unwrap_or(1))
            .unwrap_or_else(|_| at.date());
        LocalTime {
            date,
            hour: u8::try_from(zoned.hour()).unwrap_or(0),
            minute: u8::try_from(zoned.minute()).unwrap_or(0),
            abbreviation: info.abbreviation().to_owned(),
        }
    }

    /// The instant the clock of this zone shows `hour:minute` on `day` (the later one when the
    /// clock passes that time twice, the time after the gap when it skips it).
    pub fn at_local(&self, day: Date, hour: u8, minute: u8) -> Timestamp {
        let civil = jiff::civil::date(
            i16::try_from(day.year()).unwrap_or(2000),
            i8::try_from(u8::from(day.month())).unwrap_or(1),
            i8::try_from(day.day()).unwrap_or(1),
        )
        .at(i8::try_from(hour).unwrap_or(0), i8::try_from(minute).unwrap_or(0), 0, 0);
        let seconds = match civil.to_zoned(self.zone.clone()) {
            Ok(zoned) => zoned.timestamp().as_second(),
            Err(_) => day.with_hms(hour, minute, 0).map(|t| t.assume_utc().unix_timestamp()).unwrap_or_default(),
        };
        Timestamp::from_datetime(OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH))
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        TimeZone::utc()
    }
}

impl std::fmt::Display for TimeZone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

serde_via_text!(TimeZone);

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn names_are_checked_and_written_as_the_database_does() {
        assert_eq!(TimeZone::parse(" europe/brussels ").unwrap().name(), "Europe/Brussels");
        for bad in ["", "Mars/Olympus", "CET+1", "Europe/Brussels\u{0}", &"A/".repeat(40)] {
            assert_eq!(TimeZone::parse(bad).unwrap_err().code(), "time_zone.unknown", "{bad:?}");
        }
    }

    #[test]
    fn every_zone_offered_is_known() {
        let choices = TimeZone::choices();
        assert!(choices.len() > 300);
        for name in choices {
            assert_eq!(TimeZone::parse(name).map(|z| z.name().to_owned()).ok().as_deref(), Some(name));
        }
    }

    #[test]
    fn countries_give_their_main_zone() {
        let of = |code: &str| TimeZone::for_country(Country::parse(code).unwrap()).name().to_owned();
        assert_eq!(of("RW"), "Africa/Kigali");
        assert_eq!(of("CD"), "Africa/Kinshasa");
        assert_eq!(of("BE"), "Europe/Brussels");
        assert_eq!(of("AQ"), "Antarctica/McMurdo");
        let rw = Country::parse("RW").ok();
        let be = Country::parse("BE").ok();
        assert_eq!(TimeZone::default_for(rw, be).name(), "Africa/Kigali", "the institution's country first");
        assert_eq!(TimeZone::default_for(None, be).name(), "Europe/Brussels");
        assert_eq!(TimeZone::default_for(None, None), TimeZone::utc());
    }

    #[test]
    fn local_clocks_follow_the_rules_of_each_zone() {
        let brussels = TimeZone::parse("Europe/Brussels").unwrap();
        // Summer time: UTC+2; winter: UTC+1.
        let summer = Timestamp::parse("2027-07-01T06:00:00Z").unwrap();
        assert_eq!(brussels.local(summer).hour, 8);
        assert_eq!(brussels.at_local(date!(2027 - 07 - 01), 8, 0), summer);
        let winter = Timestamp::parse("2027-01-15T07:00:00Z").unwrap();
        assert_eq!(brussels.at_local(date!(2027 - 01 - 15), 8, 0), winter);
        let kigali = TimeZone::parse("Africa/Kigali").unwrap();
        let local = kigali.local(Timestamp::parse("2027-03-01T23:30:00Z").unwrap());
        assert_eq!((local.date, local.hour, local.minute), (date!(2027 - 03 - 02), 1, 30), "the next day in Kigali");
        assert_eq!(local.abbreviation, "CAT");
        // A morning that the clock skips (the spring change at 02:00) falls after the gap.
        let skipped = brussels.at_local(date!(2027 - 03 - 28), 2, 30);
        assert_eq!(brussels.local(skipped).hour, 3);
    }
}
