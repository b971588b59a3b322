//! Import of diaspora-mapping survey results (`passerelle import mapping-survey FILE.csv --map
//! MAP.toml`). The map says which column holds what; only rows whose consent column says yes
//! are imported, each as a profile with that consent recorded. Country columns accept codes or
//! names in English or French; other values can be translated in the map.
//!
//! ```toml
//! separator = ";"                     # between the values of a multi-valued cell
//! external_id = "Respondent ID"       # re-importing the same survey updates profiles
//! name = "Full name"
//! email = "Email"
//! residence_country = "Country of residence"
//! origin_countries = "Country of origin"
//! sectors = "Sector"
//! skills = "Skills"                   # each value becomes a skill at skill_level
//! skills_text = "Describe your work"  # optional: the skills this free text names do too
//! skill_level = 3
//! languages = "Languages"             # values like "fr:C2" or "rw:native"
//! years_experience = "Years of experience"
//! headline = "Current position"
//!
//! [consent]
//! column = "I agree to be contacted"
//! yes = ["yes", "oui", "y", "1", "true"]
//! version = "2026-11-01"
//!
//! [availability]                      # optional: "available in the next 12 months?"
//! column = "Available in the next year"
//! yes = ["yes", "oui"]
//! months = 12                         # a yes is a window from the import day, 1 to 24 months
//! mode = "either"                     # on_site, remote or either
//!
//! [values.sectors]                    # optional: survey wording -> our codes
//! "Santé" = "health"
//! ```

use crate::input::{ConsentInput, ExpertInput, LanguageInput, SkillInput, WindowInput};
use passerelle_core::{Country, Locale, Timestamp};
use passerelle_taxonomy::{Stance, Taxonomy, normalize};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::Read;
use time::Date;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyMap {
    #[serde(default = "default_separator")]
    pub separator: String,
    pub external_id: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub residence_country: Option<String>,
    pub origin_countries: Option<String>,
    pub nationalities: Option<String>,
    pub sectors: Option<String>,
    pub skills: Option<String>,
    /// A column of free text ("describe your expertise") whose skills are linked as the
    /// request form's find-the-skills step links them: each skill it names, unless it says the
    /// skill is not theirs, becomes a skill at `skill_level`. The text is kept as the summary
    /// when the map gives none.
    pub skills_text: Option<String>,
    #[serde(default = "default_level")]
    pub skill_level: i64,
    pub languages: Option<String>,
    pub years_experience: Option<String>,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub consent: ConsentColumn,
    /// A yes/no question on availability: without it, respondents are in the roster but not
    /// matched to requests until they state when they are available.
    pub availability: Option<AvailabilityColumn>,
    #[serde(default)]
    pub values: HashMap<String, HashMap<String, String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentColumn {
    pub column: String,
    pub yes: Vec<String>,
    pub version: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityColumn {
    pub column: String,
    pub yes: Vec<String>,
    /// How long a yes holds from the day of the import.
    #[serde(default = "default_months")]
    pub months: u32,
    /// The way of working a yes stands for: on_site, remote or either.
    #[serde(default = "default_mode")]
    pub mode: String,
}

/// The longest a survey's yes is taken to hold: answers older than that are stale anyway.
const MAX_AVAILABILITY_MONTHS: u32 = 24;

fn default_months() -> u32 {
    12
}

fn default_mode() -> String {
    "either".into()
}

fn default_separator() -> String {
    ";".into()
}

fn default_level() -> i64 {
    3
}

impl SurveyMap {
    pub fn parse(text: &str) -> anyhow::Result<SurveyMap> {
        let map: SurveyMap = toml::from_str(text)?;
        if let Some(a) = &map.availability {
            if !(1..=MAX_AVAILABILITY_MONTHS).contains(&a.months) {
                anyhow::bail!("availability.months: from 1 to {MAX_AVAILABILITY_MONTHS}, not {}", a.months);
            }
            if !["on_site", "remote", "either"].contains(&a.mode.as_str()) {
                anyhow::bail!("availability.mode: on_site, remote or either, not {:?}", a.mode);
            }
        }
        Ok(map)
    }

    /// Every column the map names, to check them against the file's header.
    pub fn columns(&self) -> Vec<&str> {
        [
            Some(&self.name),
            self.external_id.as_ref(),
            self.email.as_ref(),
            self.phone.as_ref(),
            self.city.as_ref(),
            self.residence_country.as_ref(),
            self.origin_countries.as_ref(),
            self.nationalities.as_ref(),
            self.sectors.as_ref(),
            self.skills.as_ref(),
            self.skills_text.as_ref(),
            self.languages.as_ref(),
            self.years_experience.as_ref(),
            self.headline.as_ref(),
            self.summary.as_ref(),
            Some(&self.consent.column),
            self.availability.as_ref().map(|a| &a.column),
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect()
    }
}

/// The consenting rows of a survey's CSV, as inputs to check, with their line numbers (the
/// header is line 1). Fails at once when the file lacks a column the map names, and at the row
/// where the file cannot be read further (bytes that are not UTF-8); reads as it goes.
/// `taxonomy` reads the map's `skills_text` column (none: the column is not read).
pub fn rows<'a>(
    reader: impl Read + 'a,
    map: &'a SurveyMap,
    taxonomy: Option<&'a Taxonomy>,
) -> anyhow::Result<impl Iterator<Item = anyhow::Result<(usize, ExpertInput)>> + 'a> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(reader);
    let headers: Vec<String> = csv.headers()?.iter().map(str::to_owned).collect();
    let missing: Vec<&str> = map.columns().into_iter().filter(|c| !headers.iter().any(|h| h == c)).collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "the file has no column named {}",
            missing.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ")
        );
    }
    let today = Timestamp::now().date();
    Ok(csv.into_records().filter_map(move |record| match record {
        Ok(record) => {
            let line = record.position().map_or(0, |p| p.line() as usize);
            let row = headers.iter().cloned().zip(record.iter().map(str::to_owned)).collect();
            row_to_input(map, &row, taxonomy, today).map(|input| Ok((line, input)))
        }
        Err(error) => Some(Err(anyhow::Error::from(error))),
    }))
}

