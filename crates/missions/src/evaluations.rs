//! The host's evaluation of a mission: a rating from 1 to 5 on set criteria, and comments.
//! Filing it moves a reported mission to `evaluated`; the average becomes part of the expert's
//! record (missions done, average host rating), which matching weighs.

use crate::codes::code_enum;
use crate::lifecycle::{self, ChangeError, Input, Status};
use crate::requests::By;
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{FieldError, MissionId, Problems, Timestamp};
use passerelle_db::Db;
use serde::Serialize;

code_enum! {
    /// What the host rates.
    pub enum Criterion ("a criterion", "evaluation.criterion_unknown") {
        /// The quality of the expert's work.
        Quality => "quality",
        /// How well knowledge and skills were passed on.
        Transfer => "transfer",
        /// Communication with the host's people.
        Communication => "communication",
        /// Punctuality and reliability.
        Reliability => "reliability",
        /// How well the mission met the host's needs.
        Relevance => "relevance",
    }
}

/// An evaluation, checked: one rating per criterion, in [`Criterion::ALL`]'s order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvaluationFields {
    pub ratings: Vec<(Criterion, u8)>,
    pub comments: String,
}

impl EvaluationFields {
    pub fn average(&self) -> f64 {
        let sum: u32 = self.ratings.iter().map(|(_, r)| u32::from(*r)).sum();
        f64::from(sum) / self.ratings.len().max(1) as f64
    }

    pub fn rating(&self, criterion: Criterion) -> u8 {
        self.ratings.iter().find(|(c, _)| *c == criterion).map_or(0, |(_, r)| *r)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    pub fields: EvaluationFields,
    pub submitted_at: Timestamp,
}

/// An evaluation as typed: (criterion code, rating as text), and comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvaluationInput {
    pub ratings: Vec<(String, String)>,
    pub comments: String,
}

pub const MAX_COMMENTS: usize = 5000;

impl EvaluationInput {
    pub fn validate(&self) -> Result<EvaluationFields, Vec<FieldError>> {
        let mut p = Problems::new();
        let mut ratings = Vec::new();
        for &criterion in Criterion::ALL {
            let field = format!("ratings.{criterion}");
            let typed = self.ratings.iter().rev().find(|(c, _)| c.trim() == criterion.code()).map(|(_, r)| r.trim());
            match typed {
                None | Some("") => p.push(FieldError::required(field)),
                Some(text) => match text.parse::<u8>() {
                    Ok(r) if (1..=5).contains(&r) => ratings.push((criterion, r)),
                    _ => p.push(FieldError::new(field, "evaluation.rating_range", "a rating from 1 to 5")),
                },
            }
        }
        for (code, _) in &self.ratings {
            if Criterion::parse(code).is_err() {
                p.push(FieldError::new(
                    "ratings",
                    "evaluation.criterion_unknown",
                    format!("{code:?} is not a criterion"),
                ));
            }
        }
        let comments = p.paragraphs("comments", &self.comments, MAX_COMMENTS, false);
        p.finish(|| EvaluationFields { ratings, comments })
    }
}

/// Files the host's evaluation of a reported mission; the mission becomes `evaluated`.
pub async fn submit(
    db: &Db,
    actor: &Actor,
    id: MissionId,
    fields: &EvaluationFields,
    ip: &str,
) -> Result<(), ChangeError> {
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    let Some(mission) = lifecycle::read::load(&mut tx, id).await? else { return Err(ChangeError::NotFound) };
    match lifecycle::party_for(actor, &mission) {
        Some(crate::party::Party::Host) => {}
        Some(_) => return Err(ChangeError::Forbidden),
        None => return Err(ChangeError::NotFound),
    }
    if mission.status != Status::Reported {
        let refusal = if mission.rating.is_some() {
            lifecycle::Refusal::Unchanged { status: mission.status }
        } else {
            lifecycle::Refusal::NoSuchStep { from: mission.status, to: Status::Evaluated }
        };
        return Err(ChangeError::Refused(refusal));
    }
    sqlx::query(
        "INSERT INTO mission_evaluations (mission_id, quality, transfer, communication, reliability, relevance, \
         comments, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(i64::from(fields.rating(Criterion::Quality)))
    .bind(i64::from(fields.rating(Criterion::Transfer)))
    .bind(i64::from(fields.rating(Criterion::Communication)))
    .bind(i64::from(fields.rating(Criterion::Reliability)))
    .bind(i64::from(fields.rating(Criterion::Relevance)))
    .bind(&fields.comments)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let target = id.to_string();
    let detail = format!("average {:.1}", fields.average());
    let record = Event::by(Some(actor), "mission.evaluation_file").on("mission", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &record).await?;
    lifecycle::store::transition_in(&mut tx, By::Person(actor), id, Status::Evaluated, &Input::default(), ip, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get(db: &Db, id: MissionId) -> Result<Option<Evaluation>, sqlx::Error> {
    let row: Option<(i64, i64, i64, i64, i64, String, Timestamp)> = sqlx::query_as(
        "SELECT quality, transfer, communication, reliability, relevance, comments, submitted_at \
         FROM mission_evaluations WHERE mission_id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    Ok(row.map(|(q, t, c, r, v, comments, submitted_at)| {
        let n = |x: i64| u8::try_from(x).unwrap_or(0);
        Evaluation {
            fields: EvaluationFields {
                ratings: vec![
                    (Criterion::Quality, n(q)),
                    (Criterion::Transfer, n(t)),
                    (Criterion::Communication, n(c)),
                    (Criterion::Reliability, n(r)),
                    (Criterion::Relevance, n(v)),
                ],
                comments,
            },
            submitted_at,
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_in_the_comments() {
        let ratings: Vec<_> = Criterion::ALL.iter().map(|c| (c.code().to_owned(), "4".to_owned())).collect();
        let bad = EvaluationInput { ratings: ratings.clone(), comments: "Great\u{0}".into() };
        let errors = bad.validate().unwrap_err();
        assert_eq!((errors[0].field.as_str(), errors[0].code.as_str()), ("comments", "text.control"));
        assert!(EvaluationInput { ratings, comments: "Great.\nCome back.".into() }.validate().is_ok());
    }

    #[test]
    fn ratings_are_one_to_five_on_every_criterion() {
        let input = EvaluationInput {
            ratings: Criterion::ALL.iter().map(|c| (c.code().to_owned(), "4".to_owned())).collect(),
            comments: " Excellent trainer. ".into(),
        };
        let fields = input.validate().unwrap();
        assert_eq!((fields.average(), fields.comments.as_str()), (4.0, "Excellent trainer."));
        let bad = EvaluationInput {
            ratings: vec![("quality".into(), "6".into()), ("transfer".into(), "".into()), ("charm".into(), "5".into())],
            comments: String::new(),
        };
        let problems: Vec<_> = bad.validate().unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            problems.iter().map(|(f, c)| (f.as_str(), c.as_str())).collect::<Vec<_>>(),
            [
                ("ratings.quality", "evaluation.rating_range"),
                ("ratings.transfer", "required"),
                ("ratings.communication", "required"),
                ("ratings.reliability", "required"),
                ("ratings.relevance", "required"),
                ("ratings", "evaluation.criterion_unknown"),
            ]
        );
    }
}
