//! The taxonomy as the rest of the platform reads it: the linker, the relations and each skill's
//! labels, loaded from the database in one go and shared. Every change of the taxonomy (the
//! shipped file loaded, an ESCO import) bumps a version in the database, in its transaction;
//! a [`TaxonomyCache`] looks at that version now and then and reloads when it moved, so a
//! taxonomy imported by the command line reaches a running server (and every instance) within
//! seconds, without a query per skill in between.

use crate::graph::{Closeness, Graph, Relation};
use crate::linker::{AUTO_LINK, LabelInput, Link, Linker, MatchKind};
use crate::store::{Skill, SkillId};
use passerelle_core::{Locale, Sector};
use passerelle_db::{Db, Tx};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

const VERSION_KEY: &str = "taxonomy.version";
/// How long a cached taxonomy is used before its version is looked at again.
const RECHECK: Duration = Duration::from_secs(2);

/// A skill with one of its labels: id, ESCO URI, sector, source, language, label, preferred.
type LabelRow = (SkillId, Option<String>, Option<String>, String, String, String, i64);

/// The whole taxonomy in memory.
#[derive(Debug, Default)]
pub struct Taxonomy {
    pub linker: Linker,
    pub graph: Graph,
    skills: HashMap<SkillId, Skill>,
    version: i64,
}

impl Taxonomy {
    pub async fn load(db: &Db) -> Result<Taxonomy, sqlx::Error> {
        let version = version(db).await?;
        let rows: Vec<LabelRow> = sqlx::query_as(
            "SELECT s.id, s.esco_uri, s.sector, s.source, l.lang, l.label, l.preferred \
             FROM skills s JOIN skill_labels l ON l.skill_id = s.id ORDER BY s.id, l.lang, l.preferred DESC",
        )
        .fetch_all(db.reader())
        .await?;
        let mut skills: HashMap<SkillId, Skill> = HashMap::new();
        let mut labels = Vec::with_capacity(rows.len());
        for (id, esco_uri, sector, source, lang, label, preferred) in rows {
            let skill = skills.entry(id.clone()).or_insert_with(|| Skill {
                id: id.clone(),
                esco_uri,
                sector: sector.as_deref().and_then(|s| Sector::parse(s).ok()),
                label_en: String::new(),
                label_fr: String::new(),
            });
            if preferred == 1 {
                match lang.as_str() {
                    "en" => skill.label_en = label.clone(),
                    "fr" => skill.label_fr = label.clone(),
                    _ => {}
                }
            }
            labels.push(LabelInput {
                skill: id,
                lang,
                text: label,
                preferred: preferred == 1,
                curated: source == "curated",
            });
        }
        let relations: Vec<(SkillId, SkillId, String)> =
            sqlx::query_as("SELECT skill_id, other_id, kind FROM skill_relations").fetch_all(db.reader()).await?;
        let graph = Graph::new(relations.into_iter().map(|(skill, other, kind)| match kind.as_str() {
            "broader" => Relation::Broader { skill, broader: other },
            _ => Relation::Related(skill, other),
        }));
        Ok(Taxonomy { linker: Linker::new(labels), graph, skills, version })
    }

    pub fn skill(&self, id: &SkillId) -> Option<&Skill> {
        self.skills.get(id)
    }

    pub fn skills(&self) -> impl Iterator<Item = &Skill> {
        self.skills.values()
    }

    /// The preferred label of a skill in `locale` (the other language's when it has none).
    pub fn label(&self, id: &SkillId, locale: Locale) -> Option<&str> {
        self.skills.get(id).map(|s| s.label(locale))
    }

    /// How to name a skill that is either of the taxonomy or only in someone's words: the
    /// skill's label in `locale` when it is known, else the words.
    pub fn label_or<'a>(&'a self, id: Option<&SkillId>, words: &'a str, locale: Locale) -> &'a str {
        id.and_then(|id| self.label(id, locale)).unwrap_or(words)
    }

    pub fn version(&self) -> i64 {
        self.version
    }

