//! The indexer: the one task per process that follows the change log forward and keeps the
//! index in step with the database. It applies changes in batches (one commit each, with the
//! last sequence in the payload), so that a crash between the database commit and the index
//! commit only means the change is applied again at the next start.

use crate::document::{Extras, document};
use crate::index::{Payload, Rebuild, SearchIndex};
use crate::schema::SCHEMA_VERSION;
use passerelle_core::{ExpertId, Timestamp};
use passerelle_db::change_log::{self, EntityKind};
use passerelle_db::{Db, Position};
use passerelle_profiles::{Profile, store};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tantivy::{IndexWriter, Term};
use tokio::sync::watch;

/// Memory for the writer: within tantivy's minimum per thread, and well inside the server's
/// memory budget.
const WRITER_HEAP: usize = 64 * 1024 * 1024;
/// Profiles loaded and indexed per step of a rebuild.
const REBUILD_BATCH: u32 = 1000;
/// Change-log entries applied per commit.
const BATCH: u32 = 2000;
/// How often the change log is read even without a signal (other processes write too).
const POLL: Duration = Duration::from_millis(500);

pub struct Indexer {
    index: Arc<SearchIndex>,
    db: Db,
    writer: IndexWriter,
}

/// Progress of a rebuild, for a progress bar: (profiles indexed, profiles in all).
pub type Progress<'a> = &'a mut (dyn FnMut(u64, u64) + Send);

impl Indexer {
    pub async fn new(index: Arc<SearchIndex>, db: Db) -> anyhow::Result<Indexer> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
        let writer = index.index.writer_with_num_threads(threads, WRITER_HEAP * threads)?;
        Ok(Indexer { index, db, writer })
    }

    /// Rebuilds the whole index from the database, walking profiles by id in batches.
    pub async fn rebuild(&mut self, reason: &Rebuild, progress: Progress<'_>) -> anyhow::Result<u64> {
        tracing::info!(?reason, "rebuilding the search index from the database");
        self.index.set_rebuilding(true);
        let started = Instant::now();
        // Changes after this point are applied again by the catch-up: upserts are idempotent.
        let seq = change_log::last(&self.db).await?;
        let total = count_profiles(&self.db).await?;
        self.writer.delete_all_documents()?;
        let mut indexed = 0u64;
        let today = Timestamp::now().date();
        // The next batch is read from the database while this one is indexed.
        let mut next = tokio::spawn(load_batch(self.db.clone(), None));
        loop {
            let (profiles, extras) = next.await??;
            let Some(last) = profiles.last().map(|p| p.id) else { break };
            next = tokio::spawn(load_batch(self.db.clone(), Some(last)));
            for profile in &profiles {
                let extra = extras.get(&profile.id).cloned().unwrap_or_default();
                self.writer.add_document(document(&self.index.fields, profile, &extra, today))?;
            }
            indexed += profiles.len() as u64;
            progress(indexed, total);
        }
        self.commit(seq)?;
        self.index.set_rebuilding(false);
        let rate = indexed as f64 / started.elapsed().as_secs_f64().max(0.001);
        tracing::info!(indexed, seconds = started.elapsed().as_secs_f64(), rate, "search index rebuilt");
        Ok(indexed)
    }

    fn commit(&mut self, applied: Position) -> anyhow::Result<()> {
        let payload = Payload { schema: SCHEMA_VERSION, seq: applied.seq, txid: applied.txid };
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(&payload)?);
        prepared.commit()?;
        self.index.reload()?;
        self.index.set_applied(applied);
        Ok(())
    }

    /// Applies the change log after the last applied sequence; returns how many entries.
    pub async fn catch_up(&mut self) -> anyhow::Result<usize> {
        let mut applied = 0;
        loop {
            let changes = change_log::read_after(&self.db, self.index.applied(), BATCH).await?;
            let Some(last) = changes.last().map(|c| c.position) else { return Ok(applied) };
            applied += changes.len();
            let ids: Vec<ExpertId> = changes
                .iter()
                .filter(|c| c.entity_kind == EntityKind::Expert)
                .filter_map(|c| ExpertId::parse(&c.entity_id).ok())
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            let profiles = store::load_many(&self.db, &ids).await?;
            let extras = crate::extras::load(&self.db, &ids).await?;
            let today = Timestamp::now().date();
            for id in &ids {
                self.writer.delete_term(Term::from_field_text(self.index.fields.id, &id.to_string()));
            }
            // A profile that no longer exists (erased) stays deleted.
            for profile in &profiles {
                let extra = extras.get(&profile.id).cloned().unwrap_or_default();
                self.writer.add_document(document(&self.index.fields, profile, &extra, today))?;
            }
            self.commit(last)?;
        }
    }

    /// Follows the change log until `stop` turns true.
    pub async fn run(mut self, mut stop: watch::Receiver<bool>) {
        let mut committed = self.db.committed_changes();
        loop {
            match self.catch_up().await {
                Ok(0) => {}
                Ok(n) => tracing::debug!(changes = n, position = %self.index.applied(), "index caught up"),
                Err(error) => tracing::error!(error = format!("{error:#}"), "cannot apply changes to the search index"),
            }
            tokio::select! {
                _ = committed.changed() => {}
                () = tokio::time::sleep(POLL) => {}
                _ = stop.wait_for(|s| *s) => break,
            }
        }
        if let Err(error) = self.writer.wait_merging_threads() {
            tracing::warn!(%error, "index merges did not finish");
        }
    }
}

/// The profiles after `after` with what the index needs beyond them.
async fn load_batch(db: Db, after: Option<ExpertId>) -> anyhow::Result<(Vec<Profile>, HashMap<ExpertId, Extras>)> {
    let mut conn = db.reader().acquire().await?;
    let profiles = store::load_after(&mut conn, db.dialect(), after, REBUILD_BATCH).await?;
    let extras = match profiles.last() {
        Some(last) => crate::extras::load_range(&mut conn, after, last.id).await?,
        None => HashMap::new(),
    };
    Ok((profiles, extras))
}

async fn count_profiles(db: &Db) -> Result<u64, passerelle_db::sqlx::Error> {
    Ok(store::count(db).await?.max(0) as u64)
}
