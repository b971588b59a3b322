//! What a programme sets out to do and with what money: its type, its targets (experts
//! deployed, expert-days, people trained) and its budget in one currency, with the daily per
//! diem rate of each country its missions go to. Progress against both is measured from the
//! missions themselves (see [`crate::costs`] and [`crate::stats`]), never typed in.

use crate::codes::code_enum;
use passerelle_core::{Amount, Country, Currency, FieldError, Problems};
use passerelle_db::Tx;

code_enum! {
    /// The kinds of programme a diaspora-engagement organisation runs.
    #[derive(Default)]
    pub enum ProgrammeKind ("a programme type", "programme.kind_unknown") {
        /// Short missions passing on skills (MIDA-style).
        #[default]
        SkillsTransfer => "skills_transfer",
        /// Training of trainers (TVET colleges, health schools).
        TrainingOfTrainers => "training_of_trainers",
        /// Urgent calls (medical staff in an epidemic).
        EmergencyRelief => "emergency_relief",
        /// Temporary placements in public institutions.
        Placement => "placement",
        /// Mapping the diaspora's skills (surveys).
        Mapping => "mapping",
        /// Strengthening institutions or groups (Women4Dev).
        CapacityBuilding => "capacity_building",
    }
}

/// The largest target accepted: far above any programme, small enough to add up safely.
pub const MAX_TARGET: u32 = 10_000_000;
/// A programme covers few countries; rates beyond that are a mistake.
pub const MAX_RATES: usize = 60;

/// What the programme aims to reach; a target left blank is not tracked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Targets {
    pub experts: Option<u32>,
    pub expert_days: Option<u32>,
    pub people_trained: Option<u32>,
}

/// The money: a total (blank: not budgeted) and per diem rates, all in `currency`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Budget {
    pub currency: Currency,
    pub total: Option<Amount>,
    /// A daily rate per country, by country code.
    pub per_diem: Vec<(Country, Amount)>,
}

impl Budget {
    /// The daily per diem for a mission in `country`, if the programme set one.
    pub fn per_diem_in(&self, country: Country) -> Option<Amount> {
        self.per_diem.iter().find(|(c, _)| *c == country).map(|(_, rate)| *rate)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub kind: ProgrammeKind,
    pub targets: Targets,
    pub budget: Budget,
}

/// The plan as typed: every field text, blank meaning "none" (or the default type and EUR).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanInput {
    pub kind: String,
    pub target_experts: String,
    pub target_expert_days: String,
    pub target_people_trained: String,
    pub currency: String,
    pub budget: String,
    /// (country code, daily rate) pairs.
    pub per_diem: Vec<(String, String)>,
}

fn target(p: &mut Problems, field: &str, text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<u32>() {
        Ok(n) if n <= MAX_TARGET => Some(n),
        _ => {
            p.push(FieldError::new(
                field,
                "programme.target_range",
                format!("a whole number from 0 to {MAX_TARGET}, or blank for no target"),
            ));
            None
        }
    }
}

impl PlanInput {
    /// Checks every field, recording each problem under its name in `p`.
    pub fn validate(&self, p: &mut Problems) -> Plan {
        let kind = if self.kind.trim().is_empty() {
            ProgrammeKind::default()
        } else {
            p.parse("kind", &self.kind, ProgrammeKind::parse).unwrap_or_default()
        };
        let targets = Targets {
            experts: target(p, "target_experts", &self.target_experts),
            expert_days: target(p, "target_expert_days", &self.target_expert_days),
            people_trained: target(p, "target_people_trained", &self.target_people_trained),
        };
        let currency = if self.currency.trim().is_empty() {
            Currency::EUR
        } else {
            p.parse("currency", &self.currency, Currency::parse).unwrap_or_default()
        };
        let total = if self.budget.trim().is_empty() { None } else { p.parse("budget", &self.budget, Amount::parse) };
        let mut per_diem: Vec<(Country, Amount)> = Vec::new();
        let rows = self.per_diem.iter().filter(|(c, r)| !(c.trim().is_empty() && r.trim().is_empty()));
        for (i, (country, rate)) in rows.enumerate() {
            if i == MAX_RATES {
                p.push(FieldError::new(
                    "per_diem",
                    "programme.too_many_rates",
                    format!("at most {MAX_RATES} per diem rates"),
                ));
                break;
            }
            let country = p.parse(&format!("per_diem[{i}].country"), country, Country::parse);
            let rate = p.parse(&format!("per_diem[{i}].daily_rate"), rate, Amount::parse);
            if let (Some(country), Some(rate)) = (country, rate) {
                if per_diem.iter().any(|(c, _)| *c == country) {
                    p.push(FieldError::new(
                        format!("per_diem[{i}].country"),
                        "programme.rate_twice",
                        format!("{country} has a rate already"),
                    ));
                } else {
                    per_diem.push((country, rate));
                }
            }
        }
        per_diem.sort_by_key(|(c, _)| c.to_string());
        Plan { kind, targets, budget: Budget { currency, total, per_diem } }
    }
}

