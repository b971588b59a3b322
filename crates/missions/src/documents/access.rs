//! Who may read and add the documents of a record: the same policy as the record itself.
//! Reading a document goes through [`get`] or [`list`], which take the actor: no handler can
//! hold a document it was not allowed.
//!
//! | record    | read                                                        | add            |
//! |-----------|-------------------------------------------------------------|----------------|
//! | request   | staff, the institution's members, experts invited to it     | staff, members |
//! | mission   | its parties (staff, its expert, the host); private: staff   | its parties    |
//! | candidacy | staff, the expert; the host while the expert's consent lasts | staff, expert  |
//! | profile   | the expert, staff; a host the expert consented to           | expert, staff  |
//! | message   | who may read the conversation                               | (by posting)   |
//!
//! Anyone else learns nothing, not even that the record exists (404).

use super::model::{Category, Document, Owner, Scan};
use crate::candidates::{self, HostView};
use crate::party::Party;
use crate::{lifecycle, messages, requests};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{CandidateId, DocumentId, ExpertId, MissionId, RequestId, Timestamp, UserId};
use passerelle_db::Db;
use passerelle_files::ContentHash;
use sqlx::FromRow;

/// What an actor may do with the documents of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// How they take part in the record.
    pub party: Party,
    /// Whether they may add documents to it.
    pub may_add: bool,
}

impl Access {
    pub fn is_staff(self) -> bool {
        self.party == Party::Staff
    }

    /// Whether they may see this document of the record (private ones are staff's).
    pub fn sees(self, document: &Document) -> bool {
        !document.private || self.is_staff()
    }

    /// Whether they may replace or delete it: staff, or who uploaded it while they may still add.
    pub fn may_change(self, actor: &Actor, document: &Document) -> bool {
        self.is_staff() || (self.may_add && document.uploaded_by == Some(actor.user_id))
    }
}

/// The access `actor` has to the documents of `owner`, or `None` when the record does not
/// exist for them.
pub async fn access(db: &Db, actor: &Actor, owner: Owner) -> Result<Option<Access>, sqlx::Error> {
    let with = |party, may_add| Some(Access { party, may_add });
    Ok(match owner {
        Owner::Request(id) => {
            let Some(request) = requests::get(db, id).await? else { return Ok(None) };
            match requests::party(actor, request.institution) {
                Some(party @ (Party::Staff | Party::Host)) => with(party, true),
                _ if invited_to(db, actor, id).await? => with(Party::Expert, false),
                _ => None,
            }
        }
        Owner::Mission(id) => {
            let Some(mission) = lifecycle::get(db, id).await? else { return Ok(None) };
            lifecycle::party_for(actor, &mission).and_then(|party| with(party, true))
        }
        Owner::Candidate(id) => candidate_access(db, actor, id).await?,
        Owner::Expert(id) => {
            let Some(account) = passerelle_profiles::store::owner(db, id).await? else { return Ok(None) };
            if actor.is_staff() {
                with(Party::Staff, true)
            } else if actor.role == Role::Expert && account == Some(actor.user_id) {
                with(Party::Expert, true)
            } else if consented_to_host(db, actor, id).await? {
                with(Party::Host, false)
            } else {
                None
            }
        }
        Owner::Message(id) => {
            let subject = messages::subject_of_message(db, id).await?;
            match subject {
                Some(subject) => messages::party(db, actor, subject).await?.and_then(|party| with(party, false)),
                None => None,
            }
        }
    })
}

async fn candidate_access(db: &Db, actor: &Actor, id: CandidateId) -> Result<Option<Access>, sqlx::Error> {
    let Some(candidate) = candidates::get(db, id).await? else { return Ok(None) };
    let now = Timestamp::now();
    Ok(match candidates::party_for(actor, &candidate, now) {
        Some(Party::Host) if candidate.host_view(now) != HostView::Full => None,
        Some(Party::Host) => Some(Access { party: Party::Host, may_add: false }),
        Some(party) => Some(Access { party, may_add: true }),
        None => None,
    })
}

/// Whether `actor` is an expert invited (at least) to a candidacy of this request.
async fn invited_to(db: &Db, actor: &Actor, request: RequestId) -> Result<bool, sqlx::Error> {
    if actor.role != Role::Expert {
        return Ok(false);
    }
    let statuses: Vec<String> = sqlx::query_scalar(
        "SELECT c.status FROM candidates c JOIN experts e ON e.id = c.expert_id WHERE c.request_id = $1 AND e.user_id = $2",
    )
    .bind(request)
    .bind(actor.user_id)
    .fetch_all(db.reader())
    .await?;
    Ok(statuses.iter().any(|s| candidates::Status::parse(s).is_ok_and(|s| s.known_to_expert())))
}

