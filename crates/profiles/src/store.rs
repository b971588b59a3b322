//! Storing and loading profiles. A save writes the whole profile (main row and lists) in the
//! caller's transaction and appends the change-log entry that the search index follows.

use crate::model::*;
use passerelle_core::sql::in_lists;
use passerelle_core::{Country, Day, ExpertId, Timestamp, UserId};
use passerelle_db::change_log::{self, EntityKind, Operation};
use passerelle_db::{Db, Tx};
use sqlx::FromRow;
use std::collections::HashSet;

pub use crate::load::{load, load_after, load_many};
use crate::rows::{self, Lists, StoredCredential};
pub use crate::rows::{GivenConsent, NewExpert};

/// Creates a profile; returns its id.
pub async fn create(
    tx: &mut Tx,
    data: &ProfileData,
    external_id: Option<&str>,
    user_id: Option<UserId>,
    created_by: Option<UserId>,
) -> Result<ExpertId, sqlx::Error> {
    let id = ExpertId::new();
    create_many(tx, &[NewExpert { id, data, external_id, user_id, created_by, consent: None }]).await?;
    Ok(id)
}

/// Creates profiles, each with the id it is given, their consent recorded: a few statements
/// for the whole batch.
pub async fn create_many(tx: &mut Tx, experts: &[NewExpert<'_>]) -> Result<(), sqlx::Error> {
    rows::insert_experts(tx, experts).await?;
    let lists: Vec<Lists<'_>> = experts
        .iter()
        .map(|e| Lists {
            id: e.id,
            data: e.data,
            credentials: e.data.credentials.iter().map(StoredCredential::new).collect(),
        })
        .collect();
    rows::insert_lists(tx, &lists).await?;
    crate::consent::given_with_profiles(tx, experts).await?;
    let ids: Vec<String> = experts.iter().map(|e| e.id.to_string()).collect();
    change_log::append_many(tx, EntityKind::Expert, &ids, Operation::Upsert).await
}

/// Replaces the profile's content. `credential_ids` gives, for each credential, the id it had
/// (if any): an unchanged credential keeps its verification, a changed one is unverified again.
pub async fn save(
    tx: &mut Tx,
    id: ExpertId,
    data: &ProfileData,
    credential_ids: &[Option<String>],
) -> Result<(), sqlx::Error> {
    let now = Timestamp::now();
    sqlx::query(
        "UPDATE experts SET name = $2, email = $3, phone = $4, city = $5, residence_country = $6, travel_limits = $7, \
         headline = $8, summary = $9, years_experience = $10, max_mission_days = $11, notice_days = $12, remote_now = $13, \
         updated_at = $14 WHERE id = $1",
    )
    .bind(id)
    .bind(&data.name)
    .bind(&data.email)
    .bind(&data.phone)
    .bind(&data.city)
    .bind(data.residence_country)
    .bind(&data.travel_limits)
    .bind(&data.headline)
    .bind(&data.summary)
    .bind(data.years_experience.map(i64::from))
    .bind(data.max_mission_days.map(i64::from))
    .bind(data.notice_days.map(i64::from))
    .bind(i64::from(data.remote_now))
    .bind(now)
    .execute(&mut **tx)
    .await?;

    let previous = credentials_in(tx, id).await?;
    for table in [
        "expert_countries",
        "expert_sectors",
        "expert_memberships",
        "expert_education",
        "expert_work",
        "expert_skills",
        "expert_languages",
        "expert_credentials",
        "expert_availability",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE expert_id = $1")).bind(id).execute(&mut **tx).await?;
    }
    let credentials = data
        .credentials
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let kept = credential_ids
                .get(i)
                .and_then(Option::as_ref)
                .and_then(|given| previous.iter().find(|p| &p.id == given));
            match kept {
                Some(old) if old.same_content(c) => StoredCredential {
                    id: old.id.clone(),
                    credential: c,
                    status: old.status,
                    verified_by: old.verified_by,
                    verified_at: old.verified_at,
                },
                Some(old) => StoredCredential {
                    id: old.id.clone(),
                    credential: c,
                    status: CredentialStatus::Unverified,
                    verified_by: None,
                    verified_at: None,
                },
                None => StoredCredential::new(c),
            }
        })
        .collect();
    rows::insert_lists(tx, &[Lists { id, data, credentials }]).await?;
    changed(tx, id).await
}

/// Tells the search index that this expert changed.
pub async fn changed(tx: &mut Tx, id: ExpertId) -> Result<(), sqlx::Error> {
    change_log::append(tx, EntityKind::Expert, &id.to_string(), Operation::Upsert).await?;
    Ok(())
}

