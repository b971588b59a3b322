//! Skills kept in words are linked again when the taxonomy changes: a label the linker could not
//! place yesterday ("irrigation systems") may name a concept an import added today. Each linked
//! skill of an expert is a change for the search index; a request's skills in words are linked
//! the same way. Nothing is ever unlinked here: a person's choice of a skill stands. Then the
//! skills experts name in their own words are read again, for the index's next rebuild.

use passerelle_core::{ExpertId, Sector};
use passerelle_db::{Db, Tx};
use passerelle_taxonomy::Taxonomy;

/// Where the taxonomy version last relinked against is kept.
const RELINKED_KEY: &str = "taxonomy.relinked";

/// How many rows one transaction links (short transactions keep writers flowing).
const BATCH: usize = 500;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Relinked {
    /// Skills of experts now linked to a concept.
    pub expert_skills: u64,
    /// Skills of requests now linked to a concept.
    pub request_skills: u64,
    /// Experts whose own words were read again with the new taxonomy ([`crate::mentions`]).
    pub mentions: u64,
}

/// Links every skill in words the taxonomy now knows, once per taxonomy version (a second call
/// with the same version does nothing and answers `None`).
pub async fn when_changed(db: &Db, taxonomy: &Taxonomy) -> Result<Option<Relinked>, sqlx::Error> {
    let done: Option<String> = sqlx::query_scalar("SELECT value FROM app_meta WHERE key = $1")
        .bind(RELINKED_KEY)
        .fetch_optional(db.reader())
        .await?;
    if done.and_then(|v| v.parse::<i64>().ok()) == Some(taxonomy.version()) {
        return Ok(None);
    }
    let relinked = all(db, taxonomy).await?;
    let mut tx = db.begin().await?;
    let upsert = "INSERT INTO app_meta (key, value) VALUES ($1, $2) \
                  ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    sqlx::query(upsert).bind(RELINKED_KEY).bind(taxonomy.version().to_string()).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(Some(relinked))
}

/// Links every skill in words the taxonomy now knows, then reads experts' own words again with
/// it.
pub async fn all(db: &Db, taxonomy: &Taxonomy) -> Result<Relinked, sqlx::Error> {
    // An expert's words name a skill whatever the sector; a request's are read in its sector.
    let experts: Vec<(ExpertId, i64, String, Option<String>)> =
        sqlx::query_as("SELECT expert_id, position, label, NULL FROM expert_skills WHERE skill_id IS NULL")
            .fetch_all(db.reader())
            .await?;
    let requests: Vec<(String, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT s.request_id, s.rank, s.label, r.sector FROM request_skills s JOIN requests r ON r.id = s.request_id \
         WHERE s.skill_id IS NULL",
    )
    .fetch_all(db.reader())
    .await?;
    let (experts, requests) = (linked(taxonomy, experts), linked(taxonomy, requests));
    let mut relinked = Relinked::default();
    for batch in experts.chunks(BATCH) {
        let mut tx = db.begin().await?;
        for (expert, position, skill) in batch {
            let owner = expert.to_string();
            relinked.expert_skills +=
                set(&mut tx, "expert_skills", "expert_id", "position", &owner, *position, skill).await?;
            crate::store::changed(&mut tx, *expert).await?;
        }
        tx.commit().await?;
    }
    for batch in requests.chunks(BATCH) {
        let mut tx = db.begin().await?;
        for (request, rank, skill) in batch {
            relinked.request_skills +=
                set(&mut tx, "request_skills", "request_id", "rank", request, *rank, skill).await?;
        }
        tx.commit().await?;
    }
    relinked.mentions = crate::mentions::refresh(db, taxonomy).await?;
    Ok(relinked)
}

/// The rows whose words the linker is now sure of, with the concept they name.
fn linked<T>(taxonomy: &Taxonomy, rows: Vec<(T, i64, String, Option<String>)>) -> Vec<(T, i64, String)> {
    rows.into_iter()
        .filter_map(|(owner, position, label, sector)| {
            let sector = sector.and_then(|s| Sector::parse(&s).ok());
            taxonomy.link_in(&label, sector).map(|link| (owner, position, link.skill.as_str().to_owned()))
        })
        .collect()
}

/// Links one row, unless someone linked it meanwhile (or it names a skill the row's owner
/// already holds under another label: the first stays, as when it was entered).
async fn set(
    tx: &mut Tx,
    table: &str,
    owner_column: &str,
    position_column: &str,
    owner: &str,
    position: i64,
    skill: &str,
) -> Result<u64, sqlx::Error> {
    let sql = format!(
        "UPDATE {table} SET skill_id = $1 WHERE {owner_column} = $2 AND {position_column} = $3 AND skill_id IS NULL \
         AND NOT EXISTS (SELECT 1 FROM {table} other WHERE other.{owner_column} = $2 AND other.skill_id = $1)"
    );
    Ok(sqlx::query(&sql).bind(skill).bind(owner).bind(position).execute(&mut **tx).await?.rows_affected())
}
