//! What the index knows of an expert beyond the profile: booked missions and host evaluations.
//! The mission pipeline fills these in; until then every expert is free and unrated.

use crate::document::Extras;
use passerelle_core::ExpertId;
use passerelle_db::Db;
use std::collections::HashMap;

pub async fn load(_db: &Db, _ids: &[ExpertId]) -> Result<HashMap<ExpertId, Extras>, passerelle_db::sqlx::Error> {
    Ok(HashMap::new())
}
