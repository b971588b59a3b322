//! `POST /experts/join-invitations`: a coordinator invites to join every expert of a roster
//! segment (the roster's own filters) whose profile has an email and no account. Each gets one
//! invitation: those already invited and not yet expired are left alone.

use crate::auth::CurrentUser;
use crate::page::{PageContext, message};
use crate::profiles::roster::Filters;
use crate::{AppError, AppState};
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use passerelle_accounts::Actor;
use passerelle_core::{ExpertId, Timestamp};
use passerelle_profiles::join::{self, Reason, Skipped};
use passerelle_profiles::policy::{ProfileAction, can};
use passerelle_profiles::roster;

/// The most profiles one sending looks at (a larger segment is sent in several goes: those
/// invited already are passed by).
pub const MAX_PER_SENDING: usize = 2000;
const BATCH: u32 = 200;

/// What a sending did.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Tally {
    pub(crate) queued: usize,
    pub(crate) has_account: usize,
    pub(crate) no_email: usize,
    pub(crate) already: usize,
}

pub async fn send(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Form(filters): Form<Filters>,
) -> Result<Response, AppError> {
    let tally = invite_segment(&state, &actor, &filters).await?;
    let lines = vec![
        page.t1("join-bulk-queued", "count", tally.queued),
        page.t2("join-bulk-skipped", "accounts", tally.has_account, "already", tally.already),
        page.t1("join-bulk-no-email", "count", tally.no_email),
    ];
    let back = page.t("join-bulk-back");
    message(page.t("join-bulk-title"), lines, Some(("/experts", back)), page)
}

/// Invites to join every profile of the roster segment `filters` (pages and API), at most
/// [`MAX_PER_SENDING`] looked at, in batches of one transaction each, with one audit record;
/// staff only (403 for anyone else).
pub(crate) async fn invite_segment(state: &AppState, actor: &Actor, filters: &Filters) -> Result<Tally, AppError> {
    crate::auth::require(can(actor, ProfileAction::InviteToJoin, None))?;
    let stale_before = Timestamp::now() - state.config.stale_after;
    let query = filters.query(stale_before, 1, BATCH);
    let mut tally = Tally::default();
    let mut after = None;
    let mut seen = 0;
    while seen < MAX_PER_SENDING {
        let rows = roster::page_after(&state.db, &query, after, BATCH).await?;
        let Some(last) = rows.last() else { break };
        after = Some(last.id);
        seen += rows.len();
        let mut tx = state.db.begin().await?;
        for row in &rows {
            match join::queue(&mut tx, row.id, Reason::Invite, "", "", "", Some(actor.user_id)).await? {
                Ok(_) => tally.queued += 1,
                Err(Skipped::HasAccount) => tally.has_account += 1,
                Err(Skipped::NoEmail) => tally.no_email += 1,
                Err(Skipped::AlreadyInvited | Skipped::NoProfile) => tally.already += 1,
            }
        }
        tx.commit().await?;
        if rows.len() < BATCH as usize {
            break;
        }
    }
    let detail = format!("{} invitations to join queued from {}", tally.queued, filters.link());
    let event = passerelle_accounts::audit::Event::by(Some(actor), "roster.join_invitations").detail(&detail);
    passerelle_accounts::audit::record_alone(&state.db, &event).await?;
    state.notifications_queued.notify_one();
    Ok(tally)
}

/// Invites to join the one profile `expert` (the API's), staff only: queued, or why not.
pub(crate) async fn invite_one(
    state: &AppState,
    actor: &Actor,
    expert: ExpertId,
) -> Result<Result<(), Skipped>, AppError> {
    crate::auth::require(can(actor, ProfileAction::InviteToJoin, None))?;
    let mut tx = state.db.begin().await?;
    let queued = join::queue(&mut tx, expert, Reason::Invite, "", "", "", Some(actor.user_id)).await?;
    if queued.is_ok() {
        let target = expert.to_string();
        let event = passerelle_accounts::audit::Event::by(Some(actor), "roster.join_invitations")
            .on("expert", &target)
            .detail("1 invitation to join queued");
        passerelle_accounts::audit::record(&mut tx, &event).await?;
    }
    tx.commit().await?;
    if queued.is_ok() {
        state.notifications_queued.notify_one();
    }
    Ok(queued.map(|_| ()))
}
