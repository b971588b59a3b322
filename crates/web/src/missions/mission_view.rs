//! A mission's page (its next step, checklist, phases, extensions, report, evaluation and
//! history), and the steps of its lifecycle taken from it.

use super::list::{Line, days_text, line};
use crate::auth::{ClientIp, CurrentUser};
use crate::history::HistoryLine;
use crate::page::{PageContext, render};
pub(crate) use crate::visible::mission as visible;
use crate::words;
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_core::{MissionId, Timestamp, parse_date};
use passerelle_missions::lifecycle::logistics::{ItemState, PhaseKind};
use passerelle_missions::lifecycle::{self, Mission, Status};
use passerelle_missions::requests::By;
use passerelle_missions::{Party, evaluations, reports};
use serde::Deserialize;

pub struct ChecklistLine {
    pub item: &'static str,
    pub label: String,
    pub state: &'static str,
    pub state_label: String,
    pub class: &'static str,
    pub on_date: String,
    pub on_date_value: String,
    pub note: String,
    /// The visa, travel and insurance items point at a document proving them.
    pub needs_proof: bool,
    /// The id of that document, and its name ("" when none or the reader may not see it).
    pub document: String,
    pub proof: String,
    /// Done without its document: the mission does not start without an override.
    pub proof_missing: bool,
}

pub struct PhaseLine {
    pub kind: &'static str,
    pub label: String,
    pub days: String,
    pub start: String,
    pub end: String,
    pub count: i64,
}

pub struct ReportView {
    pub submitted: String,
    pub activities: String,
    pub deliverables: String,
    pub recommendations: String,
    pub institutions_reached: u32,
    /// (role, women, men, unspecified, total)
    pub people: Vec<(String, u32, u32, u32, u32)>,
    pub trained: u32,
    pub reached: u32,
}

pub struct EvaluationView {
    pub submitted: String,
    pub ratings: Vec<(String, u8)>,
    pub average: String,
    pub comments: String,
}

pub struct ExtensionView {
    pub ends_on: String,
    pub reason: String,
    pub status: String,
    pub requested: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "pipeline/mission.html")]
