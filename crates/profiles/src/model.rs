//! An expert's profile, as validated: every field is a checked value of its type.

use passerelle_core::{Cefr, Country, DateRange, Email, ExpertId, Language, Phone, Sector, Timestamp, UserId};
use passerelle_taxonomy::SkillId;
use serde::Serialize;
use time::Date;

/// How an expert can work during an availability window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkMode {
    OnSite,
    Remote,
    Either,
}

impl WorkMode {
    pub const ALL: [WorkMode; 3] = [WorkMode::OnSite, WorkMode::Remote, WorkMode::Either];

    pub fn code(self) -> &'static str {
        match self {
            WorkMode::OnSite => "on_site",
            WorkMode::Remote => "remote",
            WorkMode::Either => "either",
        }
    }

    pub fn parse(text: &str) -> Result<WorkMode, passerelle_core::ParseError> {
        Self::ALL.into_iter().find(|m| m.code() == text.trim()).ok_or_else(|| {
            passerelle_core::ParseError::new(
                "mode.unknown",
                format!("{text:?} is not a mode (on_site, remote, either)"),
            )
        })
    }

    /// Whether a window of this mode serves a mission that needs `needed`.
    pub fn serves(self, needed: WorkMode) -> bool {
        self == WorkMode::Either || self == needed || needed == WorkMode::Either
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub range: DateRange,
    pub mode: WorkMode,
}

/// Levels of a skill: 1 basic, 2 intermediate, 3 advanced, 4 expert.
pub const SKILL_LEVELS: std::ops::RangeInclusive<u8> = 1..=4;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkillEntry {
    /// The taxonomy entry, when the skill is one of its labels; `None` for free text.
    pub skill: Option<SkillId>,
    /// As the expert wrote it, or the taxonomy's label.
    pub label: String,
    pub level: u8,
    pub years: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LanguageEntry {
    pub language: Language,
    pub spoken: Cefr,
    pub written: Cefr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    Degree,
    Licence,
    Certification,
}

impl CredentialKind {
    pub const ALL: [CredentialKind; 3] =
        [CredentialKind::Degree, CredentialKind::Licence, CredentialKind::Certification];

    pub fn code(self) -> &'static str {
        match self {
            CredentialKind::Degree => "degree",
            CredentialKind::Licence => "licence",
            CredentialKind::Certification => "certification",
        }
    }

    pub fn parse(text: &str) -> Result<CredentialKind, passerelle_core::ParseError> {
        Self::ALL.into_iter().find(|k| k.code() == text.trim()).ok_or_else(|| {
            passerelle_core::ParseError::new(
                "credential_kind.unknown",
                format!("{text:?} is not a kind of credential (degree, licence, certification)"),
            )
        })
    }
}

/// Whether a coordinator has checked a credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialStatus {
    Unverified,
    Verified,
    Rejected,
}

impl CredentialStatus {
    pub fn code(self) -> &'static str {
        match self {
            CredentialStatus::Unverified => "unverified",
            CredentialStatus::Verified => "verified",
            CredentialStatus::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Result<CredentialStatus, passerelle_core::ParseError> {
        match text.trim() {
            "unverified" => Ok(CredentialStatus::Unverified),
            "verified" => Ok(CredentialStatus::Verified),
            "rejected" => Ok(CredentialStatus::Rejected),
            _ => Err(passerelle_core::ParseError::new(
                "credential_status.unknown",
                format!("{text:?} is not a verification status (unverified, verified, rejected)"),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Credential {
    /// Stable across edits, so that a verification survives changes to other credentials.
    pub id: String,
    pub kind: CredentialKind,
    pub title: String,
    pub issuer: String,
    pub country: Option<Country>,
    pub number: String,
    pub valid_until: Option<Date>,
    pub status: CredentialStatus,
    pub verified_by: Option<UserId>,
    pub verified_at: Option<Timestamp>,
}

impl Credential {
    pub fn is_expired(&self, today: Date) -> bool {
        self.valid_until.is_some_and(|until| until < today)
    }

    /// Verified and not expired: what counts in matching.
    pub fn counts(&self, today: Date) -> bool {
        self.status == CredentialStatus::Verified && !self.is_expired(today)
    }

    /// The part an expert edits; a change there voids a verification.
    pub fn same_content(&self, other: &Credential) -> bool {
        (self.kind, &self.title, &self.issuer, self.country, &self.number, self.valid_until)
            == (other.kind, &other.title, &other.issuer, other.country, &other.number, other.valid_until)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Education {
    pub degree: String,
    pub field: String,
    pub institution: String,
    pub country: Option<Country>,
    pub year: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Work {
    pub role: String,
    pub employer: String,
    pub country: Option<Country>,
    pub start_year: Option<u16>,
    pub end_year: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganisationMembership {
    pub organisation: String,
    pub role: String,
}

/// Everything an expert (or a coordinator for them) says in a profile.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ProfileData {
    pub name: String,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub city: String,
    pub residence_country: Option<Country>,
    pub origins: Vec<Country>,
    pub nationalities: Vec<Country>,
    pub no_travel: Vec<Country>,
    pub travel_limits: String,
    pub memberships: Vec<OrganisationMembership>,
    pub headline: String,
    pub summary: String,
    pub years_experience: Option<u16>,
    pub sectors: Vec<Sector>,
    pub education: Vec<Education>,
    pub work: Vec<Work>,
    pub skills: Vec<SkillEntry>,
    pub languages: Vec<LanguageEntry>,
    pub credentials: Vec<Credential>,
    pub windows: Vec<Window>,
    pub max_mission_days: Option<u16>,
    pub notice_days: Option<u16>,
    pub remote_now: bool,
}

/// The consent to be listed and matched, as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consent {
    pub version: String,
    pub given_at: Timestamp,
}

/// A stored profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub id: ExpertId,
    pub user_id: Option<UserId>,
    pub external_id: Option<String>,
    pub data: ProfileData,
    pub consent: Option<Consent>,
    pub confirmed_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}
