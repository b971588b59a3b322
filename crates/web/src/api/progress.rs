//! `/api/v1/programmes/{id}/progress`: where a programme stands against its plan. Its readers
//! (staff and institution members) see the figures reached against the targets; coordinators
//! and admins also see the spending against the budget, which hosts do not see.

use super::programmes::{TargetsView, readable};
use crate::auth::CurrentUser;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use passerelle_core::{Amount, Timestamp};
use passerelle_missions::programmes::progress::{self, Progress};
use passerelle_missions::programmes::{Programme, ProgrammeAction, can};
use serde::Serialize;

/// A programme's progress.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeProgress)]
pub struct ProgressView {
    /// Distinct experts on the programme's missions that started.
    experts: u64,
    /// Days on missions that ran, on site and remote.
    expert_days: i64,
    /// People trained, from the missions' reports.
    people_trained: u64,
    targets: TargetsView,
    percent: PercentView,
    /// Coordinators and admins only: absent for institution members.
    #[serde(skip_serializing_if = "Option::is_none")]
    spending: Option<SpendingView>,
}

/// The share of each target reached, in whole percent (capped at 999); null without a target.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeProgressPercent)]
pub struct PercentView {
    experts: Option<u32>,
    expert_days: Option<u32>,
    people_trained: Option<u32>,
}

/// What the programme's missions cost, every amount a decimal string in `currency`.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeSpending)]
pub struct SpendingView {
    /// ISO 4217, e.g. EUR.
    currency: String,
    /// The sum of every cost line, e.g. "12500.00".
    total: String,
    /// Categories with at least one line, in the order travel, per_diem, insurance, fees, other.
    by_category: Vec<CategoryView>,
    /// Missions with at least one cost line.
    missions: u64,
    /// The programme's budget; null when not budgeted.
    budget: Option<String>,
    /// The budget less the total, negative when overspent ("-120.00"); null when not
    /// budgeted.
    remaining: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = SpendingByCategory)]
pub struct CategoryView {
    /// travel, per_diem, insurance, fees or other.
    category: &'static str,
    amount: String,
}

/// Hundredths as a decimal string, with a sign when negative (what is left of an overspent
/// budget).
fn signed(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{}.{:02}", cents / 100, cents % 100)
}

fn view(programme: &Programme, progress: Progress, staff: bool) -> ProgressView {
    let targets = programme.plan.targets;
    let reached = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let percent = PercentView {
        experts: progress::percent(reached(progress.experts), targets.experts),
        expert_days: progress::percent(progress.expert_days, targets.expert_days),
        people_trained: progress::percent(reached(progress.people_trained), targets.people_trained),
    };
    let budget = &programme.plan.budget;
    let spending = staff.then(|| SpendingView {
        currency: budget.currency.to_string(),
        total: progress.spending.total.to_string(),
        by_category: progress
            .spending
            .by_category
            .iter()
            .map(|(category, amount)| CategoryView { category: category.code(), amount: amount.to_string() })
            .collect(),
        missions: progress.spending.missions,
        budget: budget.total.map(|a| a.to_string()),
        remaining: budget.total.map(|total: Amount| signed(progress.remaining(total))),
    });
    ProgressView {
        experts: progress.experts,
        expert_days: progress.expert_days,
        people_trained: progress.people_trained,
        targets: targets.into(),
        percent,
        spending,
    }
}

/// A programme's figures against its targets, and for coordinators and admins its spending
/// against its budget (readers of the programme).
#[utoipa::path(
    get,
    path = "/api/v1/programmes/{id}/progress",
    tag = "programmes",
    params(("id" = String, Path, description = "The programme's id")),
    responses(
        (status = 200, description = "The programme's progress; `spending` for coordinators and admins only", body = ProgressView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Experts have no access to programmes", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such programme", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<ProgressView>, AppError> {
    if !can(&actor, ProgrammeAction::Read) {
        return Err(AppError::Forbidden);
    }
    let programme = readable(&state, &id).await?;
    let progress = progress::of(&state.db, &programme, Timestamp::now().date()).await?;
    Ok(Json(view(&programme, progress, actor.is_staff())))
}

#[cfg(test)]
mod tests {
    use super::signed;

    #[test]
    fn what_is_left_is_signed() {
        assert_eq!(signed(25_000_000), "250000.00");
        assert_eq!(signed(5), "0.05");
        assert_eq!(signed(0), "0.00");
        assert_eq!(signed(-12_050), "-120.50");
        assert_eq!(signed(i64::MIN), "-92233720368547758.08");
    }
}
