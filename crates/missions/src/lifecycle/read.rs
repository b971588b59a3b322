//! Reading missions: one whole mission (with its phases, checklist and extensions), lists with
//! filters, and a mission's history from the audit log.

use super::logistics::{Entry, Item, ItemState, Phase, PhaseKind};
use super::machine::Status;
use crate::candidates::read::bad;
use crate::codes::code_enum;
use crate::requests::ModeKind;
use passerelle_accounts::audit;
use passerelle_core::{
    CandidateId, Country, DateRange, ExpertId, InstitutionId, MissionId, ProgrammeId, RequestId, Sector, Timestamp,
    UserId, parse_date,
};
use passerelle_db::Conn;
use passerelle_db::Db;
use serde::Serialize;
use sqlx::FromRow;
use time::Date;

code_enum! {
    /// Where an extension stands.
    pub enum ExtensionStatus ("an extension status", "extension.status_unknown") {
        Requested => "requested",
        Approved => "approved",
        Refused => "refused",
    }
}

/// An extension asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extension {
    pub id: i64,
    pub ends_on: Date,
    pub reason: String,
    pub status: ExtensionStatus,
    pub requested_at: Timestamp,
    pub decided_at: Option<Timestamp>,
    pub decision_note: String,
}

/// A mission, with what its pages need. Lists leave `phases`, `checklist` and `extensions`
/// empty; [`get`] fills them.
#[derive(Debug, Clone, PartialEq)]
pub struct Mission {
    pub id: MissionId,
    pub request: RequestId,
    pub request_title: String,
    pub institution: InstitutionId,
    pub institution_name: String,
    pub programme: ProgrammeId,
    pub programme_code: String,
    pub country: Country,
    pub city: String,
    pub sector: Sector,
    pub candidate: Option<CandidateId>,
    /// `None` once the expert erased their data.
    pub expert: Option<ExpertId>,
    pub expert_account: Option<UserId>,
    pub expert_name: Option<String>,
    pub coordinator: Option<UserId>,
    pub status: Status,
    pub mode: ModeKind,
    pub planned: DateRange,
    pub actual_start: Option<Date>,
    pub actual_end: Option<Date>,
    pub early_end_reason: String,
    pub cancel_reason: String,
    pub report_due: Option<Date>,
    pub report_filed: Option<Timestamp>,
    /// The host's average rating, once evaluated.
    pub rating: Option<f64>,
    pub created_at: Timestamp,
    pub status_changed_at: Timestamp,
    pub phases: Vec<Phase>,
    pub checklist: Vec<Entry>,
    pub extensions: Vec<Extension>,
    /// Whether the expert's licence to practise must be verified before departure, and is.
    pub licence: Licence,
}

/// The licence check before departure: health workers sent by an emergency-relief programme
/// leave only with a licence to practise a coordinator verified, valid to the mission's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Licence {
    NotRequired,
    Verified,
    Missing,
}

impl Licence {
    fn of(programme_kind: &str, sector: Sector, verified_licences: i64) -> Licence {
        let required = programme_kind == crate::programmes::plan::ProgrammeKind::EmergencyRelief.code()
            && sector == Sector::Health;
        match (required, verified_licences > 0) {
            (false, _) => Licence::NotRequired,
            (true, true) => Licence::Verified,
            (true, false) => Licence::Missing,
        }
    }
}

impl Mission {
    /// The days it actually ran (to today while in progress), once started.
    pub fn ran(&self, today: Date) -> Option<DateRange> {
        let start = self.actual_start?;
        let end = self.actual_end.unwrap_or(today.max(start));
        DateRange::new(start, end).ok()
    }

    /// The extension waiting for a decision, if any.
    pub fn pending_extension(&self) -> Option<&Extension> {
        self.extensions.iter().find(|e| e.status == ExtensionStatus::Requested)
    }
}

#[derive(FromRow)]
struct Row {
    id: MissionId,
    request_id: RequestId,
    request_title: String,
    institution_id: InstitutionId,
    institution_name: String,
    programme_id: ProgrammeId,
    programme_code: String,
    country: Country,
    city: String,
    sector: Sector,
    candidate_id: Option<CandidateId>,
    expert_id: Option<ExpertId>,
    expert_account: Option<UserId>,
    expert_name: Option<String>,
    coordinator_id: Option<UserId>,
    status: String,
    mode: String,
    starts_on: String,
    ends_on: String,
    actual_start: Option<String>,
    actual_end: Option<String>,
    early_end_reason: String,
    cancel_reason: String,
    report_due: Option<String>,
    report_filed: Option<Timestamp>,
    rating: Option<f64>,
    created_at: Timestamp,
    status_changed_at: Timestamp,
    programme_kind: String,
    verified_licences: i64,
}

