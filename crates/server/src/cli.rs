//! The command line: global options every subcommand shares, and the subcommands.

use crate::config::{Config, ConfigError};
use clap::{Args, Parser, Subcommand};
use passerelle_db::{Db, OpenError};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "passerelle",
    version,
    about = "Passerelle: diaspora experts matched to the missions institutions need",
    long_about = None
)]
pub struct Cli {
    /// Configuration file (TOML). Default: ./passerelle.toml when it exists.
    #[arg(long, global = true, env = "PASSERELLE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Directory holding the database and the search index. Default: ./data
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// PostgreSQL database (postgres://user:password@host:5432/db), for several instances.
    /// Default: SQLite in the data directory.
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Log format: text (readable on a terminal) or json.
    #[arg(long, global = true, value_name = "FORMAT")]
    pub log_format: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the platform: migrate the database, then serve the web pages and the API.
    Serve(ServeArgs),
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(crate::users_cli::UserCommand),
    /// Manage personal API tokens.
    #[command(subcommand)]
    Token(crate::users_cli::TokenCommand),
    /// Manage the skill taxonomy.
    #[command(subcommand)]
    Taxonomy(TaxonomyCommand),
    /// Import profiles in bulk.
    #[command(subcommand)]
    Import(crate::import_cli::ImportCommand),
    /// Rebuild the search index from the database (the server must be stopped).
    Reindex,
    /// Write a consistent copy of the SQLite database to FILE (the server may be running).
    Backup {
        /// The file to write (must not exist).
        file: PathBuf,
    },
    /// Restore a backup into an empty data directory (the index is rebuilt at the next start).
    Restore {
        /// A file written by `passerelle backup`.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum TaxonomyCommand {
    /// Import ESCO's skills CSV download (conceptUri, preferredLabel, altLabels…) in one language.
    Import {
        /// The CSV file, e.g. skills_fr.csv from https://esco.ec.europa.eu/en/use-esco/download
        file: PathBuf,
        /// The language of the file's labels (en, fr, nl, de…).
        #[arg(long)]
        lang: String,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Default: 127.0.0.1:8080
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// Seed demonstration data into an empty database.
    #[arg(long)]
    pub demo: bool,
    /// Cookies without `Secure` (plain-HTTP local use). The default on a loopback address.
    #[arg(long)]
    pub insecure_cookies: bool,
}

/// Why a command failed: bad configuration (exit 2) or anything else (exit 1).
pub enum Failure {
    Config(ConfigError),
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Other(error)
    }
}

impl From<ConfigError> for Failure {
    fn from(error: ConfigError) -> Self {
        Failure::Config(error)
    }
}

pub async fn run(command: Command, config: Config) -> Result<(), Failure> {
    match command {
        Command::Serve(args) => crate::serve::run(config, args.demo).await,
        Command::Migrate => {
            let db = open_database(&config).await?;
            let applied = db.migrate().await.map_err(anyhow::Error::from)?;
            passerelle_taxonomy::sync_shipped(&db).await?;
            println!("{applied} migration(s) applied to {}", db.location());
            db.close().await;
            Ok(())
        }
        Command::Taxonomy(TaxonomyCommand::Import { file, lang }) => {
            let db = open_database(&config).await?;
            db.migrate().await.map_err(anyhow::Error::from)?;
            passerelle_taxonomy::sync_shipped(&db).await?;
            let reader =
                std::fs::File::open(&file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let report = passerelle_taxonomy::import_esco_csv(&db, std::io::BufReader::new(reader), &lang).await;
            let relinked = match &report {
                Ok(_) => {
                    let taxonomy = passerelle_taxonomy::Taxonomy::load(&db).await.map_err(anyhow::Error::from)?;
                    Some(passerelle_profiles::relink::all(&db, &taxonomy).await.map_err(anyhow::Error::from)?)
                }
                Err(_) => None,
            };
            db.close().await;
            let report = report?;
            for (line, why) in &report.refused {
                eprintln!("line {line}: {why}");
            }
            println!(
                "{} concepts read: {} new skills, {} existing skills enriched, {} lines refused",
                report.read,
                report.created,
                report.enriched,
                report.refused.len()
            );
            if let Some(r) = relinked {
                println!(
                    "{} skills of experts and {} skills of requests kept in words now linked to the taxonomy",
                    r.expert_skills, r.request_skills
                );
                println!("{} profiles' own words read again with the taxonomy", r.mentions);
            }
            Ok(())
        }
        Command::User(command) => crate::users_cli::run_user(command, config).await,
        Command::Import(command) => crate::import_cli::run(command, config).await,
        Command::Reindex => crate::search::reindex(config).await,
        Command::Backup { file } => crate::backup::backup(config, &file).await,
        Command::Restore { file } => crate::backup::restore(config, &file).await,
        Command::Token(command) => crate::users_cli::run_token(command, config).await,
    }
}

/// Opens the configured database (PostgreSQL at `database_url`, else SQLite in the data
/// directory); a directory or URL we cannot use is a configuration error, named by its key.
pub async fn open_database(config: &Config) -> Result<Db, Failure> {
    std::fs::create_dir_all(&config.data_dir).map_err(|e| {
        Failure::Config(ConfigError::new("data_dir", format!("cannot create {}: {e}", config.data_dir.display())))
    })?;
    Db::open_configured(&config.data_dir, config.database_url.as_deref()).await.map_err(|error| match error {
        OpenError::CreateDir { .. } | OpenError::NotWritable { .. } => {
            Failure::Config(ConfigError::new("data_dir", error.to_string()))
        }
        OpenError::UnsupportedUrl => Failure::Config(ConfigError::new("database_url", error.to_string())),
        OpenError::Open { .. } => Failure::Other(error.into()),
    })
}
