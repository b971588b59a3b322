//! The index writer, on a thread of its own.
//!
//! tantivy's `add_document` blocks when its indexing threads fall behind, `commit` waits for
//! them and fsyncs, and `reload` opens the new segments: none of it may run on a tokio worker,
//! where a rebuild would hold a thread of the runtime for its whole length. The indexer hands
//! over whole batches through a short queue (its waiting is the back-pressure), never one
//! document at a time, so the thread hop costs nothing measurable.

use crate::document::{Extras, document};
use crate::index::{Payload, SearchIndex};
use crate::mentions;
use crate::schema::SCHEMA_VERSION;
use passerelle_core::ExpertId;
use passerelle_db::Position;
use passerelle_profiles::Profile;
use passerelle_taxonomy::Taxonomy;
use std::collections::HashMap;
use std::sync::Arc;
use std::thread::JoinHandle;
use tantivy::{FutureResult, IndexWriter, SegmentMeta, Term};
use time::Date;
use tokio::sync::{mpsc, oneshot};

/// Memory for the writer: well inside the server's memory budget; a segment is written each
/// time it fills (about 50,000 profiles).
const WRITER_HEAP: usize = 128 * 1024 * 1024;
/// tantivy's indexing threads. One: on the two cores the product is sized for, a rebuild keeps
/// both busy already (reading the database, reading experts' words, indexing), and a second
/// indexing thread only took turns with them. Measured at 100k profiles, three runs each in
/// turn: rebuild 19,650 → 20,200 profiles/s, match p50 0.93 → 0.84 ms (BENCHMARKS.md).
const INDEXING_THREADS: usize = 1;
/// Batches queued ahead of the thread: one being indexed while the next is read from the
/// database is all the overlap a rebuild needs.
const QUEUE: usize = 1;
pub(crate) const THREAD_NAME: &str = "passerelle-indexer";

enum Job {
    DeleteAll,
    /// Replaces what the index holds for `delete` with the documents of `profiles`.
    Batch {
        delete: Vec<ExpertId>,
        profiles: Vec<Profile>,
        extras: HashMap<ExpertId, Extras>,
        /// What the experts' own words are read with (see [`crate::mentions`]).
        taxonomy: Arc<Taxonomy>,
        today: Date,
    },
    /// Commits with `seq` and the taxonomy's version in the payload and makes the commit
    /// searchable; answers whether every job since the last commit went through.
    Commit {
        seq: Position,
        taxonomy: i64,
        done: oneshot::Sender<anyhow::Result<()>>,
    },
    /// Starts merging every committed segment into one; answers the merge to wait for, or
    /// none when there is nothing to merge.
    MergeAll(oneshot::Sender<anyhow::Result<Option<Merge>>>),
    #[cfg(test)]
    Probe(oneshot::Sender<(bool, Option<String>)>),
}

/// A merge running on tantivy's merge thread; it ends when the merged segment replaced the
/// others in the index's last commit (the next reload shows it).
pub(crate) type Merge = FutureResult<Option<SegmentMeta>>;

pub(crate) struct Writer {
    jobs: mpsc::Sender<Job>,
    thread: Option<JoinHandle<()>>,
}

fn stopped() -> anyhow::Error {
    anyhow::anyhow!("the indexer thread stopped")
}

impl Writer {
    /// Opens the index's writer on a new thread.
    pub async fn start(index: Arc<SearchIndex>) -> anyhow::Result<Writer> {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let (opened, is_open) = oneshot::channel();
        let thread = std::thread::Builder::new().name(THREAD_NAME.into()).spawn(move || {
            match index.index.writer_with_num_threads(INDEXING_THREADS, WRITER_HEAP) {
                Ok(writer) => {
                    let _ = opened.send(Ok(()));
                    work(&index, writer, queue);
                }
                Err(error) => {
                    let _ = opened.send(Err(anyhow::Error::from(error)));
                }
            }
        })?;
        is_open.await.map_err(|_| stopped())??;
        Ok(Writer { jobs, thread: Some(thread) })
    }

    async fn send(&self, job: Job) -> anyhow::Result<()> {
        self.jobs.send(job).await.map_err(|_| stopped())
    }

    pub async fn delete_all(&self) -> anyhow::Result<()> {
        self.send(Job::DeleteAll).await
    }

    /// Queues a batch; its errors, if any, are those of the next commit.
    pub async fn batch(
        &self,
        delete: Vec<ExpertId>,
        profiles: Vec<Profile>,
        extras: HashMap<ExpertId, Extras>,
        taxonomy: Arc<Taxonomy>,
        today: Date,
    ) -> anyhow::Result<()> {
        self.send(Job::Batch { delete, profiles, extras, taxonomy, today }).await
    }

    /// Commits everything queued so far, with `seq` as the last change applied and `taxonomy`
    /// the version its batches were read with; a batch that failed makes the commit roll back
    /// instead, and fail.
    pub async fn commit(&self, seq: Position, taxonomy: i64) -> anyhow::Result<()> {
        let (done, result) = oneshot::channel();
        self.send(Job::Commit { seq, taxonomy, done }).await?;
        result.await.map_err(|_| stopped())?
    }

