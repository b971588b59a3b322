use passerelle_core::ParseError;
use std::fmt;

/// What a person is on the platform. One role per account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A diaspora professional with a profile.
    Expert,
    /// A member of one host institution.
    Institution,
    /// Runs programmes: reviews requests, matches, follows missions.
    Coordinator,
    /// Manages accounts, programmes and settings.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Expert, Role::Institution, Role::Coordinator, Role::Admin];

    pub fn parse(text: &str) -> Result<Role, ParseError> {
        Self::ALL.into_iter().find(|r| r.code() == text.trim().to_ascii_lowercase()).ok_or_else(|| {
            ParseError::new("role.unknown", format!("{text:?} is not a role (expert, institution, coordinator, admin)"))
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::Expert => "expert",
            Role::Institution => "institution",
            Role::Coordinator => "coordinator",
            Role::Admin => "admin",
        }
    }

    /// Coordinators and admins: the programme's staff.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Coordinator | Role::Admin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Role {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::parse(s)
    }
}
