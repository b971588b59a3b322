//! Calls for experts. A coordinator sends an urgent call (an epidemic response) to the experts a
//! saved search finds (`searches`); they answer interested or not available, and the answers
//! can feed a request's shortlist. The roster search itself is the search crate's: this module
//! stores the call and its recipients.

pub use crate::searches::{SavedSearch, SearchParams, delete_search, save_search, saved_search, saved_searches};

use crate::codes::{code_enum, field_problem};
use crate::notifications::{self, Notice, Subject, kinds};
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{
    CallId, ExpertId, FieldError, Problems, RequestId, SavedSearchId, Timestamp, UserId, parse_date,
};
use passerelle_db::Db;
use serde::Serialize;
use sqlx::FromRow;
use time::{Date, Duration};

code_enum! {
    pub enum CallStatus ("a call status", "call.status_unknown") {
        Open => "open",
        Closed => "closed",
    }
}

code_enum! {
    /// An expert's answer to a call.
    pub enum Answer ("an answer", "call.answer_unknown") {
        Pending => "pending",
        Interested => "interested",
        NotAvailable => "not_available",
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CallError {
    #[error("not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    /// The call no longer takes answers.
    #[error("the call is closed")]
    Closed,
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A call as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallInput {
    pub title: String,
    pub message: String,
    pub saved_search_id: String,
    pub request_id: String,
    pub reply_by: String,
}

/// A call, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFields {
    pub title: String,
    pub message: String,
    pub saved_search: SavedSearchId,
    pub request: Option<RequestId>,
    pub reply_by: Date,
}

/// The longest a call stays open.
pub const MAX_REPLY_DAYS: i64 = 60;

impl CallInput {
    pub fn validate(&self, today: Date) -> Result<CallFields, Vec<FieldError>> {
        let mut p = Problems::new();
        let title = p.text("title", &self.title, 200, true);
        let message = p.paragraphs("message", &self.message, 5000, true);
        let saved_search = match SavedSearchId::parse(&self.saved_search_id) {
            Ok(id) => Some(id),
            Err(_) => {
                p.push(FieldError::new("saved_search_id", "call.search_required", "choose a saved search"));
                None
            }
        };
        let request = match self.request_id.trim() {
            "" => None,
            text => RequestId::parse(text).map_err(|e| p.push(field_problem("call", "request_id", &e))).ok(),
        };
        let reply_by = match parse_date(&self.reply_by) {
            Ok(day) if day < today || day > today + Duration::days(MAX_REPLY_DAYS) => {
                p.push(FieldError::new(
                    "reply_by",
                    "call.reply_by_out_of_range",
                    format!("between today and {MAX_REPLY_DAYS} days from now"),
                ));
                None
            }
            Ok(day) => Some(day),
            Err(e) => {
                p.push(field_problem("call", "reply_by", &e));
                None
            }
        };
        match (saved_search, reply_by) {
            (Some(saved_search), Some(reply_by)) if p.is_empty() => {
                Ok(CallFields { title, message, saved_search, request, reply_by })
            }
            _ => Err(p.into_vec()),
        }
    }
}

/// A call, with its counts of answers.
#[derive(Debug, Clone, PartialEq, Eq, FromRow, Serialize)]
pub struct Call {
    pub id: CallId,
    pub title: String,
    pub message: String,
    pub saved_search_id: Option<SavedSearchId>,
    pub saved_search_name: Option<String>,
    pub request_id: Option<RequestId>,
    pub request_title: Option<String>,
    pub reply_by: String,
    pub status: String,
    pub created_by: Option<UserId>,
    pub created_at: Timestamp,
    pub recipients: i64,
    pub interested: i64,
    pub not_available: i64,
}

impl Call {
    pub fn is_open(&self) -> bool {
        self.status == CallStatus::Open.code()
    }

    pub fn reply_by(&self) -> Option<Date> {
        parse_date(&self.reply_by).ok()
    }
}

const CALL_SELECT: &str = "SELECT c.id, c.title, c.message, c.saved_search_id, s.name AS saved_search_name, \
     c.request_id, r.title AS request_title, c.reply_by, c.status, c.created_by, c.created_at, \
     (SELECT count(*) FROM call_recipients x WHERE x.call_id = c.id) AS recipients, \
     (SELECT count(*) FROM call_recipients x WHERE x.call_id = c.id AND x.answer = 'interested') AS interested, \
     (SELECT count(*) FROM call_recipients x WHERE x.call_id = c.id AND x.answer = 'not_available') AS not_available \
     FROM calls c LEFT JOIN saved_searches s ON s.id = c.saved_search_id LEFT JOIN requests r ON r.id = c.request_id";

/// Sends a call to `recipients` (the experts the saved search found), telling those with an
/// account. Coordinators and admins.
pub async fn create(
    db: &Db,
    actor: &Actor,
    fields: &CallFields,
    recipients: &[ExpertId],
    ip: &str,
) -> Result<CallId, CallError> {
    if !actor.is_staff() {
        return Err(CallError::Forbidden);
    }
    let mut tx = db.begin().await?;
    if let Some(request) = fields.request {
        let exists: Option<String> = sqlx::query_scalar("SELECT status FROM requests WHERE id = $1")
            .bind(request)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(CallError::Invalid(vec![FieldError::new(
                "request_id",
                "call.request_unknown",
                "no such request",
            )]));
        }
    }
    let id = CallId::new();
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO calls (id, title, message, saved_search_id, request_id, reply_by, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(&fields.title)
    .bind(&fields.message)
    .bind(fields.saved_search)
    .bind(fields.request)
    .bind(fields.reply_by.to_string())
    .bind(actor.user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let mut accounts = Vec::new();
    for expert in recipients {
        let account: Option<Option<UserId>> = sqlx::query_scalar("SELECT user_id FROM experts WHERE id = $1")
            .bind(expert)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(account) = account else { continue };
        sqlx::query("INSERT INTO call_recipients (call_id, expert_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(id)
            .bind(expert)
            .execute(&mut *tx)
            .await?;
        match account {
            Some(account) => accounts.push(account),
            // Without an account, the call reaches them by email with a link to join.
            None => {
                let reason = passerelle_profiles::join::Reason::Call;
                let (call, reply_by) = (id.to_string(), fields.reply_by.to_string());
                // Skipped when the profile has no email: there is no one to write to.
                let _skipped = passerelle_profiles::join::queue(
                    &mut tx,
                    *expert,
                    reason,
                    &call,
                    &fields.title,
                    &reply_by,
                    Some(actor.user_id),
                )
                .await?;
            }
        }
    }
    let notice = Notice {
        kind: kinds::CALL,
        subject: Subject::Call(id),
        title: &fields.title,
        detail: &fields.reply_by.to_string(),
    };
    notifications::notify(&mut tx, &accounts, Some(actor.user_id), &notice).await?;
    let target = id.to_string();
    let detail = format!("{}: {} experts", fields.title, recipients.len());
    audit::record(&mut tx, &Event::by(Some(actor), "call.send").on("call", &target).from_ip(ip).detail(&detail))
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn get(db: &Db, id: CallId) -> Result<Option<Call>, sqlx::Error> {
    sqlx::query_as(&format!("{CALL_SELECT} WHERE c.id = $1")).bind(id).fetch_optional(db.reader()).await
}

/// Every call, newest first.
pub async fn list(db: &Db) -> Result<Vec<Call>, sqlx::Error> {
    sqlx::query_as(&format!("{CALL_SELECT} ORDER BY c.created_at DESC, c.id")).fetch_all(db.reader()).await
}

/// A recipient of a call and their answer.
#[derive(Debug, Clone, PartialEq, Eq, FromRow, Serialize)]
pub struct Recipient {
    pub expert_id: ExpertId,
    pub expert_name: String,
    pub expert_account: Option<UserId>,
    pub answer: String,
    pub note: String,
    pub answered_at: Option<Timestamp>,
}

/// The recipients of a call: those interested first.
pub async fn recipients(db: &Db, id: CallId) -> Result<Vec<Recipient>, sqlx::Error> {
    sqlx::query_as(
        "SELECT x.expert_id, e.name AS expert_name, e.user_id AS expert_account, x.answer, x.note, x.answered_at \
         FROM call_recipients x JOIN experts e ON e.id = x.expert_id WHERE x.call_id = $1 \
         ORDER BY CASE x.answer WHEN 'interested' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, e.name",
    )
    .bind(id)
    .fetch_all(db.reader())
    .await
}

/// The calls an expert received, newest first, with their answer.
pub async fn of_expert(db: &Db, expert: ExpertId) -> Result<Vec<(Call, Answer)>, sqlx::Error> {
    let calls: Vec<Call> = sqlx::query_as(&format!(
        "{CALL_SELECT} WHERE c.id IN (SELECT call_id FROM call_recipients WHERE expert_id = $1) \
         ORDER BY c.created_at DESC, c.id"
    ))
    .bind(expert)
    .fetch_all(db.reader())
    .await?;
    let mut answered = Vec::new();
    for call in calls {
        let answer: String =
            sqlx::query_scalar("SELECT answer FROM call_recipients WHERE call_id = $1 AND expert_id = $2")
                .bind(call.id)
                .bind(expert)
                .fetch_one(db.reader())
                .await?;
        answered.push((call, Answer::parse(&answer).unwrap_or(Answer::Pending)));
    }
    Ok(answered)
}

/// Whether `expert` received call `id` (what lets them see and answer it).
pub async fn is_recipient(db: &Db, id: CallId, expert: ExpertId) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM call_recipients WHERE call_id = $1 AND expert_id = $2")
        .bind(id)
        .bind(expert)
        .fetch_one(db.reader())
        .await?;
    Ok(n > 0)
}

/// An expert answers a call they received, while it is open. They may change their answer.
pub async fn answer(
    db: &Db,
    actor: &Actor,
    expert: ExpertId,
    id: CallId,
    answer: Answer,
    note: &str,
    ip: &str,
) -> Result<(), CallError> {
    if answer == Answer::Pending {
        return Err(CallError::Invalid(vec![FieldError::new("answer", "call.answer_required", "answer the call")]));
    }
    let note = note.trim();
    if note.chars().count() > 500 {
        return Err(CallError::Invalid(vec![FieldError::too_long("note", 500)]));
    }
    passerelle_core::check_text("note", note, passerelle_core::Lines::Many).map_err(|e| CallError::Invalid(vec![e]))?;
    let mut tx = db.begin().await?;
    let call: Option<(String, String, String, Option<UserId>)> =
        sqlx::query_as("SELECT status, reply_by, title, created_by FROM calls WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((status, reply_by, title, author)) = call else { return Err(CallError::NotFound) };
    let today = Timestamp::now().date();
    if status != CallStatus::Open.code() || parse_date(&reply_by).is_ok_and(|day| today > day) {
        return Err(CallError::Closed);
    }
    let done = sqlx::query(
        "UPDATE call_recipients SET answer = $3, note = $4, answered_at = $5 WHERE call_id = $1 AND expert_id = $2",
    )
    .bind(id)
    .bind(expert)
    .bind(answer.code())
    .bind(note)
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(CallError::NotFound);
    }
    let target = id.to_string();
    let record = Event::by(Some(actor), "call.answer").on("call", &target).from_ip(ip).detail(answer.code());
    audit::record(&mut tx, &record).await?;
    if answer == Answer::Interested {
        let notice =
            Notice { kind: kinds::CALL_ANSWERED, subject: Subject::Call(id), title: &title, detail: &actor.name };
        let author: Vec<UserId> = author.into_iter().collect();
        notifications::notify(&mut tx, &author, Some(actor.user_id), &notice).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Closes a call to answers (coordinators and admins).
pub async fn close(db: &Db, actor: &Actor, id: CallId, ip: &str) -> Result<(), CallError> {
    if !actor.is_staff() {
        return Err(CallError::Forbidden);
    }
    let mut tx = db.begin().await?;
    let done = sqlx::query("UPDATE calls SET status = 'closed' WHERE id = $1 AND status = 'open'")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() != 1 {
        let exists: Option<String> =
            sqlx::query_scalar("SELECT status FROM calls WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?;
        return Err(if exists.is_some() { CallError::Closed } else { CallError::NotFound });
    }
    let target = id.to_string();
    audit::record(&mut tx, &Event::by(Some(actor), "call.close").on("call", &target).from_ip(ip)).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn calls_are_checked() {
        let today = date!(2027 - 02 - 01);
        let good = CallInput {
            title: "Cholera response in Conakry".into(),
            message: "Doctors and nurses for four weeks.".into(),
            saved_search_id: SavedSearchId::new().to_string(),
            request_id: String::new(),
            reply_by: "2027-02-05".into(),
        };
        assert_eq!(good.validate(today).unwrap().reply_by, date!(2027 - 02 - 05));
        let bad = CallInput { title: " ".into(), saved_search_id: "x".into(), reply_by: "2027-05-01".into(), ..good };
        let fields: Vec<_> = bad.validate(today).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "saved_search_id", "reply_by"]);
    }
}
