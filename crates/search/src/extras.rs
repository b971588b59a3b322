//! What the index knows of an expert beyond the profile: the days their missions book (which
//! matching never offers to another request), their host ratings (which the ranking weighs) and
//! the suggested skills they dismissed (never credited).
//! Both come from the mission pipeline (`passerelle_missions::lifecycle::booking`), which appends
//! an upsert of the expert to the change log whenever either changes.

use crate::document::Extras;
use passerelle_core::ExpertId;
use passerelle_db::Conn;
use passerelle_db::Db;
use passerelle_missions::lifecycle::booking;
use passerelle_profiles::suggestions;
use passerelle_taxonomy::SkillId;
use std::collections::HashMap;

pub async fn load(db: &Db, ids: &[ExpertId]) -> Result<HashMap<ExpertId, Extras>, passerelle_db::sqlx::Error> {
    Ok(of(booking::of_experts(db, ids).await?, suggestions::dismissed_of(db, ids).await?))
}

/// The extras of every expert with an id in (`after`, `last`], for the rebuild's batches.
pub async fn load_range(
    conn: &mut Conn,
    after: Option<ExpertId>,
    last: ExpertId,
) -> Result<HashMap<ExpertId, Extras>, passerelle_db::sqlx::Error> {
    let booked = booking::of_expert_range(conn, after, last).await?;
    Ok(of(booked, suggestions::dismissed_in_range(conn, after, last).await?))
}

fn of(
    booked: HashMap<ExpertId, booking::Booked>,
    mut dismissed: HashMap<ExpertId, Vec<SkillId>>,
) -> HashMap<ExpertId, Extras> {
    let mut extras: HashMap<ExpertId, Extras> = booked
        .into_iter()
        .map(|(id, b)| {
            let dismissed = dismissed.remove(&id).unwrap_or_default();
            (id, Extras { booked: b.periods, rating: b.rating, dismissed })
        })
        .collect();
    for (id, dismissed) in dismissed {
        extras.insert(id, Extras { dismissed, ..Extras::default() });
    }
    extras
}
