//! Configuration: defaults, then an optional `passerelle.toml`, then `PASSERELLE_*` environment
//! variables (nested keys with `__`, e.g. `PASSERELLE_LOG_LEVEL`), then command-line flags.
//! Unknown keys are reported as warnings; a bad value stops the program with one sentence that
//! names the key.

use crate::cli::{Cli, Command};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The configuration as written: every field has a default.
#[derive(Debug, Deserialize)]
#[serde(default)]
struct Raw {
    data_dir: PathBuf,
    listen: String,
    log_format: String,
    log_level: String,
    request_timeout_secs: u64,
    body_limit_bytes: usize,
}

impl Default for Raw {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("data"),
            listen: "127.0.0.1:8080".to_owned(),
            log_format: "text".to_owned(),
            log_level: "info".to_owned(),
            request_timeout_secs: 30,
            body_limit_bytes: 2 * 1024 * 1024,
        }
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
    pub data_dir: PathBuf,
    pub listen: SocketAddr,
    pub log_format: LogFormat,
    pub log_level: String,
    pub request_timeout: Duration,
    pub body_limit: usize,
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
    if let Command::Serve(args) = &cli.command {
        builder = set(builder, "listen", args.listen.clone()).map_err(file_error)?;
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
    if raw.data_dir.as_os_str().is_empty() {
        return Err(ConfigError::new("data_dir", "must not be empty"));
    }
    Ok(Config {
        data_dir: raw.data_dir,
        listen,
        log_format,
        log_level: raw.log_level,
        request_timeout: Duration::from_secs(raw.request_timeout_secs),
        body_limit: raw.body_limit_bytes,
    })
}
