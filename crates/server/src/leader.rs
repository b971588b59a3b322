//! Background work that one instance at a time must do (reminders, notification emails, the
//! email outbox, housekeeping): each task holds a lease of its own while it works, and another
//! instance takes it over when the holder dies. On SQLite the one serving process always holds.

use passerelle_db::{Db, Lease};

pub struct Leader {
    db: Db,
    name: &'static str,
    lease: Option<Lease>,
}

impl Leader {
    pub fn new(db: Db, name: &'static str) -> Leader {
        Leader { db, name, lease: None }
    }

    /// Whether this instance does the work now: it holds the lease, or has just taken it.
    pub async fn holds(&mut self) -> bool {
        if let Some(lease) = &mut self.lease {
            if lease.holds().await {
                return true;
            }
            tracing::warn!(work = self.name, "lost the lease on background work");
            self.lease = None;
        }
        match self.db.try_lease(self.name).await {
            Ok(Some(lease)) => {
                tracing::info!(work = self.name, "this instance does the background work");
                self.lease = Some(lease);
                true
            }
            Ok(None) => false,
            Err(error) => {
                tracing::warn!(work = self.name, %error, "cannot take the lease on background work");
                false
            }
        }
    }
}
