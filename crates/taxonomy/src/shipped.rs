//! The curated taxonomy shipped with Passerelle, loaded into the database at start when the
//! shipped file differs from what was loaded last (its hash is kept in `app_meta`).

use crate::normalize;
use passerelle_core::{Sector, Timestamp};
use passerelle_db::{Db, Tx};
use std::hash::{Hash, Hasher};

/// `search-index/taxonomy/skills.csv`, compiled in.
pub const SHIPPED_CSV: &str = include_str!("../../../search-index/taxonomy/skills.csv");

const META_KEY: &str = "taxonomy.shipped_hash";

/// One row of the shipped file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct CuratedRow {
    pub id: String,
    pub esco_uri: String,
    pub sector: String,
    pub label_en: String,
    pub label_fr: String,
    pub alt_en: String,
    pub alt_fr: String,
    /// Ids of the more general concepts this one is a kind of, separated by `|` (narrower is
    /// the inverse and is not written).
    #[serde(default)]
    pub broader: String,
    /// Ids of close concepts that can stand in for this one, separated by `|`; each pair is
    /// written once, on either end, and holds both ways.
    #[serde(default)]
    pub related: String,
}

pub(crate) fn parse(text: &str) -> Result<Vec<CuratedRow>, csv::Error> {
    csv::Reader::from_reader(text.as_bytes()).deserialize().collect()
}

/// The rows of the shipped file (e.g. for generating realistic synthetic profiles).
pub fn shipped_rows() -> Vec<CuratedRow> {
    parse(SHIPPED_CSV).unwrap_or_default()
}

/// Every label of the shipped rows, as the linker is built from them (without a database).
pub fn label_inputs(rows: &[CuratedRow]) -> Vec<crate::linker::LabelInput> {
    let mut inputs = Vec::new();
    for row in rows {
        let Ok(skill) = crate::SkillId::parse(&row.id) else { continue };
        for (lang, preferred, alternatives) in [("en", &row.label_en, &row.alt_en), ("fr", &row.label_fr, &row.alt_fr)]
        {
            let labels = std::iter::once((preferred.as_str(), true)).chain(alternatives.split('|').map(|a| (a, false)));
            for (text, preferred) in labels.filter(|(t, _)| !t.trim().is_empty()) {
                inputs.push(crate::linker::LabelInput {
                    skill: skill.clone(),
                    lang: lang.to_owned(),
                    text: text.trim().to_owned(),
                    preferred,
                    curated: true,
                });
            }
        }
    }
    inputs
}

fn fingerprint(text: &str) -> String {
    // Stable across runs of one build; a new build may reload once, which is harmless.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    format!("{:016x}-{}", hasher.finish(), text.len())
}

/// Loads the shipped taxonomy if it changed since the last load; returns the number of skills
/// written (0 when nothing changed).
pub async fn sync_shipped(db: &Db) -> anyhow::Result<usize> {
    let wanted = fingerprint(SHIPPED_CSV);
    let loaded: Option<String> = sqlx::query_scalar("SELECT value FROM app_meta WHERE key = $1")
        .bind(META_KEY)
        .fetch_optional(db.reader())
        .await?;
    if loaded.as_deref() == Some(wanted.as_str()) {
        return Ok(0);
    }
    let rows = parse(SHIPPED_CSV)?;
    let mut tx = db.begin().await?;
    for row in &rows {
        upsert_curated(&mut tx, row).await?;
    }
    write_relations(&mut tx, &rows).await?;
    crate::snapshot::changed(&mut tx).await?;
    sqlx::query(
        "INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(META_KEY)
    .bind(&wanted)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(skills = rows.len(), "shipped skill taxonomy loaded");
    Ok(rows.len())
}

async fn upsert_curated(tx: &mut Tx, row: &CuratedRow) -> Result<(), sqlx::Error> {
    let esco = Some(row.esco_uri.trim()).filter(|u| !u.is_empty());
    let sector = Sector::parse(&row.sector).ok().map(|s| s.code());
    // An ESCO import may have created this concept before; the curated row takes it over.
    if let Some(uri) = esco {
        sqlx::query("DELETE FROM skills WHERE esco_uri = $1 AND id <> $2 AND source = 'esco'")
            .bind(uri)
            .bind(&row.id)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO skills (id, esco_uri, sector, source, updated_at) VALUES ($1, $2, $3, 'curated', $4) \
         ON CONFLICT (id) DO UPDATE SET esco_uri = excluded.esco_uri, sector = excluded.sector, updated_at = excluded.updated_at",
    )
    .bind(&row.id)
    .bind(esco)
    .bind(sector)
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    for (lang, preferred, alternatives) in [("en", &row.label_en, &row.alt_en), ("fr", &row.label_fr, &row.alt_fr)] {
        sqlx::query("DELETE FROM skill_labels WHERE skill_id = $1 AND lang = $2")
            .bind(&row.id)
            .bind(lang)
            .execute(&mut **tx)
            .await?;
        let labels = std::iter::once((preferred.as_str(), true))
            .chain(alternatives.split('|').map(|a| (a, false)))
            .map(|(label, p)| (label.trim(), p))
            .filter(|(label, _)| !label.is_empty());
        for (label, is_preferred) in labels {
            insert_label(tx, &row.id, lang, label, is_preferred).await?;
        }
    }
    Ok(())
}

/// The ids of a `|`-separated list.
fn ends(list: &str) -> impl Iterator<Item = &str> {
    list.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Replaces the relations between curated skills with the shipped ones (both ends must exist).
async fn write_relations(tx: &mut Tx, rows: &[CuratedRow]) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM skill_relations WHERE skill_id IN (SELECT id FROM skills WHERE source = 'curated') \
         AND other_id IN (SELECT id FROM skills WHERE source = 'curated')",
    )
    .execute(&mut **tx)
    .await?;
    let relations: Vec<(&str, &str, &str)> = rows
        .iter()
        .flat_map(|row| {
            let broader = ends(&row.broader).map(|b| (row.id.as_str(), b, "broader"));
            let related = ends(&row.related).map(|r| (row.id.as_str(), r, "related"));
            broader.chain(related).collect::<Vec<_>>()
        })
        .collect();
    let known: std::collections::HashSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut seen = std::collections::HashSet::new();
    let relations: Vec<_> = relations
        .into_iter()
        .filter(|(a, b, _)| known.contains(a) && known.contains(b) && a != b)
        .filter(|relation| seen.insert(*relation))
        .collect();
    for chunk in relations.chunks(300) {
        if let Some(values) = passerelle_db::Values::of(
            "INSERT INTO skill_relations (skill_id, other_id, kind) ",
            chunk.iter().copied(),
            |row, (a, b, kind)| {
                row.push_bind(a).push_bind(b).push_bind(kind);
            },
        ) {
            values.execute(tx).await?;
        }
    }
    Ok(())
}

