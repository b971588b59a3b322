//! Missions: the host institutions, the programmes coordinators work in, the mission requests
//! (terms of reference) with their review workflow, and what happens after the match: the
//! candidate pipeline, the missions with their logistics, reports and evaluations, the
//! notifications and reminders they cause, calls for experts, and the figures of dashboards;
//! the documents attached to requests, missions, candidacies and profiles, and the
//! conversations about candidacies and missions.
//!
//! Rules are pure functions over the types (validation, state machines, the policy), tested
//! without IO; the SQL of this capability lives here and nowhere else.

pub mod calls;
pub mod candidates;
mod codes;
pub mod costs;
pub mod documents;
pub mod evaluations;
pub mod institutions;
pub mod lifecycle;
mod locks;
mod machine;
pub mod messages;
pub mod notifications;
pub mod party;
pub mod policy;
pub mod programmes;
pub mod reminders;
pub mod reports;
pub mod requests;
pub mod rights;
pub mod searches;
pub mod stats;
pub mod todo;

pub use party::Party;