/// One row of the survey: `None` when its consent column does not say yes. `taxonomy` reads
/// the skills of the map's `skills_text` column; `today` is when an availability yes starts.
pub fn row_to_input(
    map: &SurveyMap,
    row: &HashMap<String, String>,
    taxonomy: Option<&Taxonomy>,
    today: Date,
) -> Option<ExpertInput> {
    let cell = |column: &Option<String>| {
        column.as_ref().and_then(|c| row.get(c)).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    };
    let consent = row.get(&map.consent.column).map(|v| normalize(v)).unwrap_or_default();
    if !map.consent.yes.iter().any(|y| normalize(y) == consent) {
        return None;
    }
    let translate = |field: &str, value: &str| -> String {
        map.values.get(field).and_then(|t| t.get(value)).cloned().unwrap_or_else(|| value.to_owned())
    };
    let list = |field: &str, column: &Option<String>| -> Vec<String> {
        cell(column)
            .map(|v| {
                v.split(map.separator.as_str())
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| translate(field, s))
                    .collect()
            })
            .unwrap_or_default()
    };
    let country = |value: String| country_code(&value).unwrap_or(value);
    let text = cell(&map.skills_text);
    let mut skills: Vec<SkillInput> = list("skills", &map.skills)
        .into_iter()
        .map(|label| SkillInput { label, esco_uri: None, level: Some(map.skill_level), years: None })
        .collect();
    if let (Some(text), Some(taxonomy)) = (&text, taxonomy) {
        for (label, esco_uri) in skills_in_text(taxonomy, text) {
            if !skills.iter().any(|s| normalize(&s.label) == normalize(&label)) {
                skills.push(SkillInput { label, esco_uri, level: Some(map.skill_level), years: None });
            }
        }
    }
    Some(ExpertInput {
        external_id: cell(&map.external_id).map(|id| format!("survey:{id}")),
        name: cell(&Some(map.name.clone())).unwrap_or_default(),
        email: cell(&map.email),
        phone: cell(&map.phone),
        city: cell(&map.city),
        residence_country: cell(&map.residence_country).map(|v| country(translate("residence_country", &v))),
        origin_countries: list("origin_countries", &map.origin_countries).into_iter().map(country).collect(),
        nationalities: list("nationalities", &map.nationalities).into_iter().map(country).collect(),
        sectors: list("sectors", &map.sectors),
        skills,
        languages: list("languages", &map.languages)
            .into_iter()
            .map(|entry| {
                let (code, level) = entry.split_once(':').unwrap_or((&entry, "B2"));
                LanguageInput {
                    code: code.trim().to_owned(),
                    spoken: level.trim().to_owned(),
                    written: level.trim().to_owned(),
                }
            })
            .collect(),
        years_experience: cell(&map.years_experience).map(|v| v.parse::<i64>().unwrap_or(-1)),
        headline: cell(&map.headline),
        summary: cell(&map.summary).or(text),
        availability: map.availability.as_ref().and_then(|a| available(a, row, today)).into_iter().collect(),
        consent: Some(ConsentInput { matching: true, version: map.consent.version.clone(), given_at: None }),
        ..ExpertInput::default()
    })
}

