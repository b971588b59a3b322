//! Adding, replacing and deleting documents, and opening one to download it. Each change is
//! written with its audit entry in one transaction; the content goes to the file store after
//! the row that points at it is committed, so that the sweep (which removes objects no row
//! points at) can never take it away underneath.

use super::access::{self, Access, get};
use super::model::{Category, Document, Owner, OwnerKind, UploadInput, check_upload};
use super::{Files, sweep};
use bytes::Bytes;
use futures_util::stream::BoxStream;
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{DocumentId, FieldError, Timestamp};
use passerelle_db::{Db, Tx};
use passerelle_files::{Kind, Received, kind, name};

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// No such document or record, or none the actor may see.
    #[error("not found")]
    NotFound,
    /// The actor sees it but may not do this.
    #[error("not allowed")]
    Forbidden,
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    /// The record's documents would hold more than the limit.
    #[error("the documents of this {owner} would hold more than {limit} bytes")]
    OverQuota { owner: OwnerKind, limit: u64 },
    /// The content waits for its virus scan, or was refused by it.
    #[error("the file is not available: {0}")]
    Unavailable(&'static str),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("file store: {0:#}")]
    Store(anyhow::Error),
}

/// A file received for a record, with what accompanies it.
#[derive(Debug)]
pub struct Upload<'a> {
    pub owner: Owner,
    pub input: &'a UploadInput,
    /// The name it was sent under.
    pub name: &'a str,
    pub received: &'a Received,
}

/// A file checked: its stored name and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub name: String,
    pub kind: Kind,
}

/// Checks a received file: its name, and its type by its content. Problems are at `field`.
pub fn check_file(field: &str, sent_name: &str, received: &Received) -> Result<Checked, Vec<FieldError>> {
    let clean = name::clean(sent_name).map_err(|refusal| {
        let code = match refusal {
            name::NameRefusal::TooLong => "file.name_too_long",
            name::NameRefusal::Control(_) => "text.control",
        };
        vec![FieldError::new(field, code, refusal.to_string())]
    })?;
    let kind = kind::detect(&received.path, &clean)
        .map_err(|refusal| vec![FieldError::new(field, refusal.code(), refusal.to_string())])?;
    let also: &[&str] = if kind == Kind::Jpeg { &["jpeg"] } else { &[] };
    Ok(Checked { name: name::with_extension(&clean, kind.extension(), also), kind })
}

/// The credentials of a profile, for a document that proves one.
async fn credentials_of(db: &Db, owner: Owner) -> Result<Vec<String>, sqlx::Error> {
    match owner {
        Owner::Expert(id) => Ok(passerelle_profiles::store::load(db, id)
            .await
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?
            .map(|p| p.data.credentials.into_iter().map(|c| c.id).collect())
            .unwrap_or_default()),
        _ => Ok(vec![]),
    }
}

/// What an upload will be, checked, before anything is written.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub category: Category,
    pub private: bool,
    pub credential: Option<String>,
    pub file: Checked,
}

/// Checks an upload by `actor` to a record they may add to.
pub async fn prepare(db: &Db, actor: &Actor, upload: &Upload<'_>) -> Result<(Prepared, Access), DocumentError> {
    let access = access::access(db, actor, upload.owner).await?.ok_or(DocumentError::NotFound)?;
    if !access.may_add {
        return Err(DocumentError::Forbidden);
    }
    let credentials = credentials_of(db, upload.owner).await?;
    let checked = check_upload(upload.owner.kind(), upload.input, access.is_staff(), &credentials);
    let file = check_file("file", upload.name, upload.received);
    match (checked, file) {
        (Ok((category, private, credential)), Ok(file)) => {
            Ok((Prepared { category, private, credential, file }, access))
        }
        (checked, file) => {
            let mut problems = checked.err().unwrap_or_default();
            problems.extend(file.err().unwrap_or_default());
            Err(DocumentError::Invalid(problems))
        }
    }
}

