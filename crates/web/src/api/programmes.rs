//! `/api/v1/programmes`: the programmes requests belong to. Staff and institution members read
//! them; coordinators and admins create, change and close them. A programme's plan (its type and
//! targets) is for every reader; its budget and per diem rates are for staff only, as the costs
//! they are spent on.
//!
//! A programme's name and description are written in English, in French or in both:
//! `name_en`/`name_fr` and `description_en`/`description_fr` carry each language as written
//! (null when not), and `name` and `description`, the fields of the API before languages, the
//! reader's language, else the other one. A body with `name` (or `description`) but neither of
//! its language fields still works: it is read as the English text, as it was stored before.

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
use passerelle_core::{FieldError, Locale, ProgrammeId};
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
    /// The name in the reader's language (`lang`, else their account's), else in the other one.
    name: String,
    /// The name in English; null when it is written in French only.
    name_en: Option<String>,
    /// The name in French; null when it is written in English only.
    name_fr: Option<String>,
    /// The description in the reader's language, else in the other one; empty when there is
    /// none.
    description: String,
    /// The description in English; null when there is none in English.
    description_en: Option<String>,
    /// The description in French; null when there is none in French.
    description_fr: Option<String>,
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
    /// The programme as `actor` may read it, in `locale`: the budget only for staff.
    pub(super) fn of(actor: &Actor, locale: Locale, p: Programme) -> Self {
        let budget = actor.is_staff().then(|| BudgetView::from(&p.plan.budget));
        let given =
            |text: &passerelle_core::Bilingual, locale| Some(text.given(locale).to_owned()).filter(|t| !t.is_empty());
        ProgrammeView {
            id: p.id.to_string(),
            code: p.code,
            name: p.name.get(locale).to_owned(),
            name_en: given(&p.name, Locale::En),
            name_fr: given(&p.name, Locale::Fr),
            description: p.description.get(locale).to_owned(),
            description_en: given(&p.description, Locale::En),
            description_fr: given(&p.description, Locale::Fr),
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
    /// The name as the API took it before languages: read as `name_en` when neither `name_en`
    /// nor `name_fr` is given (absent or null), ignored otherwise.
    name: String,
    /// The name in English, at most 200 characters; absent, null or empty when not written in
    /// English. A name is needed in English, in French or in both.
    #[schema(max_length = 200)]
    name_en: Option<String>,
    /// The name in French, at most 200 characters; absent, null or empty when not written in
    /// French.
    #[schema(max_length = 200)]
    name_fr: Option<String>,
    /// The description as the API took it before languages: read as `description_en` when
    /// neither `description_en` nor `description_fr` is given, ignored otherwise.
    description: String,
    /// The description in English, at most 5,000 characters, line breaks kept.
    #[schema(max_length = 5000)]
    description_en: Option<String>,
    /// The description in French, at most 5,000 characters, line breaks kept.
    #[schema(max_length = 5000)]
    description_fr: Option<String>,
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
    // A body of the API before languages names its problems at the fields it sent.
    let old_name = legacy(&body.name_en, &body.name_fr);
    let old_description = legacy(&body.description_en, &body.description_fr);
    let input: ProgrammeInput = body.into();
    match input.validate() {
        Ok(fields) if shape.is_empty() => Ok(fields),
        Ok(_) => Err(AppError::Invalid(shape)),
        Err(mut errors) => {
            if !shape.is_empty() {
                errors.retain(|e| !e.field.starts_with("per_diem"));
            }
            for error in &mut errors {
                if old_name && error.field == "name_en" {
                    error.field = "name".into();
                } else if old_description && error.field == "description_en" {
                    error.field = "description".into();
                }
            }
            errors.extend(shape);
            Err(AppError::Invalid(errors))
        }
    }
}

/// Whether a text is sent the way of the API before languages: neither language given.
fn legacy(en: &Option<String>, fr: &Option<String>) -> bool {
    en.is_none() && fr.is_none()
}

impl From<ProgrammeBody> for ProgrammeInput {
    fn from(b: ProgrammeBody) -> Self {
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let (name_en, name_fr) = if legacy(&b.name_en, &b.name_fr) {
            (b.name, String::new())
        } else {
            (b.name_en.unwrap_or_default(), b.name_fr.unwrap_or_default())
        };
        let (description_en, description_fr) = if legacy(&b.description_en, &b.description_fr) {
            (b.description, String::new())
        } else {
            (b.description_en.unwrap_or_default(), b.description_fr.unwrap_or_default())
        };
        ProgrammeInput {
            code: b.code,
            name_en,
            name_fr,
            description_en,
            description_fr,
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
    /// The language of `name` and `description`, and of the order by name: en or fr (default:
    /// the account's).
    lang: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReadQuery {
    /// The language of `name` and `description`: en or fr (default: the account's).
    lang: Option<String>,
}

/// The language answers are written in: `lang` when given, else the reader's.
fn asked_locale(actor: &Actor, lang: &Option<String>) -> Result<Locale, AppError> {
    Ok(filter("lang", lang, Locale::parse)?.unwrap_or(actor.locale))
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
        (status = 200, description = "Programmes, active first, then by name in the language asked", body = ProgrammeList),
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
    let locale = asked_locale(&actor, &query.lang)?;
    let found = crate::choices::sorted_programmes(locale, programmes::list(&state.db, status).await?);
    let items = found.into_iter().map(|p| ProgrammeView::of(&actor, locale, p)).collect();
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
    let view = ProgrammeView::of(&actor, actor.locale, programme);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view)).into_response())
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
    params(("id" = String, Path, description = "The programme's id"), ReadQuery),
    responses(
        (status = 200, description = "The programme", body = ProgrammeView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Experts have no access to programmes", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such programme", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid language", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<ReadQuery>,
) -> Result<Json<ProgrammeView>, AppError> {
    require(can(&actor, ProgrammeAction::Read))?;
    let locale = asked_locale(&actor, &query.lang)?;
    Ok(Json(ProgrammeView::of(&actor, locale, readable(&state, &id).await?)))
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
    Ok(Json(ProgrammeView::of(&actor, actor.locale, readable(&state, &id).await?)))
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
        assert_eq!((programmes::MAX_NAME, programmes::MAX_DESCRIPTION), (200, 5000));
    }

    fn read(text: serde_json::Value) -> Result<ProgrammeFields, AppError> {
        let mut body = serde_json::json!({"code": "LANG-1", "starts_on": "2026-01-01", "ends_on": "2026-12-31"});
        body.as_object_mut().unwrap().extend(text.as_object().unwrap().clone());
        checked(json(body.to_string().as_bytes()).unwrap())
    }

    #[test]
    fn a_name_is_read_in_both_languages_and_the_old_name_still_works() {
        let both =
            read(serde_json::json!({"name_en": "Skills", "name_fr": "Compétences", "description_fr": "Des missions."}))
                .unwrap();
        assert_eq!((both.name.get(Locale::En), both.name.get(Locale::Fr)), ("Skills", "Compétences"));
        assert_eq!(both.description.given(Locale::En), "");
        // Before languages: `name` and `description` are the English ones.
        let old = read(serde_json::json!({"name": "Skills", "description": "Missions."})).unwrap();
        assert_eq!((old.name.given(Locale::En), old.name.given(Locale::Fr)), ("Skills", ""));
        assert_eq!(old.description.given(Locale::En), "Missions.");
        // With a language field, `name` is what the API answers in the reader's language: ignored.
        let round_trip = read(serde_json::json!({"name": "Compétences", "name_en": null, "name_fr": "Compétences"}));
        assert_eq!(round_trip.unwrap().name.given(Locale::En), "");
        // Problems are named at the fields sent.
        assert_eq!(fields_of(read(serde_json::json!({"name": ""})).unwrap_err()), ["name programme.name_required"]);
        let none = read(serde_json::json!({"name_en": "", "name_fr": null})).unwrap_err();
        assert_eq!(fields_of(none), ["name_en programme.name_required"]);
        let long = read(serde_json::json!({"name": "x", "description": "d".repeat(5001)})).unwrap_err();
        assert_eq!(fields_of(long), ["description too_long"]);
        let long =
            read(serde_json::json!({"name_fr": "n".repeat(201), "description_fr": "d".repeat(5001)})).unwrap_err();
        assert_eq!(fields_of(long), ["name_fr too_long", "description_fr too_long"]);
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
