//! The forms of a mission: a checklist item, the schedule (days and phases), an extension asked
//! for and decided, the expert's report, the host's evaluation; and the certificate of mission.

use super::mission_view::{Typed, refused, visible};
use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::forms::FormPairs;
use crate::page::{PageContext, render};
use crate::words;
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_core::{FieldError, Timestamp, parse_date};
use passerelle_missions::Party;
use passerelle_missions::evaluations::{self, Criterion, EvaluationInput};
use passerelle_missions::lifecycle::logistics::{self, Item, PhaseInput};
use passerelle_missions::lifecycle::{self, Mission, Status};
use passerelle_missions::reports::{self, ReportInput, Role};
use serde::Deserialize;

fn done(mission: &Mission, what: &str) -> Response {
    Redirect::to(&format!("/missions/{}?done={what}", mission.id)).into_response()
}

/// The answer to a refused change of a mission: the mission's page saying why.
async fn refused_change(
    state: &AppState,
    page: PageContext,
    actor: &passerelle_accounts::Actor,
    mission: &Mission,
    error: lifecycle::ChangeError,
    typed: Typed,
) -> Result<Response, AppError> {
    let status = match &error {
        lifecycle::ChangeError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        lifecycle::ChangeError::Extension(r) if r.is_about_input() => StatusCode::UNPROCESSABLE_ENTITY,
        lifecycle::ChangeError::NotFound | lifecycle::ChangeError::Forbidden | lifecycle::ChangeError::Database(_) => {
            return Err(error.into());
        }
        _ => StatusCode::CONFLICT,
    };
    let problem = match &error {
        lifecycle::ChangeError::Invalid(fields) => {
            let form = FormErrors::new(page.locale, fields.clone());
            form.all().into_iter().map(|e| e.message).collect::<Vec<_>>().join(" ")
        }
        other => words::mission_change_error(&page, other),
    };
    refused(state, page, actor, mission.id, problem, status, typed).await
}

/// The checklist's one form: for each item, `{item}.state`, `{item}.on_date`, `{item}.note`
/// and, for visa, travel and insurance, `{item}.document` (a document of the mission proving it). Only the items that changed are written (and logged); a problem is named
/// with its item.
pub async fn checklist(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (mission, party) = visible(&state, &actor, &id).await?;
    if party != Party::Staff {
        return Err(AppError::Forbidden);
    }
    let form = FormPairs(pairs);
    let today = Timestamp::now().date();
    let (mut changed, mut problems) = (Vec::new(), Vec::new());
    for &item in Item::ALL.iter() {
        let field = |name: &str| form.one(&format!("{}.{name}", item.code()));
        let state_typed = field("state");
        if state_typed.is_empty() {
            // Not in the form that was sent: left as it is.
            continue;
        }
        let entry = logistics::entry(item, &state_typed, &field("on_date"), &field("note"), today)
            .and_then(|entry| entry.proved_by(&field("document")).map_err(|e| vec![e]));
        match entry {
            Ok(entry) => {
                if mission.checklist.iter().find(|e| e.item == item) != Some(&entry) {
                    changed.push(entry);
                }
            }
            Err(errors) => {
                let label = page.t(&format!("checklist-item-{}", item.code()));
                let form = FormErrors::new(page.locale, errors);
                problems.extend(form.all().into_iter().map(|e| format!("{label} — {}", e.message)));
            }
        }
    }
    if !problems.is_empty() {
        let problem = problems.join(" ");
        return refused(&state, page, &actor, mission.id, problem, StatusCode::UNPROCESSABLE_ENTITY, Typed::default())
            .await;
    }
    if changed.is_empty() {
        return Ok(done(&mission, "checklist"));
    }
    match lifecycle::set_checklist(&state.db, &actor, mission.id, &changed, &ip.to_string()).await {
        Ok(()) => Ok(done(&mission, "checklist")),
        Err(error) => refused_change(&state, page, &actor, &mission, error, Typed::default()).await,
    }
}