async fn credentials_in(tx: &mut Tx, id: ExpertId) -> Result<Vec<Credential>, sqlx::Error> {
    let rows: Vec<CredentialRow> =
        sqlx::query_as(&format!("{CREDENTIAL_SELECT} WHERE expert_id = $1 ORDER BY position"))
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    rows.into_iter().map(Credential::try_from).collect()
}

/// The expert records the profile is up to date ("freshness").
pub async fn confirm(tx: &mut Tx, id: ExpertId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE experts SET confirmed_at = $2, reminded_at = NULL WHERE id = $1")
        .bind(id)
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    changed(tx, id).await
}

/// A coordinator's verdict on a credential; `false` when the expert has no such credential.
pub async fn set_credential_status(
    tx: &mut Tx,
    expert: ExpertId,
    credential: &str,
    status: CredentialStatus,
    by: UserId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE expert_credentials SET status = $3, verified_by = $4, verified_at = $5 WHERE id = $2 AND expert_id = $1",
    )
    .bind(expert)
    .bind(credential)
    .bind(status.code())
    .bind(by)
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 1 {
        changed(tx, expert).await?;
    }
    Ok(done.rows_affected() == 1)
}

/// The version of the consent to matching a profile holds, if any, read in a transaction.
pub async fn consent_version_in(tx: &mut Tx, id: ExpertId) -> Result<Option<String>, sqlx::Error> {
    let version: Option<Option<String>> = sqlx::query_scalar("SELECT consent_version FROM experts WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(version.flatten())
}

pub async fn id_for_user(db: &Db, user: UserId) -> Result<Option<ExpertId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM experts WHERE user_id = $1").bind(user).fetch_optional(db.reader()).await
}

pub async fn id_for_external(tx: &mut Tx, external_id: &str) -> Result<Option<ExpertId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM experts WHERE external_id = $1")
        .bind(external_id)
        .fetch_optional(&mut **tx)
        .await
}

/// Which of these external ids a profile already has.
pub async fn taken_external_ids(tx: &mut Tx, external_ids: &[&str]) -> Result<HashSet<String>, sqlx::Error> {
    let mut taken = HashSet::new();
    for (chunk, placeholders) in in_lists(external_ids, 1) {
        let sql = format!("SELECT external_id FROM experts WHERE external_id IN ({placeholders})");
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for external in chunk {
            query = query.bind(*external);
        }
        taken.extend(query.fetch_all(&mut **tx).await?);
    }
    Ok(taken)
}

pub async fn exists(db: &Db, id: ExpertId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM experts WHERE id = $1").bind(id).fetch_optional(db.reader()).await?;
    Ok(found.is_some())
}

const CREDENTIAL_SELECT: &str = "SELECT id, kind, title, issuer, country, number, valid_until, status, verified_by, \
     verified_at FROM expert_credentials";

#[derive(FromRow)]
struct CredentialRow {
    id: String,
    kind: String,
    title: String,
    issuer: String,
    country: Option<Country>,
    number: String,
    valid_until: Option<Day>,
    status: String,
    verified_by: Option<UserId>,
    verified_at: Option<Timestamp>,
}

impl TryFrom<CredentialRow> for Credential {
    type Error = sqlx::Error;
    fn try_from(r: CredentialRow) -> Result<Credential, sqlx::Error> {
        let bad = |e: passerelle_core::ParseError| sqlx::Error::Decode(e.into());
        Ok(Credential {
            id: r.id,
            kind: CredentialKind::parse(&r.kind).map_err(bad)?,
            title: r.title,
            issuer: r.issuer,
            country: r.country,
            number: r.number,
            valid_until: r.valid_until.map(|d| d.0),
            status: CredentialStatus::parse(&r.status).map_err(bad)?,
            verified_by: r.verified_by,
            verified_at: r.verified_at,
        })
    }
}

/// Every expert id after `after`, in id order, at most `limit`: for walking all profiles in
/// batches (the index rebuild).
pub async fn ids_after(db: &Db, after: Option<ExpertId>, limit: u32) -> Result<Vec<ExpertId>, sqlx::Error> {
    // `id > ''` rather than `$1 IS NULL OR …`, which SQLite answers by scanning from the start.
    sqlx::query_scalar("SELECT id FROM experts WHERE id > $1 ORDER BY id LIMIT $2")
        .bind(after.map_or_else(String::new, |id| id.to_string()))
        .bind(i64::from(limit))
        .fetch_all(db.reader())
        .await
}

/// Whose profile this is: `None` when there is no such profile, `Some(None)` when it belongs to
/// no account (made by a coordinator or an import).
pub async fn owner(db: &Db, id: ExpertId) -> Result<Option<Option<UserId>>, sqlx::Error> {
    sqlx::query_scalar("SELECT user_id FROM experts WHERE id = $1").bind(id).fetch_optional(db.reader()).await
}

/// How many profiles exist.
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM experts").fetch_one(db.reader()).await
}
