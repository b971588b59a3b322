//! The demonstration requests: forty-four needs of the demonstration institutions, spread over the
//! programmes and over every state of the workflow. The data is `data/needs.toml` (compiled in,
//! read once); `requests.rs` seeds them.

use passerelle_missions::requests::Status;
use serde::Deserialize;
use std::sync::OnceLock;

/// Where a demonstration request ends up, and how.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Path {
    Draft,
    Submitted,
    /// Changes requested with this comment, made, and submitted again.
    Resubmitted(String),
    /// Changes requested with this comment.
    ChangesRequested(String),
    Approved,
    Staffed,
    Closed,
    /// Cancelled at a stage (draft, submitted or approved) by the institution or a coordinator,
    /// with a reason.
    Cancelled {
        at: Status,
        by_institution: bool,
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Place {
    OnSite,
    Remote,
    Hybrid { days_on_site: u32 },
}

/// Dates, in days from the day of seeding (negative: in the past).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum When {
    /// Starts in so many days, lasts so many days.
    Fixed { starts_in_days: i64, days: i64 },
    /// A window opening in so many days, open for so many days, for a mission of so many days.
    Window { opens_in_days: i64, open_for_days: i64, mission_days: u32 },
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredSkill {
    /// The skill's id in the taxonomy.
    pub skill: String,
    /// Otherwise nice to have.
    pub must_have: bool,
    /// 1–4.
    pub min_level: u8,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredLanguage {
    pub language: String,
    /// A CEFR level.
    pub min_level: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    /// The slug of a demonstration institution.
    pub institution: String,
    /// The code of a demonstration programme.
    pub programme: String,
    pub title: String,
    pub description: String,
    pub objectives: String,
    pub deliverables: String,
    pub sector: String,
    pub skills: Vec<RequiredSkill>,
    pub languages: Vec<RequiredLanguage>,
    pub preferred_origins: Vec<String>,
    pub place: Place,
    pub when: When,
    pub urgent: bool,
    pub positions: u32,
    pub host_provides: String,
    pub path: Path,
}

const DATA: &str = include_str!("data/needs.toml");

/// The file: one `[[need]]` table per request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NeedsFile {
    need: Vec<Need>,
}

static NEEDS: OnceLock<Vec<Need>> = OnceLock::new();

/// The demonstration requests, in the order they are seeded; read from `data/needs.toml` the
/// first time.
pub fn all() -> anyhow::Result<&'static [Need]> {
    if let Some(needs) = NEEDS.get() {
        return Ok(needs);
    }
    let file: NeedsFile =
        toml::from_str(DATA).map_err(|e| anyhow::anyhow!("the demonstration requests (demo/data/needs.toml): {e}"))?;
    Ok(NEEDS.get_or_init(|| file.need))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demonstration_requests_parse_and_name_demonstration_institutions_and_programmes() {
        let needs = all().unwrap();
        assert_eq!(needs.len(), 44);
        let programmes = super::super::programmes::all().unwrap();
        for need in needs {
            assert!(
                super::super::institutions::all().unwrap().iter().any(|i| i.slug == need.institution),
                "{}: no demonstration institution {}",
                need.title,
                need.institution
            );
            assert!(
                programmes.iter().any(|p| p.code == need.programme),
                "{}: no demonstration programme {}",
                need.title,
                need.programme
            );
            if let Path::Cancelled { at, .. } = need.path {
                assert!(
                    matches!(at, Status::Draft | Status::Submitted | Status::Approved),
                    "{}: cancelled when {at}",
                    need.title
                );
            }
        }
    }

    #[test]
    fn a_misspelt_field_is_refused() {
        let misspelt = DATA.replacen("mission_days = 21", "mision_days = 21", 1);
        let error = toml::from_str::<NeedsFile>(&misspelt).err().expect("refused").to_string();
        assert!(error.contains("mision_days"), "{error}");
    }
}
