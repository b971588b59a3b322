//! The coordinators' roster list: filters over the whole roster, in SQL, paginated. (Ranked
//! matching and free-text search with facets are the search index's job.)

use passerelle_core::{Cefr, Country, DateRange, Day, ExpertId, Language, Sector, Timestamp};
use passerelle_db::Db;
use sqlx::FromRow;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialFilter {
    /// At least one verified credential.
    Verified,
    /// At least one credential awaiting a coordinator's check.
    AwaitingReview,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreshnessFilter {
    Fresh,
    Stale,
}

#[derive(Debug, Clone, Default)]
pub struct RosterQuery {
    /// Part of the name, the headline or the email.
    pub text: Option<String>,
    pub sector: Option<Sector>,
    pub origin: Option<Country>,
    pub residence: Option<Country>,
    /// A language spoken at least at this level.
    pub language: Option<(Language, Cefr)>,
    /// Available (some window overlapping) during this period.
    pub available: Option<DateRange>,
    pub credentials: Option<CredentialFilter>,
    pub freshness: Option<FreshnessFilter>,
    /// Profiles confirmed before this are stale.
    pub stale_before: Option<Timestamp>,
    pub consent: Option<bool>,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, FromRow)]
pub struct RosterRow {
    pub id: ExpertId,
    pub name: String,
    pub headline: String,
    pub residence_country: Option<Country>,
    pub consent_version: Option<String>,
    pub confirmed_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub verified_credentials: i64,
    pub pending_credentials: i64,
    #[sqlx(skip)]
    pub origins: Vec<Country>,
    #[sqlx(skip)]
    pub sectors: Vec<Sector>,
}

/// The filters of a roster query, in SQL: parameters `$1` to `$12`, bound by `bind_filters!`.
const FILTER: &str = "FROM experts e WHERE ($1 IS NULL OR lower(e.name) LIKE $1 ESCAPE '\\' OR lower(e.headline) LIKE $1 ESCAPE '\\' \
                  OR lower(coalesce(e.email, '')) LIKE $1 ESCAPE '\\') \
         AND ($2 IS NULL OR EXISTS (SELECT 1 FROM expert_sectors s WHERE s.expert_id = e.id AND s.sector = $2)) \
         AND ($3 IS NULL OR EXISTS (SELECT 1 FROM expert_countries c WHERE c.expert_id = e.id AND c.relation = 'origin' AND c.country = $3)) \
         AND ($4 IS NULL OR e.residence_country = $4) \
         AND ($5 IS NULL OR EXISTS (SELECT 1 FROM expert_languages l WHERE l.expert_id = e.id AND l.language = $5 AND l.spoken_rank >= $6)) \
         AND ($7 IS NULL OR EXISTS (SELECT 1 FROM expert_availability a WHERE a.expert_id = e.id AND a.start_date <= $8 AND a.end_date >= $7)) \
         AND ($9 IS NULL OR ($9 = 'verified' AND EXISTS (SELECT 1 FROM expert_credentials k WHERE k.expert_id = e.id AND k.status = 'verified')) \
              OR ($9 = 'awaiting' AND EXISTS (SELECT 1 FROM expert_credentials k WHERE k.expert_id = e.id AND k.status = 'unverified'))) \
         AND ($10 IS NULL OR ($10 = 'stale' AND coalesce(e.confirmed_at, e.created_at) < $11) \
              OR ($10 = 'fresh' AND coalesce(e.confirmed_at, e.created_at) >= $11)) \
         AND ($12 IS NULL OR ($12 = 1 AND e.consent_version IS NOT NULL) OR ($12 = 0 AND e.consent_version IS NULL))";

const COLUMNS: &str = "SELECT e.id, e.name, e.headline, e.residence_country, e.consent_version, e.confirmed_at, e.created_at, e.updated_at, \
     (SELECT count(*) FROM expert_credentials k WHERE k.expert_id = e.id AND k.status = 'verified') AS verified_credentials, \
     (SELECT count(*) FROM expert_credentials k WHERE k.expert_id = e.id AND k.status = 'unverified') AS pending_credentials";

/// The values of a query's filters, as bound.
struct Binds {
    text: Option<String>,
    credentials: Option<&'static str>,
    freshness: Option<&'static str>,
    stale_before: Timestamp,
}

