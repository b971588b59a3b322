//! Saved searches: a roster search kept under a name (nurses of Guinean origin speaking French,
//! available this quarter), to run again or to address a call for experts to its results.

use crate::calls::CallError;
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{Country, DateRange, Language, Problems, SavedSearchId, Sector, Timestamp, UserId, parse_date};
use passerelle_db::Db;
use serde::Serialize;
use sqlx::FromRow;

/// The parameters of a roster search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SearchParams {
    pub text: String,
    pub sector: Option<Sector>,
    pub origin: Option<Country>,
    pub language: Option<Language>,
    /// Available some time in this period.
    pub available: Option<DateRange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedSearch {
    pub id: SavedSearchId,
    pub name: String,
    pub owner: Option<UserId>,
    pub params: SearchParams,
    pub created_at: Timestamp,
}

#[derive(FromRow)]
struct SearchRow {
    id: SavedSearchId,
    name: String,
    owner_id: Option<UserId>,
    text: String,
    sector: Option<Sector>,
    origin: Option<Country>,
    language: Option<Language>,
    available_from: Option<String>,
    available_to: Option<String>,
    created_at: Timestamp,
}

impl From<SearchRow> for SavedSearch {
    fn from(row: SearchRow) -> SavedSearch {
        let available = match (row.available_from.as_deref(), row.available_to.as_deref()) {
            (Some(a), Some(b)) => match (parse_date(a), parse_date(b)) {
                (Ok(a), Ok(b)) => DateRange::new(a, b).ok(),
                _ => None,
            },
            _ => None,
        };
        SavedSearch {
            id: row.id,
            name: row.name,
            owner: row.owner_id,
            params: SearchParams {
                text: row.text,
                sector: row.sector,
                origin: row.origin,
                language: row.language,
                available,
            },
            created_at: row.created_at,
        }
    }
}

const SEARCH_COLUMNS: &str =
    "id, name, owner_id, text, sector, origin, language, available_from, available_to, created_at";

/// Keeps a roster search under a name (coordinators and admins).
pub async fn save_search(
    db: &Db,
    actor: &Actor,
    name: &str,
    params: &SearchParams,
    ip: &str,
) -> Result<SavedSearchId, CallError> {
    if !actor.is_staff() {
        return Err(CallError::Forbidden);
    }
    let mut p = Problems::new();
    let name = p.text("name", name, 120, true);
    if !p.is_empty() {
        return Err(CallError::Invalid(p.into_vec()));
    }
    let id = SavedSearchId::new();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO saved_searches (id, name, owner_id, text, sector, origin, language, available_from, available_to, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id)
    .bind(&name)
    .bind(actor.user_id)
    .bind(params.text.trim())
    .bind(params.sector)
    .bind(params.origin)
    .bind(params.language)
    .bind(params.available.map(|r| r.start().to_string()))
    .bind(params.available.map(|r| r.end().to_string()))
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    let target = id.to_string();
    audit::record(
        &mut tx,
        &Event::by(Some(actor), "search.save").on("saved_search", &target).from_ip(ip).detail(&name),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn saved_searches(db: &Db) -> Result<Vec<SavedSearch>, sqlx::Error> {
    let rows: Vec<SearchRow> =
        sqlx::query_as(&format!("SELECT {SEARCH_COLUMNS} FROM saved_searches ORDER BY name, id"))
            .fetch_all(db.reader())
            .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn saved_search(db: &Db, id: SavedSearchId) -> Result<Option<SavedSearch>, sqlx::Error> {
    let row: Option<SearchRow> = sqlx::query_as(&format!("SELECT {SEARCH_COLUMNS} FROM saved_searches WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await?;
    Ok(row.map(Into::into))
}

/// Forgets a saved search (calls sent with it keep their recipients).
pub async fn delete_search(db: &Db, actor: &Actor, id: SavedSearchId, ip: &str) -> Result<(), CallError> {
    if !actor.is_staff() {
        return Err(CallError::Forbidden);
    }
    let mut tx = db.begin().await?;
    let done = sqlx::query("DELETE FROM saved_searches WHERE id = $1").bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(CallError::NotFound);
    }
    let target = id.to_string();
    audit::record(&mut tx, &Event::by(Some(actor), "search.delete").on("saved_search", &target).from_ip(ip)).await?;
    tx.commit().await?;
    Ok(())
}
