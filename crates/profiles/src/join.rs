//! Bringing in the experts whose profile came without an account (a bulk import, a mapping
//! survey): invitations to join, and claiming a profile.
//!
//! An invitation to join is queued (`pending`) in the transaction that causes it — a plain
//! invitation sent by a coordinator, an invitation to a candidacy, a call for experts — for a
//! profile that has an email and no account. The web layer then writes the email, in one
//! transaction with [`issue`], which makes its single-use token (only its SHA-256 is kept) and
//! starts its lifetime. Following the link, the expert creates an account that [`claim`]
//! attaches to the profile; the token is used, and the profile's other invitations with it.
//!
//! Someone who signs up with an email already on an account-less profile is offered to claim
//! it once the email is verified ([`claimable`], [`claim_verified`]), instead of a second,
//! empty profile.

use crate::store;
use passerelle_accounts::secret;
use passerelle_core::{Email, ExpertId, Locale, Timestamp, UserId};
use passerelle_db::{Db, Tx};
use sqlx::FromRow;
use time::Duration;

/// How long a join link works once sent.
pub const LIFETIME_DAYS: i64 = 14;

/// What an invitation to join comes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A coordinator invites the expert to join.
    Invite,
    /// The expert is invited to a candidacy (`subject_id` names it).
    Candidate,
    /// A call for experts was sent to them (`subject_id` names it).
    Call,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Invite => "invite",
            Reason::Candidate => "candidate",
            Reason::Call => "call",
        }
    }
}

/// Why an invitation was not queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    /// The profile has an account already: it is told in its inbox instead.
    HasAccount,
    /// The profile has no email to write to.
    NoEmail,
    /// A plain invitation is waiting or still valid: no second one.
    AlreadyInvited,
    NoProfile,
}

/// The language an account-less expert most likely reads: French when their profile lists
/// French and no better English, else English.
async fn likely_locale(tx: &mut Tx, expert: ExpertId) -> Result<Locale, sqlx::Error> {
    let ranks: Vec<(String, i64)> = sqlx::query_as(
        "SELECT language, spoken_rank FROM expert_languages WHERE expert_id = $1 AND language IN ('en', 'fr')",
    )
    .bind(expert)
    .fetch_all(&mut **tx)
    .await?;
    let rank = |code: &str| ranks.iter().find(|(l, _)| l == code).map(|(_, r)| *r);
    Ok(match (rank("fr"), rank("en")) {
        (Some(fr), Some(en)) if fr > en => Locale::Fr,
        (Some(_), None) => Locale::Fr,
        _ => Locale::En,
    })
}

/// Queues an invitation to join for `expert`, if its profile has an email and no account.
#[allow(clippy::too_many_arguments)]
pub async fn queue(
    tx: &mut Tx,
    expert: ExpertId,
    reason: Reason,
    subject_id: &str,
    title: &str,
    detail: &str,
    by: Option<UserId>,
) -> Result<Result<i64, Skipped>, sqlx::Error> {
    let row: Option<(Option<UserId>, Option<String>)> =
        sqlx::query_as("SELECT user_id, email FROM experts WHERE id = $1")
            .bind(expert)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((account, email)) = row else { return Ok(Err(Skipped::NoProfile)) };
    if account.is_some() {
        return Ok(Err(Skipped::HasAccount));
    }
    let Some(email) = email.filter(|e| !e.trim().is_empty()) else { return Ok(Err(Skipped::NoEmail)) };
    let now = Timestamp::now();
    if reason == Reason::Invite {
        let live: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM join_invitations WHERE expert_id = $1 AND reason = 'invite' AND used_at IS NULL \
             AND (sent_at IS NULL OR expires_at > $2) LIMIT 1",
        )
        .bind(expert)
        .bind(now)
        .fetch_optional(&mut **tx)
        .await?;
        if live.is_some() {
            return Ok(Err(Skipped::AlreadyInvited));
        }
    }
    let locale = likely_locale(tx, expert).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO join_invitations (expert_id, email, reason, subject_id, title, detail, locale, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(expert)
    .bind(email.trim())
    .bind(reason.code())
    .bind(subject_id)
    .bind(title.chars().take(300).collect::<String>())
    .bind(detail.chars().take(300).collect::<String>())
    .bind(locale)
    .bind(by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(Ok(id))
}

/// An invitation whose email is to be written.
#[derive(Debug, Clone, FromRow)]
pub struct Pending {
    pub id: i64,
    pub expert_id: ExpertId,
    pub email: String,
    pub name: String,
    pub reason: String,
    pub subject_id: String,
    pub title: String,
    pub detail: String,
    pub locale: Locale,
}

/// Invitations waiting for their email, oldest first (those whose profile got an account
/// meanwhile are left: [`issue`] passes them by).
pub async fn pending(db: &Db, limit: u32) -> Result<Vec<Pending>, sqlx::Error> {
    sqlx::query_as(
        "SELECT j.id, j.expert_id, j.email, e.name, j.reason, j.subject_id, j.title, j.detail, j.locale \
         FROM join_invitations j JOIN experts e ON e.id = j.expert_id \
         WHERE j.sent_at IS NULL ORDER BY j.id LIMIT $1",
    )
    .bind(i64::from(limit.max(1)))
    .fetch_all(db.reader())
    .await
}

/// Makes the token of a pending invitation and starts its lifetime, in the transaction that
/// queues its email; returns the token in clear, or `None` when the invitation was sent
/// already (by another sender) or its profile has an account now (then it is closed).
pub async fn issue(tx: &mut Tx, id: i64) -> Result<Option<String>, sqlx::Error> {
    let now = Timestamp::now();
    let token = secret::new_token("");
    let done = sqlx::query(
        "UPDATE join_invitations SET token_hash = $2, sent_at = $3, expires_at = $4 WHERE id = $1 AND sent_at IS NULL \
         AND EXISTS (SELECT 1 FROM experts e WHERE e.id = join_invitations.expert_id AND e.user_id IS NULL)",
    )
    .bind(id)
    .bind(secret::hash(&token))
    .bind(now)
    .bind(now + Duration::days(LIFETIME_DAYS))
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(Some(token));
    }
    // Not to be sent: close it so that it is not looked at again.
    sqlx::query("UPDATE join_invitations SET sent_at = $2, used_at = $2 WHERE id = $1 AND sent_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(None)
}

/// What a valid join link is for.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Invitation {
    pub expert_id: ExpertId,
    pub email: String,
    pub name: String,
    pub locale: Locale,
}

