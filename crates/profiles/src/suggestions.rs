//! Skills suggested to an expert from their own words that they said were not theirs: kept so
//! that a dismissed suggestion never comes back. What is suggested is read by the search crate
//! (`passerelle_search::mentions`), with the taxonomy; this module only remembers the answers.

use passerelle_core::{ExpertId, Timestamp};
use passerelle_db::{Conn, Db, Tx};
use passerelle_taxonomy::SkillId;
use std::collections::{HashMap, HashSet};

/// The skills the expert dismissed.
pub async fn dismissed(db: &Db, expert: ExpertId) -> Result<HashSet<SkillId>, sqlx::Error> {
    let rows: Vec<SkillId> =
        sqlx::query_scalar("SELECT skill_id FROM skill_suggestion_dismissals WHERE expert_id = $1")
            .bind(expert)
            .fetch_all(db.reader())
            .await?;
    Ok(rows.into_iter().collect())
}

/// The dismissals of `ids`, for the search index (which credits no dismissed skill).
pub async fn dismissed_of(db: &Db, ids: &[ExpertId]) -> Result<HashMap<ExpertId, Vec<SkillId>>, sqlx::Error> {
    let mut found: HashMap<ExpertId, Vec<SkillId>> = HashMap::new();
    let mut conn = db.reader().acquire().await?;
    for (chunk, list) in passerelle_core::sql::in_lists(ids, 1) {
        let sql = format!("SELECT expert_id, skill_id FROM skill_suggestion_dismissals WHERE expert_id IN ({list})");
        let mut query = sqlx::query_as::<_, (ExpertId, SkillId)>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for (expert, skill) in query.fetch_all(&mut *conn).await? {
            found.entry(expert).or_default().push(skill);
        }
    }
    Ok(found)
}

/// The dismissals of every expert whose id is after `after` and up to `last` (the index
/// rebuild's batches, walked in id order).
pub async fn dismissed_in_range(
    conn: &mut Conn,
    after: Option<ExpertId>,
    last: ExpertId,
) -> Result<HashMap<ExpertId, Vec<SkillId>>, sqlx::Error> {
    let rows: Vec<(ExpertId, SkillId)> = sqlx::query_as(
        "SELECT expert_id, skill_id FROM skill_suggestion_dismissals WHERE expert_id > $1 AND expert_id <= $2",
    )
    .bind(after.map(|a| a.to_string()).unwrap_or_default())
    .bind(last.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut found: HashMap<ExpertId, Vec<SkillId>> = HashMap::new();
    for (expert, skill) in rows {
        found.entry(expert).or_default().push(skill);
    }
    Ok(found)
}

/// Records that `skill` is not the expert's (again is harmless), and tells the search index,
/// which credited it as named in the expert's words.
pub async fn dismiss(tx: &mut Tx, expert: ExpertId, skill: &SkillId) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO skill_suggestion_dismissals (expert_id, skill_id, dismissed_at) VALUES ($1, $2, $3) \
         ON CONFLICT (expert_id, skill_id) DO NOTHING",
    )
    .bind(expert)
    .bind(skill.as_str())
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    crate::store::changed(tx, expert).await
}