/// Whether `actor` is a member of a host the expert consented to share their profile with.
async fn consented_to_host(db: &Db, actor: &Actor, expert: ExpertId) -> Result<bool, sqlx::Error> {
    let Some(institution) = actor.institution.filter(|_| actor.role == Role::Institution) else { return Ok(false) };
    let query =
        candidates::Query { expert: Some(expert), institution: Some(institution), limit: 200, ..Default::default() };
    let now = Timestamp::now();
    Ok(candidates::search(db, &query).await?.iter().any(|c| c.host_view(now) == HostView::Full))
}

#[derive(FromRow)]
struct Row {
    id: DocumentId,
    request_id: Option<RequestId>,
    mission_id: Option<MissionId>,
    candidate_id: Option<CandidateId>,
    expert_id: Option<ExpertId>,
    message_id: Option<i64>,
    category: String,
    name: String,
    object_hash: String,
    size: i64,
    media_type: String,
    #[sqlx(try_from = "passerelle_core::Flag")]
    private: bool,
    credential_id: Option<String>,
    uploaded_by: Option<UserId>,
    uploader_name: Option<String>,
    uploaded_at: Timestamp,
    replaced_at: Option<Timestamp>,
    scan: String,
}

pub(crate) const SELECT: &str = "SELECT d.id, d.request_id, d.mission_id, d.candidate_id, d.expert_id, d.message_id, \
     d.category, d.name, d.object_hash, d.size, d.media_type, d.private, d.credential_id, d.uploaded_by, \
     u.name AS uploader_name, d.uploaded_at, d.replaced_at, o.scan \
     FROM documents d JOIN stored_objects o ON o.hash = d.object_hash LEFT JOIN users u ON u.id = d.uploaded_by";

fn bad(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("a document row with {what}").into())
}

impl TryFrom<Row> for Document {
    type Error = sqlx::Error;
    fn try_from(row: Row) -> Result<Document, sqlx::Error> {
        let owner = match (row.request_id, row.mission_id, row.candidate_id, row.expert_id, row.message_id) {
            (Some(id), ..) => Owner::Request(id),
            (_, Some(id), ..) => Owner::Mission(id),
            (_, _, Some(id), ..) => Owner::Candidate(id),
            (_, _, _, Some(id), _) => Owner::Expert(id),
            (_, _, _, _, Some(id)) => Owner::Message(id),
            _ => return Err(bad("no owner")),
        };
        Ok(Document {
            id: row.id,
            owner,
            category: Category::parse(&row.category).map_err(|_| bad("an unknown category"))?,
            name: row.name,
            hash: ContentHash::parse(&row.object_hash).ok_or_else(|| bad("a malformed hash"))?,
            size: u64::try_from(row.size).unwrap_or(0),
            media_type: row.media_type,
            private: row.private,
            credential: row.credential_id,
            uploaded_by: row.uploaded_by,
            uploader_name: row.uploader_name,
            uploaded_at: row.uploaded_at,
            replaced_at: row.replaced_at,
            scan: Scan::parse(&row.scan).map_err(|_| bad("an unknown scan state"))?,
        })
    }
}

/// A document whoever asks (for the store and the sweep, never for a handler).
pub(crate) async fn load(conn: &mut passerelle_db::Conn, id: DocumentId) -> Result<Option<Document>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE d.id = $1")).bind(id).fetch_optional(conn).await?;
    row.map(Document::try_from).transpose()
}

/// The documents of a record whoever asks, oldest first.
pub(crate) async fn of_owner(db: &Db, owner: Owner) -> Result<Vec<Document>, sqlx::Error> {
    let rows: Vec<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE d.{} = $1 ORDER BY d.uploaded_at, d.id", owner.column()))
            .bind(owner.id())
            .fetch_all(db.reader())
            .await?;
    rows.into_iter().map(Document::try_from).collect()
}

/// The documents of messages, by message.
pub(crate) async fn of_messages(db: &Db, ids: &[i64]) -> Result<Vec<Document>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in ids.chunks(200) {
        let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        if list.is_empty() {
            continue;
        }
        let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE d.message_id IN ({list}) ORDER BY d.id"))
            .fetch_all(db.reader())
            .await?;
        for row in rows {
            found.push(Document::try_from(row)?);
        }
    }
    Ok(found)
}

/// One document, if `actor` may see it, with their access to its record.
pub async fn get(db: &Db, actor: &Actor, id: DocumentId) -> Result<Option<(Document, Access)>, sqlx::Error> {
    let mut conn = db.reader().acquire().await?;
    let Some(document) = load(&mut conn, id).await? else { return Ok(None) };
    drop(conn);
    let Some(access) = access(db, actor, document.owner).await? else { return Ok(None) };
    Ok(access.sees(&document).then_some((document, access)))
}

/// The documents of a record that `actor` may see, with their access, or `None` when the
/// record does not exist for them.
pub async fn list(db: &Db, actor: &Actor, owner: Owner) -> Result<Option<(Vec<Document>, Access)>, sqlx::Error> {
    let Some(access) = access(db, actor, owner).await? else { return Ok(None) };
    let documents = of_owner(db, owner).await?.into_iter().filter(|d| access.sees(d)).collect();
    Ok(Some((documents, access)))
}
