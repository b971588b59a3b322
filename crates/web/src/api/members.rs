//! `/api/v1/institutions/{id}/members`: who is in an institution, who asked to join. As on the
//! members page (`crate::account::members`): its members and staff may list, let in and remove;
//! anyone else gets 404 (they learn nothing of the institution). A person does not remove
//! themselves (the page offers no button for it), and a member already in is not let in twice
//! (which would email them again): both answer 409.

use super::body::paging;
use crate::account::members::write_membership;
use crate::auth::{ClientIp, CurrentUser};
use crate::query::Query;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use passerelle_accounts::Actor;
use passerelle_accounts::policy::{AccountAction, can};
use passerelle_accounts::users::{self, Membership, User};
use passerelle_core::{InstitutionId, UserId};
use passerelle_missions::institutions::{self, Institution};
use serde::{Deserialize, Serialize};

/// A member of an institution, or someone who asked to join it.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = InstitutionMember)]
pub struct MemberView {
    /// The person's user id.
    id: String,
    name: String,
    email: String,
    /// active (let in) or pending (asked to join, waiting).
    membership: &'static str,
    /// The caller themselves (who cannot remove themselves).
    is_self: bool,
}

fn view(actor: &Actor, user: &User) -> MemberView {
    MemberView {
        id: user.id.to_string(),
        name: user.name.clone(),
        email: user.email.to_string(),
        membership: user.membership.unwrap_or(Membership::Pending).code(),
        is_self: user.id == actor.user_id,
    }
}

/// An institution's members: those waiting first, then those in, by name.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = InstitutionMembers)]
pub struct MemberList {
    items: Vec<MemberView>,
    /// How many match in all.
    total: u64,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct MembersQuery {
    /// active or pending; both when absent.
    #[param(max_length = 20)]
    membership: Option<String>,
    /// Results to skip, from 0 to 1,000,000.
    #[param(minimum = 0, maximum = 1000000)]
    offset: Option<u32>,
    /// 1 to 200, default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// The institution, if this actor may manage its members; 404 otherwise (as on the page).
async fn managed(state: &AppState, actor: &Actor, id: &str) -> Result<Institution, AppError> {
    let id = InstitutionId::parse(id).map_err(|_| AppError::NotFound)?;
    if !can(actor, AccountAction::ManageMembers(id)) {
        return Err(AppError::NotFound);
    }
    institutions::get(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// The institution and one of its members (or applicants); 404 for anyone else.
async fn member_of(state: &AppState, actor: &Actor, id: &str, user: &str) -> Result<(Institution, User), AppError> {
    let institution = managed(state, actor, id).await?;
    let user = UserId::parse(user).map_err(|_| AppError::NotFound)?;
    let member = users::by_id(&state.db, user).await?.filter(|u| u.institution_id == Some(institution.id));
    let member = member.ok_or(AppError::NotFound)?;
    Ok((institution, member))
}

/// An institution's members and those asking to join (its members and staff; 404 for anyone
/// else).
#[utoipa::path(
    get,
    path = "/api/v1/institutions/{id}/members",
    tag = "institutions",
    params(("id" = String, Path, description = "The institution's id"), MembersQuery),
    responses(
        (status = 200, description = "Those waiting first, then those in, by name", body = MemberList),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such institution, or not one of yours", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filters", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<MembersQuery>,
) -> Result<Json<MemberList>, AppError> {
    let institution = managed(&state, &actor, &id).await?;
    let (offset, limit) = paging(query.offset, query.limit)?;
    let wanted = match query.membership.as_deref() {
        None | Some("") => None,
        Some("active") => Some(Membership::Active),
        Some("pending") => Some(Membership::Pending),
        Some(_) => return Err(AppError::invalid("membership", "membership.unknown", "active or pending")),
    };
    let mut members = users::members_of(&state.db, institution.id).await?;
    members.retain(|u| wanted.is_none_or(|m| u.membership.unwrap_or(Membership::Pending) == m));
    // Those waiting first, as on the page.
    members.sort_by_key(|u| u.membership == Some(Membership::Active));
    let total = members.len() as u64;
    let items = members.iter().skip(offset as usize).take(limit as usize).map(|u| view(&actor, u)).collect();
    Ok(Json(MemberList { items, total }))
}

/// Lets someone who asked to join the institution in (its members and staff); they are told
/// by email. Recorded in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/institutions/{id}/members/{user}/approval",
    tag = "institutions",
    params(
        ("id" = String, Path, description = "The institution's id"),
        ("user" = String, Path, description = "The user id of the person who asked to join"),
    ),
    responses(
        (status = 200, description = "Let in: now an active member", body = MemberView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such institution or not one of yours, or no such person in it", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already an active member", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn approve(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, user)): Path<(String, String)>,
) -> Result<Json<MemberView>, AppError> {
    let (institution, member) = member_of(&state, &actor, &id, &user).await?;
    if member.membership == Some(Membership::Active) {
        return Err(AppError::Conflict {
            detail: "already an active member of the institution".into(),
            allowed: vec![],
        });
    }
    write_membership(&state, &actor, &ip.to_string(), &institution, &member, Some(Membership::Active)).await?;
    let member = users::by_id(&state.db, member.id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(&actor, &member)))
}

/// Removes a member from the institution, or refuses someone who asked to join (its members
/// and staff; not oneself). Recorded in the audit log.
#[utoipa::path(
    delete,
    path = "/api/v1/institutions/{id}/members/{user}",
    tag = "institutions",
    params(
        ("id" = String, Path, description = "The institution's id"),
        ("user" = String, Path, description = "The member's user id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such institution or not one of yours, or no such person in it", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The caller themselves: a member does not remove themselves", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, user)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let (institution, member) = member_of(&state, &actor, &id, &user).await?;
    if member.id == actor.user_id {
        return Err(AppError::Conflict { detail: "a member does not remove themselves".into(), allowed: vec![] });
    }
    write_membership(&state, &actor, &ip.to_string(), &institution, &member, None).await?;
    Ok(StatusCode::NO_CONTENT)
}
