//! Working a match list in bulk: a coordinator ticks several experts and shortlists them, or
//! shortlists and invites them with one reply-by date, in one post (no JavaScript: the boxes
//! belong to the form through their `form` attribute). Each expert goes through the same steps
//! as one at a time, so that refusals, audit entries, notifications and join links for experts
//! without an account are the same; an expert the pipeline refuses is skipped and counted.

use crate::auth::{ClientIp, CurrentUser};
use crate::forms::FormPairs;
use crate::{AppError, AppState, FieldError};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_core::{ExpertId, Timestamp, parse_date};
use passerelle_missions::candidates::{self, ChangeError, Input, Source, Status};
use passerelle_missions::requests::By;

/// Experts taken in one post: a page of the match list, not a mass mailing.
pub const MAX_BULK: usize = 50;

/// What became of a bulk step, for the notice on the request's page.
fn outcome(done: usize, skipped: usize, invite: bool) -> &'static str {
    match (done, skipped, invite) {
        (0, 0, _) => "bulk-none",
        (_, s, _) if s > 0 => "bulk-partial",
        (_, _, true) => "bulk-invited",
        (_, _, false) => "bulk-shortlisted",
    }
}

pub async fn bulk(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let request = super::candidacies::coordinated_request(&state, &actor, &id).await?;
    let form = FormPairs(pairs);
    let step = Step { action: form.one("action"), experts: form.all("expert_id"), reply_by: form.one("reply_by") };
    let (done, skipped, invite) = take(&state, &actor, &ip.to_string(), request, &step).await?;
    // The request's page says what happened and shows its pipeline with the new candidates.
    let done = outcome(done, skipped, invite);
    Ok(Redirect::to(&format!("/requests/{request}?done={done}#pipeline")).into_response())
}

/// A bulk step as typed: `shortlist` or `invite`, the experts' ids, and the reply-by date to
/// invite with.
pub(crate) struct Step {
    pub action: String,
    pub experts: Vec<String>,
    pub reply_by: String,
}

/// Takes each expert of `step` through the pipeline of `request` (checked coordinated by the
/// caller): how many were shortlisted or invited, how many the pipeline refused (skipped), and
/// whether it was an invitation.
pub(crate) async fn take(
    state: &AppState,
    actor: &passerelle_accounts::Actor,
    ip: &str,
    request: passerelle_core::RequestId,
    step: &Step,
) -> Result<(usize, usize, bool), AppError> {
    let invite = match step.action.trim() {
        "invite" => true,
        "shortlist" => false,
        _ => return Err(AppError::invalid("action", "candidate.bulk_action", "shortlist or invite")),
    };
    let mut experts: Vec<ExpertId> = Vec::new();
    for text in &step.experts {
        let expert = ExpertId::parse(text)
            .map_err(|_| AppError::invalid("expert_id", "candidate.expert_unknown", "no such expert"))?;
        if !experts.contains(&expert) {
            experts.push(expert);
        }
    }
    if experts.len() > MAX_BULK {
        let mut error =
            FieldError::new("expert_id", "candidate.bulk_too_many", format!("at most {MAX_BULK} experts at once"));
        error.max = Some(MAX_BULK);
        return Err(AppError::Invalid(vec![error]));
    }
    let reply_by = match step.reply_by.trim() {
        "" if invite && !experts.is_empty() => {
            return Err(AppError::invalid("reply_by", "candidate.reply_by_required", "a reply-by date to invite"));
        }
        "" => None,
        text => Some(
            parse_date(text)
                .ok()
                .filter(|day| *day >= Timestamp::now().date())
                .ok_or_else(|| AppError::invalid("reply_by", "candidate.reply_by_past", "a date from today on"))?,
        ),
    };
    let (mut done, mut skipped) = (0, 0);
    for expert in experts {
        let candidate = match candidates::shortlist(&state.db, actor, request, expert, Source::Match, ip).await {
            Ok(id) => Some(id),
            // Already in the pipeline: inviting still applies to a shortlisted candidate.
            Err(ChangeError::AlreadyCandidate(id)) if invite => Some(id),
            Err(ChangeError::AlreadyCandidate(_) | ChangeError::NotFound | ChangeError::Refused(_)) => None,
            Err(error) => return Err(error.into()),
        };
        let Some(candidate) = candidate else {
            skipped += 1;
            continue;
        };
        if invite {
            let input = Input { comment: String::new(), reply_by };
            match candidates::transition(&state.db, By::Person(actor), candidate, Status::Invited, &input, ip).await {
                Ok(_) => done += 1,
                Err(ChangeError::Refused(_) | ChangeError::NotFound | ChangeError::Forbidden) => skipped += 1,
                Err(error) => return Err(error.into()),
            }
        } else {
            done += 1;
        }
    }
    if invite && done > 0 {
        state.notifications_queued.notify_one();
    }
    Ok((done, skipped, invite))
}

#[cfg(test)]
mod tests {
    use super::outcome;

    #[test]
    fn the_notice_says_what_happened() {
        assert_eq!(outcome(0, 0, true), "bulk-none");
        assert_eq!(outcome(3, 0, false), "bulk-shortlisted");
        assert_eq!(outcome(3, 0, true), "bulk-invited");
        assert_eq!(outcome(2, 1, true), "bulk-partial");
        assert_eq!(outcome(0, 2, false), "bulk-partial");
    }
}
