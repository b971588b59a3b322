//! The audit log: an append-only record of security-relevant events and of every state change
//! a later capability makes (request and mission transitions). Who, when, what, on what, from
//! where; never a password, token or session id (the table refuses updates and deletes).

use crate::Actor;
use passerelle_core::{Timestamp, UserId};
use passerelle_db::{Db, Tx};
use sqlx::FromRow;

/// Names of the events this crate records. Other capabilities use their own (`request.approve`).
pub mod actions {
    pub const SIGNUP: &str = "account.signup";
    pub const ACCOUNT_CREATE: &str = "account.create";
    pub const LOGIN_SUCCESS: &str = "login.success";
    pub const LOGIN_FAILURE: &str = "login.failure";
    /// A block of sign-in attempts began refusing (one row per block, not per attempt).
    pub const LOGIN_THROTTLED: &str = "login.throttled";
    /// A block ended; its detail says how many attempts it refused.
    pub const LOGIN_THROTTLE_ENDED: &str = "login.throttle_ended";
    pub const LOGOUT: &str = "logout";
    pub const SESSION_END: &str = "session.end";
    pub const PASSWORD_CHANGE: &str = "password.change";
    pub const PASSWORD_RESET_REQUEST: &str = "password.reset_request";
    pub const PASSWORD_RESET: &str = "password.reset";
    pub const EMAIL_VERIFY: &str = "email.verify";
    pub const ROLE_CHANGE: &str = "role.change";
    pub const ACCOUNT_DISABLE: &str = "account.disable";
    pub const ACCOUNT_ENABLE: &str = "account.enable";
    pub const SETTINGS_CHANGE: &str = "account.settings";
    pub const TOKEN_CREATE: &str = "token.create";
    pub const TOKEN_REVOKE: &str = "token.revoke";
    pub const MEMBERSHIP_APPROVE: &str = "membership.approve";
    pub const MEMBERSHIP_REMOVE: &str = "membership.remove";
}

/// One event to record.
#[derive(Debug, Clone, Default)]
pub struct Event<'a> {
    pub actor: Option<UserId>,
    /// How to show the actor (their email at the time), since accounts can be erased.
    pub actor_label: &'a str,
    pub action: &'a str,
    pub target_kind: &'a str,
    pub target_id: &'a str,
    pub client_ip: &'a str,
    /// Free text for humans: a reason, a comment, the old and new role. No secrets.
    pub detail: &'a str,
}

impl<'a> Event<'a> {
    /// An event by `actor` (or the system/anonymous when `None`).
    pub fn by(actor: Option<&'a Actor>, action: &'a str) -> Self {
        Event {
            actor: actor.map(|a| a.user_id),
            actor_label: actor.map_or("", |a| a.email.as_str()),
            action,
            ..Event::default()
        }
    }

    pub fn on(mut self, kind: &'a str, id: &'a str) -> Self {
        self.target_kind = kind;
        self.target_id = id;
        self
    }

    pub fn from_ip(mut self, ip: &'a str) -> Self {
        self.client_ip = ip;
        self
    }

    pub fn detail(mut self, detail: &'a str) -> Self {
        self.detail = detail;
        self
    }
}

/// How the audit log shows a person who has been erased.
pub const ERASED: &str = "(erased)";

/// Removes an erased person's email and network address from the entries they made, in the
/// erasure's transaction. What was done, when and to what stays: the log's only permitted update
/// (a trigger refuses any other).
pub async fn forget_actor(tx: &mut Tx, user: UserId) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE audit_log SET actor_label = $2, client_ip = '' WHERE actor_id = $1 AND (actor_label <> $2 OR client_ip <> '')",
    )
    .bind(user)
    .bind(ERASED)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// Records an event inside the transaction of the change it describes: both or neither.
pub async fn record(tx: &mut Tx, event: &Event<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor_label, action, target_kind, target_id, client_ip, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(Timestamp::now())
    .bind(event.actor)
    .bind(event.actor_label)
    .bind(event.action)
    .bind(event.target_kind)
    .bind(event.target_id)
    .bind(event.client_ip)
    .bind(event.detail.chars().take(1000).collect::<String>())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records an event on its own (a failed login changes nothing else).
pub async fn record_alone(db: &Db, event: &Event<'_>) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    record(&mut tx, event).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct Entry {
    pub id: i64,
    pub at: Timestamp,
    pub actor_id: Option<UserId>,
    pub actor_label: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    pub client_ip: String,
    pub detail: String,
}

/// Filters of the audit log page.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// An action name, or its first part (`login` matches `login.failure`).
    pub action: Option<String>,
    /// Part of the actor's label (email).
    pub actor: Option<String>,
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
    pub offset: u32,
    pub limit: u32,
}

/// Matching entries, newest first, and how many match in all.
pub async fn search(db: &Db, query: &Query) -> Result<(Vec<Entry>, u64), sqlx::Error> {
    let action_prefix = query.action.as_deref().map(|a| format!("{}%", crate::users::escape_like(a.trim())));
    let actor = query.actor.as_deref().map(|a| format!("%{}%", crate::users::escape_like(&a.trim().to_lowercase())));
    let filter = "FROM audit_log WHERE ($1 IS NULL OR action LIKE $1 ESCAPE '\\') \
                  AND ($2 IS NULL OR actor_label LIKE $2 ESCAPE '\\') \
                  AND ($3 IS NULL OR target_kind = $3) AND ($4 IS NULL OR target_id = $4) \
                  AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {filter}"))
        .bind(&action_prefix)
        .bind(&actor)
        .bind(&query.target_kind)
        .bind(&query.target_id)
        .bind(query.since)
        .bind(query.until)
        .fetch_one(db.reader())
        .await?;
    let entries: Vec<Entry> = sqlx::query_as(&format!(
        "SELECT id, at, actor_id, actor_label, action, target_kind, target_id, client_ip, detail {filter} \
         ORDER BY id DESC LIMIT $7 OFFSET $8"
    ))
    .bind(&action_prefix)
    .bind(&actor)
    .bind(&query.target_kind)
    .bind(&query.target_id)
    .bind(query.since)
    .bind(query.until)
    .bind(i64::from(query.limit.max(1)))
    .bind(i64::from(query.offset))
    .fetch_all(db.reader())
    .await?;
    Ok((entries, u64::try_from(total).unwrap_or(0)))
}

/// Every entry about one target, oldest first (a request's or a mission's history).
pub async fn history(db: &Db, target_kind: &str, target_id: &str) -> Result<Vec<Entry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, at, actor_id, actor_label, action, target_kind, target_id, client_ip, detail FROM audit_log \
         WHERE target_kind = $1 AND target_id = $2 ORDER BY id",
    )
    .bind(target_kind)
    .bind(target_id)
    .fetch_all(db.reader())
    .await
}
