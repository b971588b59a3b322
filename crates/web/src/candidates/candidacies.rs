//! Candidates: shortlisting (from the matches, the roster search or a call's answers), the
//! coordinators' and the host's lists, a candidate's page with the steps one may take, and
//! the steps themselves. The host sees a candidate only once the expert accepted (and only
//! while their consent lasts); before that the candidate does not exist for them.

use crate::auth::{ClientIp, CurrentUser};
use crate::page::{PageContext, render};
use crate::visible::candidate as visible;
use crate::words;
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{CandidateId, ExpertId, RequestId, Timestamp, parse_date};
use passerelle_missions::candidates::{self, Candidate, HostView, Input, Source, Status};
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::requests::By;
use passerelle_missions::{Party, requests};
use serde::Deserialize;
use std::collections::HashMap;

/// A candidate in a list.
pub struct Line {
    pub id: CandidateId,
    pub request: RequestId,
    pub request_title: String,
    pub institution_name: String,
    /// Empty when the viewer may not see who it is (never listed then).
    pub name: String,
    pub status: String,
    pub class: &'static str,
    pub since: String,
    pub reply_by: String,
    pub mission: Option<String>,
}

pub fn line(page: &PageContext, c: &Candidate) -> Line {
    Line {
        id: c.id,
        request: c.request,
        request_title: c.request_title.clone(),
        institution_name: c.institution_name.clone(),
        name: c.expert_name.clone(),
        status: words::candidate_status(page, c.status),
        class: words::candidate_class(c.status),
        since: page.date(c.status_changed_at.date()),
        reply_by: c.reply_by.map(|d| page.date(d)).unwrap_or_default(),
        mission: c.mission.map(|m| m.to_string()),
    }
}

/// The candidates of a request the viewer may see, for the request's page.
pub(crate) async fn of_request(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    request: RequestId,
) -> Result<Vec<Line>, AppError> {
    let all =
        candidates::search(&state.db, &candidates::Query { request: Some(request), ..Default::default() }).await?;
    let now = Timestamp::now();
    Ok(all.iter().filter(|c| candidates::party_for(actor, c, now).is_some()).map(|c| line(page, c)).collect())
}