/// Holds the record's row for the rest of the transaction (concurrent uploads to one record
/// queue on PostgreSQL), and refuses `adding` more bytes than its limit; `replacing` is the
/// size of a document being replaced.
async fn check_quota(
    tx: &mut Tx,
    files: &Files,
    owner: Owner,
    adding: u64,
    replacing: u64,
) -> Result<(), DocumentError> {
    let lock = tx.dialect().for_update();
    let (table, filter) = match owner {
        Owner::Request(_) => ("requests", "id = $1"),
        Owner::Mission(_) => ("missions", "id = $1"),
        Owner::Candidate(_) => ("candidates", "id = $1"),
        Owner::Expert(_) => ("experts", "id = $1"),
        Owner::Message(_) => ("threads", "id = (SELECT thread_id FROM messages WHERE id = CAST($1 AS BIGINT))"),
    };
    sqlx::query(&format!("SELECT 1 FROM {table} WHERE {filter}{lock}"))
        .bind(owner.id())
        .fetch_optional(&mut **tx)
        .await?;
    let used: i64 = match owner {
        Owner::Message(id) => sqlx::query_scalar(
            "SELECT COALESCE(CAST(sum(d.size) AS BIGINT), 0) FROM documents d JOIN messages m ON m.id = d.message_id \
                 WHERE m.thread_id = (SELECT thread_id FROM messages WHERE id = $1)",
        )
        .bind(id)
        .fetch_one(&mut **tx)
        .await?,
        _ => {
            let sql =
                format!("SELECT COALESCE(CAST(sum(size) AS BIGINT), 0) FROM documents WHERE {} = $1", owner.column());
            sqlx::query_scalar(&sql).bind(owner.id()).fetch_one(&mut **tx).await?
        }
    };
    let after = u64::try_from(used).unwrap_or(0).saturating_sub(replacing) + adding;
    if after > files.limits.max_owner_bytes {
        return Err(DocumentError::OverQuota { owner: owner.kind(), limit: files.limits.max_owner_bytes });
    }
    Ok(())
}

/// The row of a content (written once per content).
async fn object_row(tx: &mut Tx, files: &Files, received: &Received, kind: Kind) -> Result<(), sqlx::Error> {
    let scan = if files.clamd.is_some() { "pending" } else { "unscanned" };
    sqlx::query(
        "INSERT INTO stored_objects (hash, size, media_type, scan, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (hash) DO NOTHING",
    )
    .bind(received.hash.as_str())
    .bind(i64::try_from(received.size).unwrap_or(i64::MAX))
    .bind(kind.media_type())
    .bind(scan)
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn event<'a>(actor: &'a Actor, action: &'a str, id: &'a str, ip: &'a str, detail: &'a str) -> Event<'a> {
    Event::by(Some(actor), action).on("document", id).from_ip(ip).detail(detail)
}

/// Writes the rows of a prepared upload in `tx` (the content is stored after the commit, with
/// [`store_content`]).
pub async fn record_in(
    tx: &mut Tx,
    files: &Files,
    actor: &Actor,
    owner: Owner,
    prepared: &Prepared,
    received: &Received,
    ip: &str,
) -> Result<DocumentId, DocumentError> {
    check_quota(tx, files, owner, received.size, 0).await?;
    object_row(tx, files, received, prepared.file.kind).await?;
    let id = DocumentId::new();
    let sql = format!(
        "INSERT INTO documents (id, {}, category, name, object_hash, size, media_type, private, credential_id, \
         uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        owner.column()
    );
    let query = sqlx::query(&sql).bind(id);
    // A message's id is an integer column, the others' ids text.
    let query = match owner {
        Owner::Message(message) => query.bind(message),
        _ => query.bind(owner.id()),
    };
    query
        .bind(prepared.category.code())
        .bind(&prepared.file.name)
        .bind(received.hash.as_str())
        .bind(i64::try_from(received.size).unwrap_or(i64::MAX))
        .bind(prepared.file.kind.media_type())
        .bind(i64::from(prepared.private))
        .bind(&prepared.credential)
        .bind(actor.user_id)
        .bind(Timestamp::now())
        .execute(&mut **tx)
        .await?;
    let target = id.to_string();
    let detail = format!(
        "{} {}: {} {:?} ({} bytes){}",
        owner.kind(),
        owner.id(),
        prepared.category,
        prepared.file.name,
        received.size,
        if prepared.private { ", private" } else { "" }
    );
    audit::record(tx, &event(actor, "document.upload", &target, ip, &detail)).await?;
    Ok(id)
}

