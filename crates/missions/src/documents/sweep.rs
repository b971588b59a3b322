//! Keeping the file store in step with the documents: objects no document points at any more
//! are removed (after a deletion, a replacement, an erasure), and, when clamd is configured,
//! new objects are scanned before anyone may download them.
//!
//! Removal happens under a lock on the object's row: an upload of the same content at that
//! moment waits for it, then writes the row anew and stores the content again after its own
//! commit, so a document never points at a removed object.

use super::Files;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::Timestamp;
use passerelle_db::Db;
use passerelle_files::{ContentHash, clamd};

/// Removes from the store those of `hashes` no document points at any more; returns how many.
pub async fn remove_unused(db: &Db, files: &Files, hashes: &[ContentHash]) -> anyhow::Result<usize> {
    let mut removed = 0;
    for hash in hashes {
        let mut tx = db.begin().await?;
        let lock = tx.dialect().for_update();
        let unused: Option<String> = sqlx::query_scalar(&format!(
            "SELECT hash FROM stored_objects o WHERE hash = $1 \
             AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.object_hash = o.hash){lock}"
        ))
        .bind(hash.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        if unused.is_none() {
            continue;
        }
        files.store.delete(hash).await?;
        sqlx::query("DELETE FROM stored_objects WHERE hash = $1").bind(hash.as_str()).execute(&mut *tx).await?;
        tx.commit().await?;
        removed += 1;
    }
    Ok(removed)
}

/// Removes every object no document points at (what a crash between an erasure and its sweep
/// may have left); returns how many.
pub async fn remove_all_unused(db: &Db, files: &Files) -> anyhow::Result<usize> {
    let mut removed = 0;
    loop {
        let found: Vec<String> = sqlx::query_scalar(
            "SELECT hash FROM stored_objects o WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.object_hash = o.hash) \
             ORDER BY hash LIMIT 200",
        )
        .fetch_all(db.reader())
        .await?;
        let hashes: Vec<ContentHash> = found.iter().filter_map(|h| ContentHash::parse(h)).collect();
        let done = remove_unused(db, files, &hashes).await?;
        removed += done;
        if done == 0 {
            return Ok(removed);
        }
    }
}

/// Scans the objects waiting for clamd: a clean one becomes downloadable; an infected one is
/// removed from the store at once, its documents kept to say so. Returns how many were
/// scanned; an object clamd could not scan stays pending for the next run.
pub async fn scan_pending(db: &Db, files: &Files) -> anyhow::Result<usize> {
    let Some(address) = &files.clamd else { return Ok(0) };
    let pending: Vec<String> =
        sqlx::query_scalar("SELECT hash FROM stored_objects WHERE scan = 'pending' ORDER BY created_at LIMIT 20")
            .fetch_all(db.reader())
            .await?;
    let mut scanned = 0;
    for hash in pending.iter().filter_map(|h| ContentHash::parse(h)) {
        let verdict = match files.store.get(&hash).await {
            Ok((_, stream)) => clamd::scan(address, stream).await,
            Err(error) => Err(error),
        };
        let (state, result) = match verdict {
            Ok(clamd::Verdict::Clean) => ("clean", String::new()),
            Ok(clamd::Verdict::Infected(signature)) => {
                files.store.delete(&hash).await?;
                ("infected", signature)
            }
            Err(error) => {
                tracing::warn!(error = format!("{error:#}"), "clamd could not scan a file; it stays pending");
                continue;
            }
        };
        let mut tx = db.begin().await?;
        sqlx::query("UPDATE stored_objects SET scan = $2, scan_result = $3 WHERE hash = $1 AND scan = 'pending'")
            .bind(hash.as_str())
            .bind(state)
            .bind(&result)
            .execute(&mut *tx)
            .await?;
        if state == "infected" {
            let documents: Vec<String> = sqlx::query_scalar("SELECT id FROM documents WHERE object_hash = $1")
                .bind(hash.as_str())
                .fetch_all(&mut *tx)
                .await?;
            for id in &documents {
                let event = Event { actor_label: "clamd", ..Event::by(None, "document.infected") };
                audit::record(&mut tx, &event.on("document", id).detail(&result)).await?;
            }
        }
        tx.commit().await?;
        scanned += 1;
    }
    if scanned > 0 {
        tracing::info!(scanned, at = %Timestamp::now(), "files scanned");
    }
    Ok(scanned)
}
