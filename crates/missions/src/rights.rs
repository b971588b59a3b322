//! The data-protection rights of an expert over what the mission pipeline holds about them:
//! their invitations (with the consents they gave hosts), missions, reports, evaluations, call
//! answers and notifications, in the export of their data; and erasure, which removes their
//! candidacies, consents and answers with the profile, keeps each mission in the programme's
//! record without its expert, and blanks the free text of its report and evaluation (the
//! figures stay, anonymous), in the transaction that erases the profile.

use crate::{calls, candidates, evaluations, lifecycle, notifications, reports};
use passerelle_accounts::audit;
use passerelle_core::{ExpertId, UserId};
use passerelle_db::Db;
use serde_json::{Map, Value, json};

/// The sections the pipeline adds to an expert's export.
pub async fn export_sections(db: &Db, expert: ExpertId, account: Option<UserId>) -> anyhow::Result<Map<String, Value>> {
    let mut sections = Map::new();
    let query = candidates::Query { expert: Some(expert), limit: 10_000, ..Default::default() };
    let invitations: Vec<Value> = candidates::search(db, &query)
        .await?
        .into_iter()
        .map(|c| {
            json!({
                "candidate_id": c.id,
                "request": c.request_title,
                "host": c.institution_name,
                "status": c.status,
                "reply_by": c.reply_by.map(|d| d.to_string()),
                "reason": c.reason,
                "since": c.status_changed_at,
                "consent_to_share_profile": c.consent,
            })
        })
        .collect();
    sections.insert("invitations".into(), Value::Array(invitations));
    let (missions, _) = lifecycle::search(db, &lifecycle::Query { expert: Some(expert), ..Default::default() }).await?;
    let mut items = Vec::new();
    for mission in missions {
        let report = reports::get(db, mission.id).await?;
        let evaluation = evaluations::get(db, mission.id).await?;
        items.push(json!({
            "mission_id": mission.id,
            "request": mission.request_title,
            "host": mission.institution_name,
            "status": mission.status,
            "planned": mission.planned,
            "actual_start": mission.actual_start.map(|d| d.to_string()),
            "actual_end": mission.actual_end.map(|d| d.to_string()),
            "report": report,
            "host_evaluation": evaluation,
        }));
    }
    sections.insert("missions".into(), Value::Array(items));
    let answers: Vec<Value> = calls::of_expert(db, expert)
        .await?
        .into_iter()
        .map(|(call, answer)| json!({"call": call.title, "sent": call.created_at, "answer": answer}))
        .collect();
    sections.insert("calls_for_experts".into(), Value::Array(answers));
    if let Some(account) = account {
        sections.insert("notifications".into(), serde_json::to_value(notifications::all_of(db, account).await?)?);
    }
    Ok(sections)
}

/// Erases an expert with everything the pipeline attached to them (see the module's text).
/// Returns `false` when there is no such expert.
pub async fn erase(db: &Db, expert: ExpertId, event: audit::Event<'_>) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE mission_reports SET activities = '', deliverables = '', recommendations = '' \
         WHERE mission_id IN (SELECT id FROM missions WHERE expert_id = $1)",
    )
    .bind(expert)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE mission_evaluations SET comments = '' WHERE mission_id IN (SELECT id FROM missions WHERE expert_id = $1)",
    )
    .bind(expert)
    .execute(&mut *tx)
    .await?;
    if !passerelle_profiles::rights::erase_in(&mut tx, db, expert, event).await? {
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}
