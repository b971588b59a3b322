use sqlx::sqlite::{Sqlite, SqliteConnection};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use tokio::sync::watch;

/// A write transaction. Dropped without [`Tx::commit`], it rolls back.
///
/// It remembers the last change-log sequence appended through it, and publishes that sequence
/// once the commit succeeded, never before: the indexer must not look for a change that could
/// still roll back.
pub struct Tx {
    inner: sqlx::Transaction<'static, Sqlite>,
    last_change: Option<i64>,
    committed: Arc<watch::Sender<i64>>,
}

impl Tx {
    pub(crate) fn new(inner: sqlx::Transaction<'static, Sqlite>, committed: Arc<watch::Sender<i64>>) -> Self {
        Self { inner, last_change: None, committed }
    }

    pub(crate) fn record_change(&mut self, seq: i64) {
        self.last_change = Some(self.last_change.map_or(seq, |s| s.max(seq)));
    }

    /// Commits; returns the highest change-log sequence this transaction appended, if any.
    pub async fn commit(self) -> Result<Option<i64>, sqlx::Error> {
        self.inner.commit().await?;
        if let Some(seq) = self.last_change {
            self.committed.send_if_modified(|latest| {
                let newer = seq > *latest;
                if newer {
                    *latest = seq;
                }
                newer
            });
        }
        Ok(self.last_change)
    }
}

impl Deref for Tx {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        &self.inner
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.inner
    }
}
