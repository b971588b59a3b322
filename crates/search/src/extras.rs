//! What the index knows of an expert beyond the profile: the days their missions book (which
//! matching never offers to another request) and their host ratings (which the ranking weighs).
//! Both come from the mission pipeline (`passerelle_missions::lifecycle::booking`), which appends
//! an upsert of the expert to the change log whenever either changes.

use crate::document::Extras;
use passerelle_core::ExpertId;
use passerelle_db::Conn;
use passerelle_db::Db;
use passerelle_missions::lifecycle::booking;
use std::collections::HashMap;

pub async fn load(db: &Db, ids: &[ExpertId]) -> Result<HashMap<ExpertId, Extras>, passerelle_db::sqlx::Error> {
    Ok(of(booking::of_experts(db, ids).await?))
}

/// The extras of every expert with an id in (`after`, `last`], for the rebuild's batches.
pub async fn load_range(
    conn: &mut Conn,
    after: Option<ExpertId>,
    last: ExpertId,
) -> Result<HashMap<ExpertId, Extras>, passerelle_db::sqlx::Error> {
    Ok(of(booking::of_expert_range(conn, after, last).await?))
}

fn of(booked: HashMap<ExpertId, booking::Booked>) -> HashMap<ExpertId, Extras> {
    booked.into_iter().map(|(id, b)| (id, Extras { booked: b.periods, rating: b.rating })).collect()
}
