//! Conversations: one about each candidacy (the coordinators and the expert; the host joins
//! once the expert has consented, and leaves when the consent ends) and one about each mission
//! (the coordinators, the expert and the host). Messages are plain text, with attachments;
//! each person has their own read mark; the others are told in their inbox and by email.
//! Coordinators and admins take part in every conversation.
//!
//! - this module: who takes part ([`party`]), reading a conversation ([`open`]);
//! - [`store`]: writing a message with its attachments and notifications, read marks, and
//!   what erasure does to an expert's messages (blanked, kept in place, shown as erased).

pub mod store;

pub use store::{MAX_ATTACHMENTS, MAX_BODY_CHARS, MessageError, mark_read, post};

use crate::candidates::{self, HostView};
use crate::documents::{self, Document};
use crate::lifecycle;
use crate::party::Party;
use passerelle_accounts::Actor;
use passerelle_core::{CandidateId, MissionId, ThreadId, Timestamp, UserId};
use passerelle_db::Db;
use sqlx::FromRow;

/// What a conversation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Candidate(CandidateId),
    Mission(MissionId),
}

impl Subject {
    pub(crate) fn column(self) -> &'static str {
        match self {
            Subject::Candidate(_) => "candidate_id",
            Subject::Mission(_) => "mission_id",
        }
    }

    pub fn id(self) -> String {
        match self {
            Subject::Candidate(id) => id.to_string(),
            Subject::Mission(id) => id.to_string(),
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Subject::Candidate(_) => "candidate",
            Subject::Mission(_) => "mission",
        }
    }
}

/// The party `actor` is to a conversation, if they take part: staff always; the expert once
/// invited (a candidacy) or on their mission; the host on its mission, and on a candidacy only
/// while the expert's consent lasts.
pub async fn party(db: &Db, actor: &Actor, subject: Subject) -> Result<Option<Party>, sqlx::Error> {
    Ok(match subject {
        Subject::Candidate(id) => {
            let Some(candidate) = candidates::get(db, id).await? else { return Ok(None) };
            let now = Timestamp::now();
            match candidates::party_for(actor, &candidate, now) {
                Some(Party::Host) if candidate.host_view(now) != HostView::Full => None,
                party => party,
            }
        }
        Subject::Mission(id) => {
            let Some(mission) = lifecycle::get(db, id).await? else { return Ok(None) };
            lifecycle::party_for(actor, &mission)
        }
    })
}

/// A message as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: i64,
    pub author: Option<UserId>,
    /// `None` once the author's account is gone.
    pub author_name: Option<String>,
    pub author_party: Party,
    /// Empty once erased.
    pub body: String,
    pub created_at: Timestamp,
    /// The author's data was erased: the message is kept in its place, without its words.
    pub erased: bool,
    pub attachments: Vec<Document>,
}

/// A conversation, for one reader.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub subject: Subject,
    /// The request's title.
    pub title: String,
    /// How the reader takes part.
    pub party: Party,
    pub thread: Option<ThreadId>,
    pub messages: Vec<Message>,
    /// The last message the reader had read before now (0 when none).
    pub last_read: i64,
}

impl Conversation {
    pub fn unread(&self) -> usize {
        self.messages.iter().filter(|m| m.id > self.last_read).count()
    }
}

#[derive(FromRow)]
struct Row {
    id: i64,
    author_id: Option<UserId>,
    author_name: Option<String>,
    author_party: String,
    body: String,
    created_at: Timestamp,
    erased_at: Option<Timestamp>,
}

pub(crate) async fn thread_of(db: &Db, subject: Subject) -> Result<Option<ThreadId>, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT id FROM threads WHERE {} = $1", subject.column()))
        .bind(subject.id())
        .fetch_optional(db.reader())
        .await
}

async fn title_of(db: &Db, subject: Subject) -> Result<String, sqlx::Error> {
    let sql = match subject {
        Subject::Candidate(_) => {
            "SELECT r.title FROM candidates c JOIN requests r ON r.id = c.request_id WHERE c.id = $1"
        }
        Subject::Mission(_) => "SELECT r.title FROM missions m JOIN requests r ON r.id = m.request_id WHERE m.id = $1",
    };
    Ok(sqlx::query_scalar(sql).bind(subject.id()).fetch_optional(db.reader()).await?.unwrap_or_default())
}

/// The conversation about `subject` as `actor` may read it (`None` when they take no part),
/// with the attachments they may download. Reading does not mark it read ([`mark_read`]).
pub async fn open(db: &Db, actor: &Actor, subject: Subject) -> Result<Option<Conversation>, sqlx::Error> {
    let Some(party) = party(db, actor, subject).await? else { return Ok(None) };
    let title = title_of(db, subject).await?;
    let thread = thread_of(db, subject).await?;
    let (mut messages, mut last_read) = (Vec::new(), 0);
    if let Some(thread) = thread {
        messages = messages_of(db, thread).await?;
        last_read = sqlx::query_scalar("SELECT last_read FROM thread_reads WHERE thread_id = $1 AND user_id = $2")
            .bind(thread)
            .bind(actor.user_id)
            .fetch_optional(db.reader())
            .await?
            .unwrap_or(0);
    }
    Ok(Some(Conversation { subject, title, party, thread, messages, last_read }))
}

/// The messages of a thread with their attachments, oldest first, whoever asks (callers check).
pub(crate) async fn messages_of(db: &Db, thread: ThreadId) -> Result<Vec<Message>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT m.id, m.author_id, u.name AS author_name, m.author_party, m.body, m.created_at, m.erased_at \
         FROM messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.thread_id = $1 ORDER BY m.id",
    )
    .bind(thread)
    .fetch_all(db.reader())
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let attachments = documents::access::of_messages(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| Message {
            id: row.id,
            author: row.author_id,
            author_name: row.author_name,
            author_party: Party::parse(&row.author_party).unwrap_or(Party::Staff),
            body: row.body,
            created_at: row.created_at,
            erased: row.erased_at.is_some(),
            attachments: attachments.iter().filter(|d| d.owner == documents::Owner::Message(row.id)).cloned().collect(),
        })
        .collect())
}

/// How many messages of the conversation `user` has not read.
pub async fn unread(db: &Db, user: UserId, subject: Subject) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT count(*) FROM messages m JOIN threads t ON t.id = m.thread_id \
         LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = $2 \
         WHERE t.{} = $1 AND m.id > COALESCE(r.last_read, 0) AND (m.author_id IS NULL OR m.author_id <> $2)",
        subject.column()
    ))
    .bind(subject.id())
    .bind(user)
    .fetch_one(db.reader())
    .await
}

/// What a message is about (for its attachments' access).
pub(crate) async fn subject_of_message(db: &Db, id: i64) -> Result<Option<Subject>, sqlx::Error> {
    let found: Option<(Option<CandidateId>, Option<MissionId>)> = sqlx::query_as(
        "SELECT t.candidate_id, t.mission_id FROM messages m JOIN threads t ON t.id = m.thread_id WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    Ok(match found {
        Some((Some(candidate), _)) => Some(Subject::Candidate(candidate)),
        Some((_, Some(mission))) => Some(Subject::Mission(mission)),
        _ => None,
    })
}
