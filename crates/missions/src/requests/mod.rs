//! Mission requests: an institution's terms of reference (what expertise, which languages,
//! where, when, how many experts), checked, stored, and reviewed by coordinators through a
//! workflow whose every step is recorded in the audit log.
//!
//! - [`model`]: what a request is;
//! - [`validate`]: checking what was typed, every problem named at its field;
//! - [`workflow`]: the pure state machine of the review;
//! - [`policy`]: who is which party to a request;
//! - [`store`]: changes, each written with its audit entry in one transaction;
//! - [`read`]: one request, lists, and a request's history.

pub mod model;
pub mod policy;
pub mod read;
pub mod store;
pub mod validate;
pub mod workflow;

pub use model::*;
pub use policy::{RequestAction, can, party};
pub use read::{HistoryEntry, Query, Sort, get, history, search};
pub use store::{
    By, ChangeError, allowed_for, allowed_in_list, check, create, create_on_behalf, take_over, transition,
    transition_in, update,
};
pub use validate::{LanguageInput, RequestInput, SkillInput};
pub use workflow::{Context, Party, Refusal, Status, Transition};
