//! Skills suggested to an expert from their own words that they said were not theirs: kept so
//! that a dismissed suggestion never comes back. What is suggested is read by the search crate
//! (`passerelle_search::mentions`), with the taxonomy; this module only remembers the answers.

use passerelle_core::{ExpertId, Timestamp};
use passerelle_db::{Db, Tx};
use passerelle_taxonomy::SkillId;
use std::collections::HashSet;

/// The skills the expert dismissed.
pub async fn dismissed(db: &Db, expert: ExpertId) -> Result<HashSet<SkillId>, sqlx::Error> {
    let rows: Vec<SkillId> =
        sqlx::query_scalar("SELECT skill_id FROM skill_suggestion_dismissals WHERE expert_id = $1")
            .bind(expert)
            .fetch_all(db.reader())
            .await?;
    Ok(rows.into_iter().collect())
}

/// Records that `skill` is not the expert's (again is harmless).
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
    Ok(())
}
