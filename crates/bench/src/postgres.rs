//! The PostgreSQL peer: a server started for the run (Debian's `postgresql` binaries, a fresh
//! cluster in the bench's directory, a loopback port), the same profiles with a stored
//! `tsvector` (English and French stemming) under a GIN index, languages as a text array
//! under a GIN index, availability in a side table; ranked by `ts_rank`.

use crate::Args;
use crate::corpus::{AsyncBatch, Corpus, PeerRow, query_words};
use crate::report::{Latencies, Measured, dir_size};
use crate::requests::Request;
use passerelle_profiles::Profile;
use passerelle_search::{Timing, encode};
use sqlx::ConnectOptions;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A PostgreSQL server for the length of the run.
struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
    port: u16,
}

fn command(cluster_bin: &Path, as_postgres: bool, program: &str) -> Command {
    if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(cluster_bin.join(program));
        c
    } else {
        Command::new(cluster_bin.join(program))
    }
}

impl Cluster {
    fn start(dir: &Path) -> anyhow::Result<Cluster> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .map_err(|_| anyhow::anyhow!("PostgreSQL is not installed (apt-get install postgresql)"))?
            .flatten()
            .map(|e| e.path().join("bin"))
            .find(|p| p.join("initdb").exists())
            .ok_or_else(|| anyhow::anyhow!("no initdb under /usr/lib/postgresql"))?;
        // initdb refuses to run as root: the cluster then belongs to the postgres user.
        let as_postgres = is_root();
        let data = dir.join("postgres");
        let _ = std::fs::remove_dir_all(&data);
        std::fs::create_dir_all(&data)?;
        if as_postgres {
            let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(&data).status()?;
            anyhow::ensure!(status.success(), "cannot give the cluster directory to postgres");
            let mut parent = data.parent();
            while let Some(p) = parent {
                let _ = Command::new("chmod").arg("o+x").arg(p).status();
                parent = p.parent();
            }
        }
        let status = command(&bin, as_postgres, "initdb")
            .args(["-D"])
            .arg(&data)
            .args(["--auth=trust", "-U", "postgres", "--no-sync", "-E", "UTF8"])
            .stdout(std::process::Stdio::null())
            .status()?;
        anyhow::ensure!(status.success(), "initdb failed");
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c work_mem=16MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            data.display()
        );
        let status = command(&bin, as_postgres, "pg_ctl")
            .args(["-D"])
            .arg(&data)
            .args(["-o", &options, "-w", "-l"])
            .arg(data.join("server.log"))
            .arg("start")
            .stdout(std::process::Stdio::null())
            .status()?;
        anyhow::ensure!(status.success(), "pg_ctl start failed (see {}/server.log)", data.display());
        Ok(Cluster { bin, data, as_postgres, port })
    }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = command(&self.bin, self.as_postgres, "pg_ctl")
            .args(["-D"])
            .arg(&self.data)
            .args(["-m", "fast", "stop"])
            .stdout(std::process::Stdio::null())
            .status();
    }
}

struct Loader<'a> {
    pool: &'a PgPool,
    corpus: &'a Corpus,
}

fn csv_cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

impl AsyncBatch for Loader<'_> {
    async fn batch(&mut self, profiles: Vec<Profile>) -> anyhow::Result<()> {
        let mut experts = String::new();
        let mut windows = String::new();
        for profile in &profiles {
            let row = PeerRow::of(profile, &self.corpus.labels);
            let langs: Vec<String> =
                row.languages.iter().flat_map(|(code, rank)| (1..=*rank).map(move |r| format!("{code}:{r}"))).collect();
            experts.push_str(&format!(
                "{},{},{},{}\n",
                row.id,
                row.consent,
                csv_cell(&format!("{{{}}}", langs.join(","))),
                csv_cell(&row.text)
            ));
            for (lo, hi, modes) in &row.windows {
                windows.push_str(&format!("{},{lo},{hi},{modes}\n", row.id));
            }
        }
        let mut connection = self.pool.acquire().await?;
        let mut copy =
            connection.copy_in_raw("COPY experts (id, consent, langs, body) FROM STDIN WITH (FORMAT csv)").await?;
        copy.send(experts.as_bytes()).await?;
        copy.finish().await?;
        let mut copy =
            connection.copy_in_raw("COPY windows (expert, lo, hi, modes) FROM STDIN WITH (FORMAT csv)").await?;
        copy.send(windows.as_bytes()).await?;
        copy.finish().await?;
        Ok(())
    }
}

