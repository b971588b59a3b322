//! Users: the accounts table.

use crate::{Actor, Role};
use passerelle_core::{Country, Email, InstitutionId, Locale, TimeZone, Timestamp, UserId};
use passerelle_db::{Db, Tx};
use sqlx::FromRow;

/// Whether an institution member has been let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    Pending,
    Active,
}

impl Membership {
    pub fn code(self) -> &'static str {
        match self {
            Membership::Pending => "pending",
            Membership::Active => "active",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "pending" => Some(Membership::Pending),
            "active" => Some(Membership::Active),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub locale: Locale,
    pub institution_id: Option<InstitutionId>,
    pub membership: Option<Membership>,
    pub email_verified_at: Option<Timestamp>,
    pub disabled_at: Option<Timestamp>,
    pub created_at: Timestamp,
    /// The time zone the person chose, if any.
    pub chosen_time_zone: Option<TimeZone>,
    /// The zone they live by: the one chosen, else their institution's country's, else their
    /// country of residence's, else UTC.
    pub time_zone: TimeZone,
}

impl User {
    /// The actor this user is when signed in.
    pub fn actor(&self) -> Actor {
        let (institution, pending_institution) = match self.membership {
            Some(Membership::Active) => (self.institution_id, None),
            Some(Membership::Pending) => (None, self.institution_id),
            None => (None, None),
        };
        Actor {
            user_id: self.id,
            name: self.name.clone(),
            email: self.email.clone(),
            role: self.role,
            locale: self.locale,
            time_zone: self.time_zone.clone(),
            institution,
            pending_institution,
        }
    }
}

/// The columns of a user, in the order [`UserRow`] reads them. The countries that give a
/// person's time zone when they chose none are read here too: the institution's (a host's
/// clock) and the residence on the expert's profile (an expert's). These two reads of other
/// capabilities' tables are the only ones; no write.
pub(crate) const USER_COLUMNS: &str = "u.id, u.email, u.name, u.role, u.locale, u.institution_id, u.membership, \
     u.email_verified_at, u.disabled_at, u.created_at, u.time_zone, \
     (SELECT zi.country FROM institutions zi WHERE zi.id = u.institution_id) AS institution_country, \
     (SELECT ze.residence_country FROM experts ze WHERE ze.user_id = u.id) AS residence_country";

#[derive(FromRow)]
pub(crate) struct UserRow {
    id: UserId,
    email: Email,
    name: String,
    role: String,
    locale: Locale,
    institution_id: Option<InstitutionId>,
    membership: Option<String>,
    email_verified_at: Option<Timestamp>,
    disabled_at: Option<Timestamp>,
    created_at: Timestamp,
    time_zone: Option<String>,
    institution_country: Option<Country>,
    residence_country: Option<Country>,
}

impl TryFrom<UserRow> for User {
    type Error = sqlx::Error;
    fn try_from(row: UserRow) -> Result<User, sqlx::Error> {
        let chosen = row.time_zone.as_deref().and_then(|name| TimeZone::parse(name).ok());
        Ok(User {
            id: row.id,
            email: row.email,
            name: row.name,
            role: Role::parse(&row.role).map_err(|e| sqlx::Error::Decode(e.into()))?,
            locale: row.locale,
            institution_id: row.institution_id,
            membership: row.membership.as_deref().and_then(Membership::parse),
            email_verified_at: row.email_verified_at,
            disabled_at: row.disabled_at,
            created_at: row.created_at,
            // A zone the bundled database no longer knows counts as none chosen.
            time_zone: chosen
                .clone()
                .unwrap_or_else(|| TimeZone::default_for(row.institution_country, row.residence_country)),
            chosen_time_zone: chosen,
        })
    }
}

pub struct NewUser {
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub locale: Locale,
    pub institution: Option<(InstitutionId, Membership)>,
    /// Accounts created by an admin or the CLI need no verification email.
    pub email_verified: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

pub async fn insert(tx: &mut Tx, new: &NewUser) -> Result<User, CreateError> {
    let now = Timestamp::now();
    let id = UserId::new();
    let (institution_id, membership) = match new.institution {
        Some((id, membership)) => (Some(id), Some(membership.code())),
        None => (None, None),
    };
    let result = sqlx::query(
        "INSERT INTO users (id, email, name, role, password_hash, locale, institution_id, membership, \
         email_verified_at, password_changed_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10)",
    )
    .bind(id)
    .bind(&new.email)
    .bind(new.name.trim())
    .bind(new.role.code())
    .bind(&new.password_hash)
    .bind(new.locale)
    .bind(institution_id)
    .bind(membership)
    .bind(new.email_verified.then_some(now))
    .bind(now)
    .execute(&mut **tx)
    .await;
    match result {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Err(CreateError::EmailTaken),
        Err(e) => return Err(e.into()),
    }
    Ok(by_id_in(tx, id).await?.ok_or(sqlx::Error::RowNotFound)?)
}

async fn by_id_in(tx: &mut Tx, id: UserId) -> Result<Option<User>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(User::try_from).transpose()
}

pub async fn by_id(db: &Db, id: UserId) -> Result<Option<User>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await?;
    row.map(User::try_from).transpose()
}

pub async fn by_email(db: &Db, email: &Email) -> Result<Option<User>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1"))
        .bind(email)
        .fetch_optional(db.reader())
        .await?;
    row.map(User::try_from).transpose()
}

/// The user and the stored password hash, for signing in.
pub async fn credentials(db: &Db, email: &Email) -> Result<Option<(User, String)>, sqlx::Error> {
    let Some(user) = by_email(db, email).await? else { return Ok(None) };
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user.id)
        .fetch_one(db.reader())
        .await?;
    Ok(Some((user, hash)))
}