/// The experts already in a request's pipeline, by id, with their status in words.
pub(crate) async fn in_pipeline(
    state: &AppState,
    page: &PageContext,
    request: RequestId,
) -> Result<HashMap<ExpertId, String>, AppError> {
    Ok(candidates::read::experts_of_request(&state.db, request)
        .await?
        .into_iter()
        .map(|(id, status)| (id, words::candidate_status(page, status)))
        .collect())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShortlistForm {
    expert_id: String,
    source: String,
    /// A page of ours to go back to.
    back: String,
}

/// The request `id` a coordinator works the pipeline of: 404 for a request the actor may not
/// see, 403 for one they see but may not staff.
pub(crate) async fn coordinated_request(state: &AppState, actor: &Actor, id: &str) -> Result<RequestId, AppError> {
    let request = RequestId::parse(id).map_err(|_| AppError::NotFound)?;
    let Some(found) = requests::get(&state.db, request).await? else { return Err(AppError::NotFound) };
    if !requests::can(actor, requests::RequestAction::View, Some(found.institution)) {
        return Err(AppError::NotFound);
    }
    if !can(actor, PipelineAction::Coordinate) {
        return Err(AppError::Forbidden);
    }
    Ok(request)
}

/// Puts an expert on a request's shortlist (coordinators), then back where they were.
pub async fn shortlist(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(form): Form<ShortlistForm>,
) -> Result<Response, AppError> {
    let request = coordinated_request(&state, &actor, &id).await?;
    let expert = ExpertId::parse(&form.expert_id)
        .map_err(|_| AppError::invalid("expert_id", "candidate.expert_required", "choose an expert"))?;
    let source = Source::parse(&form.source).unwrap_or(Source::Match);
    match candidates::shortlist(&state.db, &actor, request, expert, source, &ip.to_string()).await {
        Ok(_) | Err(candidates::ChangeError::AlreadyCandidate(_)) => {}
        Err(candidates::ChangeError::NotFound) => {
            return Err(AppError::invalid("expert_id", "candidate.expert_unknown", "no such expert"));
        }
        Err(error) => return Err(error.into()),
    }
    let back = crate::forms::safe_next(Some(&form.back));
    let location = if back == "/" { format!("/requests/{request}?done=shortlisted#pipeline") } else { back };
    Ok(Redirect::to(&location).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    /// A status code or `all`.
    status: String,
}

#[derive(Template)]
#[template(path = "pipeline/candidates.html")]
struct ListPage {
    page: PageContext,
    staff: bool,
    status: String,
    statuses: Vec<(&'static str, String)>,
    lines: Vec<Line>,
}

/// Coordinators: candidates by status (those waiting on someone by default). Host members: the
/// candidates proposed to their institution, then the others they may see.
pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, PipelineAction::ListCandidates))?;
    let staff = actor.is_staff();
    let waiting = vec![Status::Invited, Status::Accepted, Status::Proposed, Status::HostApproved];
    let statuses = match Status::parse(&query.status) {
        Ok(status) => vec![status],
        Err(_) if query.status == "all" => vec![],
        Err(_) if staff => waiting,
        Err(_) => vec![Status::Proposed, Status::HostApproved, Status::Accepted, Status::Selected],
    };
    let search = candidates::Query {
        institution: if staff { None } else { actor.institution },
        statuses,
        limit: 500,
        ..Default::default()
    };
    let now = Timestamp::now();
    let mut found: Vec<Candidate> = candidates::search(&state.db, &search)
        .await?
        .into_iter()
        .filter(|c| candidates::party_for(&actor, c, now).is_some())
        .collect();
    // What waits on the viewer first.
    found.sort_by_key(|c| if staff { c.status != Status::HostApproved } else { c.status != Status::Proposed });
    let lines = found.iter().map(|c| line(&page, c)).collect();
    let statuses = Status::ALL.iter().map(|s| (s.code(), words::candidate_status(&page, *s))).collect();
    render(&ListPage { staff, status: query.status, statuses, lines, page })
}

/// What the page shows of the expert.
pub struct ExpertView {
    pub name: String,
    /// For staff: a link to the profile.
    pub profile_link: Option<String>,
    /// The full profile (staff, or the host while the consent lasts).
    pub profile: Option<crate::profiles::view::ProfileView>,
    /// The host sees only the mission's record.
    pub record_only: bool,
}

