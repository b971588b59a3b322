//! Write transactions, and the group commit that lets SQLite keep up with many writers.
//!
//! SQLite has one writer and, with `synchronous = FULL`, an fsync per commit: one transaction
//! at a time, each paying its own fsync, caps the platform at a few hundred writes a second
//! however many clients wait. So on SQLite every transaction of the process runs on the one
//! writing connection inside a savepoint of a shared outer transaction, and a committer task
//! commits that outer transaction — once for every transaction released into it while the
//! previous fsync ran or while others queued. A transaction is acknowledged ([`Tx::commit`]
//! returns) only after the fsync that made it durable, so nothing acknowledged can be lost; a
//! failed commit fails every transaction of the group, none of which was acknowledged. A
//! transaction rolled back (dropped) undoes its savepoint only.
//!
//! On PostgreSQL, which commits concurrent transactions itself, a transaction is a plain
//! transaction on a pooled connection.

use crate::change_log::Position;
use crate::{Conn, Engine};
use sqlx::AnyPool;
use sqlx::Executor;
use sqlx::any::Any;
use sqlx::pool::PoolConnection;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::{Mutex, Notify, OwnedMutexGuard, oneshot, watch};

/// How the process writes.
pub(crate) enum Writer {
    /// SQLite: one connection, transactions grouped into shared commits.
    Grouped(Arc<Group>),
    /// PostgreSQL: a transaction per writer, on the shared pool.
    Pooled(AnyPool),
}

pub(crate) struct Group {
    pool: AnyPool,
    state: Arc<Mutex<State>>,
    /// Wakes the committer when a transaction joined the open commit or was abandoned.
    wake: Notify,
    /// Tells the committer to stop (the database is closing).
    closed: AtomicBool,
}

#[derive(Default)]
pub(crate) struct State {
    conn: Option<PoolConnection<Any>>,
    /// An outer transaction is open (`BEGIN IMMEDIATE` done, `COMMIT` to come).
    open: bool,
    /// The savepoint of a transaction dropped without commit, still to be rolled back.
    abandoned: bool,
    /// Transactions released into the open outer transaction, waiting for its commit.
    waiting: Vec<oneshot::Sender<Result<(), String>>>,
}

const SAVEPOINT: &str = "SAVEPOINT tx";
const RELEASE: &str = "RELEASE tx";
const ROLLBACK_TO: &str = "ROLLBACK TO tx; RELEASE tx";

impl Writer {
    pub(crate) fn grouped(pool: AnyPool) -> Writer {
        let group =
            Arc::new(Group { pool, state: Arc::default(), wake: Notify::new(), closed: AtomicBool::new(false) });
        tokio::spawn(commit_groups(group.clone()));
        Writer::Grouped(group)
    }

    pub(crate) fn pooled(pool: AnyPool) -> Writer {
        Writer::Pooled(pool)
    }

    pub(crate) async fn begin(&self) -> Result<Inner, sqlx::Error> {
        match self {
            Writer::Pooled(pool) => Ok(Inner::Plain(pool.begin().await?)),
            Writer::Grouped(group) => {
                let mut state = group.state.clone().lock_owned().await;
                state.settle_abandoned().await?;
                if !state.open {
                    state.conn(&group.pool).await?;
                    state.execute("BEGIN IMMEDIATE").await?;
                    state.open = true;
                }
                if let Err(error) = state.execute(SAVEPOINT).await {
                    state.fail_group(&error).await;
                    return Err(error);
                }
                Ok(Inner::Grouped { state, group: group.clone() })
            }
        }
    }

    pub(crate) async fn migrate(&self, migrator: &sqlx::migrate::Migrator) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Writer::Pooled(pool) => migrator.run(pool).await,
            Writer::Grouped(group) => {
                let mut state = group.state.lock().await;
                state.finish().await;
                let conn = state.conn(&group.pool).await?;
                migrator.run(&mut **conn).await
            }
        }
    }

    pub(crate) async fn close(&self) {
        match self {
            Writer::Pooled(pool) => pool.close().await,
            Writer::Grouped(group) => {
                {
                    let mut state = group.state.lock().await;
                    state.finish().await;
                    state.conn = None;
                }
                group.closed.store(true, Ordering::Release);
                group.wake.notify_one();
                group.pool.close().await;
            }
        }
    }
}

impl State {
    /// The writing connection, taken from its pool of one when there is none yet (first use,
    /// or after a connection error dropped it).
    async fn conn(&mut self, pool: &AnyPool) -> Result<&mut PoolConnection<Any>, sqlx::Error> {
        let conn = match self.conn.take() {
            Some(conn) => conn,
            None => pool.acquire().await?,
        };
        Ok(self.conn.insert(conn))
    }

    async fn execute(&mut self, sql: &str) -> Result<(), sqlx::Error> {
        let conn = self.conn.as_mut().ok_or(sqlx::Error::PoolClosed)?;
        conn.execute(sql).await.map(|_| ())
    }

