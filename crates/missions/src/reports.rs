//! The expert's mission report: what was done, the people trained by role and gender (for a
//! Training of Trainers, the trainers, and the students they reach), the institutions reached,
//! the deliverables and recommendations. Filing it moves a completed mission to `reported`.

use crate::codes::code_enum;
use crate::lifecycle::{self, ChangeError, Input, Status};
use crate::requests::By;
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{FieldError, MissionId, Problems, Timestamp};
use passerelle_db::Db;
use serde::Serialize;

code_enum! {
    /// Whom the expert trained (or reached through them).
    pub enum Role ("a role", "report.role_unknown") {
        /// Trainers and teachers trained to train others (Training of Trainers).
        Trainers => "trainers",
        /// Staff of the host trained directly (nurses, technicians, officials).
        Staff => "staff",
        /// Students and others reached through the trainers.
        Students => "students",
        /// Anyone else trained.
        Others => "others",
    }
}

impl Role {
    /// Trained directly by the expert (students are reached through the trainers).
    pub fn is_direct(self) -> bool {
        self != Role::Students
    }
}

/// People of one role, by gender.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct People {
    pub women: u32,
    pub men: u32,
    pub unspecified: u32,
}

impl People {
    pub fn total(&self) -> u32 {
        self.women.saturating_add(self.men).saturating_add(self.unspecified)
    }
}

/// A report, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportFields {
    pub activities: String,
    pub deliverables: String,
    pub recommendations: String,
    pub institutions_reached: u32,
    /// One entry per role, in [`Role::ALL`]'s order.
    pub people: Vec<(Role, People)>,
}

impl ReportFields {
    /// People trained directly.
    pub fn trained(&self) -> u32 {
        self.people.iter().filter(|(r, _)| r.is_direct()).map(|(_, p)| p.total()).sum()
    }

    /// People reached through those trained.
    pub fn reached(&self) -> u32 {
        self.people.iter().filter(|(r, _)| !r.is_direct()).map(|(_, p)| p.total()).sum()
    }
}

/// A report as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub fields: ReportFields,
    pub submitted_at: Timestamp,
}

/// A report as typed: texts, and numbers as text so each problem is named at its field
/// (`people.trainers.women`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportInput {
    pub activities: String,
    pub deliverables: String,
    pub recommendations: String,
    pub institutions_reached: String,
    /// (role code, women, men, unspecified)
    pub people: Vec<(String, String, String, String)>,
}

pub const MAX_TEXT: usize = 10_000;
/// More people than this in one line is a typing mistake.
pub const MAX_PEOPLE: u32 = 100_000;

fn count(p: &mut Problems, field: &str, text: &str) -> u32 {
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    match text.parse::<u32>() {
        Ok(n) if n <= MAX_PEOPLE => n,
        _ => {
            p.push(FieldError::new(field, "report.count", format!("a whole number from 0 to {MAX_PEOPLE}")));
            0
        }
    }
}

impl ReportInput {
    pub fn validate(&self) -> Result<ReportFields, Vec<FieldError>> {
        let mut p = Problems::new();
        let activities = p.paragraphs("activities", &self.activities, MAX_TEXT, true);
        let deliverables = p.paragraphs("deliverables", &self.deliverables, MAX_TEXT, false);
        let recommendations = p.paragraphs("recommendations", &self.recommendations, MAX_TEXT, false);
        let institutions_reached = count(&mut p, "institutions_reached", &self.institutions_reached);
        let mut people: Vec<(Role, People)> = Role::ALL.iter().map(|r| (*r, People::default())).collect();
        for (role, women, men, unspecified) in &self.people {
            let Ok(role) = Role::parse(role) else {
                p.push(FieldError::new("people", "report.role_unknown", format!("{role:?} is not a role")));
                continue;
            };
            let at = |what: &str| format!("people.{role}.{what}");
            let counted = People {
                women: count(&mut p, &at("women"), women),
                men: count(&mut p, &at("men"), men),
                unspecified: count(&mut p, &at("unspecified"), unspecified),
            };
            if let Some(slot) = people.iter_mut().find(|(r, _)| *r == role) {
                slot.1 = counted;
            }
        }
        p.finish(|| ReportFields { activities, deliverables, recommendations, institutions_reached, people })
    }
}

