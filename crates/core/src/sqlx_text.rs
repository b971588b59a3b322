//! Database encoding of the vocabulary (feature `sqlx`): every type is stored as its canonical
//! text, the same on SQLite and PostgreSQL (ARCHITECTURE decision 3), and decoding goes back
//! through `parse`, so a corrupt value surfaces as a decode error instead of a wrong value.

use crate::*;
use sqlx::sqlite::{Sqlite, SqliteArgumentValue, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Type, encode::IsNull, error::BoxDynError};

macro_rules! stored_as_text {
    ($($ty:ty),* $(,)?) => {$(
        impl Type<Sqlite> for $ty {
            fn type_info() -> SqliteTypeInfo {
                <String as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <String as Type<Sqlite>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Sqlite> for $ty {
            fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
                <String as Encode<'q, Sqlite>>::encode(self.to_string(), buf)
            }
        }

        impl<'r> Decode<'r, Sqlite> for $ty {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <&str as Decode<'r, Sqlite>>::decode(value)?;
                Ok(<$ty>::parse(text)?)
            }
        }
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
    Country,
    Language,
    Cefr,
    Sector,
    Email,
    Phone,
    Locale,
    DateRange,
    Timestamp,
);
