//! Reading candidates: one, lists by request, by expert or by host, and the context the
//! pipeline's guards need.

use super::consent::{Consent, HostView, host_view};
use super::pipeline::{Context, Status};
use crate::codes::code_enum;
use crate::lifecycle::{self, booking};
use crate::requests::{self, Timing};
use passerelle_core::{
    CandidateId, DateRange, ExpertId, InstitutionId, MissionId, RequestId, Timestamp, UserId, parse_date,
};
use passerelle_db::Conn;
use passerelle_db::Db;
use sqlx::FromRow;
use time::{Date, Duration};

code_enum! {
    /// Where a coordinator found the candidate.
    pub enum Source ("a candidate source", "candidate.source_unknown") {
        Match => "match",
        Search => "search",
        Call => "call",
    }
}

/// A candidate, with what the pages around it need.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: CandidateId,
    pub request: RequestId,
    pub request_title: String,
    pub request_status: requests::Status,
    pub institution: InstitutionId,
    pub institution_name: String,
    pub expert: ExpertId,
    pub expert_account: Option<UserId>,
    pub expert_name: String,
    pub status: Status,
    pub source: Source,
    /// The coordinator who follows the candidacy.
    pub coordinator: Option<UserId>,
    pub reply_by: Option<Date>,
    /// The reason of the last refusal or withdrawal.
    pub reason: String,
    pub created_at: Timestamp,
    pub status_changed_at: Timestamp,
    pub consent: Option<Consent>,
    pub mission: Option<MissionId>,
}

impl Candidate {
    pub fn host_view(&self, now: Timestamp) -> HostView {
        host_view(self.status, self.consent.as_ref(), self.mission.is_some(), now)
    }
}

#[derive(FromRow)]
struct Row {
    id: CandidateId,
    request_id: RequestId,
    request_title: String,
    request_status: String,
    institution_id: InstitutionId,
    institution_name: String,
    expert_id: ExpertId,
    expert_account: Option<UserId>,
    expert_name: String,
    status: String,
    source: String,
    coordinator_id: Option<UserId>,
    reply_by: Option<String>,
    reason: String,
    created_at: Timestamp,
    status_changed_at: Timestamp,
    granted_at: Option<Timestamp>,
    expires_at: Option<Timestamp>,
    ended_at: Option<Timestamp>,
    ended_because: Option<String>,
    mission_id: Option<MissionId>,
}

pub(crate) fn bad(error: passerelle_core::ParseError) -> sqlx::Error {
    sqlx::Error::Decode(error.into())
}

const SELECT: &str = "SELECT c.id, c.request_id, r.title AS request_title, r.status AS request_status, \
     r.institution_id, i.name AS institution_name, c.expert_id, e.user_id AS expert_account, e.name AS expert_name, \
     c.status, c.source, c.coordinator_id, c.reply_by, c.reason, c.created_at, c.status_changed_at, \
     k.granted_at, k.expires_at, k.ended_at, k.ended_because, m.id AS mission_id \
     FROM candidates c JOIN requests r ON r.id = c.request_id JOIN institutions i ON i.id = r.institution_id \
     JOIN experts e ON e.id = c.expert_id LEFT JOIN candidate_consents k ON k.candidate_id = c.id \
     LEFT JOIN missions m ON m.candidate_id = c.id";

impl TryFrom<Row> for Candidate {
    type Error = sqlx::Error;
    fn try_from(row: Row) -> Result<Candidate, sqlx::Error> {
        let consent = match (row.granted_at, row.expires_at) {
            (Some(granted_at), Some(expires_at)) => {
                Some(Consent { granted_at, expires_at, ended_at: row.ended_at, ended_because: row.ended_because })
            }
            _ => None,
        };
        Ok(Candidate {
            id: row.id,
            request: row.request_id,
            request_title: row.request_title,
            request_status: requests::Status::parse(&row.request_status).map_err(bad)?,
            institution: row.institution_id,
            institution_name: row.institution_name,
            expert: row.expert_id,
            expert_account: row.expert_account,
            expert_name: row.expert_name,
            status: Status::parse(&row.status).map_err(bad)?,
            source: Source::parse(&row.source).map_err(bad)?,
            coordinator: row.coordinator_id,
            reply_by: row.reply_by.as_deref().map(parse_date).transpose().map_err(bad)?,
            reason: row.reason,
            created_at: row.created_at,
            status_changed_at: row.status_changed_at,
            consent,
            mission: row.mission_id,
        })
    }
}

