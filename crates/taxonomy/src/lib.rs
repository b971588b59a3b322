//! The skill taxonomy: what experts say they can do and what requests ask for, in one
//! vocabulary. It is its own crate because both profiles and mission requests point into it,
//! and the search index expands queries with its labels.
//!
//! Owns the curated bilingual list shipped in `search-index/taxonomy/skills.csv` (loaded into
//! the database at start when it changed), imports of ESCO's official skills CSV in any
//! language, the matching of free text to a skill by any of its labels, and suggestions for
//! autocompletion.

mod extract;
pub mod graph;
mod import;
pub mod linker;
mod normalize;
mod shipped;
mod snapshot;
mod store;

pub use extract::{Found, MAX_TEXT_CHARS, Stance, extract};
pub use graph::{Closeness, Graph};
pub use import::{ImportReport, import_esco_csv};
pub use linker::{Link, Linker, MatchKind};
pub use normalize::normalize;
pub use shipped::{CuratedRow, SHIPPED_CSV, label_inputs, shipped_rows, sync_shipped};
pub use snapshot::{Suggestion, Taxonomy, TaxonomyCache};
pub use store::{Labels, Skill, SkillId, all_labels, by_ids, curated, esco_uris, get};
