//! The data-protection rights of a person: a complete export of what is held about them, and
//! erasure, which deletes their personal data for good and keeps only anonymous counts.

use crate::consent;
use crate::store::load;
use passerelle_accounts::audit;
use passerelle_core::{Day, ExpertId, Timestamp};
use passerelle_db::change_log::{self, EntityKind, Operation};
use passerelle_db::{Db, Tx};
use serde_json::{Map, Value, json};

/// Everything held about the expert and their account, as JSON sections. Other capabilities
/// (the mission pipeline) add their own sections to the map before it is sent.
pub async fn export(db: &Db, expert: ExpertId) -> anyhow::Result<Option<Map<String, Value>>> {
    let Some(profile) = load(db, expert).await? else { return Ok(None) };
    let mut sections = Map::new();
    sections.insert("exported_at".into(), json!(Timestamp::now()));
    if let Some(user_id) = profile.user_id
        && let Some(user) = passerelle_accounts::users::by_id(db, user_id).await?
    {
        sections.insert(
            "account".into(),
            json!({
                "id": user.id,
                "email": user.email,
                "name": user.name,
                "role": user.role.code(),
                "locale": user.locale,
                "email_verified_at": user.email_verified_at,
                "created_at": user.created_at,
            }),
        );
        let sessions = passerelle_accounts::sessions::list(db, user_id).await?;
        sections.insert(
            "sessions".into(),
            Value::Array(
                sessions
                    .iter()
                    .map(|s| json!({"started": s.created_at, "last_active": s.last_seen_at, "browser": s.user_agent, "address": s.client_ip}))
                    .collect(),
            ),
        );
        let tokens = passerelle_accounts::api_tokens::list(db, user_id).await?;
        sections.insert(
            "api_tokens".into(),
            Value::Array(
                tokens
                    .iter()
                    .map(|t| json!({"name": t.name, "prefix": t.prefix, "created": t.created_at, "last_used": t.last_used_at, "revoked": t.revoked_at}))
                    .collect(),
            ),
        );
        let events = audit::history(db, "user", &user_id.to_string()).await?;
        sections.insert(
            "security_events".into(),
            Value::Array(
                events.iter().map(|e| json!({"at": e.at, "action": e.action, "address": e.client_ip})).collect(),
            ),
        );
    }
    sections.insert("profile".into(), serde_json::to_value(&profile)?);
    sections.insert("consents".into(), serde_json::to_value(consent::history(db, expert).await?)?);
    let mut dismissed: Vec<String> =
        crate::suggestions::dismissed(db, expert).await?.into_iter().map(|s| s.as_str().to_owned()).collect();
    dismissed.sort();
    sections.insert("dismissed_skill_suggestions".into(), serde_json::to_value(dismissed)?);
    Ok(Some(sections))
}

/// Erases the expert: profile, consents, account, sessions and tokens, in one transaction that
/// also tells the search index to drop them. Keeps one row of anonymous counts. Cannot be undone.
/// Returns `false` when there is no such expert.
pub async fn erase(db: &Db, expert: ExpertId, event: audit::Event<'_>) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    if !erase_in(&mut tx, db, expert, event).await? {
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}

/// The same inside the caller's transaction, for capabilities that attach data to a person and
/// must remove or anonymise it in the same transaction (the mission pipeline).
pub async fn erase_in(tx: &mut Tx, db: &Db, expert: ExpertId, event: audit::Event<'_>) -> anyhow::Result<bool> {
    let Some(profile) = load(db, expert).await? else { return Ok(false) };
    keep_statistics(tx, &profile).await?;
    sqlx::query("DELETE FROM experts WHERE id = $1").bind(expert).execute(&mut **tx).await?;
    if let Some(user) = profile.user_id {
        audit::forget_actor(tx, user).await?;
        sqlx::query("DELETE FROM users WHERE id = $1").bind(user).execute(&mut **tx).await?;
    }
    change_log::append(tx, EntityKind::Expert, &expert.to_string(), Operation::Delete).await?;
    let id = expert.to_string();
    audit::record(tx, &event.on("expert", &id)).await?;
    Ok(true)
}

async fn keep_statistics(tx: &mut Tx, profile: &crate::model::Profile) -> Result<(), sqlx::Error> {
    let d = &profile.data;
    let join = |items: Vec<String>| items.join(",");
    sqlx::query(
        "INSERT INTO erased_profiles (erased_on, residence_country, origin_countries, sectors, skills, languages) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Day(Timestamp::now().date()))
    .bind(d.residence_country)
    .bind(join(d.origins.iter().map(ToString::to_string).collect()))
    .bind(join(d.sectors.iter().map(ToString::to_string).collect()))
    .bind(d.skills.len() as i64)
    .bind(d.languages.len() as i64)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
