//! Who acts in the mission pipeline, relative to one candidacy or one mission: the programme's
//! staff, the expert concerned, a member of the host institution, or the platform itself (the
//! scheduler expiring an invitation, a report filed moving its mission on).

use crate::codes::code_enum;
use passerelle_accounts::{Actor, Role};
use passerelle_core::{InstitutionId, UserId};

code_enum! {
    /// A party to a candidacy or a mission.
    pub enum Party ("a party", "pipeline.party_unknown") {
        /// A coordinator or an admin.
        Staff => "staff",
        /// The expert the candidacy or the mission is about.
        Expert => "expert",
        /// An approved member of the host institution.
        Host => "host",
        /// The platform.
        System => "system",
    }
}

impl Party {
    /// English words for refusals: "a coordinator", "the expert".
    pub fn words(self) -> &'static str {
        match self {
            Party::Staff => "a coordinator",
            Party::Expert => "the expert",
            Party::Host => "the host institution",
            Party::System => "the platform",
        }
    }
}

/// The party `actor` is to something of `expert_account` (the expert's account, if they have
/// one) hosted by `institution`, if any.
pub fn of(actor: &Actor, expert_account: Option<UserId>, institution: InstitutionId) -> Option<Party> {
    if actor.is_staff() {
        Some(Party::Staff)
    } else if actor.role == Role::Expert && expert_account == Some(actor.user_id) {
        Some(Party::Expert)
    } else if actor.is_member_of(institution) {
        Some(Party::Host)
    } else {
        None
    }
}

/// "a coordinator or the expert", for a refusal naming who may take a step.
pub(crate) fn who(parties: &[Party]) -> String {
    parties.iter().map(|p| p.words()).collect::<Vec<_>>().join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, institution: Option<InstitutionId>) -> Actor {
        Actor::sample(role, institution)
    }

    #[test]
    fn parties_are_relative_to_the_thing() {
        let host = InstitutionId::new();
        let expert = actor(Role::Expert, None);
        assert_eq!(of(&expert, Some(expert.user_id), host), Some(Party::Expert));
        assert_eq!(of(&expert, Some(UserId::new()), host), None);
        assert_eq!(of(&expert, None, host), None);
        let member = actor(Role::Institution, Some(host));
        assert_eq!(of(&member, None, host), Some(Party::Host));
        assert_eq!(of(&member, None, InstitutionId::new()), None);
        let pending = Actor { institution: None, pending_institution: Some(host), ..member };
        assert_eq!(of(&pending, None, host), None);
        for role in [Role::Coordinator, Role::Admin] {
            assert_eq!(of(&actor(role, None), None, host), Some(Party::Staff));
        }
        assert_eq!(who(&[Party::Staff, Party::Expert]), "a coordinator or the expert");
    }
}
