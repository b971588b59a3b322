//! Email: queued in the database in the transaction that causes it, then delivered by a
//! background task through SMTP (lettre) or, by default, written as `.eml` files to the data
//! directory's `outbox` folder for local use. A crash or an SMTP outage delays an email; it
//! does not lose it. Failed deliveries are retried with a growing delay.

mod outbox;
mod transport;

pub use outbox::{Delivery, Outgoing, deliver_due, enqueue, pending_count};
pub use transport::{Mailer, SmtpSettings, SmtpTls};
