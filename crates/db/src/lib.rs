//! The database of Passerelle: where the truth lives (ARCHITECTURE decision 1).
//!
//! Owns the two engines — SQLite, embedded, for one machine; PostgreSQL, for several app
//! instances — their pools, their migrations, write transactions, the change log that feeds the
//! search index, and the few SQL fragments that differ between them ([`Dialect`]). Capability
//! crates own their own SQL, written once for both engines (`$1` placeholders, ids and
//! timestamps as canonical text, flags as 0/1 integers) and run through sqlx's `Any` driver;
//! no other crate names an engine (see `docs/architecture.md`, "The storage seam").

pub mod change_log;
mod dialect;
mod instances;
mod postgres;
mod sqlite;
pub mod testing;
mod tx;
mod values;

pub use change_log::{Change, EntityKind, Operation, Position};
pub use dialect::Dialect;
pub use instances::Lease;
pub use sqlx;
pub use tx::Tx;
pub use values::{Row, Values};

use sqlx::{AnyConnection, AnyPool};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::watch;

/// A connection, for functions that run several queries on one (inside a transaction, or on a
/// connection a caller holds to keep its cache warm).
pub type Conn = AnyConnection;
/// The pool readers take connections from.
pub type Pool = AnyPool;
/// The database type for query builders (`QueryBuilder<'_, DbKind>`).
pub type DbKind = sqlx::Any;

/// The file name of the SQLite database inside the data directory.
pub const DATABASE_FILE: &str = "passerelle.db";

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

/// Which engine holds the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A handle on the database: readers, the way to write, and the newest change-log position
/// committed by this process (what the indexer and tests wait on). Cheap to clone.
#[derive(Clone)]
pub struct Db {
    read: AnyPool,
    writer: Arc<tx::Writer>,
    committed: Arc<watch::Sender<Position>>,
    engine: Engine,
    location: String,
    /// How to open this database again (the SQLite data directory, or the PostgreSQL URL).
    reopen: Reopen,
    /// Ticks when another instance commits changes (see `instances.rs`); started on first use.
    elsewhere: Arc<std::sync::OnceLock<watch::Sender<u64>>>,
    /// Whether that listener listens now (PostgreSQL).
    listening: Arc<std::sync::atomic::AtomicBool>,
}

#[derive(Clone)]
enum Reopen {
    Sqlite(PathBuf),
    Postgres(String),
}

/// Why the database could not be opened, in words an operator can act on.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create the data directory {path}: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("the data directory {path} is not writable: {source}")]
    NotWritable { path: PathBuf, source: std::io::Error },
    #[error("cannot open the database {location}: {source}")]
    Open { location: String, source: sqlx::Error },
    #[error(
        "database_url must start with postgres:// or postgresql:// (SQLite needs no URL: it lives in the data directory)"
    )]
    UnsupportedUrl,
}

