//! What a mission request is: its terms of reference, checked ([`RequestFields`]), and the
//! request as stored ([`Request`], [`Summary`] for lists).

use super::workflow::Status;
use crate::codes::code_enum;
use passerelle_core::{
    Bilingual, Cefr, Country, DateRange, InstitutionId, Language, ParseError, ProgrammeId, RequestId, Sector,
    Timestamp, UserId,
};
use passerelle_taxonomy::SkillId;
use serde::Serialize;

code_enum! {
    /// Whether a skill is a condition or a plus.
    pub enum Requirement ("a requirement", "request.requirement_unknown") {
        MustHave => "must_have",
        NiceToHave => "nice_to_have",
    }
}

code_enum! {
    /// Where the expert works.
    pub enum ModeKind ("a mission mode", "request.mode_unknown") {
        OnSite => "on_site",
        Remote => "remote",
        Hybrid => "hybrid",
    }
}

code_enum! {
    /// Fixed dates, or a window in which the mission takes place.
    pub enum TimingKind ("a kind of timing", "request.timing_unknown") {
        Fixed => "fixed",
        Flexible => "flexible",
    }
}

code_enum! {
    /// How pressing the need is.
    pub enum Urgency ("an urgency", "request.urgency_unknown") {
        Normal => "normal",
        Urgent => "urgent",
    }
}

/// The minimum proficiency asked for a skill: 1 basic, 2 intermediate, 3 advanced, 4 expert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Level(u8);

impl Level {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 4;

    pub fn new(value: i64) -> Result<Level, ParseError> {
        match u8::try_from(value) {
            Ok(v) if (Self::MIN..=Self::MAX).contains(&v) => Ok(Level(v)),
            _ => {
                Err(ParseError::new("level.range", format!("{value} is not a level: expected 1 (basic) to 4 (expert)")))
            }
        }
    }

    pub fn parse(text: &str) -> Result<Level, ParseError> {
        let text = text.trim();
        let value = text.parse::<i64>().map_err(|_| {
            ParseError::new("level.range", format!("{text:?} is not a level: expected 1 (basic) to 4 (expert)"))
        })?;
        Self::new(value)
    }

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = Level> {
        (Self::MIN..=Self::MAX).map(Level)
    }
}

/// A skill the request asks for: a skill of the taxonomy, or one the taxonomy does not know,
/// kept in the words the request used (matched against what experts wrote, never refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequiredSkill {
    pub skill: Option<SkillId>,
    /// As the request named it.
    pub label: String,
    pub requirement: Requirement,
    pub level: Level,
}

impl RequiredSkill {
    /// What makes two rows the same requirement: the skill, or the words when there is none.
    pub fn key(&self) -> String {
        match &self.skill {
            Some(skill) => skill.to_string(),
            None => format!("text:{}", passerelle_taxonomy::normalize(&self.label)),
        }
    }
}

/// A language the expert must speak, at or above a CEFR level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RequiredLanguage {
    pub language: Language,
    pub level: Cefr,
}

/// On site, remote, or both (with so many days on site).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    OnSite,
    Remote,
    Hybrid { days_on_site: u32 },
}

impl Mode {
    pub fn kind(self) -> ModeKind {
        match self {
            Mode::OnSite => ModeKind::OnSite,
            Mode::Remote => ModeKind::Remote,
            Mode::Hybrid { .. } => ModeKind::Hybrid,
        }
    }

    pub fn days_on_site(self) -> Option<u32> {
        match self {
            Mode::Hybrid { days_on_site } => Some(days_on_site),
            _ => None,
        }
    }
}

/// When the mission takes place: fixed dates, or `duration_days` days somewhere in a window
/// ("15 days between 1 March and 30 April").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    Fixed(DateRange),
    Flexible { window: DateRange, duration_days: u32 },
}

impl Timing {
    pub fn kind(self) -> TimingKind {
        match self {
            Timing::Fixed(_) => TimingKind::Fixed,
            Timing::Flexible { .. } => TimingKind::Flexible,
        }
    }

