//! `passerelle serve`: migrate, optionally seed, listen, run the background tasks (email
//! delivery, housekeeping, the pipeline's scheduler), and shut down gracefully on SIGINT or
//! SIGTERM (stop accepting, let requests in flight finish, close the database).

use crate::cli::{Failure, open_database};
use crate::config::{Config, ConfigError};
use crate::demo;
use crate::leader::Leader;
use passerelle_accounts::mail::{self, Mailer};
use passerelle_accounts::sessions::{self, Lifetime};
use passerelle_db::Db;
use passerelle_web::{AppState, Metrics, WebConfig};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// How long requests in flight may take to finish once shutdown began.
const GRACE: Duration = Duration::from_secs(20);

pub async fn run(config: Config, seed_demo: bool) -> Result<(), Failure> {
    let db = open_database(&config).await?;
    let applied = db.migrate().await.map_err(anyhow::Error::from)?;
    tracing::info!(applied, "database migrated");
    passerelle_taxonomy::sync_shipped(&db).await?;
    let mailer = match &config.smtp {
        Some(smtp) => Mailer::smtp(config.email_from.clone(), smtp)
            .map_err(|e| ConfigError::new("email.smtp_host", e.to_string()))?,
        None => Mailer::folder(config.email_from.clone(), config.data_dir.join("outbox")),
    };

    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| ConfigError::new("listen", format!("cannot listen on {}: {e}", config.listen)))?;
    let address = listener.local_addr().map_err(anyhow::Error::from)?;
    let public_url = config.public_url.clone().unwrap_or_else(|| format!("http://{address}"));

    let demo_accounts = if seed_demo { demo::seed(&db, &config.data_dir).await? } else { vec![] };

    let data_dir = std::path::absolute(&config.data_dir).unwrap_or_else(|_| config.data_dir.clone());
    println!("Passerelle is listening on http://{address}");
    println!("Data directory: {}", data_dir.display());
    for account in &demo_accounts {
        println!("Demo account: {:<12} {:<40} password {}", account.role, account.email, account.password);
    }

    // What the index must have applied before the server says it is ready: everything written
    // before this start (by an import while it was stopped, or by the demo's seeding).
    let index_ready_from = passerelle_db::change_log::last(&db).await.map_err(anyhow::Error::from)?;
    let lifetime = Lifetime { idle: config.session_idle, absolute: config.session_absolute };
    let web = WebConfig {
        request_timeout: config.request_timeout,
        body_limit: config.body_limit,
        public_url,
        secure_cookies: config.secure_cookies,
        session: lifetime,
        signups_per_hour: config.signups_per_hour,
        resets_per_hour: config.resets_per_hour,
        stale_after: config.stale_after,
        index_ready_from,
        index_max_lag: config.ready_max_lag,
    };
    let (search, indexer) = crate::search::open(&config, &db).await?;
    let files = config.documents.open(&config.data_dir).map_err(|e| ConfigError::new("storage", format!("{e:#}")))?;
    println!("Documents: {}", files.store.describe());
    let state = AppState::new(db.clone(), web, Metrics::new(|_| {}), search).with_files(files);
    let app = passerelle_web::app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();

    let (stopping_tx, stopping) = watch::channel(false);
    let tasks = [
        tokio::spawn(deliver_emails(db.clone(), mailer, state.mail_queued.clone(), stopping.clone())),
        tokio::spawn(housekeeping(state.clone(), lifetime, stopping.clone())),
        tokio::spawn(scheduler(state.clone(), stopping.clone())),
        tokio::spawn(files_task(state.clone(), stopping.clone())),
        tokio::spawn(indexer.run(stopping.clone())),
    ];
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down: no new connections, finishing requests in flight");
        let _ = stopping_tx.send(true);
    });
    let mut graceful_stop = stopping.clone();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        let _ = graceful_stop.wait_for(|stop| *stop).await;
    });
    let mut forced_stop = stopping.clone();
    tokio::select! {
        result = server => result.map_err(anyhow::Error::from)?,
        () = async {
            let _ = forced_stop.wait_for(|stop| *stop).await;
            tokio::time::sleep(GRACE).await;
        } => tracing::warn!(grace_secs = GRACE.as_secs(), "requests still in flight after the grace period, stopping anyway"),
    }
    for task in tasks {
        let _ = task.await;
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Delivers queued emails: at once when a request queued one, else every few seconds (other
/// processes, such as the CLI, may queue too); retries failures later.
async fn deliver_emails(db: Db, mailer: Mailer, queued: Arc<Notify>, mut stopping: watch::Receiver<bool>) {
    let mut leader = Leader::new(db.clone(), "emails");
    loop {
        if leader.holds().await {
            match mail::deliver_due(&db, &mailer).await {
                Ok(delivery) if delivery.sent + delivery.failed > 0 => {
                    tracing::info!(sent = delivery.sent, failed = delivery.failed, "emails delivered");
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "cannot read the email outbox"),
            }
        }
        tokio::select! {
            () = queued.notified() => {}
            () = tokio::time::sleep(Duration::from_secs(5)) => {}
            _ = stopping.wait_for(|stop| *stop) => return,
        }
    }
}

/// Ends expired sessions, forgets idle rate-limit entries, asks experts with stale profiles to
/// confirm them.
async fn housekeeping(state: AppState, lifetime: Lifetime, mut stopping: watch::Receiver<bool>) {
    let mut leader = Leader::new(state.db.clone(), "housekeeping");
    loop {
        state.guards.forget_idle();
        if leader.holds().await {
            match sessions::purge_expired(&state.db, lifetime).await {
                Ok(0) => {}
                Ok(purged) => tracing::info!(purged, "expired sessions ended"),
                Err(error) => tracing::error!(%error, "cannot purge expired sessions"),
            }
            match passerelle_web::jobs::remind_stale_profiles(&state).await {
                Ok(0) => {}
                Ok(reminded) => tracing::info!(reminded, "experts asked to confirm their profile"),
                Err(error) => tracing::error!(error = format!("{error:#}"), "cannot send freshness reminders"),
            }
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(600)) => {}
            _ = stopping.wait_for(|stop| *stop) => return,
        }
    }
}

/// How often the scheduler looks for due reminders when nothing wakes it.
const SCHEDULER_TICK: Duration = Duration::from_secs(30);

/// The mission pipeline's scheduler: does the work of due reminders (reminders before a reply
/// day or a report's due date, expiry of unanswered invitations), then writes the emails of
/// notifications waiting for one. Both live in the database and are claimed in the transaction
/// that does their work, so a restart neither loses nor repeats anything. Woken at once when a
/// request wrote notifications; otherwise every `SCHEDULER_TICK`.
async fn scheduler(state: AppState, mut stopping: watch::Receiver<bool>) {
    let mut leader = Leader::new(state.db.clone(), "scheduler");
    loop {
        if leader.holds().await {
            match passerelle_missions::reminders::run_due(&state.db, passerelle_core::Timestamp::now()).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "reminders sent"),
                Err(error) => tracing::error!(%error, "cannot run the due reminders"),
            }
            match passerelle_web::jobs::deliver_notifications(&state).await {
                Ok(0) => {}
                Ok(queued) => tracing::debug!(queued, "notification emails queued"),
                Err(error) => tracing::error!(error = format!("{error:#}"), "cannot write notification emails"),
            }
            relink(&state).await;
        }
        tokio::select! {
            () = state.notifications_queued.notified() => {}
            () = tokio::time::sleep(SCHEDULER_TICK) => {}
            _ = stopping.wait_for(|stop| *stop) => return,
        }
    }
}

