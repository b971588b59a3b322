//! The authorization vocabulary shared by every capability: who is acting ([`Actor`]), and the
//! accounts capability's own policy ([`can`]). Each capability crate has its own `can` over its
//! own actions and resources; the web layer asks it on every route (ARCHITECTURE decision 5).

use crate::Role;
use passerelle_core::{Email, InstitutionId, Locale, TimeZone, UserId};

/// A signed-in, enabled person, as loaded for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub name: String,
    pub email: Email,
    pub role: Role,
    pub locale: Locale,
    /// The zone their clock shows: times on their pages are written in it.
    pub time_zone: TimeZone,
    /// The institution this person is an approved member of.
    pub institution: Option<InstitutionId>,
    /// The institution whose approval this person awaits.
    pub pending_institution: Option<InstitutionId>,
}

impl Actor {
    pub fn is_staff(&self) -> bool {
        self.role.is_staff()
    }

    pub fn is_member_of(&self, institution: InstitutionId) -> bool {
        self.role == Role::Institution && self.institution == Some(institution)
    }

    /// A made-up person of `role` (an approved member of `institution`, if given), for the
    /// policy tests of every crate.
    pub fn sample(role: Role, institution: Option<InstitutionId>) -> Actor {
        Actor {
            user_id: UserId::new(),
            name: "A".into(),
            email: Email::parse("a@example.org").expect("a valid address"),
            role,
            locale: Locale::En,
            time_zone: TimeZone::utc(),
            institution,
            pending_institution: None,
        }
    }
}

/// What one may do with accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountAction {
    /// See and change one's own account: name, language, password, tokens, sessions.
    ManageOwnAccount,
    /// List, search and create accounts, change roles, disable accounts.
    AdministerUsers,
    /// Browse the audit log.
    ReadAuditLog,
    /// See an institution's members and approve or refuse those who asked to join.
    ManageMembers(InstitutionId),
}

/// The accounts policy.
pub fn can(actor: &Actor, action: AccountAction) -> bool {
    match action {
        AccountAction::ManageOwnAccount => true,
        AccountAction::AdministerUsers | AccountAction::ReadAuditLog => actor.role == Role::Admin,
        AccountAction::ManageMembers(institution) => actor.is_staff() || actor.is_member_of(institution),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, institution: Option<InstitutionId>) -> Actor {
        Actor::sample(role, institution)
    }

    #[test]
    fn only_admins_administer_and_read_the_audit_log() {
        for role in Role::ALL {
            let a = actor(role, None);
            assert_eq!(can(&a, AccountAction::AdministerUsers), role == Role::Admin);
            assert_eq!(can(&a, AccountAction::ReadAuditLog), role == Role::Admin);
            assert!(can(&a, AccountAction::ManageOwnAccount));
        }
    }

    #[test]
    fn members_manage_only_their_own_institution() {
        let mine = InstitutionId::new();
        let other = InstitutionId::new();
        let member = actor(Role::Institution, Some(mine));
        assert!(can(&member, AccountAction::ManageMembers(mine)));
        assert!(!can(&member, AccountAction::ManageMembers(other)));
        let pending = Actor { institution: None, pending_institution: Some(mine), ..member };
        assert!(!can(&pending, AccountAction::ManageMembers(mine)));
        assert!(can(&actor(Role::Coordinator, None), AccountAction::ManageMembers(other)));
        assert!(!can(&actor(Role::Expert, None), AccountAction::ManageMembers(mine)));
    }
}
