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

/// A concept of the file, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// `http://data.europa.eu/esco/skill/<uuid>`.
    pub uri: String,
    pub uuid: String,
    pub preferred_label: String,
    pub alternative_labels: Vec<String>,
}

/// What one line of the file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Concept(Concept),
    /// A concept of another type than skills (ESCO's files mix them).
    Skipped,
    /// Why the line is refused.
    Refused(String),
}

/// The lines of an ESCO skills CSV, with their numbers. Fails at once when the file is not such
/// a CSV (no `conceptUri` or `preferredLabel` column), and at the line where it cannot be read
/// further (bytes that are not UTF-8, a broken quote); any other line is a concept, skipped, or
/// refused with its reason. Reads as it goes: ESCO's files are large.
pub fn read(reader: impl Read) -> anyhow::Result<impl Iterator<Item = anyhow::Result<(u64, Line)>>> {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = csv.headers()?.clone();
    for needed in ["conceptUri", "preferredLabel"] {
        if !headers.iter().any(|h| h == needed) {
            anyhow::bail!("the file has no {needed} column: is it an ESCO skills CSV?");
        }
    }
    Ok(csv.into_records().map(move |record| {
        let record = record?;
        let line = record.position().map_or(0, |p| p.line());
        Ok((line, check(record.deserialize(Some(&headers)))))
    }))
}

fn check(row: Result<EscoRow, csv::Error>) -> Line {
    let row = match row {
        Ok(row) => row,
        Err(error) => return Line::Refused(error.to_string()),
    };
    if !row.concept_type.is_empty() && row.concept_type != "KnowledgeSkillCompetence" {
        return Line::Skipped;
    }
    let uri = row.concept_uri.trim();
    let Some(uuid) = uri.strip_prefix("http://data.europa.eu/esco/skill/").filter(|u| !u.is_empty()) else {
        return Line::Refused(format!("conceptUri {uri:?} is not an ESCO skill URI"));
    };
    let preferred_label = row.preferred_label.trim();
    if preferred_label.is_empty() {
        return Line::Refused("preferredLabel is empty".into());
    }
    let alternative_labels: Vec<String> =
        row.alt_labels.lines().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect();
    // Labels are shown in every skill picker: the same rule as any text typed into a form.
    for (column, text) in [("conceptUri", uri), ("preferredLabel", preferred_label)]
        .into_iter()
        .chain(alternative_labels.iter().map(|a| ("altLabels", a.as_str())))
    {
        if let Err(error) = passerelle_core::check_text(column, text, passerelle_core::Lines::One) {
            return Line::Refused(format!("{column} {}", error.message));
        }
    }
    Line::Concept(Concept {
        uri: uri.to_owned(),
        uuid: uuid.to_owned(),
        preferred_label: preferred_label.to_owned(),
        alternative_labels,
    })
}

/// Imports `reader` (ESCO skills CSV) as labels in `lang` (a BCP 47 primary subtag).
pub async fn import_esco_csv(db: &Db, reader: impl Read, lang: &str) -> anyhow::Result<ImportReport> {
    let lang = passerelle_core::Language::parse(lang)?.code().to_owned();
    let lines = read(reader)?;
    let mut report = ImportReport::default();
    let mut tx = db.begin().await?;
    let mut in_batch = 0;
    for item in lines {
        let concept = match item? {
            (_, Line::Concept(concept)) => concept,
            (_, Line::Skipped) => continue,
            (line, Line::Refused(why)) => {
                report.refused.push((line, why));
                continue;
            }
        };
        report.read += 1;
        if import_concept(&mut tx, &concept, &lang).await? {
            report.created += 1;
        } else {
            report.enriched += 1;
        }
        in_batch += 1;
        if in_batch == BATCH {
            crate::snapshot::changed(&mut tx).await?;
            tx.commit().await?;
            tx = db.begin().await?;
            in_batch = 0;
        }
    }
    crate::snapshot::changed(&mut tx).await?;
    tx.commit().await?;
    Ok(report)
}

