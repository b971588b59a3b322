use super::Mailer;
use passerelle_core::{Email, Timestamp};
use passerelle_db::{Db, Tx};
use time::Duration;

/// An email to send: plain text, in the recipient's language.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub to: Email,
    pub subject: String,
    pub body: String,
}

/// Queues an email in the caller's transaction.
pub async fn enqueue(tx: &mut Tx, email: &Outgoing) -> Result<i64, sqlx::Error> {
    let now = Timestamp::now();
    sqlx::query_scalar(
        "INSERT INTO email_outbox (recipient, subject, body, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(&email.to)
    .bind(&email.subject)
    .bind(&email.body)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// What one delivery round did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub failed: usize,
    /// The link of the last email written to the outbox folder (what a person trying the
    /// platform locally follows: the verification of their email, a reset).
    pub link: Option<String>,
}

impl Delivery {
    /// Adds another round's work to this one.
    pub fn add(&mut self, round: Delivery) {
        self.sent += round.sent;
        self.failed += round.failed;
        self.link = round.link.or(self.link.take());
    }
}

/// Gives up on an email after this many attempts (about two days with the backoff below).
const MAX_ATTEMPTS: i64 = 12;

/// Sends every email that is due; schedules a retry for those that fail.
pub async fn deliver_due(db: &Db, mailer: &Mailer) -> Result<Delivery, sqlx::Error> {
    let now = Timestamp::now();
    let due: Vec<(i64, Email, String, String, i64)> = sqlx::query_as(
        "SELECT id, recipient, subject, body, attempts FROM email_outbox \
         WHERE sent_at IS NULL AND body IS NOT NULL AND next_attempt_at <= $1 AND attempts < $2 ORDER BY id LIMIT 50",
    )
    .bind(now)
    .bind(MAX_ATTEMPTS)
    .fetch_all(db.reader())
    .await?;
    let mut delivery = Delivery::default();
    for (id, to, subject, body, attempts) in due {
        let outcome = mailer.send(id, &Outgoing { to, subject, body }).await;
        let mut tx = db.begin().await?;
        match outcome {
            Ok(link) => {
                delivery.link = link.or(delivery.link.take());
                // The body may hold a link with a token: keep it no longer than needed.
                sqlx::query("UPDATE email_outbox SET sent_at = $2, body = NULL, attempts = attempts + 1 WHERE id = $1")
                    .bind(id)
                    .bind(Timestamp::now())
                    .execute(&mut *tx)
                    .await?;
                delivery.sent += 1;
            }
            Err(error) => {
                let wait = Duration::seconds(30 * (1i64 << attempts.clamp(0, 12)));
                tracing::warn!(email_id = id, attempts = attempts + 1, error = %error, "email delivery failed, will retry");
                sqlx::query(
                    "UPDATE email_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1",
                )
                .bind(id)
                .bind(error.to_string())
                .bind(Timestamp::now() + wait)
                .execute(&mut *tx)
                .await?;
                delivery.failed += 1;
            }
        }
        tx.commit().await?;
    }
    Ok(delivery)
}

/// Emails not yet sent (for metrics and readiness).
pub async fn pending_count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM email_outbox WHERE sent_at IS NULL AND body IS NOT NULL")
        .fetch_one(db.reader())
        .await
}
