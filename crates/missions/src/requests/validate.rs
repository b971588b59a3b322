//! Checking terms of reference as typed in the form or sent as JSON. Every problem is reported
//! at once, under the name of its field in both (`skills[0].level`, `window.duration_days`).

use super::model::*;
use crate::codes::field_problem;
use passerelle_core::{Cefr, Country, FieldError, Language, Problems, ProgrammeId, Sector, parse_date};
use passerelle_taxonomy::SkillId;
use time::Date;

pub const MAX_SKILLS: usize = 20;
/// The longest skill named in words.
pub const MAX_SKILL_TEXT: usize = 120;
pub const MAX_LANGUAGES: usize = 10;
pub const MAX_ORIGINS: usize = 20;
pub const MAX_POSITIONS: i64 = 500;
/// The longest mission or window, in days (two years).
pub const MAX_DAYS: i64 = 731;

/// One skill row. A row whose `skill` is blank is an unused row of the form and is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkillInput {
    /// A skill's identifier, or the skill in words (linked to the taxonomy when the linker
    /// recognises it, else kept as written).
    pub skill: String,
    /// `must_have` or `nice_to_have`.
    pub requirement: String,
    /// 1 to 4.
    pub level: String,
}

/// One language row; blank `language` means an unused row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LanguageInput {
    pub language: String,
    pub level: String,
}

/// Terms of reference as typed: every value is text, so that nothing typed is lost and every
/// problem can be named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestInput {
    pub programme_id: String,
    pub title: String,
    pub description: String,
    pub objectives: String,
    pub deliverables: String,
    pub sector: String,
    pub skills: Vec<SkillInput>,
    pub languages: Vec<LanguageInput>,
    /// Country codes; blank entries are ignored.
    pub preferred_origins: Vec<String>,
    pub country: String,
    pub city: String,
    /// `on_site`, `remote` or `hybrid`.
    pub mode: String,
    /// For a hybrid mission.
    pub days_on_site: String,
    /// `fixed` or `flexible`.
    pub timing: String,
    /// Fixed dates: `dates.start`, `dates.end`.
    pub dates_start: String,
    pub dates_end: String,
    /// Flexible: `window.start`, `window.end`, `window.duration_days`.
    pub window_start: String,
    pub window_end: String,
    pub window_duration_days: String,
    /// `normal` or `urgent`.
    pub urgency: String,
    pub positions: String,
    pub host_provides: String,
}

fn problem(field: impl Into<String>, code: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(field, format!("request.{code}"), message)
}

/// Parses `text` with `parse`, recording its failure under a `request.` code.
fn parse<T>(
    p: &mut Problems,
    field: &str,
    text: &str,
    parse: impl FnOnce(&str) -> Result<T, passerelle_core::ParseError>,
) -> Option<T> {
    match parse(text) {
        Ok(value) => Some(value),
        Err(error) => {
            p.push(field_problem("request", field, &error));
            None
        }
    }
}

/// A whole number in `min..=max`, or a problem under `field`.
fn count(p: &mut Problems, field: &str, text: &str, min: i64, max: i64) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        p.push(FieldError::required(field));
        return None;
    }
    match text.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => u32::try_from(n).ok(),
        _ => {
            let message = format!("a whole number from {min} to {max}");
            p.push(FieldError { max: usize::try_from(max).ok(), ..problem(field, "number_range", message) });
            None
        }
    }
}

fn date(p: &mut Problems, field: &str, text: &str) -> Option<Date> {
    if text.trim().is_empty() {
        p.push(FieldError::required(field));
        return None;
    }
    parse(p, field, text, parse_date)
}

/// Two dates, the second not before the first, and not too far apart.
fn range(p: &mut Problems, prefix: &str, start: &str, end: &str) -> Option<passerelle_core::DateRange> {
    let start = date(p, &format!("{prefix}.start"), start);
    let end = date(p, &format!("{prefix}.end"), end);
    let (start, end) = (start?, end?);
    if end < start {
        p.push(problem(format!("{prefix}.end"), "end_before_start", "the end date must not be before the start date"));
        return None;
    }
    let range = passerelle_core::DateRange::new(start, end).ok()?;
    if range.days() > MAX_DAYS {
        let message = format!("at most {MAX_DAYS} days");
        p.push(FieldError {
            max: usize::try_from(MAX_DAYS).ok(),
            ..problem(format!("{prefix}.end"), "too_long_period", message)
        });
        return None;
    }
    Some(range)
}

