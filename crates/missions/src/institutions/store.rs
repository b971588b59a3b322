//! Storing institutions.

use super::{Institution, InstitutionFields, Kind, Verification};
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{Country, InstitutionId, Sector, Timestamp, UserId};
use passerelle_db::{Db, Tx};
use sqlx::FromRow;

#[derive(FromRow)]
struct Row {
    id: InstitutionId,
    name: String,
    kind: String,
    country: Country,
    city: String,
    website: String,
    description: String,
    contact_name: String,
    contact_email: String,
    contact_phone: String,
    verification: String,
    verified_by: Option<UserId>,
    verified_at: Option<Timestamp>,
    created_at: Timestamp,
}

const COLUMNS: &str = "id, name, kind, country, city, website, description, contact_name, contact_email, contact_phone, \
     verification, verified_by, verified_at, created_at";

fn decode(row: Row, sectors: Vec<Sector>) -> Result<Institution, sqlx::Error> {
    let bad = |e: passerelle_core::ParseError| sqlx::Error::Decode(e.into());
    Ok(Institution {
        id: row.id,
        name: row.name,
        kind: Kind::parse(&row.kind).map_err(bad)?,
        country: row.country,
        city: row.city,
        sectors,
        website: row.website,
        description: row.description,
        contact_name: row.contact_name,
        contact_email: row.contact_email,
        contact_phone: row.contact_phone,
        verification: Verification::parse(&row.verification).map_err(bad)?,
        verified_by: row.verified_by,
        verified_at: row.verified_at,
        created_at: row.created_at,
    })
}

pub async fn create(tx: &mut Tx, fields: &InstitutionFields) -> Result<InstitutionId, sqlx::Error> {
    let id = InstitutionId::new();
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO institutions (id, name, kind, country, city, website, description, contact_name, contact_email, \
         contact_phone, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(id)
    .bind(&fields.name)
    .bind(fields.kind.code())
    .bind(fields.country)
    .bind(&fields.city)
    .bind(&fields.website)
    .bind(&fields.description)
    .bind(&fields.contact_name)
    .bind(&fields.contact_email)
    .bind(&fields.contact_phone)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    write_sectors(tx, id, &fields.sectors).await?;
    Ok(id)
}

pub async fn update(tx: &mut Tx, id: InstitutionId, fields: &InstitutionFields) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE institutions SET name = $2, kind = $3, country = $4, city = $5, website = $6, description = $7, \
         contact_name = $8, contact_email = $9, contact_phone = $10, updated_at = $11 WHERE id = $1",
    )
    .bind(id)
    .bind(&fields.name)
    .bind(fields.kind.code())
    .bind(fields.country)
    .bind(&fields.city)
    .bind(&fields.website)
    .bind(&fields.description)
    .bind(&fields.contact_name)
    .bind(&fields.contact_email)
    .bind(&fields.contact_phone)
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    write_sectors(tx, id, &fields.sectors).await?;
    Ok(done.rows_affected() == 1)
}

