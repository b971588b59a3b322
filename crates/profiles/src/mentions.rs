//! Skills an expert names only in their own words: the headline, the summary, the roles of
//! their work history, their education and credentials ("15 years as an ICU nurse in Liège"
//! never made it into the skills list). Read with the taxonomy's linker when the profile is
//! written, and kept beside it (`expert_mentions`) with what they were read with: the search
//! index credits them, and a rebuild reads them here instead of reading every text again (a
//! fifth of a rebuild's time). The index reads the texts itself for a profile whose mentions
//! were read with another taxonomy or another [`READER`].
//!
//! Skills the expert listed are not repeated; a skill said not to be held ("no surgery") is not
//! one. Skills the expert dismissed when suggested are left out by the reader of these (they
//! change without the profile being written).

use crate::model::{Profile, ProfileData};
use passerelle_core::ExpertId;
use passerelle_core::sql::in_lists;
use passerelle_db::{Conn, Db, Dialect, Tx};
use passerelle_taxonomy::{SkillId, Stance, Taxonomy, extract};
use rustc_hash::FxHashSet;
use std::collections::HashMap;

/// The version of [`read`]: bump it when what it finds in a text changes, so that mentions kept
/// from before are read again (the taxonomy's own version is kept beside them).
pub const READER: i64 = 2;

/// Mentions as kept: the skills, and what they were read with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentions {
    pub taxonomy: i64,
    pub reader: i64,
    pub skills: Vec<SkillId>,
}

impl Mentions {
    /// Reads `data`'s texts with `taxonomy`.
    pub fn of(taxonomy: &Taxonomy, data: &ProfileData) -> Mentions {
        Mentions { taxonomy: taxonomy.version(), reader: READER, skills: read(taxonomy, data) }
    }

    /// Whether these were read as `taxonomy` and this code would read them now.
    pub fn is_current(&self, taxonomy: &Taxonomy) -> bool {
        self.taxonomy == taxonomy.version() && self.reader == READER
    }
}

/// The skills `data` names in its texts and does not list, first named first.
pub fn read(taxonomy: &Taxonomy, data: &ProfileData) -> Vec<SkillId> {
    let listed: FxHashSet<&str> = data.skills.iter().filter_map(|s| s.skill.as_ref()).map(SkillId::as_str).collect();
    let mut texts: Vec<&str> = vec![&data.headline, &data.summary];
    texts.extend(data.work.iter().map(|w| w.role.as_str()));
    texts.extend(data.education.iter().map(|e| e.field.as_str()));
    texts.extend(data.credentials.iter().map(|c| c.title.as_str()));
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    for text in texts.into_iter().filter(|t| !t.trim().is_empty()) {
        for found in extract(&taxonomy.linker, text) {
            let named = &text[found.start..found.end];
            if found.stance == Stance::Negated
                || listed.contains(found.skill.as_str())
                || (is_short_word(named) && !named.chars().any(char::is_uppercase))
            {
                continue;
            }
            if seen.insert(found.skill.clone()) {
                out.push(found.skill);
            }
        }
    }
    out
}

/// A single short word ("ict", "icu"): in running text it names a skill only when written as
/// the abbreviation it is, in capitals; in lower case it is too often another word.
fn is_short_word(named: &str) -> bool {
    !named.contains(|c: char| !c.is_alphanumeric()) && named.chars().count() <= 4
}

const INSERT: &str = "INSERT INTO expert_mentions (expert_id, taxonomy_version, reader, skills)";
/// What was kept for the expert is replaced whole.
const REPLACE: &str = "ON CONFLICT (expert_id) DO UPDATE SET taxonomy_version = excluded.taxonomy_version, \
                       reader = excluded.reader, skills = excluded.skills";