impl Plan {
    pub fn to_input(&self) -> PlanInput {
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        PlanInput {
            kind: self.kind.code().to_owned(),
            target_experts: number(self.targets.experts),
            target_expert_days: number(self.targets.expert_days),
            target_people_trained: number(self.targets.people_trained),
            currency: self.budget.currency.to_string(),
            budget: self.budget.total.map(|a| a.to_string()).unwrap_or_default(),
            per_diem: self.budget.per_diem.iter().map(|(c, r)| (c.to_string(), r.to_string())).collect(),
        }
    }
}

/// Writes the plan of programme `id` (its row exists).
pub(super) async fn write(tx: &mut Tx, id: passerelle_core::ProgrammeId, plan: &Plan) -> Result<(), sqlx::Error> {
    let number = |n: Option<u32>| n.map(i64::from);
    sqlx::query(
        "UPDATE programmes SET kind = $2, target_experts = $3, target_expert_days = $4, target_people_trained = $5, \
         currency = $6, budget = $7 WHERE id = $1",
    )
    .bind(id)
    .bind(plan.kind.code())
    .bind(number(plan.targets.experts))
    .bind(number(plan.targets.expert_days))
    .bind(number(plan.targets.people_trained))
    .bind(plan.budget.currency.code())
    .bind(plan.budget.total.map(Amount::cents))
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM programme_per_diem_rates WHERE programme_id = $1").bind(id).execute(&mut **tx).await?;
    for (country, rate) in &plan.budget.per_diem {
        sqlx::query("INSERT INTO programme_per_diem_rates (programme_id, country, daily_rate) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(country)
            .bind(rate.cents())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The plan's columns of a programme row, as read back.
pub(super) struct Stored {
    pub kind: String,
    pub target_experts: Option<i64>,
    pub target_expert_days: Option<i64>,
    pub target_people_trained: Option<i64>,
    pub currency: String,
    pub budget: Option<i64>,
}

pub(super) fn decode(stored: Stored, per_diem: Vec<(Country, i64)>) -> Result<Plan, passerelle_core::ParseError> {
    let amount = |cents: i64| {
        Amount::from_cents(cents)
            .ok_or_else(|| passerelle_core::ParseError::new("amount.range", "stored amount out of range"))
    };
    let count = |n: Option<i64>| n.and_then(|n| u32::try_from(n).ok());
    let mut rates = Vec::with_capacity(per_diem.len());
    for (country, cents) in per_diem {
        rates.push((country, amount(cents)?));
    }
    Ok(Plan {
        kind: ProgrammeKind::parse(&stored.kind)?,
        targets: Targets {
            experts: count(stored.target_experts),
            expert_days: count(stored.target_expert_days),
            people_trained: count(stored.target_people_trained),
        },
        budget: Budget {
            currency: Currency::parse(&stored.currency)?,
            total: stored.budget.map(amount).transpose()?,
            per_diem: rates,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PlanInput {
        PlanInput {
            kind: "placement".into(),
            target_experts: "20".into(),
            target_expert_days: "".into(),
            target_people_trained: " 400 ".into(),
            currency: "eur".into(),
            budget: "250 000".into(),
            per_diem: vec![("MR".into(), "95,50".into()), ("".into(), "".into()), ("sn".into(), "80".into())],
        }
    }

    #[test]
    fn a_plan_is_read_and_round_trips() {
        let mut p = Problems::new();
        let plan = input().validate(&mut p);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(plan.kind, ProgrammeKind::Placement);
        assert_eq!(plan.targets, Targets { experts: Some(20), expert_days: None, people_trained: Some(400) });
        assert_eq!(plan.budget.total.unwrap().cents(), 25_000_000);
        let mr = Country::parse("MR").unwrap();
        assert_eq!(plan.budget.per_diem_in(mr).unwrap().cents(), 9_550);
        assert_eq!(plan.budget.per_diem.len(), 2, "the blank row is not a rate");
        let mut again = Problems::new();
        assert_eq!(plan.to_input().validate(&mut again), plan);
    }

    #[test]
    fn blank_means_the_defaults_and_no_target() {
        let mut p = Problems::new();
        let plan = PlanInput::default().validate(&mut p);
        assert!(p.is_empty());
        assert_eq!(plan, Plan::default());
        assert_eq!(plan.budget.currency.code(), "EUR");
    }

    #[test]
    fn each_problem_names_its_field() {
        let bad = PlanInput {
            kind: "holiday".into(),
            target_experts: "-1".into(),
            target_expert_days: "99999999999".into(),
            currency: "euros".into(),
            budget: "lots".into(),
            per_diem: vec![
                ("XX".into(), "10".into()),
                ("MR".into(), "ten".into()),
                ("MR".into(), "1".into()),
                ("MR".into(), "2".into()),
            ],
            ..input()
        };
        let mut p = Problems::new();
        bad.validate(&mut p);
        let fields: Vec<String> = p.into_vec().into_iter().map(|e| format!("{} {}", e.field, e.code)).collect();
        assert_eq!(
            fields,
            [
                "kind programme.kind_unknown",
                "target_experts programme.target_range",
                "target_expert_days programme.target_range",
                "currency currency.format",
                "budget amount.format",
                "per_diem[0].country country.unknown",
                "per_diem[1].daily_rate amount.format",
                "per_diem[3].country programme.rate_twice",
            ]
        );
    }
}
