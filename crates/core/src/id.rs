//! Typed identifiers: one newtype per entity kind, so an expert id can never be passed where a
//! request id is expected. Ids are uuid v7 (time-ordered: new rows append to the primary-key
//! index instead of scattering) and travel as hyphenated lowercase text everywhere.

use crate::ParseError;
use crate::serde_text::serde_via_text;
use uuid::Uuid;

macro_rules! define_id {
    ($(#[$doc:meta] $name:ident => $what:literal,)*) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            pub fn parse(text: &str) -> Result<Self, ParseError> {
                Uuid::try_parse(text.trim()).map(Self).map_err(|_| {
                    ParseError::new("id.invalid", format!("{:?} is not a valid {} id", text, $what))
                })
            }

            pub fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        serde_via_text!($name);
    )*};
}

define_id! {
    /// A person's account (any role).
    UserId => "user",
    /// An expert profile.
    ExpertId => "expert",
    /// A host institution.
    InstitutionId => "institution",
    /// A programme (the frame coordinators work in).
    ProgrammeId => "programme",
    /// A mission request (terms of reference).
    RequestId => "request",
    /// A candidate in a request's pipeline.
    CandidateId => "candidate",
    /// A mission of one expert.
    MissionId => "mission",
    /// A call for experts sent to a segment of the roster.
    CallId => "call",
    /// A roster search kept under a name.
    SavedSearchId => "saved search",
    /// A document attached to a request, a mission, a candidacy, a profile or a message.
    DocumentId => "document",
    /// A conversation about a candidacy or a mission.
    ThreadId => "thread",
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn display_then_parse_is_identity(bits in any::<u128>()) {
            let id = ExpertId::from_uuid(Uuid::from_u128(bits));
            prop_assert_eq!(ExpertId::parse(&id.to_string()).unwrap(), id);
        }

        #[test]
        fn garbage_is_rejected_with_the_kind(text in "[g-z ]{0,40}") {
            let err = RequestId::parse(&text).unwrap_err();
            prop_assert!(err.message().contains("request id"));
        }
    }

    #[test]
    fn new_ids_are_time_ordered_and_serde_is_text() {
        let a = UserId::new();
        let b = UserId::new();
        assert!(a < b);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, format!("\"{a}\""));
        assert_eq!(serde_json::from_str::<UserId>(&json).unwrap(), a);
        assert!(serde_json::from_str::<UserId>("\"nope\"").is_err());
    }
}
