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
use tokio::task::JoinHandle;

/// Profiles loaded and indexed per step of a rebuild.
const REBUILD_BATCH: u32 = 1000;
/// Change-log entries applied per commit.
const BATCH: u32 = 2000;
/// How often the change log is read even without a signal (other processes write too).
const POLL: Duration = Duration::from_millis(500);
/// How soon to look again when a committed change is not readable yet (the first time, for a
/// change committed elsewhere; then twice as late each time, up to [`POLL`]).
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
    /// Ticks when another instance commits changes, once [`Indexer::listen`] started it.
    elsewhere: Option<watch::Receiver<u64>>,
    /// The merge a rebuild started, until it ends (see [`Indexer::merged`]).
    merging: Option<JoinHandle<()>>,
}

/// Progress of a rebuild, for a progress bar: (profiles indexed, profiles in all).
pub type Progress<'a> = &'a mut (dyn FnMut(u64, u64) + Send);

impl Indexer {
    pub async fn new(index: Arc<SearchIndex>, db: Db) -> anyhow::Result<Indexer> {
        let writer = Writer::start(index.clone()).await?;
        Ok(Indexer { index, db, writer, taxonomy: Arc::new(TaxonomyCache::new()), elsewhere: None, merging: None })
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
        let committing = Instant::now();
        self.writer.commit(seq, taxonomy.version()).await?;
        self.index.set_rebuilding(false);
        let rate = indexed as f64 / started.elapsed().as_secs_f64().max(0.001);
        let commit_seconds = committing.elapsed().as_secs_f64();
        tracing::info!(
            indexed,
            seconds = started.elapsed().as_secs_f64(),
            commit_seconds,
            rate,
            "search index rebuilt"
        );
        self.merge_segments().await;
        Ok(indexed)
    }

    /// Merges the committed segments into one, in the background: a rebuild writes one each
    /// time the writer's memory fills (several at a million profiles), and every query visits
    /// every segment (its posting lists, its columns, its own top k). 8–9 s at a million
    /// profiles (BENCHMARKS.md), the index answering meanwhile. Later changes leave small
    /// segments that tantivy's own policy merges. A merge still running from an earlier
    /// rebuild is left to end on its own (its segments are gone, so it ends without effect).
    pub async fn merge_segments(&mut self) {
        let merge = match self.writer.merge_all().await {
            Ok(Some(merge)) => merge,
            Ok(None) => return,
            Err(error) => {
                tracing::warn!(%error, "cannot merge the index's segments");
                return;
            }
        };
        let index = self.index.clone();
        let started = Instant::now();
        self.merging = Some(tokio::spawn(async move {
            match merge.await {
                Ok(_) => {
                    let reloaded = tokio::task::spawn_blocking(move || index.reload())
                        .await
                        .map_err(anyhow::Error::from)
                        .and_then(|reloaded| reloaded.map_err(anyhow::Error::from));
                    match reloaded {
                        Ok(()) => tracing::info!(seconds = started.elapsed().as_secs_f64(), "index segments merged"),
                        Err(error) => tracing::warn!(%error, "cannot open the merged index segment"),
                    }
                }
                // Another rebuild removed the segments meanwhile, or the process is stopping:
                // the index stays as it was committed, whole.
                Err(error) => tracing::info!(%error, "index segments not merged"),
            }
        }));
    }

    /// Waits for the merge the last rebuild started, if any; answers whether there was one.
    pub async fn merged(&mut self) -> bool {
        match self.merging.take() {
            Some(merging) => {
                let _ = merging.await;
                true
            }
            None => false,
        }
    }

