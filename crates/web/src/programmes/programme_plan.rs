//! A programme's plan in words and bars: its targets with what has been reached, and (for
//! coordinators and admins only: hosts see no money) its budget with what was spent, by
//! category. Shown on the programme page and on the dashboard filtered to a programme.

use crate::page::PageContext;
use crate::words::category_label;
use crate::{AppError, AppState};
use passerelle_core::Timestamp;
use passerelle_missions::programmes::Programme;
use passerelle_missions::programmes::progress::{self, percent};

pub struct TargetLine {
    pub label: String,
    pub reached: String,
    pub target: String,
    /// Whole percent reached (may pass 100), and the bar's width (at most 100).
    pub percent: Option<u32>,
    pub bar: u32,
}

pub struct BudgetView {
    /// The budget, or "" when the programme has none.
    pub total: String,
    pub spent: String,
    pub remaining: String,
    pub overspent: bool,
    pub percent: Option<u32>,
    pub bar: u32,
    /// (category, amount)
    pub lines: Vec<(String, String)>,
    pub missions: u64,
}

pub struct PlanView {
    pub kind: String,
    pub targets: Vec<TargetLine>,
    /// `None` for readers who see no money.
    pub budget: Option<BudgetView>,
    pub programme_id: String,
}

pub async fn view(state: &AppState, page: &PageContext, programme: &Programme) -> Result<PlanView, AppError> {
    let progress = progress::of(&state.db, programme, Timestamp::now().date()).await?;
    let targets = programme.plan.targets;
    let line = |key: &str, reached: i64, target: Option<u32>| {
        let percent = percent(reached, target);
        TargetLine {
            label: page.t(key),
            reached: page.number(reached),
            target: target.map(|t| page.number(i64::from(t))).unwrap_or_default(),
            percent,
            bar: percent.unwrap_or(0).min(100),
        }
    };
    let lines = vec![
        line("programme-target-experts", progress.experts as i64, targets.experts),
        line("programme-target-expert-days", progress.expert_days, targets.expert_days),
        line("programme-target-people-trained", progress.people_trained as i64, targets.people_trained),
    ];
    let budget = page.is_staff().then(|| {
        let plan = &programme.plan.budget;
        let money = |cents: i64| page.money(cents, plan.currency);
        let spent = progress.spending.total.cents();
        // In hundredths on both sides: budgets pass what a `u32` target holds.
        let percent = plan.total.map(|total| match total.cents() {
            0 => u32::from(spent > 0) * 100,
            budget => u32::try_from((i128::from(spent) * 100 / i128::from(budget)).min(999)).unwrap_or(999),
        });
        BudgetView {
            total: plan.total.map(|t| money(t.cents())).unwrap_or_default(),
            spent: money(spent),
            remaining: plan.total.map(|t| money(progress.remaining(t))).unwrap_or_default(),
            overspent: plan.total.is_some_and(|t| progress.remaining(t) < 0),
            percent,
            bar: percent.unwrap_or(0).min(100),
            lines: progress
                .spending
                .by_category
                .iter()
                .map(|(category, amount)| (category_label(page, *category), money(amount.cents())))
                .collect(),
            missions: progress.spending.missions,
        }
    });
    Ok(PlanView {
        kind: super::pages::kind_label(page, programme.plan.kind),
        targets: lines,
        budget,
        programme_id: programme.id.to_string(),
    })
}

/// One programme on the dashboard: its targets and money in one row.
pub struct OverviewRow {
    pub id: String,
    /// Its name in the reader's language, else in the other one (`name_lang`).
    pub name: String,
    pub name_lang: Option<&'static str>,
    pub kind: String,
    /// (column, reached, target or "", percent): experts, expert-days, people trained, money
    /// spent against the budget (staff only see the dashboard).
    pub cells: Vec<(String, String, String, Option<u32>)>,
}

/// The active programmes (or the one the dashboard is filtered to) against their plans.
pub async fn overview(
    state: &AppState,
    page: &PageContext,
    only: Option<passerelle_core::ProgrammeId>,
) -> Result<Vec<OverviewRow>, AppError> {
    use passerelle_missions::programmes::{self, ProgrammeStatus};
    let mut rows = Vec::new();
    let active = programmes::list(&state.db, Some(ProgrammeStatus::Active)).await?;
    for programme in crate::choices::sorted_programmes(page.locale, active) {
        if only.is_some_and(|id| id != programme.id) {
            continue;
        }
        let plan = view(state, page, &programme).await?;
        let mut cells: Vec<_> = plan.targets.into_iter().map(|t| (t.label, t.reached, t.target, t.percent)).collect();
        if let Some(budget) = plan.budget {
            cells.push((page.t("programme-spent"), budget.spent, budget.total, budget.percent));
        }
        rows.push(OverviewRow {
            id: programme.id.to_string(),
            name: programme.name.get(page.locale).to_owned(),
            name_lang: programme.name.other_lang(page.locale),
            kind: plan.kind,
            cells,
        });
    }
    Ok(rows)
}
