//! Connecting to PostgreSQL, for deployments with several app instances.

use sqlx::AnyPool;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use std::str::FromStr;
use std::time::Duration;

/// Connections per instance: requests hold one for a few milliseconds; PostgreSQL's default of
/// 100 connections then serves several instances with room for the operator's tools.
const MAX_CONNECTIONS: u32 = 16;

pub(crate) async fn pool(url: &str) -> Result<AnyPool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    AnyPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(AnyConnectOptions::from_str(url)?)
        .await
}

/// The URL without its password, for messages and logs.
pub(crate) fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                let _ = parsed.set_password(Some("***"));
            }
            parsed.to_string()
        }
        Err(_) => "(an unreadable PostgreSQL URL)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        let shown = redacted("postgres://app:s3cret@db.example:5432/passerelle");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("db.example:5432/passerelle"), "{shown}");
    }
}
