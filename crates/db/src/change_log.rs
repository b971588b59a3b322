//! The change log: the outbox between the database (the truth) and the search index (derived).
//!
//! A capability crate calls [`append`] inside the transaction that changes what search sees;
//! the indexer calls [`read_after`] from the last [`Position`] it applied.
//!
//! On SQLite, with one writer, sequence numbers commit in order, and a position is a sequence.
//! On PostgreSQL, concurrent transactions commit out of order: a reader that has seen sequence
//! 12 may later see 11 appear. So each entry also records the id of the transaction that wrote
//! it, and readers take only entries of transactions older than every transaction still
//! running (the snapshot's `xmin`): those can no longer change. Ordered by (transaction,
//! sequence), what is read never gains an entry behind the reader's position.

use crate::{Db, Engine, Tx};
use passerelle_core::Timestamp;
use serde::{Deserialize, Serialize};

/// A place in the change log: everything at or before it has been seen. `txid` is 0 on SQLite.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    #[serde(default)]
    pub txid: i64,
    pub seq: i64,
}

impl Position {
    pub fn new(txid: i64, seq: i64) -> Position {
        Position { txid, seq }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.txid == 0 { write!(f, "{}", self.seq) } else { write!(f, "{}/{}", self.txid, self.seq) }
    }
}

/// The channel the change log's writers notify on PostgreSQL, so that every instance's indexer
/// wakes within milliseconds of a commit anywhere.
pub const CHANNEL: &str = "passerelle_changes";

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
    pub position: Position,
    pub entity_kind: EntityKind,
    pub entity_id: String,
    pub operation: Operation,
    pub recorded_at: Timestamp,
}