const SELECT: &str = "SELECT m.id, m.request_id, r.title AS request_title, r.institution_id, \
     i.name AS institution_name, r.programme_id, p.code AS programme_code, coalesce(r.country, i.country) AS country, \
     r.city, r.sector, m.candidate_id, m.expert_id, e.user_id AS expert_account, e.name AS expert_name, \
     c.coordinator_id, m.status, m.mode, m.starts_on, m.ends_on, m.actual_start, m.actual_end, m.early_end_reason, \
     m.cancel_reason, m.report_due, mr.submitted_at AS report_filed, \
     CAST(v.quality + v.transfer + v.communication + v.reliability + v.relevance AS DOUBLE PRECISION) / 5 AS rating, \
     m.created_at, m.status_changed_at, p.kind AS programme_kind, \
     (SELECT count(*) FROM expert_credentials ec WHERE ec.expert_id = m.expert_id AND ec.kind = 'licence' \
       AND ec.status = 'verified' AND (ec.valid_until IS NULL OR ec.valid_until >= m.ends_on)) AS verified_licences \
     FROM missions m JOIN requests r ON r.id = m.request_id JOIN institutions i ON i.id = r.institution_id \
     JOIN programmes p ON p.id = r.programme_id LEFT JOIN experts e ON e.id = m.expert_id \
     LEFT JOIN candidates c ON c.id = m.candidate_id LEFT JOIN mission_reports mr ON mr.mission_id = m.id \
     LEFT JOIN mission_evaluations v ON v.mission_id = m.id";

fn day(text: Option<&str>) -> Result<Option<Date>, sqlx::Error> {
    text.map(parse_date).transpose().map_err(bad)
}

impl TryFrom<Row> for Mission {
    type Error = sqlx::Error;
    fn try_from(row: Row) -> Result<Mission, sqlx::Error> {
        let planned = DateRange::new(parse_date(&row.starts_on).map_err(bad)?, parse_date(&row.ends_on).map_err(bad)?)
            .map_err(bad)?;
        Ok(Mission {
            id: row.id,
            request: row.request_id,
            request_title: row.request_title,
            institution: row.institution_id,
            institution_name: row.institution_name,
            programme: row.programme_id,
            programme_code: row.programme_code,
            country: row.country,
            city: row.city,
            sector: row.sector,
            candidate: row.candidate_id,
            expert: row.expert_id,
            expert_account: row.expert_account,
            expert_name: row.expert_name,
            coordinator: row.coordinator_id,
            status: Status::parse(&row.status).map_err(bad)?,
            mode: ModeKind::parse(&row.mode).map_err(bad)?,
            planned,
            actual_start: day(row.actual_start.as_deref())?,
            actual_end: day(row.actual_end.as_deref())?,
            early_end_reason: row.early_end_reason,
            cancel_reason: row.cancel_reason,
            report_due: day(row.report_due.as_deref())?,
            report_filed: row.report_filed,
            rating: row.rating,
            created_at: row.created_at,
            status_changed_at: row.status_changed_at,
            phases: vec![],
            checklist: vec![],
            extensions: vec![],
            licence: Licence::of(&row.programme_kind, row.sector, row.verified_licences),
        })
    }
}

type ExtensionRow = (i64, String, String, String, Timestamp, Option<Timestamp>, String);