/// Adds a label unless the skill already has it (in that language, once normalised).
pub(crate) async fn insert_label(
    tx: &mut Tx,
    skill: &str,
    lang: &str,
    label: &str,
    preferred: bool,
) -> Result<(), sqlx::Error> {
    let normalized = normalize(label);
    if normalized.is_empty() {
        return Ok(());
    }
    let preferred_sql = tx.dialect().greatest("skill_labels.preferred", "excluded.preferred");
    sqlx::query(&format!(
        "INSERT INTO skill_labels (skill_id, lang, label, normalized, preferred) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (skill_id, lang, normalized) DO UPDATE SET preferred = {preferred_sql}"
    ))
    .bind(skill)
    .bind(lang)
    .bind(label)
    .bind(normalized)
    .bind(i64::from(preferred))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    fn ids_in(list: &str) -> impl Iterator<Item = &str> {
        list.split('|').map(str::trim).filter(|id| !id.is_empty())
    }

    #[test]
    fn the_shipped_file_is_complete_and_consistent() {
        let rows = parse(SHIPPED_CSV).unwrap();
        assert!(rows.len() >= 1_500, "{} skills", rows.len());
        let ids: HashSet<_> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), rows.len(), "ids are unique");
        for row in &rows {
            assert!(Sector::parse(&row.sector).is_ok(), "{}: sector {}", row.id, row.sector);
            assert!(!row.label_en.is_empty() && !row.label_fr.is_empty(), "{}", row.id);
            assert!(row.esco_uri.is_empty() || row.esco_uri.starts_with("http://data.europa.eu/esco/skill/"));
        }
        let with_esco = rows.iter().filter(|r| !r.esco_uri.is_empty()).count();
        assert!(with_esco * 2 > rows.len(), "most skills link to ESCO");
    }

    #[test]
    fn the_shipped_relations_point_to_concepts_and_broader_has_no_cycle() {
        let rows = parse(SHIPPED_CSV).unwrap();
        let ids: HashSet<_> = rows.iter().map(|r| r.id.as_str()).collect();
        let mut broader: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut related = 0;
        for row in &rows {
            for (kind, list) in [("broader", &row.broader), ("related", &row.related)] {
                for target in ids_in(list) {
                    assert!(ids.contains(target), "{}: {kind} {target} is not a concept", row.id);
                    assert_ne!(target, row.id, "{}: {kind} refers to itself", row.id);
                }
            }
            broader.insert(&row.id, ids_in(&row.broader).collect());
            related += ids_in(&row.related).count();
        }
        assert!(broader.values().any(|parents| !parents.is_empty()) && related > 0, "relations are shipped");
        // Depth-first walk up the broader links; meeting a concept still on the path is a cycle.
        fn walk<'a>(
            id: &'a str,
            broader: &HashMap<&'a str, Vec<&'a str>>,
            path: &mut Vec<&'a str>,
            done: &mut HashSet<&'a str>,
        ) {
            if done.contains(id) {
                return;
            }
            assert!(!path.contains(&id), "cycle in broader: {} -> {id}", path.join(" -> "));
            path.push(id);
            for parent in broader.get(id).into_iter().flatten() {
                walk(parent, broader, path, done);
            }
            path.pop();
            done.insert(id);
        }
        let mut done = HashSet::new();
        for row in &rows {
            walk(&row.id, &broader, &mut Vec::new(), &mut done);
        }
    }
}
