//! The file store of Passerelle (ARCHITECTURE decision 7): attachments live in one store behind
//! one interface — a local directory under the data directory by default, an S3-compatible
//! bucket when configured, so that several instances share them — never on an instance's disk.
//!
//! - [`intake`]: an upload is streamed to a temporary file while it is hashed and counted, and
//!   stops at the size limit (nothing is stored of a file too large);
//! - [`kind`]: its type is decided by its content (magic numbers, the inside of ZIP-based
//!   office files, UTF-8 text), from an allowed list; markup is refused;
//! - [`name`]: the original name is kept only as metadata, checked, and written into
//!   `Content-Disposition` safely (RFC 6266);
//! - [`store`]: objects are named by the SHA-256 of their content, so one content is stored
//!   once however often it is attached;
//! - [`clamd`]: optional virus scanning through clamd's `INSTREAM` protocol.
//!
//! No SQL here: which record a file belongs to, and who may read it, is the business of the
//! capability that owns the record (`passerelle_missions::documents`).

pub mod clamd;
pub mod intake;
pub mod kind;
pub mod name;
pub mod samples;
pub mod store;

pub use intake::{ContentHash, Intake, IntakeError, Received};
pub use kind::{Kind, TypeRefusal};
pub use store::{Backend, Store};