/// The invitation of a token, if it can still be used: not used, not expired, its profile
/// still without an account. Does not use it.
pub async fn peek(db: &Db, token: &str) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query_as(
        "SELECT j.expert_id, j.email, e.name, j.locale FROM join_invitations j JOIN experts e ON e.id = j.expert_id \
         WHERE j.token_hash = $1 AND j.used_at IS NULL AND j.expires_at > $2 AND e.user_id IS NULL",
    )
    .bind(secret::hash(token))
    .bind(Timestamp::now())
    .fetch_optional(db.reader())
    .await
}

/// Uses a join token for `user`: the profile becomes theirs. `None` when the token is unknown,
/// used or expired, or the profile has an account already; two uses at once cannot both pass.
pub async fn claim(tx: &mut Tx, token: &str, user: UserId) -> Result<Option<ExpertId>, sqlx::Error> {
    let now = Timestamp::now();
    let expert: Option<ExpertId> = sqlx::query_scalar(
        "UPDATE join_invitations SET used_at = $2, used_by = $3 WHERE token_hash = $1 AND used_at IS NULL \
         AND expires_at > $2 RETURNING expert_id",
    )
    .bind(secret::hash(token))
    .bind(now)
    .bind(user)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(expert) = expert else { return Ok(None) };
    Ok(attach(tx, expert, user, now).await?.then_some(expert))
}

/// Attaches an account-less profile to `user`, and closes its other invitations.
async fn attach(tx: &mut Tx, expert: ExpertId, user: UserId, now: Timestamp) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE experts SET user_id = $2, updated_at = $3 WHERE id = $1 AND user_id IS NULL")
        .bind(expert)
        .bind(user)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("UPDATE join_invitations SET used_at = $2 WHERE expert_id = $1 AND used_at IS NULL")
        .bind(expert)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    store::changed(tx, expert).await?;
    Ok(true)
}

/// A profile someone may claim.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Claimable {
    pub id: ExpertId,
    pub name: String,
    pub headline: String,
}

/// The account-less profiles that carry `email` (emails are compared as typed, lower-cased).
pub async fn claimable(db: &Db, email: &Email) -> Result<Vec<Claimable>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, headline FROM experts WHERE user_id IS NULL AND lower(email) = $1 ORDER BY updated_at DESC LIMIT 10",
    )
    .bind(email.as_str().to_lowercase())
    .fetch_all(db.reader())
    .await
}

/// Attaches the account-less profile `expert` carrying the verified `email` to `user`; `false`
/// when it does not carry that email or has an account. An empty profile the account made
/// meanwhile (by opening its profile page) gives way: it is removed, so that the account has
/// one profile, the one claimed.
pub async fn claim_verified(tx: &mut Tx, expert: ExpertId, email: &Email, user: UserId) -> Result<bool, sqlx::Error> {
    let carries: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM experts WHERE id = $1 AND user_id IS NULL AND lower(email) = $2")
            .bind(expert)
            .bind(email.as_str().to_lowercase())
            .fetch_optional(&mut **tx)
            .await?;
    if carries.is_none() || !make_room(tx, user).await? {
        return Ok(false);
    }
    attach(tx, expert, user, Timestamp::now()).await
}

/// Makes room for a claimed profile: the account's own profile, if it has one, is removed when
/// empty (never filled in: no headline, summary, skill or language); `false` when it holds
/// something (then nothing is claimed).
pub async fn make_room(tx: &mut Tx, user: UserId) -> Result<bool, sqlx::Error> {
    let own: Option<(ExpertId, String, String)> =
        sqlx::query_as("SELECT id, headline, summary FROM experts WHERE user_id = $1")
            .bind(user)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((own, headline, summary)) = own else { return Ok(true) };
    let lists: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM expert_skills WHERE expert_id = $1) + \
         (SELECT count(*) FROM expert_languages WHERE expert_id = $1)",
    )
    .bind(own)
    .fetch_one(&mut **tx)
    .await?;
    if !headline.is_empty() || !summary.is_empty() || lists > 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM experts WHERE id = $1").bind(own).execute(&mut **tx).await?;
    passerelle_db::change_log::append(
        tx,
        passerelle_db::EntityKind::Expert,
        &own.to_string(),
        passerelle_db::Operation::Delete,
    )
    .await?;
    Ok(true)
}
