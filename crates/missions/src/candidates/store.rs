//! Changing candidates. Every step is written with its audit entry, the notifications it
//! causes, the reminders it schedules or cancels, the consent it records or ends, and the
//! mission it creates, in one transaction: all or nothing.

use super::consent::{Consent, ENDED_CANDIDACY, ENDED_WITHDRAWN};
use super::pipeline::{self, Input, Refusal, Status, Transition};
use super::read::{Candidate, Source, context_on, load, mission_days};
use crate::lifecycle;
use crate::notifications::{self, Notice, Subject, kinds};
use crate::party::Party;
use crate::reminders;
use crate::requests::{self, By};
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{CandidateId, ExpertId, MissionId, RequestId, Timestamp, UserId};
use passerelle_db::{Db, Tx};
use time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// No such candidate (or request, or expert), or none the actor may see.
    #[error("not found")]
    NotFound,
    /// The actor may see it but not do this.
    #[error("not allowed")]
    Forbidden,
    #[error("{0}")]
    Refused(Refusal),
    /// The expert is already in the request's pipeline.
    #[error("the expert is already a candidate for this request")]
    AlreadyCandidate(CandidateId),
    /// Only a live consent can be withdrawn.
    #[error("there is no consent to withdraw")]
    NoConsent,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// What a step did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub step: Transition,
    /// The mission a selection created.
    pub mission: Option<MissionId>,
    /// The selection filled the request's last position.
    pub request_staffed: bool,
}

/// The label of the platform in the audit log.
pub const SYSTEM: &str = "passerelle";

fn event<'a>(by: By<'a>, action: &'a str) -> Event<'a> {
    match by {
        By::Person(actor) => Event::by(Some(actor), action),
        By::System(label) => Event { actor_label: label, ..Event::by(None, action) },
    }
}

fn person(by: By<'_>) -> Option<UserId> {
    match by {
        By::Person(actor) => Some(actor.user_id),
        By::System(_) => None,
    }
}

