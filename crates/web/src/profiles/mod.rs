//! Expert profile pages: the expert's own profile and its editor, consent, the download and
//! erasure of their data; and for coordinators, the roster, any expert's profile (edited on
//! their behalf), credential verification, export and erasure on a person's request.

pub(crate) mod choices;
pub(crate) mod consent;
mod edit;
pub(crate) mod form;
pub(crate) mod rights;
pub(crate) mod roster;
pub(crate) mod suggestions;
pub(crate) mod view;

use crate::routes::Routes;
use crate::{AppError, AppState};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{ExpertId, UserId};
use passerelle_profiles::policy::{ProfileAction, can};
use passerelle_profiles::{service, store};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/profile", "profile.view.own", view::own)
        .post("/profile/confirm", "profile.confirm.own", view::confirm_own)
        .post("/profile/suggestions/confirm", "profile.suggestion.confirm.own", suggestions::own_confirm)
        .post("/profile/suggestions/dismiss", "profile.suggestion.dismiss.own", suggestions::own_dismiss)
        .get("/profile/edit/{section}", "profile.edit.own.form", edit::own_form)
        .post("/profile/edit/{section}", "profile.edit.own", edit::own_save)
        .get("/profile/consent", "profile.consent.form", consent::form)
        .post("/profile/consent", "profile.consent", consent::save)
        .get("/profile/export", "profile.export.own", rights::own_export)
        .get("/profile/erase", "profile.erase.own.form", rights::own_erase_form)
        .post("/profile/erase", "profile.erase.own", rights::own_erase)
        .get("/experts", "roster.list", roster::list)
        .reads::<roster::Filters>()
        .get("/experts/new", "profile.create.form", edit::new_form)
        .post("/experts/new", "profile.create", edit::create)
        .get("/experts/{id}", "profile.view", view::detail)
        .get("/experts/{id}/edit/{section}", "profile.edit.form", edit::staff_form)
        .post("/experts/{id}/edit/{section}", "profile.edit", edit::staff_save)
        .post("/experts/{id}/suggestions/confirm", "profile.suggestion.confirm", suggestions::staff_confirm)
        .post("/experts/{id}/suggestions/dismiss", "profile.suggestion.dismiss", suggestions::staff_dismiss)
        .post("/experts/{id}/credentials/{credential}/status", "profile.credential.verify", view::set_credential_status)
        .get("/experts/{id}/export", "profile.export", rights::staff_export)
        .get("/experts/{id}/erase", "profile.erase.form", rights::staff_erase_form)
        .post("/experts/{id}/erase", "profile.erase", rights::staff_erase)
}

/// The profile a page is about, and where its pages live.
pub(crate) struct Subject {
    pub id: ExpertId,
    pub owner: Option<UserId>,
    /// `/profile` for one's own, `/experts/{id}` for a coordinator.
    pub base: String,
    pub own: bool,
}

/// The signed-in expert's own profile, made on first visit. Other roles have none.
pub(crate) async fn own_subject(state: &AppState, actor: &Actor) -> Result<Subject, AppError> {
    if actor.role != Role::Expert {
        return Err(AppError::Forbidden);
    }
    let id = service::profile_of_account(&state.db, actor.user_id, &actor.name).await?;
    Ok(Subject { id, owner: Some(actor.user_id), base: "/profile".into(), own: true })
}

/// Any profile, for someone the policy lets do `action` with it; for anyone else it does not
/// exist (404).
pub(crate) async fn subject(
    state: &AppState,
    actor: &Actor,
    id: &str,
    action: ProfileAction,
) -> Result<Subject, AppError> {
    let id = ExpertId::parse(id).map_err(|_| AppError::NotFound)?;
    let owner = store::owner(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !can(actor, action, owner) {
        return Err(AppError::NotFound);
    }
    let own = owner == Some(actor.user_id);
    Ok(Subject { id, owner, base: if own { "/profile".into() } else { format!("/experts/{id}") }, own })
}
