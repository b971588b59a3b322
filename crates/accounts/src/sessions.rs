//! Server-side sessions.
//!
//! The browser holds a random token; the database holds its SHA-256, the user, the CSRF token of
//! the session, and when it was created and last used. A session ends when the person logs out,
//! when it has been idle too long, when it is too old whatever its use, when the password changes
//! (the others), and when the account is disabled (all of them).

use crate::users::{USER_COLUMNS, User, UserRow};
use crate::{Actor, secret};
use passerelle_core::{Timestamp, UserId};
use passerelle_db::{Db, Tx};
use sqlx::FromRow;
use time::Duration;

/// How long sessions live.
#[derive(Debug, Clone, Copy)]
pub struct Lifetime {
    /// Ends a session unused for this long.
    pub idle: Duration,
    /// Ends a session this old, however active.
    pub absolute: Duration,
}

impl Default for Lifetime {
    fn default() -> Self {
        Self { idle: Duration::minutes(60), absolute: Duration::hours(12) }
    }
}

/// A session just opened: the token goes into the cookie, and is never stored.
pub struct Opened {
    pub id: String,
    pub token: String,
    pub csrf: String,
}

/// A session recognised from its cookie.
#[derive(Debug, Clone)]
pub struct Current {
    pub id: String,
    pub csrf: String,
    pub actor: Actor,
}

/// A session as listed to its owner.
#[derive(Debug, Clone, FromRow)]
pub struct SessionInfo {
    pub id: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub user_agent: String,
    pub client_ip: String,
}

/// Opens a session for `user`. The id is new each time: signing in never reuses an identifier
/// an attacker could have planted.
pub async fn open(
    tx: &mut Tx,
    user: UserId,
    lifetime: Lifetime,
    user_agent: &str,
    client_ip: &str,
) -> Result<Opened, sqlx::Error> {
    let now = Timestamp::now();
    let opened = Opened {
        id: secret::new_token("")[..22].to_owned(),
        token: secret::new_token(""),
        csrf: secret::new_token(""),
    };
    sqlx::query(
        "INSERT INTO sessions (id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, client_ip) \
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)",
    )
    .bind(&opened.id)
    .bind(secret::hash(&opened.token))
    .bind(user)
    .bind(&opened.csrf)
    .bind(now)
    .bind(now + lifetime.absolute)
    .bind(user_agent.chars().take(200).collect::<String>())
    .bind(client_ip)
    .execute(&mut **tx)
    .await?;
    Ok(opened)
}

#[derive(FromRow)]
struct SessionRow {
    session_id: String,
    csrf_token: String,
    last_seen_at: Timestamp,
    expires_at: Timestamp,
    #[sqlx(flatten)]
    user: UserRow,
}

/// How often a session's last use is written down: not on every request.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// Recognises a session token. Expired sessions and sessions of disabled accounts are refused
/// (and expired ones deleted).
pub async fn recognise(db: &Db, token: &str, lifetime: Lifetime) -> Result<Option<Current>, sqlx::Error> {
    let row: Option<SessionRow> = sqlx::query_as(&format!(
        "SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.expires_at, {USER_COLUMNS} \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1"
    ))
    .bind(secret::hash(token))
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let now = Timestamp::now();
    let user = User::try_from(row.user)?;
    if user.disabled_at.is_some() {
        return Ok(None);
    }
    if now >= row.expires_at || now - row.last_seen_at >= lifetime.idle {
        let mut tx = db.begin().await?;
        end(&mut tx, &row.session_id).await?;
        tx.commit().await?;
        return Ok(None);
    }
    if now - row.last_seen_at >= TOUCH_EVERY {
        let mut tx = db.begin().await?;
        sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1")
            .bind(&row.session_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(Some(Current { id: row.session_id, csrf: row.csrf_token, actor: user.actor() }))
}

pub async fn end(tx: &mut Tx, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(&mut **tx).await?;
    Ok(done.rows_affected() == 1)
}

/// Ends one of `user`'s sessions; `false` when it is not theirs (or no longer exists).
pub async fn end_own(tx: &mut Tx, user: UserId, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends every session of `user`, except `keep` when given.
pub async fn end_all_for_user(tx: &mut Tx, user: UserId, keep: Option<&str>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR id <> $2)")
        .bind(user)
        .bind(keep)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

pub async fn list(db: &Db, user: UserId) -> Result<Vec<SessionInfo>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, created_at, last_seen_at, user_agent, client_ip FROM sessions WHERE user_id = $1 ORDER BY last_seen_at DESC",
    )
    .bind(user)
    .fetch_all(db.reader())
    .await
}

/// Deletes sessions past their absolute expiry or idle for longer than allowed.
pub async fn purge_expired(db: &Db, lifetime: Lifetime) -> Result<u64, sqlx::Error> {
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(now - lifetime.idle)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}
