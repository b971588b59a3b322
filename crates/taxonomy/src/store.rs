//! Reading the taxonomy.

use crate::normalize;
use passerelle_core::{Locale, ParseError, Sector};
use passerelle_db::Db;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// A skill's identifier: a slug for curated skills (`nurse-anaesthesia`), `esco:<uuid>` for
/// skills imported from ESCO.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize, sqlx::Type)]
#[serde(transparent)]
#[sqlx(transparent)]
pub struct SkillId(String);

impl SkillId {
    pub fn parse(text: &str) -> Result<SkillId, ParseError> {
        let text = text.trim();
        let ok = !text.is_empty()
            && text.len() <= 80
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-:".contains(&b));
        if ok {
            Ok(SkillId(text.to_owned()))
        } else {
            Err(ParseError::new("skill.id", format!("{text:?} is not a skill identifier")))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SkillId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A skill with its preferred label in each of our languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skill {
    pub id: SkillId,
    pub esco_uri: Option<String>,
    pub sector: Option<Sector>,
    pub label_en: String,
    pub label_fr: String,
}

impl Skill {
    /// The preferred label in `locale`, or in the other language when it has none.
    pub fn label(&self, locale: Locale) -> &str {
        let (first, second) = match locale {
            Locale::En => (&self.label_en, &self.label_fr),
            Locale::Fr => (&self.label_fr, &self.label_en),
        };
        if first.is_empty() { second } else { first }
    }
}

#[derive(sqlx::FromRow)]
struct SkillRow {
    id: SkillId,
    esco_uri: Option<String>,
    sector: Option<String>,
    label_en: Option<String>,
    label_fr: Option<String>,
}

const SKILL_SELECT: &str = "SELECT s.id, s.esco_uri, s.sector, \
     (SELECT label FROM skill_labels WHERE skill_id = s.id AND lang = 'en' AND preferred = 1) AS label_en, \
     (SELECT label FROM skill_labels WHERE skill_id = s.id AND lang = 'fr' AND preferred = 1) AS label_fr \
     FROM skills s";

impl From<SkillRow> for Skill {
    fn from(row: SkillRow) -> Skill {
        Skill {
            id: row.id,
            esco_uri: row.esco_uri,
            sector: row.sector.as_deref().and_then(|s| Sector::parse(s).ok()),
            label_en: row.label_en.unwrap_or_default(),
            label_fr: row.label_fr.unwrap_or_default(),
        }
    }
}

pub async fn get(db: &Db, id: &SkillId) -> Result<Option<Skill>, sqlx::Error> {
    let row: Option<SkillRow> =
        sqlx::query_as(&format!("{SKILL_SELECT} WHERE s.id = $1")).bind(id).fetch_optional(db.reader()).await?;
    Ok(row.map(Skill::from))
}

/// The skills with these ids (unknown ids are left out), keyed by id.
pub async fn by_ids(db: &Db, ids: &[SkillId]) -> Result<HashMap<SkillId, Skill>, sqlx::Error> {
    let mut found = HashMap::with_capacity(ids.len());
    for (chunk, placeholders) in passerelle_core::sql::in_lists(ids, 1) {
        let sql = format!("{SKILL_SELECT} WHERE s.id IN ({placeholders})");
        let mut query = sqlx::query_as::<_, SkillRow>(&sql);
        for id in chunk {
            query = query.bind(id);
        }
        for row in query.fetch_all(db.reader()).await? {
            found.insert(row.id.clone(), Skill::from(row));
        }
    }
    Ok(found)
}

/// The curated skills, by preferred label in `locale` (for pickers that work without
/// JavaScript, as a `<datalist>`).
pub async fn curated(db: &Db, locale: Locale) -> Result<Vec<Skill>, sqlx::Error> {
    let rows: Vec<SkillRow> =
        sqlx::query_as(&format!("{SKILL_SELECT} WHERE s.source = 'curated'")).fetch_all(db.reader()).await?;
    let mut skills: Vec<Skill> = rows.into_iter().map(Skill::from).collect();
    skills.sort_by_cached_key(|s| normalize(s.label(locale)));
    Ok(skills)
}

/// Every label of every skill, by language: what search expands queries with.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// (skill, language, label as written, preferred)
    pub rows: Vec<(SkillId, String, String, bool)>,
}

pub async fn all_labels(db: &Db) -> Result<Labels, sqlx::Error> {
    let rows: Vec<(SkillId, String, String, i64)> = sqlx::query_as(
        "SELECT skill_id, lang, label, preferred FROM skill_labels ORDER BY skill_id, lang, preferred DESC",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(Labels { rows: rows.into_iter().map(|(id, lang, label, p)| (id, lang, label, p == 1)).collect() })
}

/// Every skill that links to ESCO, with its concept URI.
pub async fn esco_uris(db: &Db) -> Result<Vec<(SkillId, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, esco_uri FROM skills WHERE esco_uri IS NOT NULL").fetch_all(db.reader()).await
}