/// Links the skills kept in words once the taxonomy has changed (an import, a new release's
/// list): cheap when it has not.
async fn relink(state: &AppState) {
    let relinked = match state.taxonomy().await {
        Ok(taxonomy) => {
            passerelle_profiles::relink::when_changed(&state.db, &taxonomy).await.map_err(anyhow::Error::from)
        }
        Err(error) => Err(anyhow::anyhow!("{error:?}")),
    };
    match relinked {
        Ok(Some(r)) if r.expert_skills + r.request_skills > 0 => {
            tracing::info!(
                experts = r.expert_skills,
                requests = r.request_skills,
                "skills in words linked to the taxonomy"
            )
        }
        Ok(_) => {}
        Err(error) => tracing::error!(error = format!("{error:#}"), "cannot link skills in words"),
    }
}

/// How often the file task looks for work when nothing wakes it.
const FILES_TICK: Duration = Duration::from_secs(60);

/// Scans new files with clamd when it is configured (they wait as pending until then), and
/// removes from the store the objects no document points at any more (what a crash between
/// a deletion and its sweep left behind). Woken at once after an upload or a deletion.
async fn files_task(state: AppState, mut stopping: watch::Receiver<bool>) {
    use passerelle_missions::documents::sweep;
    loop {
        match sweep::scan_pending(&state.db, &state.files).await {
            Ok(_) => {}
            Err(error) => tracing::warn!(error = format!("{error:#}"), "cannot scan files"),
        }
        match sweep::remove_all_unused(&state.db, &state.files).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "unused files removed from the store"),
            Err(error) => tracing::error!(error = format!("{error:#}"), "cannot sweep the file store"),
        }
        tokio::select! {
            () = state.files_queued.notified() => {}
            () = tokio::time::sleep(FILES_TICK) => {}
            _ = stopping.wait_for(|stop| *stop) => return,
        }
    }
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