/// Returns whether the skill is new.
async fn import_concept(tx: &mut Tx, concept: &Concept, lang: &str) -> Result<bool, sqlx::Error> {
    let (uri, uuid) = (concept.uri.as_str(), concept.uuid.as_str());
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
    insert_label(tx, &id, lang, &concept.preferred_label, !keeps_curated_label).await?;
    for alternative in &concept.alternative_labels {
        insert_label(tx, &id, lang, alternative, false).await?;
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HEADER: &str = "conceptType,conceptUri,preferredLabel,altLabels\n";

    /// Reads everything `text` holds; panics only on a broken promise of `read`.
    fn read_all(text: &[u8]) -> Result<Vec<(u64, Line)>, String> {
        let lines = read(text).map_err(|e| e.to_string())?;
        let mut all = Vec::new();
        for item in lines {
            match item {
                Ok(line) => all.push(line),
                // A file that cannot be read further ends the reading, with a named reason.
                Err(error) => return Err(error.to_string()),
            }
        }
        Ok(all)
    }

    #[test]
    fn lines_are_concepts_skipped_or_refused_with_a_reason() {
        let text = format!(
            "{HEADER}KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/abc,welding,\"soudage\n arc welding \"\n\
             Occupation,http://data.europa.eu/esco/occupation/x,welder,\n\
             KnowledgeSkillCompetence,http://example.org/x,welding,\n\
             KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/def,  ,\n\
             KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/ghi,weld\u{202e}ing,\n"
        );
        let lines: Vec<Line> = read_all(text.as_bytes()).unwrap().into_iter().map(|(_, l)| l).collect();
        assert_eq!(
            lines[0],
            Line::Concept(Concept {
                uri: "http://data.europa.eu/esco/skill/abc".into(),
                uuid: "abc".into(),
                preferred_label: "welding".into(),
                alternative_labels: vec!["soudage".into(), "arc welding".into()],
            })
        );
        assert_eq!(lines[1], Line::Skipped);
        assert!(matches!(&lines[2], Line::Refused(why) if why.contains("not an ESCO skill URI")));
        assert!(matches!(&lines[3], Line::Refused(why) if why.contains("preferredLabel is empty")));
        assert!(matches!(&lines[4], Line::Refused(why) if why.contains("preferredLabel") && why.contains("U+202E")));
        assert!(read_all(b"uri,label\nx,y\n").unwrap_err().contains("conceptUri"));
    }

    /// Cells a hostile or broken file may hold: quotes, separators, line breaks, controls.
    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("http://data.europa.eu/esco/skill/".to_owned()),
            Just("KnowledgeSkillCompetence".to_owned()),
            "[a-z\\-]{0,12}".prop_map(|uuid| format!("http://data.europa.eu/esco/skill/{uuid}")),
            "[ -~]{0,12}",
            any::<String>(),
            "[,\"\n\r ]{1,4}",
        ]
    }

    proptest! {
        #[test]
        fn any_bytes_are_read_or_refused_by_name(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_all(&bytes);
        }

        #[test]
        fn any_rows_give_checked_concepts_or_reasons(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..6), 0..12)
        ) {
            let body: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
            let text = format!("{HEADER}{}", body.join("\n"));
            if let Ok(lines) = read_all(text.as_bytes()) {
                for (_, line) in lines {
                    match line {
                        Line::Concept(c) => {
                            prop_assert!(c.uri.ends_with(&c.uuid) && !c.uuid.is_empty());
                            prop_assert!(!c.preferred_label.is_empty());
                            prop_assert!(passerelle_core::refused_char(&c.preferred_label, passerelle_core::Lines::One).is_none());
                            prop_assert!(c.alternative_labels.iter().all(|a| !a.is_empty() && !a.contains('\n')));
                        }
                        Line::Refused(why) => prop_assert!(!why.is_empty()),
                        Line::Skipped => {}
                    }
                }
            }
        }
    }
}
