//! Programme pages: the list, a programme with the requests in it (all of them for staff, their
//! own institution's for members), and the form coordinators create, edit and close them with.

use crate::auth::require;
use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::forms::FormPairs;
use crate::forms::url_encode;
use crate::page::{PageContext, render};
use crate::pager::Pager;
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_core::{FieldError, ProgrammeId};
use passerelle_missions::programmes::plan::{PlanInput, ProgrammeKind};
use passerelle_missions::programmes::{
    self, Programme, ProgrammeAction, ProgrammeInput, ProgrammeStatus, SaveError, can,
};
use passerelle_missions::requests::{self, Sort, Status};
use serde::Deserialize;

const PAGE_SIZE: u32 = 50;

/// What a programme shows in a list or at its top.
pub struct Listed {
    pub programme: Programme,
    pub countries: String,
    pub sectors: String,
    pub status: String,
    pub active: bool,
}

/// A programme type in words.
pub fn kind_label(page: &PageContext, kind: ProgrammeKind) -> String {
    page.t(&format!("programme-kind-{}", kind.code().replace('_', "-")))
}

fn listed(page: &PageContext, programme: Programme) -> Listed {
    Listed {
        countries: programme.countries.iter().map(|c| c.name(page.locale)).collect::<Vec<_>>().join(", "),
        sectors: programme.sectors.iter().map(|s| s.label(page.locale)).collect::<Vec<_>>().join(", "),
        status: page.t(&format!("programme-status-{}", programme.status.code())),
        active: programme.status == ProgrammeStatus::Active,
        programme,
    }
}

#[derive(Template)]
#[template(path = "missions/programmes.html")]
struct ListPage {
    page: PageContext,
    programmes: Vec<Listed>,
    can_manage: bool,
}

pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
) -> Result<Response, AppError> {
    require(can(&actor, ProgrammeAction::Read))?;
    let found = crate::choices::sorted_programmes(page.locale, programmes::list(&state.db, None).await?);
    let programmes = found.into_iter().map(|p| listed(&page, p)).collect();
    render(&ListPage { programmes, can_manage: can(&actor, ProgrammeAction::Manage), page })
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ShowQuery {
    status: String,
    /// From 1 to 10,000.
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "missions/programme.html")]
struct ProgrammePage {
    page: PageContext,
    listed: Listed,
    can_manage: bool,
    notice: String,
    query: ShowQuery,
    statuses: Vec<(&'static str, String)>,
    requests: Vec<crate::requests::pages::Line>,
    total: u64,
    pager: Pager,
    plan: super::programme_plan::PlanView,
}

async fn readable(state: &AppState, actor: &Actor, id: &str) -> Result<Programme, AppError> {
    require(can(actor, ProgrammeAction::Read))?;
    let id = ProgrammeId::parse(id).map_err(|_| AppError::NotFound)?;
    programmes::get(&state.db, id).await?.ok_or(AppError::NotFound)
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    crate::query::Query(query): crate::query::Query<ShowQuery>,
) -> Result<Response, AppError> {
    let programme = readable(&state, &actor, &id).await?;
    let number = query.page.unwrap_or(1).max(1);
    // Members see their own institution's requests only; staff see every request.
    let institution = if actor.is_staff() { None } else { Some(actor.institution) };
    let (found, total) = match institution {
        Some(None) => (vec![], 0),
        Some(Some(_)) | None => {
            let search = requests::Query {
                institution: institution.flatten(),
                programme: Some(programme.id),
                status: Status::parse(&query.status).ok(),
                sort: Sort::Newest,
                offset: (number - 1) * PAGE_SIZE,
                limit: PAGE_SIZE,
                ..Default::default()
            };
            requests::search(&state.db, &search).await?
        }
    };
    let requests = found.into_iter().map(|s| crate::requests::pages::Line::new(&page, s)).collect();
    let base = format!("/programmes/{}?status={}", programme.id, url_encode(&query.status));
    let pager = Pager::new(&page, &base, number, total, PAGE_SIZE);
    let notice = crate::form_errors::notice(
        &page,
        query.done.as_deref(),
        &[("created", "programme-created"), ("saved", "programme-saved")],
    );
    let statuses = Status::ALL.iter().map(|s| (s.code(), crate::requests::status_label(&page, *s))).collect();
    let plan = super::programme_plan::view(&state, &page, &programme).await?;
    render(&ProgrammePage {
        plan,
        listed: listed(&page, programme),
        can_manage: can(&actor, ProgrammeAction::Manage),
        notice,
        query,
        statuses,
        requests,
        total,
        pager,
        page,
    })
}

#[derive(Template)]
#[template(path = "missions/programme_form.html")]
struct FormPage {
    page: PageContext,
    form: FormErrors,
    summary: Vec<crate::form_errors::Shown>,
    input: ProgrammeInput,
    countries_text: String,
    programme: Option<ProgrammeId>,
    /// (code, label, checked)
    sectors: Vec<(&'static str, &'static str, bool)>,
    statuses: Vec<(&'static str, String)>,
    kinds: Vec<(&'static str, String)>,
    /// The per diem rates as typed: one `country rate` per line.
    per_diem_text: String,
}

/// The per diem rates' lines: `MR 95.50`, `SN: 80`, one per line.
fn per_diem_rows(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (country, rate) = line.split_once([' ', '\t', ':', '=']).unwrap_or((line, ""));
            (country.trim().to_owned(), rate.trim().trim_start_matches([':', '=']).trim().to_owned())
        })
        .collect()
}

fn per_diem_text(rows: &[(String, String)]) -> String {
    rows.iter().map(|(country, rate)| format!("{country} {rate}")).collect::<Vec<_>>().join("\n")
}

fn form_page(
    page: PageContext,
    errors: Vec<FieldError>,
    input: ProgrammeInput,
    programme: Option<ProgrammeId>,
) -> FormPage {
    let errors = crate::form_errors::fold_list_errors(errors, &["countries", "sectors", "per_diem"]);
    let form = FormErrors::new(page.locale, errors);
    FormPage {
        summary: crate::form_errors::summary(&page, &form, |field| match field {
            "code" | "funder" | "countries" | "sectors" | "status" | "kind" | "currency" | "budget" => {
                page.t(&format!("programme-{field}"))
            }
            "name_en"
            | "name_fr"
            | "description_en"
            | "description_fr"
            | "target_experts"
            | "target_expert_days"
            | "target_people_trained"
            | "per_diem" => page.t(&format!("programme-{}", field.replace('_', "-"))),
            "starts_on" => page.t("programme-starts-on"),
            "ends_on" => page.t("programme-ends-on"),
            _ => String::new(),
        }),
        form,
        countries_text: input.countries.join(", "),
        sectors: crate::choices::sectors(page.locale)
            .into_iter()
            .map(|(code, label)| (code, label, input.sectors.iter().any(|s| s == code)))
            .collect(),
        statuses: ProgrammeStatus::ALL
            .iter()
            .map(|s| (s.code(), page.t(&format!("programme-status-{}", s.code()))))
            .collect(),
        kinds: ProgrammeKind::ALL.iter().map(|k| (k.code(), kind_label(&page, *k))).collect(),
        per_diem_text: per_diem_text(&input.plan.per_diem),
        input,
        programme,
        page,
    }
}

fn input_from(pairs: &FormPairs) -> ProgrammeInput {
    ProgrammeInput {
        code: pairs.one("code"),
        name_en: pairs.one("name_en"),
        name_fr: pairs.one("name_fr"),
        description_en: pairs.one("description_en"),
        description_fr: pairs.one("description_fr"),
        funder: pairs.one("funder"),
        countries: crate::forms::split_codes(&pairs.one("countries")),
        sectors: pairs.all("sectors"),
        starts_on: pairs.one("starts_on"),
        ends_on: pairs.one("ends_on"),
        status: pairs.one("status"),
        plan: PlanInput {
            kind: pairs.one("kind"),
            target_experts: pairs.one("target_experts"),
            target_expert_days: pairs.one("target_expert_days"),
            target_people_trained: pairs.one("target_people_trained"),
            currency: pairs.one("currency"),
            budget: pairs.one("budget"),
            per_diem: per_diem_rows(&pairs.one("per_diem")),
        },
    }
}

pub async fn new_form(page: PageContext, CurrentUser(actor): CurrentUser) -> Result<Response, AppError> {
    require(can(&actor, ProgrammeAction::Manage))?;
    let plan = PlanInput { currency: "EUR".into(), ..Default::default() };
    let input = ProgrammeInput { status: "active".into(), plan, ..Default::default() };
    render(&form_page(page, vec![], input, None))
}

/// The form again with its problems (422), or the error.
fn again(
    page: PageContext,
    error: SaveError,
    input: ProgrammeInput,
    id: Option<ProgrammeId>,
) -> Result<Response, AppError> {
    match error {
        SaveError::Invalid(errors) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&form_page(page, errors, input, id))?).into_response())
        }
        SaveError::NotFound => Err(AppError::NotFound),
        SaveError::Database(e) => Err(e.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require(can(&actor, ProgrammeAction::Manage))?;
    let input = input_from(&FormPairs(pairs));
    let fields = match input.validate() {
        Ok(fields) => fields,
        Err(errors) => return again(page, SaveError::Invalid(errors), input, None),
    };
    match programmes::create(&state.db, &actor, &fields, &ip.to_string()).await {
        Ok(id) => Ok(Redirect::to(&format!("/programmes/{id}?done=created")).into_response()),
        Err(error) => again(page, error, input, None),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    require(can(&actor, ProgrammeAction::Manage))?;
    let programme = readable(&state, &actor, &id).await?;
    render(&form_page(page, vec![], programme.to_input(), Some(programme.id)))
}

pub async fn edit(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require(can(&actor, ProgrammeAction::Manage))?;
    let programme = readable(&state, &actor, &id).await?;
    let input = input_from(&FormPairs(pairs));
    let fields = match input.validate() {
        Ok(fields) => fields,
        Err(errors) => return again(page, SaveError::Invalid(errors), input, Some(programme.id)),
    };
    match programmes::update(&state.db, &actor, programme.id, &fields, &ip.to_string()).await {
        Ok(()) => Ok(Redirect::to(&format!("/programmes/{}?done=saved", programme.id)).into_response()),
        Err(error) => again(page, error, input, Some(programme.id)),
    }
}
