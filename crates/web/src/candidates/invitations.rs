//! The expert's invitations: the list (with calls for experts), one invitation with the terms
//! of reference and its reply-by day, the answer in one click and a confirmation (accepting
//! says what the host will see, until when), and withdrawing the consent later.

use super::candidacies::{Line, is_expert, line};
use crate::auth::{ClientIp, CurrentUser};
use crate::page::{PageContext, render};
use crate::visible::own_expert;
use crate::words;
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_core::{CandidateId, Timestamp};
use passerelle_missions::Party;
use passerelle_missions::calls;
use passerelle_missions::candidates::{self, Candidate, Consent, Input, Status};
use passerelle_missions::requests::{self, By, Request, Requirement};
use serde::Deserialize;

/// The signed-in expert's profile id (made on first visit, like the profile page does).
pub struct CallLine {
    pub id: String,
    pub title: String,
    pub reply_by: String,
    pub open: bool,
    pub answer: &'static str,
    pub answer_label: String,
}

/// A pending invitation as its card shows it: what, where, when, and until when to answer.
pub struct PendingCard {
    pub line: Line,
    pub place: String,
    pub mode: String,
    pub timing: String,
}

#[derive(Template)]
#[template(path = "pipeline/invitations.html")]
struct ListPage {
    page: PageContext,
    pending: Vec<PendingCard>,
    others: Vec<Line>,
    calls: Vec<CallLine>,
}

pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
) -> Result<Response, AppError> {
    let expert = own_expert(&state, &actor).await?;
    let all = candidates::search(&state.db, &candidates::Query { expert: Some(expert), ..Default::default() }).await?;
    let (pending, others): (Vec<&Candidate>, Vec<&Candidate>) =
        all.iter().filter(|c| c.status.known_to_expert()).partition(|c| c.status == Status::Invited);
    let today = Timestamp::now().date();
    let calls = calls::of_expert(&state.db, expert)
        .await?
        .into_iter()
        .map(|(call, answer)| CallLine {
            id: call.id.to_string(),
            reply_by: call.reply_by().map(|d| page.date(d)).unwrap_or_default(),
            open: call.is_open() && call.reply_by().is_none_or(|d| d >= today),
            answer: answer.code(),
            answer_label: page.t(&format!("call-answer-{}", answer.code())),
            title: call.title,
        })
        .collect();
    let mut cards = Vec::with_capacity(pending.len());
    for candidate in pending {
        let Some(request) = requests::get(&state.db, candidate.request).await? else { continue };
        let fields = &request.fields;
        cards.push(PendingCard {
            line: line(&page, candidate),
            place: words::place_text(&page, fields.country, &fields.city),
            mode: words::mode_text(&page, fields.mode),
            timing: words::timing_text(&page, fields.timing),
        });
    }
    render(&ListPage { pending: cards, others: others.iter().map(|c| line(&page, c)).collect(), calls, page })
}

/// The terms of reference as the expert reads them.
pub struct Terms {
    pub institution: String,
    pub place: String,
    pub mode: String,
    pub timing: String,
    pub description: String,
    pub objectives: String,
    pub deliverables: String,
    pub host_provides: String,
    pub skills: Vec<(String, bool, String)>,
    pub languages: Vec<(String, String)>,
    pub positions: u32,
}

pub(crate) async fn terms(state: &AppState, page: &PageContext, request: &Request) -> Result<Terms, AppError> {
    let fields = &request.fields;
    let taxonomy = state.taxonomy().await?;
    Ok(Terms {
        institution: request.institution_name.clone(),
        place: words::place_text(page, fields.country, &fields.city),
        mode: words::mode_text(page, fields.mode),
        timing: words::timing_text(page, fields.timing),
        description: fields.description.clone(),
        objectives: fields.objectives.clone(),
        deliverables: fields.deliverables.clone(),
        host_provides: fields.host_provides.clone(),
        skills: fields
            .skills
            .iter()
            .map(|s| {
                let label = taxonomy.label_or(s.skill.as_ref(), &s.label, page.locale).to_owned();
                (label, s.requirement == Requirement::MustHave, page.t(&format!("request-level-{}", s.level.value())))
            })
            .collect(),
        languages: fields
            .languages
            .iter()
            .map(|l| (l.language.name(page.locale).to_owned(), page.cefr(l.level)))
            .collect(),
        positions: fields.positions,
    })
}

#[derive(Template)]
#[template(path = "pipeline/invitation.html")]
struct InvitationPage {
    page: PageContext,
    candidate: Candidate,
    line: Line,
    terms: Terms,
    consent: Option<ConsentView>,
    can_answer: bool,
    can_withdraw: bool,
    problem: String,
    notice: String,
    /// The candidacy's documents and conversation.
    papers: crate::documents::hooks::Papers,
}

pub struct ConsentView {
    pub granted: String,
    pub until: String,
    pub active: bool,
    pub withdrawn: bool,
}

fn consent_view(page: &PageContext, consent: &Consent) -> ConsentView {
    ConsentView {
        granted: page.moment(&consent.granted_at),
        until: page.date(consent.ended_at.unwrap_or(consent.expires_at).date()),
        active: consent.is_active(Timestamp::now()),
        withdrawn: consent.ended_because.as_deref() == Some(candidates::consent::ENDED_WITHDRAWN),
    }
}

