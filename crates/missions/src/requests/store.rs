//! Storing requests. Every change (creation, edit, step of the workflow) is written with its
//! audit entry in one transaction: both or neither. The functions that change a request take
//! the actor and apply the policy and the workflow themselves, so that no caller can skip them.

use super::model::*;
use super::policy::{self, RequestAction};
use super::validate::RequestInput;
use super::workflow::{self, Context, Party, Refusal, Status, Transition};
use crate::programmes::{self, ProgrammeStatus};
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{
    Cefr, Country, DateRange, FieldError, InstitutionId, Language, ProgrammeId, RequestId, Sector, Timestamp, UserId,
    parse_date,
};
use passerelle_db::{Db, Tx};
use passerelle_taxonomy::SkillId;
use sqlx::sqlite::SqliteConnection;
use sqlx::{FromRow, Row as _};
use std::collections::HashSet;

/// Who changes a request: a person, or the platform itself (with a label for the audit log).
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    Person(&'a Actor),
    System(&'a str),
}

/// Why a change was not made.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// No such request, or none the actor may see.
    #[error("no such request")]
    NotFound,
    /// The actor may see requests but not do this (e.g. staff writing a new request).
    #[error("not allowed")]
    Forbidden,
    #[error("{0}")]
    Refused(Refusal),
    #[error("a request that is {status} cannot be edited by {party}")]
    NotEditable { status: Status, party: Party },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Validates terms of reference against the taxonomy and the programmes: the skills must exist,
/// the programme must exist and be active (or be `current`, the one the request already has).
pub async fn check(
    db: &Db,
    input: &RequestInput,
    current: Option<ProgrammeId>,
) -> Result<Result<RequestFields, Vec<FieldError>>, sqlx::Error> {
    let ids: Vec<SkillId> = input.skills.iter().filter_map(|s| SkillId::parse(&s.skill).ok()).collect();
    let known: HashSet<SkillId> = passerelle_taxonomy::by_ids(db, &ids).await?.into_keys().collect();
    let result = input.validate(|id| known.contains(id));
    let programme_problem = match ProgrammeId::parse(&input.programme_id) {
        Ok(id) => match programmes::get(db, id).await? {
            None => {
                Some(FieldError::new("programme_id", "request.programme_unknown", "choose a programme from the list"))
            }
            Some(p) if p.status == ProgrammeStatus::Closed && Some(id) != current => Some(FieldError::new(
                "programme_id",
                "request.programme_closed",
                "this programme is closed to new requests",
            )),
            Some(_) => None,
        },
        // Reported by `validate`.
        Err(_) => None,
    };
    Ok(match (result, programme_problem) {
        (result, None) => result,
        (Ok(_), Some(problem)) => Err(vec![problem]),
        (Err(mut errors), Some(problem)) => {
            errors.insert(0, problem);
            Err(errors)
        }
    })
}

/// Writes a new draft for the actor's institution.
pub async fn create(db: &Db, actor: &Actor, fields: &RequestFields, ip: &str) -> Result<RequestId, ChangeError> {
    let Some(institution) = actor.institution.filter(|_| policy::can(actor, RequestAction::Create, None)) else {
        return Err(ChangeError::Forbidden);
    };
    let id = RequestId::new();
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO requests (id, institution_id, programme_id, title, description, objectives, deliverables, \
         sector, country, city, mode, days_on_site, timing, starts_on, ends_on, duration_days, urgency, positions, \
         host_provides, status, status_changed_at, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 'draft', $20, \
         $21, $20, $20)",
    )
    .bind(id)
    .bind(institution)
    .bind(fields.programme)
    .bind(&fields.title)
    .bind(&fields.description)
    .bind(&fields.objectives)
    .bind(&fields.deliverables)
    .bind(fields.sector)
    .bind(fields.country)
    .bind(&fields.city)
    .bind(fields.mode.kind().code())
    .bind(fields.mode.days_on_site().map(i64::from))
    .bind(fields.timing.kind().code())
    .bind(fields.timing.range().start().to_string())
    .bind(fields.timing.range().end().to_string())
    .bind(i64::from(fields.timing.duration_days()))
    .bind(fields.urgency.code())
    .bind(i64::from(fields.positions))
    .bind(&fields.host_provides)
    .bind(now)
    .bind(actor.user_id)
    .execute(&mut *tx)
    .await?;
    write_lists(&mut tx, id, fields).await?;
    let target = id.to_string();
    let event = Event::by(Some(actor), workflow::action_for(Status::Draft))
        .on("request", &target)
        .from_ip(ip)
        .detail(&fields.title);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes the terms of reference, if the actor may while the request is in its state.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: RequestId,
    fields: &RequestFields,
    ip: &str,
) -> Result<(), ChangeError> {
    let mut tx = db.begin().await?;
    let Some(before) = load(&mut tx, id).await? else { return Err(ChangeError::NotFound) };
    let Some(party) = policy::party(actor, before.institution) else { return Err(ChangeError::NotFound) };
    if !workflow::can_edit(before.status, party) {
        return Err(ChangeError::NotEditable { status: before.status, party });
    }
    sqlx::query(
        "UPDATE requests SET programme_id = $2, title = $3, description = $4, objectives = $5, deliverables = $6, \
         sector = $7, country = $8, city = $9, mode = $10, days_on_site = $11, timing = $12, starts_on = $13, \
         ends_on = $14, duration_days = $15, urgency = $16, positions = $17, host_provides = $18, updated_at = $19 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(fields.programme)
    .bind(&fields.title)
    .bind(&fields.description)
    .bind(&fields.objectives)
    .bind(&fields.deliverables)
    .bind(fields.sector)
    .bind(fields.country)
    .bind(&fields.city)
    .bind(fields.mode.kind().code())
    .bind(fields.mode.days_on_site().map(i64::from))
    .bind(fields.timing.kind().code())
    .bind(fields.timing.range().start().to_string())
    .bind(fields.timing.range().end().to_string())
    .bind(i64::from(fields.timing.duration_days()))
    .bind(fields.urgency.code())
    .bind(i64::from(fields.positions))
    .bind(&fields.host_provides)
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    write_lists(&mut tx, id, fields).await?;
    let target = id.to_string();
    let detail = format!("{}: {}", before.status, changed_fields(&before.fields, fields).join(", "));
    let event = Event::by(Some(actor), "request.edit").on("request", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// The names of the fields that differ, for the audit log.
fn changed_fields(before: &RequestFields, after: &RequestFields) -> Vec<&'static str> {
    let pairs = [
        ("programme_id", before.programme == after.programme),
        ("title", before.title == after.title),
        ("description", before.description == after.description),
        ("objectives", before.objectives == after.objectives),
        ("deliverables", before.deliverables == after.deliverables),
        ("sector", before.sector == after.sector),
        ("skills", before.skills == after.skills),
        ("languages", before.languages == after.languages),
        ("preferred_origins", before.preferred_origins == after.preferred_origins),
        ("place", before.country == after.country && before.city == after.city),
        ("mode", before.mode == after.mode),
        ("timing", before.timing == after.timing),
        ("urgency", before.urgency == after.urgency),
        ("positions", before.positions == after.positions),
        ("host_provides", before.host_provides == after.host_provides),
    ];
    let changed: Vec<_> = pairs.into_iter().filter(|(_, same)| !same).map(|(name, _)| name).collect();
    if changed.is_empty() { vec!["nothing"] } else { changed }
}

/// Moves a request along the workflow, if `by` may, and records the step with its comment.
pub async fn transition(
    db: &Db,
    by: By<'_>,
    id: RequestId,
    to: Status,
    comment: &str,
    ip: &str,
) -> Result<Transition, ChangeError> {
    let mut tx = db.begin().await?;
    let Some((from, institution, verified)) = state(&mut tx, id).await? else { return Err(ChangeError::NotFound) };
    let party = match by {
        By::Person(actor) => policy::party(actor, institution).ok_or(ChangeError::NotFound)?,
        By::System(_) => Party::System,
    };
    let context = Context { institution_verified: verified };
    let step = workflow::transition(from, to, party, context, comment).map_err(ChangeError::Refused)?;
    let now = Timestamp::now();
    let done = sqlx::query(
        "UPDATE requests SET status = $2, status_changed_at = $3, updated_at = $3 WHERE id = $1 AND status = $4",
    )
    .bind(id)
    .bind(step.to.code())
    .bind(now)
    .bind(step.from.code())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(ChangeError::NotFound);
    }
    let (target, detail) = (id.to_string(), step.detail());
    let event = match by {
        By::Person(actor) => Event::by(Some(actor), step.action()),
        By::System(label) => Event { actor_label: label, ..Event::by(None, step.action()) },
    };
    audit::record(&mut tx, &event.on("request", &target).from_ip(ip).detail(&detail)).await?;
    tx.commit().await?;
    Ok(step)
}

/// The request's status, institution, and whether that institution is verified.
async fn state(
    conn: &mut SqliteConnection,
    id: RequestId,
) -> Result<Option<(Status, InstitutionId, bool)>, sqlx::Error> {
    let row: Option<(String, InstitutionId, String)> = sqlx::query_as(
        "SELECT r.status, r.institution_id, i.verification FROM requests r \
         JOIN institutions i ON i.id = r.institution_id WHERE r.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(status, institution, verification)| {
        Ok((Status::parse(&status).map_err(bad)?, institution, verification == "verified"))
    })
    .transpose()
}

