//! Writing the emails of invitations to join, each in one transaction with the token it
//! carries (see `passerelle_profiles::join`): a crash or a second sender never sends one twice,
//! and a token exists only once its email is queued.

use crate::AppState;
use crate::mail::{Letter, link};
use passerelle_core::{Email, parse_date};
use passerelle_profiles::join;

/// Writes the emails of pending invitations to join; returns how many were queued.
pub async fn deliver(state: &AppState) -> anyhow::Result<usize> {
    let mut queued = 0;
    loop {
        let pending = join::pending(&state.db, 100).await?;
        if pending.is_empty() {
            break;
        }
        for item in &pending {
            let mut tx = state.db.begin().await?;
            let Some(token) = join::issue(&mut tx, item.id).await? else {
                tx.commit().await?;
                continue;
            };
            let Ok(to) = Email::parse(&item.email) else {
                tracing::warn!(invitation = item.id, "an invitation to join has no usable email");
                tx.commit().await?;
                continue;
            };
            let locale = item.locale;
            let day = parse_date(&item.detail).map(|d| crate::format::date(locale, d)).unwrap_or_default();
            let args = [("title", item.title.clone()), ("date", day)];
            let (body, subject) = match item.reason.as_str() {
                "candidate" => ("join-email-candidate-body", "join-email-candidate-subject"),
                "call" => ("join-email-call-body", "join-email-call-subject"),
                _ => ("join-email-invite-body", "join-email-invite-subject"),
            };
            Letter::to(locale, &item.name)
                .say_with(body, &args)
                .link(link(state, &format!("/join?token={token}")))
                .say_with("join-email-expiry", &[("days", join::LIFETIME_DAYS.to_string())])
                .queue(&mut tx, &to, subject, &args)
                .await?;
            tx.commit().await?;
            queued += 1;
        }
    }
    if queued > 0 {
        state.mail_queued.notify_one();
    }
    Ok(queued)
}
