//! `/api/v1`: a request's candidates, one candidate and its steps, and an expert's invitations.
//! The host institution sees a candidate only once the expert accepted, and only while their
//! consent lasts (then with name and contact details); before that, 404.

use super::body::json;
use crate::auth::{ClientIp, CurrentUser};
use crate::visible::candidate as visible;
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_accounts::Actor;
use passerelle_core::{ExpertId, FieldError, RequestId, Timestamp, parse_date};
use passerelle_missions::Party;
use passerelle_missions::candidates::{self, Candidate, HostView, Input, Source, Status};
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::requests::{self, By};
use serde::{Deserialize, Serialize};

/// What the caller may see of the expert.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ExpertView {
    expert_id: Option<String>,
    name: String,
    /// Staff, and the host while the consent lasts.
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ConsentView {
    granted_at: String,
    expires_at: String,
    ended_at: Option<String>,
    active: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CandidateView {
    id: String,
    request_id: String,
    request_title: String,
    institution: String,
    /// shortlisted, invited, accepted, declined, expired, proposed, host_approved,
    /// host_declined, selected, withdrawn.
    status: String,
    reply_by: Option<String>,
    reason: String,
    expert: ExpertView,
    consent: Option<ConsentView>,
    mission_id: Option<String>,
    /// The states the caller may move the candidate to now.
    allowed: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CandidateList {
    items: Vec<CandidateView>,
}

async fn view(state: &AppState, actor: &Actor, c: Candidate) -> Result<CandidateView, AppError> {
    let now = Timestamp::now();
    let party = candidates::party_for(actor, &c, now);
    let contact = party == Some(Party::Staff)
        || party == Some(Party::Expert)
        || (party == Some(Party::Host) && c.host_view(now) == HostView::Full);
    let (email, phone) = if contact {
        match passerelle_profiles::store::load(&state.db, c.expert).await? {
            Some(p) => (p.data.email.map(|e| e.to_string()), p.data.phone.map(|p| p.to_string())),
            None => (None, None),
        }
    } else {
        (None, None)
    };
    let context = candidates::read::context(&state.db, &c).await?;
    let allowed = candidates::allowed_for(actor, &c, &context).into_iter().map(|s| s.code().to_owned()).collect();
    Ok(CandidateView {
        id: c.id.to_string(),
        request_id: c.request.to_string(),
        request_title: c.request_title.clone(),
        institution: c.institution_name.clone(),
        status: c.status.code().to_owned(),
        reply_by: c.reply_by.map(|d| d.to_string()),
        reason: c.reason.clone(),
        expert: ExpertView {
            expert_id: (party == Some(Party::Staff)).then(|| c.expert.to_string()),
            name: c.expert_name.clone(),
            email,
            phone,
        },
        consent: c.consent.as_ref().map(|k| ConsentView {
            granted_at: k.granted_at.to_string(),
            expires_at: k.expires_at.to_string(),
            ended_at: k.ended_at.map(|t| t.to_string()),
            active: k.is_active(now),
        }),
        mission_id: c.mission.map(|m| m.to_string()),
        allowed,
    })
}

/// The request, if the caller may see it.
async fn request_of(state: &AppState, actor: &Actor, id: &str) -> Result<requests::Request, AppError> {
    let id = RequestId::parse(id).map_err(|_| AppError::NotFound)?;
    let request = requests::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !requests::can(actor, requests::RequestAction::View, Some(request.institution)) {
        return Err(AppError::NotFound);
    }
    Ok(request)
}

/// The candidates of a request the caller may see: all of them for staff; for the host, those
/// who accepted and share their profile with it.
#[utoipa::path(get, path = "/api/v1/requests/{id}/candidates", tag = "pipeline",
    params(("id" = String, Path, description = "The request's id")),
    responses((status = 200, body = CandidateList), (status = 401, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn of_request(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<CandidateList>, AppError> {
    let request = request_of(&state, &actor, &id).await?;
    let all =
        candidates::search(&state.db, &candidates::Query { request: Some(request.id), ..Default::default() }).await?;
    let now = Timestamp::now();
    let mut items = Vec::new();
    for c in all.into_iter().filter(|c| candidates::party_for(&actor, c, now).is_some()) {
        items.push(view(&state, &actor, c).await?);
    }
    Ok(Json(CandidateList { items }))
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ShortlistBody {
    expert_id: String,
    /// match (default), search or call.
    source: Option<String>,
}

/// Puts an expert on a request's shortlist (coordinators and admins, while the request is
/// approved).
#[utoipa::path(post, path = "/api/v1/requests/{id}/candidates", tag = "pipeline",
    params(("id" = String, Path, description = "The request's id")), request_body = ShortlistBody,
    responses((status = 201, body = CandidateView), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 404, body = super::Problem), (status = 409, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn shortlist(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let request = request_of(&state, &actor, &id).await?;
    if !can(&actor, PipelineAction::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let input: ShortlistBody = json(&body)?;
    let expert = ExpertId::parse(&input.expert_id)
        .map_err(|e| AppError::Invalid(vec![FieldError::from_parse("expert_id", &e)]))?;
    let source = match input.source.as_deref() {
        None => Source::Match,
        Some(text) => Source::parse(text).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("source", &e)]))?,
    };
    let id = match candidates::shortlist(&state.db, &actor, request.id, expert, source, &ip.to_string()).await {
        Ok(id) => id,
        Err(candidates::ChangeError::NotFound) => {
            return Err(AppError::invalid("expert_id", "candidate.expert_unknown", "no such expert"));
        }
        Err(error) => return Err(error.into()),
    };
    let candidate = candidates::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let location = format!("/api/v1/candidates/{id}");
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view(&state, &actor, candidate).await?))
        .into_response())
}

/// A candidate (staff; the expert once invited; the host while the consent lasts).
#[utoipa::path(get, path = "/api/v1/candidates/{id}", tag = "pipeline",
    params(("id" = String, Path, description = "The candidate's id")),
    responses((status = 200, body = CandidateView), (status = 401, body = super::Problem), (status = 404, body = super::Problem)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<CandidateView>, AppError> {
    let (candidate, _) = visible(&state, &actor, &id).await?;
    Ok(Json(view(&state, &actor, candidate).await?))
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = CandidateStep)]
pub struct StepBody {
    /// The state to move to.
    to: String,
    /// A reason: required to decline, to refuse, to withdraw.
    comment: String,
    /// To invite: the last day to answer (YYYY-MM-DD).
    reply_by: Option<String>,
}

/// Moves a candidate along the pipeline. Accepting records the expert's consent to share their
/// profile with the host for this request. An illegal step answers 409 listing in `allowed`
/// the states the caller may move the candidate to.
#[utoipa::path(post, path = "/api/v1/candidates/{id}/transitions", tag = "pipeline",
    params(("id" = String, Path, description = "The candidate's id")), request_body = StepBody,
    responses((status = 200, body = CandidateView), (status = 401, body = super::Problem), (status = 404, body = super::Problem),
        (status = 409, description = "Not a step the caller may take now; `allowed` lists those it may", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn transition(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<CandidateView>, AppError> {
    let (candidate, _) = visible(&state, &actor, &id).await?;
    let input: StepBody = json(&body)?;
    let to = Status::parse(&input.to).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("to", &e)]))?;
    let reply_by = match input.reply_by.as_deref() {
        None | Some("") => None,
        Some(text) => {
            Some(parse_date(text).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("reply_by", &e)]))?)
        }
    };
    let step = Input { comment: input.comment, reply_by };
    if let Err(error) =
        candidates::transition(&state.db, By::Person(&actor), candidate.id, to, &step, &ip.to_string()).await
    {
        let context = candidates::read::context(&state.db, &candidate).await?;
        let allowed = candidates::allowed_for(&actor, &candidate, &context);
        return Err(AppError::from(error).allowing(allowed.iter().map(|s| s.code())));
    }
    state.notifications_queued.notify_one();
    let candidate = candidates::get(&state.db, candidate.id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(&state, &actor, candidate).await?))
}

