//! The search index of a data directory: opened (rebuilt from the database when it must be)
//! for `serve`, and rebuilt on demand by `passerelle reindex`.

use crate::cli::{Failure, open_database};
use crate::config::Config;
use indicatif::{ProgressBar, ProgressStyle};
use passerelle_db::Db;
use passerelle_search::indexer::Indexer;
use passerelle_search::{Rebuild, Search, SearchIndex};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::watch;

pub const INDEX_DIR: &str = "index";

/// The running index for `serve`, and the task that keeps it in step with the database. A
/// rebuild, when needed, happens in the background: `/readyz` says "rebuilding" meanwhile.
pub async fn open(config: &Config, db: &Db) -> Result<(Arc<Search>, Following), Failure> {
    let (index, rebuild) = SearchIndex::open(&config.data_dir.join(INDEX_DIR)).map_err(index_error)?;
    let index = Arc::new(index);
    let taxonomy = Arc::new(passerelle_taxonomy::TaxonomyCache::new());
    let indexer = Indexer::new(index.clone(), db.clone()).await.map_err(index_error)?.sharing(taxonomy.clone());
    let search = Arc::new(Search::new(index, taxonomy, config.scoring, config.stale_after));
    Ok((search, Following { indexer, rebuild }))
}

fn index_error(error: anyhow::Error) -> Failure {
    let text = format!("{error:#}");
    if text.contains("LockBusy") || text.to_lowercase().contains("lock") {
        Failure::Other(anyhow::anyhow!("the search index is in use by another process (a running server?): {text}"))
    } else {
        Failure::Other(error.context("cannot open the search index"))
    }
}

/// The indexer task: rebuild if needed, then follow the change log.
pub struct Following {
    indexer: Indexer,
    rebuild: Option<Rebuild>,
}

impl Following {
    pub async fn run(mut self, stop: watch::Receiver<bool>) {
        // Listening from the start: changes committed by other instances during a rebuild are
        // heard of, and the server is ready (`/readyz`) as soon as the index follows.
        self.indexer.listen();
        if let Some(reason) = &self.rebuild {
            let mut last_log = Instant::now();
            let mut progress = |done: u64, total: u64| {
                if last_log.elapsed().as_secs() >= 5 {
                    tracing::info!(done, total, "rebuilding the search index");
                    last_log = Instant::now();
                }
            };
            if let Err(error) = self.indexer.rebuild(reason, &mut progress).await {
                tracing::error!(error = format!("{error:#}"), "the search index could not be rebuilt");
            }
        }
        self.indexer.run(stop).await;
    }
}

/// `passerelle reindex`: rebuilds the index of a stopped server's data directory.
pub async fn reindex(config: Config) -> Result<(), Failure> {
    let db = open_database(&config).await?;
    db.migrate().await.map_err(anyhow::Error::from)?;
    passerelle_taxonomy::sync_shipped(&db).await?;
    let (index, _) = SearchIndex::open(&config.data_dir.join(INDEX_DIR)).map_err(index_error)?;
    let index = Arc::new(index);
    let mut indexer = Indexer::new(index.clone(), db.clone()).await.map_err(index_error)?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} profiles  {per_sec}  eta {eta}") {
            bar.set_style(style);
        }
        bar
    });
    let started = Instant::now();
    let mut progress = |done: u64, total: u64| {
        if let Some(bar) = &bar {
            bar.set_length(total);
            bar.set_position(done);
        }
    };
    let indexed = indexer.rebuild(&Rebuild::Asked, &mut progress).await?;
    indexer.catch_up().await?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!("{indexed} profiles indexed in {seconds:.1} s ({:.0} profiles/s)", indexed as f64 / seconds.max(0.001));
    // A server merges in the background; this command leaves the index merged on disk.
    let merging = Instant::now();
    if indexer.merged().await {
        println!("segments merged in {:.1} s", merging.elapsed().as_secs_f64());
    }
    db.close().await;
    Ok(())
}
