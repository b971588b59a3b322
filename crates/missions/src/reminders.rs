//! Reminders and other work due at a time: a reminder before an invitation's reply-by day, the
//! expiry of an unanswered invitation, reminders of a report due and overdue, of an evaluation
//! awaited.
//!
//! They live in the database (the `reminders` table), written in the transaction that makes
//! them due (an invitation, a completion). The scheduler of the server ([`run_due`]) claims one
//! due reminder at a time and, in one transaction, does its work (a notification, an expiry) and
//! marks it sent: a crash before the commit leaves it due, to be done at the next run; after
//! the commit it is never done again. A reminder that no longer applies (the invitation was
//! answered, the report filed) is marked cancelled instead.

use crate::candidates::{self, Status as CandidateStatus};
use crate::lifecycle::{self, Status as MissionStatus};
use crate::notifications::{self, Notice, Subject};
use crate::requests::By;
use passerelle_core::{CandidateId, MissionId, Timestamp};
use passerelle_db::{Db, Tx};
use time::{Date, Time};

pub mod kinds {
    pub const INVITATION_REMINDER: &str = "invitation_reminder";
    pub const INVITATION_EXPIRY: &str = "invitation_expiry";
    pub const REPORT_REMINDER: &str = "report_reminder";
    pub const REPORT_OVERDUE: &str = "report_overdue";
    pub const EVALUATION_REMINDER: &str = "evaluation_reminder";
    pub const CHECKLIST_DUE: &str = "checklist_due";
}

/// How many days before a mission starts its coordinator and expert are reminded of a
/// checklist not done.
pub const CHECKLIST_REMINDER_DAYS: i64 = 7;

/// The hour of the morning reminders are sent, on their recipient's clock.
pub const MORNING_HOUR: u8 = 8;

/// 08:00 on `day` on the clock of `person` (UTC for nobody): a reminder is sent when its
/// recipient starts their day, wherever they live. A reminder with several recipients is timed
/// for the one it is mostly for (the expert for an invitation, a report, a checklist).
pub async fn morning_for(
    tx: &mut Tx,
    person: Option<passerelle_core::UserId>,
    day: Date,
) -> Result<Timestamp, sqlx::Error> {
    let zone = match person {
        Some(user) => passerelle_accounts::users::time_zone_in(tx, user).await?,
        None => passerelle_core::TimeZone::utc(),
    };
    Ok(zone.at_local(day, MORNING_HOUR, 0))
}

/// The first instant of `day` on the clock of `person` (UTC for nobody).
pub async fn midnight_for(
    tx: &mut Tx,
    person: Option<passerelle_core::UserId>,
    day: Date,
) -> Result<Timestamp, sqlx::Error> {
    let zone = match person {
        Some(user) => passerelle_accounts::users::time_zone_in(tx, user).await?,
        None => passerelle_core::TimeZone::utc(),
    };
    Ok(zone.at_local(day, 0, 0))
}

/// 08:00 UTC on `day`: when reminders are sent.
pub fn at_morning(day: Date) -> Timestamp {
    Timestamp::from_datetime(day.with_time(Time::from_hms(8, 0, 0).unwrap_or(Time::MIDNIGHT)).assume_utc())
}

/// The first instant of `day`, UTC.
pub fn at_midnight(day: Date) -> Timestamp {
    Timestamp::from_datetime(day.with_time(Time::MIDNIGHT).assume_utc())
}

