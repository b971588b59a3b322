//! An institution's members: who is in, who asked to join. Members of the institution and
//! staff may confirm or remove; anyone else gets 404 (they learn nothing of the institution).

use crate::auth::{ClientIp, CurrentUser};
use crate::mail::{Letter, link};
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event, actions};
use passerelle_accounts::policy::{AccountAction, can};
use passerelle_accounts::users::{self, Membership, User};
use passerelle_core::{InstitutionId, UserId};
use passerelle_missions::institutions::{self, Institution};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account/members.html")]
struct MembersPage {
    page: PageContext,
    institution: Institution,
    active: Vec<User>,
    pending: Vec<User>,
    notice: String,
    /// The person looking, who cannot remove themselves.
    me: UserId,
}

/// The institution, if this actor may manage its members; 404 otherwise.
async fn managed(state: &AppState, actor: &Actor, id: &str) -> Result<Institution, AppError> {
    let id = InstitutionId::parse(id).map_err(|_| AppError::NotFound)?;
    if !can(actor, AccountAction::ManageMembers(id)) {
        return Err(AppError::NotFound);
    }
    institutions::get(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// "My institution": the signed-in member's institution.
pub async fn mine(CurrentUser(actor): CurrentUser) -> Result<Response, AppError> {
    match actor.institution {
        Some(id) => Ok(Redirect::to(&format!("/institutions/{id}")).into_response()),
        None => Err(AppError::NotFound),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let institution = managed(&state, &actor, &id).await?;
    let members = users::members_of(&state.db, institution.id).await?;
    let (active, pending) = members.into_iter().partition(|u| u.membership == Some(Membership::Active));
    let notice = match done.done.as_deref() {
        Some("approved") => page.t("members-approved"),
        Some("removed") => page.t("members-removed"),
        _ => String::new(),
    };
    render(&MembersPage { page, institution, active, pending, notice, me: actor.user_id })
}

async fn change(
    state: AppState,
    actor: Actor,
    ip: String,
    (id, user): (String, String),
    membership: Option<Membership>,
) -> Result<Response, AppError> {
    let institution = managed(&state, &actor, &id).await?;
    let user = UserId::parse(&user).map_err(|_| AppError::NotFound)?;
    let member = users::by_id(&state.db, user).await?.filter(|u| u.institution_id == Some(institution.id));
    let Some(member) = member else { return Err(AppError::NotFound) };
    write_membership(&state, &actor, &ip, &institution, &member, membership).await?;
    let done = if membership.is_some() { "approved" } else { "removed" };
    Ok(Redirect::to(&format!("/institutions/{}/members?done={done}", institution.id)).into_response())
}

/// Changes a membership (pages and API): in one transaction with its audit record and, for
/// an approval, the email telling the person.
pub(crate) async fn write_membership(
    state: &AppState,
    actor: &Actor,
    ip: &str,
    institution: &Institution,
    member: &User,
    membership: Option<Membership>,
) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    if !users::set_membership(&mut tx, member.id, institution.id, membership).await? {
        // Removed or moved meanwhile.
        return Err(AppError::NotFound);
    }
    let action = if membership.is_some() { actions::MEMBERSHIP_APPROVE } else { actions::MEMBERSHIP_REMOVE };
    let (target, detail) = (member.id.to_string(), format!("institution {}", institution.id));
    audit::record(&mut tx, &Event::by(Some(actor), action).on("user", &target).from_ip(ip).detail(&detail)).await?;
    if membership.is_some() {
        let args = [("institution", institution.name.clone())];
        Letter::to(member.locale, &member.name)
            .say_with("email-member-approved-body", &args)
            .link(link(state, "/login"))
            .queue(&mut tx, &member.email, "email-member-approved-subject", &args)
            .await?;
    }
    tx.commit().await?;
    if membership.is_some() {
        state.mail_queued.notify_one();
    }
    Ok(())
}

pub async fn approve(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(ids): Path<(String, String)>,
) -> Result<Response, AppError> {
    change(state, actor, ip.to_string(), ids, Some(Membership::Active)).await
}

pub async fn remove(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(ids): Path<(String, String)>,
) -> Result<Response, AppError> {
    change(state, actor, ip.to_string(), ids, None).await
}
