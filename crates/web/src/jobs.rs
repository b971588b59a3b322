//! Work done in the background of the server process, needing what the web layer knows
//! (emails in each person's language, links to our pages).

use crate::AppState;
use crate::mail::{Letter, link};
use passerelle_core::Timestamp;
use passerelle_profiles::freshness;

/// Asks the experts whose profile went stale (and who were not asked within the same period)
/// to confirm it; returns how many were asked. Each email is queued with the mark that it was
/// sent, in one transaction: a restart neither loses nor repeats a reminder.
pub async fn remind_stale_profiles(state: &AppState) -> anyhow::Result<usize> {
    let now = Timestamp::now();
    let due = freshness::due_reminders(&state.db, now, state.config.stale_after, 200).await?;
    for (expert, user) in &due {
        let Some(user) = passerelle_accounts::users::by_id(&state.db, *user).await? else { continue };
        let mut tx = state.db.begin().await?;
        Letter::to(user.locale, &user.name)
            .say("email-stale-body")
            .link(link(state, "/profile"))
            .queue(&mut tx, &user.email, "email-stale-subject", &[])
            .await?;
        freshness::mark_reminded(&mut tx, *expert, now).await?;
        tx.commit().await?;
    }
    if !due.is_empty() {
        state.mail_queued.notify_one();
    }
    Ok(due.len())
}

/// Writes the emails of notifications waiting for one (see `notifications::deliver_emails`), and of
/// invitations to join sent to experts without an account (see `onboarding`).
pub async fn deliver_notifications(state: &AppState) -> anyhow::Result<usize> {
    let notified = crate::notifications::deliver_emails(state).await?;
    Ok(notified + crate::onboarding::deliver_join_emails(state).await?)
}