/// What the workflow allows `actor` to do with a request now: the states it may move it to, and
/// whether it may edit it (for the actions a page or the API shows).
pub fn allowed_for(actor: &Actor, request: &Request) -> (Vec<Status>, bool) {
    allowed(actor, request.institution, request.institution_verified, request.status)
}

/// The same for a request of a list.
pub fn allowed_in_list(actor: &Actor, summary: &Summary) -> (Vec<Status>, bool) {
    allowed(actor, summary.institution, summary.institution_verified, summary.status)
}

fn allowed(actor: &Actor, institution: InstitutionId, verified: bool, status: Status) -> (Vec<Status>, bool) {
    match policy::party(actor, institution) {
        Some(party) => {
            let context = Context { institution_verified: verified };
            (workflow::allowed_targets(status, party, context), workflow::can_edit(status, party))
        }
        None => (vec![], false),
    }
}

async fn write_lists(tx: &mut Tx, id: RequestId, fields: &RequestFields) -> Result<(), sqlx::Error> {
    for table in ["request_skills", "request_languages", "request_origins"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE request_id = $1")).bind(id).execute(&mut **tx).await?;
    }
    for (rank, skill) in fields.skills.iter().enumerate() {
        sqlx::query(
            "INSERT INTO request_skills (request_id, rank, skill_id, requirement, min_level) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(rank as i64)
        .bind(&skill.skill)
        .bind(skill.requirement.code())
        .bind(i64::from(skill.level.value()))
        .execute(&mut **tx)
        .await?;
    }
    for (rank, language) in fields.languages.iter().enumerate() {
        sqlx::query("INSERT INTO request_languages (request_id, rank, language, min_level) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(rank as i64)
            .bind(language.language)
            .bind(language.level)
            .execute(&mut **tx)
            .await?;
    }
    for (rank, country) in fields.preferred_origins.iter().enumerate() {
        sqlx::query("INSERT INTO request_origins (request_id, rank, country) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(rank as i64)
            .bind(country)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

fn bad(error: passerelle_core::ParseError) -> sqlx::Error {
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
    programme_name: String,
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
}

const SELECT: &str = "SELECT r.id, r.institution_id, i.name AS institution_name, i.country AS institution_country, \
     i.verification AS institution_verification, r.programme_id, p.code AS programme_code, p.name AS programme_name, \
     r.title, r.description, r.objectives, r.deliverables, r.sector, r.country, r.city, r.mode, r.days_on_site, \
     r.timing, r.starts_on, r.ends_on, r.duration_days, r.urgency, r.positions, r.host_provides, r.status, \
     r.status_changed_at, r.created_by, r.created_at, r.updated_at \
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
async fn load(conn: &mut SqliteConnection, id: RequestId) -> Result<Option<Request>, sqlx::Error> {
    let row: Option<RequestRow> =
        sqlx::query_as(&format!("{SELECT} WHERE r.id = $1")).bind(id).fetch_optional(&mut *conn).await?;
    let Some(row) = row else { return Ok(None) };
    let skills =
        sqlx::query("SELECT skill_id, requirement, min_level FROM request_skills WHERE request_id = $1 ORDER BY rank")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|r| {
                Ok(RequiredSkill {
                    skill: r.try_get::<SkillId, _>(0)?,
                    requirement: Requirement::parse(&r.try_get::<String, _>(1)?).map_err(bad)?,
                    level: Level::new(r.try_get::<i64, _>(2)?).map_err(bad)?,
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
        programme_name: row.programme_name,
        status: Status::parse(&row.status).map_err(bad)?,
        fields,
        created_by: row.created_by,
        created_at: row.created_at,
        updated_at: row.updated_at,
        status_changed_at: row.status_changed_at,
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

/// Reads back what [`Transition::detail`] wrote: `from -> to`, then `: comment`.
fn parse_detail(action: &str, detail: &str) -> (Option<(Status, Status)>, String) {
    if matches!(action, "request.create" | "request.edit") {
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