impl RequestInput {
    /// Checks every field. `link` finds the skill of the taxonomy a row names (by identifier or
    /// in words) with its label; a row it does not link is kept as written.
    pub fn validate(&self, link: impl Fn(&str) -> Option<(SkillId, String)>) -> Result<RequestFields, Vec<FieldError>> {
        let mut p = Problems::new();
        let programme = if self.programme_id.trim().is_empty() {
            p.push(FieldError::required("programme_id"));
            None
        } else {
            let parsed = ProgrammeId::parse(&self.programme_id).ok();
            if parsed.is_none() {
                p.push(problem("programme_id", "programme_unknown", "choose a programme from the list"));
            }
            parsed
        };
        let title = p.text("title", &self.title, 200, true);
        let description = p.paragraphs("description", &self.description, 5000, true);
        let objectives = p.paragraphs("objectives", &self.objectives, 3000, true);
        let deliverables = p.paragraphs("deliverables", &self.deliverables, 3000, true);
        let sector = if self.sector.trim().is_empty() {
            p.push(FieldError::required("sector"));
            None
        } else {
            parse(&mut p, "sector", &self.sector, Sector::parse)
        };

        let skills = self.skills(&mut p, &link);
        let languages = self.languages(&mut p);
        let preferred_origins = self.origins(&mut p);

        let mode_kind = parse(&mut p, "mode", &self.mode, ModeKind::parse);
        let timing = self.timing(&mut p);
        let mode = match mode_kind {
            Some(ModeKind::OnSite) => Some(Mode::OnSite),
            Some(ModeKind::Remote) => Some(Mode::Remote),
            Some(ModeKind::Hybrid) => {
                let most = timing.map_or(MAX_DAYS, |t| i64::from(t.duration_days()));
                count(&mut p, "days_on_site", &self.days_on_site, 1, most)
                    .map(|days_on_site| Mode::Hybrid { days_on_site })
            }
            None => None,
        };
        let needs_place = !matches!(mode_kind, Some(ModeKind::Remote));
        let country = if self.country.trim().is_empty() {
            if needs_place {
                p.push(problem("country", "place_required", "an on-site or hybrid mission needs a country"));
            }
            None
        } else {
            parse(&mut p, "country", &self.country, Country::parse)
        };
        let city = p.text("city", &self.city, 100, false);
        if needs_place && city.is_empty() {
            p.push(problem("city", "place_required", "an on-site or hybrid mission needs a city"));
        }

        let urgency = parse(&mut p, "urgency", &self.urgency, Urgency::parse);
        let positions = count(&mut p, "positions", &self.positions, 1, MAX_POSITIONS);
        let host_provides = p.paragraphs("host_provides", &self.host_provides, 2000, false);

        match (programme, sector, mode, timing, urgency, positions) {
            (Some(programme), Some(sector), Some(mode), Some(timing), Some(urgency), Some(positions))
                if p.is_empty() =>
            {
                Ok(RequestFields {
                    programme,
                    title,
                    description,
                    objectives,
                    deliverables,
                    sector,
                    skills,
                    languages,
                    preferred_origins,
                    country,
                    city,
                    mode,
                    timing,
                    urgency,
                    positions,
                    host_provides,
                })
            }
            _ => Err(p.into_vec()),
        }
    }

    fn skills(&self, p: &mut Problems, link: &impl Fn(&str) -> Option<(SkillId, String)>) -> Vec<RequiredSkill> {
        let mut skills: Vec<RequiredSkill> = Vec::new();
        let mut bad_rows = false;
        let rows: Vec<_> = self.skills.iter().enumerate().filter(|(_, s)| !s.skill.trim().is_empty()).collect();
        if rows.len() > MAX_SKILLS {
            p.push(FieldError {
                max: Some(MAX_SKILLS),
                ..problem("skills", "too_many", format!("at most {MAX_SKILLS} skills"))
            });
        }
        for (i, row) in rows.into_iter().take(MAX_SKILLS) {
            let field = |name: &str| format!("skills[{i}].{name}");
            let typed = p.text(&field("skill"), &row.skill, MAX_SKILL_TEXT, true);
            let (skill, label) = match link(&typed) {
                Some((skill, label)) => (Some(skill), label),
                None => (None, typed),
            };
            let requirement = parse(p, &field("requirement"), &row.requirement, Requirement::parse);
            let level = parse(p, &field("level"), &row.level, Level::parse);
            match (requirement, level) {
                (Some(requirement), Some(level)) if !label.is_empty() => {
                    let wanted = RequiredSkill { skill, label, requirement, level };
                    if skills.iter().any(|s| s.key() == wanted.key()) {
                        p.push(problem(field("skill"), "skill_duplicate", "this skill is already in the list"));
                        bad_rows = true;
                    } else {
                        skills.push(wanted);
                    }
                }
                _ => bad_rows = true,
            }
        }
        // A row with a problem may be the must-have one: say so only when every row is right.
        if !bad_rows && !skills.iter().any(|s| s.requirement == Requirement::MustHave) {
            p.push(problem("skills", "must_have_required", "at least one skill must be a must-have"));
        }
        skills
    }

