//! What several app instances on one PostgreSQL database need from each other: a signal when
//! another instance commits changes (so every index follows within milliseconds, not at the
//! next poll), and leases, so that background work (reminders, emails) is done by one instance
//! at a time and taken over when that instance dies.
//!
//! On SQLite there is one serving process: the signal never fires and every lease is granted.

use crate::{Db, Reopen, change_log};
use sqlx::{AnyConnection, Connection};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::watch;

impl Db {
    /// Ticks whenever some instance commits a change to the change log (PostgreSQL
    /// `LISTEN`/`NOTIFY`). The listener starts with the first call and follows reconnections,
    /// ticking once more after each (what was said meanwhile is read then); followers still poll
    /// now and then, for the time it takes to reconnect.
    pub fn changes_elsewhere(&self) -> watch::Receiver<u64> {
        let sender = self.elsewhere.get_or_init(|| {
            let (sender, _) = watch::channel(0u64);
            if let Reopen::Postgres(url) = &self.reopen {
                tokio::spawn(listen(url.clone(), sender.clone(), self.listening.clone()));
            }
            sender
        });
        sender.subscribe()
    }

    /// Whether a change committed by another instance from now on is heard of at once: on
    /// PostgreSQL, once the listener started by [`Db::changes_elsewhere`] listens (and while its
    /// connection holds); on SQLite always (one serving process: there is nothing to hear).
    pub fn hears_changes_elsewhere(&self) -> bool {
        matches!(self.reopen, Reopen::Sqlite(_)) || self.listening.load(Ordering::Acquire)
    }

    /// Takes the lease `name` if no other instance holds it. The lease lasts as long as the
    /// returned value and its connection: an instance that dies (or loses its connection) lets
    /// another take over at its next try.
    pub async fn try_lease(&self, name: &str) -> Result<Option<Lease>, sqlx::Error> {
        let Reopen::Postgres(url) = &self.reopen else { return Ok(Some(Lease { conn: None })) };
        let mut conn = AnyConnection::connect(url).await?;
        let taken: i64 =
            sqlx::query_scalar("SELECT CASE WHEN pg_try_advisory_lock(hashtextextended($1, 0)) THEN 1 ELSE 0 END")
                .bind(format!("passerelle:{name}"))
                .fetch_one(&mut conn)
                .await?;
        if taken == 1 {
            Ok(Some(Lease { conn: Some(conn) }))
        } else {
            let _ = conn.close().await;
            Ok(None)
        }
    }
}

/// A lease on some background work (see [`Db::try_lease`]).
pub struct Lease {
    /// The session that holds the advisory lock (PostgreSQL); `None` on SQLite.
    conn: Option<AnyConnection>,
}

impl Lease {
    /// Whether the lease still holds: its session answers (a lost session has lost its lock).
    pub async fn holds(&mut self) -> bool {
        match &mut self.conn {
            None => true,
            Some(conn) => conn.ping().await.is_ok(),
        }
    }
}

impl std::fmt::Debug for Lease {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lease").field("shared", &self.conn.is_some()).finish()
    }
}

/// Follows the change log's channel until nobody subscribes any more; `listening` says when it
/// does.
async fn listen(url: String, ticks: watch::Sender<u64>, listening: Arc<AtomicBool>) {
    let bump = |ticks: &watch::Sender<u64>| ticks.send_modify(|n| *n = n.wrapping_add(1));
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut listener) => {
                if let Err(error) = listener.listen(change_log::CHANNEL).await {
                    tracing::warn!(%error, "cannot listen for other instances' changes");
                } else {
                    // Set before the tick: a look that starts after seeing it set misses nothing.
                    listening.store(true, Ordering::Release);
                    // Whatever happened while we were not listening is read at this wake.
                    bump(&ticks);
                    loop {
                        tokio::select! {
                            received = listener.try_recv() => match received {
                                Ok(Some(_)) => bump(&ticks),
                                // The connection was lost and made again (listening again):
                                // what was said meanwhile is read at this wake.
                                Ok(None) => bump(&ticks),
                                Err(error) => {
                                    listening.store(false, Ordering::Release);
                                    tracing::warn!(%error, "lost the change notifications; reconnecting");
                                    break;
                                }
                            },
                            () = ticks.closed() => return,
                        }
                    }
                }
            }
            Err(error) => tracing::warn!(%error, "cannot connect to listen for other instances' changes"),
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
            () = ticks.closed() => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;
    use crate::change_log::{EntityKind, Operation};
    use crate::testing;

    #[tokio::test]
    async fn one_instance_holds_a_lease_until_it_lets_go() {
        let (_dir, db) = testing::fresh().await;
        let mut first = db.try_lease("scheduler").await.unwrap().expect("the first taker gets it");
        assert!(first.holds().await);
        let other = db.reopen().await.unwrap();
        let second = other.try_lease("scheduler").await.unwrap();
        match db.engine() {
            Engine::Sqlite => assert!(second.is_some(), "one serving process: always granted"),
            Engine::Postgres => {
                assert!(second.is_none(), "another instance holds it");
                assert!(other.try_lease("emails").await.unwrap().is_some(), "leases are by name");
                drop(first);
                // The lock goes with the session; the server sees the session end shortly after.
                let deadline = std::time::Instant::now() + Duration::from_secs(10);
                loop {
                    if other.try_lease("scheduler").await.unwrap().is_some() {
                        break;
                    }
                    assert!(std::time::Instant::now() < deadline, "the lease was never released");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }
    }

    #[tokio::test]
    async fn another_instance_hears_of_a_commit() {
        let (_dir, db) = testing::fresh().await;
        if db.engine() != Engine::Postgres {
            return; // One process: nothing to hear.
        }
        let other = db.reopen().await.unwrap();
        assert!(!other.hears_changes_elsewhere(), "nobody listens before the first call");
        let mut heard = other.changes_elsewhere();
        // The listener's first tick says it listens.
        tokio::time::timeout(Duration::from_secs(10), heard.changed()).await.unwrap().unwrap();
        assert!(other.hears_changes_elsewhere());
        let before = *heard.borrow_and_update();
        let mut tx = db.begin().await.unwrap();
        change_log::append(&mut tx, EntityKind::Expert, "x", Operation::Upsert).await.unwrap();
        tx.commit().await.unwrap();
        tokio::time::timeout(Duration::from_secs(10), heard.changed()).await.unwrap().unwrap();
        assert!(*heard.borrow() > before);
    }
}
