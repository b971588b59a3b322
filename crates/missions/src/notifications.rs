//! Notifications: every event of the pipeline that concerns a person (an invitation, a host's
//! decision, a mission's step, a report due…) lands in their in-app inbox, written in the
//! transaction of the event. Each person chooses whether they also want it by email; an email
//! waits here (`pending`) until the web layer writes it in the person's language, queues it in
//! the outbox and marks it sent, in one transaction ([`mark_emailed`]): none lost, none twice.
//!
//! A notification keeps a kind (`invitation`, `mission_status`…), what it is about (a candidacy,
//! a mission, a call), a title (the request's) and a detail (a day, a status code); the words
//! are the web layer's, in each reader's language.

use passerelle_core::{CallId, CandidateId, InstitutionId, MissionId, RequestId, Timestamp, UserId};
use passerelle_db::{Db, Tx};
use serde::Serialize;
use sqlx::FromRow;

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Candidate(CandidateId),
    Mission(MissionId),
    Call(CallId),
    /// The conversation about a candidacy.
    CandidateThread(CandidateId),
    /// The conversation about a mission.
    MissionThread(MissionId),
    /// A mission request (its review).
    Request(RequestId),
    /// A host institution (its verification).
    Institution(InstitutionId),
}

impl Subject {
    pub fn kind(self) -> &'static str {
        match self {
            Subject::Candidate(_) => "candidate",
            Subject::Mission(_) => "mission",
            Subject::Call(_) => "call",
            // The same kinds as their records (the table's check knows these): a notification of
            // kind `message` links to the conversation rather than the record.
            Subject::CandidateThread(_) => "candidate",
            Subject::MissionThread(_) => "mission",
            Subject::Request(_) => "request",
            Subject::Institution(_) => "institution",
        }
    }

    pub fn id(self) -> String {
        match self {
            Subject::Candidate(id) => id.to_string(),
            Subject::Mission(id) => id.to_string(),
            Subject::Call(id) => id.to_string(),
            Subject::CandidateThread(id) => id.to_string(),
            Subject::MissionThread(id) => id.to_string(),
            Subject::Request(id) => id.to_string(),
            Subject::Institution(id) => id.to_string(),
        }
    }
}

/// Kinds of notification (each has its words in the web catalogues).
pub mod kinds {
    pub const INVITATION: &str = "invitation";
    pub const INVITATION_REMINDER: &str = "invitation_reminder";
    pub const INVITATION_EXPIRED: &str = "invitation_expired";
    pub const CANDIDATE_ACCEPTED: &str = "candidate_accepted";
    pub const CANDIDATE_DECLINED: &str = "candidate_declined";
    pub const CANDIDATE_PROPOSED: &str = "candidate_proposed";
    pub const HOST_APPROVED: &str = "host_approved";
    pub const HOST_DECLINED: &str = "host_declined";
    pub const SELECTED: &str = "selected";
    pub const WITHDRAWN: &str = "withdrawn";
    pub const CONSENT_WITHDRAWN: &str = "consent_withdrawn";
    pub const MISSION_STATUS: &str = "mission_status";
    pub const REPORT_DUE: &str = "report_due";
    pub const REPORT_REMINDER: &str = "report_reminder";
    pub const REPORT_OVERDUE: &str = "report_overdue";
    pub const EVALUATION_REQUESTED: &str = "evaluation_requested";
    pub const EVALUATION_REMINDER: &str = "evaluation_reminder";
    pub const EVALUATION_FILED: &str = "evaluation_filed";
    pub const EXTENSION_REQUESTED: &str = "extension_requested";
    pub const EXTENSION_DECIDED: &str = "extension_decided";
    pub const CALL: &str = "call";
    pub const CALL_ANSWERED: &str = "call_answered";
    /// A message in a conversation (the detail is its author's name).
    pub const MESSAGE: &str = "message";
    /// A coordinator entered a request on the institution's behalf (detail: the coordinator).
    pub const REQUEST_ON_BEHALF: &str = "request_on_behalf";
    /// The outcome of a request's review (detail: the coordinator's comment).
    pub const REQUEST_CHANGES_REQUESTED: &str = "request_changes_requested";
    pub const REQUEST_APPROVED: &str = "request_approved";
    pub const REQUEST_CANCELLED: &str = "request_cancelled";
    /// The institution was verified, or its verification refused.
    pub const INSTITUTION_VERIFIED: &str = "institution_verified";
    pub const INSTITUTION_REJECTED: &str = "institution_rejected";
    /// A mission starts soon with items of its checklist still to do (detail: the first day).
    pub const CHECKLIST_DUE: &str = "checklist_due";

    pub const ALL: &[&str] = &[
        INVITATION,
        INVITATION_REMINDER,
        INVITATION_EXPIRED,
        CANDIDATE_ACCEPTED,
        CANDIDATE_DECLINED,
        CANDIDATE_PROPOSED,
        HOST_APPROVED,
        HOST_DECLINED,
        SELECTED,
        WITHDRAWN,
        CONSENT_WITHDRAWN,
        MISSION_STATUS,
        REPORT_DUE,
        REPORT_REMINDER,
        REPORT_OVERDUE,
        EVALUATION_REQUESTED,
        EVALUATION_REMINDER,
        EVALUATION_FILED,
        EXTENSION_REQUESTED,
        EXTENSION_DECIDED,
        CALL,
        CALL_ANSWERED,
        MESSAGE,
        REQUEST_ON_BEHALF,
        REQUEST_CHANGES_REQUESTED,
        REQUEST_APPROVED,
        REQUEST_CANCELLED,
        INSTITUTION_VERIFIED,
        INSTITUTION_REJECTED,
        CHECKLIST_DUE,
    ];
}

