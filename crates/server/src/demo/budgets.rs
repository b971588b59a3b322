//! The demonstration's money and targets: each programme's type, targets and budget with the
//! per diem rates of its countries (in the order of magnitude such programmes publish), and
//! the costs of the missions that got under way (travel, per diem for the days on site,
//! insurance), recorded by the coordinator as the finance officer would.

use passerelle_accounts::Actor;
use passerelle_db::Db;
use passerelle_missions::costs::{self, CostInput};
use passerelle_missions::lifecycle;
use passerelle_missions::programmes::{self, plan::PlanInput};

/// The plan of demonstration programme `code`: (type, experts, expert-days, people trained,
/// budget, per diem rates).
pub fn plan(code: &str) -> PlanInput {
    let (kind, experts, days, trained, budget, rates): (&str, &str, &str, &str, &str, &[(&str, &str)]) = match code {
        "MIDA-GL" => ("skills_transfer", "40", "800", "1200", "450000", &[("BI", "90"), ("CD", "120"), ("RW", "95")]),
        "TVET-TOT-RP" => ("training_of_trainers", "15", "300", "600", "180000", &[("RW", "95")]),
        "HEALTH-URGENT" => {
            ("emergency_relief", "30", "900", "", "600000", &[("CD", "120"), ("GN", "80"), ("MR", "85"), ("SN", "90")])
        }
        "MR-PLACE-20" => ("placement", "20", "1800", "", "520000", &[("MR", "85")]),
        "DIASPORA-INVEST" => ("capacity_building", "12", "240", "300", "90000", &[("MA", "90"), ("SN", "90")]),
        "MEDMA" => ("skills_transfer", "25", "400", "500", "210000", &[("MA", "90")]),
        "COVID19-MED" => ("emergency_relief", "40", "1200", "", "750000", &[("CD", "120"), ("GN", "80"), ("MR", "85")]),
        "WOMEN4DEV" => ("capacity_building", "15", "180", "450", "120000", &[("MA", "90"), ("RW", "95"), ("SN", "90")]),
        "DIASPORA-MAP" => ("mapping", "", "", "", "25000", &[]),
        _ => ("skills_transfer", "", "", "", "", &[]),
    };
    PlanInput {
        kind: kind.into(),
        target_experts: experts.into(),
        target_expert_days: days.into(),
        target_people_trained: trained.into(),
        currency: "EUR".into(),
        budget: budget.into(),
        per_diem: rates.iter().map(|(c, r)| ((*c).into(), (*r).into())).collect(),
    }
}

/// Records the costs of every mission past its sign-off (not cancelled ones).
pub async fn costs(db: &Db, coordinator: &Actor) -> anyhow::Result<()> {
    use lifecycle::Status::*;
    let query = lifecycle::Query {
        statuses: vec![Preparing, InProgress, Completed, Reported, Evaluated, Closed],
        ..lifecycle::Query::default()
    };
    let (missions, _) = lifecycle::search(db, &query).await?;
    for (n, listed) in missions.into_iter().enumerate() {
        // The list leaves the phases out: per diem needs the days on site.
        let id = listed.id;
        let Some(mission) = lifecycle::get(db, id).await? else { continue };
        let Some(programme) = programmes::get(db, mission.programme).await? else { continue };
        let fare = 640 + (n * 37) % 420;
        let mut lines = vec![
            CostInput {
                category: "travel".into(),
                description: "Return flight and airport transfers".into(),
                unit_amount: fare.to_string(),
                ..CostInput::default()
            },
            CostInput {
                category: "insurance".into(),
                description: "Travel and health insurance".into(),
                unit_amount: "48.50".into(),
                ..CostInput::default()
            },
        ];
        // Per diem at the programme's rate for the mission's days on site, where it has both.
        if costs::days_on_site(&mission) > 0 && programme.plan.budget.per_diem_in(mission.country).is_some() {
            lines.push(CostInput { category: "per_diem".into(), ..CostInput::default() });
        }
        for line in lines {
            let fields = line
                .validate(&mission, &programme.plan.budget)
                .map_err(|e| anyhow::anyhow!("demo cost of {id}: {e:?}"))?;
            costs::add(db, coordinator, &mission, &fields, "").await?;
        }
    }
    Ok(())
}
