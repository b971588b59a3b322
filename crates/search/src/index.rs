//! The index on disk: opened, or created and marked for a rebuild when it is missing, corrupt
//! or of another schema version. The commit payload records the schema version and the last
//! change-log sequence applied, so that a restart catches up from there.

use crate::analyzers;
use crate::schema::{self, Fields, SCHEMA_VERSION};
use passerelle_db::Position;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};
use tokio::sync::watch;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Payload {
    pub schema: u32,
    /// The last change-log sequence whose effect is in this commit.
    pub seq: i64,
    /// Its transaction (PostgreSQL; 0 on SQLite, and in indexes written before there was one).
    #[serde(default)]
    pub txid: i64,
    /// The version of the taxonomy its documents' mentions were read with.
    #[serde(default)]
    pub taxonomy: i64,
}

impl Payload {
    pub fn position(&self) -> Position {
        Position::new(self.txid, self.seq)
    }
}

/// Why the index must be rebuilt from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    Missing,
    Corrupt(String),
    OtherSchema,
    Asked,
    /// The taxonomy changed: what experts' words name is read again. The index answers as
    /// before meanwhile, and stays ready.
    TaxonomyChanged,
}

pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    reader: IndexReader,
    dir: PathBuf,
    applied: watch::Sender<Position>,
    /// Set while the index is being rebuilt: it answers, but incompletely.
    rebuilding: watch::Sender<bool>,
    /// Set once the indexer follows the change log (see [`SearchIndex::is_following`]).
    following: watch::Sender<bool>,
    /// The taxonomy version of the last commit (see [`Payload::taxonomy`]).
    taxonomy: AtomicI64,
}

impl SearchIndex {
    /// Opens the index in `dir`; returns it with the reason it must be rebuilt, if it must.
    pub fn open(dir: &Path) -> anyhow::Result<(SearchIndex, Option<Rebuild>)> {
        let (schema, fields) = schema::build();
        let existing = if dir.join("meta.json").exists() {
            match MmapDirectory::open(dir).map_err(anyhow::Error::from).and_then(|d| Ok(Index::open(d)?)) {
                Ok(index) if index.schema() == schema => match payload(&index) {
                    Some(p) if p.schema == SCHEMA_VERSION => Ok((index, p)),
                    _ => Err(Rebuild::OtherSchema),
                },
                Ok(_) => Err(Rebuild::OtherSchema),
                Err(error) => Err(Rebuild::Corrupt(error.to_string())),
            }
        } else {
            Err(Rebuild::Missing)
        };
        let (index, payload, rebuild) = match existing {
            Ok((index, payload)) => (index, payload, None),
            Err(reason) => {
                if dir.exists() {
                    std::fs::remove_dir_all(dir)?;
                }
                std::fs::create_dir_all(dir)?;
                let empty = Payload { schema: SCHEMA_VERSION, seq: 0, txid: 0, taxonomy: 0 };
                (Index::create_in_dir(dir, schema)?, empty, Some(reason))
            }
        };
        analyzers::register(&index);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let (applied, _) = watch::channel(payload.position());
        let (rebuilding, _) = watch::channel(rebuild.is_some());
        let (following, _) = watch::channel(false);
        let taxonomy = AtomicI64::new(payload.taxonomy);
        let dir = dir.to_owned();
        Ok((SearchIndex { index, fields, reader, dir, applied, rebuilding, following, taxonomy }, rebuild))
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    pub(crate) fn reload(&self) -> tantivy::Result<()> {
        self.reader.reload()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The last change-log position whose effect is searchable.
    pub fn applied(&self) -> Position {
        *self.applied.borrow()
    }

    pub(crate) fn set_applied(&self, position: Position) {
        self.applied.send_replace(position);
    }

    /// The taxonomy version the documents' mentions were read with.
    pub fn taxonomy_version(&self) -> i64 {
        self.taxonomy.load(Ordering::Relaxed)
    }

    pub(crate) fn set_taxonomy_version(&self, version: i64) {
        self.taxonomy.store(version, Ordering::Relaxed);
    }

    pub fn is_rebuilding(&self) -> bool {
        *self.rebuilding.borrow()
    }

    pub(crate) fn set_rebuilding(&self, rebuilding: bool) {
        self.rebuilding.send_replace(rebuilding);
    }

    /// Whether the indexer follows the change log: it hears of other instances' changes as they
    /// commit (on PostgreSQL), and has applied everything readable since it began to. From then
    /// on a change committed anywhere is searchable here within milliseconds; until then this
    /// process must not say it is ready (a change made while it started could wait for a poll).
    pub fn is_following(&self) -> bool {
        *self.following.borrow()
    }

    pub(crate) fn set_following(&self) {
        self.following.send_replace(true);
    }

    /// Waits until the change at `position` is searchable (tests wait for this, never sleep).
    pub async fn wait_for(&self, position: Position) {
        let mut applied = self.applied.subscribe();
        let _ = applied.wait_for(|applied| *applied >= position).await;
    }

    /// Documents in the index.
    pub fn documents(&self) -> u64 {
        self.searcher().num_docs()
    }
}

fn payload(index: &Index) -> Option<Payload> {
    let metas = index.load_metas().ok()?;
    serde_json::from_str(metas.payload.as_deref()?).ok()
}