/// Stores the content of documents just committed; when the store fails, the documents are
/// removed again (their rows would point at nothing) and the error returned.
pub async fn store_content(
    db: &Db,
    files: &Files,
    ids: &[DocumentId],
    received: &[&Received],
) -> Result<(), DocumentError> {
    for file in received {
        if let Err(error) = files.store.put(file).await {
            let mut tx = db.begin().await?;
            for id in ids {
                sqlx::query("DELETE FROM documents WHERE id = $1").bind(id).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            return Err(DocumentError::Store(error));
        }
    }
    Ok(())
}

/// Adds a document to a record `actor` may add to.
pub async fn add(
    db: &Db,
    files: &Files,
    actor: &Actor,
    upload: &Upload<'_>,
    ip: &str,
) -> Result<Document, DocumentError> {
    let (prepared, _) = prepare(db, actor, upload).await?;
    let mut tx = db.begin().await?;
    let id = record_in(&mut tx, files, actor, upload.owner, &prepared, upload.received, ip).await?;
    tx.commit().await?;
    store_content(db, files, &[id], &[upload.received]).await?;
    fetch(db, id).await
}

async fn fetch(db: &Db, id: DocumentId) -> Result<Document, DocumentError> {
    let mut conn = db.reader().acquire().await?;
    access::load(&mut conn, id).await?.ok_or(DocumentError::NotFound)
}

/// The document `actor` may change: staff, or who uploaded it.
async fn changeable(db: &Db, actor: &Actor, id: DocumentId) -> Result<Document, DocumentError> {
    let (document, access) = get(db, actor, id).await?.ok_or(DocumentError::NotFound)?;
    if document.owner.kind() == OwnerKind::Message || !access.may_change(actor, &document) {
        return Err(DocumentError::Forbidden);
    }
    Ok(document)
}

/// Replaces the content (and name) of a document; the old content leaves the store unless
/// another document holds it.
pub async fn replace(
    db: &Db,
    files: &Files,
    actor: &Actor,
    id: DocumentId,
    sent_name: &str,
    received: &Received,
    ip: &str,
) -> Result<Document, DocumentError> {
    let old = changeable(db, actor, id).await?;
    let checked = check_file("file", sent_name, received).map_err(DocumentError::Invalid)?;
    let mut tx = db.begin().await?;
    check_quota(&mut tx, files, old.owner, received.size, old.size).await?;
    object_row(&mut tx, files, received, checked.kind).await?;
    let now = Timestamp::now();
    sqlx::query(
        "UPDATE documents SET name = $2, object_hash = $3, size = $4, media_type = $5, uploaded_by = $6, \
         uploaded_at = $7, replaced_at = $7 WHERE id = $1",
    )
    .bind(id)
    .bind(&checked.name)
    .bind(received.hash.as_str())
    .bind(i64::try_from(received.size).unwrap_or(i64::MAX))
    .bind(checked.kind.media_type())
    .bind(actor.user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let target = id.to_string();
    let detail = format!("{:?} ({} bytes) -> {:?} ({} bytes)", old.name, old.size, checked.name, received.size);
    audit::record(&mut tx, &event(actor, "document.replace", &target, ip, &detail)).await?;
    tx.commit().await?;
    if let Err(error) = files.store.put(received).await {
        tracing::error!(error = format!("{error:#}"), "cannot store a replacement");
        return Err(DocumentError::Store(error));
    }
    sweep::remove_unused(db, files, std::slice::from_ref(&old.hash)).await.map_err(DocumentError::Store)?;
    fetch(db, id).await
}

/// Deletes a document; its content leaves the store unless another document holds it.
pub async fn delete(db: &Db, files: &Files, actor: &Actor, id: DocumentId, ip: &str) -> Result<(), DocumentError> {
    let document = changeable(db, actor, id).await?;
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM documents WHERE id = $1").bind(id).execute(&mut *tx).await?;
    let target = id.to_string();
    let detail = format!("{} {}: {:?}", document.owner.kind(), document.owner.id(), document.name);
    audit::record(&mut tx, &event(actor, "document.delete", &target, ip, &detail)).await?;
    tx.commit().await?;
    sweep::remove_unused(db, files, std::slice::from_ref(&document.hash)).await.map_err(DocumentError::Store)?;
    Ok(())
}

/// A document's content, for `actor` to download: its record, size and bytes. Reading a
/// sensitive document (private, personal, of a profile or a candidacy) is in the audit log.
pub async fn open(
    db: &Db,
    files: &Files,
    actor: &Actor,
    id: DocumentId,
    ip: &str,
) -> Result<(Document, u64, BoxStream<'static, std::io::Result<Bytes>>), DocumentError> {
    let (document, _) = get(db, actor, id).await?.ok_or(DocumentError::NotFound)?;
    match document.scan {
        super::Scan::Pending => return Err(DocumentError::Unavailable("it waits for its virus scan")),
        super::Scan::Infected => return Err(DocumentError::Unavailable("the virus scan refused it")),
        _ => {}
    }
    if document.is_sensitive() {
        let target = id.to_string();
        let detail = format!("{} {}: {:?}", document.owner.kind(), document.owner.id(), document.name);
        audit::record_alone(db, &event(actor, "document.download", &target, ip, &detail)).await?;
    }
    let (size, stream) = files.store.get(&document.hash).await.map_err(DocumentError::Store)?;
    Ok((document, size, stream))
}