/// The schedule's form: `starts_on`, `ends_on`, and rows `phases[i].kind|starts_on|ends_on`.
pub async fn schedule(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (mission, party) = visible(&state, &actor, &id).await?;
    if party != Party::Staff {
        return Err(AppError::Forbidden);
    }
    let form = FormPairs(pairs);
    let rows: Vec<PhaseInput> = (0..logistics::MAX_PHASES)
        .map(|i| PhaseInput {
            kind: form.one(&format!("phases[{i}].kind")),
            starts_on: form.one(&format!("phases[{i}].starts_on")),
            ends_on: form.one(&format!("phases[{i}].ends_on")),
        })
        .collect();
    let checked = logistics::schedule(mission.mode, &form.one("starts_on"), &form.one("ends_on"), &rows);
    let result = match checked {
        Ok((days, phases)) => {
            lifecycle::set_schedule(&state.db, &actor, mission.id, days, &phases, &ip.to_string()).await
        }
        Err(errors) => Err(lifecycle::ChangeError::Invalid(errors)),
    };
    match result {
        Ok(()) => Ok(done(&mission, "schedule")),
        Err(error) => refused_change(&state, page, &actor, &mission, error, Typed::default()).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExtensionForm {
    ends_on: String,
    reason: String,
}

pub async fn request_extension(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(form): Form<ExtensionForm>,
) -> Result<Response, AppError> {
    let (mission, _) = visible(&state, &actor, &id).await?;
    let typed = Typed { ends_on: form.ends_on.clone(), reason: form.reason.clone(), ..Typed::default() };
    let Ok(ends_on) = parse_date(&form.ends_on) else {
        let problem = page.t("mission-date-invalid");
        return refused(&state, page, &actor, mission.id, problem, StatusCode::UNPROCESSABLE_ENTITY, typed).await;
    };
    match lifecycle::request_extension(&state.db, &actor, mission.id, ends_on, &form.reason, &ip.to_string()).await {
        Ok(()) => {
            state.notifications_queued.notify_one();
            Ok(done(&mission, "extension"))
        }
        Err(error) => refused_change(&state, page, &actor, &mission, error, typed).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
    note: String,
}

pub async fn decide_extension(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    let (mission, party) = visible(&state, &actor, &id).await?;
    if party != Party::Staff {
        return Err(AppError::Forbidden);
    }
    let approve = match form.decision.as_str() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(AppError::invalid("decision", "extension.decision_unknown", "approve or refuse")),
    };
    match lifecycle::decide_extension(&state.db, &actor, mission.id, approve, &form.note, &ip.to_string()).await {
        Ok(()) => {
            state.notifications_queued.notify_one();
            Ok(done(&mission, "decided"))
        }
        Err(error) => refused_change(&state, page, &actor, &mission, error, Typed::default()).await,
    }
}

#[derive(Template)]
#[template(path = "pipeline/report_form.html")]
struct ReportPage {
    page: PageContext,
    mission: Mission,
    form: FormErrors,
    values: ReportInput,
    roles: Vec<RoleRow>,
    due: String,
}

/// A line of the people-trained table: a role, and a field per gender.
struct RoleRow {
    label: String,
    hint: String,
    cells: Vec<Cell>,
}

struct Cell {
    name: String,
    label: String,
    value: String,
}

fn report_page(
    page: PageContext,
    mission: Mission,
    values: ReportInput,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let roles = Role::ALL
        .iter()
        .map(|role| {
            let typed = values.people.iter().find(|(r, ..)| r == role.code());
            let counts = typed.map_or_else(
                || [String::new(), String::new(), String::new()],
                |(_, w, m, u)| [w.clone(), m.clone(), u.clone()],
            );
            let cells = ["women", "men", "unspecified"]
                .into_iter()
                .zip(counts)
                .map(|(what, value)| Cell {
                    name: format!("people.{role}.{what}"),
                    label: page.t(&format!("report-{what}")),
                    value,
                })
                .collect();
            RoleRow {
                label: page.t(&format!("report-role-{}", role.code())),
                hint: page.t(&format!("report-role-{}-hint", role.code())),
                cells,
            }
        })
        .collect();
    let due = mission.report_due.map(|d| page.date(d)).unwrap_or_default();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = render(&ReportPage { form: FormErrors::new(page.locale, errors), mission, values, roles, due, page })?;
    Ok((status, body).into_response())
}

/// The expert's own mission, completed and waiting for its report; else its page.
async fn reporting(
    state: &AppState,
    actor: &passerelle_accounts::Actor,
    id: &str,
) -> Result<Result<Mission, Response>, AppError> {
    let (mission, party) = visible(state, actor, id).await?;
    if party != Party::Expert {
        return Err(AppError::Forbidden);
    }
    if mission.status != Status::Completed {
        return Ok(Err(Redirect::to(&format!("/missions/{}", mission.id)).into_response()));
    }
    Ok(Ok(mission))
}

pub async fn report_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    match reporting(&state, &actor, &id).await? {
        Ok(mission) => report_page(page, mission, ReportInput::default(), vec![]),
        Err(elsewhere) => Ok(elsewhere),
    }
}

pub async fn report(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mission = match reporting(&state, &actor, &id).await? {
        Ok(mission) => mission,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let form = FormPairs(pairs);
    let input = ReportInput {
        activities: form.one("activities"),
        deliverables: form.one("deliverables"),
        recommendations: form.one("recommendations"),
        institutions_reached: form.one("institutions_reached"),
        people: Role::ALL
            .iter()
            .map(|role| {
                let at = |what: &str| form.one(&format!("people.{role}.{what}"));
                (role.code().to_owned(), at("women"), at("men"), at("unspecified"))
            })
            .collect(),
    };
    let fields = match input.validate() {
        Ok(fields) => fields,
        Err(errors) => return report_page(page, mission, input, errors),
    };
    match reports::submit(&state.db, &actor, mission.id, &fields, &ip.to_string()).await {
        Ok(()) => {
            state.notifications_queued.notify_one();
            Ok(done(&mission, "report"))
        }
        Err(error) => refused_change(&state, page, &actor, &mission, error, Typed::default()).await,
    }
}

/// A criterion of the evaluation form, with its five choices (value, words, chosen).
struct Rating {
    code: &'static str,
    field: String,
    label: String,
    hint: String,
    options: Vec<(u8, String, bool)>,
}

#[derive(Template)]
#[template(path = "pipeline/evaluation_form.html")]
struct EvaluationPage {
    page: PageContext,
    mission: Mission,
    form: FormErrors,
    criteria: Vec<Rating>,
    comments: String,
    report: Option<super::mission_view::ReportView>,
}

async fn evaluation_page(
    state: &AppState,
    page: PageContext,
    mission: Mission,
    values: EvaluationInput,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let criteria = Criterion::ALL
        .iter()
        .map(|c| {
            let typed = values
                .ratings
                .iter()
                .find(|(k, _)| k == c.code())
                .map(|(_, v)| v.trim().to_owned())
                .unwrap_or_default();
            Rating {
                code: c.code(),
                field: format!("ratings.{c}"),
                label: page.t(&format!("evaluation-criterion-{}", c.code())),
                hint: page.t(&format!("evaluation-criterion-{}-hint", c.code())),
                options: (1..=5u8)
                    .map(|n| (n, page.t1("evaluation-out-of-five", "rating", n), typed == n.to_string()))
                    .collect(),
            }
        })
        .collect();
    let report = reports::get(&state.db, mission.id).await?.map(|r| super::mission_view::report_view(&page, &r));
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = render(&EvaluationPage {
        form: FormErrors::new(page.locale, errors),
        mission,
        criteria,
        comments: values.comments,
        report,
        page,
    })?;
    Ok((status, body).into_response())
}

/// The host's mission, reported and waiting for its evaluation; else its page.
async fn evaluating(
    state: &AppState,
    actor: &passerelle_accounts::Actor,
    id: &str,
) -> Result<Result<Mission, Response>, AppError> {
    let (mission, party) = visible(state, actor, id).await?;
    if party != Party::Host {
        return Err(AppError::Forbidden);
    }
    if mission.status != Status::Reported {
        return Ok(Err(Redirect::to(&format!("/missions/{}", mission.id)).into_response()));
    }
    Ok(Ok(mission))
}

pub async fn evaluation_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    match evaluating(&state, &actor, &id).await? {
        Ok(mission) => evaluation_page(&state, page, mission, EvaluationInput::default(), vec![]).await,
        Err(elsewhere) => Ok(elsewhere),
    }
}

pub async fn evaluation(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let mission = match evaluating(&state, &actor, &id).await? {
        Ok(mission) => mission,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let form = FormPairs(pairs);
    let input = EvaluationInput {
        ratings: Criterion::ALL.iter().map(|c| (c.code().to_owned(), form.one(&format!("ratings.{c}")))).collect(),
        comments: form.one("comments"),
    };
    let fields = match input.validate() {
        Ok(fields) => fields,
        Err(errors) => return evaluation_page(&state, page, mission, input, errors).await,
    };
    match evaluations::submit(&state.db, &actor, mission.id, &fields, &ip.to_string()).await {
        Ok(()) => {
            state.notifications_queued.notify_one();
            Ok(done(&mission, "evaluation"))
        }
        Err(error) => refused_change(&state, page, &actor, &mission, error, Typed::default()).await,
    }
}