pub async fn measure(dir: &Path, corpus: &Corpus, requests: &[Request], args: &Args) -> anyhow::Result<Measured> {
    let cluster = Cluster::start(dir)?;
    let options = PgConnectOptions::new()
        .host("127.0.0.1")
        .port(cluster.port)
        .username("postgres")
        .database("postgres")
        .disable_statement_logging();
    let pool =
        PgPoolOptions::new().max_connections(2).acquire_timeout(Duration::from_secs(30)).connect_with(options).await?;
    for ddl in [
        "CREATE TABLE experts (id text PRIMARY KEY, consent boolean NOT NULL, langs text[] NOT NULL, body text NOT NULL, \
         tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body) || to_tsvector('french', body)) STORED)",
        "CREATE TABLE windows (expert text NOT NULL, lo integer NOT NULL, hi integer NOT NULL, modes integer NOT NULL)",
    ] {
        sqlx::query(ddl).execute(&pool).await?;
    }
    let started = Instant::now();
    corpus.for_each_batch(Loader { pool: &pool, corpus }).await?;
    for ddl in [
        "CREATE INDEX experts_tsv ON experts USING gin (tsv)",
        "CREATE INDEX experts_langs ON experts USING gin (langs)",
        "CREATE INDEX windows_expert ON windows (expert)",
        "ANALYZE",
    ] {
        sqlx::query(ddl).execute(&pool).await?;
    }
    let index_rate = corpus.count as f64 / started.elapsed().as_secs_f64();
    eprintln!("bench: PostgreSQL loaded and indexed at {index_rate:.0}/s");

    let mut latencies = Latencies::default();
    let mut tops = vec![Vec::new(); requests.len()];
    for pass in 0..args.passes.max(2) {
        for (i, request) in requests.iter().enumerate() {
            let words = query_words(&request.words);
            if words.is_empty() {
                continue;
            }
            let query = words.join(" | ");
            let langs: Vec<String> =
                request.criteria.languages.iter().map(|(l, c)| format!("{}:{}", l.code(), c.rank())).collect();
            let needs = request.criteria.mode.needs() as i64;
            let available = match request.criteria.timing {
                Timing::Fixed(range) => {
                    format!("w.lo <= {} AND w.hi >= {}", encode::day(range.start()), encode::day(range.end()))
                }
                Timing::Flexible { window, days } => format!(
                    "least(w.hi, {b}) - greatest(w.lo, {a}) + 1 >= {days}",
                    a = encode::day(window.start()),
                    b = encode::day(window.end())
                ),
            };
            let sql = format!(
                "SELECT e.id FROM experts e, (SELECT to_tsquery('english', $1) || to_tsquery('french', $1) AS q) t \
                 WHERE e.tsv @@ t.q AND e.consent AND e.langs @> $2::text[] \
                 AND EXISTS (SELECT 1 FROM windows w WHERE w.expert = e.id AND (w.modes & $3) <> 0 AND {available}) \
                 ORDER BY ts_rank(e.tsv, t.q) DESC LIMIT {}",
                args.limit
            );
            let t0 = Instant::now();
            let ids: Vec<String> =
                sqlx::query_scalar(&sql).bind(&query).bind(&langs).bind(needs).fetch_all(&pool).await?;
            let elapsed = t0.elapsed();
            if pass > 0 {
                latencies.0.push(elapsed);
            } else {
                tops[i] = ids;
            }
        }
    }
    let answered = tops.iter().filter(|t| !t.is_empty()).count();
    let size: i64 = sqlx::query_scalar("SELECT pg_total_relation_size('experts') + pg_total_relation_size('windows')")
        .fetch_one(&pool)
        .await?;
    pool.close().await;
    let _ = dir_size(dir);
    drop(cluster);
    Ok(Measured { index_rate, size: size.max(0) as u64, latencies, tops, answered })
}