pub(crate) async fn load(conn: &mut Conn, id: CandidateId) -> Result<Option<Candidate>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE c.id = $1")).bind(id).fetch_optional(conn).await?;
    row.map(Candidate::try_from).transpose()
}

pub async fn get(db: &Db, id: CandidateId) -> Result<Option<Candidate>, sqlx::Error> {
    let mut conn = db.reader().acquire().await?;
    load(&mut conn, id).await
}

/// Filters of a list of candidates.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub request: Option<RequestId>,
    pub expert: Option<ExpertId>,
    pub institution: Option<InstitutionId>,
    /// Only these statuses (all when empty).
    pub statuses: Vec<Status>,
    pub limit: u32,
}

/// Candidates matching the query, the most recently moved first.
pub async fn search(db: &Db, query: &Query) -> Result<Vec<Candidate>, sqlx::Error> {
    let statuses = query.statuses.iter().map(|s| format!("'{}'", s.code())).collect::<Vec<_>>().join(", ");
    let status_filter = if statuses.is_empty() { String::new() } else { format!(" AND c.status IN ({statuses})") };
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE ($1 IS NULL OR c.request_id = $1) AND ($2 IS NULL OR c.expert_id = $2) \
         AND ($3 IS NULL OR r.institution_id = $3){status_filter} ORDER BY c.status_changed_at DESC, c.id LIMIT $4"
    ))
    .bind(query.request)
    .bind(query.expert)
    .bind(query.institution)
    .bind(i64::from(if query.limit == 0 { 500 } else { query.limit }))
    .fetch_all(db.reader())
    .await?;
    rows.into_iter().map(Candidate::try_from).collect()
}

/// The days a mission for a request would take: its fixed dates, or the start of its window
/// for as many days as it lasts.
pub fn mission_days(timing: Timing) -> DateRange {
    match timing {
        Timing::Fixed(range) => range,
        Timing::Flexible { window, duration_days } => {
            let end = window.start() + Duration::days(i64::from(duration_days.max(1)) - 1);
            DateRange::new(window.start(), end.min(window.end()).max(window.start())).unwrap_or(window)
        }
    }
}

/// How many positions of a request are held: selected candidates whose mission is not cancelled.
pub(crate) async fn filled(conn: &mut Conn, request: RequestId) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM candidates c JOIN missions m ON m.candidate_id = c.id \
         WHERE c.request_id = $1 AND c.status = 'selected' AND m.status <> 'cancelled'",
    )
    .bind(request)
    .fetch_one(conn)
    .await?;
    Ok(u32::try_from(n).unwrap_or(0))
}

/// The context of the guards for a candidate, read on `conn` (a transaction or a reader).
pub(crate) async fn context_on(conn: &mut Conn, candidate: &Candidate, today: Date) -> Result<Context, sqlx::Error> {
    let request = requests::read::load(conn, candidate.request).await?;
    let (positions, days) = match &request {
        Some(r) => (r.fields.positions, Some(mission_days(r.fields.timing))),
        None => (0, None),
    };
    let filled = filled(conn, candidate.request).await?;
    let expert_booked = match days {
        Some(days) => booking::clash(conn, candidate.expert, days, None).await?,
        None => false,
    };
    Ok(Context {
        request_open: candidate.request_status == requests::Status::Approved,
        free_positions: positions.saturating_sub(filled),
        expert_booked,
        reply_by: candidate.reply_by,
        today,
    })
}

/// The same, on a reader.
pub async fn context(db: &Db, candidate: &Candidate) -> Result<Context, sqlx::Error> {
    let mut conn = db.reader().acquire().await?;
    context_on(&mut conn, candidate, Timestamp::now().date()).await
}

/// The experts already in a request's pipeline (to mark them in the list of matches).
pub async fn experts_of_request(db: &Db, request: RequestId) -> Result<Vec<(ExpertId, Status)>, sqlx::Error> {
    let rows: Vec<(ExpertId, String)> =
        sqlx::query_as("SELECT expert_id, status FROM candidates WHERE request_id = $1")
            .bind(request)
            .fetch_all(db.reader())
            .await?;
    rows.into_iter().map(|(id, status)| Ok((id, Status::parse(&status).map_err(bad)?))).collect()
}

/// Whether the mission of a candidate still holds its position (for the positions count).
pub fn holds_position(status: Status, mission: Option<lifecycle::Status>) -> bool {
    status == Status::Selected && mission.is_some_and(|m| m != lifecycle::Status::Cancelled)
}
