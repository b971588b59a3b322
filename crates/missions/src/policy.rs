//! Who may use which part of the mission pipeline. Object-level rules (an expert's own
//! invitations and missions, a host's own candidates and missions) are the parties of each
//! candidacy and mission (`party`, `candidates::party_for`, `lifecycle::party_for`): for anyone
//! else those do not exist (404).

use passerelle_accounts::{Actor, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PipelineAction {
    /// Shortlist, invite, propose, select; run missions; see every candidate.
    Coordinate,
    /// See one's own invitations and answer them, and calls for experts.
    BeInvited,
    /// See a list of missions (one's own, one's institution's, or all for staff).
    ListMissions,
    /// See a list of candidates (those proposed to one's institution, or all for staff).
    ListCandidates,
    /// Dashboards, the programme report and CSV exports.
    Report,
}

pub fn can(actor: &Actor, action: PipelineAction) -> bool {
    let member = actor.role == Role::Institution && actor.institution.is_some();
    match action {
        PipelineAction::Coordinate | PipelineAction::Report => actor.is_staff(),
        PipelineAction::BeInvited => actor.role == Role::Expert,
        PipelineAction::ListMissions => actor.is_staff() || member || actor.role == Role::Expert,
        PipelineAction::ListCandidates => actor.is_staff() || member,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::InstitutionId;

    fn actor(role: Role, institution: Option<InstitutionId>) -> Actor {
        Actor::sample(role, institution)
    }

    #[test]
    fn each_role_has_its_part() {
        let expert = actor(Role::Expert, None);
        let member = actor(Role::Institution, Some(InstitutionId::new()));
        let pending = actor(Role::Institution, None);
        let coordinator = actor(Role::Coordinator, None);
        use PipelineAction::*;
        let table = [
            (Coordinate, [false, false, false, true]),
            (BeInvited, [true, false, false, false]),
            (ListMissions, [true, true, false, true]),
            (ListCandidates, [false, true, false, true]),
            (Report, [false, false, false, true]),
        ];
        for (action, expected) in table {
            let got = [&expert, &member, &pending, &coordinator].map(|a| can(a, action));
            assert_eq!(got, expected, "{action:?}");
        }
    }
}