    fn languages(&self, p: &mut Problems) -> Vec<RequiredLanguage> {
        let mut languages: Vec<RequiredLanguage> = Vec::new();
        let rows: Vec<_> = self.languages.iter().enumerate().filter(|(_, l)| !l.language.trim().is_empty()).collect();
        if rows.len() > MAX_LANGUAGES {
            p.push(FieldError {
                max: Some(MAX_LANGUAGES),
                ..problem("languages", "too_many", format!("at most {MAX_LANGUAGES} languages"))
            });
        }
        for (i, row) in rows.into_iter().take(MAX_LANGUAGES) {
            let language = parse(p, &format!("languages[{i}].language"), &row.language, Language::parse);
            let level = if row.level.trim().is_empty() {
                p.push(FieldError::required(format!("languages[{i}].level")));
                None
            } else {
                parse(p, &format!("languages[{i}].level"), &row.level, Cefr::parse)
            };
            if let Some(language) = language {
                if languages.iter().any(|l| l.language == language) {
                    let field = format!("languages[{i}].language");
                    p.push(problem(field, "language_duplicate", "this language is already in the list"));
                } else if let Some(level) = level {
                    languages.push(RequiredLanguage { language, level });
                }
            }
        }
        languages
    }

    fn origins(&self, p: &mut Problems) -> Vec<Country> {
        let mut origins = Vec::new();
        let rows: Vec<_> = self.preferred_origins.iter().enumerate().filter(|(_, c)| !c.trim().is_empty()).collect();
        if rows.len() > MAX_ORIGINS {
            p.push(FieldError {
                max: Some(MAX_ORIGINS),
                ..problem("preferred_origins", "too_many", format!("at most {MAX_ORIGINS} countries"))
            });
        }
        for (i, text) in rows.into_iter().take(MAX_ORIGINS) {
            if let Some(country) = parse(p, &format!("preferred_origins[{i}]"), text, Country::parse)
                && !origins.contains(&country)
            {
                origins.push(country);
            }
        }
        origins
    }

    fn timing(&self, p: &mut Problems) -> Option<Timing> {
        match parse(p, "timing", &self.timing, TimingKind::parse)? {
            TimingKind::Fixed => range(p, "dates", &self.dates_start, &self.dates_end).map(Timing::Fixed),
            TimingKind::Flexible => {
                let window = range(p, "window", &self.window_start, &self.window_end);
                let duration = count(p, "window.duration_days", &self.window_duration_days, 1, MAX_DAYS);
                let (window, duration_days) = (window?, duration?);
                if i64::from(duration_days) > window.days() {
                    p.push(problem(
                        "window.duration_days",
                        "duration_exceeds_window",
                        format!("{duration_days} days do not fit in a window of {} days", window.days()),
                    ));
                    return None;
                }
                Some(Timing::Flexible { window, duration_days })
            }
        }
    }
}