/// Loads a whole mission on `conn` (a transaction or a reader).
pub(crate) async fn load(conn: &mut Conn, id: MissionId) -> Result<Option<Mission>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE m.id = $1")).bind(id).fetch_optional(&mut *conn).await?;
    let Some(row) = row else { return Ok(None) };
    let mut mission = Mission::try_from(row)?;
    let phases: Vec<(String, String, String)> =
        sqlx::query_as("SELECT kind, starts_on, ends_on FROM mission_phases WHERE mission_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    mission.phases = phases
        .into_iter()
        .map(|(kind, start, end)| {
            let days = DateRange::new(parse_date(&start).map_err(bad)?, parse_date(&end).map_err(bad)?).map_err(bad)?;
            Ok(Phase { kind: PhaseKind::parse(&kind).map_err(bad)?, days })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    let checklist: Vec<ChecklistRow> =
        sqlx::query_as("SELECT item, state, on_date, note, document_id FROM mission_checklist WHERE mission_id = $1")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let mut entries = checklist
        .into_iter()
        .map(|(item, state, on_date, note, document)| {
            Ok(Entry {
                item: Item::parse(&item).map_err(bad)?,
                state: ItemState::parse(&state).map_err(bad)?,
                on_date: day(on_date.as_deref())?,
                note,
                document,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    entries.sort_by_key(|e| e.item);
    mission.checklist = entries;
    let extensions: Vec<ExtensionRow> = sqlx::query_as(
        "SELECT id, ends_on, reason, status, requested_at, decided_at, decision_note FROM mission_extensions \
         WHERE mission_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    mission.extensions = extensions
        .into_iter()
        .map(|(id, ends_on, reason, status, requested_at, decided_at, decision_note)| {
            Ok(Extension {
                id,
                ends_on: parse_date(&ends_on).map_err(bad)?,
                reason,
                status: ExtensionStatus::parse(&status).map_err(bad)?,
                requested_at,
                decided_at,
                decision_note,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Some(mission))
}

pub async fn get(db: &Db, id: MissionId) -> Result<Option<Mission>, sqlx::Error> {
    let mut conn = db.reader().acquire().await?;
    load(&mut conn, id).await
}

/// Filters of a list of missions.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub programme: Option<ProgrammeId>,
    pub country: Option<Country>,
    pub sector: Option<Sector>,
    pub institution: Option<InstitutionId>,
    pub expert: Option<ExpertId>,
    pub request: Option<RequestId>,
    /// Only these statuses (all when empty).
    pub statuses: Vec<Status>,
    /// Only missions whose planned days meet this period.
    pub period: Option<DateRange>,
    /// Part of the request's title, of the institution's or of the expert's name (any case).
    pub text: Option<String>,
    pub offset: u32,
    /// 0: no limit.
    pub limit: u32,
}

const FILTER: &str = "WHERE ($1 IS NULL OR r.programme_id = $1) AND ($2 IS NULL OR coalesce(r.country, i.country) = $2) \
     AND ($3 IS NULL OR r.sector = $3) AND ($4 IS NULL OR r.institution_id = $4) AND ($5 IS NULL OR m.expert_id = $5) \
     AND ($6 IS NULL OR m.request_id = $6) AND ($7 IS NULL OR m.ends_on >= $7) AND ($8 IS NULL OR m.starts_on <= $8) \
     AND ($9 IS NULL OR lower(r.title) LIKE $9 ESCAPE '\\' OR lower(i.name) LIKE $9 ESCAPE '\\' \
          OR lower(coalesce(e.name, '')) LIKE $9 ESCAPE '\\')";

fn statuses_sql(statuses: &[Status]) -> String {
    if statuses.is_empty() {
        return String::new();
    }
    let codes = statuses.iter().map(|s| format!("'{}'", s.code())).collect::<Vec<_>>().join(", ");
    format!(" AND m.status IN ({codes})")
}

/// Missions matching the query (the next to start first), and how many match in all.
pub async fn search(db: &Db, query: &Query) -> Result<(Vec<Mission>, u64), sqlx::Error> {
    let statuses = statuses_sql(&query.statuses);
    let from = query.period.map(|p| p.start().to_string());
    let to = query.period.map(|p| p.end().to_string());
    let pattern = query
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| format!("%{}%", passerelle_accounts::users::escape_like(&t.to_lowercase())));
    macro_rules! bind_filters {
        ($q:expr) => {
            $q.bind(query.programme)
                .bind(query.country)
                .bind(query.sector)
                .bind(query.institution)
                .bind(query.expert)
                .bind(query.request)
                .bind(&from)
                .bind(&to)
                .bind(&pattern)
        };
    }
    let count_sql = format!(
        "SELECT count(*) FROM missions m JOIN requests r ON r.id = m.request_id \
         JOIN institutions i ON i.id = r.institution_id LEFT JOIN experts e ON e.id = m.expert_id {FILTER}{statuses}"
    );
    let total: i64 = bind_filters!(sqlx::query_scalar(&count_sql)).fetch_one(db.reader()).await?;
    let limit = if query.limit == 0 { i64::MAX } else { i64::from(query.limit) };
    let list_sql = format!("{SELECT} {FILTER}{statuses} ORDER BY m.starts_on DESC, m.id LIMIT $10 OFFSET $11");
    let rows: Vec<Row> = bind_filters!(sqlx::query_as(&list_sql))
        .bind(limit)
        .bind(i64::from(query.offset))
        .fetch_all(db.reader())
        .await?;
    let missions = rows.into_iter().map(Mission::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok((missions, u64::try_from(total).unwrap_or(0)))
}

/// One entry of a mission's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: Timestamp,
    pub actor: Option<UserId>,
    pub actor_label: String,
    /// `mission.approve`, `mission.checklist`…
    pub action: String,
    pub detail: String,
}

/// Everything that happened to a mission, oldest first.
pub async fn history(db: &Db, id: MissionId) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    Ok(audit::history(db, "mission", &id.to_string())
        .await?
        .into_iter()
        .map(|e| HistoryEntry {
            at: e.at,
            actor: e.actor_id,
            actor_label: e.actor_label,
            action: e.action,
            detail: e.detail,
        })
        .collect())
}

/// A checklist row as read: item, state, day, note, the document proving it.
type ChecklistRow = (String, String, Option<String>, String, Option<passerelle_core::DocumentId>);
