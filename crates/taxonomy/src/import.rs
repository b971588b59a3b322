//! Import of ESCO's official skills CSV (the download of any of its 28 languages): columns
//! `conceptUri`, `preferredLabel`, `altLabels` (one per line), among others. A concept the
//! curated taxonomy already has gains the labels of the new language; other concepts become
//! skills of their own (`esco:<uuid>`). Importing the same file again changes nothing.

use crate::shipped::insert_label;
use passerelle_core::Timestamp;
use passerelle_db::{Db, Tx};
use std::io::Read;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Concepts read from the file.
    pub read: usize,
    /// New skills.
    pub created: usize,
    /// Skills that existed (curated or imported before) and got this language's labels.
    pub enriched: usize,
    /// Lines refused, with their line number and why.
    pub refused: Vec<(u64, String)>,
}

#[derive(Debug, serde::Deserialize)]
struct EscoRow {
    #[serde(rename = "conceptUri")]
    concept_uri: String,
    #[serde(rename = "preferredLabel")]
    preferred_label: String,
    #[serde(rename = "altLabels", default)]
    alt_labels: String,
    #[serde(rename = "conceptType", default)]
    concept_type: String,
}

const BATCH: usize = 500;

/// Imports `reader` (ESCO skills CSV) as labels in `lang` (a BCP 47 primary subtag).
pub async fn import_esco_csv(db: &Db, reader: impl Read, lang: &str) -> anyhow::Result<ImportReport> {
    let lang = passerelle_core::Language::parse(lang)?.code().to_owned();
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = csv.headers()?.clone();
    for needed in ["conceptUri", "preferredLabel"] {
        if !headers.iter().any(|h| h == needed) {
            anyhow::bail!("the file has no {needed} column: is it an ESCO skills CSV?");
        }
    }
    let mut report = ImportReport::default();
    let mut tx = db.begin().await?;
    let mut in_batch = 0;
    for record in csv.records() {
        let record = record?;
        let line = record.position().map_or(0, |p| p.line());
        let row: EscoRow = match record.deserialize(Some(&headers)) {
            Ok(row) => row,
            Err(error) => {
                report.refused.push((line, error.to_string()));
                continue;
            }
        };
        if !row.concept_type.is_empty() && row.concept_type != "KnowledgeSkillCompetence" {
            continue;
        }
        let uri = row.concept_uri.trim();
        let Some(uuid) = uri.strip_prefix("http://data.europa.eu/esco/skill/").filter(|u| !u.is_empty()) else {
            report.refused.push((line, format!("conceptUri {uri:?} is not an ESCO skill URI")));
            continue;
        };
        if row.preferred_label.trim().is_empty() {
            report.refused.push((line, "preferredLabel is empty".into()));
            continue;
        }
        report.read += 1;
        if import_concept(&mut tx, uri, uuid, &row, &lang).await? {
            report.created += 1;
        } else {
            report.enriched += 1;
        }
        in_batch += 1;
        if in_batch == BATCH {
            tx.commit().await?;
            tx = db.begin().await?;
            in_batch = 0;
        }
    }
    tx.commit().await?;
    Ok(report)
}

/// Returns whether the skill is new.
async fn import_concept(tx: &mut Tx, uri: &str, uuid: &str, row: &EscoRow, lang: &str) -> Result<bool, sqlx::Error> {
    let existing: Option<(String, String)> =
        sqlx::query_as("SELECT id, source FROM skills WHERE esco_uri = $1").bind(uri).fetch_optional(&mut **tx).await?;
    let (id, created, curated) = match existing {
        Some((id, source)) => (id, false, source == "curated"),
        None => {
            let id = format!("esco:{uuid}");
            sqlx::query(
                "INSERT INTO skills (id, esco_uri, sector, source, updated_at) VALUES ($1, $2, NULL, 'esco', $3)",
            )
            .bind(&id)
            .bind(uri)
            .bind(Timestamp::now())
            .execute(&mut **tx)
            .await?;
            (id, true, false)
        }
    };
    // The curated English and French labels stay preferred; ESCO's become synonyms there.
    let keeps_curated_label = curated && (lang == "en" || lang == "fr");
    insert_label(tx, &id, lang, row.preferred_label.trim(), !keeps_curated_label).await?;
    for alternative in row.alt_labels.lines().map(str::trim).filter(|a| !a.is_empty()) {
        insert_label(tx, &id, lang, alternative, false).await?;
    }
    Ok(created)
}
