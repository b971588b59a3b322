//! The profile service: what a diaspora doctor, engineer or teacher fills in once and keeps up
//! to date, and what every match is computed from.
//!
//! Owns the profile model and its validation (pure, tested without IO), storage (every save
//! appends to the change log the search index follows), consent, freshness and completeness,
//! the data-protection rights (export, erasure), bulk import (JSON Lines, mapping surveys), the
//! roster list, the policy, and the synthetic roster used by the demo and the benchmark.

pub mod consent;
pub mod freshness;
pub mod import;
pub mod input;
pub mod join;
pub mod load;
pub mod mentions;
pub mod model;
pub mod policy;
pub mod relink;
pub mod resolve;
pub mod rights;
pub mod roster;
mod rows;
pub mod service;
pub mod store;
pub mod suggestions;
pub mod survey;
pub mod synthetic;

pub use input::ExpertInput;
pub use model::Profile;
