//! Documents: the papers a mission runs on, attached to the record they belong to — a request
//! (terms of reference, annexes), a mission (visa, ticket, insurance, per-diem receipts, report
//! annexes, photos), a candidacy (what the host may see under the expert's consent), an
//! expert's profile (CV, diplomas, licences, each linked to the credential it proves), or a
//! message.
//!
//! - [`model`]: documents, what they belong to, their categories, and the checks of an upload;
//! - [`access`]: who may read and add documents of a record — the same policy as the record
//!   itself; every read of a document goes through it ([`get`], [`list`]);
//! - [`store`]: adding, replacing and deleting, each with its audit entry; downloads of
//!   personal documents audited too;
//! - [`sweep`]: removing from the file store the objects no document points at any more, and
//!   scanning new objects with clamd when it is configured.
//!
//! The bytes live in the file store (`passerelle_files`), named by their content; this module
//! keeps who uploaded what, when, and to which record.

pub mod access;
pub mod model;
pub mod store;
pub mod sweep;

pub use access::{Access, access, get, list};
pub use model::{Category, Document, Owner, OwnerKind, Scan, UploadInput, check_upload};
pub use store::{DocumentError, Upload, add, delete, open, replace};

use passerelle_files::{Store, clamd};

/// Limits on what is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file, in bytes.
    pub max_file_bytes: u64,
    /// The most all documents of one record (a request, a mission, a candidacy, a profile, a
    /// conversation) may hold together, in bytes.
    pub max_owner_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        // A scanned PDF of a visa or a report with photos is a few MB; 20 MB leaves room for a
        // long annex without letting one upload hold a worker for long. 200 MB per record is
        // ten such files: a mission's papers, with photos.
        Limits { max_file_bytes: 20 * 1024 * 1024, max_owner_bytes: 200 * 1024 * 1024 }
    }
}

/// The file store with its limits and, when configured, the virus scanner.
#[derive(Debug, Clone)]
pub struct Files {
    pub store: Store,
    pub limits: Limits,
    /// Files wait as pending until clamd says they are clean.
    pub clamd: Option<clamd::Address>,
}

impl Files {
    /// A store in memory with the default limits, no scanner (tests).
    pub fn in_memory() -> Files {
        Files { store: Store::in_memory(), limits: Limits::default(), clamd: None }
    }
}
