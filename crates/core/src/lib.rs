//! The shared vocabulary of Passerelle.
//!
//! Every type here is parsed from text once, at the edge (`parse`), and is valid from then on
//! ("parse, don't validate"). `Display` gives back the canonical text, so that
//! `parse(display(x)) == x`, and serde goes through the same two functions. Nothing in this
//! crate performs IO: the database, the index and the web layer all build on it.

mod bilingual;
mod country;
mod country_table;
mod date_range;
mod email;
mod error;
mod field_error;
mod id;
mod language;
mod language_table;
mod locale;
mod money;
mod phone;
mod sector;
mod serde_text;
pub mod sql;
#[cfg(feature = "sqlx")]
mod sqlx_text;
mod text;
mod time_zone;
mod time_zone_table;
mod timestamp;

pub use bilingual::Bilingual;
pub use country::Country;
pub use date_range::{DateRange, Day};
pub use email::Email;
pub use error::ParseError;
pub use field_error::{FieldError, Problems};
pub use id::*;
pub use language::{Cefr, Language};
pub use locale::Locale;
pub use money::{Amount, Currency, MAX_AMOUNT_UNITS};
pub use phone::Phone;
pub use sector::Sector;
#[cfg(feature = "sqlx")]
pub use sqlx_text::Flag;
pub use text::{Lines, check_text, refused_char};
pub use time_zone::{LocalTime, MAX_TIME_ZONE_CHARS, TimeZone};
pub use timestamp::Timestamp;
/// Re-exported so that crates reading ids back from storage build them the same way.
pub use uuid;

/// Re-exported so that every crate parses calendar dates the same way.
pub use date_range::parse_date;
