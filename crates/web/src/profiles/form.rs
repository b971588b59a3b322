//! The profile editor's forms: one form per section, whose fields are named like the API's
//! JSON (`skills[2].level`), so that a field error from validation lands next to its field.
//! What the person typed is kept as typed ([`Values`]) and shown again on any error.

use passerelle_core::FieldError;
use passerelle_profiles::ExpertInput;
use passerelle_profiles::input::*;
use std::collections::BTreeMap;

/// The sections of a profile, each edited on a page of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Identity,
    Diaspora,
    Experience,
    Skills,
    Languages,
    Credentials,
    Availability,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Identity,
        Section::Diaspora,
        Section::Experience,
        Section::Skills,
        Section::Languages,
        Section::Credentials,
        Section::Availability,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Section::Identity => "identity",
            Section::Diaspora => "diaspora",
            Section::Experience => "experience",
            Section::Skills => "skills",
            Section::Languages => "languages",
            Section::Credentials => "credentials",
            Section::Availability => "availability",
        }
    }

    pub fn parse(text: &str) -> Option<Section> {
        Self::ALL.into_iter().find(|s| s.code() == text)
    }

    /// Empty rows offered for new entries in the section's lists.
    pub fn spare_rows(self) -> usize {
        match self {
            Section::Skills => 5,
            Section::Languages | Section::Availability | Section::Experience | Section::Diaspora => 2,
            Section::Credentials | Section::Identity => 1,
        }
    }
}

/// A form's values, as typed (or as stored, for a first display).
#[derive(Debug, Clone, Default)]
pub struct Values {
    pairs: Vec<(String, String)>,
}

impl Values {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Values {
        Values { pairs }
    }

    pub fn get(&self, name: &str) -> &str {
        self.pairs.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(n, v)| n == name && !v.trim().is_empty()).map(|(_, v)| v.as_str()).collect()
    }

    pub fn has(&self, name: &str, value: &str) -> bool {
        self.pairs.iter().any(|(n, v)| n == name && v == value)
    }

    pub fn checked(&self, name: &str) -> bool {
        matches!(self.get(name), "on" | "true" | "1")
    }

    /// The value of `field` in row `index` of the list `list`.
    pub fn row(&self, list: &str, index: impl std::borrow::Borrow<usize>, field: &str) -> &str {
        self.get(&format!("{list}[{}].{field}", index.borrow()))
    }

    /// The rows of a list: each row's fields, in index order, blank rows left out.
    fn rows(&self, list: &str) -> Vec<BTreeMap<String, String>> {
        let prefix = format!("{list}[");
        let mut rows: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
        for (name, value) in &self.pairs {
            let Some(rest) = name.strip_prefix(&prefix) else { continue };
            let Some((index, field)) = rest.split_once("].") else { continue };
            let Ok(index) = index.parse::<usize>() else { continue };
            rows.entry(index).or_default().insert(field.to_owned(), value.clone());
        }
        rows.into_values().filter(|row| row.iter().any(|(k, v)| k != "id" && !v.trim().is_empty())).collect()
    }

    /// The same values with every list's blank rows removed and the rest numbered from 0, as
    /// validation numbers them, so that an error lands on the row it is about.
    pub fn compact(&self) -> Values {
        let mut scalars = Vec::new();
        let mut lists: BTreeMap<String, BTreeMap<usize, Vec<(String, String)>>> = BTreeMap::new();
        for (name, value) in &self.pairs {
            let parsed = name.split_once('[').and_then(|(list, rest)| {
                let (index, field) = rest.split_once("].")?;
                Some((list.to_owned(), index.parse::<usize>().ok()?, field.to_owned()))
            });
            match parsed {
                Some((list, index, field)) => {
                    lists.entry(list).or_default().entry(index).or_default().push((field, value.clone()))
                }
                None => scalars.push((name.clone(), value.clone())),
            }
        }
        for (list, rows) in lists {
            let kept = rows.into_values().filter(|row| row.iter().any(|(k, v)| k != "id" && !v.trim().is_empty()));
            for (i, row) in kept.enumerate() {
                scalars.extend(row.into_iter().map(|(field, value)| (format!("{list}[{i}].{field}"), value)));
            }
        }
        Values { pairs: scalars }
    }

    /// How many rows to draw for a list: those with values, plus `spare` empty ones.
    pub fn row_count(&self, list: &str, spare: impl std::borrow::Borrow<usize>) -> usize {
        let spare = *spare.borrow();
        let prefix = format!("{list}[");
        let used = self
            .pairs
            .iter()
            .filter_map(|(n, _)| n.strip_prefix(&prefix)?.split(']').next()?.parse::<usize>().ok())
            .max()
            .map_or(0, |i| i + 1);
        used + spare
    }
}

