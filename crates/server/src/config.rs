//! Configuration: defaults, then an optional `passerelle.toml`, then `PASSERELLE_*` environment
//! variables (nested keys with `__`, e.g. `PASSERELLE_EMAIL__SMTP_HOST`), then command-line
//! flags. Unknown keys are reported as warnings; a bad value stops the program with one
//! sentence that names the key.

use crate::cli::{Cli, Command};
use passerelle_accounts::mail::{SmtpSettings, SmtpTls};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The configuration as written: every field has a default.
#[derive(Debug, Deserialize)]
#[serde(default)]
struct Raw {
    data_dir: PathBuf,
    database_url: Option<String>,
    listen: String,
    public_url: Option<String>,
    insecure_cookies: Option<bool>,
    log_format: String,
    log_level: String,
    request_timeout_secs: u64,
    body_limit_bytes: usize,
    session: RawSession,
    email: RawEmail,
    limits: RawLimits,
    profiles: RawProfiles,
    matching: RawMatching,
    search: RawSearch,
    documents: crate::files_config::RawDocuments,
    storage: crate::files_config::RawStorage,
}

#[derive(Debug, Deserialize)]
#[serde(default)]
struct RawSearch {
    ready_max_lag: u64,
}

impl Default for RawSearch {
    /// One batch of the indexer: a burst of writes that one commit of the index absorbs does not
    /// take the server out of a load balancer.
    fn default() -> Self {
        Self { ready_max_lag: 2000 }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawMatching {
    weights: passerelle_search::Weights,
    shares: passerelle_search::Shares,
}

#[derive(Debug, Deserialize)]
#[serde(default)]
struct RawProfiles {
    stale_after_days: u32,
}

impl Default for RawProfiles {
    fn default() -> Self {
        Self { stale_after_days: 182 }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default)]
struct RawSession {
    idle_minutes: u64,
    absolute_hours: u64,
}

#[derive(Debug, Deserialize)]
#[serde(default)]
struct RawEmail {
    from: String,
    smtp_host: Option<String>,
    smtp_port: u16,
    smtp_username: Option<String>,
    smtp_password: Option<String>,
    smtp_tls: String,
}

#[derive(Debug, Deserialize)]
#[serde(default)]
struct RawLimits {
    signups_per_hour: u32,
    resets_per_hour: u32,
}

impl Default for Raw {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("data"),
            database_url: None,
            listen: "127.0.0.1:8080".to_owned(),
            public_url: None,
            insecure_cookies: None,
            log_format: "text".to_owned(),
            log_level: "info".to_owned(),
            request_timeout_secs: 30,
            body_limit_bytes: 2 * 1024 * 1024,
            session: RawSession::default(),
            email: RawEmail::default(),
            limits: RawLimits::default(),
            profiles: RawProfiles::default(),
            matching: RawMatching::default(),
            search: RawSearch::default(),
            documents: Default::default(),
            storage: Default::default(),
        }
    }
}

impl Default for RawSession {
    fn default() -> Self {
        Self { idle_minutes: 60, absolute_hours: 12 }
    }
}

impl Default for RawEmail {
    fn default() -> Self {
        Self {
            from: "Passerelle <no-reply@passerelle.localhost>".to_owned(),
            smtp_host: None,
            smtp_port: 587,
            smtp_username: None,
            smtp_password: None,
            smtp_tls: "starttls".to_owned(),
        }
    }
}