    /// The skill typed words name, in the sector of what is asked (a request's): the linker's
    /// sure choice, except that words naming a skill of another sector mean that skill's close
    /// neighbour in the asked sector when the taxonomy has one ("comptabilité" typed by a
    /// ministry is public-sector accounting, "épidémiologie" typed by a livestock service is
    /// veterinary epidemiology). The general skill stays close to the chosen one, so its
    /// holders keep a share of the credit.
    pub fn link_in(&self, typed: &str, sector: Option<Sector>) -> Option<Link> {
        let best = self.linker.best(typed)?;
        let Some(sector) = sector else { return Some(best) };
        let sector_of = |id: &SkillId| self.skills.get(id).and_then(|s| s.sector);
        if sector_of(&best.skill).is_none_or(|s| s == sector) {
            return Some(best);
        }
        let neighbours: Vec<SkillId> = self
            .graph
            .close(&best.skill)
            .into_iter()
            .filter(|(skill, closeness)| closeness != &Closeness::Broader && sector_of(skill) == Some(sector))
            .map(|(skill, _)| skill)
            .collect();
        // Several neighbours: the one the words themselves point to, else none of them.
        let chosen = match neighbours.as_slice() {
            [] => return Some(best),
            [only] => only.clone(),
            _ => match self.linker.link(typed).into_iter().find(|l| neighbours.contains(&l.skill)) {
                Some(link) => link.skill,
                None => return Some(best),
            },
        };
        Some(Link { skill: chosen, kind: MatchKind::Words, confidence: best.confidence.min(AUTO_LINK), ..best })
    }

    /// Suggestions for what someone is typing, labelled in `locale` with the other language
    /// beside, best first.
    pub fn suggest(&self, typed: &str, locale: Locale, limit: usize) -> Vec<Suggestion> {
        self.linker
            .suggest(typed, limit)
            .into_iter()
            .filter_map(|link| {
                let skill = self.skills.get(&link.skill)?;
                let label = skill.label(locale).to_owned();
                let other = skill.label(locale.other()).to_owned();
                let matched = (link.label != label && link.label != other).then_some(link.label);
                Some(Suggestion {
                    id: link.skill,
                    label,
                    other: Some(other).filter(|o| !o.is_empty()),
                    matched,
                    kind: link.kind,
                    confidence: link.confidence,
                })
            })
            .collect()
    }
}

/// A suggestion for what someone is typing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub id: SkillId,
    /// The preferred label in the reader's language.
    pub label: String,
    /// The preferred label in the other language.
    pub other: Option<String>,
    /// The label that matched, when it is neither of those ("sage-femme" for "midwifery").
    pub matched: Option<String>,
    pub kind: MatchKind,
    pub confidence: f32,
}

async fn version(db: &Db) -> Result<i64, sqlx::Error> {
    let text: Option<String> = sqlx::query_scalar("SELECT value FROM app_meta WHERE key = $1")
        .bind(VERSION_KEY)
        .fetch_optional(db.reader())
        .await?;
    Ok(text.and_then(|t| t.parse().ok()).unwrap_or(0))
}

/// Records that the taxonomy changed (in the transaction that changed it).
pub async fn changed(tx: &mut Tx) -> Result<(), sqlx::Error> {
    let current: Option<String> = sqlx::query_scalar("SELECT value FROM app_meta WHERE key = $1")
        .bind(VERSION_KEY)
        .fetch_optional(&mut **tx)
        .await?;
    let next = current.and_then(|t| t.parse::<i64>().ok()).unwrap_or(0) + 1;
    sqlx::query(
        "INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(VERSION_KEY)
    .bind(next.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The taxonomy of a running process, reloaded when the database says it changed.
#[derive(Debug, Default)]
pub struct TaxonomyCache {
    current: RwLock<Option<(Arc<Taxonomy>, Instant)>>,
    reloading: tokio::sync::Mutex<()>,
}

impl TaxonomyCache {
    pub fn new() -> TaxonomyCache {
        TaxonomyCache::default()
    }

    /// The current taxonomy: the cached one while it is fresh, else reloaded if its version
    /// moved.
    pub async fn get(&self, db: &Db) -> Result<Arc<Taxonomy>, sqlx::Error> {
        if let Some((taxonomy, checked)) = self.cached()
            && checked.elapsed() < RECHECK
        {
            return Ok(taxonomy);
        }
        let _one_at_a_time = self.reloading.lock().await;
        if let Some((taxonomy, checked)) = self.cached() {
            if checked.elapsed() < RECHECK {
                return Ok(taxonomy);
            }
            if version(db).await? == taxonomy.version {
                self.store(taxonomy.clone());
                return Ok(taxonomy);
            }
        }
        let fresh = Arc::new(Taxonomy::load(db).await?);
        self.store(fresh.clone());
        Ok(fresh)
    }

    /// Forgets the cached taxonomy (after a change this process made, to see it at once).
    pub fn invalidate(&self) {
        if let Ok(mut current) = self.current.write() {
            *current = None;
        }
    }

    fn cached(&self) -> Option<(Arc<Taxonomy>, Instant)> {
        self.current.read().ok().and_then(|c| c.clone())
    }

    fn store(&self, taxonomy: Arc<Taxonomy>) {
        if let Ok(mut current) = self.current.write() {
            *current = Some((taxonomy, Instant::now()));
        }
    }
}
