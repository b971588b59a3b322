//! Missions: the host institutions, the programmes coordinators work in, the mission requests
//! (terms of reference) with their review workflow, and what happens after the match.
//!
//! Rules are pure functions over the types (validation, state machines, the policy), tested
//! without IO; the SQL of this capability lives here and nowhere else.

mod codes;
pub mod institutions;
pub mod programmes;
pub mod requests;
