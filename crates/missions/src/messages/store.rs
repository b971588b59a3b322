//! Writing a message (with its attachments, the author's read mark and the others'
//! notifications, in one transaction), read marks, and an expert's messages on erasure.

use super::{Subject, party, thread_of};
use crate::candidates::{self, HostView};
use crate::documents::store::{DocumentError, Prepared, check_file, record_in, store_content};
use crate::documents::{Category, Files, Owner};
use crate::lifecycle;
use crate::notifications::{self, Notice, kinds};
use crate::party::Party;
use passerelle_accounts::Actor;
use passerelle_core::{FieldError, Problems, ThreadId, Timestamp, UserId};
use passerelle_db::{Db, Tx};
use passerelle_files::Received;

/// The longest message, in characters: a few paragraphs, not a report (reports have their form).
pub const MAX_BODY_CHARS: usize = 5000;
/// The most files one message carries.
pub const MAX_ATTACHMENTS: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    /// No such conversation, or none the actor takes part in.
    #[error("not found")]
    NotFound,
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Document(#[from] DocumentError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The thread of `subject`, made now if it has none yet.
async fn thread_in(tx: &mut Tx, subject: Subject) -> Result<ThreadId, sqlx::Error> {
    let column = subject.column();
    sqlx::query(&format!(
        "INSERT INTO threads (id, {column}, created_at) VALUES ($1, $2, $3) ON CONFLICT ({column}) DO NOTHING"
    ))
    .bind(ThreadId::new())
    .bind(subject.id())
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    sqlx::query_scalar(&format!("SELECT id FROM threads WHERE {column} = $1"))
        .bind(subject.id())
        .fetch_one(&mut **tx)
        .await
}

async fn set_read(tx: &mut Tx, thread: ThreadId, user: UserId, up_to: i64) -> Result<(), sqlx::Error> {
    let greatest = tx.dialect().greatest("thread_reads.last_read", "excluded.last_read");
    sqlx::query(&format!(
        "INSERT INTO thread_reads (thread_id, user_id, last_read) VALUES ($1, $2, $3) \
         ON CONFLICT (thread_id, user_id) DO UPDATE SET last_read = {greatest}"
    ))
    .bind(thread)
    .bind(user)
    .bind(up_to)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whom to tell of a new message: the expert, the coordinator who follows the candidacy or
/// mission, the host's members (on a candidacy only under consent), and the staff who wrote
/// in the conversation before.
async fn recipients(
    tx: &mut Tx,
    db: &Db,
    subject: Subject,
    thread: ThreadId,
) -> Result<(Vec<UserId>, Notice<'static>), sqlx::Error> {
    let mut people = Vec::new();
    let notice_subject = match subject {
        Subject::Candidate(id) => {
            if let Some(candidate) = candidates::get(db, id).await? {
                if candidate.status.known_to_expert() {
                    people.extend(candidate.expert_account);
                }
                people.extend(candidate.coordinator);
                if candidate.host_view(Timestamp::now()) == HostView::Full {
                    people.extend(notifications::host_members(tx, candidate.institution).await?);
                }
            }
            notifications::Subject::CandidateThread(id)
        }
        Subject::Mission(id) => {
            if let Some(mission) = lifecycle::get(db, id).await? {
                people.extend(mission.expert_account);
                people.extend(mission.coordinator);
                people.extend(notifications::host_members(tx, mission.institution).await?);
            }
            notifications::Subject::MissionThread(id)
        }
    };
    let staff: Vec<UserId> = sqlx::query_scalar(
        "SELECT DISTINCT author_id FROM messages WHERE thread_id = $1 AND author_party = 'staff' AND author_id IS NOT NULL",
    )
    .bind(thread)
    .fetch_all(&mut **tx)
    .await?;
    people.extend(staff);
    Ok((people, Notice { kind: kinds::MESSAGE, subject: notice_subject, title: "", detail: "" }))
}

/// Writes a message by `actor` in the conversation about `subject`, with `attachments` (each
/// the name it was sent under and the file received). Returns the message's id.
pub async fn post(
    db: &Db,
    files: &Files,
    actor: &Actor,
    subject: Subject,
    body: &str,
    attachments: &[(String, Received)],
    ip: &str,
) -> Result<i64, MessageError> {
    let Some(by) = party(db, actor, subject).await? else { return Err(MessageError::NotFound) };
    let mut problems = Problems::new();
    let body = problems.paragraphs("body", body, MAX_BODY_CHARS, true);
    if attachments.len() > MAX_ATTACHMENTS {
        problems.push(FieldError::new("files", "message.too_many_files", format!("at most {MAX_ATTACHMENTS} files")));
    }
    let mut prepared = Vec::new();
    for (i, (name, received)) in attachments.iter().enumerate() {
        match check_file(&format!("files[{i}]"), name, received) {
            Ok(file) => {
                prepared.push(Prepared { category: Category::Attachment, private: false, credential: None, file })
            }
            Err(errors) => errors.into_iter().for_each(|e| problems.push(e)),
        }
    }
    let problems = problems.into_vec();
    if !problems.is_empty() {
        return Err(MessageError::Invalid(problems));
    }
    let title: String = super::title_of(db, subject).await?;
    let mut tx = db.begin().await?;
    let thread = thread_in(&mut tx, subject).await?;
    let (people, notice) = recipients(&mut tx, db, subject, thread).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO messages (thread_id, author_id, author_party, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(thread)
    .bind(actor.user_id)
    .bind(match by {
        Party::Expert => "expert",
        Party::Host => "host",
        _ => "staff",
    })
    .bind(&body)
    .bind(Timestamp::now())
    .fetch_one(&mut *tx)
    .await?;
    let mut ids = Vec::new();
    for (file, (_, received)) in prepared.iter().zip(attachments) {
        ids.push(record_in(&mut tx, files, actor, Owner::Message(id), file, received, ip).await?);
    }
    set_read(&mut tx, thread, actor.user_id, id).await?;
    let notice = Notice { title: &title, detail: &actor.name, ..notice };
    notifications::notify(&mut tx, &people, Some(actor.user_id), &notice).await?;
    tx.commit().await?;
    let received: Vec<&Received> = attachments.iter().map(|(_, r)| r).collect();
    store_content(db, files, &ids, &received).await?;
    Ok(id)
}

/// Marks the conversation read by `actor` up to its last message; `false` when they take no
/// part in it.
pub async fn mark_read(db: &Db, actor: &Actor, subject: Subject) -> Result<bool, sqlx::Error> {
    if party(db, actor, subject).await?.is_none() {
        return Ok(false);
    }
    let Some(thread) = thread_of(db, subject).await? else { return Ok(true) };
    let last: Option<i64> = sqlx::query_scalar("SELECT max(id) FROM messages WHERE thread_id = $1")
        .bind(thread)
        .fetch_one(db.reader())
        .await?;
    if let Some(last) = last {
        let mut tx = db.begin().await?;
        set_read(&mut tx, thread, actor.user_id, last).await?;
        tx.commit().await?;
    }
    Ok(true)
}

/// On erasure of the person with account `user`: the files of their messages are deleted
/// and their messages blanked and marked erased, kept in their place between the others'.
pub(crate) async fn erase_author_in(tx: &mut Tx, user: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM documents WHERE message_id IN (SELECT id FROM messages WHERE author_id = $1)")
        .bind(user)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE messages SET body = '', erased_at = $2, author_id = NULL WHERE author_id = $1")
        .bind(user)
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}
