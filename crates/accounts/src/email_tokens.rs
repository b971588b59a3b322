//! Single-use tokens sent by email: to verify an address, to reset a password. Stored hashed,
//! expiring, consumed atomically; issuing a new one voids the earlier ones of the same purpose.

use crate::secret;
use passerelle_core::{Timestamp, UserId};
use passerelle_db::{Db, Tx};
use time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
        }
    }

    /// How long a token stays valid.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::VerifyEmail => Duration::days(3),
            Purpose::ResetPassword => Duration::minutes(60),
        }
    }
}

/// Issues a token for `user`; returns it in clear, for the email.
pub async fn issue(tx: &mut Tx, user: UserId, purpose: Purpose) -> Result<String, sqlx::Error> {
    let now = Timestamp::now();
    sqlx::query("UPDATE email_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL")
        .bind(user)
        .bind(purpose.code())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    let token = secret::new_token("");
    sqlx::query(
        "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(secret::hash(&token))
    .bind(user)
    .bind(purpose.code())
    .bind(now)
    .bind(now + purpose.lifetime())
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

/// Whose token this is, if it is still usable; does not use it.
pub async fn peek(db: &Db, token: &str, purpose: Purpose) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT user_id FROM email_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(secret::hash(token))
    .bind(purpose.code())
    .bind(Timestamp::now())
    .fetch_optional(db.reader())
    .await
}

/// Uses the token: returns whose it was, or `None` when unknown, used or expired. Two
/// concurrent uses cannot both succeed.
pub async fn consume(tx: &mut Tx, token: &str, purpose: Purpose) -> Result<Option<UserId>, sqlx::Error> {
    let now = Timestamp::now();
    sqlx::query_scalar(
        "UPDATE email_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL \
         AND expires_at > $3 RETURNING user_id",
    )
    .bind(secret::hash(token))
    .bind(purpose.code())
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}
