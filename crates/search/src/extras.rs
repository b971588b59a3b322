//! What the index knows of an expert beyond the profile: the days their missions book (which
//! matching never offers to another request) and their host ratings (which the ranking weighs).
//! Both come from the mission pipeline (`passerelle_missions::lifecycle::booking`), which appends
//! an upsert of the expert to the change log whenever either changes.

use crate::document::Extras;
use passerelle_core::ExpertId;
use passerelle_db::Db;
use std::collections::HashMap;

pub async fn load(db: &Db, ids: &[ExpertId]) -> Result<HashMap<ExpertId, Extras>, passerelle_db::sqlx::Error> {
    let booked = passerelle_missions::lifecycle::booking::of_experts(db, ids).await?;
    Ok(booked.into_iter().map(|(id, b)| (id, Extras { booked: b.periods, rating: b.rating })).collect())
}
