//! The candidate pipeline of a request: coordinators shortlist experts (from the ranked matches,
//! the roster search or a call's answers), invite them, propose those who accepted to the host,
//! and select those the host approved; every selection fills a position and makes a mission.
//!
//! - [`pipeline`]: the pure state machine;
//! - [`consent`]: the consent given on accepting, and what the host sees of a candidate;
//! - [`fit`]: how a candidate meets the request, for the host asked to approve them;
//! - [`read`]: one candidate, lists;
//! - [`store`]: every change with its audit entry, notifications and consequences, in one
//!   transaction.

pub mod consent;
pub mod fit;
pub mod pipeline;
pub mod read;
pub mod store;

pub use consent::{Consent, HostView, host_view};
pub use pipeline::{Context, Input, Refusal, Status, Transition};
pub use read::{Candidate, Query, Source, get, search};
pub use store::{ChangeError, Outcome, shortlist, transition, withdraw_consent};

use crate::party::{self, Party};
use passerelle_accounts::Actor;
use passerelle_core::Timestamp;

/// The party `actor` is to a candidate, if the candidate exists for them at all: staff always;
/// the expert once invited; the host only while it may see the candidate (see [`host_view`]).
pub fn party_for(actor: &Actor, candidate: &Candidate, now: Timestamp) -> Option<Party> {
    match party::of(actor, candidate.expert_account, candidate.institution)? {
        Party::Expert if !candidate.status.known_to_expert() => None,
        Party::Host if candidate.host_view(now) == HostView::Nothing => None,
        party => Some(party),
    }
}

/// The steps `actor` may take with a candidate now (none for people it does not exist for).
pub fn allowed_for(actor: &Actor, candidate: &Candidate, context: &Context) -> Vec<Status> {
    match party_for(actor, candidate, Timestamp::now()) {
        Some(by) => pipeline::allowed_targets(candidate.status, by, context),
        None => vec![],
    }
}