impl Binds {
    fn of(q: &RosterQuery) -> Binds {
        Binds {
            text: q
                .text
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| format!("%{}%", passerelle_accounts::users::escape_like(&t.to_lowercase()))),
            credentials: q.credentials.map(|c| match c {
                CredentialFilter::Verified => "verified",
                CredentialFilter::AwaitingReview => "awaiting",
            }),
            freshness: q.freshness.map(|f| match f {
                FreshnessFilter::Fresh => "fresh",
                FreshnessFilter::Stale => "stale",
            }),
            stale_before: q.stale_before.unwrap_or_else(Timestamp::now),
        }
    }
}

macro_rules! bind_filters {
    ($query:expr, $q:expr, $b:expr) => {
        $query
            .bind(&$b.text)
            .bind($q.sector)
            .bind($q.origin)
            .bind($q.residence)
            .bind($q.language.map(|(l, _)| l))
            .bind($q.language.map(|(_, level)| i64::from(level.rank())))
            .bind($q.available.map(|r| Day(r.start())))
            .bind($q.available.map(|r| Day(r.end())))
            .bind($b.credentials)
            .bind($b.freshness)
            .bind($b.stale_before)
            .bind($q.consent.map(i64::from))
    };
}

/// Matching profiles, most recently updated first, and how many match in all.
pub async fn roster(db: &Db, q: &RosterQuery) -> Result<(Vec<RosterRow>, u64), sqlx::Error> {
    let b = Binds::of(q);
    let total: i64 =
        bind_filters!(sqlx::query_scalar(&format!("SELECT count(*) {FILTER}")), q, b).fetch_one(db.reader()).await?;
    let sql = format!("{COLUMNS} {FILTER} ORDER BY e.updated_at DESC, e.id LIMIT $13 OFFSET $14");
    let mut rows: Vec<RosterRow> = bind_filters!(sqlx::query_as(&sql), q, b)
        .bind(i64::from(q.limit.max(1)))
        .bind(i64::from(q.offset))
        .fetch_all(db.reader())
        .await?;
    attach_lists(db, &mut rows).await?;
    Ok((rows, u64::try_from(total).unwrap_or(0)))
}

/// The next `limit` matching profiles after `after`, in id order (offset and limit of `q`
/// aside): for walking a whole roster a page at a time, however large, as an export does. A
/// page starts where the last one ended, by the primary key, so each costs the same.
pub async fn page_after(
    db: &Db,
    q: &RosterQuery,
    after: Option<ExpertId>,
    limit: u32,
) -> Result<Vec<RosterRow>, sqlx::Error> {
    let b = Binds::of(q);
    let sql = format!("{COLUMNS} {FILTER} AND e.id > $13 ORDER BY e.id LIMIT $14");
    let mut rows: Vec<RosterRow> = bind_filters!(sqlx::query_as(&sql), q, b)
        .bind(after.map_or_else(String::new, |id| id.to_string()))
        .bind(i64::from(limit.max(1)))
        .fetch_all(db.reader())
        .await?;
    attach_lists(db, &mut rows).await?;
    Ok(rows)
}

/// Origins and sectors of the rows, a bounded list of ids per statement.
async fn attach_lists(db: &Db, rows: &mut [RosterRow]) -> Result<(), sqlx::Error> {
    let ids: Vec<ExpertId> = rows.iter().map(|r| r.id).collect();
    let mut origins: HashMap<ExpertId, Vec<Country>> = HashMap::new();
    let mut sectors: HashMap<ExpertId, Vec<Sector>> = HashMap::new();
    for (chunk, list) in passerelle_core::sql::in_lists(&ids, 1) {
        let sql = format!(
            "SELECT expert_id, country FROM expert_countries WHERE relation = 'origin' AND expert_id IN ({list})"
        );
        let mut query = sqlx::query_as::<_, (ExpertId, Country)>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for (id, country) in query.fetch_all(db.reader()).await? {
            origins.entry(id).or_default().push(country);
        }
        let sql = format!("SELECT expert_id, sector FROM expert_sectors WHERE expert_id IN ({list})");
        let mut query = sqlx::query_as::<_, (ExpertId, Sector)>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for (id, sector) in query.fetch_all(db.reader()).await? {
            sectors.entry(id).or_default().push(sector);
        }
    }
    for row in rows.iter_mut() {
        row.origins = origins.remove(&row.id).unwrap_or_default();
        row.sectors = sectors.remove(&row.id).unwrap_or_default();
    }
    Ok(())
}