impl RequestFields {
    /// The fields as the form and the API show them, for editing.
    pub fn to_input(&self) -> RequestInput {
        let (dates_start, dates_end, window_start, window_end, window_duration_days) = match self.timing {
            Timing::Fixed(range) => {
                (range.start().to_string(), range.end().to_string(), String::new(), String::new(), String::new())
            }
            Timing::Flexible { window, duration_days } => (
                String::new(),
                String::new(),
                window.start().to_string(),
                window.end().to_string(),
                duration_days.to_string(),
            ),
        };
        RequestInput {
            programme_id: self.programme.to_string(),
            title: self.title.clone(),
            description: self.description.clone(),
            objectives: self.objectives.clone(),
            deliverables: self.deliverables.clone(),
            sector: self.sector.to_string(),
            skills: self
                .skills
                .iter()
                .map(|s| SkillInput {
                    skill: s.skill.as_ref().map_or_else(|| s.label.clone(), ToString::to_string),
                    requirement: s.requirement.to_string(),
                    level: s.level.value().to_string(),
                })
                .collect(),
            languages: self
                .languages
                .iter()
                .map(|l| LanguageInput { language: l.language.to_string(), level: l.level.to_string() })
                .collect(),
            preferred_origins: self.preferred_origins.iter().map(ToString::to_string).collect(),
            country: self.country.map(|c| c.to_string()).unwrap_or_default(),
            city: self.city.clone(),
            mode: self.mode.kind().to_string(),
            days_on_site: self.mode.days_on_site().map(|d| d.to_string()).unwrap_or_default(),
            timing: self.timing.kind().to_string(),
            dates_start,
            dates_end,
            window_start,
            window_end,
            window_duration_days,
            urgency: self.urgency.to_string(),
            positions: self.positions.to_string(),
            host_provides: self.host_provides.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn good() -> RequestInput {
        RequestInput {
            programme_id: ProgrammeId::new().to_string(),
            title: "Training of trainers in solar PV installation".into(),
            description: "Train 12 teachers of the electrical department.".into(),
            objectives: "Teachers can design and install small PV systems.".into(),
            deliverables: "Curriculum module, 12 trained teachers, a lab set-up.".into(),
            sector: "tvet".into(),
            skills: vec![
                SkillInput { skill: "solar-pv".into(), requirement: "must_have".into(), level: "4".into() },
                SkillInput::default(),
                SkillInput { skill: "pedagogy".into(), requirement: "nice_to_have".into(), level: "2".into() },
            ],
            languages: vec![
                LanguageInput { language: "fr".into(), level: "C1".into() },
                LanguageInput { language: "rw".into(), level: "B1".into() },
            ],
            preferred_origins: vec!["RW".into(), String::new(), "rw".into()],
            country: "RW".into(),
            city: "Kigali".into(),
            mode: "hybrid".into(),
            days_on_site: "10".into(),
            timing: "flexible".into(),
            window_start: "2027-03-01".into(),
            window_end: "2027-04-30".into(),
            window_duration_days: "15".into(),
            urgency: "normal".into(),
            positions: "2".into(),
            host_provides: "Accommodation on campus, airport pick-up.".into(),
            ..Default::default()
        }
    }

    fn known(typed: &str) -> Option<(SkillId, String)> {
        let id = SkillId::parse(typed)
            .ok()
            .filter(|id| ["solar-pv", "pedagogy", "nurse-anaesthesia"].contains(&id.as_str()))?;
        Some((id.clone(), id.as_str().replace('-', " ")))
    }

    fn fields_of(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn good_terms_of_reference_pass_and_round_trip() {
        let fields = good().validate(known).unwrap();
        assert_eq!(fields.skills.len(), 2, "the empty row is ignored");
        assert_eq!(fields.preferred_origins.len(), 1, "duplicates are dropped");
        assert_eq!(fields.mode, Mode::Hybrid { days_on_site: 10 });
        assert_eq!(fields.timing.duration_days(), 15);
        // What the edit form shows validates to the same fields.
        assert_eq!(fields.to_input().validate(known).unwrap(), fields);
    }

    #[test]
    fn control_characters_are_refused_at_their_field() {
        let bad = RequestInput {
            title: "Solar\u{1b}]8;;http://evil\u{7}".into(),
            description: "Fine\r\nfine\tfine".into(),
            objectives: "\u{202e}".into(),
            city: "Kigali\n".into(),
            host_provides: "Lodging\u{0}".into(),
            ..good()
        };
        let errors = bad.validate(known).unwrap_err();
        let found: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            found,
            [("title", "text.control"), ("objectives", "text.control"), ("host_provides", "text.control")],
            "a line break at the end of a one-line field is trimmed away"
        );
        let inside = RequestInput { city: "Ki\ngali".into(), ..good() };
        assert_eq!(inside.validate(known).unwrap_err()[0].field, "city");
    }

    #[test]
    fn every_problem_is_named_at_its_field() {
        let bad = RequestInput {
            programme_id: "nope".into(),
            title: " ".into(),
            sector: "mining".into(),
            skills: vec![
                SkillInput { skill: "Basket weaving".into(), requirement: "must_have".into(), level: "3".into() },
                SkillInput { skill: "pedagogy".into(), requirement: "maybe".into(), level: "9".into() },
            ],
            languages: vec![LanguageInput { language: "xx".into(), level: "D1".into() }],
            preferred_origins: vec!["ZZ".into()],
            country: String::new(),
            mode: "hybrid".into(),
            days_on_site: "40".into(),
            timing: "flexible".into(),
            window_start: "2027-03-01".into(),
            window_end: "2027-03-10".into(),
            window_duration_days: "15".into(),
            urgency: "soon".into(),
            positions: "0".into(),
            ..Default::default()
        };
        let errors = bad.validate(known).unwrap_err();
        assert_eq!(
            fields_of(&errors),
            [
                "programme_id",
                "title",
                "description",
                "objectives",
                "deliverables",
                "sector",
                "skills[1].requirement",
                "skills[1].level",
                "languages[0].language",
                "languages[0].level",
                "preferred_origins[0]",
                "window.duration_days",
                "country",
                "city",
                "urgency",
                "positions",
            ],
            "{errors:#?}"
        );
        let code = |field: &str| errors.iter().find(|e| e.field == field).unwrap().code.clone();
        assert_eq!(code("window.duration_days"), "request.duration_exceeds_window");
        assert_eq!(code("languages[0].level"), "request.cefr_unknown");
        assert_eq!(code("positions"), "request.number_range");
    }

    #[test]
    fn dates_in_order_and_a_must_have_skill() {
        let fixed = RequestInput {
            timing: "fixed".into(),
            dates_start: "2027-05-10".into(),
            dates_end: "2027-05-01".into(),
            mode: "on_site".into(),
            skills: vec![SkillInput {
                skill: "pedagogy".into(),
                requirement: "nice_to_have".into(),
                level: "2".into(),
            }],
            ..good()
        };
        let errors = fixed.validate(known).unwrap_err();
        assert_eq!(fields_of(&errors), ["skills", "dates.end"]);
        assert_eq!(errors[0].code, "request.must_have_required");
        assert_eq!(errors[1].code, "request.end_before_start");

        let remote = RequestInput {
            mode: "remote".into(),
            country: String::new(),
            city: String::new(),
            days_on_site: "ignored".into(),
            ..good()
        };
        let fields = remote.validate(known).unwrap();
        assert_eq!((fields.mode, fields.country), (Mode::Remote, None));

        let duplicate = RequestInput {
            skills: vec![
                SkillInput { skill: "solar-pv".into(), requirement: "must_have".into(), level: "3".into() },
                SkillInput { skill: "solar-pv".into(), requirement: "nice_to_have".into(), level: "1".into() },
            ],
            languages: vec![
                LanguageInput { language: "fr".into(), level: "B2".into() },
                LanguageInput { language: "fr-BE".into(), level: "C1".into() },
            ],
            ..good()
        };
        let errors = duplicate.validate(known).unwrap_err();
        assert_eq!(fields_of(&errors), ["skills[1].skill", "languages[1].language"]);
    }

    #[test]
    fn a_skill_the_taxonomy_does_not_know_is_kept_as_written_never_refused() {
        let input = RequestInput {
            skills: vec![
                SkillInput {
                    skill: "Soudage TIG/MIG sur inox".into(),
                    requirement: "must_have".into(),
                    level: "3".into(),
                },
                SkillInput { skill: "pedagogy".into(), requirement: "nice_to_have".into(), level: "2".into() },
                SkillInput {
                    skill: "soudage tig/mig SUR INOX".into(),
                    requirement: "nice_to_have".into(),
                    level: "2".into(),
                },
            ],
            ..good()
        };
        let errors = input.validate(known).unwrap_err();
        assert_eq!(fields_of(&errors), ["skills[2].skill"], "the same words twice are one requirement");
        let fields = RequestInput { skills: input.skills[..2].to_vec(), ..input.clone() }.validate(known).unwrap();
        assert_eq!(fields.skills[0].skill, None);
        assert_eq!(fields.skills[0].label, "Soudage TIG/MIG sur inox");
        assert_eq!(fields.skills[1].skill.as_ref().map(SkillId::as_str), Some("pedagogy"));
        // What the edit form shows validates to the same fields.
        assert_eq!(fields.to_input().validate(known).unwrap(), fields);
        let control = RequestInput {
            skills: vec![SkillInput {
                skill: "weld\u{1b}ing".into(),
                requirement: "must_have".into(),
                level: "3".into(),
            }],
            ..good()
        };
        assert_eq!(fields_of(&control.validate(known).unwrap_err()), ["skills[0].skill"]);
    }
}
