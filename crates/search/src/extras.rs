//! What the index knows of an expert beyond the profile: the days their missions book (which
//! matching never offers to another request) and their host ratings (which the ranking weighs),
//! both from the mission pipeline (`passerelle_missions::lifecycle::booking`), which appends an
//! upsert of the expert to the change log whenever either changes; the suggested skills they
//! dismissed (never credited); and the skills their words name, as kept with the profile.

use crate::document::Extras;
use passerelle_core::ExpertId;
use passerelle_db::Db;
use passerelle_db::{Conn, Dialect};
use passerelle_missions::lifecycle::booking;
use passerelle_profiles::mentions::{self, Mentions};
use passerelle_profiles::suggestions;
use passerelle_taxonomy::SkillId;
use std::collections::HashMap;

pub async fn load(db: &Db, ids: &[ExpertId]) -> Result<HashMap<ExpertId, Extras>, passerelle_db::sqlx::Error> {
    Ok(of(
        booking::of_experts(db, ids).await?,
        suggestions::dismissed_of(db, ids).await?,
        mentions::of_experts(db, ids).await?,
    ))
}

/// The extras of every expert with an id in (`after`, `last`], for the rebuild's batches.
pub async fn load_range(
    conn: &mut Conn,
    dialect: Dialect,
    after: Option<ExpertId>,
    last: ExpertId,
) -> Result<HashMap<ExpertId, Extras>, passerelle_db::sqlx::Error> {
    let booked = booking::of_expert_range(conn, after, last).await?;
    let dismissed = suggestions::dismissed_in_range(conn, after, last).await?;
    Ok(of(booked, dismissed, mentions::in_range(conn, dialect, after, last).await?))
}

fn of(
    booked: HashMap<ExpertId, booking::Booked>,
    dismissed: HashMap<ExpertId, Vec<SkillId>>,
    kept: HashMap<ExpertId, Mentions>,
) -> HashMap<ExpertId, Extras> {
    let mut extras: HashMap<ExpertId, Extras> = HashMap::with_capacity(kept.len().max(booked.len()));
    for (id, b) in booked {
        let extra = extras.entry(id).or_default();
        extra.booked = b.periods;
        extra.rating = b.rating;
    }
    for (id, skills) in dismissed {
        extras.entry(id).or_default().dismissed = skills;
    }
    for (id, m) in kept {
        extras.entry(id).or_default().mentions = Some(m);
    }
    extras
}
