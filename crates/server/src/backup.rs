//! `passerelle backup FILE` and `passerelle restore FILE`, for the embedded SQLite database.
//!
//! A backup is a consistent copy of the database taken while the server runs (SQLite's
//! `VACUUM INTO`, on a read transaction: writers go on meanwhile). The search index is not in
//! it: it is derived, and a restored data directory rebuilds it from the database at its first
//! start. PostgreSQL deployments back up with PostgreSQL's own tools (README, "Running on
//! PostgreSQL with several instances").

use crate::cli::{Failure, open_database};
use crate::config::{Config, ConfigError};
use passerelle_db::{DATABASE_FILE, Engine};
use std::path::Path;

pub async fn backup(config: Config, file: &Path) -> Result<(), Failure> {
    if file.exists() {
        return Err(anyhow::anyhow!("{} exists already: choose a new file for the backup", file.display()).into());
    }
    let db = open_database(&config).await?;
    if db.engine() == Engine::Postgres {
        db.close().await;
        return Err(anyhow::anyhow!(
            "the database is PostgreSQL: back it up with pg_dump or a base backup (see the README)"
        )
        .into());
    }
    let started = std::time::Instant::now();
    let written = db.backup_to(file).await.map_err(anyhow::Error::from);
    db.close().await;
    written?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!(
        "backup written to {} ({:.1} MiB in {:.1} s)",
        file.display(),
        size as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub async fn restore(config: Config, file: &Path) -> Result<(), Failure> {
    if config.database_url.is_some() {
        return Err(anyhow::anyhow!("the database is PostgreSQL: restore it with pg_restore (see the README)").into());
    }
    let target = config.data_dir.join(DATABASE_FILE);
    if target.exists() {
        return Err(ConfigError::new(
            "data_dir",
            format!("{} holds a database already: restore into an empty data directory", config.data_dir.display()),
        )
        .into());
    }
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|e| ConfigError::new("data_dir", format!("cannot create {}: {e}", config.data_dir.display())))?;
    std::fs::copy(file, &target).map_err(|e| anyhow::anyhow!("cannot copy {}: {e}", file.display()))?;
    // The copy must be a Passerelle database: open and migrate it (an older backup is brought
    // up to date), and drop any index left in the directory so the next start rebuilds it.
    let db = open_database(&config).await?;
    let checked = db.migrate().await.map_err(anyhow::Error::from);
    db.close().await;
    if let Err(error) = checked {
        let _ = std::fs::remove_file(&target);
        return Err(error.context(format!("{} is not a Passerelle backup", file.display())).into());
    }
    let _ = std::fs::remove_dir_all(config.data_dir.join(crate::search::INDEX_DIR));
    println!(
        "restored {} into {}; the search index is rebuilt at the next start",
        file.display(),
        config.data_dir.display()
    );
    Ok(())
}