/// Files the expert's report of a completed mission; the mission becomes `reported`.
pub async fn submit(db: &Db, actor: &Actor, id: MissionId, fields: &ReportFields, ip: &str) -> Result<(), ChangeError> {
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    let Some(mission) = lifecycle::read::load(&mut tx, id).await? else { return Err(ChangeError::NotFound) };
    match lifecycle::party_for(actor, &mission) {
        Some(crate::party::Party::Expert) => {}
        Some(_) => return Err(ChangeError::Forbidden),
        None => return Err(ChangeError::NotFound),
    }
    if mission.status != Status::Completed {
        let refusal = if mission.report_filed.is_some() {
            lifecycle::Refusal::Unchanged { status: mission.status }
        } else {
            lifecycle::Refusal::NoSuchStep { from: mission.status, to: Status::Reported }
        };
        return Err(ChangeError::Refused(refusal));
    }
    sqlx::query(
        "INSERT INTO mission_reports (mission_id, activities, deliverables, recommendations, institutions_reached, \
         submitted_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(&fields.activities)
    .bind(&fields.deliverables)
    .bind(&fields.recommendations)
    .bind(i64::from(fields.institutions_reached))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for (role, people) in &fields.people {
        sqlx::query(
            "INSERT INTO mission_report_people (mission_id, role, women, men, unspecified) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(role.code())
        .bind(i64::from(people.women))
        .bind(i64::from(people.men))
        .bind(i64::from(people.unspecified))
        .execute(&mut *tx)
        .await?;
    }
    let target = id.to_string();
    let detail = format!("{} trained, {} reached", fields.trained(), fields.reached());
    audit::record(
        &mut tx,
        &Event::by(Some(actor), "mission.report_file").on("mission", &target).from_ip(ip).detail(&detail),
    )
    .await?;
    lifecycle::store::transition_in(&mut tx, By::Person(actor), id, Status::Reported, &Input::default(), ip, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The report of a mission, if filed.
pub async fn get(db: &Db, id: MissionId) -> Result<Option<Report>, sqlx::Error> {
    let row: Option<(String, String, String, i64, Timestamp)> = sqlx::query_as(
        "SELECT activities, deliverables, recommendations, institutions_reached, submitted_at FROM mission_reports \
         WHERE mission_id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    let Some((activities, deliverables, recommendations, institutions, submitted_at)) = row else { return Ok(None) };
    let rows: Vec<(String, i64, i64, i64)> =
        sqlx::query_as("SELECT role, women, men, unspecified FROM mission_report_people WHERE mission_id = $1")
            .bind(id)
            .fetch_all(db.reader())
            .await?;
    let number = |n: i64| u32::try_from(n).unwrap_or(0);
    let mut people: Vec<(Role, People)> = Role::ALL.iter().map(|r| (*r, People::default())).collect();
    for (role, women, men, unspecified) in rows {
        let Ok(role) = Role::parse(&role) else { continue };
        if let Some(slot) = people.iter_mut().find(|(r, _)| *r == role) {
            slot.1 = People { women: number(women), men: number(men), unspecified: number(unspecified) };
        }
    }
    Ok(Some(Report {
        fields: ReportFields {
            activities,
            deliverables,
            recommendations,
            institutions_reached: number(institutions),
            people,
        },
        submitted_at,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> ReportInput {
        ReportInput {
            activities: "Ten sessions on PV sizing.".into(),
            institutions_reached: "2".into(),
            people: vec![
                ("trainers".into(), "4".into(), "8".into(), "".into()),
                ("students".into(), "60".into(), "90".into(), "3".into()),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn reports_count_the_trained_and_the_reached() {
        let fields = typed().validate().unwrap();
        assert_eq!((fields.trained(), fields.reached(), fields.institutions_reached), (12, 153, 2));
        assert_eq!(fields.people.len(), Role::ALL.len(), "every role has a line");
    }

    #[test]
    fn control_characters_are_refused_at_their_field() {
        let bad = ReportInput {
            activities: "Ten sessions\n\tthen a bell\u{7}".into(),
            recommendations: "\u{202d}reversed".into(),
            ..typed()
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(fields, [("activities", "text.control"), ("recommendations", "text.control")]);
        assert!(ReportInput { activities: "Ten sessions,\r\nthen:\tmore".into(), ..typed() }.validate().is_ok());
    }

    #[test]
    fn every_problem_is_named_at_its_field() {
        let bad = ReportInput {
            activities: " ".into(),
            institutions_reached: "many".into(),
            people: vec![
                ("trainers".into(), "-1".into(), "2.5".into(), "".into()),
                ("aliens".into(), "".into(), "".into(), "".into()),
            ],
            ..Default::default()
        };
        let fields: Vec<_> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["activities", "institutions_reached", "people.trainers.women", "people.trainers.men", "people"]
        );
    }
}