async fn write_sectors(tx: &mut Tx, id: InstitutionId, sectors: &[Sector]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM institution_sectors WHERE institution_id = $1").bind(id).execute(&mut **tx).await?;
    for sector in sectors {
        sqlx::query("INSERT INTO institution_sectors (institution_id, sector) VALUES ($1, $2)")
            .bind(id)
            .bind(sector)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn set_verification(
    tx: &mut Tx,
    id: InstitutionId,
    status: Verification,
    by: UserId,
) -> Result<bool, sqlx::Error> {
    let now = Timestamp::now();
    let before: Option<(String, String)> = sqlx::query_as("SELECT verification, name FROM institutions WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    let done = sqlx::query(
        "UPDATE institutions SET verification = $2, verified_by = $3, verified_at = $4, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(status.code())
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    // Its members learn the outcome (once: saying the same again tells them nothing new).
    use crate::notifications::{self, Notice, Subject, kinds};
    let kind = match status {
        Verification::Verified => Some(kinds::INSTITUTION_VERIFIED),
        Verification::Rejected => Some(kinds::INSTITUTION_REJECTED),
        Verification::Unverified => None,
    };
    if let (Some(kind), Some((was, name))) = (kind, before)
        && was != status.code()
    {
        let members = notifications::host_members(tx, id).await?;
        let notice = Notice { kind, subject: Subject::Institution(id), title: &name, detail: "" };
        notifications::notify(tx, &members, Some(by), &notice).await?;
    }
    Ok(done.rows_affected() == 1)
}

pub async fn get(db: &Db, id: InstitutionId) -> Result<Option<Institution>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM institutions WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await?;
    let Some(row) = row else { return Ok(None) };
    let sectors = sectors_of(db, id).await?;
    decode(row, sectors).map(Some)
}

async fn sectors_of(db: &Db, id: InstitutionId) -> Result<Vec<Sector>, sqlx::Error> {
    sqlx::query_scalar("SELECT sector FROM institution_sectors WHERE institution_id = $1 ORDER BY sector")
        .bind(id)
        .fetch_all(db.reader())
        .await
}

/// Filters of the institution list.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: Option<String>,
    pub country: Option<Country>,
    pub verification: Option<Verification>,
    pub offset: u32,
    pub limit: u32,
}

/// Institutions matching the query, by name, and how many match in all.
pub async fn search(db: &Db, query: &Query) -> Result<(Vec<Institution>, u64), sqlx::Error> {
    let pattern = query
        .text
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| format!("%{}%", passerelle_accounts::users::escape_like(&t.trim().to_lowercase())));
    let filter = "FROM institutions WHERE ($1 IS NULL OR lower(name) LIKE $1 ESCAPE '\\' OR lower(city) LIKE $1 ESCAPE '\\') \
                  AND ($2 IS NULL OR country = $2) AND ($3 IS NULL OR verification = $3)";
    let verification = query.verification.map(Verification::code);
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {filter}"))
        .bind(&pattern)
        .bind(query.country)
        .bind(verification)
        .fetch_one(db.reader())
        .await?;
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} {filter} ORDER BY name LIMIT $4 OFFSET $5"))
        .bind(&pattern)
        .bind(query.country)
        .bind(verification)
        .bind(i64::from(query.limit.max(1)))
        .bind(i64::from(query.offset))
        .fetch_all(db.reader())
        .await?;
    let mut institutions = Vec::with_capacity(rows.len());
    for row in rows {
        let sectors = sectors_of(db, row.id).await?;
        institutions.push(decode(row, sectors)?);
    }
    Ok((institutions, u64::try_from(total).unwrap_or(0)))
}

/// Creates an institution on behalf of its host (staff), recording it in the audit log.
pub async fn create_by(
    db: &Db,
    actor: &Actor,
    fields: &InstitutionFields,
    ip: &str,
) -> Result<InstitutionId, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id = create(&mut tx, fields).await?;
    let target = id.to_string();
    let event =
        Event::by(Some(actor), "institution.create").on("institution", &target).from_ip(ip).detail(&fields.name);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes an institution's description, recording it in the audit log; `false` when there is
/// no such institution.
pub async fn update_by(
    db: &Db,
    actor: &Actor,
    id: InstitutionId,
    fields: &InstitutionFields,
    ip: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    if !update(&mut tx, id, fields).await? {
        return Ok(false);
    }
    let target = id.to_string();
    let event = Event::by(Some(actor), "institution.edit").on("institution", &target).from_ip(ip).detail(&fields.name);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(true)
}

/// A coordinator's verdict on an institution (verified, rejected, or back to unverified), with
/// who and when, and an audit entry carrying the comment.
pub async fn verify_by(
    db: &Db,
    actor: &Actor,
    id: InstitutionId,
    status: Verification,
    comment: &str,
    ip: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    if !set_verification(&mut tx, id, status, actor.user_id).await? {
        return Ok(false);
    }
    let target = id.to_string();
    let detail = if comment.trim().is_empty() {
        status.code().to_owned()
    } else {
        format!("{}: {}", status.code(), comment.trim())
    };
    let event = Event::by(Some(actor), "institution.verify").on("institution", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(true)
}
