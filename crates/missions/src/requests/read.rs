//! Reading requests: one whole request, lists with filters, and a request's history from the
//! audit log.

use super::model::*;
use super::workflow::Status;
use passerelle_accounts::audit;
use passerelle_core::{
    Bilingual, Cefr, Country, DateRange, InstitutionId, Language, ProgrammeId, RequestId, Sector, Timestamp, UserId,
    parse_date,
};
use passerelle_db::Conn;
use passerelle_db::Db;
use passerelle_taxonomy::SkillId;
use sqlx::{FromRow, Row as _};

pub(super) fn bad(error: passerelle_core::ParseError) -> sqlx::Error {
    sqlx::Error::Decode(error.into())
}

#[derive(FromRow)]
struct RequestRow {
    id: RequestId,
    institution_id: InstitutionId,
    institution_name: String,
    institution_country: Country,
    institution_verification: String,
    programme_id: ProgrammeId,
    programme_code: String,
    programme_name_en: String,
    programme_name_fr: String,
    title: String,
    description: String,
    objectives: String,
    deliverables: String,
    sector: Sector,
    country: Option<Country>,
    city: String,
    mode: String,
    days_on_site: Option<i64>,
    timing: String,
    starts_on: String,
    ends_on: String,
    duration_days: i64,
    urgency: String,
    positions: i64,
    host_provides: String,
    status: String,
    status_changed_at: Timestamp,
    created_by: Option<UserId>,
    created_at: Timestamp,
    updated_at: Timestamp,
    #[sqlx(try_from = "passerelle_core::Flag")]
    on_behalf: bool,
    taken_over_by: Option<UserId>,
    taken_over_at: Option<Timestamp>,
}

const SELECT: &str = "SELECT r.id, r.institution_id, i.name AS institution_name, i.country AS institution_country, \
     i.verification AS institution_verification, r.programme_id, p.code AS programme_code, \
     p.name_en AS programme_name_en, p.name_fr AS programme_name_fr, r.title, r.description, r.objectives, \
     r.deliverables, r.sector, r.country, r.city, r.mode, r.days_on_site, r.timing, r.starts_on, r.ends_on, \
     r.duration_days, r.urgency, r.positions, r.host_provides, r.status, \
     r.status_changed_at, r.created_by, r.created_at, r.updated_at, r.on_behalf, r.taken_over_by, r.taken_over_at \
     FROM requests r JOIN institutions i ON i.id = r.institution_id JOIN programmes p ON p.id = r.programme_id";

fn decode_mode(kind: &str, days_on_site: Option<i64>) -> Result<Mode, sqlx::Error> {
    Ok(match ModeKind::parse(kind).map_err(bad)? {
        ModeKind::OnSite => Mode::OnSite,
        ModeKind::Remote => Mode::Remote,
        ModeKind::Hybrid => {
            Mode::Hybrid { days_on_site: days_on_site.and_then(|d| u32::try_from(d).ok()).unwrap_or(1) }
        }
    })
}

fn decode_timing(kind: &str, starts_on: &str, ends_on: &str, duration_days: i64) -> Result<Timing, sqlx::Error> {
    let range = DateRange::new(parse_date(starts_on).map_err(bad)?, parse_date(ends_on).map_err(bad)?).map_err(bad)?;
    Ok(match TimingKind::parse(kind).map_err(bad)? {
        TimingKind::Fixed => Timing::Fixed(range),
        TimingKind::Flexible => {
            Timing::Flexible { window: range, duration_days: u32::try_from(duration_days).unwrap_or(1) }
        }
    })
}