    /// Rolls back the savepoint of a transaction that was dropped without commit.
    async fn settle_abandoned(&mut self) -> Result<(), sqlx::Error> {
        if !self.abandoned {
            return Ok(());
        }
        self.abandoned = false;
        if let Err(error) = self.execute(ROLLBACK_TO).await {
            // The savepoint is gone: SQLite rolled back the whole outer transaction (an I/O
            // error, a full disk). Every transaction waiting for it is lost, none acknowledged.
            self.fail_group(&error).await;
            return Err(error);
        }
        Ok(())
    }

    /// Commits the open outer transaction and tells everyone waiting for it.
    async fn commit_group(&mut self) {
        if !self.open {
            return;
        }
        let result = self.execute("COMMIT").await;
        self.open = false;
        match result {
            Ok(()) => {
                for waiter in self.waiting.drain(..) {
                    let _ = waiter.send(Ok(()));
                }
            }
            Err(error) => self.fail_group(&error).await,
        }
    }

    /// Ends the outer transaction without committing and fails everyone waiting for it.
    async fn fail_group(&mut self, error: &sqlx::Error) {
        let _ = self.execute("ROLLBACK").await;
        self.open = false;
        self.abandoned = false;
        let message = format!("the group commit failed: {error}");
        tracing::error!(%message, transactions = self.waiting.len());
        for waiter in self.waiting.drain(..) {
            let _ = waiter.send(Err(message.clone()));
        }
    }

    /// Leaves nothing open: what was abandoned rolled back, what was released committed.
    async fn finish(&mut self) {
        if self.settle_abandoned().await.is_ok() {
            self.commit_group().await;
        }
    }
}

/// The committer: commits the open group whenever woken, after the writers already queued for
/// the connection have joined it (the lock is fair, so they get it first).
async fn commit_groups(group: Arc<Group>) {
    loop {
        group.wake.notified().await;
        if group.closed.load(Ordering::Acquire) {
            return;
        }
        group.state.lock().await.finish().await;
    }
}

/// The connection a transaction writes on.
pub(crate) enum Inner {
    Plain(sqlx::Transaction<'static, Any>),
    Grouped { state: OwnedMutexGuard<State>, group: Arc<Group> },
}

/// A write transaction. Dropped without [`Tx::commit`], it rolls back.
///
/// It remembers the newest change-log position appended through it, and publishes that
/// position once the commit is durable, never before: the indexer must not look for a change
/// that could still roll back.
pub struct Tx {
    inner: Option<Inner>,
    engine: Engine,
    last_change: Option<Position>,
    committed: Arc<watch::Sender<Position>>,
}

impl Tx {
    pub(crate) fn new(inner: Inner, engine: Engine, committed: Arc<watch::Sender<Position>>) -> Self {
        Self { inner: Some(inner), engine, last_change: None, committed }
    }

    pub(crate) fn record_change(&mut self, position: Position) {
        self.last_change = Some(self.last_change.map_or(position, |p| p.max(position)));
    }

    pub(crate) fn engine(&self) -> Engine {
        self.engine
    }

    /// The SQL fragments of the engine this transaction runs on.
    pub fn dialect(&self) -> crate::Dialect {
        crate::Dialect::of(self.engine)
    }

    pub(crate) fn has_changes(&self) -> bool {
        self.last_change.is_some()
    }

    /// Commits; returns the newest change-log position this transaction appended, if any.
    pub async fn commit(mut self) -> Result<Option<Position>, sqlx::Error> {
        match self.inner.take() {
            Some(Inner::Plain(tx)) => tx.commit().await?,
            Some(Inner::Grouped { mut state, group }) => {
                if let Err(error) = state.execute(RELEASE).await {
                    state.fail_group(&error).await;
                    return Err(error);
                }
                let (done, outcome) = oneshot::channel();
                state.waiting.push(done);
                drop(state);
                group.wake.notify_one();
                match outcome.await {
                    Ok(Ok(())) => {}
                    Ok(Err(message)) => return Err(sqlx::Error::Protocol(message)),
                    Err(_) => return Err(sqlx::Error::Protocol("the database writer stopped".into())),
                }
            }
            None => return Err(sqlx::Error::PoolClosed),
        }
        if let Some(position) = self.last_change {
            self.committed.send_if_modified(|latest| {
                let newer = position > *latest;
                if newer {
                    *latest = position;
                }
                newer
            });
        }
        Ok(self.last_change)
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        if let Some(Inner::Grouped { mut state, group }) = self.inner.take() {
            state.abandoned = true;
            drop(state);
            group.wake.notify_one();
        }
    }
}

impl Deref for Tx {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        match &self.inner {
            Some(Inner::Plain(tx)) => tx,
            Some(Inner::Grouped { state, .. }) => state.conn.as_deref().unwrap_or_else(|| unreachable!()),
            None => unreachable!("a transaction is used after its commit"),
        }
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Conn {
        match &mut self.inner {
            Some(Inner::Plain(tx)) => tx,
            Some(Inner::Grouped { state, .. }) => state.conn.as_deref_mut().unwrap_or_else(|| unreachable!()),
            None => unreachable!("a transaction is used after its commit"),
        }
    }
}
