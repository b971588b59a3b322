//! The database of Passerelle: where the truth lives (ARCHITECTURE decision 1).
//!
//! Owns opening the SQLite file (WAL, foreign keys, busy timeout, full fsync), the migrations,
//! write transactions, and the change log that feeds the search index. Capability crates own
//! their own SQL; this crate owns none of theirs, only the mechanisms they share.
//!
//! SQL written against this crate stays portable to PostgreSQL: `$1` placeholders, ids and
//! timestamps as canonical text (see `passerelle_core`), no engine-only functions.

pub mod change_log;
mod tx;

pub use change_log::{Change, EntityKind, Operation};
pub use sqlx;
pub use tx::Tx;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The file name of the database inside the data directory.
pub const DATABASE_FILE: &str = "passerelle.db";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");

/// A handle on the database: a pool of readers, one writer, and the highest change-log sequence
/// committed by this process (what the indexer waits on). Cheap to clone.
#[derive(Clone)]
pub struct Db {
    read: SqlitePool,
    write: SqlitePool,
    committed: Arc<watch::Sender<i64>>,
    path: PathBuf,
}

/// Why the database could not be opened, in words an operator can act on.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create the data directory {path}: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("the data directory {path} is not writable: {source}")]
    NotWritable { path: PathBuf, source: std::io::Error },
    #[error("cannot open the database {path}: {source}")]
    Open { path: PathBuf, source: sqlx::Error },
}

impl Db {
    /// Opens (creating if needed) the database file in `data_dir`. Does not migrate.
    pub async fn open(data_dir: &Path) -> Result<Db, OpenError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|source| OpenError::CreateDir { path: data_dir.to_owned(), source })?;
        ensure_writable(data_dir)?;
        let path = data_dir.join(DATABASE_FILE);
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a write we acknowledged survives a power cut, not only a process kill.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("temp_store", "memory")
            // 8 MiB of pages per connection instead of 2: walking the whole roster (an index
            // rebuild) otherwise reads the same interior pages from the OS again and again.
            .pragma("cache_size", "-8192");
        let open_error = |source| OpenError::Open { path: path.clone(), source };
        // One writer: SQLite allows one at a time anyway, and queuing in the pool is fairer and
        // cheaper than SQLite's busy loop. Other processes (the CLI) wait on the busy timeout.
        let write =
            SqlitePoolOptions::new().max_connections(1).connect_with(options.clone()).await.map_err(open_error)?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.read_only(true))
            .await
            .map_err(open_error)?;
        let (committed, _) = watch::channel(0);
        Ok(Db { read, write, committed: Arc::new(committed), path })
    }

    /// Applies the pending migrations; returns how many were applied. Idempotent.
    pub async fn migrate(&self) -> Result<usize, sqlx::migrate::MigrateError> {
        let before = self.applied_migrations().await.unwrap_or(0);
        MIGRATOR.run(&self.write).await?;
        let after = self.applied_migrations().await.unwrap_or(0);
        Ok(after.saturating_sub(before))
    }

    /// True when the database answers and every migration this binary knows is applied.
    pub async fn is_ready(&self) -> bool {
        matches!(self.applied_migrations().await, Ok(n) if n == MIGRATOR.iter().count())
    }

    async fn applied_migrations(&self) -> Result<usize, sqlx::Error> {
        let count: i64 =
            sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success").fetch_one(&self.write).await?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// The pool for reads. Writes go through [`Db::begin`].
    pub fn reader(&self) -> &SqlitePool {
        &self.read
    }

    /// Starts a write transaction. `BEGIN IMMEDIATE` takes the write lock up front, so a
    /// transaction that reads before it writes cannot fail to upgrade.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        let inner = self.write.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Tx::new(inner, self.committed.clone()))
    }

    /// Follows the highest change-log sequence committed by this process.
    pub fn committed_changes(&self) -> watch::Receiver<i64> {
        self.committed.subscribe()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Waits for queries in flight, then closes every connection (checkpointing the WAL).
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

fn ensure_writable(dir: &Path) -> Result<(), OpenError> {
    let probe = dir.join(".write-probe");
    std::fs::write(&probe, b"")
        .and_then(|()| std::fs::remove_file(&probe))
        .map_err(|source| OpenError::NotWritable { path: dir.to_owned(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn migrations_are_idempotent_and_reported_ready() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path()).await.unwrap();
        assert!(!db.is_ready().await);
        assert!(db.migrate().await.unwrap() >= 1);
        assert!(db.is_ready().await);
        db.close().await;

        let again = Db::open(dir.path()).await.unwrap();
        assert_eq!(again.migrate().await.unwrap(), 0);
        assert!(again.is_ready().await);
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(again.reader()).await.unwrap();
        assert_eq!(mode, "wal");
    }

    #[tokio::test]
    async fn unwritable_directory_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"x").unwrap();
        let err = Db::open(&file.join("sub")).await.err().unwrap();
        assert!(err.to_string().contains("cannot create the data directory"), "{err}");
    }
}
