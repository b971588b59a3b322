//! Who may do what with expert profiles. An expert sees and edits only their own profile;
//! coordinators and admins see and edit every profile, verify credentials, and run export and
//! erasure on a person's request. Institutions see no profile here: they see an expert only
//! once that expert accepted an invitation to one of their requests (the mission pipeline).

use passerelle_accounts::{Actor, Role};
use passerelle_core::UserId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileAction {
    View,
    Edit,
    Export,
    Erase,
    VerifyCredentials,
    /// Browse and search the roster.
    List,
    /// Create a profile on someone's behalf (e.g. from a mapping survey).
    Create,
    /// Invite experts whose profile has no account to join.
    InviteToJoin,
    /// Take a profile that has no account as one's own (`owner` is `None`).
    Claim,
}

/// `owner` is the account the profile belongs to, if any.
pub fn can(actor: &Actor, action: ProfileAction, owner: Option<UserId>) -> bool {
    let own = owner == Some(actor.user_id) && actor.role == Role::Expert;
    match action {
        ProfileAction::View | ProfileAction::Edit | ProfileAction::Export | ProfileAction::Erase => {
            own || actor.is_staff()
        }
        ProfileAction::VerifyCredentials
        | ProfileAction::List
        | ProfileAction::Create
        | ProfileAction::InviteToJoin => actor.is_staff(),
        ProfileAction::Claim => actor.role == Role::Expert && owner.is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor::sample(role, None)
    }

    #[test]
    fn experts_own_their_profile_staff_see_all_institutions_none() {
        let expert = actor(Role::Expert);
        let other = actor(Role::Expert);
        for action in [ProfileAction::View, ProfileAction::Edit, ProfileAction::Export, ProfileAction::Erase] {
            assert!(can(&expert, action, Some(expert.user_id)));
            assert!(!can(&other, action, Some(expert.user_id)));
            assert!(can(&actor(Role::Coordinator), action, Some(expert.user_id)));
            assert!(!can(&actor(Role::Institution), action, Some(expert.user_id)));
        }
        assert!(!can(&expert, ProfileAction::VerifyCredentials, Some(expert.user_id)));
        assert!(can(&actor(Role::Admin), ProfileAction::List, None));
        assert!(!can(&expert, ProfileAction::List, None));
        assert!(can(&expert, ProfileAction::Claim, None), "an expert takes a profile without an account");
        assert!(!can(&expert, ProfileAction::Claim, Some(other.user_id)), "never someone's");
        assert!(!can(&actor(Role::Coordinator), ProfileAction::Claim, None));
        assert!(can(&actor(Role::Coordinator), ProfileAction::InviteToJoin, None));
        assert!(!can(&expert, ProfileAction::InviteToJoin, None));
    }
}
