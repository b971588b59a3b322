//! Database encoding of the vocabulary (feature `sqlx`): every type is stored as its canonical
//! text, the same on SQLite and PostgreSQL (ARCHITECTURE decision 3), and decoding goes back
//! through `parse`, so a corrupt value surfaces as a decode error instead of a wrong value.

use crate::*;
use sqlx::any::Any;
use sqlx::{Database, Decode, Encode, Type, encode::IsNull, error::BoxDynError};

/// Implements `Type`, `Encode` and `Decode` for one database, through `String`.
macro_rules! text_for_database {
    ($db:ty, $ty:ty) => {
        impl Type<$db> for $ty {
            fn type_info() -> <$db as Database>::TypeInfo {
                <String as Type<$db>>::type_info()
            }
            fn compatible(ty: &<$db as Database>::TypeInfo) -> bool {
                <String as Type<$db>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, $db> for $ty {
            fn encode_by_ref(&self, buf: &mut <$db as Database>::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
                <String as Encode<'q, $db>>::encode(self.to_string(), buf)
            }
        }

        impl<'r> Decode<'r, $db> for $ty {
            fn decode(value: <$db as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <&str as Decode<'r, $db>>::decode(value)?;
                Ok(<$ty>::parse(text)?)
            }
        }
    };
}

/// The application talks to its database through sqlx's `Any` driver (SQLite or PostgreSQL,
/// chosen by the configuration); the benchmark also talks to each engine directly.
macro_rules! stored_as_text {
    ($($ty:ty),* $(,)?) => {$(
        text_for_database!(Any, $ty);
        text_for_database!(sqlx::Sqlite, $ty);
        text_for_database!(sqlx::Postgres, $ty);
    )*};
}

stored_as_text!(
    UserId,
    ExpertId,
    InstitutionId,
    ProgrammeId,
    RequestId,
    CandidateId,
    MissionId,
    CallId,
    SavedSearchId,
    DocumentId,
    ThreadId,
    Country,
    Language,
    Cefr,
    Sector,
    Email,
    Phone,
    Locale,
    DateRange,
    Day,
    Timestamp,
    TimeZone,
);

/// A yes/no column: stored as the integer 0 or 1 on both engines (SQLite has no boolean type,
/// and sqlx's `Any` driver reads SQLite's integers as integers). Read a flag into a `bool`
/// field with `#[sqlx(try_from = "Flag")]`; bind a `bool` as `i64::from(b)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(flag: Flag) -> bool {
        flag.0
    }
}

impl Type<Any> for Flag {
    fn type_info() -> <Any as Database>::TypeInfo {
        <i64 as Type<Any>>::type_info()
    }
    fn compatible(ty: &<Any as Database>::TypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Flag(<i64 as Decode<'r, Any>>::decode(value)? != 0))
    }
}