/// Keeps the mentions of these experts (replacing what was kept), in the caller's transaction:
/// the profile's write.
pub async fn save(tx: &mut Tx, mentions: &[(ExpertId, &Mentions)]) -> Result<(), sqlx::Error> {
    for chunk in mentions.chunks(passerelle_core::sql::IN_LIST_MAX / 4) {
        let rows = (0..chunk.len())
            .map(|i| format!("(${}, ${}, ${}, ${})", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("{INSERT} VALUES {rows} {REPLACE}");
        let mut query = sqlx::query(&sql);
        for (id, m) in chunk {
            query = query.bind(*id).bind(m.taxonomy).bind(m.reader).bind(joined(&m.skills));
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

fn joined(skills: &[SkillId]) -> String {
    skills.iter().map(SkillId::as_str).collect::<Vec<_>>().join(" ")
}

type Kept = (i64, i64, String);

fn mentions((taxonomy, reader, skills): Kept) -> Mentions {
    // Kept by `save` from skill ids; anything else would be a hand-edited row, left out.
    let skills = skills.split(' ').filter_map(|s| SkillId::parse(s).ok()).collect();
    Mentions { taxonomy, reader, skills }
}

/// The kept mentions of these experts (none for an expert whose were never read).
pub async fn of_experts(db: &Db, ids: &[ExpertId]) -> Result<HashMap<ExpertId, Mentions>, sqlx::Error> {
    let mut found = HashMap::with_capacity(ids.len());
    for (chunk, list) in in_lists(ids, 1) {
        let sql = format!(
            "SELECT expert_id, taxonomy_version, reader, skills FROM expert_mentions WHERE expert_id IN ({list})"
        );
        let mut query = sqlx::query_as::<_, (ExpertId, i64, i64, String)>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for (id, taxonomy, reader, skills) in query.fetch_all(db.reader()).await? {
            found.insert(id, mentions((taxonomy, reader, skills)));
        }
    }
    Ok(found)
}

/// The kept mentions of every expert with an id in (`after`, `last`], for the rebuild's
/// batches: in one value, as profiles are read ([`crate::load`]).
pub async fn in_range(
    conn: &mut Conn,
    dialect: Dialect,
    after: Option<ExpertId>,
    last: ExpertId,
) -> Result<HashMap<ExpertId, Mentions>, sqlx::Error> {
    let sql = dialect.json_keyed_rows(
        "expert_id",
        "0",
        &["taxonomy_version", "reader", "skills"],
        "expert_mentions",
        "expert_id > $1 AND expert_id <= $2",
    );
    let json: String = sqlx::query_scalar(&sql)
        .bind(after.map(|a| a.to_string()).unwrap_or_default())
        .bind(last.to_string())
        .fetch_one(conn)
        .await?;
    let rows: Vec<(ExpertId, i64, Kept)> = serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(e.into()))?;
    Ok(rows.into_iter().map(|(id, _, kept)| (id, mentions(kept))).collect())
}

/// Experts read again per transaction by [`refresh`].
const REFRESH_BATCH: u32 = 500;

/// Reads again the mentions of every expert whose kept ones were read with another taxonomy or
/// another [`READER`] (or never kept), so that the index's next rebuild finds them current
/// instead of reading every text itself. Run after a taxonomy change, once its skills in words
/// were linked again (they change what a text adds). Answers how many experts were read again.
///
/// A profile written meanwhile keeps the mentions its write read: a row is replaced only while
/// the profile is still the one read here.
pub async fn refresh(db: &Db, taxonomy: &Taxonomy) -> Result<u64, sqlx::Error> {
    let mut after = String::new();
    let mut refreshed = 0;
    loop {
        let stale: Vec<ExpertId> = sqlx::query_scalar(
            "SELECT e.id FROM experts e LEFT JOIN expert_mentions m ON m.expert_id = e.id \
             WHERE e.id > $1 AND (m.expert_id IS NULL OR m.taxonomy_version <> $2 OR m.reader <> $3) \
             ORDER BY e.id LIMIT $4",
        )
        .bind(&after)
        .bind(taxonomy.version())
        .bind(READER)
        .bind(i64::from(REFRESH_BATCH))
        .fetch_all(db.reader())
        .await?;
        let Some(last) = stale.last() else { return Ok(refreshed) };
        after = last.to_string();
        let profiles = crate::store::load_many(db, &stale).await?;
        let mut tx = db.begin().await?;
        for profile in &profiles {
            refreshed += u64::from(keep_if_unchanged(&mut tx, profile, &Mentions::of(taxonomy, &profile.data)).await?);
        }
        tx.commit().await?;
    }
}

/// Keeps `mentions` for `profile` only if the profile stored is still this one (a write since
/// keeps the mentions it read itself); answers whether they were kept.
pub async fn keep_if_unchanged(tx: &mut Tx, profile: &Profile, mentions: &Mentions) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "{INSERT} SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM experts WHERE id = $1 AND updated_at = $5) \
         {REPLACE}"
    );
    let kept = sqlx::query(&sql)
        .bind(profile.id)
        .bind(mentions.taxonomy)
        .bind(mentions.reader)
        .bind(joined(&mentions.skills))
        .bind(profile.updated_at)
        .execute(&mut **tx)
        .await?;
    Ok(kept.rows_affected() > 0)
}