pub async fn password_hash(db: &Db, id: UserId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(id).fetch_optional(db.reader()).await
}

/// Filters of the admin's user list.
#[derive(Debug, Default, Clone)]
pub struct UserQuery {
    /// Part of a name or an email.
    pub text: Option<String>,
    pub role: Option<Role>,
    pub include_disabled: bool,
    pub offset: u32,
    pub limit: u32,
}

/// Users matching the query, newest first, and how many match in all.
pub async fn search(db: &Db, query: &UserQuery) -> Result<(Vec<User>, u64), sqlx::Error> {
    let pattern = query.text.as_deref().map(|t| format!("%{}%", escape_like(&t.trim().to_lowercase())));
    let role = query.role.map(Role::code);
    let filter = "FROM users u WHERE ($1 IS NULL OR lower(u.name) LIKE $1 ESCAPE '\\' OR u.email LIKE $1 ESCAPE '\\') \
                  AND ($2 IS NULL OR u.role = $2) AND ($3 OR u.disabled_at IS NULL)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {filter}"))
        .bind(&pattern)
        .bind(role)
        .bind(query.include_disabled)
        .fetch_one(db.reader())
        .await?;
    let rows: Vec<UserRow> =
        sqlx::query_as(&format!("SELECT {USER_COLUMNS} {filter} ORDER BY u.created_at DESC LIMIT $4 OFFSET $5"))
            .bind(&pattern)
            .bind(role)
            .bind(query.include_disabled)
            .bind(i64::from(query.limit.max(1)))
            .bind(i64::from(query.offset))
            .fetch_all(db.reader())
            .await?;
    let users = rows.into_iter().map(User::try_from).collect::<Result<_, _>>()?;
    Ok((users, u64::try_from(total).unwrap_or(0)))
}

/// Escapes `%`, `_` and the escape character itself for a `LIKE … ESCAPE '\'` pattern.
pub fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Members (active and pending) of an institution.
pub async fn members_of(db: &Db, institution: InstitutionId) -> Result<Vec<User>, sqlx::Error> {
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users u WHERE u.institution_id = $1 ORDER BY u.membership DESC, u.name"
    ))
    .bind(institution)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter().map(User::try_from).collect()
}

pub async fn set_role(tx: &mut Tx, id: UserId, role: Role) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE users SET role = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(role.code())
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Disables (or re-enables) an account; disabling ends all its sessions at once.
pub async fn set_disabled(tx: &mut Tx, id: UserId, disabled: bool) -> Result<bool, sqlx::Error> {
    let now = Timestamp::now();
    let done = sqlx::query("UPDATE users SET disabled_at = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(disabled.then_some(now))
        .bind(now)
        .execute(&mut **tx)
        .await?;
    if disabled {
        crate::sessions::end_all_for_user(tx, id, None).await?;
    }
    Ok(done.rows_affected() == 1)
}

/// Replaces the password hash and ends the user's other sessions (all of them when `keep` is
/// `None`, e.g. after a reset by email).
pub async fn set_password(tx: &mut Tx, id: UserId, hash: &str, keep: Option<&str>) -> Result<(), sqlx::Error> {
    let now = Timestamp::now();
    sqlx::query("UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(hash)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    crate::sessions::end_all_for_user(tx, id, keep).await?;
    Ok(())
}

pub async fn update_settings(tx: &mut Tx, id: UserId, name: &str, locale: Locale) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET name = $2, locale = $3, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(name.trim())
        .bind(locale)
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records the time zone a person chose (`None`: from their country again).
pub async fn set_time_zone(tx: &mut Tx, id: UserId, zone: Option<&TimeZone>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET time_zone = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(zone.map(TimeZone::name))
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records the interface language a person chose (in the header's language switch), so that
/// the emails they receive follow it.
pub async fn set_locale(db: &Db, id: UserId, locale: Locale) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE users SET locale = $2, updated_at = $3 WHERE id = $1 AND locale <> $2")
        .bind(id)
        .bind(locale)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The zone a person lives by (see [`User::time_zone`]), read in a transaction: for reminders
/// scheduled at 08:00 on their clock.
pub async fn time_zone_in(tx: &mut Tx, id: UserId) -> Result<TimeZone, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(User::try_from).transpose()?.map(|u| u.time_zone).unwrap_or_default())
}

pub async fn mark_email_verified(tx: &mut Tx, id: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email_verified_at = coalesce(email_verified_at, $2), updated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Lets a pending member in (`Some(Active)`), or removes a member (`None`).
pub async fn set_membership(
    tx: &mut Tx,
    id: UserId,
    institution: InstitutionId,
    membership: Option<Membership>,
) -> Result<bool, sqlx::Error> {
    let done = match membership {
        Some(m) => {
            sqlx::query("UPDATE users SET membership = $3, updated_at = $4 WHERE id = $1 AND institution_id = $2")
                .bind(id)
                .bind(institution)
                .bind(m.code())
                .bind(Timestamp::now())
                .execute(&mut **tx)
                .await?
        }
        None => {
            sqlx::query(
                "UPDATE users SET membership = NULL, institution_id = NULL, updated_at = $3 \
             WHERE id = $1 AND institution_id = $2",
            )
            .bind(id)
            .bind(institution)
            .bind(Timestamp::now())
            .execute(&mut **tx)
            .await?
        }
    };
    Ok(done.rows_affected() == 1)
}

/// How many accounts exist (an empty database has none).
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(db.reader()).await
}