/// The caller's invitations (experts): every candidacy they were invited to, newest first.
#[utoipa::path(get, path = "/api/v1/invitations", tag = "pipeline",
    responses((status = 200, body = CandidateList), (status = 401, body = super::Problem), (status = 403, body = super::Problem)))]
pub async fn invitations(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
) -> Result<Json<CandidateList>, AppError> {
    if !can(&actor, PipelineAction::BeInvited) {
        return Err(AppError::Forbidden);
    }
    let expert = passerelle_profiles::service::profile_of_account(&state.db, actor.user_id, &actor.name).await?;
    let all = candidates::search(&state.db, &candidates::Query { expert: Some(expert), ..Default::default() }).await?;
    let mut items = Vec::new();
    for c in all.into_iter().filter(|c| c.status.known_to_expert()) {
        items.push(view(&state, &actor, c).await?);
    }
    Ok(Json(CandidateList { items }))
}

/// Withdraws the consent the expert gave, on accepting, to share their profile with the host
/// for this request (the candidacy's expert only): the host stops seeing it at once. 409 when no
/// consent is in force.
#[utoipa::path(post, path = "/api/v1/candidates/{id}/consent/withdraw", tag = "pipeline",
    params(("id" = String, Path, description = "The candidate's id")),
    responses((status = 200, body = CandidateView), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 404, body = super::Problem), (status = 409, body = super::Problem, content_type = "application/problem+json")))]
