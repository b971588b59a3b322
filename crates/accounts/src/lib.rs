//! Accounts: who people are and what proves it.
//!
//! Owns users and their roles, password rules and hashing (argon2id), server-side sessions,
//! personal API tokens, single-use email tokens, the email outbox, login throttling, the
//! [`Actor`] that every authorization decision is made for, and the append-only audit log.
//! Secrets (passwords, session and API tokens, email tokens) are stored only as hashes, and
//! nothing here ever logs one.

pub mod api_tokens;
pub mod audit;
pub mod email_tokens;
pub mod mail;
pub mod password;
pub mod policy;
mod role;
pub mod secret;
pub mod sessions;
pub mod throttle;
pub mod users;

pub use policy::Actor;
pub use role::Role;