impl Default for RawLimits {
    fn default() -> Self {
        Self { signups_per_hour: 20, resets_per_hour: 10 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// The configuration, checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// The SQLite database (unless `database_url` is set), the search index, the email outbox
    /// folder: what belongs to this instance.
    pub data_dir: PathBuf,
    /// PostgreSQL, for several instances: `postgres://user:password@host:5432/passerelle`.
    pub database_url: Option<String>,
    pub listen: SocketAddr,
    /// `None`: derived from the address actually listened on.
    pub public_url: Option<String>,
    pub secure_cookies: bool,
    pub log_format: LogFormat,
    pub log_level: String,
    pub request_timeout: Duration,
    pub body_limit: usize,
    pub session_idle: time::Duration,
    pub session_absolute: time::Duration,
    pub email_from: lettre::message::Mailbox,
    /// `None`: emails are written to the data directory's `outbox` folder.
    pub smtp: Option<SmtpSettings>,
    pub signups_per_hour: u32,
    pub resets_per_hour: u32,
    /// A profile not confirmed for this long is stale, and its expert is reminded.
    pub stale_after: time::Duration,
    /// How much each criterion weighs in the ranking of candidates, and the share of a
    /// skill's points that close evidence earns.
    pub scoring: passerelle_search::Scoring,
    /// Changes the search index may be behind the database while `/readyz` says ready.
    pub ready_max_lag: u64,
    /// Where documents are stored, their limits, the virus scanner.
    pub documents: crate::files_config::DocumentsConfig,
}

/// A configuration problem: the key, and what is wrong with its value.
#[derive(Debug, thiserror::Error)]
#[error("configuration error: {key}: {problem}")]
pub struct ConfigError {
    key: String,
    problem: String,
}

impl ConfigError {
    pub fn new(key: impl Into<String>, problem: impl Into<String>) -> Self {
        Self { key: key.into(), problem: problem.into() }
    }
}

pub struct Loaded {
    pub config: Config,
    pub unknown_keys: Vec<String>,
}

/// Keys that belong to the command line, not the configuration.
const NOT_CONFIGURATION: &[&str] = &["config"];

pub fn load(cli: &Cli) -> Result<Loaded, ConfigError> {
    let mut builder = config::Config::builder();
    let file = cli.config.clone().unwrap_or_else(|| PathBuf::from("passerelle.toml"));
    builder = builder
        .add_source(config::File::from(file.clone()).format(config::FileFormat::Toml).required(cli.config.is_some()));
    builder = builder.add_source(config::Environment::with_prefix("PASSERELLE").prefix_separator("_").separator("__"));
    let set = |builder: config::ConfigBuilder<_>, key: &str, value: Option<String>| match value {
        Some(value) => builder.set_override(key, value),
        None => Ok(builder),
    };
    let file_error =
        |e: config::ConfigError| ConfigError::new("config", format!("cannot read {}: {e}", file.display()));
    builder = set(builder, "data_dir", cli.data_dir.as_ref().map(|p| p.display().to_string())).map_err(file_error)?;
    builder = set(builder, "log_format", cli.log_format.clone()).map_err(file_error)?;
    builder = set(builder, "database_url", cli.database_url.clone()).map_err(file_error)?;
    if let Command::Serve(args) = &cli.command {
        builder = set(builder, "listen", args.listen.clone()).map_err(file_error)?;
        if args.insecure_cookies {
            builder = set(builder, "insecure_cookies", Some("true".into())).map_err(file_error)?;
        }
    }
    let merged = builder.build().map_err(file_error)?;

    let mut unknown_keys = Vec::new();
    let raw: Raw = serde_ignored::deserialize(merged, |path| {
        let key = path.to_string();
        if !NOT_CONFIGURATION.contains(&key.as_str()) {
            unknown_keys.push(key);
        }
    })
    .map_err(|e| ConfigError::new(key_of(&e.to_string()), e.to_string()))?;
    Ok(Loaded { config: check(raw)?, unknown_keys })
}

/// Best effort to name the key in a deserialisation error ("invalid type … for key `x`").
fn key_of(message: &str) -> String {
    message.split('`').nth(1).map_or_else(|| "config".to_owned(), str::to_owned)
}

fn check(raw: Raw) -> Result<Config, ConfigError> {
    let listen = raw.listen.trim().parse::<SocketAddr>().map_err(|_| {
        ConfigError::new("listen", format!("{:?} is not an address to listen on, such as 127.0.0.1:8080", raw.listen))
    })?;
    let log_format = match raw.log_format.trim().to_ascii_lowercase().as_str() {
        "text" => LogFormat::Text,
        "json" => LogFormat::Json,
        other => {
            return Err(ConfigError::new(
                "log_format",
                format!("{other:?} is not a log format (expected text or json)"),
            ));
        }
    };
    if tracing_subscriber::EnvFilter::try_new(&raw.log_level).is_err() {
        return Err(ConfigError::new(
            "log_level",
            format!("{:?} is not a log level (expected error, warn, info, debug or trace)", raw.log_level),
        ));
    }
    if raw.request_timeout_secs == 0 {
        return Err(ConfigError::new("request_timeout_secs", "must be at least 1 second"));
    }
    if raw.body_limit_bytes < 1024 {
        return Err(ConfigError::new("body_limit_bytes", "must be at least 1024 bytes"));
    }
    let database_url = raw.database_url.map(|url| url.trim().to_owned()).filter(|url| !url.is_empty());
    if let Some(url) = &database_url
        && !(url.starts_with("postgres://") || url.starts_with("postgresql://"))
    {
        return Err(ConfigError::new(
            "database_url",
            "must be a PostgreSQL URL (postgres://user:password@host:5432/database); leave it out to use SQLite in data_dir",
        ));
    }
    if raw.data_dir.as_os_str().is_empty() {
        return Err(ConfigError::new("data_dir", "must not be empty"));
    }
    let public_url = match raw.public_url.map(|u| u.trim().trim_end_matches('/').to_owned()) {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => Some(url),
        Some(url) => {
            return Err(ConfigError::new(
                "public_url",
                format!("{url:?} is not a web address (https://… or http://…)"),
            ));
        }
        None => None,
    };
    // Plain-HTTP cookies only where nobody else can listen: a server on a loopback address.
    let secure_cookies = !raw.insecure_cookies.unwrap_or(listen.ip().is_loopback());
    if raw.session.idle_minutes == 0 || raw.session.absolute_hours == 0 {
        return Err(ConfigError::new("session", "idle_minutes and absolute_hours must be at least 1"));
    }
    if raw.profiles.stale_after_days == 0 {
        return Err(ConfigError::new("profiles.stale_after_days", "must be at least 1 day"));
    }
    for (name, weight) in raw.matching.weights.named() {
        if !weight.is_finite() || weight < 0.0 {
            return Err(ConfigError::new(
                format!("matching.weights.{name}"),
                format!("{weight} must be a number of 0 or more"),
            ));
        }
    }
    for (name, share) in raw.matching.shares.named() {
        if !(0.0..=1.0).contains(&share) {
            return Err(ConfigError::new(
                format!("matching.shares.{name}"),
                format!("{share} must be between 0 and 1"),
            ));
        }
    }
    let email_from = raw.email.from.parse().map_err(|_| {
        ConfigError::new(
            "email.from",
            format!("{:?} is not a sender address such as Passerelle <no-reply@example.org>", raw.email.from),
        )
    })?;
    let tls = match raw.email.smtp_tls.trim().to_ascii_lowercase().as_str() {
        "tls" => SmtpTls::Tls,
        "starttls" => SmtpTls::StartTls,
        "none" => SmtpTls::None,
        other => {
            return Err(ConfigError::new("email.smtp_tls", format!("{other:?} is not one of tls, starttls, none")));
        }
    };
    let smtp = raw.email.smtp_host.filter(|h| !h.trim().is_empty()).map(|host| SmtpSettings {
        host,
        port: raw.email.smtp_port,
        username: raw.email.smtp_username,
        password: raw.email.smtp_password,
        tls,
    });
    let documents = crate::files_config::check(raw.documents, raw.storage, &raw.data_dir)?;
    Ok(Config {
        documents,
        data_dir: raw.data_dir,
        database_url,
        listen,
        public_url,
        secure_cookies,
        log_format,
        log_level: raw.log_level,
        request_timeout: Duration::from_secs(raw.request_timeout_secs),
        body_limit: raw.body_limit_bytes,
        session_idle: time::Duration::minutes(i64::try_from(raw.session.idle_minutes).unwrap_or(i64::MAX / 60)),
        session_absolute: time::Duration::hours(i64::try_from(raw.session.absolute_hours).unwrap_or(i64::MAX / 3600)),
        email_from,
        smtp,
        signups_per_hour: raw.limits.signups_per_hour,
        resets_per_hour: raw.limits.resets_per_hour,
        stale_after: time::Duration::days(i64::from(raw.profiles.stale_after_days)),
        scoring: passerelle_search::Scoring { weights: raw.matching.weights, shares: raw.matching.shares },
        ready_max_lag: raw.search.ready_max_lag,
    })
}
