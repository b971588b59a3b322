//! Storing and loading profiles. A save writes the whole profile (main row and lists) in the
//! caller's transaction and appends the change-log entry that the search index follows.

use crate::model::*;
use passerelle_core::{Country, Day, ExpertId, Timestamp, UserId};
use passerelle_db::change_log::{self, EntityKind, Operation};
use passerelle_db::{Db, Row, Tx, Values};
use sqlx::FromRow;

pub use crate::load::{load, load_after, load_many};

/// Creates a profile; returns its id.
pub async fn create(
    tx: &mut Tx,
    data: &ProfileData,
    external_id: Option<&str>,
    user_id: Option<UserId>,
    created_by: Option<UserId>,
) -> Result<ExpertId, sqlx::Error> {
    let id = ExpertId::new();
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO experts (id, user_id, external_id, name, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(id)
    .bind(user_id)
    .bind(external_id)
    .bind(&data.name)
    .bind(created_by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    write_content(tx, id, data, &[], true).await?;
    Ok(id)
}

/// Replaces the profile's content. `credential_ids` gives, for each credential, the id it had
/// (if any): an unchanged credential keeps its verification, a changed one is unverified again.
pub async fn save(
    tx: &mut Tx,
    id: ExpertId,
    data: &ProfileData,
    credential_ids: &[Option<String>],
) -> Result<(), sqlx::Error> {
    write_content(tx, id, data, credential_ids, false).await
}

/// Writes the profile's content; `fresh` when the expert row was just created and has no lists
/// to clear yet.
async fn write_content(
    tx: &mut Tx,
    id: ExpertId,
    data: &ProfileData,
    credential_ids: &[Option<String>],
    fresh: bool,
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

    let previous = if fresh { Vec::new() } else { credentials_in(tx, id).await? };
    if !fresh {
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
    }
    let countries = [("origin", &data.origins), ("nationality", &data.nationalities), ("no_travel", &data.no_travel)]
        .into_iter()
        .flat_map(|(relation, list)| list.iter().map(move |country| (relation, country)));
    run(
        tx,
        values(
            "INSERT INTO expert_countries (expert_id, relation, country) ",
            countries,
            |row, (relation, country)| {
                row.push_bind(id).push_bind(relation).push_bind(country);
            },
        ),
    )
    .await?;
    run(
        tx,
        values("INSERT INTO expert_sectors (expert_id, sector) ", &data.sectors, |row, sector| {
            row.push_bind(id).push_bind(sector);
        }),
    )
    .await?;
    run(
        tx,
        values(
            "INSERT INTO expert_memberships (expert_id, position, organisation, role) ",
            data.memberships.iter().enumerate(),
            |row, (i, m)| {
                row.push_bind(id).push_bind(i as i64).push_bind(&m.organisation).push_bind(&m.role);
            },
        ),
    )
    .await?;
    run(
        tx,
        values(
            "INSERT INTO expert_education (expert_id, position, degree, field, institution, country, year) ",
            data.education.iter().enumerate(),
            |row, (i, e)| {
                row.push_bind(id)
                    .push_bind(i as i64)
                    .push_bind(&e.degree)
                    .push_bind(&e.field)
                    .push_bind(&e.institution)
                    .push_bind(e.country)
                    .push_bind(e.year.map(i64::from));
            },
        ),
    )
    .await?;
    run(
        tx,
        values(
            "INSERT INTO expert_work (expert_id, position, role, employer, country, start_year, end_year) ",
            data.work.iter().enumerate(),
            |row, (i, w)| {
                row.push_bind(id)
                    .push_bind(i as i64)
                    .push_bind(&w.role)
                    .push_bind(&w.employer)
                    .push_bind(w.country)
                    .push_bind(w.start_year.map(i64::from))
                    .push_bind(w.end_year.map(i64::from));
            },
        ),
    )
    .await?;
    run(
        tx,
        values(
            "INSERT INTO expert_skills (expert_id, position, skill_id, label, level, years) ",
            data.skills.iter().enumerate(),
            |row, (i, s)| {
                row.push_bind(id)
                    .push_bind(i as i64)
                    .push_bind(&s.skill)
                    .push_bind(&s.label)
                    .push_bind(i64::from(s.level))
                    .push_bind(s.years.map(i64::from));
            },
        ),
    )
    .await?;
    run(
        tx,
        values(
            "INSERT INTO expert_languages (expert_id, language, spoken, written, spoken_rank, written_rank) ",
            &data.languages,
            |row, l| {
                row.push_bind(id)
                    .push_bind(l.language)
                    .push_bind(l.spoken)
                    .push_bind(l.written)
                    .push_bind(i64::from(l.spoken.rank()))
                    .push_bind(i64::from(l.written.rank()));
            },
        ),
    )
    .await?;
    let credentials = data.credentials.iter().enumerate().map(|(i, c)| {
        let kept =
            credential_ids.get(i).and_then(Option::as_ref).and_then(|given| previous.iter().find(|p| &p.id == given));
        let (credential_id, status, by, at) = match kept {
            Some(old) if old.same_content(c) => (old.id.clone(), old.status, old.verified_by, old.verified_at),
            Some(old) => (old.id.clone(), CredentialStatus::Unverified, None, None),
            None => {
                (passerelle_accounts::secret::new_token("")[..16].to_owned(), c.status, c.verified_by, c.verified_at)
            }
        };
        (i, c, credential_id, status, by, at)
    });
    run(
        tx,
        values(
        "INSERT INTO expert_credentials (id, expert_id, position, kind, title, issuer, country, number, valid_until, status, \
         verified_by, verified_at) ",
        credentials,
        |row, (i, c, credential_id, status, by, at)| {
            row.push_bind(credential_id)
                .push_bind(id)
                .push_bind(i as i64)
                .push_bind(c.kind.code())
                .push_bind(&c.title)
                .push_bind(&c.issuer)
                .push_bind(c.country)
                .push_bind(&c.number)
                .push_bind(c.valid_until.map(Day))
                .push_bind(status.code())
                .push_bind(by)
                .push_bind(at);
        },
    ))
    .await?;
    run(
        tx,
        values(
            "INSERT INTO expert_availability (expert_id, position, start_date, end_date, mode) ",
            data.windows.iter().enumerate(),
            |row, (i, w)| {
                row.push_bind(id)
                    .push_bind(i as i64)
                    .push_bind(Day(w.range.start()))
                    .push_bind(Day(w.range.end()))
                    .push_bind(w.mode.code());
            },
        ),
    )
    .await?;
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

/// One statement that inserts every row: a profile's lists cost a round trip each, not one per
/// entry. `None` when there is nothing to insert.
fn values<'a, I: IntoIterator>(
    head: &'static str,
    rows: I,
    bind: impl FnMut(Row<'_, 'a>, I::Item),
) -> Option<Values<'a>> {
    Values::of(head, rows, bind)
}

async fn run(tx: &mut Tx, query: Option<Values<'_>>) -> Result<(), sqlx::Error> {
    if let Some(query) = query {
        query.execute(tx).await?;
    }
    Ok(())
}
