//! The SQLite FTS5 peer: the same profiles' text in an FTS5 table (porter stemming, diacritics
//! removed), the hard filters as SQL over side tables, ranked by `bm25()`.

use crate::Args;
use crate::corpus::{AsyncBatch, Corpus, PeerRow, query_words};
use crate::report::{Latencies, Measured};
use crate::requests::Request;
use passerelle_profiles::Profile;
use passerelle_search::{MissionMode, Timing, encode};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use std::path::Path;
use std::time::Instant;

struct Loader<'a> {
    pool: &'a SqlitePool,
    corpus: &'a Corpus,
    next: i64,
}

impl AsyncBatch for Loader<'_> {
    async fn batch(&mut self, profiles: Vec<Profile>) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        for profile in &profiles {
            let row = PeerRow::of(profile, &self.corpus.labels);
            self.next += 1;
            let rowid = self.next;
            sqlx::query("INSERT INTO fts (rowid, body) VALUES ($1, $2)")
                .bind(rowid)
                .bind(&row.text)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO meta (rowid, id, consent) VALUES ($1, $2, $3)")
                .bind(rowid)
                .bind(&row.id)
                .bind(row.consent)
                .execute(&mut *tx)
                .await?;
            for (lang, rank) in &row.languages {
                sqlx::query("INSERT INTO langs (rowid, lang, rank) VALUES ($1, $2, $3)")
                    .bind(rowid)
                    .bind(lang)
                    .bind(i64::from(*rank))
                    .execute(&mut *tx)
                    .await?;
            }
            for (lo, hi, modes) in &row.windows {
                sqlx::query("INSERT INTO windows (rowid, lo, hi, modes) VALUES ($1, $2, $3, $4)")
                    .bind(rowid)
                    .bind(i64::from(*lo))
                    .bind(i64::from(*hi))
                    .bind(*modes as i64)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The availability filter in SQL on one window (the same rule as Passerelle's, without
/// joining adjacent windows; generated windows rarely touch).
pub fn availability_sql(timing: Timing, mode: MissionMode, table: &str) -> String {
    let needs = mode.needs();
    match timing {
        Timing::Fixed(range) => format!(
            "({table}.modes & {needs}) <> 0 AND {table}.lo <= {} AND {table}.hi >= {}",
            encode::day(range.start()),
            encode::day(range.end())
        ),
        Timing::Flexible { window, days } => format!(
            "({table}.modes & {needs}) <> 0 AND min({table}.hi, {b}) - max({table}.lo, {a}) + 1 >= {days}",
            a = encode::day(window.start()),
            b = encode::day(window.end())
        ),
    }
}

pub async fn measure(dir: &Path, corpus: &Corpus, requests: &[Request], args: &Args) -> anyhow::Result<Measured> {
    let path = dir.join("fts5.db");
    let _ = std::fs::remove_file(&path);
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await?;
    for ddl in [
        "CREATE VIRTUAL TABLE fts USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2')",
        "CREATE TABLE meta (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, consent INTEGER NOT NULL)",
        "CREATE TABLE langs (rowid INTEGER NOT NULL, lang TEXT NOT NULL, rank INTEGER NOT NULL)",
        "CREATE TABLE windows (rowid INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, modes INTEGER NOT NULL)",
    ] {
        sqlx::query(ddl).execute(&pool).await?;
    }
    let started = Instant::now();
    corpus.for_each_batch(Loader { pool: &pool, corpus, next: 0 }).await?;
    for ddl in
        ["CREATE INDEX langs_rowid ON langs (rowid, lang, rank)", "CREATE INDEX windows_rowid ON windows (rowid)"]
    {
        sqlx::query(ddl).execute(&pool).await?;
    }
    let index_rate = corpus.count as f64 / started.elapsed().as_secs_f64();
    eprintln!("bench: SQLite FTS5 loaded at {index_rate:.0}/s");

    let mut latencies = Latencies::default();
    let mut tops = vec![Vec::new(); requests.len()];
    for pass in 0..args.passes.max(2) {
        for (i, request) in requests.iter().enumerate() {
            let words = query_words(&request.words);
            if words.is_empty() {
                continue;
            }
            let matching = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" OR ");
            let mut sql = String::from(
                "SELECT m.id FROM fts JOIN meta m ON m.rowid = fts.rowid WHERE fts MATCH $1 AND m.consent = 1",
            );
            for (language, level) in &request.criteria.languages {
                sql.push_str(&format!(
                    " AND EXISTS (SELECT 1 FROM langs l WHERE l.rowid = fts.rowid AND l.lang = '{}' AND l.rank >= {})",
                    language.code(),
                    level.rank()
                ));
            }
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM windows w WHERE w.rowid = fts.rowid AND {})",
                availability_sql(request.criteria.timing, request.criteria.mode, "w")
            ));
            sql.push_str(&format!(" ORDER BY bm25(fts) LIMIT {}", args.limit));
            let t0 = Instant::now();
            let ids: Vec<String> = sqlx::query_scalar(&sql).bind(&matching).fetch_all(&pool).await?;
            let elapsed = t0.elapsed();
            if pass > 0 {
                latencies.0.push(elapsed);
            } else {
                tops[i] = ids;
            }
        }
    }
    let answered = tops.iter().filter(|t| !t.is_empty()).count();
    pool.close().await;
    Ok(Measured { index_rate, size: std::fs::metadata(&path).map_or(0, |m| m.len()), latencies, tops, answered })
}