/// The expert's own candidacy, once they were invited; for anyone else it does not exist.
async fn own(state: &AppState, actor: &Actor, id: &str) -> Result<Candidate, AppError> {
    crate::auth::require(is_expert(actor))?;
    let id = CandidateId::parse(id).map_err(|_| AppError::NotFound)?;
    let candidate = candidates::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    match candidates::party_for(actor, &candidate, Timestamp::now()) {
        Some(Party::Expert) => Ok(candidate),
        _ => Err(AppError::NotFound),
    }
}

async fn invitation_page(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    candidate: Candidate,
    problem: String,
    notice: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let request = requests::get(&state.db, candidate.request).await?.ok_or(AppError::NotFound)?;
    let terms = terms(state, &page, &request).await?;
    let consent = candidate.consent.as_ref().map(|c| consent_view(&page, c));
    let can_answer = candidate.status == Status::Invited;
    let can_withdraw = matches!(candidate.status, Status::Accepted | Status::Proposed | Status::HostApproved);
    let papers = crate::documents::hooks::of_candidate(state, actor, candidate.id).await?;
    let body = render(&InvitationPage {
        papers,
        line: line(&page, &candidate),
        candidate,
        terms,
        consent,
        can_answer,
        can_withdraw,
        problem,
        notice,
        page,
    })?;
    Ok((status, body).into_response())
}

/// The invitation's page again, saying why an answer was refused.
pub(crate) async fn refused_page(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    candidate: Candidate,
    problem: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    invitation_page(state, page, actor, candidate, problem, String::new(), status).await
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
    let candidate = own(&state, &actor, &id).await?;
    let notice = match done.done.as_deref() {
        Some("consent_withdrawn") => page.t("invitation-consent-withdrawn"),
        // Said to the expert who took the step, about what they did.
        Some(code) => match Status::parse(code) {
            Ok(to) => page.t1("invitation-done", "status", to.code()),
            Err(_) => String::new(),
        },
        None => String::new(),
    };
    invitation_page(&state, page, &actor, candidate, String::new(), notice, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerQuery {
    answer: String,
}

#[derive(Template)]
#[template(path = "pipeline/answer.html")]
struct AnswerPage {
    page: PageContext,
    candidate: Candidate,
    accept: bool,
    /// The day the consent would last until.
    until: String,
    reason: String,
    problem: String,
}

/// The confirmation of an answer: accepting says what the host will see and until when;
/// declining asks why.
pub async fn answer_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<AnswerQuery>,
) -> Result<Response, AppError> {
    let candidate = own(&state, &actor, &id).await?;
    if candidate.status != Status::Invited {
        return Ok(Redirect::to(&format!("/invitations/{}", candidate.id)).into_response());
    }
    answer_page(&state, page, candidate, query.answer != "decline", String::new(), String::new(), StatusCode::OK).await
}

async fn answer_page(
    state: &AppState,
    page: PageContext,
    candidate: Candidate,
    accept: bool,
    reason: String,
    problem: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let request = requests::get(&state.db, candidate.request).await?.ok_or(AppError::NotFound)?;
    let consent = Consent::granted(Timestamp::now(), request.fields.timing.range().end());
    let until = page.date(consent.expires_at.date());
    let body = render(&AnswerPage { candidate, accept, until, reason, problem, page })?;
    Ok((status, body).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    answer: String,
    confirm: String,
    reason: String,
}

pub async fn answer(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let candidate = own(&state, &actor, &id).await?;
    let accept = match form.answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::invalid("answer", "invitation.answer_unknown", "accept or decline")),
    };
    if accept && !crate::forms::yes(&form.confirm) {
        let problem = page.t("invitation-confirm-required");
        return answer_page(&state, page, candidate, true, form.reason, problem, StatusCode::UNPROCESSABLE_ENTITY)
            .await;
    }
    let to = if accept { Status::Accepted } else { Status::Declined };
    let input = Input { comment: if accept { String::new() } else { form.reason.clone() }, reply_by: None };
    match candidates::transition(&state.db, By::Person(&actor), candidate.id, to, &input, &ip.to_string()).await {
        Ok(_) => {
            state.notifications_queued.notify_one();
            Ok(Redirect::to(&format!("/invitations/{}?done={to}", candidate.id)).into_response())
        }
        Err(candidates::ChangeError::Refused(refusal)) if refusal.is_about_input() => {
            let problem = words::candidate_refusal(&page, &refusal);
            answer_page(&state, page, candidate, accept, form.reason, problem, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(candidates::ChangeError::Refused(refusal)) => {
            let problem = words::candidate_refusal(&page, &refusal);
            let candidate = own(&state, &actor, &id).await?;
            invitation_page(&state, page, &actor, candidate, problem, String::new(), StatusCode::CONFLICT).await
        }
        Err(error) => Err(error.into()),
    }
}

/// The expert stops sharing their profile with the host.
pub async fn withdraw_consent(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let candidate = own(&state, &actor, &id).await?;
    match candidates::withdraw_consent(&state.db, &actor, candidate.id, &ip.to_string()).await {
        Ok(()) => {
            state.notifications_queued.notify_one();
            Ok(Redirect::to(&format!("/invitations/{}?done=consent_withdrawn", candidate.id)).into_response())
        }
        Err(candidates::ChangeError::NoConsent) => {
            let problem = page.t("invitation-no-consent");
            invitation_page(&state, page, &actor, candidate, problem, String::new(), StatusCode::CONFLICT).await
        }
        Err(error) => Err(error.into()),
    }
}