    /// The days the mission is within: its dates, or its window.
    pub fn range(self) -> DateRange {
        match self {
            Timing::Fixed(range) | Timing::Flexible { window: range, .. } => range,
        }
    }

    /// How many days the mission lasts.
    pub fn duration_days(self) -> u32 {
        match self {
            Timing::Fixed(range) => u32::try_from(range.days()).unwrap_or(u32::MAX),
            Timing::Flexible { duration_days, .. } => duration_days,
        }
    }
}

/// The terms of reference, checked (see [`super::RequestInput::validate`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFields {
    pub programme: ProgrammeId,
    pub title: String,
    pub description: String,
    pub objectives: String,
    pub deliverables: String,
    pub sector: Sector,
    pub skills: Vec<RequiredSkill>,
    pub languages: Vec<RequiredLanguage>,
    pub preferred_origins: Vec<Country>,
    /// `None` for a remote mission without a place.
    pub country: Option<Country>,
    pub city: String,
    pub mode: Mode,
    pub timing: Timing,
    pub urgency: Urgency,
    pub positions: u32,
    /// What the host provides: accommodation, transport, an interpreter… (free text).
    pub host_provides: String,
}

/// A request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: RequestId,
    pub institution: InstitutionId,
    pub institution_name: String,
    /// The institution's country, shown when the mission has no place of its own.
    pub institution_country: Country,
    pub institution_verified: bool,
    pub programme_code: String,
    /// The programme's name, in English and in French.
    pub programme_name: Bilingual,
    pub status: Status,
    pub fields: RequestFields,
    pub created_by: Option<UserId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub status_changed_at: Timestamp,
    /// Entered by a coordinator on the institution's behalf (`created_by` is that coordinator).
    pub on_behalf: bool,
    /// The member who took a request entered on the institution's behalf over, and when.
    pub taken_over: Option<(UserId, Timestamp)>,
}

impl Request {
    /// Entered on the institution's behalf and not yet taken over by one of its members: staff
    /// still act for the institution (they may submit it).
    pub fn held_for_institution(&self) -> bool {
        self.on_behalf && self.taken_over.is_none()
    }

    /// The country the mission is for: its place, or the institution's.
    pub fn country(&self) -> Country {
        self.fields.country.unwrap_or(self.institution_country)
    }
}

/// A request in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: RequestId,
    pub title: String,
    pub institution: InstitutionId,
    pub institution_name: String,
    pub institution_verified: bool,
    pub programme: ProgrammeId,
    pub programme_code: String,
    pub sector: Sector,
    /// The place's country, or the institution's for a remote mission.
    pub country: Country,
    pub city: String,
    pub mode: Mode,
    pub timing: Timing,
    pub urgency: Urgency,
    pub positions: u32,
    pub status: Status,
    pub status_changed_at: Timestamp,
    pub created_at: Timestamp,
    /// Entered by a coordinator on the institution's behalf and not yet taken over.
    pub held_for_institution: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn levels_are_one_to_four() {
        assert_eq!(Level::parse(" 3 ").unwrap().value(), 3);
        for bad in ["0", "5", "", "expert", "-1"] {
            assert_eq!(Level::parse(bad).unwrap_err().code(), "level.range", "{bad}");
        }
        assert_eq!(Level::all().count(), 4);
    }

    #[test]
    fn timing_knows_its_days() {
        let march = DateRange::new(date!(2027 - 03 - 01), date!(2027 - 03 - 15)).unwrap();
        assert_eq!(Timing::Fixed(march).duration_days(), 15);
        let window = Timing::Flexible { window: march, duration_days: 5 };
        assert_eq!((window.duration_days(), window.range(), window.kind()), (5, march, TimingKind::Flexible));
        assert_eq!(Mode::Hybrid { days_on_site: 4 }.days_on_site(), Some(4));
        assert_eq!(ModeKind::parse("on_site").unwrap(), ModeKind::OnSite);
        assert_eq!(Requirement::parse("must").unwrap_err().code(), "request.requirement_unknown");
    }
}
