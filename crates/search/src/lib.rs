//! Search and matching (ARCHITECTURE decisions 1 and 2).
//!
//! The index is derived from the database: the [`indexer`] follows the change log and keeps
//! tantivy in step; it is rebuilt from the database when missing, corrupt or of another schema
//! version. The [`matcher`] applies the hard filters (never broken), retrieves by relevance,
//! and re-ranks with a pure function whose result explains every rank ([`rank`]). The
//! [`roster`] search serves coordinators' free-text search with facets.

pub mod analyzers;
pub mod availability;
mod collector;
pub mod criteria;
pub mod document;
pub mod encode;
pub mod expand;
pub mod extras;
pub mod index;
pub mod indexer;
pub mod limits;
pub mod matcher;
pub mod mentions;
pub mod near;
pub mod rank;
pub mod roster;
pub mod schema;
pub mod service;
pub mod window;
mod writer;

pub use availability::{MissionMode, Timing};
pub use expand::Expander;
pub use index::{Rebuild, SearchIndex};
pub use indexer::Indexer;
pub use limits::{Limit, LimitCheck};
pub use near::{Failing, NearMiss};
pub use rank::{Criteria, Evidence, Explanation, Ranked, Scoring, Shares, SkillFit, Wanted, Weights};
pub use service::{Search, quarter_of};
pub use window::SearchError;