/// One event to tell people about.
#[derive(Debug, Clone, Copy)]
pub struct Notice<'a> {
    pub kind: &'static str,
    pub subject: Subject,
    pub title: &'a str,
    pub detail: &'a str,
}

/// Writes `notice` in the inbox of each of `recipients` (once each, never to `except`, the
/// person who caused it), with an email pending for those who want email. Returns how many.
pub async fn notify(
    tx: &mut Tx,
    recipients: &[UserId],
    except: Option<UserId>,
    notice: &Notice<'_>,
) -> Result<usize, sqlx::Error> {
    let now = Timestamp::now();
    let mut seen = Vec::new();
    for &user in recipients {
        if Some(user) == except || seen.contains(&user) {
            continue;
        }
        seen.push(user);
        let wants: Option<i64> = sqlx::query_scalar("SELECT email FROM notification_preferences WHERE user_id = $1")
            .bind(user)
            .fetch_optional(&mut **tx)
            .await?;
        let email = if wants.unwrap_or(1) != 0 { "pending" } else { "none" };
        sqlx::query(
            "INSERT INTO notifications (user_id, kind, subject_kind, subject_id, title, detail, created_at, email) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(user)
        .bind(notice.kind)
        .bind(notice.subject.kind())
        .bind(notice.subject.id())
        .bind(notice.title.chars().take(300).collect::<String>())
        .bind(notice.detail.chars().take(300).collect::<String>())
        .bind(now)
        .bind(email)
        .execute(&mut **tx)
        .await?;
    }
    Ok(seen.len())
}

/// The approved, enabled members of an institution: whom to tell about its candidates and
/// missions.
pub async fn host_members(tx: &mut Tx, institution: InstitutionId) -> Result<Vec<UserId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM users WHERE institution_id = $1 AND membership = 'active' AND role = 'institution' \
         AND disabled_at IS NULL ORDER BY id",
    )
    .bind(institution)
    .fetch_all(&mut **tx)
    .await
}

/// A notification in an inbox.
#[derive(Debug, Clone, PartialEq, Eq, FromRow, Serialize)]
pub struct Notification {
    pub id: i64,
    pub kind: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub title: String,
    pub detail: String,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

/// A person's notifications, newest first, and how many are unread.
pub async fn inbox(db: &Db, user: UserId, limit: u32) -> Result<(Vec<Notification>, i64), sqlx::Error> {
    let items = sqlx::query_as(
        "SELECT id, kind, subject_kind, subject_id, title, detail, created_at, read_at FROM notifications \
         WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(user)
    .bind(i64::from(limit.max(1)))
    .fetch_all(db.reader())
    .await?;
    Ok((items, unread(db, user).await?))
}

pub async fn unread(db: &Db, user: UserId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user)
        .fetch_one(db.reader())
        .await
}

/// Marks one of the person's notifications read (`Some(id)`), or all of them; returns how many
/// changed. Another person's notification is never touched.
pub async fn mark_read(db: &Db, user: UserId, id: Option<i64>) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND read_at IS NULL AND ($2 IS NULL OR id = $2)",
    )
    .bind(user)
    .bind(id)
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// Whether the person wants email as well (yes unless they said no).
pub async fn wants_email(db: &Db, user: UserId) -> Result<bool, sqlx::Error> {
    let wants: Option<i64> = sqlx::query_scalar("SELECT email FROM notification_preferences WHERE user_id = $1")
        .bind(user)
        .fetch_optional(db.reader())
        .await?;
    Ok(wants.unwrap_or(1) != 0)
}

/// Records the person's choice. Emails already pending are dropped when they say no.
pub async fn set_wants_email(tx: &mut Tx, user: UserId, email: bool) -> Result<(), sqlx::Error> {
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO notification_preferences (user_id, email, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at",
    )
    .bind(user)
    .bind(i64::from(email))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if !email {
        sqlx::query("UPDATE notifications SET email = 'none' WHERE user_id = $1 AND email = 'pending'")
            .bind(user)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A notification waiting to be emailed, with what the email needs of its recipient.
#[derive(Debug, Clone, FromRow)]
pub struct PendingEmail {
    pub id: i64,
    pub user_id: UserId,
    pub email: passerelle_core::Email,
    pub name: String,
    pub locale: passerelle_core::Locale,
    pub role: String,
    pub kind: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub title: String,
    pub detail: String,
}

/// Notifications waiting for their email, oldest first.
pub async fn pending_emails(db: &Db, limit: u32) -> Result<Vec<PendingEmail>, sqlx::Error> {
    sqlx::query_as(
        "SELECT n.id, n.user_id, u.email, u.name, u.locale, u.role, n.kind, n.subject_kind, n.subject_id, n.title, \
         n.detail FROM notifications n JOIN users u ON u.id = n.user_id \
         WHERE n.email = 'pending' AND u.disabled_at IS NULL ORDER BY n.id LIMIT $1",
    )
    .bind(i64::from(limit.max(1)))
    .fetch_all(db.reader())
    .await
}

/// Claims a pending email for sending, in the transaction that queues it: `false` when someone
/// else did already (then queue nothing).
pub async fn mark_emailed(tx: &mut Tx, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE notifications SET email = 'sent' WHERE id = $1 AND email = 'pending'")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Everything of a person's inbox, for the export of their data.
pub async fn all_of(db: &Db, user: UserId) -> Result<Vec<Notification>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, subject_kind, subject_id, title, detail, created_at, read_at FROM notifications \
         WHERE user_id = $1 ORDER BY id",
    )
    .bind(user)
    .fetch_all(db.reader())
    .await
}
