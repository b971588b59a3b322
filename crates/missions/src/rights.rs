//! The data-protection rights of an expert over what the mission pipeline holds about them:
//! their invitations (with the consents they gave hosts), missions, reports, evaluations, call
//! answers and notifications, in the export of their data; and erasure, which removes their
//! candidacies, consents and answers with the profile, keeps each mission in the programme's
//! record without its expert, and blanks the free text of its report and evaluation (the
//! figures stay, anonymous), in the transaction that erases the profile.
//!
//! Documents and conversations too: the export lists every document about the expert (with
//! where to download it) and the conversations of their candidacies and missions; erasure
//! deletes their profile and candidacy documents and conversations, the documents of their
//! missions that are about them (their travel papers, what they uploaded), and their words in
//! mission conversations (kept in place, shown as erased) — then removes from the file store
//! every object no document points at any more.

use crate::documents::{self, Category, Document, Files, Owner};
use crate::messages::{self, Subject};
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
    let (documents, conversations) = documents_and_conversations(db, expert, account).await?;
    sections.insert("documents".into(), Value::Array(documents));
    sections.insert("conversations".into(), Value::Array(conversations));
    Ok(sections)
}

fn document_entry(document: &Document, account: Option<UserId>) -> Value {
    json!({
        "document_id": document.id,
        "attached_to": {"kind": document.owner.kind(), "id": document.owner.id()},
        "category": document.category,
        "name": document.name,
        "size": document.size,
        "media_type": document.media_type,
        "uploaded_at": document.uploaded_at,
        "uploaded_by_you": account.is_some() && document.uploaded_by == account,
        "download": format!("/documents/{}", document.id),
    })
}

/// The documents about the expert and the conversations of their candidacies and missions.
async fn documents_and_conversations(
    db: &Db,
    expert: ExpertId,
    account: Option<UserId>,
) -> anyhow::Result<(Vec<Value>, Vec<Value>)> {
    let mut documents = Vec::new();
    let mut conversations = Vec::new();
    let mut subjects = Vec::new();
    for document in documents::access::of_owner(db, Owner::Expert(expert)).await? {
        documents.push(document_entry(&document, account));
    }
    let query = candidates::Query { expert: Some(expert), limit: 10_000, ..Default::default() };
    for candidate in candidates::search(db, &query).await? {
        for document in documents::access::of_owner(db, Owner::Candidate(candidate.id)).await? {
            documents.push(document_entry(&document, account));
        }
        subjects.push((Subject::Candidate(candidate.id), candidate.request_title));
    }
    let (missions, _) = lifecycle::search(db, &lifecycle::Query { expert: Some(expert), ..Default::default() }).await?;
    for mission in missions {
        for document in documents::access::of_owner(db, Owner::Mission(mission.id)).await? {
            if about_the_expert(&document, account) {
                documents.push(document_entry(&document, account));
            }
        }
        subjects.push((Subject::Mission(mission.id), mission.request_title));
    }
    for (subject, title) in subjects {
        let Some(thread) = messages::thread_of(db, subject).await? else { continue };
        let mut items = Vec::new();
        for message in messages::messages_of(db, thread).await? {
            for document in &message.attachments {
                documents.push(document_entry(document, account));
            }
            items.push(json!({
                "at": message.created_at,
                "from": message.author_name,
                "from_party": message.author_party,
                "by_you": account.is_some() && message.author == account,
                "text": message.body,
                "attachments": message.attachments.iter().map(|d| d.id.to_string()).collect::<Vec<_>>(),
            }));
        }
        conversations.push(json!({"about": subject.kind(), "id": subject.id(), "title": title, "messages": items}));
    }
    Ok((documents, conversations))
}

/// A mission document about its expert: their travel papers, or one they uploaded.
fn about_the_expert(document: &Document, account: Option<UserId>) -> bool {
    document.category.is_personal() || (account.is_some() && document.uploaded_by == account)
}

/// Erases an expert with everything the pipeline attached to them (see the module's text).
/// Returns `false` when there is no such expert.
pub async fn erase(db: &Db, files: &Files, expert: ExpertId, event: audit::Event<'_>) -> anyhow::Result<bool> {
    let account = passerelle_profiles::store::owner(db, expert).await?.flatten();
    let mut tx = db.begin().await?;
    let personal: Vec<&str> = Category::ALL.iter().filter(|c| c.is_personal()).map(|c| c.code()).collect();
    sqlx::query(&format!(
        "DELETE FROM documents WHERE mission_id IN (SELECT id FROM missions WHERE expert_id = $1) \
         AND (category IN ('{}') OR uploaded_by = $2)",
        personal.join("', '")
    ))
    .bind(expert)
    .bind(account)
    .execute(&mut *tx)
    .await?;
    if let Some(account) = account {
        messages::store::erase_author_in(&mut tx, account).await?;
    }
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
    // After the commit: a crash here leaves objects that the next sweep removes.
    documents::sweep::remove_all_unused(db, files).await?;
    Ok(true)
}
