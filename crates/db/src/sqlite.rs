//! Opening the SQLite file: the pragmas every connection needs, a pool of readers, and the one
//! connection that writes.

use sqlx::AnyPool;
use sqlx::ConnectOptions;
use sqlx::Executor;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::sqlite::SqliteConnectOptions;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// Set on every connection: sqlx's `Any` driver is opened from a URL, which carries no pragmas.
const PRAGMAS: &str = "PRAGMA foreign_keys = ON; \
     PRAGMA busy_timeout = 10000; \
     PRAGMA synchronous = FULL; \
     PRAGMA cache_size = -8192;";

/// Readers sort and group in memory.
const READER_PRAGMAS: &str = "PRAGMA temp_store = memory;";
/// The writer keeps statement journals in a temporary file beyond SQLite's first 64 KiB: held
/// in memory, each statement's journal is cut back by walking a list of 1 KiB pieces from the
/// start of the transaction, and a transaction that writes much (an import's batch, a group
/// of concurrent writers' commits) spent most of its time in that walk.
const WRITER_PRAGMAS: &str = "PRAGMA temp_store = file;";

/// The readers' pool and the writer's (one connection), on the file at `path`.
///
/// - WAL: readers never wait for the writer, nor the writer for readers.
/// - `synchronous = FULL`: a write we acknowledged survives a power cut, not only a process kill.
/// - `cache_size`: 8 MiB of pages per connection instead of 2; walking the whole roster (an
///   index rebuild) otherwise reads the same interior pages from the OS again and again.
/// - one writer: SQLite allows one at a time anyway, and queuing in the process is fairer and
///   cheaper than SQLite's busy loop. Other processes (the CLI) wait on the busy timeout.
pub(crate) async fn pools(path: &Path) -> Result<(AnyPool, AnyPool), sqlx::Error> {
    sqlx::any::install_default_drivers();
    let file = SqliteConnectOptions::new().filename(path).create_if_missing(true);
    let write_url = file.to_url_lossy();
    let read_url = file.read_only(true).to_url_lossy();

    let write = AnyPoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute("PRAGMA journal_mode = WAL").await?;
                conn.execute(PRAGMAS).await?;
                conn.execute(WRITER_PRAGMAS).await?;
                Ok(())
            })
        })
        .connect_with(AnyConnectOptions::from_str(write_url.as_str())?)
        .await?;
    let read = AnyPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute(PRAGMAS).await?;
                conn.execute(READER_PRAGMAS).await?;
                Ok(())
            })
        })
        .connect_with(AnyConnectOptions::from_str(read_url.as_str())?)
        .await?;
    Ok((read, write))
}
