//! Changing missions: each step, checklist item, schedule and extension is written with its
//! audit entry, its notifications and reminders, and the change-log entry that keeps the
//! expert's bookings in the index, in one transaction.

use super::booking;
use super::logistics::{self, Entry, Phase};
use super::machine::{self, ExtensionRefusal, Input, Refusal, Status, Transition};
use super::read::{Mission, load};
use crate::candidates::Candidate;
use crate::notifications::{self, Notice, Subject, kinds};
use crate::party::{self, Party};
use crate::reminders;
use crate::requests::{self, By, Request};
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{DateRange, FieldError, MissionId, Timestamp, UserId};
use passerelle_db::{Db, Tx};
use time::{Date, Duration};

/// Days after the actual end by which the expert's report is due.
pub const REPORT_DUE_DAYS: i64 = 14;
/// Days after the report by which the host is reminded to evaluate.
pub const EVALUATION_REMINDER_DAYS: i64 = 7;

#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// No such mission, or none the actor may see.
    #[error("not found")]
    NotFound,
    /// The actor sees the mission but may not do this.
    #[error("not allowed")]
    Forbidden,
    #[error("{0}")]
    Refused(Refusal),
    #[error("{}", .0.message())]
    Extension(ExtensionRefusal),
    /// The new days overlap another mission of the expert.
    #[error("the expert is booked on another mission over these days")]
    Booked,
    /// Not in this state (a checklist after the mission ended, a schedule once completed).
    #[error("a mission that is {status} cannot change this any more")]
    NotNow { status: Status },
    #[error("an extension is already waiting for a decision")]
    ExtensionPending,
    #[error("no extension is waiting for a decision")]
    NoPendingExtension,
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

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

/// The party `actor` is to a mission: staff, its expert, or a member of its host.
pub fn party_for(actor: &Actor, mission: &Mission) -> Option<Party> {
    party::of(actor, mission.expert_account, mission.institution)
}

/// The guards' context of a mission today.
pub fn context(mission: &Mission, today: Date) -> machine::Context {
    machine::Context {
        planned: mission.planned,
        actual_start: mission.actual_start,
        checklist_complete: logistics::complete(&mission.checklist),
        proof_missing: logistics::proof_missing(&mission.checklist),
        licence_missing: mission.licence == super::Licence::Missing,
        has_report: mission.report_filed.is_some(),
        has_evaluation: mission.rating.is_some(),
        today,
    }
}

/// The steps `actor` may take with a mission now.
pub fn allowed_for(actor: &Actor, mission: &Mission) -> Vec<Status> {
    match party_for(actor, mission) {
        Some(by) => machine::allowed_targets(mission.status, by, &context(mission, Timestamp::now().date())),
        None => vec![],
    }
}

/// Creates the mission of a selected candidate (in the selection's transaction).
pub(crate) async fn create_in(
    tx: &mut Tx,
    by: By<'_>,
    request: &Request,
    candidate: &Candidate,
    days: DateRange,
    ip: &str,
    now: Timestamp,
) -> Result<MissionId, ChangeError> {
    if booking::clash(tx, candidate.expert, days, None).await? {
        return Err(ChangeError::Booked);
    }
    let id = MissionId::new();
    let mode = request.fields.mode.kind();
    sqlx::query(
        "INSERT INTO missions (id, request_id, candidate_id, expert_id, status, mode, starts_on, ends_on, created_at, \
         updated_at, status_changed_at) VALUES ($1, $2, $3, $4, 'planned', $5, $6, $7, $8, $8, $8)",
    )
    .bind(id)
    .bind(request.id)
    .bind(candidate.id)
    .bind(candidate.expert)
    .bind(mode.code())
    .bind(days.start().to_string())
    .bind(days.end().to_string())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let phases = logistics::initial_phases(mode, request.fields.mode.days_on_site(), days);
    write_phases(tx, id, &phases).await?;
    for entry in logistics::initial_checklist(mode) {
        write_entry(tx, id, &entry, now).await?;
    }
    let target = id.to_string();
    let detail = format!("-> planned ({days})");
    audit::record(
        tx,
        &event(by, machine::action_for(Status::Planned)).on("mission", &target).from_ip(ip).detail(&detail),
    )
    .await?;
    booking::changed(tx, Some(candidate.expert)).await?;
    reminders::schedule_checklist(tx, id, candidate.expert_account, days.start(), now).await?;
    Ok(id)
}