/// Writes a profile's input as form values (the editor's first display).
pub fn values_of(input: &ExpertInput) -> Values {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut put = |name: String, value: String| pairs.push((name, value));
    put("name".into(), input.name.clone());
    for (name, value) in [
        ("email", &input.email),
        ("phone", &input.phone),
        ("city", &input.city),
        ("residence_country", &input.residence_country),
        ("travel_limits", &input.travel_limits),
        ("headline", &input.headline),
        ("summary", &input.summary),
    ] {
        put(name.into(), value.clone().unwrap_or_default());
    }
    for (name, list) in [
        ("origin_countries", &input.origin_countries),
        ("nationalities", &input.nationalities),
        ("no_travel_countries", &input.no_travel_countries),
        ("sectors", &input.sectors),
    ] {
        for value in list {
            put(name.into(), value.clone());
        }
    }
    for (name, value) in [
        ("years_experience", input.years_experience),
        ("max_mission_days", input.max_mission_days),
        ("notice_days", input.notice_days),
    ] {
        put(name.into(), value.map(|n| n.to_string()).unwrap_or_default());
    }
    if input.remote_now {
        put("remote_now".into(), "on".into());
    }
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    for (i, m) in input.memberships.iter().enumerate() {
        put(format!("memberships[{i}].organisation"), m.organisation.clone());
        put(format!("memberships[{i}].role"), m.role.clone());
    }
    for (i, e) in input.education.iter().enumerate() {
        put(format!("education[{i}].degree"), e.degree.clone());
        put(format!("education[{i}].field"), e.field.clone());
        put(format!("education[{i}].institution"), e.institution.clone());
        put(format!("education[{i}].country"), opt(&e.country));
        put(format!("education[{i}].year"), num(e.year));
    }
    for (i, w) in input.work_history.iter().enumerate() {
        put(format!("work_history[{i}].role"), w.role.clone());
        put(format!("work_history[{i}].employer"), w.employer.clone());
        put(format!("work_history[{i}].country"), opt(&w.country));
        put(format!("work_history[{i}].start_year"), num(w.start_year));
        put(format!("work_history[{i}].end_year"), num(w.end_year));
    }
    for (i, s) in input.skills.iter().enumerate() {
        put(format!("skills[{i}].label"), s.label.clone());
        put(format!("skills[{i}].level"), num(s.level));
        put(format!("skills[{i}].years"), num(s.years));
    }
    for (i, l) in input.languages.iter().enumerate() {
        put(format!("languages[{i}].code"), l.code.clone());
        put(format!("languages[{i}].spoken"), l.spoken.clone());
        put(format!("languages[{i}].written"), l.written.clone());
    }
    for (i, c) in input.credentials.iter().enumerate() {
        put(format!("credentials[{i}].id"), opt(&c.id));
        put(format!("credentials[{i}].kind"), c.kind.clone());
        put(format!("credentials[{i}].title"), c.title.clone());
        put(format!("credentials[{i}].issuer"), c.issuer.clone());
        put(format!("credentials[{i}].country"), opt(&c.country));
        put(format!("credentials[{i}].number"), c.number.clone());
        put(format!("credentials[{i}].valid_until"), opt(&c.valid_until));
    }
    for (i, w) in input.availability.iter().enumerate() {
        put(format!("availability[{i}].start"), w.start.clone());
        put(format!("availability[{i}].end"), w.end.clone());
        put(format!("availability[{i}].mode"), w.mode.clone());
    }
    Values { pairs }
}

/// Reads a whole number typed in a form; text that is not one is a problem of that field.
fn number(errors: &mut Vec<FieldError>, field: &str, text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(FieldError::new(field, "number.invalid", "write a whole number"));
            // An impossible value, so that validation does not accept the profile either.
            Some(i64::MIN)
        }
    }
}