    /// Starts merging the committed segments into one, in the background: the index answers
    /// from its segments meanwhile, and the writer goes on taking batches and commits.
    pub async fn merge_all(&self) -> anyhow::Result<Option<Merge>> {
        let (started, merge) = oneshot::channel();
        self.send(Job::MergeAll(started)).await?;
        merge.await.map_err(|_| stopped())?
    }

    /// Closes the queue: the thread finishes what it was given and ends (releasing the index's
    /// lock).
    fn close(&mut self) -> Option<JoinHandle<()>> {
        let (closed, _) = mpsc::channel(1);
        drop(std::mem::replace(&mut self.jobs, closed));
        self.thread.take()
    }

    /// Lets the thread finish the jobs it was given, and waits for it (from a blocking thread).
    pub async fn finish(mut self) {
        let Some(thread) = self.close() else { return };
        if tokio::task::spawn_blocking(move || thread.join()).await.map_or(true, |joined| joined.is_err()) {
            tracing::warn!("the indexer thread ended badly");
        }
    }

    /// Whether the writer's thread is inside a tokio runtime, and its name.
    #[cfg(test)]
    async fn probe(&self) -> (bool, Option<String>) {
        let (done, answer) = oneshot::channel();
        self.send(Job::Probe(done)).await.unwrap();
        answer.await.unwrap()
    }
}

/// Without [`Writer::finish`] (a test, a start that failed), the thread is still waited for:
/// the index's lock must be free when the writer is gone, for the next one to open it.
impl Drop for Writer {
    fn drop(&mut self) {
        if let Some(thread) = self.close()
            && thread.join().is_err()
        {
            tracing::warn!("the indexer thread ended badly");
        }
    }
}

/// The thread's loop: jobs in order until the queue closes.
fn work(index: &SearchIndex, mut writer: IndexWriter, mut queue: mpsc::Receiver<Job>) {
    let mut failed: Option<anyhow::Error> = None;
    while let Some(job) = queue.blocking_recv() {
        match job {
            Job::DeleteAll => {
                if failed.is_none()
                    && let Err(error) = writer.delete_all_documents()
                {
                    failed = Some(error.into());
                }
            }
            Job::Batch { delete, profiles, extras, taxonomy, today } => {
                if failed.is_some() {
                    continue;
                }
                for id in &delete {
                    writer.delete_term(Term::from_field_text(index.fields.id, &id.to_string()));
                }
                let none = Extras::default();
                for profile in &profiles {
                    let extra = extras.get(&profile.id).unwrap_or(&none);
                    let mentions = mentions::for_index(&taxonomy, profile, extra.mentions.as_ref(), &extra.dismissed);
                    if let Err(error) = writer.add_document(document(&index.fields, profile, extra, &mentions, today)) {
                        failed = Some(error.into());
                        break;
                    }
                }
            }
            Job::Commit { seq, taxonomy, done } => {
                let result = match failed.take() {
                    Some(error) => {
                        if let Err(rollback) = writer.rollback() {
                            tracing::warn!(%rollback, "cannot roll the index writer back");
                        }
                        Err(error)
                    }
                    None => commit(index, &mut writer, seq, taxonomy),
                };
                let _ = done.send(result);
            }
            Job::MergeAll(started) => {
                let merge = index.index.searchable_segment_ids().map(|ids| (ids.len() > 1).then(|| writer.merge(&ids)));
                let _ = started.send(merge.map_err(anyhow::Error::from));
            }
            #[cfg(test)]
            Job::Probe(done) => {
                let in_runtime = tokio::runtime::Handle::try_current().is_ok();
                let _ = done.send((in_runtime, std::thread::current().name().map(str::to_owned)));
            }
        }
    }
    // A merge still running is abandoned rather than waited for (the merge after a rebuild of
    // a million profiles takes tens of seconds): the last commit is whole without it, and
    // tantivy's policy considers the segments again after the next commit.
    drop(writer);
}

fn commit(index: &SearchIndex, writer: &mut IndexWriter, seq: Position, taxonomy: i64) -> anyhow::Result<()> {
    let mut prepared = writer.prepare_commit()?;
    let payload = Payload { schema: SCHEMA_VERSION, seq: seq.seq, txid: seq.txid, taxonomy };
    prepared.set_payload(&serde_json::to_string(&payload)?);
    prepared.commit()?;
    index.reload()?;
    index.set_taxonomy_version(taxonomy);
    index.set_applied(seq);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn index_writes_run_on_a_thread_of_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let (index, _) = SearchIndex::open(dir.path()).unwrap();
        let index = Arc::new(index);
        let writer = Writer::start(index.clone()).await.unwrap();
        let (in_runtime, name) = writer.probe().await;
        assert!(!in_runtime, "the writer's thread is no thread of the runtime");
        assert_eq!(name.as_deref(), Some(THREAD_NAME));
        writer.delete_all().await.unwrap();
        writer.commit(Position::new(0, 7), 3).await.unwrap();
        assert_eq!(index.taxonomy_version(), 3);
        assert_eq!(index.applied(), Position::new(0, 7), "a commit is searchable when it answers");
        writer.finish().await;
    }
}