pub(super) async fn write_phases(tx: &mut Tx, id: MissionId, phases: &[Phase]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM mission_phases WHERE mission_id = $1").bind(id).execute(&mut **tx).await?;
    for (position, phase) in phases.iter().enumerate() {
        sqlx::query(
            "INSERT INTO mission_phases (mission_id, position, kind, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(phase.kind.code())
        .bind(phase.days.start().to_string())
        .bind(phase.days.end().to_string())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn write_entry(tx: &mut Tx, id: MissionId, entry: &Entry, now: Timestamp) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mission_checklist (mission_id, item, state, on_date, note, updated_at, document_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (mission_id, item) DO UPDATE SET state = excluded.state, on_date = excluded.on_date, \
         note = excluded.note, updated_at = excluded.updated_at, document_id = excluded.document_id",
    )
    .bind(id)
    .bind(entry.item.code())
    .bind(entry.state.code())
    .bind(entry.on_date.map(|d| d.to_string()))
    .bind(&entry.note)
    .bind(now)
    .bind(entry.document)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Loads a mission for `by`, with the party they are to it.
pub(super) async fn for_party(tx: &mut Tx, by: By<'_>, id: MissionId) -> Result<(Mission, Party), ChangeError> {
    let Some(mission) = load(tx, id).await? else { return Err(ChangeError::NotFound) };
    let party = match by {
        By::Person(actor) => party_for(actor, &mission).ok_or(ChangeError::NotFound)?,
        By::System(_) => Party::System,
    };
    Ok((mission, party))
}

/// Moves a mission along its lifecycle, if `by` may, with everything that follows.
pub async fn transition(
    db: &Db,
    by: By<'_>,
    id: MissionId,
    to: Status,
    input: &Input,
    ip: &str,
) -> Result<Transition, ChangeError> {
    let mut tx = db.begin().await?;
    let step = transition_in(&mut tx, by, id, to, input, ip, Timestamp::now()).await?;
    tx.commit().await?;
    Ok(step)
}

pub(crate) async fn transition_in(
    tx: &mut Tx,
    by: By<'_>,
    id: MissionId,
    to: Status,
    input: &Input,
    ip: &str,
    now: Timestamp,
) -> Result<Transition, ChangeError> {
    let (mission, party) = for_party(tx, by, id).await?;
    let step = machine::transition(mission.status, to, party, &context(&mission, now.date()), input)
        .map_err(ChangeError::Refused)?;
    let date = step.date.map(|d| d.to_string());
    let report_due =
        (to == Status::Completed).then(|| step.date.map(|d| d + Duration::days(REPORT_DUE_DAYS))).flatten();
    let done = sqlx::query(
        "UPDATE missions SET status = $2, status_changed_at = $3, updated_at = $3, \
         actual_start = CASE WHEN $2 = 'in_progress' THEN $4 ELSE actual_start END, \
         actual_end = CASE WHEN $2 = 'completed' THEN $4 ELSE actual_end END, \
         early_end_reason = CASE WHEN $2 = 'completed' AND $5 THEN $6 ELSE early_end_reason END, \
         cancel_reason = CASE WHEN $2 = 'cancelled' THEN $6 ELSE cancel_reason END, \
         report_due = CASE WHEN $2 = 'completed' THEN $7 ELSE report_due END \
         WHERE id = $1 AND status = $8",
    )
    .bind(id)
    .bind(to.code())
    .bind(now)
    .bind(&date)
    .bind(step.early_end)
    .bind(&step.comment)
    .bind(report_due.map(|d| d.to_string()))
    .bind(mission.status.code())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(ChangeError::NotFound);
    }
    let target = id.to_string();
    audit::record(tx, &event(by, step.action()).on("mission", &target).from_ip(ip).detail(&step.detail())).await?;
    if let Some(item) = step.proof_overridden {
        let detail = format!("{item}: {}", step.comment);
        audit::record(tx, &event(by, "mission.proof_override").on("mission", &target).from_ip(ip).detail(&detail))
            .await?;
    }
    follow_up(tx, by, &mission, &step, report_due, ip, now).await?;
    booking::changed(tx, mission.expert).await?;
    Ok(step)
}

async fn follow_up(
    tx: &mut Tx,
    by: By<'_>,
    mission: &Mission,
    step: &Transition,
    report_due: Option<Date>,
    ip: &str,
    now: Timestamp,
) -> Result<(), ChangeError> {
    let target = mission.id.to_string();
    let subject = Subject::Mission(mission.id);
    let expert: Vec<UserId> = mission.expert_account.into_iter().collect();
    let coordinator: Vec<UserId> = mission.coordinator.into_iter().collect();
    let hosts = notifications::host_members(tx, mission.institution).await?;
    let actor = person(by);
    macro_rules! notice {
        ($kind:expr, $detail:expr) => {
            Notice { kind: $kind, subject, title: &mission.request_title, detail: $detail }
        };
    }
    let everyone: Vec<UserId> = expert.iter().chain(&hosts).chain(&coordinator).copied().collect();
    match step.to {
        Status::Completed => {
            if let Some(due) = report_due {
                let expert_account = mission.expert_account;
                let remind = reminders::morning_for(tx, expert_account, due - Duration::days(3)).await?;
                if remind > now {
                    reminders::schedule(tx, reminders::kinds::REPORT_REMINDER, &target, remind).await?;
                }
                let overdue = reminders::morning_for(tx, expert_account, due + Duration::days(1)).await?;
                reminders::schedule(tx, reminders::kinds::REPORT_OVERDUE, &target, overdue).await?;
                notifications::notify(tx, &expert, actor, &notice!(kinds::REPORT_DUE, &due.to_string())).await?;
            }
            let others: Vec<UserId> = hosts.iter().chain(&coordinator).copied().collect();
            notifications::notify(tx, &others, actor, &notice!(kinds::MISSION_STATUS, step.to.code())).await?;
        }
        Status::Reported => {
            reminders::cancel(tx, &target, &[reminders::kinds::REPORT_REMINDER, reminders::kinds::REPORT_OVERDUE])
                .await?;
            let later = now + Duration::days(EVALUATION_REMINDER_DAYS);
            reminders::schedule(tx, reminders::kinds::EVALUATION_REMINDER, &target, later).await?;
            notifications::notify(tx, &hosts, actor, &notice!(kinds::EVALUATION_REQUESTED, "")).await?;
            notifications::notify(tx, &coordinator, actor, &notice!(kinds::MISSION_STATUS, step.to.code())).await?;
        }
        Status::Evaluated => {
            reminders::cancel(tx, &target, &[reminders::kinds::EVALUATION_REMINDER]).await?;
            notifications::notify(tx, &coordinator, actor, &notice!(kinds::EVALUATION_FILED, "")).await?;
            notifications::notify(tx, &expert, actor, &notice!(kinds::MISSION_STATUS, step.to.code())).await?;
        }
        Status::Cancelled => {
            reopen_request(tx, mission, ip).await?;
            notifications::notify(tx, &everyone, actor, &notice!(kinds::MISSION_STATUS, step.to.code())).await?;
        }
        _ => {
            notifications::notify(tx, &everyone, actor, &notice!(kinds::MISSION_STATUS, step.to.code())).await?;
        }
    }
    Ok(())
}

/// A cancelled mission frees its position: a staffed request is open again.
async fn reopen_request(tx: &mut Tx, mission: &Mission, ip: &str) -> Result<(), ChangeError> {
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM requests WHERE id = $1")
        .bind(mission.request)
        .fetch_optional(&mut **tx)
        .await?;
    if status.as_deref() == Some(requests::Status::Staffed.code()) {
        let label = crate::candidates::store::SYSTEM;
        requests::transition_in(
            tx,
            By::System(label),
            mission.request,
            requests::Status::Approved,
            "a mission was cancelled",
            ip,
        )
        .await
        .map_err(|e| match e {
            requests::ChangeError::Database(e) => ChangeError::Database(e),
            _ => ChangeError::NotNow { status: Status::Cancelled },
        })?;
    }
    Ok(())
}

/// Staff only (the expert and the host see the mission but may not change this).
pub(super) fn staff_only(party: Party) -> Result<(), ChangeError> {
    if party == Party::Staff { Ok(()) } else { Err(ChangeError::Forbidden) }
}

/// Sets one item of the logistics checklist (coordinators, until the mission ends).
pub async fn set_checklist_item(
    db: &Db,
    actor: &Actor,
    id: MissionId,
    entry: &Entry,
    ip: &str,
) -> Result<(), ChangeError> {
    set_checklist(db, actor, id, std::slice::from_ref(entry), ip).await
}

/// Sets several items of the checklist at once (the mission page's one form): all of them or,
/// if the mission may not change now, none; each change is in the audit log.
pub async fn set_checklist(
    db: &Db,
    actor: &Actor,
    id: MissionId,
    entries: &[Entry],
    ip: &str,
) -> Result<(), ChangeError> {
    let mut tx = db.begin().await?;
    let (mission, party) = for_party(&mut tx, By::Person(actor), id).await?;
    staff_only(party)?;
    if !mission.status.dates_open() {
        return Err(ChangeError::NotNow { status: mission.status });
    }
    let now = Timestamp::now();
    let target = id.to_string();
    for entry in entries {
        if let Some(document) = entry.document {
            let of_mission: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM documents WHERE id = $1 AND mission_id = $2")
                    .bind(document)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if of_mission.is_none() {
                return Err(ChangeError::Invalid(vec![FieldError::new(
                    "document",
                    "checklist.document_unknown",
                    "the proof must be a document of this mission",
                )]));
            }
        }
        write_entry(&mut tx, id, entry, now).await?;
        let mut detail = format!("{}: {}", entry.item, entry.state);
        if let Some(day) = entry.on_date {
            detail.push_str(&format!(" ({day})"));
        }
        if !entry.note.is_empty() {
            detail.push_str(&format!(": {}", entry.note));
        }
        if let Some(document) = entry.document {
            detail.push_str(&format!(" [proof {document}]"));
        }
        audit::record(
            &mut tx,
            &Event::by(Some(actor), "mission.checklist").on("mission", &target).from_ip(ip).detail(&detail),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets the planned days and the phases (coordinators, until the mission ends), refusing days
/// that overlap another mission of the expert.
pub async fn set_schedule(
    db: &Db,
    actor: &Actor,
    id: MissionId,
    days: DateRange,
    phases: &[Phase],
    ip: &str,
) -> Result<(), ChangeError> {
    let mut tx = db.begin().await?;
    let (mission, party) = for_party(&mut tx, By::Person(actor), id).await?;
    staff_only(party)?;
    if !mission.status.dates_open() {
        return Err(ChangeError::NotNow { status: mission.status });
    }
    if let Some(expert) = mission.expert {
        crate::locks::expert(&mut tx, expert).await?;
    }
    if let (Some(expert), Some(booked)) = (mission.expert, booking::period(mission.status, days, mission.actual_start))
        && booking::clash(&mut tx, expert, booked, Some(id)).await?
    {
        return Err(ChangeError::Booked);
    }
    sqlx::query("UPDATE missions SET starts_on = $2, ends_on = $3, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(days.start().to_string())
        .bind(days.end().to_string())
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    write_phases(&mut tx, id, phases).await?;
    let target = id.to_string();
    let parts: Vec<String> = phases.iter().map(|p| format!("{} {}", p.kind, p.days)).collect();
    let detail = format!("{days}: {}", parts.join(", "));
    audit::record(
        &mut tx,
        &Event::by(Some(actor), "mission.schedule").on("mission", &target).from_ip(ip).detail(&detail),
    )
    .await?;
    booking::changed(&mut tx, mission.expert).await?;
    reminders::schedule_checklist(&mut tx, id, mission.expert_account, days.start(), Timestamp::now()).await?;
    tx.commit().await?;
    Ok(())
}
