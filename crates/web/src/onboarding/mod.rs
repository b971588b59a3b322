//! Bringing in experts whose profile came without an account (bulk import, mapping survey):
//! the join link they receive by email (`/join`), claiming a profile found under one's verified
//! email after signing up (`/claim-profile`), coordinators inviting a segment of the roster to
//! join, and the job that writes the join emails. At both doors the expert confirms (or not)
//! their consent to matching, with the text in force before their eyes.

pub(crate) mod bulk;
pub(crate) mod claim;
mod emails;
mod join;

use crate::routes::Routes;
use crate::{AppError, AppState};
use passerelle_accounts::Actor;
use passerelle_core::{ExpertId, Timestamp};
use passerelle_db::Tx;
use passerelle_profiles::consent::{self, Source};

pub(crate) use emails::deliver as deliver_join_emails;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/join", "join.form", join::form)
        .post("/join", "join.create", join::create)
        .get("/claim-profile", "profile.claim.form", claim::form)
        .post("/claim-profile", "profile.claim", claim::claim)
        .post("/experts/join-invitations", "roster.join_invitations", bulk::send)
}

/// Records the consent to matching the person confirmed (or not) on taking their profile,
/// against the text in force: a profile imported with a consent keeps it only if its owner
/// says yes again.
pub(crate) async fn confirm_consent(
    state: &AppState,
    tx: &mut Tx,
    expert: ExpertId,
    actor: &Actor,
    agreed: bool,
) -> Result<(), AppError> {
    let current = consent::current_text(&state.db).await?;
    let had: Option<String> = passerelle_profiles::store::consent_version_in(tx, expert).await?;
    if agreed || had.is_some() {
        consent::record(tx, expert, &current.version, agreed, Timestamp::now(), Some(actor.user_id), Source::Web)
            .await?;
    }
    Ok(())
}