    /// Applies the change log after the last applied sequence; returns how many entries. When
    /// this process heard of other instances' changes already as it began, the index follows
    /// the change log from the first read that was not cut short by the batch size
    /// ([`SearchIndex::is_following`]): it then holds everything readable at a moment when later
    /// changes were announced (under a steady stream of writes, the log is never empty).
    pub async fn catch_up(&mut self) -> anyhow::Result<usize> {
        let hears = self.db.hears_changes_elsewhere();
        let mut applied = 0;
        loop {
            let changes = change_log::read_after(&self.db, self.index.applied(), BATCH).await?;
            let whole = changes.len() < BATCH as usize;
            if let Some(last) = changes.last().map(|c| c.position) {
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
                // Every changed id is deleted first: a profile that no longer exists (erased)
                // stays deleted.
                self.writer.batch(ids, profiles, extras, taxonomy, Timestamp::now().date()).await?;
                self.writer.commit(last, version).await?;
            }
            if whole && hears && !self.index.is_following() {
                self.index.set_following();
                tracing::info!(position = %self.index.applied(), "the search index follows the change log");
            }
            if changes.is_empty() {
                return Ok(applied);
            }
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

    /// Starts hearing of other instances' changes now (PostgreSQL `LISTEN`), before a rebuild:
    /// by the time [`Indexer::run`] follows the change log the listener listens, and a change
    /// committed elsewhere meanwhile is read at once rather than at a poll.
    pub fn listen(&mut self) {
        self.elsewhere.get_or_insert_with(|| self.db.changes_elsewhere());
    }

    /// Follows the change log until `stop` turns true. Its first look after the listener
    /// listens makes the index follow ([`SearchIndex::is_following`]): only then may the server
    /// say it is ready.
    pub async fn run(mut self, mut stop: watch::Receiver<bool>) {
        let mut committed = self.db.committed_changes();
        self.listen();
        let mut elsewhere = match self.elsewhere.take() {
            Some(elsewhere) => elsewhere,
            None => self.db.changes_elsewhere(),
        };
        let mut backoff = SOON;
        loop {
            if let Err(error) = self.follow_the_taxonomy().await {
                tracing::error!(
                    error = format!("{error:#}"),
                    "cannot read the search index again after a taxonomy change"
                );
            }
            match self.catch_up().await {
                Ok(0) => {}
                Ok(changes) => tracing::debug!(changes, position = %self.index.applied(), "index caught up"),
                Err(error) => {
                    tracing::error!(error = format!("{error:#}"), "cannot apply changes to the search index");
                }
            }
            // On PostgreSQL a committed change may not be readable yet (an older transaction is
            // still running somewhere, in any database of the server): look again soon rather
            // than at the next poll — at once for a change of ours, a little later each time for
            // one committed elsewhere, until it is readable.
            let ours_pending = *committed.borrow_and_update() > self.index.applied();
            let unreadable = !ours_pending && self.committed_beyond_applied().await;
            let next_look = if ours_pending {
                SOON
            } else if unreadable {
                backoff
            } else {
                POLL
            };
            backoff = if unreadable { (backoff * 2).min(POLL) } else { SOON };
            tokio::select! {
                _ = committed.changed() => {}
                _ = elsewhere.changed() => {}
                () = tokio::time::sleep(next_look) => {}
                _ = stop.wait_for(|s| *s) => break,
            }
        }
        self.writer.finish().await;
    }

    /// Whether the change log holds a committed entry beyond what the index applied (one that
    /// was not readable at the last look).
    async fn committed_beyond_applied(&self) -> bool {
        change_log::newest(&self.db).await.is_ok_and(|newest| newest > self.index.applied())
    }
}

/// The profiles after `after` with what the index needs beyond them.
async fn load_batch(db: Db, after: Option<ExpertId>) -> anyhow::Result<(Vec<Profile>, HashMap<ExpertId, Extras>)> {
    let mut conn = db.reader().acquire().await?;
    let profiles = store::load_after(&mut conn, db.dialect(), after, REBUILD_BATCH).await?;
    let extras = match profiles.last() {
        Some(last) => crate::extras::load_range(&mut conn, db.dialect(), after, last.id).await?,
        None => HashMap::new(),
    };
    Ok((profiles, extras))
}

async fn count_profiles(db: &Db) -> Result<u64, passerelle_db::sqlx::Error> {
    Ok(store::count(db).await?.max(0) as u64)
}
