//! The indexer: the one task per process that follows the change log forward and keeps the
//! index in step with the database. It applies changes in batches (one commit each, with the
//! last sequence in the payload), so that a crash between the database commit and the index
//! commit only means the change is applied again at the next start.

use crate::document::Extras;
use crate::index::{Rebuild, SearchIndex};
use crate::writer::Writer;
use passerelle_core::{ExpertId, Timestamp};
use passerelle_db::Db;
use passerelle_db::change_log::{self, EntityKind};
use passerelle_profiles::{Profile, store};
use passerelle_taxonomy::TaxonomyCache;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// Profiles loaded and indexed per step of a rebuild.
const REBUILD_BATCH: u32 = 1000;
/// Change-log entries applied per commit.
const BATCH: u32 = 2000;
/// How often the change log is read even without a signal (other processes write too).
const POLL: Duration = Duration::from_millis(500);
/// How soon to look again when a change this process committed is not readable yet.
const SOON: Duration = Duration::from_millis(5);

/// Reads the database here, on the runtime; everything tantivy does happens on the writer's
/// own thread ([`crate::writer`]).
pub struct Indexer {
    index: Arc<SearchIndex>,
    db: Db,
    writer: Writer,
    /// What experts' own words are read with; when its version moves, every document is
    /// written again.
    taxonomy: Arc<TaxonomyCache>,
}

/// Progress of a rebuild, for a progress bar: (profiles indexed, profiles in all).
pub type Progress<'a> = &'a mut (dyn FnMut(u64, u64) + Send);

impl Indexer {
    pub async fn new(index: Arc<SearchIndex>, db: Db) -> anyhow::Result<Indexer> {
        let writer = Writer::start(index.clone()).await?;
        Ok(Indexer { index, db, writer, taxonomy: Arc::new(TaxonomyCache::new()) })
    }

    /// Reads the taxonomy from `cache` (the server's, shared with search) instead of its own.
    pub fn sharing(mut self, cache: Arc<TaxonomyCache>) -> Indexer {
        self.taxonomy = cache;
        self
    }

    /// Rebuilds the whole index from the database, walking profiles by id in batches.
    pub async fn rebuild(&mut self, reason: &Rebuild, progress: Progress<'_>) -> anyhow::Result<u64> {
        tracing::info!(?reason, "rebuilding the search index from the database");
        // A taxonomy change leaves the index whole and answering until the new one commits.
        let visible = *reason != Rebuild::TaxonomyChanged;
        self.index.set_rebuilding(visible);
        let started = Instant::now();
        // Changes after this point are applied again by the catch-up: upserts are idempotent.
        let seq = change_log::last(&self.db).await?;
        let taxonomy = self.taxonomy.get(&self.db).await?;
        let total = count_profiles(&self.db).await?;
        self.writer.delete_all().await?;
        let mut indexed = 0u64;
        let today = Timestamp::now().date();
        // The next batch is read from the database while the writer's thread indexes this one.
        let mut next = tokio::spawn(load_batch(self.db.clone(), None));
        loop {
            let (profiles, extras) = next.await??;
            let Some(last) = profiles.last().map(|p| p.id) else { break };
            next = tokio::spawn(load_batch(self.db.clone(), Some(last)));
            indexed += profiles.len() as u64;
            self.writer.batch(Vec::new(), profiles, extras, taxonomy.clone(), today).await?;
            progress(indexed, total);
        }
        self.writer.commit(seq, taxonomy.version()).await?;
        self.index.set_rebuilding(false);
        let rate = indexed as f64 / started.elapsed().as_secs_f64().max(0.001);
        tracing::info!(indexed, seconds = started.elapsed().as_secs_f64(), rate, "search index rebuilt");
        Ok(indexed)
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
            let taxonomy = self.taxonomy.get(&self.db).await?;
            let version = taxonomy.version();
            // Every changed id is deleted first: a profile that no longer exists (erased) stays
            // deleted.
            self.writer.batch(ids, profiles, extras, taxonomy, Timestamp::now().date()).await?;
            self.writer.commit(last, version).await?;
        }
    }

    /// Writes every document again when the taxonomy moved since they were written (an import
    /// of ESCO, a new shipped file): what experts' words name may have changed. Answers whether
    /// it did.
    pub async fn follow_the_taxonomy(&mut self) -> anyhow::Result<bool> {
        let version = self.taxonomy.get(&self.db).await?.version();
        if version == self.index.taxonomy_version() {
            return Ok(false);
        }
        self.rebuild(&Rebuild::TaxonomyChanged, &mut |_, _| {}).await?;
        Ok(true)
    }

    /// Follows the change log until `stop` turns true.
    pub async fn run(mut self, mut stop: watch::Receiver<bool>) {
        let mut committed = self.db.committed_changes();
        let mut elsewhere = self.db.changes_elsewhere();
        // Another instance said it committed a change that this look did not find.
        let mut announced = false;
        let mut backoff = SOON;
        loop {
            if let Err(error) = self.follow_the_taxonomy().await {
                tracing::error!(
                    error = format!("{error:#}"),
                    "cannot read the search index again after a taxonomy change"
                );
            }
            let applied = match self.catch_up().await {
                Ok(n) => n,
                Err(error) => {
                    tracing::error!(error = format!("{error:#}"), "cannot apply changes to the search index");
                    0
                }
            };
            if applied > 0 {
                tracing::debug!(changes = applied, position = %self.index.applied(), "index caught up");
            }
            // On PostgreSQL a change may not be readable yet when we hear of it (an older
            // transaction is still running somewhere): look again soon rather than at the next
            // poll — at once for a change of ours, whose position we know; a little later each
            // time for one announced by another instance, whose position we do not.
            let ours_pending = *committed.borrow_and_update() > self.index.applied();
            let theirs_pending = announced && applied == 0;
            let next_look = if ours_pending {
                SOON
            } else if theirs_pending {
                backoff
            } else {
                POLL
            };
            backoff = if theirs_pending { (backoff * 2).min(POLL) } else { SOON };
            tokio::select! {
                _ = committed.changed() => announced = theirs_pending,
                _ = elsewhere.changed() => announced = true,
                () = tokio::time::sleep(next_look) => announced = theirs_pending,
                _ = stop.wait_for(|s| *s) => break,
            }
        }
        self.writer.finish().await;
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
