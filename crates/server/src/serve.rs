//! `passerelle serve`: migrate, optionally seed, listen, and shut down gracefully on SIGINT or
//! SIGTERM (stop accepting, let requests in flight finish, close the database).

use crate::cli::{Failure, open_database};
use crate::config::{Config, ConfigError};
use passerelle_web::{AppState, Metrics, WebConfig};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// How long requests in flight may take to finish once shutdown began.
const GRACE: Duration = Duration::from_secs(20);

pub async fn run(config: Config, demo: bool) -> Result<(), Failure> {
    let db = open_database(&config).await?;
    let applied = db.migrate().await.map_err(anyhow::Error::from)?;
    tracing::info!(applied, "database migrated");
    if demo {
        tracing::info!("demo data: nothing to seed yet");
    }

    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| ConfigError::new("listen", format!("cannot listen on {}: {e}", config.listen)))?;
    let address = listener.local_addr().map_err(anyhow::Error::from)?;
    let data_dir = std::path::absolute(&config.data_dir).unwrap_or_else(|_| config.data_dir.clone());
    println!("Passerelle is listening on http://{address}");
    println!("Data directory: {}", data_dir.display());

    let state = AppState {
        db: db.clone(),
        config: Arc::new(WebConfig { request_timeout: config.request_timeout, body_limit: config.body_limit }),
        metrics: Arc::new(Metrics::new(|_| {})),
    };
    let app = passerelle_web::app(state).into_make_service_with_connect_info::<SocketAddr>();

    let (stopping_tx, mut stopping) = watch::channel(false);
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down: no new connections, finishing requests in flight");
        let _ = stopping_tx.send(true);
    });
    let mut graceful_stop = stopping.clone();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        let _ = graceful_stop.wait_for(|stop| *stop).await;
    });
    tokio::select! {
        result = server => result.map_err(anyhow::Error::from)?,
        () = async {
            let _ = stopping.wait_for(|stop| *stop).await;
            tokio::time::sleep(GRACE).await;
        } => tracing::warn!(grace_secs = GRACE.as_secs(), "requests still in flight after the grace period, stopping anyway"),
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn wait_for_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
