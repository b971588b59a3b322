//! Who may do what with mission requests. An institution's members see and write their own
//! institution's requests; coordinators and admins see and review all of them; anyone else
//! learns nothing of a request, not even that it exists (404). Experts see no request here:
//! they will see the invitations of the mission pipeline.
//!
//! Which step of the workflow a party may take, and when it may edit, is the workflow's
//! business ([`super::workflow`]); this policy says who is which party.

use super::workflow::Party;
use passerelle_accounts::{Actor, Role};
use passerelle_core::InstitutionId;

/// What one may do with requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestAction {
    /// See a list of requests (one's institution's, or the review queue).
    List,
    /// Write a new request: a member for their institution, staff for an institution of their
    /// choice (entered on its behalf).
    Create,
    /// See one request, its history, and what one may do with it.
    View,
}

/// The party `actor` is for a request of `institution`, if any.
pub fn party(actor: &Actor, institution: InstitutionId) -> Option<Party> {
    if actor.is_staff() {
        Some(Party::Staff)
    } else if actor.is_member_of(institution) {
        Some(Party::Host)
    } else {
        None
    }
}

/// The requests policy. `institution` is the request's, for [`RequestAction::View`].
pub fn can(actor: &Actor, action: RequestAction, institution: Option<InstitutionId>) -> bool {
    match action {
        RequestAction::List => actor.is_staff() || is_member(actor),
        RequestAction::Create => is_member(actor) || actor.is_staff(),
        RequestAction::View => institution.is_some_and(|id| party(actor, id).is_some()),
    }
}

/// An approved member of some institution.
fn is_member(actor: &Actor) -> bool {
    actor.role == Role::Institution && actor.institution.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, institution: Option<InstitutionId>) -> Actor {
        Actor::sample(role, institution)
    }

    #[test]
    fn members_see_their_own_staff_see_all_experts_none() {
        let mine = InstitutionId::new();
        let other = InstitutionId::new();
        let member = actor(Role::Institution, Some(mine));
        assert_eq!(party(&member, mine), Some(Party::Host));
        assert_eq!(party(&member, other), None);
        assert!(can(&member, RequestAction::View, Some(mine)));
        assert!(!can(&member, RequestAction::View, Some(other)));
        assert!(can(&member, RequestAction::Create, None) && can(&member, RequestAction::List, None));

        let pending = Actor { institution: None, pending_institution: Some(mine), ..member };
        assert!(!can(&pending, RequestAction::Create, None) && !can(&pending, RequestAction::View, Some(mine)));

        for role in [Role::Coordinator, Role::Admin] {
            let staff = actor(role, None);
            assert_eq!(party(&staff, other), Some(Party::Staff));
            assert!(can(&staff, RequestAction::View, Some(other)) && can(&staff, RequestAction::List, None));
            assert!(can(&staff, RequestAction::Create, None), "staff enter requests on an institution's behalf");
        }
        let expert = actor(Role::Expert, None);
        for action in [RequestAction::List, RequestAction::Create, RequestAction::View] {
            assert!(!can(&expert, action, Some(mine)));
        }
    }
}
