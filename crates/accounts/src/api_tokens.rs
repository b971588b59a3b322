//! Personal API tokens for `/api/v1`: named, shown once, stored hashed, revocable, with the time
//! of last use. A request with a token acts with exactly its owner's rights.

use crate::users::{USER_COLUMNS, User, UserRow};
use crate::{Actor, secret};
use passerelle_core::{Timestamp, UserId};
use passerelle_db::{Db, Tx};
use sqlx::FromRow;

/// Every token starts with this, so that a leaked one is recognisable (e.g. by secret scanners).
pub const PREFIX: &str = "psl_";

#[derive(Debug, Clone, FromRow)]
pub struct TokenInfo {
    pub id: String,
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

pub const MAX_NAME_CHARS: usize = 80;

/// Creates a token; returns it in clear, once.
pub async fn create(tx: &mut Tx, user: UserId, name: &str) -> Result<(TokenInfo, String), sqlx::Error> {
    let token = secret::new_token(PREFIX);
    let info = TokenInfo {
        id: secret::new_token("")[..16].to_owned(),
        name: name.trim().chars().take(MAX_NAME_CHARS).collect(),
        prefix: token[..PREFIX.len() + 6].to_owned(),
        created_at: Timestamp::now(),
        last_used_at: None,
        revoked_at: None,
    };
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&info.id)
    .bind(user)
    .bind(&info.name)
    .bind(secret::hash(&token))
    .bind(&info.prefix)
    .bind(info.created_at)
    .execute(&mut **tx)
    .await?;
    Ok((info, token))
}

#[derive(FromRow)]
struct TokenRow {
    token_id: String,
    last_used_at: Option<Timestamp>,
    #[sqlx(flatten)]
    user: UserRow,
}

/// The actor a bearer token stands for: `None` when unknown, revoked, or its owner disabled.
pub async fn recognise(db: &Db, token: &str) -> Result<Option<Actor>, sqlx::Error> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let row: Option<TokenRow> = sqlx::query_as(&format!(
        "SELECT t.id AS token_id, t.last_used_at, {USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL"
    ))
    .bind(secret::hash(token))
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let user = User::try_from(row.user)?;
    if user.disabled_at.is_some() {
        return Ok(None);
    }
    let now = Timestamp::now();
    if row.last_used_at.is_none_or(|at| now - at >= time::Duration::seconds(60)) {
        let mut tx = db.begin().await?;
        sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
            .bind(&row.token_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(Some(user.actor()))
}

/// Revokes one of `user`'s tokens; `false` when it is not theirs or already revoked.
pub async fn revoke(tx: &mut Tx, user: UserId, id: &str) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL")
            .bind(id)
            .bind(user)
            .bind(Timestamp::now())
            .execute(&mut **tx)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn list(db: &Db, user: UserId) -> Result<Vec<TokenInfo>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 \
         ORDER BY revoked_at IS NOT NULL, created_at DESC",
    )
    .bind(user)
    .fetch_all(db.reader())
    .await
}
