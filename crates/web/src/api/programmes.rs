//! `/api/v1/programmes`: the programmes requests belong to. Staff and institution members read
//! them; coordinators and admins create, change and close them. A programme's plan (its type and
//! targets) is for every reader; its budget and per diem rates are for staff only, as the costs
//! they are spent on.

use super::body::{filter, json};
use crate::auth::{ClientIp, CurrentUser};
use crate::query::Query;
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_accounts::Actor;
use passerelle_core::{FieldError, ProgrammeId};
use passerelle_missions::programmes::plan::{Budget, MAX_RATES, PlanInput, Targets};
use passerelle_missions::programmes::{
    self, Programme, ProgrammeAction, ProgrammeFields, ProgrammeInput, ProgrammeStatus, SaveError, can,
};
use serde::{Deserialize, Serialize};

/// A programme.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgrammeView {
    id: String,
    code: String,
    name: String,
    description: String,
    funder: String,
    /// ISO 3166-1 alpha-2 codes.
    countries: Vec<String>,
    /// Sector codes.
    sectors: Vec<String>,
    /// YYYY-MM-DD.
    starts_on: String,
    ends_on: String,
    /// active or closed (a closed programme accepts no new request).
    status: &'static str,
    /// skills_transfer, training_of_trainers, emergency_relief, placement, mapping or
    /// capacity_building.
    kind: &'static str,
    targets: TargetsView,
    /// Coordinators and admins only: absent for institution members.
    #[serde(skip_serializing_if = "Option::is_none")]
    budget: Option<BudgetView>,
}

/// What a programme aims to reach; null where it sets no target.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeTargets)]
pub(super) struct TargetsView {
    /// Distinct experts deployed.
    experts: Option<u32>,
    /// Days on missions, on site and remote.
    expert_days: Option<u32>,
    people_trained: Option<u32>,
}

impl From<Targets> for TargetsView {
    fn from(t: Targets) -> Self {
        TargetsView { experts: t.experts, expert_days: t.expert_days, people_trained: t.people_trained }
    }
}

/// A programme's money (coordinators and admins only), every amount a decimal string in
/// `currency`.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeBudget)]
pub struct BudgetView {
    /// ISO 4217, e.g. EUR.
    currency: String,
    /// The whole budget, e.g. "250000.00"; null when not budgeted.
    total: Option<String>,
    /// The daily per diem of each country the programme set one for, by country code.
    per_diem: Vec<RateView>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = PerDiemRate)]
pub struct RateView {
    /// ISO 3166-1 alpha-2.
    country: String,
    /// e.g. "95.50".
    daily_rate: String,
}

impl From<&Budget> for BudgetView {
    fn from(b: &Budget) -> Self {
        BudgetView {
            currency: b.currency.to_string(),
            total: b.total.map(|a| a.to_string()),
            per_diem: b
                .per_diem
                .iter()
                .map(|(c, r)| RateView { country: c.to_string(), daily_rate: r.to_string() })
                .collect(),
        }
    }
}

impl ProgrammeView {
    /// The programme as `actor` may read it: the budget only for staff.
    pub(super) fn of(actor: &Actor, p: Programme) -> Self {
        let budget = actor.is_staff().then(|| BudgetView::from(&p.plan.budget));
        ProgrammeView {
            id: p.id.to_string(),
            code: p.code,
            name: p.name,
            description: p.description,
            funder: p.funder,
            countries: p.countries.iter().map(ToString::to_string).collect(),
            sectors: p.sectors.iter().map(ToString::to_string).collect(),
            starts_on: p.period.start().to_string(),
            ends_on: p.period.end().to_string(),
            status: p.status.code(),
            kind: p.plan.kind.code(),
            targets: p.plan.targets.into(),
            budget,
        }
    }
}

/// A programme to create or replace. The plan's fields left out are reset (the default type,
/// no targets, EUR, no budget, no rates), as any field of a replaced programme.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProgrammeBody {
    /// 2 to 30 capital letters, digits and hyphens; unique.
    code: String,
    name: String,
    description: String,
    funder: String,
    countries: Vec<String>,
    sectors: Vec<String>,
    /// YYYY-MM-DD.
    starts_on: String,
    ends_on: String,
    /// active (default) or closed.
    status: String,
    /// skills_transfer (default), training_of_trainers, emergency_relief, placement, mapping or
    /// capacity_building.
    kind: String,
    /// Experts to deploy, 0 to 10,000,000; null for no target.
    #[schema(minimum = 0, maximum = 10000000)]
    target_experts: Option<u32>,
    /// Expert-days, 0 to 10,000,000; null for no target.
    #[schema(minimum = 0, maximum = 10000000)]
    target_expert_days: Option<u32>,
    /// People trained, 0 to 10,000,000; null for no target.
    #[schema(minimum = 0, maximum = 10000000)]
    target_people_trained: Option<u32>,
    /// ISO 4217 code of the budget and the costs, e.g. EUR (default), USD, RWF.
    currency: String,
    /// The whole budget as a decimal string with up to two decimals ("250000" or
    /// "250000.50"), at most 10,000,000,000; null or empty for none.
    budget: Option<String>,
    /// The daily per diem by country, at most 60, one per country.
    #[schema(max_items = 60)]
    per_diem: Vec<RateBody>,
}

