//! What a caller may see, checked in one place per kind of record. Each function answers the
//! record (with the caller's part in it where there are parties) or 404, so that a stranger
//! does not learn it exists; page and API handlers get records by id only through these.

use crate::{AppError, AppState};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{CallId, CandidateId, ExpertId, InstitutionId, MissionId, RequestId, Timestamp};
use passerelle_missions::Party;
use passerelle_missions::calls::{self, Call};
use passerelle_missions::candidates::{self, Candidate};
use passerelle_missions::institutions::{self, Institution, InstitutionAction};
use passerelle_missions::lifecycle::{self, Mission};
use passerelle_missions::requests::{self, Request, RequestAction};

/// A mission, if `actor` is a party to it (its expert, its host's members, staff).
pub(crate) async fn mission(state: &AppState, actor: &Actor, id: &str) -> Result<(Mission, Party), AppError> {
    let id = MissionId::parse(id).map_err(|_| AppError::NotFound)?;
    let mission = lifecycle::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let party = lifecycle::party_for(actor, &mission).ok_or(AppError::NotFound)?;
    Ok((mission, party))
}

/// A candidacy, if it exists for `actor` (staff; the expert once invited; the host while the
/// expert's consent lasts).
pub(crate) async fn candidate(state: &AppState, actor: &Actor, id: &str) -> Result<(Candidate, Party), AppError> {
    let id = CandidateId::parse(id).map_err(|_| AppError::NotFound)?;
    let candidate = candidates::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let party = candidates::party_for(actor, &candidate, Timestamp::now()).ok_or(AppError::NotFound)?;
    Ok((candidate, party))
}

/// A mission request, if `actor` may see it (staff; its institution's members).
pub(crate) async fn request(state: &AppState, actor: &Actor, id: &str) -> Result<Request, AppError> {
    let id = RequestId::parse(id).map_err(|_| AppError::NotFound)?;
    let request = requests::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !requests::can(actor, RequestAction::View, Some(request.institution)) {
        return Err(AppError::NotFound);
    }
    Ok(request)
}

/// An institution, if `actor` may see it (staff; its members).
pub(crate) async fn institution(state: &AppState, actor: &Actor, id: &str) -> Result<Institution, AppError> {
    let id = InstitutionId::parse(id).map_err(|_| AppError::NotFound)?;
    if !institutions::can(actor, InstitutionAction::View, Some(id)) {
        return Err(AppError::NotFound);
    }
    institutions::get(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// A call for experts, for staff (`None`) or one of its recipients (their profile).
pub(crate) async fn call(state: &AppState, actor: &Actor, id: &str) -> Result<(Call, Option<ExpertId>), AppError> {
    let id = CallId::parse(id).map_err(|_| AppError::NotFound)?;
    let call = calls::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if actor.is_staff() {
        return Ok((call, None));
    }
    if actor.role == Role::Expert
        && let Some(expert) = passerelle_profiles::store::id_for_user(&state.db, actor.user_id).await?
        && calls::is_recipient(&state.db, id, expert).await?
    {
        return Ok((call, Some(expert)));
    }
    Err(AppError::NotFound)
}

/// The expert profile of the signed-in person; refused unless they may be invited.
pub(crate) async fn own_expert(state: &AppState, actor: &Actor) -> Result<ExpertId, AppError> {
    crate::auth::require(passerelle_missions::policy::can(
        actor,
        passerelle_missions::policy::PipelineAction::BeInvited,
    ))?;
    Ok(passerelle_profiles::service::profile_of_account(&state.db, actor.user_id, &actor.name).await?)
}