#[derive(Template)]
#[template(path = "pipeline/candidate.html")]
struct CandidatePage {
    page: PageContext,
    candidate: Candidate,
    line: Line,
    expert: ExpertView,
    consent: Option<(String, String, bool)>,
    actions: Vec<(&'static str, String, bool)>,
    can_invite: bool,
    reply_by: String,
    comment: String,
    problem: String,
    notice: String,
    history: Vec<crate::history::HistoryLine>,
    /// How the candidate meets the request (for the host and coordinators).
    fit: Option<super::fit_view::FitView>,
    /// The candidacy's documents and conversation.
    papers: crate::documents::hooks::Papers,
}

struct Shown {
    comment: String,
    problem: String,
    reply_by: String,
    notice: String,
    status: StatusCode,
}

async fn candidate_page(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    candidate: Candidate,
    party: Party,
    shown: Shown,
) -> Result<Response, AppError> {
    let staff = party == Party::Staff;
    let view = candidate.host_view(Timestamp::now());
    let profile = if staff || view == HostView::Full {
        match passerelle_profiles::store::load(&state.db, candidate.expert).await? {
            Some(profile) => Some(crate::profiles::view::view_of(state, &page, &profile).await?),
            None => None,
        }
    } else {
        None
    };
    let expert = ExpertView {
        name: candidate.expert_name.clone(),
        profile_link: staff.then(|| format!("/experts/{}", candidate.expert)),
        profile,
        record_only: !staff && view == HostView::MissionRecord,
    };
    let consent = candidate.consent.as_ref().map(|c| {
        let until = c.ended_at.unwrap_or(c.expires_at);
        (page.moment(&c.granted_at), page.date(until.date()), c.is_active(Timestamp::now()))
    });
    let context = candidates::read::context(&state.db, &candidate).await?;
    let targets = candidates::allowed_for(actor, &candidate, &context);
    let can_invite = targets.contains(&Status::Invited);
    let actions = targets.into_iter().map(|to| words::candidate_action(&page, to)).collect();
    let history = crate::history::of(state, &page, "candidate", &candidate.id.to_string()).await?;
    let fit = if matches!(party, Party::Staff | Party::Host) {
        super::fit_view::of(state, &page, &candidate).await?
    } else {
        None
    };
    let reply_by = if shown.reply_by.is_empty() {
        candidates::pipeline::default_reply_by(Timestamp::now().date()).to_string()
    } else {
        shown.reply_by
    };
    let papers = crate::documents::hooks::of_candidate(state, actor, candidate.id).await?;
    let body = render(&CandidatePage {
        papers,
        line: line(&page, &candidate),
        candidate,
        expert,
        consent,
        actions,
        can_invite,
        reply_by,
        comment: shown.comment,
        problem: shown.problem,
        notice: shown.notice,
        history,
        fit,
        page,
    })?;
    Ok((shown.status, body).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let (candidate, party) = visible(&state, &actor, &id).await?;
    if party == Party::Expert {
        return Ok(Redirect::to(&format!("/invitations/{}", candidate.id)).into_response());
    }
    let notice = match done.done.as_deref().map(Status::parse) {
        Some(Ok(to)) => page.t2("candidate-done", "status", to.code(), "name", &candidate.expert_name),
        _ => String::new(),
    };
    let shown = Shown {
        comment: String::new(),
        problem: String::new(),
        reply_by: String::new(),
        notice,
        status: StatusCode::OK,
    };
    candidate_page(&state, page, &actor, candidate, party, shown).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepForm {
    to: String,
    comment: String,
    reply_by: String,
    back: String,
}

/// A step of the pipeline taken from a page: back to where it was taken, or the candidate's
/// page again saying why it was refused (409 for the state, 422 for what was typed).
pub async fn transition(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    let (candidate, party) = visible(&state, &actor, &id).await?;
    let refused = |problem: String, status: StatusCode| Shown {
        comment: form.comment.clone(),
        problem,
        reply_by: form.reply_by.clone(),
        notice: String::new(),
        status,
    };
    let Ok(to) = Status::parse(&form.to) else {
        let shown = refused(page.t("candidate-choose-step"), StatusCode::UNPROCESSABLE_ENTITY);
        return candidate_page(&state, page, &actor, candidate, party, shown).await;
    };
    let reply_by = match form.reply_by.trim() {
        "" => None,
        text => match parse_date(text) {
            Ok(day) => Some(day),
            Err(_) => {
                let shown = refused(page.t("candidate-refusal-reply_by_required"), StatusCode::UNPROCESSABLE_ENTITY);
                return candidate_page(&state, page, &actor, candidate, party, shown).await;
            }
        },
    };
    let input = Input { comment: form.comment.clone(), reply_by };
    match candidates::transition(&state.db, By::Person(&actor), candidate.id, to, &input, &ip.to_string()).await {
        Ok(outcome) => {
            state.notifications_queued.notify_one();
            let back = crate::forms::safe_next(Some(&form.back));
            let location = if back != "/" {
                back
            } else if let Some(mission) = outcome.mission {
                format!("/missions/{mission}?done=created")
            } else {
                format!("/candidates/{}?done={}", candidate.id, outcome.step.to)
            };
            Ok(Redirect::to(&location).into_response())
        }
        Err(candidates::ChangeError::Refused(refusal)) => {
            let status = if refusal.is_about_input() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::CONFLICT };
            let problem = words::candidate_refusal(&page, &refusal);
            let (candidate, party) = visible(&state, &actor, &id).await?;
            if party == Party::Expert {
                return super::invitations::refused_page(&state, page, &actor, candidate, problem, status).await;
            }
            candidate_page(&state, page, &actor, candidate, party, refused(problem, status)).await
        }
        Err(error) => Err(error.into()),
    }
}

/// Whether `actor` is an expert (for the invitations' and missions' pages).
pub(crate) fn is_expert(actor: &Actor) -> bool {
    actor.role == Role::Expert
}
