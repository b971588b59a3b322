//! Missions: one per selected expert, from its planning to its closing, modelled on MIDA.
//!
//! - [`machine`]: the pure state machine, and extensions;
//! - [`logistics`]: the checklist and the on-site and remote phases (pure);
//! - [`booking`]: the days a mission holds its expert, for matching;
//! - [`read`]: one mission, lists, history;
//! - [`store`]: every change with its audit entry, notifications, reminders and change-log
//!   entry, in one transaction.

pub mod booking;
pub mod extensions;
pub mod logistics;
pub mod machine;
pub mod read;
pub mod store;

pub use extensions::{decide_extension, request_extension};
pub use machine::{Context, ExtensionRefusal, Input, Refusal, Status, Transition};
pub use read::{Extension, ExtensionStatus, HistoryEntry, Licence, Mission, Query, get, history, search};
pub use store::{
    ChangeError, REPORT_DUE_DAYS, allowed_for, context, party_for, set_checklist, set_checklist_item, set_schedule,
    transition,
};