pub async fn withdraw_consent(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Json<CandidateView>, AppError> {
    let (candidate, party) = visible(&state, &actor, &id).await?;
    if party != Party::Expert {
        return Err(AppError::Forbidden);
    }
    if let Err(error) = candidates::withdraw_consent(&state.db, &actor, candidate.id, &ip.to_string()).await {
        return Err(error.into());
    }
    state.notifications_queued.notify_one();
    let candidate = candidates::get(&state.db, candidate.id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(&state, &actor, candidate).await?))
}

#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = BulkCandidates)]
pub struct BulkBody {
    /// shortlist, or invite (shortlists those not yet candidates, then invites).
    action: String,
    /// The experts, at most 50.
    #[schema(max_items = 50)]
    expert_ids: Vec<String>,
    /// To invite: the last day to answer (YYYY-MM-DD, from today on).
    reply_by: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = BulkOutcome)]
pub struct BulkOutcome {
    /// Experts shortlisted, or invited.
    done: u32,
    /// Experts the pipeline refused (already a candidate, no consent to be matched, unknown…).
    skipped: u32,
}

/// Shortlists, or shortlists and invites, several experts for a request at once (coordinators
/// and admins, while the request is approved): each goes through the same steps as one at a
/// time; those the pipeline refuses are skipped and counted.
#[utoipa::path(post, path = "/api/v1/requests/{id}/candidates/bulk", tag = "pipeline",
    params(("id" = String, Path, description = "The request's id")), request_body = BulkBody,
    responses((status = 200, body = BulkOutcome), (status = 401, body = super::Problem), (status = 403, body = super::Problem),
        (status = 404, body = super::Problem), (status = 409, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn bulk(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<BulkOutcome>, AppError> {
    let request = crate::candidates::candidacies::coordinated_request(&state, &actor, &id).await?;
    let input: BulkBody = json(&body)?;
    let step = crate::candidates::bulk::Step {
        action: input.action,
        experts: input.expert_ids,
        reply_by: input.reply_by.unwrap_or_default(),
    };
    let (done, skipped, _) = crate::candidates::bulk::take(&state, &actor, &ip.to_string(), request, &step).await?;
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(Json(BulkOutcome { done: count(done), skipped: count(skipped) }))
}
