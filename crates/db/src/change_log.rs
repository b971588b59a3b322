//! The change log: the outbox between the database (the truth) and the search index (derived).
//!
//! A capability crate calls [`append`] inside the transaction that changes what search sees;
//! the indexer calls [`read_after`] from the last sequence it applied. Sequences only grow. On
//! SQLite, with one writer, they are committed in order; with several PostgreSQL writers a
//! reader must expect gaps that fill later, which is why readers work from sequences, not counts.

use crate::{Db, Tx};
use passerelle_core::Timestamp;

/// What kind of entity changed. Only what the index holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Expert,
}

impl EntityKind {
    pub fn code(self) -> &'static str {
        match self {
            EntityKind::Expert => "expert",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "expert" => Some(EntityKind::Expert),
            _ => None,
        }
    }
}

/// What happened to it: the indexer reloads an upserted entity and drops a deleted one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    Upsert,
    Delete,
}

impl Operation {
    pub fn code(self) -> &'static str {
        match self {
            Operation::Upsert => "upsert",
            Operation::Delete => "delete",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "upsert" => Some(Operation::Upsert),
            "delete" => Some(Operation::Delete),
            _ => None,
        }
    }
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub seq: i64,
    pub entity_kind: EntityKind,
    pub entity_id: String,
    pub operation: Operation,
    pub recorded_at: Timestamp,
}

/// Appends an entry inside the caller's transaction; returns its sequence number.
pub async fn append(tx: &mut Tx, kind: EntityKind, entity_id: &str, operation: Operation) -> Result<i64, sqlx::Error> {
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO change_log (entity_kind, entity_id, operation, recorded_at) VALUES ($1, $2, $3, $4) RETURNING seq",
    )
    .bind(kind.code())
    .bind(entity_id)
    .bind(operation.code())
    .bind(Timestamp::now())
    .fetch_one(&mut **tx)
    .await?;
    tx.record_change(seq);
    Ok(seq)
}

/// Entries with a sequence above `after`, oldest first, at most `limit`.
pub async fn read_after(db: &Db, after: i64, limit: u32) -> Result<Vec<Change>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, Timestamp)> = sqlx::query_as(
        "SELECT seq, entity_kind, entity_id, operation, recorded_at FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after)
    .bind(i64::from(limit))
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|(seq, kind, entity_id, operation, recorded_at)| {
            let decode_error = |what: &str| sqlx::Error::Decode(format!("change_log {seq}: unknown {what}").into());
            Ok(Change {
                seq,
                entity_kind: EntityKind::parse(&kind).ok_or_else(|| decode_error("entity kind"))?,
                entity_id,
                operation: Operation::parse(&operation).ok_or_else(|| decode_error("operation"))?,
                recorded_at,
            })
        })
        .collect()
}

/// The highest sequence in the log (0 when empty): how far the index must get to be caught up.
pub async fn last_seq(db: &Db) -> Result<i64, sqlx::Error> {
    let seq: Option<i64> = sqlx::query_scalar("SELECT max(seq) FROM change_log").fetch_one(db.reader()).await?;
    Ok(seq.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn migrated() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path()).await.unwrap();
        db.migrate().await.unwrap();
        (dir, db)
    }

    #[tokio::test]
    async fn entries_are_read_forward_in_order() {
        let (_dir, db) = migrated().await;
        let mut tx = db.begin().await.unwrap();
        let a = append(&mut tx, EntityKind::Expert, "a", Operation::Upsert).await.unwrap();
        let b = append(&mut tx, EntityKind::Expert, "b", Operation::Delete).await.unwrap();
        assert_eq!(tx.commit().await.unwrap(), Some(b));
        assert!(a < b);

        let all = read_after(&db, 0, 10).await.unwrap();
        assert_eq!(all.iter().map(|c| c.entity_id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(all[1].operation, Operation::Delete);
        assert_eq!(read_after(&db, a, 10).await.unwrap().len(), 1);
        assert_eq!(read_after(&db, 0, 1).await.unwrap().len(), 1);
        assert_eq!(last_seq(&db).await.unwrap(), b);
    }

    #[tokio::test]
    async fn rolled_back_entries_vanish_and_are_never_published() {
        let (_dir, db) = migrated().await;
        let watcher = db.committed_changes();
        let mut tx = db.begin().await.unwrap();
        append(&mut tx, EntityKind::Expert, "ghost", Operation::Upsert).await.unwrap();
        drop(tx);
        assert!(read_after(&db, 0, 10).await.unwrap().is_empty());
        assert_eq!(*watcher.borrow(), 0);

        let mut tx = db.begin().await.unwrap();
        let seq = append(&mut tx, EntityKind::Expert, "real", Operation::Upsert).await.unwrap();
        assert_eq!(*watcher.borrow(), 0, "published before commit");
        tx.commit().await.unwrap();
        assert_eq!(*watcher.borrow(), seq);
    }
}