/// Loads a whole request on `conn` (a transaction or a reader).
pub(crate) async fn load(conn: &mut Conn, id: RequestId) -> Result<Option<Request>, sqlx::Error> {
    let row: Option<RequestRow> =
        sqlx::query_as(&format!("{SELECT} WHERE r.id = $1")).bind(id).fetch_optional(&mut *conn).await?;
    let Some(row) = row else { return Ok(None) };
    let skills = sqlx::query(
        "SELECT skill_id, label, requirement, min_level FROM request_skills WHERE request_id = $1 ORDER BY rank",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| {
        Ok(RequiredSkill {
            skill: r.try_get::<Option<SkillId>, _>(0)?,
            label: r.try_get::<String, _>(1)?,
            requirement: Requirement::parse(&r.try_get::<String, _>(2)?).map_err(bad)?,
            level: Level::new(r.try_get::<i64, _>(3)?).map_err(bad)?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let languages: Vec<(Language, Cefr)> =
        sqlx::query_as("SELECT language, min_level FROM request_languages WHERE request_id = $1 ORDER BY rank")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let preferred_origins: Vec<Country> =
        sqlx::query_scalar("SELECT country FROM request_origins WHERE request_id = $1 ORDER BY rank")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let fields = RequestFields {
        programme: row.programme_id,
        title: row.title,
        description: row.description,
        objectives: row.objectives,
        deliverables: row.deliverables,
        sector: row.sector,
        skills,
        languages: languages.into_iter().map(|(language, level)| RequiredLanguage { language, level }).collect(),
        preferred_origins,
        country: row.country,
        city: row.city,
        mode: decode_mode(&row.mode, row.days_on_site)?,
        timing: decode_timing(&row.timing, &row.starts_on, &row.ends_on, row.duration_days)?,
        urgency: Urgency::parse(&row.urgency).map_err(bad)?,
        positions: u32::try_from(row.positions).unwrap_or(1),
        host_provides: row.host_provides,
    };
    Ok(Some(Request {
        id: row.id,
        institution: row.institution_id,
        institution_name: row.institution_name,
        institution_country: row.institution_country,
        institution_verified: row.institution_verification == "verified",
        programme_code: row.programme_code,
        programme_name: Bilingual::new(row.programme_name_en, row.programme_name_fr),
        status: Status::parse(&row.status).map_err(bad)?,
        fields,
        created_by: row.created_by,
        created_at: row.created_at,
        updated_at: row.updated_at,
        status_changed_at: row.status_changed_at,
        on_behalf: row.on_behalf,
        taken_over: row.taken_over_by.zip(row.taken_over_at),
    }))
}

pub async fn get(db: &Db, id: RequestId) -> Result<Option<Request>, sqlx::Error> {
    let mut conn = db.reader().acquire().await?;
    load(&mut conn, id).await
}

/// The order of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Urgent first, then the longest waiting: the review queue.
    #[default]
    Queue,
    /// The newest first: an institution's own list.
    Newest,
}

/// Filters of a list of requests.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub institution: Option<InstitutionId>,
    pub programme: Option<ProgrammeId>,
    pub country: Option<Country>,
    pub sector: Option<Sector>,
    pub status: Option<Status>,
    pub urgency: Option<Urgency>,
    /// Part of the title or of the institution's name.
    pub text: Option<String>,
    pub sort: Sort,
    pub offset: u32,
    pub limit: u32,
}

/// Requests matching the query, and how many match in all.
pub async fn search(db: &Db, query: &Query) -> Result<(Vec<Summary>, u64), sqlx::Error> {
    let pattern = query
        .text
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| format!("%{}%", passerelle_accounts::users::escape_like(&t.trim().to_lowercase())));
    let filter = "WHERE ($1 IS NULL OR r.institution_id = $1) AND ($2 IS NULL OR r.programme_id = $2) \
         AND ($3 IS NULL OR coalesce(r.country, i.country) = $3) AND ($4 IS NULL OR r.sector = $4) \
         AND ($5 IS NULL OR r.status = $5) AND ($6 IS NULL OR r.urgency = $6) \
         AND ($7 IS NULL OR lower(r.title) LIKE $7 ESCAPE '\\' OR lower(i.name) LIKE $7 ESCAPE '\\')";
    let order = match query.sort {
        Sort::Queue => "ORDER BY r.urgency = 'urgent' DESC, r.status_changed_at, r.id",
        Sort::Newest => "ORDER BY r.created_at DESC, r.id DESC",
    };
    let from =
        "FROM requests r JOIN institutions i ON i.id = r.institution_id JOIN programmes p ON p.id = r.programme_id";
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {from} {filter}"))
        .bind(query.institution)
        .bind(query.programme)
        .bind(query.country)
        .bind(query.sector)
        .bind(query.status.map(Status::code))
        .bind(query.urgency.map(Urgency::code))
        .bind(&pattern)
        .fetch_one(db.reader())
        .await?;
    let rows: Vec<RequestRow> = sqlx::query_as(&format!("{SELECT} {filter} {order} LIMIT $8 OFFSET $9"))
        .bind(query.institution)
        .bind(query.programme)
        .bind(query.country)
        .bind(query.sector)
        .bind(query.status.map(Status::code))
        .bind(query.urgency.map(Urgency::code))
        .bind(&pattern)
        .bind(i64::from(query.limit.max(1)))
        .bind(i64::from(query.offset))
        .fetch_all(db.reader())
        .await?;
    let summaries = rows
        .into_iter()
        .map(|row| {
            Ok(Summary {
                id: row.id,
                institution: row.institution_id,
                institution_name: row.institution_name,
                institution_verified: row.institution_verification == "verified",
                programme: row.programme_id,
                programme_code: row.programme_code,
                sector: row.sector,
                country: row.country.unwrap_or(row.institution_country),
                city: row.city,
                mode: decode_mode(&row.mode, row.days_on_site)?,
                timing: decode_timing(&row.timing, &row.starts_on, &row.ends_on, row.duration_days)?,
                urgency: Urgency::parse(&row.urgency).map_err(bad)?,
                positions: u32::try_from(row.positions).unwrap_or(1),
                status: Status::parse(&row.status).map_err(bad)?,
                status_changed_at: row.status_changed_at,
                created_at: row.created_at,
                held_for_institution: row.on_behalf && row.taken_over_at.is_none(),
                title: row.title,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok((summaries, u64::try_from(total).unwrap_or(0)))
}

/// One entry of a request's history, from the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: Timestamp,
    pub actor: Option<UserId>,
    pub actor_label: String,
    /// `request.create`, `request.edit`, `request.submit`…
    pub action: String,
    /// For a step of the workflow: from where to where.
    pub step: Option<(Status, Status)>,
    /// The comment of a step, the title at creation, the fields changed by an edit.
    pub comment: String,
}

/// Everything that happened to a request, oldest first.
pub async fn history(db: &Db, id: RequestId) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let entries = audit::history(db, "request", &id.to_string()).await?;
    Ok(entries
        .into_iter()
        .map(|entry| {
            let (step, comment) = parse_detail(&entry.action, &entry.detail);
            HistoryEntry {
                at: entry.at,
                actor: entry.actor_id,
                actor_label: entry.actor_label,
                action: entry.action,
                step,
                comment,
            }
        })
        .collect())
}

/// Reads back what [`super::Transition::detail`] wrote: `from -> to`, then `: comment`.
fn parse_detail(action: &str, detail: &str) -> (Option<(Status, Status)>, String) {
    if matches!(action, "request.create" | "request.edit" | "request.create_on_behalf" | "request.take_over") {
        return (None, detail.to_owned());
    }
    let (states, comment) = detail.split_once(": ").unwrap_or((detail, ""));
    let step =
        states.split_once(" -> ").and_then(|(from, to)| Some((Status::parse(from).ok()?, Status::parse(to).ok()?)));
    match step {
        Some(step) => (Some(step), comment.to_owned()),
        None => (None, detail.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_read_back() {
        assert_eq!(
            parse_detail("request.request_changes", "submitted -> changes_requested: Add dates: 1 to 15 March"),
            (Some((Status::Submitted, Status::ChangesRequested)), "Add dates: 1 to 15 March".to_owned())
        );
        assert_eq!(
            parse_detail("request.submit", "draft -> submitted"),
            (Some((Status::Draft, Status::Submitted)), String::new())
        );
        assert_eq!(parse_detail("request.edit", "draft: title"), (None, "draft: title".to_owned()));
    }
}
