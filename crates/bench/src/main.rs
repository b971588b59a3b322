//! `passerelle-bench`: how fast the matcher answers, beside PostgreSQL full-text search and
//! SQLite FTS5 answering the same requests with the same hard filters, measured in one run.
//!
//! ```sh
//! cargo build --release -p passerelle -p passerelle-bench
//! target/release/passerelle-bench --profiles 100000
//! ```
//!
//! It generates a deterministic roster (the demo's generator: the shipped taxonomy, skewed
//! origins, languages and windows) into a fresh SQLite database, rebuilds the index from it,
//! runs a fixed set of match requests several times, measures write-to-searchable latency,
//! starts the real server on the data to read its peak memory, then loads the same profiles
//! into PostgreSQL (started and stopped by the bench, from Debian's `postgresql`) and into
//! SQLite FTS5, and prints one table.
//!
//! `--relevance` and `--extraction` run the judged benchmarks instead (`relevance.rs`,
//! `extraction.rs`).

mod corpus;
mod extraction;
mod ours;
mod postgres;
mod relevance;
mod report;
mod requests;
mod server;
mod sqlite_fts;
mod writes;

use clap::Parser;
use std::path::PathBuf;

#[derive(Debug, Clone, Parser)]
#[command(name = "passerelle-bench", about = "The search benchmark, beside PostgreSQL FTS and SQLite FTS5")]
pub struct Args {
    /// Profiles in the roster.
    #[arg(long, default_value_t = 100_000)]
    pub profiles: u64,
    /// Match requests (a fixed, deterministic set).
    #[arg(long, default_value_t = 200)]
    pub requests: usize,
    /// Times each request is run (the first pass warms caches and is not counted).
    #[arg(long, default_value_t = 5)]
    pub passes: usize,
    /// Candidates asked per request.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Where to put the databases and indexes (default: a temporary directory).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    #[arg(long)]
    pub skip_postgres: bool,
    #[arg(long)]
    pub skip_sqlite: bool,
    /// Skip starting the server to read its peak memory.
    #[arg(long)]
    pub skip_server: bool,
    /// Hold the roster (and the write benchmark's data) in PostgreSQL at this server instead of
    /// SQLite, e.g. postgres://postgres@127.0.0.1:5432/postgres (a database is created per run).
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// Skip the write benchmark (API creates, import).
    #[arg(long)]
    pub skip_writes: bool,
    /// Only the write benchmark.
    #[arg(long)]
    pub writes_only: bool,
    /// Concurrent API clients of the write benchmark.
    #[arg(long, default_value_t = 32)]
    pub clients: usize,
    /// Profiles the concurrent clients create in all.
    #[arg(long, default_value_t = 6400)]
    pub creates: usize,
    /// Lines of the import the write benchmark times.
    #[arg(long, default_value_t = 20_000)]
    pub import_lines: usize,
    /// Only the relevance bench: judged requests typed as hosts type them, beside BM25 with the
    /// same hard filters.
    #[arg(long)]
    pub relevance: bool,
    /// Generated profiles of the relevance bench's roster (the judged requests' experts are
    /// planted among them).
    #[arg(long, default_value_t = 5_000)]
    pub relevance_profiles: u64,
    /// Only the extraction bench: precision and recall of the skills found in judged terms of
    /// reference and CVs (EN and FR), and the time to read a two-page ToR.
    #[arg(long)]
    pub extraction: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(run(args))
}

async fn run(args: Args) -> anyhow::Result<()> {
    if args.extraction {
        println!("{}", extraction::measure()?.table());
        return Ok(());
    }
    let temp = tempfile::tempdir()?;
    let dir = args.dir.clone().unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(&dir)?;
    eprintln!(
        "bench: {} profiles, {} requests × {} passes, in {}",
        args.profiles,
        args.requests,
        args.passes,
        dir.display()
    );

    if args.relevance {
        let relevance = relevance::measure(&dir, &args).await?;
        println!("{}", relevance.table());
        return Ok(());
    }

    let writes = if args.skip_writes {
        None
    } else {
        let postgres = args.database_url.as_deref();
        Some(writes::measure(&dir, postgres, args.clients, args.creates, args.import_lines).await?)
    };
    if args.writes_only {
        if let Some(writes) = writes {
            println!("{}", writes.table());
        }
        return Ok(());
    }

    let corpus = corpus::load(&dir.join("data"), args.database_url.as_deref(), args.profiles, args.seed).await?;
    let taxonomy = passerelle_taxonomy::Taxonomy::load(&corpus.db).await?;
    let requests = requests::generate(args.requests, args.seed, &taxonomy);
    let engine = if args.database_url.is_some() { "PostgreSQL" } else { "SQLite" };
    let mut report = report::Report::new(engine, args.profiles, corpus.load_rate);

    let ours = ours::measure(&corpus, &requests, &args).await?;
    report.ours(&ours);
    if !args.skip_server {
        match server::peak_rss(&dir.join("data"), &requests, &corpus).await {
            Ok(rss) => report.server_rss(rss),
            Err(error) => eprintln!("bench: server memory not measured: {error:#}"),
        }
    }
    if !args.skip_sqlite {
        let peer = sqlite_fts::measure(&dir, &corpus, &requests, &args).await?;
        report.peer("SQLite FTS5", &peer, &ours);
    }
    if !args.skip_postgres {
        let peer = postgres::measure(&dir, &corpus, &requests, &args).await?;
        report.peer("PostgreSQL FTS", &peer, &ours);
    }
    println!("{}", report.table());
    if let Some(writes) = writes {
        println!("\n{}", writes.table());
    }
    Ok(())
}