impl Db {
    /// Opens (creating if needed) the SQLite database in `data_dir`. Does not migrate.
    pub async fn open(data_dir: &Path) -> Result<Db, OpenError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|source| OpenError::CreateDir { path: data_dir.to_owned(), source })?;
        ensure_writable(data_dir)?;
        let path = data_dir.join(DATABASE_FILE);
        let location = path.display().to_string();
        let open_error = |source| OpenError::Open { location: location.clone(), source };
        let (read, write) = sqlite::pools(&path).await.map_err(open_error)?;
        let reopen = Reopen::Sqlite(data_dir.to_owned());
        Ok(Db::assemble(Engine::Sqlite, read, tx::Writer::grouped(write), location, reopen))
    }

    /// Connects to the PostgreSQL database at `url` (`postgres://user:password@host/db`).
    /// Does not migrate.
    pub async fn connect(url: &str) -> Result<Db, OpenError> {
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(OpenError::UnsupportedUrl);
        }
        let location = postgres::redacted(url);
        let pool =
            postgres::pool(url).await.map_err(|source| OpenError::Open { location: location.clone(), source })?;
        let reopen = Reopen::Postgres(url.to_owned());
        Ok(Db::assemble(Engine::Postgres, pool.clone(), tx::Writer::pooled(pool), location, reopen))
    }

    /// PostgreSQL when `database_url` is given, else SQLite in `data_dir`.
    pub async fn open_configured(data_dir: &Path, database_url: Option<&str>) -> Result<Db, OpenError> {
        match database_url {
            Some(url) => Db::connect(url).await,
            None => Db::open(data_dir).await,
        }
    }

    fn assemble(engine: Engine, read: AnyPool, writer: tx::Writer, location: String, reopen: Reopen) -> Db {
        let (committed, _) = watch::channel(Position::default());
        Db {
            read,
            writer: Arc::new(writer),
            committed: Arc::new(committed),
            engine,
            location,
            reopen,
            elsewhere: Arc::default(),
            listening: Arc::default(),
        }
    }

    /// A new, independent handle on the same database (as another process would open it).
    pub async fn reopen(&self) -> Result<Db, OpenError> {
        match &self.reopen {
            Reopen::Sqlite(dir) => Db::open(dir).await,
            Reopen::Postgres(url) => Db::connect(url).await,
        }
    }

    fn migrator(&self) -> &'static sqlx::migrate::Migrator {
        match self.engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// Applies the pending migrations; returns how many were applied. Idempotent, and safe
    /// when several instances start at once (sqlx takes an advisory lock on PostgreSQL).
    pub async fn migrate(&self) -> Result<usize, sqlx::migrate::MigrateError> {
        let before = self.applied_migrations().await.unwrap_or(0);
        self.writer.migrate(self.migrator()).await?;
        let after = self.applied_migrations().await.unwrap_or(0);
        Ok(after.saturating_sub(before))
    }

    /// True when the database answers and every migration this binary knows is applied.
    pub async fn is_ready(&self) -> bool {
        matches!(self.applied_migrations().await, Ok(n) if n == self.migrator().iter().count())
    }

    async fn applied_migrations(&self) -> Result<usize, sqlx::Error> {
        let count: i64 =
            sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success").fetch_one(&self.read).await?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// The pool for reads. Writes go through [`Db::begin`].
    pub fn reader(&self) -> &AnyPool {
        &self.read
    }

    /// Starts a write transaction. On SQLite it takes the write lock up front (a transaction
    /// that reads before it writes cannot fail to upgrade) and commits together with the
    /// transactions of other tasks that are ready at the same moment (one fsync for all).
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        let inner = self.writer.begin().await?;
        Ok(Tx::new(inner, self.engine, self.committed.clone()))
    }

    /// Follows the newest change-log position committed by this process.
    pub fn committed_changes(&self) -> watch::Receiver<Position> {
        self.committed.subscribe()
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The SQL fragments that differ between the engines.
    pub fn dialect(&self) -> Dialect {
        Dialect(self.engine)
    }

    /// Where the data is, for messages: the SQLite file, or the PostgreSQL URL without its
    /// password.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Writes a consistent copy of the SQLite database to `file` (`VACUUM INTO`, on a reader:
    /// writes go on meanwhile). PostgreSQL has its own tools for this; asked of it, this fails.
    pub async fn backup_to(&self, file: &Path) -> Result<(), sqlx::Error> {
        if self.engine != Engine::Sqlite {
            return Err(sqlx::Error::Configuration("PostgreSQL is backed up with pg_dump".into()));
        }
        let path = file.to_str().ok_or_else(|| sqlx::Error::Configuration("the backup path is not UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.read).await?;
        Ok(())
    }

    /// Waits for queries in flight, then closes every connection (checkpointing the WAL).
    pub async fn close(&self) {
        self.writer.close().await;
        self.read.close().await;
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
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(again.reader()).await.unwrap();
        assert_eq!(synchronous, 2, "FULL: an acknowledged write survives a power cut");
    }

    #[tokio::test]
    async fn unwritable_directory_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"x").unwrap();
        let err = Db::open(&file.join("sub")).await.err().unwrap();
        assert!(err.to_string().contains("cannot create the data directory"), "{err}");
    }

    #[tokio::test]
    async fn only_postgres_urls_are_accepted() {
        let err = Db::connect("mysql://localhost/x").await.err().unwrap();
        assert!(matches!(err, OpenError::UnsupportedUrl), "{err}");
    }
}