pub(crate) async fn schedule(tx: &mut Tx, kind: &str, subject: &str, due_at: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO reminders (kind, subject_id, due_at, created_at) VALUES ($1, $2, $3, $4)")
        .bind(kind)
        .bind(subject)
        .bind(due_at)
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Cancels the reminders of `kinds` about `subject` not yet sent.
pub(crate) async fn cancel(tx: &mut Tx, subject: &str, kinds: &[&str]) -> Result<(), sqlx::Error> {
    for kind in kinds {
        sqlx::query(
            "UPDATE reminders SET cancelled_at = $3 WHERE subject_id = $1 AND kind = $2 AND sent_at IS NULL \
             AND cancelled_at IS NULL",
        )
        .bind(subject)
        .bind(kind)
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A reminder as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Reminder {
    pub id: i64,
    pub kind: String,
    pub subject_id: String,
    pub due_at: Timestamp,
    pub sent_at: Option<Timestamp>,
    pub cancelled_at: Option<Timestamp>,
}

/// Reminders about a subject, oldest first (for pages and tests).
pub async fn of_subject(db: &Db, subject: &str) -> Result<Vec<Reminder>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, subject_id, due_at, sent_at, cancelled_at FROM reminders WHERE subject_id = $1 ORDER BY id",
    )
    .bind(subject)
    .fetch_all(db.reader())
    .await
}

/// The most reminders one run handles (the next run takes the rest).
const BATCH: usize = 500;

/// Does the work of every reminder due at `now`; returns how many were sent (not counting
/// those that no longer applied).
pub async fn run_due(db: &Db, now: Timestamp) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    for _ in 0..BATCH {
        let mut tx = db.begin().await?;
        let due: Option<(i64, String, String)> = sqlx::query_as(
            "SELECT id, kind, subject_id FROM reminders WHERE sent_at IS NULL AND cancelled_at IS NULL AND due_at <= $1 \
             ORDER BY due_at, id LIMIT 1",
        )
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((id, kind, subject)) = due else { break };
        let applies = fire(&mut tx, &kind, &subject, now).await?;
        let column = if applies { "sent_at" } else { "cancelled_at" };
        let claimed = sqlx::query(&format!(
            "UPDATE reminders SET {column} = $2 WHERE id = $1 AND sent_at IS NULL AND cancelled_at IS NULL"
        ))
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            // Someone else did it meanwhile: undo ours.
            continue;
        }
        tx.commit().await?;
        if applies {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Does the work of one reminder; `false` when it no longer applies.
async fn fire(tx: &mut Tx, kind: &str, subject: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    match kind {
        kinds::INVITATION_REMINDER | kinds::INVITATION_EXPIRY => {
            let Ok(id) = CandidateId::parse(subject) else { return Ok(false) };
            let Some(candidate) = candidates::read::load(tx, id).await? else { return Ok(false) };
            if candidate.status != CandidateStatus::Invited {
                return Ok(false);
            }
            if kind == kinds::INVITATION_EXPIRY {
                let by = By::System(candidates::store::SYSTEM);
                let expired = candidates::store::transition_in(
                    tx,
                    by,
                    id,
                    CandidateStatus::Expired,
                    &candidates::Input::default(),
                    "",
                    now,
                )
                .await;
                return match expired {
                    Ok(_) => Ok(true),
                    Err(candidates::ChangeError::Database(e)) => Err(e),
                    Err(_) => Ok(false),
                };
            }
            let detail = candidate.reply_by.map(|d| d.to_string()).unwrap_or_default();
            let notice = Notice {
                kind: notifications::kinds::INVITATION_REMINDER,
                subject: Subject::Candidate(id),
                title: &candidate.request_title,
                detail: &detail,
            };
            let expert: Vec<_> = candidate.expert_account.into_iter().collect();
            notifications::notify(tx, &expert, None, &notice).await?;
            Ok(true)
        }
        kinds::REPORT_REMINDER | kinds::REPORT_OVERDUE | kinds::EVALUATION_REMINDER => {
            let Ok(id) = MissionId::parse(subject) else { return Ok(false) };
            let Some(mission) = lifecycle::read::load(tx, id).await? else { return Ok(false) };
            let waiting =
                if kind == kinds::EVALUATION_REMINDER { MissionStatus::Reported } else { MissionStatus::Completed };
            if mission.status != waiting {
                return Ok(false);
            }
            let (notice_kind, recipients) = match kind {
                kinds::EVALUATION_REMINDER => (
                    notifications::kinds::EVALUATION_REMINDER,
                    notifications::host_members(tx, mission.institution).await?,
                ),
                kinds::REPORT_REMINDER => {
                    (notifications::kinds::REPORT_REMINDER, mission.expert_account.into_iter().collect())
                }
                _ => {
                    let mut people: Vec<_> = mission.expert_account.into_iter().collect();
                    people.extend(mission.coordinator);
                    (notifications::kinds::REPORT_OVERDUE, people)
                }
            };
            let detail = mission.report_due.map(|d| d.to_string()).unwrap_or_default();
            let notice = Notice {
                kind: notice_kind,
                subject: Subject::Mission(id),
                title: &mission.request_title,
                detail: &detail,
            };
            notifications::notify(tx, &recipients, None, &notice).await?;
            Ok(true)
        }
        kinds::CHECKLIST_DUE => {
            let Ok(id) = MissionId::parse(subject) else { return Ok(false) };
            let Some(mission) = lifecycle::read::load(tx, id).await? else { return Ok(false) };
            let waiting =
                matches!(mission.status, MissionStatus::Planned | MissionStatus::Approved | MissionStatus::Preparing);
            if !waiting || lifecycle::logistics::complete(&mission.checklist) {
                return Ok(false);
            }
            let mut people: Vec<_> = mission.expert_account.into_iter().collect();
            people.extend(mission.coordinator);
            let detail = mission.planned.start().to_string();
            let notice = Notice {
                kind: notifications::kinds::CHECKLIST_DUE,
                subject: Subject::Mission(id),
                title: &mission.request_title,
                detail: &detail,
            };
            notifications::notify(tx, &people, None, &notice).await?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// (Re)schedules the reminder of a mission's checklist: a week before it starts, at 08:00 on its
/// expert's clock (none when that morning has passed).
pub(crate) async fn schedule_checklist(
    tx: &mut Tx,
    mission: MissionId,
    expert: Option<passerelle_core::UserId>,
    starts_on: Date,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    let target = mission.to_string();
    cancel(tx, &target, &[kinds::CHECKLIST_DUE]).await?;
    let at = morning_for(tx, expert, starts_on - time::Duration::days(CHECKLIST_REMINDER_DAYS)).await?;
    if at > now {
        schedule(tx, kinds::CHECKLIST_DUE, &target, at).await?;
    }
    Ok(())
}
