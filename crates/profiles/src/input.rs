//! A profile as written by a person, a program (the API) or a file (bulk import): plain
//! strings and numbers, checked by [`ExpertInput::validate`] into a [`ProfileData`], with every
//! problem reported under the field's path (`languages[1].spoken`).
//!
//! This is also the shape of the API's create-expert body and of each line of
//! `passerelle import experts FILE.jsonl`.

use crate::model::*;
use passerelle_core::{
    Cefr, Country, DateRange, Email, FieldError, Language, Lines, Phone, Problems, Sector, Timestamp, parse_date,
};
use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ExpertInput {
    /// The record's identifier in the system it comes from; importing it again updates it.
    pub external_id: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub residence_country: Option<String>,
    pub origin_countries: Vec<String>,
    pub nationalities: Vec<String>,
    /// Countries the expert will not travel to.
    pub no_travel_countries: Vec<String>,
    /// Other limits, e.g. residence-permit constraints.
    pub travel_limits: Option<String>,
    pub memberships: Vec<MembershipInput>,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub years_experience: Option<i64>,
    pub sectors: Vec<String>,
    pub education: Vec<EducationInput>,
    pub work_history: Vec<WorkInput>,
    pub skills: Vec<SkillInput>,
    pub languages: Vec<LanguageInput>,
    pub credentials: Vec<CredentialInput>,
    pub availability: Vec<WindowInput>,
    pub max_mission_days: Option<i64>,
    pub notice_days: Option<i64>,
    pub remote_now: bool,
    pub consent: Option<ConsentInput>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct MembershipInput {
    pub organisation: String,
    pub role: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct EducationInput {
    pub degree: String,
    pub field: String,
    pub institution: String,
    pub country: Option<String>,
    pub year: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct WorkInput {
    pub role: String,
    pub employer: String,
    pub country: Option<String>,
    pub start_year: Option<i64>,
    pub end_year: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SkillInput {
    /// Any label of the taxonomy (either language, either gender), or free text.
    pub label: String,
    /// The ESCO concept, when known; wins over the label for finding the taxonomy entry.
    pub esco_uri: Option<String>,
    /// 1 basic, 2 intermediate, 3 advanced, 4 expert.
    pub level: Option<i64>,
    pub years: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct LanguageInput {
    /// BCP 47 language code (fr, rw, mey…).
    pub code: String,
    /// A1 … C2, or native.
    pub spoken: String,
    pub written: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct CredentialInput {
    /// Given back by the API, to keep a credential's verification across edits.
    pub id: Option<String>,
    /// degree, licence or certification.
    pub kind: String,
    pub title: String,
    pub issuer: String,
    pub country: Option<String>,
    pub number: String,
    /// YYYY-MM-DD.
    pub valid_until: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct WindowInput {
    /// YYYY-MM-DD, first day available.
    pub start: String,
    /// YYYY-MM-DD, last day available.
    pub end: String,
    /// on_site, remote or either.
    pub mode: String,
}

/// A statement of consent says whether it is given and to which text: both are required, so
/// that a half-written statement is refused rather than read as a withdrawal.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// Consent to be listed and matched.
    pub matching: bool,
    /// The version of the consent text given or withdrawn (given: one the platform publishes).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 50))]
    pub version: String,
    /// When it was given (RFC 3339); default: now.
    #[serde(default)]
    pub given_at: Option<String>,
}

/// A checked profile, with its skills not yet looked up in the taxonomy.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub external_id: Option<String>,
    pub data: ProfileData,
    /// The ESCO URI given for each skill, in the order of `data.skills`.
    pub skill_uris: Vec<Option<String>>,
    /// The credential ids the input gave back, in the order of `data.credentials`.
    pub credential_ids: Vec<Option<String>>,
    pub consent: Option<ConsentClaim>,
    /// The skills its texts name, read when it was checked against the taxonomy
    /// ([`crate::service::check`]); kept with the profile when it is written.
    pub mentions: Option<crate::mentions::Mentions>,
}

/// A consent stated in an import or by a coordinator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentClaim {
    pub matching: bool,
    pub version: String,
    pub given_at: Option<Timestamp>,
}

pub const MAX_SKILLS: usize = 100;
pub const MAX_LANGUAGES: usize = 20;
pub const MAX_WINDOWS: usize = 50;
pub const MAX_CREDENTIALS: usize = 30;
pub const MAX_ROWS: usize = 30;
pub const MAX_COUNTRIES: usize = 20;

impl ExpertInput {
    /// Checks every field against the rules; `today` bounds years and dates.
    pub fn validate(&self, today: Date) -> Result<Checked, Vec<FieldError>> {
        let mut p = Problems::new();
        let year_now = i64::from(today.year());

        let name = p.text("name", &self.name, 200, true);
        let email = opt(&self.email).and_then(|e| p.parse("email", e, Email::parse));
        let phone = opt(&self.phone).and_then(|t| p.parse("phone", t, Phone::parse));
        let city = p.text("city", self.city.as_deref().unwrap_or_default(), 100, false);
        let residence_country =
            opt(&self.residence_country).and_then(|c| p.parse("residence_country", c, Country::parse));
        let origins = countries(&mut p, "origin_countries", &self.origin_countries);
        let nationalities = countries(&mut p, "nationalities", &self.nationalities);
        let no_travel = countries(&mut p, "no_travel_countries", &self.no_travel_countries);
        let travel_limits =
            p.paragraphs("travel_limits", self.travel_limits.as_deref().unwrap_or_default(), 1000, false);

        let memberships = rows(&mut p, "memberships", &self.memberships, MAX_ROWS, |p, f, m| {
            let organisation = p.text(&f("organisation"), &m.organisation, 200, true);
            let role = p.text(&f("role"), &m.role, 100, false);
            Some(OrganisationMembership { organisation, role })
        });

        let headline = p.text("headline", self.headline.as_deref().unwrap_or_default(), 200, false);
        let summary = p.paragraphs("summary", self.summary.as_deref().unwrap_or_default(), 5000, false);
        let years_experience = number(&mut p, "years_experience", self.years_experience, 0, 70);
        let mut sectors = Vec::new();
        for (i, s) in self.sectors.iter().enumerate() {
            if let Some(sector) = p.parse(&format!("sectors[{i}]"), s, Sector::parse)
                && !sectors.contains(&sector)
            {
                sectors.push(sector);
            }
        }

        let education = rows(&mut p, "education", &self.education, MAX_ROWS, |p, f, e| {
            let degree = p.text(&f("degree"), &e.degree, 200, true);
            let field = p.text(&f("field"), &e.field, 200, false);
            let institution = p.text(&f("institution"), &e.institution, 200, false);
            let country = opt(&e.country).and_then(|c| p.parse(&f("country"), c, Country::parse));
            let year = number(p, &f("year"), e.year, 1940, year_now + 6);
            Some(Education { degree, field, institution, country, year })
        });

        let work = rows(&mut p, "work_history", &self.work_history, MAX_ROWS, |p, f, w| {
            let role = p.text(&f("role"), &w.role, 200, true);
            let employer = p.text(&f("employer"), &w.employer, 200, false);
            let country = opt(&w.country).and_then(|c| p.parse(&f("country"), c, Country::parse));
            let start_year = number(p, &f("start_year"), w.start_year, 1940, year_now);
            let end_year = number(p, &f("end_year"), w.end_year, 1940, year_now);
            if let (Some(start), Some(end)) = (start_year, end_year)
                && end < start
            {
                p.push(FieldError::new(f("end_year"), "year.before_start", "the end year is before the start year"));
            }
            Some(Work { role, employer, country, start_year, end_year })
        });

        let mut skill_uris = Vec::new();
        let mut seen_labels = Vec::new();
        let skills = rows(&mut p, "skills", &self.skills, MAX_SKILLS, |p, f, s| {
            let uri = opt(&s.esco_uri).map(str::to_owned);
            let label = p.text(&f("label"), &s.label, 200, uri.is_none());
            let key = passerelle_taxonomy::normalize(&label);
            if !key.is_empty() {
                if seen_labels.contains(&key) {
                    p.push(FieldError::new(f("label"), "skill.duplicate", "this skill is listed twice"));
                }
                seen_labels.push(key);
            }
            let level = match s.level {
                None => {
                    p.push(FieldError::new(
                        f("level"),
                        "skill_level.missing",
                        "choose a level from 1 (basic) to 4 (expert)",
                    ));
                    None
                }
                some => number(p, &f("level"), some, 1, 4),
            };
            let years = number(p, &f("years"), s.years, 0, 70);
            skill_uris.push(uri);
            Some(SkillEntry { skill: None, label, level: level.unwrap_or(1) as u8, years })
        });

        let mut seen_languages = Vec::new();
        let languages = rows(&mut p, "languages", &self.languages, MAX_LANGUAGES, |p, f, l| {
            let language = p.parse(&f("code"), &l.code, Language::parse);
            let spoken = p.parse(&f("spoken"), &l.spoken, Cefr::parse);
            let written = p.parse(&f("written"), &l.written, Cefr::parse);
            if let Some(language) = language {
                if seen_languages.contains(&language) {
                    p.push(FieldError::new(f("code"), "language.duplicate", "this language is listed twice"));
                }
                seen_languages.push(language);
            }
            Some(LanguageEntry { language: language?, spoken: spoken?, written: written? })
        });

        let mut credential_ids = Vec::new();
        let credentials = rows(&mut p, "credentials", &self.credentials, MAX_CREDENTIALS, |p, f, c| {
            let kind = p.parse(&f("kind"), &c.kind, CredentialKind::parse);
            let title = p.text(&f("title"), &c.title, 200, true);
            let issuer = p.text(&f("issuer"), &c.issuer, 200, false);
            let country = opt(&c.country).and_then(|t| p.parse(&f("country"), t, Country::parse));
            let number = p.text(&f("number"), &c.number, 100, false);
            let valid_until = opt(&c.valid_until).and_then(|d| p.parse(&f("valid_until"), d, parse_date));
            credential_ids.push(c.id.clone().filter(|id| !id.trim().is_empty()));
            Some(Credential {
                id: String::new(),
                kind: kind?,
                title,
                issuer,
                country,
                number,
                valid_until,
                status: CredentialStatus::Unverified,
                verified_by: None,
                verified_at: None,
            })
        });

        let windows = rows(&mut p, "availability", &self.availability, MAX_WINDOWS, |p, f, w| {
            let start = p.parse(&f("start"), &w.start, parse_date);
            let end = p.parse(&f("end"), &w.end, parse_date);
            let mode = p.parse(&f("mode"), &w.mode, WorkMode::parse);
            let range = match (start, end) {
                (Some(start), Some(end)) => match DateRange::new(start, end) {
                    Ok(range) => Some(range),
                    Err(error) => {
                        p.push(FieldError::from_parse(f("end"), &error));
                        None
                    }
                },
                _ => None,
            };
            Some(Window { range: range?, mode: mode? })
        });
        let max_mission_days = number(&mut p, "max_mission_days", self.max_mission_days, 1, 730);
        let notice_days = number(&mut p, "notice_days", self.notice_days, 0, 365);

        let consent = self.consent.as_ref().map(|c| {
            // Always required, given or withdrawn: a condition on another field is one an API
            // client (and the contract test) would have to guess.
            let version = p.text("consent.version", &c.version, 50, true);
            let given_at = opt(&c.given_at).and_then(|t| p.parse("consent.given_at", t, Timestamp::parse));
            ConsentClaim { matching: c.matching, version, given_at }
        });
        let external_id = self.external_id.as_deref().map(str::trim).filter(|e| !e.is_empty()).map(str::to_owned);
        if external_id.as_ref().is_some_and(|e| e.chars().count() > 200) {
            p.push(FieldError::too_long("external_id", 200));
        } else if let Some(external_id) = &external_id {
            p.check("external_id", external_id, Lines::One);
        }

        p.finish(|| Checked {
            external_id,
            data: ProfileData {
                name,
                email,
                phone,
                city,
                residence_country,
                origins,
                nationalities,
                no_travel,
                travel_limits,
                memberships,
                headline,
                summary,
                years_experience,
                sectors,
                education,
                work,
                skills,
                languages,
                credentials,
                windows,
                max_mission_days,
                notice_days,
                remote_now: self.remote_now,
            },
            skill_uris,
            credential_ids,
            consent,
            mentions: None,
        })
    }
}

/// An optional text, with blank meaning absent.
fn opt(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

fn number(p: &mut Problems, field: &str, value: Option<i64>, min: i64, max: i64) -> Option<u16> {
    let value = value?;
    if (min..=max).contains(&value) {
        u16::try_from(value).ok()
    } else {
        p.push(FieldError::new(field, "number.range", format!("must be between {min} and {max}")));
        None
    }
}

fn countries(p: &mut Problems, field: &str, codes: &[String]) -> Vec<Country> {
    if codes.len() > MAX_COUNTRIES {
        p.push(FieldError::new(field, "list.too_long", format!("at most {MAX_COUNTRIES} countries")));
    }
    let mut found = Vec::new();
    for (i, code) in codes.iter().enumerate().filter(|(_, c)| !c.trim().is_empty()) {
        if let Some(country) = p.parse(&format!("{field}[{i}]"), code, Country::parse)
            && !found.contains(&country)
        {
            found.push(country);
        }
    }
    found
}

/// Checks each row of a list with `check`, which reports problems under `field[i].…`.
fn rows<T, R>(
    p: &mut Problems,
    field: &str,
    items: &[T],
    max: usize,
    mut check: impl FnMut(&mut Problems, &dyn Fn(&str) -> String, &T) -> Option<R>,
) -> Vec<R> {
    if items.len() > max {
        p.push(FieldError::new(field, "list.too_long", format!("at most {max} entries")));
    }
    let mut checked = Vec::new();
    for (i, item) in items.iter().enumerate().take(max) {
        let name = |sub: &str| format!("{field}[{i}].{sub}");
        if let Some(row) = check(p, &name, item) {
            checked.push(row);
        }
    }
    checked
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 27);

    pub(crate) fn aline() -> ExpertInput {
        serde_json::from_value(serde_json::json!({
            "external_id": "survey-2018-0042",
            "name": "Aline Uwase",
            "email": "aline.uwase@example.be",
            "phone": "+32 470 12 34 56",
            "residence_country": "BE",
            "origin_countries": ["RW"],
            "nationalities": ["BE", "RW"],
            "headline": "Nurse anaesthetist, 12 years in Brussels university hospitals",
            "sectors": ["health"],
            "years_experience": 12,
            "languages": [
                {"code": "rw", "spoken": "native", "written": "C1"},
                {"code": "fr", "spoken": "C2", "written": "C2"}
            ],
            "skills": [
                {"label": "infirmière anesthésiste", "level": 4, "years": 12},
                {"label": "intensive care", "esco_uri": "http://data.europa.eu/esco/skill/x", "level": 3}
            ],
            "credentials": [{"kind": "licence", "title": "Infirmière SISU", "issuer": "SPF Santé publique", "country": "BE", "valid_until": "2028-12-31"}],
            "availability": [{"start": "2027-02-01", "end": "2027-03-31", "mode": "either"}],
            "consent": {"matching": true, "version": "2026-11-01", "given_at": "2026-11-20T10:00:00Z"}
        }))
        .unwrap()
    }

    #[test]
    fn a_complete_profile_is_accepted() {
        let checked = aline().validate(TODAY).unwrap();
        assert_eq!(checked.data.languages.len(), 2);
        assert_eq!(checked.data.skills[0].level, 4);
        assert_eq!(checked.skill_uris[1].as_deref(), Some("http://data.europa.eu/esco/skill/x"));
        assert_eq!(checked.data.phone.unwrap().as_str(), "+32470123456");
        assert_eq!(checked.data.windows[0].range.days(), 59);
        assert!(checked.consent.unwrap().matching);
    }

    #[test]
    fn every_problem_is_reported_under_its_field() {
        let mut bad = aline();
        bad.languages[1].spoken = "D1".into();
        bad.availability[0].end = "2027-01-01".into();
        bad.residence_country = Some("XX".into());
        bad.skills.push(SkillInput { label: "Infirmiere anesthesiste".into(), level: Some(9), ..Default::default() });
        bad.years_experience = Some(-3);
        bad.name = " ".into();
        let errors = bad.validate(TODAY).unwrap_err();
        let fields: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        for expected in [
            ("name", "required"),
            ("residence_country", "country.unknown"),
            ("years_experience", "number.range"),
            ("skills[2].label", "skill.duplicate"),
            ("skills[2].level", "number.range"),
            ("languages[1].spoken", "cefr.unknown"),
            ("availability[0].end", "date_range.end_before_start"),
        ] {
            assert!(fields.contains(&expected), "{expected:?} not in {fields:?}");
        }
    }

    #[test]
    fn control_characters_are_refused_at_their_field() {
        let mut bad = aline();
        bad.name = "Aline\u{0}Uwase".into();
        bad.headline = Some("Nurse\u{1b}[2J".into());
        bad.summary = Some("Twelve years.\nIntensive care.\u{202e}".into());
        bad.skills[0].label = "anesth\u{7}sie".into();
        bad.external_id = Some("survey\u{85}42".into());
        let errors = bad.validate(TODAY).unwrap_err();
        let found: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        for expected in [
            ("name", "text.control"),
            ("headline", "text.control"),
            ("summary", "text.control"),
            ("skills[0].label", "text.control"),
            ("external_id", "text.control"),
        ] {
            assert!(found.contains(&expected), "{expected:?} not in {found:?}");
        }
        let mut fine = aline();
        fine.summary = Some("Twelve years.\r\n\tIntensive care.".into());
        fine.name = "محمد ولد الشيخ".into();
        assert!(fine.validate(TODAY).is_ok());
    }

    #[test]
    fn unknown_fields_and_wrong_types_are_refused_with_their_path() {
        let line = r#"{"name": "X", "skills": [{"label": "welding", "level": "high"}]}"#;
        let mut de = serde_json::Deserializer::from_str(line);
        let error = serde_path_to_error::deserialize::<_, ExpertInput>(&mut de).unwrap_err();
        assert_eq!(error.path().to_string(), "skills[0].level");
        let unknown: Result<ExpertInput, _> = serde_json::from_str(r#"{"name": "X", "shoe_size": 44}"#);
        assert!(unknown.unwrap_err().to_string().contains("shoe_size"));
    }
}