pub(crate) struct MissionPage {
    pub page: PageContext,
    pub mission: Mission,
    pub line: Line,
    pub party: &'static str,
    pub actions: Vec<(&'static str, String, &'static str)>,
    /// The next steps and what blocks them, in words.
    pub next: Vec<String>,
    pub dated_step: bool,
    pub mode: String,
    pub report_due: String,
    pub today: String,
    pub actual: String,
    pub checklist: Vec<ChecklistLine>,
    /// Its documents and conversation.
    pub papers: crate::documents::hooks::Papers,
    /// A coordinator may start it although a proof is missing (with a reason).
    pub may_override_proof: bool,
    pub item_states: Vec<(&'static str, String)>,
    pub phases: Vec<PhaseLine>,
    pub phase_kinds: Vec<(&'static str, String)>,
    pub extensions: Vec<ExtensionView>,
    pub pending_extension: bool,
    pub report: Option<ReportView>,
    pub evaluation: Option<EvaluationView>,
    pub history: Vec<HistoryLine>,
    pub editable: bool,
    pub certificate: bool,
    pub comment: String,
    pub problem: String,
    pub notice: String,
    /// Values typed in the forms, to show again after a refusal.
    pub typed: Typed,
}

#[derive(Default)]
pub struct Typed {
    pub ends_on: String,
    pub reason: String,
    pub date: String,
    pub comment: String,
    /// The start typed lies far from the plan: the warning, and the box to confirm it.
    pub start_warning: String,
}

pub(crate) fn report_view(page: &PageContext, report: &reports::Report) -> ReportView {
    let f = &report.fields;
    ReportView {
        submitted: page.moment(&report.submitted_at),
        activities: f.activities.clone(),
        deliverables: f.deliverables.clone(),
        recommendations: f.recommendations.clone(),
        institutions_reached: f.institutions_reached,
        people: f
            .people
            .iter()
            .map(|(role, p)| {
                (page.t(&format!("report-role-{}", role.code())), p.women, p.men, p.unspecified, p.total())
            })
            .collect(),
        trained: f.trained(),
        reached: f.reached(),
    }
}

pub(crate) fn evaluation_view(page: &PageContext, evaluation: &evaluations::Evaluation) -> EvaluationView {
    EvaluationView {
        submitted: page.moment(&evaluation.submitted_at),
        ratings: evaluation
            .fields
            .ratings
            .iter()
            .map(|(c, r)| (page.t(&format!("evaluation-criterion-{}", c.code())), *r))
            .collect(),
        average: page.decimal(evaluation.fields.average(), 1),
        comments: evaluation.fields.comments.clone(),
    }
}

/// What a page says besides the mission: a refusal, a notice, what was typed.
#[derive(Default)]
pub(crate) struct Said {
    pub problem: String,
    pub notice: String,
    pub typed: Typed,
}

/// Builds the mission's page for `actor`.
pub(crate) async fn mission_page(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    mission: Mission,
    party: Party,
    said: Said,
) -> Result<MissionPage, AppError> {
    let Said { problem, notice, typed } = said;
    let today = Timestamp::now().date();
    let targets = lifecycle::allowed_for(actor, &mission);
    let dated_step = targets.iter().any(|t| matches!(t, Status::InProgress | Status::Completed));
    let mut next = Vec::new();
    let context = lifecycle::context(&mission, today);
    for step in lifecycle::machine::next_steps(mission.status, party) {
        if !targets.contains(&step) {
            let refusal = lifecycle::machine::transition(
                mission.status,
                step,
                party,
                &context,
                &lifecycle::Input { comment: "-".into(), date: None, override_proof: false },
            );
            // The report and the evaluation are asked for in words of their own below.
            if let Err(refusal) = refusal
                && !matches!(refusal, lifecycle::Refusal::ReportMissing | lifecycle::Refusal::EvaluationMissing)
            {
                next.push(words::mission_refusal(&page, &refusal));
            }
        }
    }
    match (party, mission.status) {
        (Party::Expert, Status::Completed) => next.push(page.t("mission-next-report")),
        (Party::Host, Status::Reported) => next.push(page.t("mission-next-evaluate")),
        (_, Status::Completed) if party != Party::Expert => next.push(page.t("mission-next-wait-report")),
        (_, Status::Reported) if party != Party::Host => next.push(page.t("mission-next-wait-evaluation")),
        _ => {}
    }
    // With no step to take, the panel still says where the mission stands.
    if next.is_empty() && targets.is_empty() {
        next.push(page.t(&format!("mission-next-status-{}", mission.status.code())));
    }
    let may_override_proof =
        party == Party::Staff && context.proof_missing.is_some() && targets.contains(&Status::InProgress);
    let actions = targets.into_iter().map(|to| words::mission_action(&page, to)).collect();
    let papers = crate::documents::hooks::of_mission(state, actor, mission.id).await?;
    let checklist = mission
        .checklist
        .iter()
        .map(|e| ChecklistLine {
            item: e.item.code(),
            label: page.t(&format!("checklist-item-{}", e.item.code())),
            state: e.state.code(),
            state_label: page.t(&format!("checklist-state-{}", e.state.code())),
            class: match e.state {
                ItemState::Todo => "warn",
                ItemState::Done => "ok",
                ItemState::NotApplicable => "",
            },
            on_date: e.on_date.map(|d| page.date(d)).unwrap_or_default(),
            on_date_value: e.on_date.map(|d| d.to_string()).unwrap_or_default(),
            note: e.note.clone(),
            needs_proof: e.item.needs_proof(),
            document: e.document.map(|d| d.to_string()).unwrap_or_default(),
            proof: e.document.and_then(|d| papers.name_of(&d.to_string()).map(str::to_owned)).unwrap_or_default(),
            proof_missing: e.item.needs_proof() && e.state == ItemState::Done && e.document.is_none(),
        })
        .collect();
    let phases = mission
        .phases
        .iter()
        .map(|p| PhaseLine {
            kind: p.kind.code(),
            label: page.t(&format!("phase-kind-{}", p.kind.code())),
            days: days_text(&page, p.days),
            start: p.days.start().to_string(),
            end: p.days.end().to_string(),
            count: p.days.days(),
        })
        .collect();
    let extensions = mission
        .extensions
        .iter()
        .map(|e| ExtensionView {
            ends_on: page.date(e.ends_on),
            reason: e.reason.clone(),
            status: page.t(&format!("extension-status-{}", e.status.code())),
            requested: page.moment(&e.requested_at),
            note: e.decision_note.clone(),
        })
        .collect();
    let report = reports::get(&state.db, mission.id).await?.map(|r| report_view(&page, &r));
    let evaluation = evaluations::get(&state.db, mission.id).await?.map(|e| evaluation_view(&page, &e));
    let history = crate::history::of(state, &page, "mission", &mission.id.to_string()).await?;
    let actual = match (mission.actual_start, mission.actual_end) {
        (Some(start), Some(end)) => page.t2("mission-days", "start", page.date(start), "end", page.date(end)),
        (Some(start), None) => page.t1("mission-since", "start", page.date(start)),
        _ => String::new(),
    };
    Ok(MissionPage {
        line: line(&page, &mission),
        party: party.code(),
        actions,
        next,
        dated_step,
        mode: page.t(&format!("request-mode-{}", mission.mode.code())),
        report_due: mission.report_due.map(|d| page.date(d)).unwrap_or_default(),
        today: today.to_string(),
        actual,
        checklist,
        papers,
        may_override_proof,
        item_states: ItemState::ALL
            .iter()
            .map(|s| (s.code(), page.t(&format!("checklist-state-{}", s.code()))))
            .collect(),
        phases,
        phase_kinds: PhaseKind::ALL.iter().map(|k| (k.code(), page.t(&format!("phase-kind-{}", k.code())))).collect(),
        extensions,
        pending_extension: mission.pending_extension().is_some(),
        report,
        evaluation,
        history,
        editable: party == Party::Staff && mission.status.dates_open(),
        certificate: mission.status.ended() && matches!(party, Party::Staff | Party::Expert),
        comment: typed.comment.clone(),
        problem,
        notice,
        typed,
        mission,
        page,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: Option<String>,
}

pub(crate) fn notice_of(page: &PageContext, done: Option<&str>, title: &str) -> String {
    match done {
        Some("created") => page.t("mission-created"),
        Some("checklist") => page.t("mission-checklist-saved"),
        Some("schedule") => page.t("mission-schedule-saved"),
        Some("extension") => page.t("mission-extension-asked"),
        Some("decided") => page.t("mission-extension-decided"),
        Some("report") => page.t("mission-report-filed"),
        Some("evaluation") => page.t("mission-evaluation-filed"),
        Some(code) => match Status::parse(code) {
            Ok(to) => page.t1(&format!("mission-now-{}", to.code()), "title", title),
            Err(_) => String::new(),
        },
        None => String::new(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let (mission, party) = visible(&state, &actor, &id).await?;
    let notice = notice_of(&page, done.done.as_deref(), &mission.request_title);
    let view = mission_page(&state, page, &actor, mission, party, Said { notice, ..Said::default() }).await?;
    render(&view)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepForm {
    to: String,
    comment: String,
    date: String,
    /// `yes`: the start day was confirmed although it lies far from the plan.
    confirm_date: String,
    /// A checkbox: start although a proof is missing (coordinators, with a reason).
    override_proof: String,
}

/// The mission's page again, saying why something was refused.
pub(crate) async fn refused(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    id: MissionId,
    problem: String,
    status: StatusCode,
    typed: Typed,
) -> Result<Response, AppError> {
    let (mission, party) = visible(state, actor, &id.to_string()).await?;
    let view = mission_page(state, page, actor, mission, party, Said { problem, typed, ..Said::default() }).await?;
    Ok((status, render(&view)?).into_response())
}

pub async fn transition(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    let (mission, _) = visible(&state, &actor, &id).await?;
    let typed = Typed { date: form.date.clone(), ..Typed::default() };
    let Ok(to) = Status::parse(&form.to) else {
        let problem = page.t("candidate-choose-step");
        return refused(&state, page, &actor, mission.id, problem, StatusCode::UNPROCESSABLE_ENTITY, typed).await;
    };
    let date = match form.date.trim() {
        "" => None,
        text => match parse_date(text) {
            Ok(day) => Some(day),
            Err(_) => {
                let problem = page.t("mission-date-invalid");
                return refused(&state, page, &actor, mission.id, problem, StatusCode::UNPROCESSABLE_ENTITY, typed)
                    .await;
            }
        },
    };
    // A start far from the planned first day is asked again before it is recorded.
    if to == Status::InProgress && form.confirm_date != "yes" {
        let day = date.unwrap_or_else(|| Timestamp::now().date());
        if let Some(gap) = lifecycle::machine::start_off_plan(mission.planned, day) {
            let key = if gap < 0 { "mission-start-early" } else { "mission-start-late" };
            let warning = crate::i18n::text_with(
                page.locale,
                key,
                &[
                    ("day", page.date(day)),
                    ("planned", page.date(mission.planned.start())),
                    ("days", gap.unsigned_abs().to_string()),
                ],
            );
            let typed = Typed { start_warning: warning, comment: form.comment.clone(), ..typed };
            let problem = page.t("mission-start-confirm-needed");
            return refused(&state, page, &actor, mission.id, problem, StatusCode::UNPROCESSABLE_ENTITY, typed).await;
        }
    }
    let input = lifecycle::Input {
        comment: form.comment.clone(),
        date,
        override_proof: crate::forms::yes(&form.override_proof),
    };
    match lifecycle::transition(&state.db, By::Person(&actor), mission.id, to, &input, &ip.to_string()).await {
        Ok(step) => {
            state.notifications_queued.notify_one();
            Ok(Redirect::to(&format!("/missions/{}?done={}", mission.id, step.to)).into_response())
        }
        Err(
            error @ (lifecycle::ChangeError::Refused(_)
            | lifecycle::ChangeError::NotNow { .. }
            | lifecycle::ChangeError::Booked),
        ) => {
            let about_input = matches!(&error, lifecycle::ChangeError::Refused(r) if r.is_about_input());
            let status = if about_input { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::CONFLICT };
            let problem = words::mission_change_error(&page, &error);
            refused(&state, page, &actor, mission.id, problem, status, typed).await
        }
        Err(error) => Err(error.into()),
    }
}
