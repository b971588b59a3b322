//! Extensions: a later end asked for by the expert, the host or a coordinator, and decided by a
//! coordinator; approved, it moves the mission's end (and its last phase) and its booking.

use super::booking;
use super::machine;
use super::store::{ChangeError, for_party, staff_only, write_phases};
use crate::notifications::{self, Notice, Subject, kinds};
use crate::requests::By;
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{DateRange, MissionId, Timestamp, UserId};
use passerelle_db::Db;
use time::Date;

/// Asks for a later end (the expert, the host or a coordinator), for a coordinator to decide.
pub async fn request_extension(
    db: &Db,
    actor: &Actor,
    id: MissionId,
    ends_on: Date,
    reason: &str,
    ip: &str,
) -> Result<(), ChangeError> {
    let mut tx = db.begin().await?;
    let (mission, _) = for_party(&mut tx, By::Person(actor), id).await?;
    machine::extension(mission.status, mission.planned.end(), ends_on, reason).map_err(ChangeError::Extension)?;
    let pending: i64 =
        sqlx::query_scalar("SELECT count(*) FROM mission_extensions WHERE mission_id = $1 AND status = 'requested'")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if pending > 0 {
        return Err(ChangeError::ExtensionPending);
    }
    let reason = reason.trim();
    sqlx::query("INSERT INTO mission_extensions (mission_id, ends_on, reason, requested_at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(ends_on.to_string())
        .bind(reason)
        .bind(Timestamp::now())
        .execute(&mut *tx)
        .await?;
    let target = id.to_string();
    let detail = format!("until {ends_on}: {reason}");
    let record = Event::by(Some(actor), "mission.extension_request").on("mission", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &record).await?;
    let hosts = notifications::host_members(&mut tx, mission.institution).await?;
    let recipients: Vec<UserId> =
        mission.coordinator.iter().chain(&mission.expert_account).chain(&hosts).copied().collect();
    let notice = Notice {
        kind: kinds::EXTENSION_REQUESTED,
        subject: Subject::Mission(id),
        title: &mission.request_title,
        detail: &ends_on.to_string(),
    };
    notifications::notify(&mut tx, &recipients, Some(actor.user_id), &notice).await?;
    tx.commit().await?;
    Ok(())
}

/// A coordinator approves (the end moves, and the last phase with it) or refuses the extension
/// waiting for a decision.
pub async fn decide_extension(
    db: &Db,
    actor: &Actor,
    id: MissionId,
    approve: bool,
    note: &str,
    ip: &str,
) -> Result<(), ChangeError> {
    machine::decision_note(note).map_err(ChangeError::Extension)?;
    let mut tx = db.begin().await?;
    let (mission, party) = for_party(&mut tx, By::Person(actor), id).await?;
    staff_only(party)?;
    let Some(pending) = mission.pending_extension().cloned() else { return Err(ChangeError::NoPendingExtension) };
    let now = Timestamp::now();
    if approve {
        machine::extension(mission.status, mission.planned.end(), pending.ends_on, &pending.reason)
            .map_err(ChangeError::Extension)?;
        let days = DateRange::new(mission.planned.start(), pending.ends_on).unwrap_or(mission.planned);
        if let Some(expert) = mission.expert {
            crate::locks::expert(&mut tx, expert).await?;
        }
        if let (Some(expert), Some(booked)) =
            (mission.expert, booking::period(mission.status, days, mission.actual_start))
            && booking::clash(&mut tx, expert, booked, Some(id)).await?
        {
            return Err(ChangeError::Booked);
        }
        sqlx::query("UPDATE missions SET ends_on = $2, updated_at = $3 WHERE id = $1")
            .bind(id)
            .bind(pending.ends_on.to_string())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let mut phases = mission.phases.clone();
        if let Some(last) = phases.last_mut()
            && last.days.end() == mission.planned.end()
        {
            last.days = DateRange::new(last.days.start(), pending.ends_on).unwrap_or(last.days);
            write_phases(&mut tx, id, &phases).await?;
        }
        booking::changed(&mut tx, mission.expert).await?;
    }
    let note = note.trim();
    sqlx::query("UPDATE mission_extensions SET status = $2, decided_at = $3, decision_note = $4 WHERE id = $1")
        .bind(pending.id)
        .bind(if approve { "approved" } else { "refused" })
        .bind(now)
        .bind(note)
        .execute(&mut *tx)
        .await?;
    let target = id.to_string();
    let action = if approve { "mission.extension_approve" } else { "mission.extension_refuse" };
    let detail = if note.is_empty() {
        format!("until {}", pending.ends_on)
    } else {
        format!("until {}: {note}", pending.ends_on)
    };
    audit::record(&mut tx, &Event::by(Some(actor), action).on("mission", &target).from_ip(ip).detail(&detail)).await?;
    let hosts = notifications::host_members(&mut tx, mission.institution).await?;
    let recipients: Vec<UserId> = mission.expert_account.iter().chain(&hosts).copied().collect();
    let notice = Notice {
        kind: kinds::EXTENSION_DECIDED,
        subject: Subject::Mission(id),
        title: &mission.request_title,
        detail: if approve { "approved" } else { "refused" },
    };
    notifications::notify(&mut tx, &recipients, Some(actor.user_id), &notice).await?;
    tx.commit().await?;
    Ok(())
}