/// Appends one entry per entity inside the caller's transaction (a batch of an import: one
/// statement per few thousand entries rather than one each).
pub async fn append_many(
    tx: &mut Tx,
    kind: EntityKind,
    entity_ids: &[String],
    operation: Operation,
) -> Result<(), sqlx::Error> {
    let now = Timestamp::now();
    let returning = match tx.engine() {
        Engine::Sqlite => " RETURNING 0, seq",
        Engine::Postgres => " RETURNING txid::text::bigint, seq",
    };
    let head = "INSERT INTO change_log (entity_kind, entity_id, operation, recorded_at) ";
    for mut statement in crate::Values::chunked(head, entity_ids, 4, |row, id| {
        row.push_bind(kind.code()).push_bind(id.as_str()).push_bind(operation.code()).push_bind(now);
    }) {
        statement.push_sql(returning);
        let had_changes = tx.has_changes();
        for (txid, seq) in statement.fetch_all::<(i64, i64)>(tx).await? {
            tx.record_change(Position::new(txid, seq));
        }
        if tx.engine() == Engine::Postgres && !had_changes {
            sqlx::query("SELECT pg_notify($1, '')").bind(CHANNEL).execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// Appends an entry inside the caller's transaction; returns its position.
pub async fn append(
    tx: &mut Tx,
    kind: EntityKind,
    entity_id: &str,
    operation: Operation,
) -> Result<Position, sqlx::Error> {
    let (txid, seq): (i64, i64) = match tx.engine() {
        Engine::Sqlite => sqlx::query_as(
            "INSERT INTO change_log (entity_kind, entity_id, operation, recorded_at) VALUES ($1, $2, $3, $4) \
             RETURNING 0, seq",
        ),
        Engine::Postgres => sqlx::query_as(
            "INSERT INTO change_log (entity_kind, entity_id, operation, recorded_at) VALUES ($1, $2, $3, $4) \
             RETURNING txid::text::bigint, seq",
        ),
    }
    .bind(kind.code())
    .bind(entity_id)
    .bind(operation.code())
    .bind(Timestamp::now())
    .fetch_one(&mut **tx)
    .await?;
    if tx.engine() == Engine::Postgres && !tx.has_changes() {
        // Delivered at commit, to every instance listening; nothing if the transaction rolls back.
        sqlx::query("SELECT pg_notify($1, '')").bind(CHANNEL).execute(&mut **tx).await?;
    }
    let position = Position::new(txid, seq);
    tx.record_change(position);
    Ok(position)
}

type Row = (i64, i64, String, String, String, Timestamp);

/// Entries after `after`, oldest first, at most `limit`.
pub async fn read_after(db: &Db, after: Position, limit: u32) -> Result<Vec<Change>, sqlx::Error> {
    let rows: Vec<Row> = match db.engine() {
        Engine::Sqlite => {
            sqlx::query_as(
                "SELECT 0, seq, entity_kind, entity_id, operation, recorded_at FROM change_log \
                 WHERE seq > $1 ORDER BY seq LIMIT $2",
            )
            .bind(after.seq)
            .bind(i64::from(limit))
            .fetch_all(db.reader())
            .await?
        }
        Engine::Postgres => {
            sqlx::query_as(
                "SELECT txid::text::bigint, seq, entity_kind, entity_id, operation, recorded_at FROM change_log \
                 WHERE (txid, seq) > ($1::text::xid8, $2) AND txid < pg_snapshot_xmin(pg_current_snapshot()) \
                 ORDER BY txid, seq LIMIT $3",
            )
            .bind(after.txid.to_string())
            .bind(after.seq)
            .bind(i64::from(limit))
            .fetch_all(db.reader())
            .await?
        }
    };
    rows.into_iter()
        .map(|(txid, seq, kind, entity_id, operation, recorded_at)| {
            let decode_error = |what: &str| sqlx::Error::Decode(format!("change_log {seq}: unknown {what}").into());
            Ok(Change {
                position: Position::new(txid, seq),
                entity_kind: EntityKind::parse(&kind).ok_or_else(|| decode_error("entity kind"))?,
                entity_id,
                operation: Operation::parse(&operation).ok_or_else(|| decode_error("operation"))?,
                recorded_at,
            })
        })
        .collect()
}

/// The newest position that readers may apply (the start when the log is empty): how far the
/// index must get to be caught up.
pub async fn last(db: &Db) -> Result<Position, sqlx::Error> {
    let row: Option<(i64, i64)> = match db.engine() {
        Engine::Sqlite => sqlx::query_as("SELECT 0, seq FROM change_log ORDER BY seq DESC LIMIT 1"),
        Engine::Postgres => sqlx::query_as(
            "SELECT txid::text::bigint, seq FROM change_log WHERE txid < pg_snapshot_xmin(pg_current_snapshot()) \
             ORDER BY txid DESC, seq DESC LIMIT 1",
        ),
    }
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(|(txid, seq)| Position::new(txid, seq)).unwrap_or_default())
}

/// The newest committed entry (the start when the log is empty): what an index must have
/// applied to hold every change committed so far. On PostgreSQL it may be ahead of [`last`] while
/// an older transaction, in any database of the server, is still open; readers reach it once that
/// transaction ends.
pub async fn newest(db: &Db) -> Result<Position, sqlx::Error> {
    let row: Option<(i64, i64)> = match db.engine() {
        Engine::Sqlite => sqlx::query_as("SELECT 0, seq FROM change_log ORDER BY seq DESC LIMIT 1"),
        Engine::Postgres => {
            sqlx::query_as("SELECT txid::text::bigint, seq FROM change_log ORDER BY txid DESC, seq DESC LIMIT 1")
        }
    }
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(|(txid, seq)| Position::new(txid, seq)).unwrap_or_default())
}

/// How many entries come after `after` (at most `cap`, so that a far-behind index costs a
/// bounded count).
pub async fn pending(db: &Db, after: Position, cap: u32) -> Result<i64, sqlx::Error> {
    match db.engine() {
        Engine::Sqlite => {
            sqlx::query_scalar("SELECT count(*) FROM (SELECT 1 FROM change_log WHERE seq > $1 LIMIT $2) AS behind")
                .bind(after.seq)
                .bind(i64::from(cap))
                .fetch_one(db.reader())
                .await
        }
        Engine::Postgres => {
            sqlx::query_scalar(
                "SELECT count(*) FROM (SELECT 1 FROM change_log WHERE (txid, seq) > ($1::text::xid8, $2) LIMIT $3) AS behind",
            )
            .bind(after.txid.to_string())
            .bind(after.seq)
            .bind(i64::from(cap))
            .fetch_one(db.reader())
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[tokio::test]
    async fn entries_are_read_forward_in_order() {
        let (_dir, db) = testing::fresh().await;
        let start = Position::default();
        let mut tx = db.begin().await.unwrap();
        let a = append(&mut tx, EntityKind::Expert, "a", Operation::Upsert).await.unwrap();
        let b = append(&mut tx, EntityKind::Expert, "b", Operation::Delete).await.unwrap();
        assert_eq!(tx.commit().await.unwrap(), Some(b));
        assert!(a < b);
        testing::readable(&db, b).await;

        let all = read_after(&db, start, 10).await.unwrap();
        assert_eq!(all.iter().map(|c| c.entity_id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(all[1].operation, Operation::Delete);
        assert_eq!(read_after(&db, a, 10).await.unwrap().len(), 1);
        assert_eq!(read_after(&db, start, 1).await.unwrap().len(), 1);
        assert_eq!(last(&db).await.unwrap(), b);
        assert_eq!(pending(&db, start, 100).await.unwrap(), 2);
        assert_eq!(pending(&db, a, 100).await.unwrap(), 1);
        assert_eq!(pending(&db, b, 100).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn rolled_back_entries_vanish_and_are_never_published() {
        let (_dir, db) = testing::fresh().await;
        let watcher = db.committed_changes();
        let mut tx = db.begin().await.unwrap();
        append(&mut tx, EntityKind::Expert, "ghost", Operation::Upsert).await.unwrap();
        drop(tx);
        assert!(read_after(&db, Position::default(), 10).await.unwrap().is_empty());
        assert_eq!(*watcher.borrow(), Position::default());

        let mut tx = db.begin().await.unwrap();
        let position = append(&mut tx, EntityKind::Expert, "real", Operation::Upsert).await.unwrap();
        assert_eq!(*watcher.borrow(), Position::default(), "published before commit");
        tx.commit().await.unwrap();
        assert_eq!(*watcher.borrow(), position);
    }

    #[tokio::test]
    async fn the_newest_entry_is_known_before_readers_may_apply_it() {
        let (_dir, db) = testing::fresh().await;
        assert_eq!(newest(&db).await.unwrap(), Position::default());
        if db.engine() == Engine::Postgres {
            // An older transaction still open: the later one's entry is committed, not yet readable.
            let mut older = db.begin().await.unwrap();
            append(&mut older, EntityKind::Expert, "older", Operation::Upsert).await.unwrap();
            let mut later = db.begin().await.unwrap();
            let position = append(&mut later, EntityKind::Expert, "later", Operation::Upsert).await.unwrap();
            later.commit().await.unwrap();
            assert_eq!(newest(&db).await.unwrap(), position);
            assert!(last(&db).await.unwrap() < position, "readable before the older transaction ended");
            older.commit().await.unwrap();
        }
        let mut tx = db.begin().await.unwrap();
        let position = append(&mut tx, EntityKind::Expert, "alone", Operation::Upsert).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(newest(&db).await.unwrap(), position);
        testing::readable(&db, position).await;
        assert_eq!(last(&db).await.unwrap(), position);
    }
}