/// A daily per diem rate to set.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = PerDiemRateInput)]
pub struct RateBody {
    /// ISO 3166-1 alpha-2.
    country: String,
    /// A decimal string with up to two decimals, e.g. "95.50".
    daily_rate: String,
}

/// Checks a body: the limits of the JSON's shape (the number of rates, a rate row left blank)
/// are named at their field with the other fields' problems. A blank row is refused here,
/// where the form skips it, because the plan's checks count rows without the blank ones: the
/// rates' own problems are reported once the shape is right, so that their index is the index
/// in the body.
fn checked(body: ProgrammeBody) -> Result<ProgrammeFields, AppError> {
    let mut shape = Vec::new();
    if body.per_diem.len() > MAX_RATES {
        shape.push(FieldError::new(
            "per_diem",
            "programme.too_many_rates",
            format!("at most {MAX_RATES} per diem rates"),
        ));
    }
    for (i, rate) in body.per_diem.iter().enumerate().take(MAX_RATES) {
        if rate.country.trim().is_empty() && rate.daily_rate.trim().is_empty() {
            shape.push(FieldError::required(format!("per_diem[{i}].country")));
        }
    }
    let input: ProgrammeInput = body.into();
    match input.validate() {
        Ok(fields) if shape.is_empty() => Ok(fields),
        Ok(_) => Err(AppError::Invalid(shape)),
        Err(mut errors) => {
            if !shape.is_empty() {
                errors.retain(|e| !e.field.starts_with("per_diem"));
            }
            errors.extend(shape);
            Err(AppError::Invalid(errors))
        }
    }
}