/// Puts an expert on a request's shortlist (coordinators and admins, while the request is
/// approved).
pub async fn shortlist(
    db: &Db,
    actor: &passerelle_accounts::Actor,
    request: RequestId,
    expert: ExpertId,
    source: Source,
    ip: &str,
) -> Result<CandidateId, ChangeError> {
    let mut tx = db.begin().await?;
    let Some(found) = requests::read::load(&mut tx, request).await? else { return Err(ChangeError::NotFound) };
    if !requests::can(actor, requests::RequestAction::View, Some(found.institution)) {
        return Err(ChangeError::NotFound);
    }
    if !actor.is_staff() {
        return Err(ChangeError::Forbidden);
    }
    if found.status != requests::Status::Approved {
        return Err(ChangeError::Refused(Refusal::RequestNotOpen));
    }
    let exists: Option<String> =
        sqlx::query_scalar("SELECT id FROM experts WHERE id = $1").bind(expert).fetch_optional(&mut *tx).await?;
    if exists.is_none() {
        return Err(ChangeError::NotFound);
    }
    let already: Option<CandidateId> =
        sqlx::query_scalar("SELECT id FROM candidates WHERE request_id = $1 AND expert_id = $2")
            .bind(request)
            .bind(expert)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(id) = already {
        return Err(ChangeError::AlreadyCandidate(id));
    }
    let id = CandidateId::new();
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO candidates (id, request_id, expert_id, status, source, coordinator_id, created_at, \
         status_changed_at) VALUES ($1, $2, $3, 'shortlisted', $4, $5, $6, $6)",
    )
    .bind(id)
    .bind(request)
    .bind(expert)
    .bind(source.code())
    .bind(actor.user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let (target, detail) = (id.to_string(), format!("-> shortlisted (from {source})"));
    let record = Event::by(Some(actor), pipeline::action_for(Status::Shortlisted)).on("candidate", &target);
    audit::record(&mut tx, &record.from_ip(ip).detail(&detail)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Moves a candidate along the pipeline, if `by` may, with everything that follows.
pub async fn transition(
    db: &Db,
    by: By<'_>,
    id: CandidateId,
    to: Status,
    input: &Input,
    ip: &str,
) -> Result<Outcome, ChangeError> {
    let mut tx = db.begin().await?;
    let outcome = transition_in(&mut tx, by, id, to, input, ip, Timestamp::now()).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// The same inside the caller's transaction, at `now` (the scheduler's clock).
pub(crate) async fn transition_in(
    tx: &mut Tx,
    by: By<'_>,
    id: CandidateId,
    to: Status,
    input: &Input,
    ip: &str,
    now: Timestamp,
) -> Result<Outcome, ChangeError> {
    let Some(candidate) = load(tx, id).await? else { return Err(ChangeError::NotFound) };
    crate::locks::request_and_expert(tx, candidate.request, candidate.expert).await?;
    let party = match by {
        By::Person(actor) => super::party_for(actor, &candidate, now).ok_or(ChangeError::NotFound)?,
        By::System(_) => Party::System,
    };
    let context = context_on(tx, &candidate, now.date()).await?;
    let step = pipeline::transition(candidate.status, to, party, &context, input).map_err(ChangeError::Refused)?;
    let reason = if pipeline::reason_required(to) { step.comment.clone() } else { candidate.reason.clone() };
    let coordinator = match by {
        By::Person(actor) if to == Status::Invited && actor.is_staff() => Some(actor.user_id),
        _ => candidate.coordinator,
    };
    let done = sqlx::query(
        "UPDATE candidates SET status = $2, status_changed_at = $3, reason = $4, coordinator_id = $5, \
         reply_by = CASE WHEN $2 = 'invited' THEN $6 ELSE reply_by END WHERE id = $1 AND status = $7",
    )
    .bind(id)
    .bind(to.code())
    .bind(now)
    .bind(&reason)
    .bind(coordinator)
    .bind(step.reply_by.map(|d| d.to_string()))
    .bind(candidate.status.code())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(ChangeError::NotFound);
    }
    let target = id.to_string();
    audit::record(tx, &event(by, step.action()).on("candidate", &target).from_ip(ip).detail(&step.detail())).await?;

    let candidate = Candidate { coordinator, ..candidate };
    let mut outcome = Outcome { step: step.clone(), mission: None, request_staffed: false };
    follow_up(tx, by, &candidate, &step, ip, now, &mut outcome).await?;
    Ok(outcome)
}

/// What follows a step: consent, reminders, the mission, the request's staffing, notifications.
async fn follow_up(
    tx: &mut Tx,
    by: By<'_>,
    candidate: &Candidate,
    step: &Transition,
    ip: &str,
    now: Timestamp,
    outcome: &mut Outcome,
) -> Result<(), ChangeError> {
    let target = candidate.id.to_string();
    let subject = Subject::Candidate(candidate.id);
    let expert: Vec<UserId> = candidate.expert_account.into_iter().collect();
    let coordinator: Vec<UserId> = candidate.coordinator.into_iter().collect();
    let actor = person(by);
    macro_rules! notice {
        ($kind:expr, $detail:expr) => {
            Notice { kind: $kind, subject, title: &candidate.request_title, detail: $detail }
        };
    }
    match step.to {
        Status::Invited => {
            reminders::cancel(
                tx,
                &target,
                &[reminders::kinds::INVITATION_REMINDER, reminders::kinds::INVITATION_EXPIRY],
            )
            .await?;
            if let Some(day) = step.reply_by {
                // On the expert's clock: reminded at 08:00 two days before, expired when the day is over.
                let remind = reminders::morning_for(tx, candidate.expert_account, day - Duration::days(2)).await?;
                if remind > now {
                    reminders::schedule(tx, reminders::kinds::INVITATION_REMINDER, &target, remind).await?;
                }
                let expiry = reminders::midnight_for(tx, candidate.expert_account, day + Duration::days(1)).await?;
                reminders::schedule(tx, reminders::kinds::INVITATION_EXPIRY, &target, expiry).await?;
            }
            let detail = step.reply_by.map(|d| d.to_string()).unwrap_or_default();
            notifications::notify(tx, &expert, actor, &notice!(kinds::INVITATION, &detail)).await?;
            if candidate.expert_account.is_none() {
                // An expert without an account hears of it by email, with a link to join and answer.
                let join = passerelle_profiles::join::Reason::Candidate;
                // Skipped when the profile has no email: there is no one to write to.
                let _skipped = passerelle_profiles::join::queue(
                    tx,
                    candidate.expert,
                    join,
                    &target,
                    &candidate.request_title,
                    &detail,
                    actor,
                )
                .await?;
            }
        }
        Status::Accepted => {
            let request_end = match requests::read::load(tx, candidate.request).await? {
                Some(request) => request.fields.timing.range().end(),
                None => now.date(),
            };
            let consent = Consent::granted(now, request_end);
            sqlx::query(
                "INSERT INTO candidate_consents (candidate_id, institution_id, request_id, granted_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(candidate.id)
            .bind(candidate.institution)
            .bind(candidate.request)
            .bind(consent.granted_at)
            .bind(consent.expires_at)
            .execute(&mut **tx)
            .await?;
            let detail = format!("profile shared with {} until {}", candidate.institution_name, consent.expires_at);
            let record = event(by, "consent.share").on("candidate", &target).from_ip(ip).detail(&detail);
            audit::record(tx, &record).await?;
            reminders::cancel(
                tx,
                &target,
                &[reminders::kinds::INVITATION_REMINDER, reminders::kinds::INVITATION_EXPIRY],
            )
            .await?;
            notifications::notify(tx, &coordinator, actor, &notice!(kinds::CANDIDATE_ACCEPTED, &candidate.expert_name))
                .await?;
        }
        Status::Declined => {
            reminders::cancel(
                tx,
                &target,
                &[reminders::kinds::INVITATION_REMINDER, reminders::kinds::INVITATION_EXPIRY],
            )
            .await?;
            notifications::notify(tx, &coordinator, actor, &notice!(kinds::CANDIDATE_DECLINED, &candidate.expert_name))
                .await?;
        }
        Status::Expired => {
            let recipients: Vec<UserId> = expert.iter().chain(&coordinator).copied().collect();
            notifications::notify(tx, &recipients, actor, &notice!(kinds::INVITATION_EXPIRED, &candidate.expert_name))
                .await?;
        }
        Status::Proposed => {
            let hosts = notifications::host_members(tx, candidate.institution).await?;
            notifications::notify(tx, &hosts, actor, &notice!(kinds::CANDIDATE_PROPOSED, &candidate.expert_name))
                .await?;
        }
        Status::HostApproved | Status::HostDeclined => {
            if step.to == Status::HostDeclined {
                end_consent(tx, candidate, ENDED_CANDIDACY, now).await?;
            }
            let kind = if step.to == Status::HostApproved { kinds::HOST_APPROVED } else { kinds::HOST_DECLINED };
            let recipients: Vec<UserId> = coordinator.iter().chain(&expert).copied().collect();
            notifications::notify(tx, &recipients, actor, &notice!(kind, &candidate.expert_name)).await?;
        }
        Status::Selected => {
            let Some(request) = requests::read::load(tx, candidate.request).await? else {
                return Err(ChangeError::NotFound);
            };
            let days = mission_days(request.fields.timing);
            let mission = lifecycle::store::create_in(tx, by, &request, candidate, days, ip, now).await?;
            outcome.mission = Some(mission);
            let filled = super::read::filled(tx, candidate.request).await?;
            if filled >= request.fields.positions {
                // The guards saw the request approved, so the platform may staff it.
                requests::transition_in(tx, By::System(SYSTEM), candidate.request, requests::Status::Staffed, "", ip)
                    .await
                    .map_err(|e| match e {
                        requests::ChangeError::Database(e) => ChangeError::Database(e),
                        _ => ChangeError::Refused(Refusal::RequestNotOpen),
                    })?;
                outcome.request_staffed = true;
            }
            let hosts = notifications::host_members(tx, candidate.institution).await?;
            let recipients: Vec<UserId> = expert.iter().chain(&hosts).copied().collect();
            notifications::notify(tx, &recipients, actor, &notice!(kinds::SELECTED, &candidate.expert_name)).await?;
        }
        Status::Withdrawn => {
            end_consent(tx, candidate, ENDED_CANDIDACY, now).await?;
            reminders::cancel(
                tx,
                &target,
                &[reminders::kinds::INVITATION_REMINDER, reminders::kinds::INVITATION_EXPIRY],
            )
            .await?;
            let mut recipients: Vec<UserId> = Vec::new();
            if step.from.known_to_expert() {
                recipients.extend(&expert);
            }
            recipients.extend(&coordinator);
            if matches!(step.from, Status::Proposed | Status::HostApproved) {
                recipients.extend(notifications::host_members(tx, candidate.institution).await?);
            }
            notifications::notify(tx, &recipients, actor, &notice!(kinds::WITHDRAWN, &candidate.expert_name)).await?;
        }
        Status::Shortlisted => {}
    }
    Ok(())
}

async fn end_consent(tx: &mut Tx, candidate: &Candidate, because: &str, now: Timestamp) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE candidate_consents SET ended_at = $2, ended_because = $3 WHERE candidate_id = $1 AND ended_at IS NULL",
    )
    .bind(candidate.id)
    .bind(now)
    .bind(because)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The expert withdraws the consent given on accepting: the host no longer sees their profile.
/// Before selection this also withdraws the candidacy (the host cannot choose someone it
/// cannot see); after it, the mission goes on and the host keeps only the mission's record.
pub async fn withdraw_consent(
    db: &Db,
    actor: &passerelle_accounts::Actor,
    id: CandidateId,
    ip: &str,
) -> Result<(), ChangeError> {
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    let Some(candidate) = load(&mut tx, id).await? else { return Err(ChangeError::NotFound) };
    match super::party_for(actor, &candidate, now) {
        Some(Party::Expert) => {}
        Some(_) => return Err(ChangeError::Forbidden),
        None => return Err(ChangeError::NotFound),
    }
    if !candidate.consent.as_ref().is_some_and(|c| c.is_active(now)) {
        return Err(ChangeError::NoConsent);
    }
    end_consent(&mut tx, &candidate, ENDED_WITHDRAWN, now).await?;
    let target = id.to_string();
    let detail = format!("profile no longer shared with {}", candidate.institution_name);
    let record = Event::by(Some(actor), "consent.withdraw").on("candidate", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &record).await?;
    if matches!(candidate.status, Status::Accepted | Status::Proposed | Status::HostApproved) {
        let input = Input { comment: "consent withdrawn".into(), reply_by: None };
        transition_in(&mut tx, By::Person(actor), id, Status::Withdrawn, &input, ip, now).await?;
    } else {
        let mut recipients: Vec<UserId> = candidate.coordinator.into_iter().collect();
        recipients.extend(notifications::host_members(&mut tx, candidate.institution).await?);
        let notice = Notice {
            kind: kinds::CONSENT_WITHDRAWN,
            subject: Subject::Candidate(id),
            title: &candidate.request_title,
            detail: &candidate.expert_name,
        };
        notifications::notify(&mut tx, &recipients, Some(actor.user_id), &notice).await?;
    }
    tx.commit().await?;
    Ok(())
}

impl From<lifecycle::ChangeError> for ChangeError {
    fn from(error: lifecycle::ChangeError) -> Self {
        match error {
            lifecycle::ChangeError::Database(e) => ChangeError::Database(e),
            lifecycle::ChangeError::NotFound => ChangeError::NotFound,
            _ => ChangeError::Refused(Refusal::ExpertBooked),
        }
    }
}
