//! A mission's costs page (coordinators and admins): its cost lines in the programme's
//! currency, their total, a form to record one (per diem filled from the mission's days on
//! site and the programme's rate for its country) and a button to remove one.

use super::mission_view::visible;
use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::forms::FormPairs;
use crate::page::{PageContext, render};
use crate::words::category_label;
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_core::{Amount, Currency, FieldError};
use passerelle_missions::costs::{self, CostCategory, CostError, CostInput};
use passerelle_missions::lifecycle::Mission;
use passerelle_missions::programmes::{self, Programme};
use serde::Deserialize;

pub struct CostLine {
    pub id: i64,
    pub category: String,
    pub description: String,
    pub quantity: u32,
    pub unit: String,
    pub amount: String,
    pub recorded: String,
}

#[derive(Template)]
#[template(path = "pipeline/mission_costs.html")]
struct CostsPage {
    page: PageContext,
    mission: Mission,
    programme: Programme,
    lines: Vec<CostLine>,
    total: String,
    categories: Vec<(&'static str, String)>,
    /// Hints saying what a blank quantity and unit amount become for per diem.
    days_hint: String,
    rate_hint: String,
    form: FormErrors,
    summary: Vec<crate::form_errors::Shown>,
    input: CostInput,
    notice: String,
}

/// The mission, if `actor` is staff and a party to it.
async fn costed(state: &AppState, actor: &Actor, id: &str) -> Result<(Mission, Programme), AppError> {
    let (mission, _) = visible(state, actor, id).await?;
    crate::auth::require(costs::can_manage(actor))?;
    let programme = programmes::get(&state.db, mission.programme).await?.ok_or(AppError::NotFound)?;
    Ok((mission, programme))
}

async fn costs_page(
    state: &AppState,
    page: PageContext,
    mission: Mission,
    programme: Programme,
    errors: Vec<FieldError>,
    input: CostInput,
    notice: String,
) -> Result<CostsPage, AppError> {
    let currency: Currency = programme.plan.budget.currency;
    let found = costs::of_mission(&state.db, mission.id).await?;
    let total = found.iter().fold(Amount::ZERO, |sum, c| sum.plus(c.fields.amount()));
    let lines = found
        .into_iter()
        .map(|c| CostLine {
            id: c.id,
            category: category_label(&page, c.fields.category),
            unit: page.money(c.fields.unit_amount.cents(), currency),
            amount: page.money(c.fields.amount().cents(), currency),
            quantity: c.fields.quantity,
            description: c.fields.description,
            recorded: page.moment(&c.created_at),
        })
        .collect();
    let days = costs::days_on_site(&mission);
    let days_hint = page.t1("cost-days-hint", "days", days);
    let rate_hint = match programme.plan.budget.per_diem_in(mission.country) {
        Some(rate) => page.t1("cost-rate-hint", "rate", page.money(rate.cents(), currency)),
        None => page.t("cost-no-rate-hint"),
    };
    let form = FormErrors::new(page.locale, errors);
    Ok(CostsPage {
        summary: crate::form_errors::summary(&page, &form, |field| match field {
            "category" | "description" | "quantity" => page.t(&format!("cost-{field}")),
            "unit_amount" => page.t("cost-unit-amount"),
            _ => String::new(),
        }),
        form,
        total: page.money(total.cents(), currency),
        categories: CostCategory::ALL.iter().map(|c| (c.code(), category_label(&page, *c))).collect(),
        days_hint,
        rate_hint,
        lines,
        input,
        notice,
        mission,
        programme,
        page,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    done: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    axum::extract::Query(query): axum::extract::Query<PageQuery>,
) -> Result<Response, AppError> {
    let (mission, programme) = costed(&state, &actor, &id).await?;
    let notice = crate::form_errors::notice(
        &page,
        query.done.as_deref(),
        &[("added", "cost-added"), ("removed", "cost-removed")],
    );
    let input = CostInput { category: "per_diem".into(), ..Default::default() };
    render(&costs_page(&state, page, mission, programme, vec![], input, notice).await?)
}

pub async fn add(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (mission, programme) = costed(&state, &actor, &id).await?;
    let pairs = FormPairs(pairs);
    let input = CostInput {
        category: pairs.one("category"),
        description: pairs.one("description"),
        quantity: pairs.one("quantity"),
        unit_amount: pairs.one("unit_amount"),
    };
    let added = match input.validate(&mission, &programme.plan.budget) {
        Ok(fields) => costs::add(&state.db, &actor, &mission, &fields, &ip.to_string()).await,
        Err(errors) => Err(CostError::Invalid(errors)),
    };
    match added {
        Ok(_) => Ok(Redirect::to(&format!("/missions/{}/costs?done=added", mission.id)).into_response()),
        Err(CostError::Invalid(errors)) => {
            let view = costs_page(&state, page, mission, programme, errors, input, String::new()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(CostError::NotFound) => Err(AppError::NotFound),
        Err(CostError::Database(e)) => Err(e.into()),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, cost)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (mission, _) = costed(&state, &actor, &id).await?;
    let cost: i64 = cost.parse().map_err(|_| AppError::NotFound)?;
    match costs::remove(&state.db, &actor, mission.id, cost, &ip.to_string()).await {
        Ok(()) => Ok(Redirect::to(&format!("/missions/{}/costs?done=removed", mission.id)).into_response()),
        Err(CostError::NotFound) => Err(AppError::NotFound),
        Err(CostError::Invalid(errors)) => Err(AppError::Invalid(errors)),
        Err(CostError::Database(e)) => Err(e.into()),
    }
}