impl From<ProgrammeBody> for ProgrammeInput {
    fn from(b: ProgrammeBody) -> Self {
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        ProgrammeInput {
            code: b.code,
            name: b.name,
            description: b.description,
            funder: b.funder,
            countries: b.countries,
            sectors: b.sectors,
            starts_on: b.starts_on,
            ends_on: b.ends_on,
            status: b.status,
            plan: PlanInput {
                kind: b.kind,
                target_experts: number(b.target_experts),
                target_expert_days: number(b.target_expert_days),
                target_people_trained: number(b.target_people_trained),
                currency: b.currency,
                budget: b.budget.unwrap_or_default(),
                per_diem: b.per_diem.into_iter().map(|r| (r.country, r.daily_rate)).collect(),
            },
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgrammeList {
    items: Vec<ProgrammeView>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// active or closed (default: both).
    status: Option<String>,
}

fn require(allowed: bool) -> Result<(), AppError> {
    if allowed { Ok(()) } else { Err(AppError::Forbidden) }
}

fn save_error(error: SaveError) -> AppError {
    match error {
        SaveError::Invalid(errors) => AppError::Invalid(errors),
        SaveError::NotFound => AppError::NotFound,
        SaveError::Database(e) => e.into(),
    }
}

/// Lists programmes, active first (staff and institution members).
#[utoipa::path(
    get,
    path = "/api/v1/programmes",
    tag = "programmes",
    params(ListQuery),
    responses(
        (status = 200, description = "Programmes, active first, then by name", body = ProgrammeList),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Experts have no access to programmes", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<ProgrammeList>, AppError> {
    require(can(&actor, ProgrammeAction::Read))?;
    let status = filter("status", &query.status, ProgrammeStatus::parse)?;
    let items = programmes::list(&state.db, status).await?.into_iter().map(|p| ProgrammeView::of(&actor, p)).collect();
    Ok(Json(ProgrammeList { items }))
}

/// Creates a programme (coordinators and admins).
#[utoipa::path(
    post,
    path = "/api/v1/programmes",
    tag = "programmes",
    request_body = ProgrammeBody,
    responses(
        (status = 201, description = "Created; `Location` names it", body = ProgrammeView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff only", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (a code already taken among them)", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AppError> {
    require(can(&actor, ProgrammeAction::Manage))?;
    let fields = checked(json::<ProgrammeBody>(&body)?)?;
    let id = programmes::create(&state.db, &actor, &fields, &ip.to_string()).await.map_err(save_error)?;
    let programme = programmes::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let location = format!("/api/v1/programmes/{id}");
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(ProgrammeView::of(&actor, programme)))
        .into_response())
}

pub(super) async fn readable(state: &AppState, id: &str) -> Result<Programme, AppError> {
    let id = ProgrammeId::parse(id).map_err(|_| AppError::NotFound)?;
    programmes::get(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// A programme.
#[utoipa::path(
    get,
    path = "/api/v1/programmes/{id}",
    tag = "programmes",
    params(("id" = String, Path, description = "The programme's id")),
    responses(
        (status = 200, description = "The programme", body = ProgrammeView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Experts have no access to programmes", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such programme", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<ProgrammeView>, AppError> {
    require(can(&actor, ProgrammeAction::Read))?;
    Ok(Json(ProgrammeView::of(&actor, readable(&state, &id).await?)))
}

/// Replaces a programme (coordinators and admins); `status: closed` closes it.
#[utoipa::path(
    put,
    path = "/api/v1/programmes/{id}",
    tag = "programmes",
    params(("id" = String, Path, description = "The programme's id")),
    request_body = ProgrammeBody,
    responses(
        (status = 200, description = "Saved", body = ProgrammeView),
        (status = 400, description = "The body is not JSON", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff only", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such programme", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<ProgrammeView>, AppError> {
    require(can(&actor, ProgrammeAction::Manage))?;
    let programme = readable(&state, &id).await?;
    let fields = checked(json::<ProgrammeBody>(&body)?)?;
    programmes::update(&state.db, &actor, programme.id, &fields, &ip.to_string()).await.map_err(save_error)?;
    Ok(Json(ProgrammeView::of(&actor, readable(&state, &id).await?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_missions::programmes::plan::MAX_TARGET;

    /// The limits written in the schema's attributes are the plan's.
    #[test]
    fn the_documented_limits_are_the_plans() {
        assert_eq!(MAX_TARGET, 10_000_000);
        assert_eq!(MAX_RATES, 60);
    }

    fn body(per_diem: serde_json::Value) -> ProgrammeBody {
        let text = serde_json::json!({
            "code": "PLAN-1", "name": "Plan", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
            "target_experts": 12, "budget": "1000", "per_diem": per_diem,
        });
        json(text.to_string().as_bytes()).unwrap()
    }

    fn fields_of(error: AppError) -> Vec<String> {
        match error {
            AppError::Invalid(errors) => errors.into_iter().map(|e| format!("{} {}", e.field, e.code)).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_plan_is_read_from_json_numbers_and_strings() {
        let fields = checked(body(serde_json::json!([{"country": "RW", "daily_rate": "80.50"}]))).unwrap();
        assert_eq!(fields.plan.targets.experts, Some(12));
        assert_eq!(fields.plan.budget.total.map(|a| a.cents()), Some(100_000));
        assert_eq!(fields.plan.budget.per_diem[0].1.cents(), 8_050);
    }

    #[test]
    fn wrong_types_and_shapes_are_named_at_their_field() {
        let text = br#"{"target_experts": "12"}"#;
        assert_eq!(fields_of(json::<ProgrammeBody>(text).unwrap_err()), ["target_experts json.invalid"]);
        let text = br#"{"target_people_trained": -1}"#;
        assert_eq!(fields_of(json::<ProgrammeBody>(text).unwrap_err()), ["target_people_trained json.invalid"]);
        let text = br#"{"per_diem": [{"country": "RW", "daily_rate": 80}]}"#;
        assert_eq!(fields_of(json::<ProgrammeBody>(text).unwrap_err()), ["per_diem[0].daily_rate json.invalid"]);
        let blank_then_bad =
            serde_json::json!([{"country": "", "daily_rate": ""}, {"country": "XX", "daily_rate": "1"}]);
        assert_eq!(fields_of(checked(body(blank_then_bad)).unwrap_err()), ["per_diem[0].country required"]);
        let bad = serde_json::json!([{"country": "RW", "daily_rate": "1"}, {"country": "XX", "daily_rate": "1"}]);
        assert_eq!(fields_of(checked(body(bad)).unwrap_err()), ["per_diem[1].country country.unknown"]);
        let many: Vec<_> = (0..61).map(|_| serde_json::json!({"country": "RW", "daily_rate": "1"})).collect();
        let errors = fields_of(checked(body(serde_json::Value::Array(many))).unwrap_err());
        assert_eq!(errors, ["per_diem programme.too_many_rates"]);
        let mut too_large = body(serde_json::json!([]));
        too_large.target_expert_days = Some(10_000_001);
        assert_eq!(fields_of(checked(too_large).unwrap_err()), ["target_expert_days programme.target_range"]);
    }
}
