//! `passerelle serve`: migrate, optionally seed, listen, run the background tasks (email
//! delivery, housekeeping, the pipeline's scheduler, relinking after a taxonomy change), and shut
//! down gracefully on SIGINT or SIGTERM (stop accepting, let requests in flight finish, close the
//! database).

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
use tokio::sync::{Notify, oneshot, watch};

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

    // What the index must have applied before the server says it is ready: everything written
    // before this start (by an import while it was stopped, or by the demo's seeding). Not `last`:
    // on PostgreSQL another database's open transaction can hold that one back.
    let index_ready_from = passerelle_db::change_log::newest(&db).await.map_err(anyhow::Error::from)?;
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
    let (bursts_tx, bursts) = watch::channel(0);
    let (housekept_tx, housekept) = oneshot::channel();
    let (scheduled_tx, scheduled) = oneshot::channel();
    let tasks = [
        tokio::spawn(deliver_emails(db.clone(), mailer, state.mail_queued.clone(), bursts_tx, stopping.clone())),
        tokio::spawn(housekeeping(state.clone(), lifetime, housekept_tx, stopping.clone())),
        tokio::spawn(scheduler(state.clone(), scheduled_tx, stopping.clone())),
        tokio::spawn(relinking(state.clone(), stopping.clone())),
        tokio::spawn(files_task(state.clone(), stopping.clone())),
        tokio::spawn(indexer.run(stopping.clone())),
    ];
    if !demo_accounts.is_empty() {
        let first_rounds = [housekept, scheduled];
        tokio::spawn(announce(state.clone(), demo_accounts, index_ready_from, first_rounds, bursts));
    }
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
/// processes, such as the CLI, may queue too); retries failures later. Each burst is drained
/// whole and logged in one line (a demo's first start writes about a hundred emails).
/// `bursts` counts the bursts drained.
async fn deliver_emails(
    db: Db,
    mailer: Mailer,
    queued: Arc<Notify>,
    bursts: watch::Sender<u64>,
    mut stopping: watch::Receiver<bool>,
) {
    let mut leader = Leader::new(db.clone(), "emails");
    loop {
        let mut burst = mail::Delivery::default();
        // One instance delivers (on PostgreSQL, whoever holds the lease).
        while leader.holds().await {
            match mail::deliver_due(&db, &mailer).await {
                // Failures wait for a later attempt: a round without a send ends the burst.
                Ok(round) if round.sent + round.failed > 0 => burst.add(round),
                Ok(_) => break,
                Err(error) => {
                    tracing::error!(%error, "cannot read the email outbox");
                    break;
                }
            }
        }
        log_burst(&mailer, &burst);
        bursts.send_modify(|count| *count += 1);
        tokio::select! {
            () = queued.notified() => {}
            () = tokio::time::sleep(Duration::from_secs(5)) => {}
            _ = stopping.wait_for(|stop| *stop) => return,
        }
    }
}

/// One line for a burst of emails; written to the outbox folder, a lone email's link with it
/// (what a person trying the platform locally follows to verify their address).
fn log_burst(mailer: &Mailer, burst: &mail::Delivery) {
    let (sent, failed) = (burst.sent, burst.failed);
    match mailer.outbox_folder() {
        _ if sent + failed == 0 => {}
        Some(folder) if sent == 1 && failed == 0 => {
            let link = burst.link.as_deref().unwrap_or("-");
            tracing::info!(folder = %folder.display(), link, "email written to the outbox folder");
        }
        Some(folder) => tracing::info!(sent, failed, folder = %folder.display(), "emails written to the outbox folder"),
        None => tracing::info!(sent, failed, "emails delivered"),
    }
}

/// Ends expired sessions, forgets idle rate-limit entries, asks experts with stale profiles to
/// confirm them.
/// `first_round` is told when the first round is done.
async fn housekeeping(
    state: AppState,
    lifetime: Lifetime,
    first_round: oneshot::Sender<()>,
    mut stopping: watch::Receiver<bool>,
) {
    let mut first_round = Some(first_round);
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
        if let Some(done) = first_round.take() {
            let _ = done.send(());
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
async fn scheduler(state: AppState, first_round: oneshot::Sender<()>, mut stopping: watch::Receiver<bool>) {
    let mut first_round = Some(first_round);
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
        }
        if let Some(done) = first_round.take() {
            let _ = done.send(());
        }
        tokio::select! {
            () = state.notifications_queued.notified() => {}
            () = tokio::time::sleep(SCHEDULER_TICK) => {}
            _ = stopping.wait_for(|stop| *stop) => return,
        }
    }
}

/// How often the taxonomy's version is looked at (an import in another process changes it).
const RELINK_TICK: Duration = Duration::from_secs(60);

/// Links the skills kept in words, and reads experts' own words again, once the taxonomy has
/// changed. A task of its own: after a change it reads every profile (~15 s at 100,000 profiles,
/// BENCHMARKS.md), which the scheduler's reminders and notification emails must not wait for.
/// Stopped mid-way, it loses nothing: each batch is its own transaction, and the version is
/// marked done only at the end, so the next start goes on with what is left.
async fn relinking(state: AppState, mut stopping: watch::Receiver<bool>) {
    let mut leader = Leader::new(state.db.clone(), "relink");
    loop {
        if leader.holds().await {
            tokio::select! {
                () = relink(&state) => {}
                _ = stopping.wait_for(|stop| *stop) => return,
            }
        }
        tokio::select! {
            () = tokio::time::sleep(RELINK_TICK) => {}
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
        Ok(Some(r)) if r.expert_skills + r.request_skills + r.mentions > 0 => {
            tracing::info!(
                experts = r.expert_skills,
                requests = r.request_skills,
                words_read_again = r.mentions,
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

/// How many bursts of emails the demo's announcement waits for before printing anyway (an SMTP
/// server that refuses everything keeps emails waiting).
const ANNOUNCE_AFTER_BURSTS: usize = 10;

/// Prints the demo accounts once the work of the start is done (the first rounds of the
/// background tasks, their emails written, the index caught up), so that they are the last lines
/// a person sees rather than scrolled away by the log.
async fn announce(
    state: AppState,
    accounts: Vec<demo::DemoAccount>,
    index_ready_from: passerelle_db::Position,
    first_rounds: [oneshot::Receiver<()>; 2],
    mut bursts: watch::Receiver<u64>,
) {
    for round in first_rounds {
        let _ = round.await;
    }
    for _ in 0..ANNOUNCE_AFTER_BURSTS {
        let seen = *bursts.borrow_and_update();
        if mail::pending_count(&state.db).await.unwrap_or(0) == 0 {
            break;
        }
        state.mail_queued.notify_one();
        if bursts.wait_for(|count| *count > seen).await.is_err() {
            return;
        }
    }
    state.search.index.wait_for(index_ready_from).await;
    let address = &state.config.public_url;
    println!("Ready. Sign in at {address}/login with a demo account (also in the data directory's demo-accounts.txt):");
    for account in &accounts {
        println!("Demo account: {:<12} {:<40} password {}", account.role, account.email, account.password);
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