/// The window a yes to the availability question stands for.
fn available(question: &AvailabilityColumn, row: &HashMap<String, String>, today: Date) -> Option<WindowInput> {
    let answer = normalize(row.get(&question.column)?);
    question.yes.iter().any(|y| normalize(y) == answer).then(|| WindowInput {
        start: today.to_string(),
        end: (today.saturating_add(time::Duration::days(i64::from(question.months) * 365 / 12))).to_string(),
        mode: question.mode.clone(),
    })
}

/// The skills a respondent's text names for themselves (not those it says they lack), each as
/// the label that named it and the skill's ESCO URI, so that the import links each to the
/// same skill; a label that would link to another skill and has no URI is left out.
fn skills_in_text(taxonomy: &Taxonomy, text: &str) -> Vec<(String, Option<String>)> {
    passerelle_taxonomy::extract(&taxonomy.linker, text)
        .into_iter()
        .filter(|found| found.stance != Stance::Negated)
        .filter_map(|found| {
            let uri = taxonomy.skill(&found.skill).and_then(|s| s.esco_uri.clone());
            let sure = uri.is_some() || taxonomy.linker.best(&found.label).is_some_and(|l| l.skill == found.skill);
            sure.then_some((found.label, uri))
        })
        .collect()
}

/// A country's code from its code or its English or French name.
fn country_code(value: &str) -> Option<String> {
    if let Ok(country) = Country::parse(value) {
        return Some(country.code().to_owned());
    }
    let wanted = normalize(value);
    Country::all()
        .find(|c| normalize(c.name(Locale::En)) == wanted || normalize(c.name(Locale::Fr)) == wanted)
        .map(|c| c.code().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = r#"
external_id = "ID"
name = "Name"
residence_country = "Residence"
origin_countries = "Origin"
skills = "Skills"
languages = "Languages"
[consent]
column = "Consent"
yes = ["yes", "oui"]
version = "2026-11-01"
"#;

    fn today() -> Date {
        time::macros::date!(2026 - 12 - 06)
    }

    fn row(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn only_consenting_rows_become_inputs_with_names_read_as_countries() {
        let map = SurveyMap::parse(MAP).unwrap();
        let yes = row(&[
            ("ID", "17"),
            ("Name", "Jean Bizimana"),
            ("Residence", "Belgique"),
            ("Origin", "Rwanda; Burundi"),
            ("Skills", "soudure; plomberie"),
            ("Languages", "rw:native; fr:C1"),
            ("Consent", "Oui"),
        ]);
        let input = row_to_input(&map, &yes, None, today()).unwrap();
        assert_eq!(input.external_id.as_deref(), Some("survey:17"));
        assert_eq!(input.residence_country.as_deref(), Some("BE"));
        assert_eq!(input.origin_countries, ["RW", "BI"]);
        assert_eq!(input.skills.len(), 2);
        assert_eq!(input.languages[0].spoken, "native");
        assert!(input.consent.unwrap().matching);
        assert!(row_to_input(&map, &row(&[("Name", "X"), ("Consent", "no")]), None, today()).is_none());
        assert!(row_to_input(&map, &row(&[("Name", "X")]), None, today()).is_none());
    }

    #[tokio::test]
    async fn a_free_text_column_adds_the_skills_it_names_when_the_map_says_so() {
        let (_dir, db) = passerelle_db::testing::fresh().await;
        passerelle_taxonomy::sync_shipped(&db).await.unwrap();
        let taxonomy = Taxonomy::load(&db).await.unwrap();
        let map = SurveyMap::parse(&format!("skills_text = \"About\"\n{MAP}")).unwrap();
        let answer = row(&[
            ("Name", "Aline Uwase"),
            ("Skills", "soudure"),
            ("About", "Sage-femme, je forme aussi à l'échographie obstétricale. Pas de chirurgie."),
            ("Consent", "oui"),
        ]);
        let input = row_to_input(&map, &answer, Some(&taxonomy), today()).unwrap();
        let linked: Vec<_> = input
            .skills
            .iter()
            .map(|s| match &s.esco_uri {
                Some(uri) => taxonomy.skills().find(|k| k.esco_uri.as_ref() == Some(uri)).unwrap().id.to_string(),
                None => taxonomy.linker.best(&s.label).unwrap().skill.to_string(),
            })
            .collect();
        assert_eq!(linked[0], "welding-fabrication", "the listed skill first: {linked:?}");
        assert!(linked.contains(&"midwifery".to_owned()), "{linked:?}");
        assert!(linked.contains(&"obstetric-ultrasound".to_owned()), "{linked:?}");
        assert!(!linked.iter().any(|s| s.contains("surgery")), "a skill said not to be held: {linked:?}");
        assert!(input.skills.iter().all(|s| s.level == Some(3)));
        assert_eq!(input.summary.as_deref(), answer.get("About").map(String::as_str), "the words are kept");
        // Without the map's say-so, or without a taxonomy, the column is not read.
        assert_eq!(row_to_input(&map, &answer, None, today()).unwrap().skills.len(), 1);
        let plain = SurveyMap::parse(MAP).unwrap();
        assert_eq!(row_to_input(&plain, &answer, Some(&taxonomy), today()).unwrap().skills.len(), 1);
    }

    #[test]
    fn a_yes_to_the_availability_question_is_a_window_from_the_import_day() {
        let question = "[availability]\ncolumn = \"Available\"\nyes = [\"oui\"]\nmonths = 6\nmode = \"remote\"\n";
        let map = SurveyMap::parse(&format!("{MAP}{question}")).unwrap();
        let answer = |said: &str| row(&[("Name", "A"), ("Consent", "yes"), ("Available", said)]);
        let windows = row_to_input(&map, &answer("Oui"), None, today()).unwrap().availability;
        assert_eq!(windows.len(), 1);
        assert_eq!((windows[0].start.as_str(), windows[0].end.as_str()), ("2026-12-06", "2027-06-06"));
        assert_eq!(windows[0].mode, "remote");
        assert!(row_to_input(&map, &answer("non"), None, today()).unwrap().availability.is_empty());
        assert!(row_to_input(&map, &answer(""), None, today()).unwrap().availability.is_empty());
        // Without the question, no window is made up.
        assert!(
            row_to_input(&SurveyMap::parse(MAP).unwrap(), &answer("oui"), None, today())
                .unwrap()
                .availability
                .is_empty()
        );
        // Bounded and named.
        for wrong in ["months = 0", "months = 25", "mode = \"anywhere\""] {
            let text = format!("{MAP}[availability]\ncolumn = \"A\"\nyes = [\"oui\"]\n{wrong}\n");
            let error = SurveyMap::parse(&text).unwrap_err().to_string();
            assert!(error.contains("availability."), "{wrong}: {error}");
        }
    }

    #[test]
    fn unknown_map_keys_are_refused() {
        assert!(SurveyMap::parse(&format!("{MAP}\nfavourite = \"x\"")).is_err());
    }
}
