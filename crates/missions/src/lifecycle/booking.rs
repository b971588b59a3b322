//! Bookings: the days a mission holds its expert, which matching must not offer to another
//! request, and the host ratings matching weighs.
//!
//! A mission books its expert from the selection that creates it (planned) through its sign-off,
//! preparation and course, until it is completed or cancelled: the planned days, from the actual
//! start once it started, to the planned end (moved by an approved extension). A completed
//! mission no longer books anything (its days are past); a cancelled one frees them at once.
//! Every change of these (a mission created, started, extended, rescheduled, completed,
//! cancelled, evaluated) appends an upsert of the expert to the change log, in its transaction,
//! so the index follows.

use super::machine::Status;
use passerelle_core::{DateRange, ExpertId, MissionId, parse_date};
use passerelle_db::Conn;
use passerelle_db::Db;
use passerelle_db::change_log::{self, EntityKind, Operation};
use std::collections::HashMap;
use time::Date;

/// The days a mission in `status` holds its expert, if any.
pub fn period(status: Status, planned: DateRange, actual_start: Option<Date>) -> Option<DateRange> {
    if !status.books() {
        return None;
    }
    let start = actual_start.unwrap_or(planned.start());
    DateRange::new(start, planned.end().max(start)).ok()
}

/// What the index keeps of an expert's missions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Booked {
    pub periods: Vec<DateRange>,
    /// Average host rating (1 to 5) over evaluated missions, and their number.
    pub rating: Option<(f32, u32)>,
}

const BOOKING: &str = "('planned', 'approved', 'preparing', 'in_progress')";

fn decode(status: &str, starts_on: &str, ends_on: &str, actual_start: Option<&str>) -> Option<DateRange> {
    let status = Status::parse(status).ok()?;
    let planned = DateRange::new(parse_date(starts_on).ok()?, parse_date(ends_on).ok()?).ok()?;
    let actual_start = actual_start.and_then(|d| parse_date(d).ok());
    period(status, planned, actual_start)
}

/// The booked periods of an expert's missions, other than `except`.
pub(crate) async fn periods(
    conn: &mut Conn,
    expert: ExpertId,
    except: Option<MissionId>,
) -> Result<Vec<(MissionId, DateRange)>, sqlx::Error> {
    let rows: Vec<(MissionId, String, String, String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT id, status, starts_on, ends_on, actual_start FROM missions \
         WHERE expert_id = $1 AND status IN {BOOKING} AND ($2 IS NULL OR id <> $2)"
    ))
    .bind(expert)
    .bind(except)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, status, start, end, actual)| Some((id, decode(&status, &start, &end, actual.as_deref())?)))
        .collect())
}

/// Whether `days` overlap a booking of the expert (other than mission `except`).
pub(crate) async fn clash(
    conn: &mut Conn,
    expert: ExpertId,
    days: DateRange,
    except: Option<MissionId>,
) -> Result<bool, sqlx::Error> {
    Ok(periods(conn, expert, except).await?.iter().any(|(_, booked)| booked.overlaps(&days)))
}

/// Tells the search index that what it knows of an expert's missions changed.
pub(crate) async fn changed(tx: &mut passerelle_db::Tx, expert: Option<ExpertId>) -> Result<(), sqlx::Error> {
    if let Some(expert) = expert {
        change_log::append(tx, EntityKind::Expert, &expert.to_string(), Operation::Upsert).await?;
    }
    Ok(())
}

/// Bookings and ratings of the given experts (the index's extras); experts with neither are
/// left out.
pub async fn of_experts(db: &Db, ids: &[ExpertId]) -> Result<HashMap<ExpertId, Booked>, sqlx::Error> {
    let mut found: HashMap<ExpertId, Booked> = HashMap::new();
    for (chunk, list) in passerelle_core::sql::in_lists(ids, 1) {
        let bounds: Vec<String> = chunk.iter().map(ToString::to_string).collect();
        collect(&mut *db.reader().acquire().await?, &format!("m.expert_id IN ({list})"), &bounds, &mut found).await?;
    }
    Ok(found)
}

/// Bookings and ratings of every expert whose id is after `after` and up to `last`. The index
/// rebuild walks experts in id order: a range costs two parameters where a list of a batch costs
/// one per expert, and binding those was a sixth of the rebuild's time.
pub async fn of_expert_range(
    conn: &mut Conn,
    after: Option<ExpertId>,
    last: ExpertId,
) -> Result<HashMap<ExpertId, Booked>, sqlx::Error> {
    let mut found: HashMap<ExpertId, Booked> = HashMap::new();
    let bounds = [after.map(|a| a.to_string()).unwrap_or_default(), last.to_string()];
    collect(conn, "m.expert_id > $1 AND m.expert_id <= $2", &bounds, &mut found).await?;
    Ok(found)
}

async fn collect(
    conn: &mut Conn,
    experts: &str,
    binds: &[String],
    found: &mut HashMap<ExpertId, Booked>,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "SELECT m.expert_id, m.status, m.starts_on, m.ends_on, m.actual_start FROM missions m \
         WHERE m.status IN {BOOKING} AND {experts}"
    );
    let mut query = sqlx::query_as::<_, (ExpertId, String, String, String, Option<String>)>(&sql);
    for bind in binds {
        query = query.bind(bind);
    }
    for (expert, status, start, end, actual) in query.fetch_all(&mut *conn).await? {
        if let Some(days) = decode(&status, &start, &end, actual.as_deref()) {
            found.entry(expert).or_default().periods.push(days);
        }
    }
    let sql = format!(
        "SELECT m.expert_id, \
         avg(CAST(v.quality + v.transfer + v.communication + v.reliability + v.relevance AS DOUBLE PRECISION) / 5), \
         count(*) FROM mission_evaluations v JOIN missions m ON m.id = v.mission_id \
         WHERE {experts} GROUP BY m.expert_id"
    );
    let mut query = sqlx::query_as::<_, (ExpertId, f64, i64)>(&sql);
    for bind in binds {
        query = query.bind(bind);
    }
    for (expert, average, count) in query.fetch_all(&mut *conn).await? {
        found.entry(expert).or_default().rating = Some((average as f32, u32::try_from(count).unwrap_or(0)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn missions_book_from_selection_until_completed() {
        let planned = DateRange::new(date!(2027 - 03 - 01), date!(2027 - 03 - 20)).unwrap();
        for status in [Status::Planned, Status::Approved, Status::Preparing] {
            assert_eq!(period(status, planned, None), Some(planned));
        }
        let started = period(Status::InProgress, planned, Some(date!(2027 - 03 - 03))).unwrap();
        assert_eq!(started.start(), date!(2027 - 03 - 03));
        let late = period(Status::InProgress, planned, Some(date!(2027 - 03 - 25))).unwrap();
        assert_eq!(late.days(), 1, "a start after the planned end books the start day");
        for status in [Status::Completed, Status::Reported, Status::Evaluated, Status::Closed, Status::Cancelled] {
            assert_eq!(period(status, planned, None), None, "{status}");
        }
    }
}