fn text(value: &str) -> Option<String> {
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Replaces the section's part of `input` with what the form says; returns the problems found
/// while reading (numbers that are not numbers).
pub fn apply(section: Section, values: &Values, input: &mut ExpertInput) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let get = |name: &str| values.get(name).to_owned();
    match section {
        Section::Identity => {
            input.name = get("name");
            input.email = text(&get("email"));
            input.phone = text(&get("phone"));
            input.city = text(&get("city"));
            input.residence_country = text(&get("residence_country"));
        }
        Section::Diaspora => {
            let list = |name: &str| values.all(name).into_iter().map(str::to_owned).collect();
            input.origin_countries = list("origin_countries");
            input.nationalities = list("nationalities");
            input.no_travel_countries = list("no_travel_countries");
            input.travel_limits = text(&get("travel_limits"));
            input.memberships = values
                .rows("memberships")
                .into_iter()
                .map(|r| MembershipInput { organisation: field(&r, "organisation"), role: field(&r, "role") })
                .collect();
        }
        Section::Experience => {
            input.headline = text(&get("headline"));
            input.summary = text(&get("summary"));
            input.years_experience = number(&mut errors, "years_experience", &get("years_experience"));
            input.sectors = values.all("sectors").into_iter().map(str::to_owned).collect();
            input.education = indexed(values, "education")
                .into_iter()
                .map(|(i, r)| EducationInput {
                    degree: field(&r, "degree"),
                    field: field(&r, "field"),
                    institution: field(&r, "institution"),
                    country: text(&field(&r, "country")),
                    year: number(&mut errors, &format!("education[{i}].year"), &field(&r, "year")),
                })
                .collect();
            input.work_history = indexed(values, "work_history")
                .into_iter()
                .map(|(i, r)| WorkInput {
                    role: field(&r, "role"),
                    employer: field(&r, "employer"),
                    country: text(&field(&r, "country")),
                    start_year: number(&mut errors, &format!("work_history[{i}].start_year"), &field(&r, "start_year")),
                    end_year: number(&mut errors, &format!("work_history[{i}].end_year"), &field(&r, "end_year")),
                })
                .collect();
        }
        Section::Skills => {
            input.skills = indexed(values, "skills")
                .into_iter()
                .map(|(i, r)| SkillInput {
                    label: field(&r, "label"),
                    esco_uri: None,
                    level: number(&mut errors, &format!("skills[{i}].level"), &field(&r, "level")),
                    years: number(&mut errors, &format!("skills[{i}].years"), &field(&r, "years")),
                })
                .collect();
        }
        Section::Languages => {
            input.languages = values
                .rows("languages")
                .into_iter()
                .map(|r| LanguageInput {
                    code: field(&r, "code"),
                    spoken: field(&r, "spoken"),
                    written: field(&r, "written"),
                })
                .collect();
        }
        Section::Credentials => {
            input.credentials = values
                .rows("credentials")
                .into_iter()
                .map(|r| CredentialInput {
                    id: text(&field(&r, "id")),
                    kind: field(&r, "kind"),
                    title: field(&r, "title"),
                    issuer: field(&r, "issuer"),
                    country: text(&field(&r, "country")),
                    number: field(&r, "number"),
                    valid_until: text(&field(&r, "valid_until")),
                })
                .collect();
        }
        Section::Availability => {
            input.availability = values
                .rows("availability")
                .into_iter()
                .map(|r| WindowInput { start: field(&r, "start"), end: field(&r, "end"), mode: field(&r, "mode") })
                .collect();
            input.max_mission_days = number(&mut errors, "max_mission_days", &get("max_mission_days"));
            input.notice_days = number(&mut errors, "notice_days", &get("notice_days"));
            input.remote_now = values.checked("remote_now");
        }
    }
    errors
}

fn field(row: &BTreeMap<String, String>, name: &str) -> String {
    row.get(name).map(|v| v.trim().to_owned()).unwrap_or_default()
}

/// Rows with their position among the kept rows (validation names rows by that position).
fn indexed(values: &Values, list: &str) -> Vec<(usize, BTreeMap<String, String>)> {
    values.rows(list).into_iter().enumerate().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> Values {
        Values::from_pairs(pairs.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect())
    }

    #[test]
    fn rows_skip_blanks_and_numbers_are_checked() {
        let form = values(&[
            ("skills[0].label", "welding"),
            ("skills[0].level", "3"),
            ("skills[1].label", ""),
            ("skills[1].level", ""),
            ("skills[2].label", "plumbing"),
            ("skills[2].level", "three"),
        ]);
        let mut input = ExpertInput::default();
        assert_eq!(form.row_count("skills", 5), 8);
        let form = form.compact();
        let errors = apply(Section::Skills, &form, &mut input);
        assert_eq!(input.skills.len(), 2);
        assert_eq!(input.skills[0].level, Some(3));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "skills[1].level", "named by the kept row's position");
        assert_eq!(form.row("skills", 1, "level"), "three", "and the compacted form shows it there");
        assert_eq!(form.row_count("skills", 5), 7);
    }

    #[test]
    fn stored_values_round_trip_through_the_form() {
        let mut input = ExpertInput {
            name: "Aline".into(),
            origin_countries: vec!["RW".into(), "BI".into()],
            ..Default::default()
        };
        input.languages.push(LanguageInput { code: "fr".into(), spoken: "C2".into(), written: "C1".into() });
        let form = values_of(&input);
        let mut back = ExpertInput::default();
        for section in Section::ALL {
            assert!(apply(section, &form, &mut back).is_empty());
        }
        assert_eq!(back.name, "Aline");
        assert_eq!(back.origin_countries, ["RW", "BI"]);
        assert_eq!(back.languages, input.languages);
    }
}
