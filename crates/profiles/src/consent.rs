//! Consent to be listed and matched: versioned texts in English and French, and a record of
//! every grant and withdrawal with its time and version. Without a current consent an expert
//! is not matched; a withdrawal takes effect at once (the change log tells the index).

use crate::store::{NewExpert, changed};
use passerelle_core::{ExpertId, Locale, Timestamp, UserId};
use passerelle_db::{Db, Tx, Values};
use serde::Serialize;
use sqlx::FromRow;

pub const MATCHING: &str = "matching";

#[derive(Debug, Clone, FromRow, Serialize)]
pub struct ConsentText {
    pub version: String,
    pub text_en: String,
    pub text_fr: String,
    pub published_at: Timestamp,
}

impl ConsentText {
    pub fn text(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.text_en,
            Locale::Fr => &self.text_fr,
        }
    }
}

/// The consent text in force: the latest published.
pub async fn current_text(db: &Db) -> Result<ConsentText, sqlx::Error> {
    sqlx::query_as(
        "SELECT version, text_en, text_fr, published_at FROM consent_texts WHERE purpose = $1 ORDER BY published_at DESC LIMIT 1",
    )
    .bind(MATCHING)
    .fetch_one(db.reader())
    .await
}

pub async fn text_exists(tx: &mut Tx, version: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM consent_texts WHERE version = $1 AND purpose = $2")
        .bind(version)
        .bind(MATCHING)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.is_some())
}

/// Where a consent was expressed.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    /// By the expert, on the consent page.
    Web,
    /// By the expert through the API.
    Api,
    /// Stated in an imported file (a mapping survey's consent column).
    Import,
}

impl Source {
    fn code(self) -> &'static str {
        match self {
            Source::Web => "web",
            Source::Api => "api",
            Source::Import => "import",
        }
    }
}

/// Records the consent new profiles came with (already written on their rows): one statement
/// for a batch of an import.
pub(crate) async fn given_with_profiles(tx: &mut Tx, experts: &[NewExpert<'_>]) -> Result<(), sqlx::Error> {
    let given: Vec<_> = experts.iter().filter_map(|e| Some((e.id, e.created_by, e.consent?))).collect();
    let head = "INSERT INTO consent_events (expert_id, purpose, version, granted, at, recorded_by, source) ";
    Values::insert_all(tx, head, &given, 7, |row, (id, by, consent)| {
        row.push_bind(*id)
            .push_bind(MATCHING)
            .push_bind(consent.version)
            .push_bind(1_i64)
            .push_bind(consent.at)
            .push_bind(*by)
            .push_bind(consent.source.code());
    })
    .await?;
    Ok(())
}

/// Records a grant (`granted`) or a withdrawal of the matching consent.
pub async fn record(
    tx: &mut Tx,
    expert: ExpertId,
    version: &str,
    granted: bool,
    at: Timestamp,
    by: Option<UserId>,
    source: Source,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO consent_events (expert_id, purpose, version, granted, at, recorded_by, source) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(expert)
    .bind(MATCHING)
    .bind(version)
    .bind(i64::from(granted))
    .bind(at)
    .bind(by)
    .bind(source.code())
    .execute(&mut **tx)
    .await?;
    let (version, at) = if granted { (Some(version), Some(at)) } else { (None, None) };
    sqlx::query("UPDATE experts SET consent_version = $2, consent_at = $3 WHERE id = $1")
        .bind(expert)
        .bind(version)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    changed(tx, expert).await
}

#[derive(Debug, Clone, FromRow, Serialize)]
pub struct ConsentEvent {
    pub version: String,
    #[sqlx(try_from = "passerelle_core::Flag")]
    pub granted: bool,
    pub at: Timestamp,
    pub source: String,
}

pub async fn history(db: &Db, expert: ExpertId) -> Result<Vec<ConsentEvent>, sqlx::Error> {
    sqlx::query_as("SELECT version, granted, at, source FROM consent_events WHERE expert_id = $1 ORDER BY id")
        .bind(expert)
        .fetch_all(db.reader())
        .await
}
