//! Ranked, explained candidates for a request (coordinators): on the request's page (the top
//! few), on a page of their own where the coordinator can loosen what is asked, and as
//! `GET /api/v1/requests/{id}/matches`. Full matches (every must-have met) come first; when
//! there are none the page says so, and names the experts a hard filter kept out.

use super::match_view::{NearMissView, RankedList, limit_of, near_views, views};
use super::pages::visible;
use crate::auth::CurrentUser;
use crate::page::{PageContext, render};
use crate::query::Query;
use crate::{AppError, AppState};
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use passerelle_accounts::Actor;
use passerelle_core::{ExpertId, RequestId, Timestamp};
use passerelle_missions::requests::Request;
use passerelle_search::criteria::{Adjustments, of_request};
use passerelle_search::{Criteria, NearMiss, Ranked};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct MatchParams {
    /// How many candidates (1 to 100, default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// `on`: each required language one CEFR level lower.
    pub relax_languages: String,
    /// Widen the dates or the window by this many days on each side (0 to 90).
    #[param(minimum = 0, maximum = 90)]
    pub widen_days: Option<u32>,
    /// `on`: include experts who said they would not travel to the mission's country.
    pub relax_travel: String,
    /// `on`: include experts whose longest mission is shorter than this one.
    pub relax_length: String,
    /// `on`: include experts who need more notice than the time left before the start.
    pub relax_notice: String,
}

/// How far "widen the dates" goes in one click from a near miss.
const WIDEN_STEP: u32 = 14;

impl MatchParams {
    /// The loosening asked for, and how many candidates. The ranges were checked when the
    /// query was read (`crate::query`).
    fn adjustments(&self) -> (Adjustments, usize) {
        let limit = self.limit.unwrap_or(20) as usize;
        let on = |v: &str| v == "on";
        let adjust = Adjustments {
            relax_languages: on(&self.relax_languages),
            widen_days: self.widen_days.unwrap_or(0),
            relax_travel: on(&self.relax_travel),
            relax_length: on(&self.relax_length),
            relax_notice: on(&self.relax_notice),
        };
        (adjust, limit)
    }

    /// These parameters with one more loosening: `languages`, `dates` or a limit's code.
    pub(super) fn with(&self, fix: &str) -> MatchParams {
        let mut next = self.clone();
        let on = || "on".to_owned();
        match fix {
            "languages" => next.relax_languages = on(),
            "dates" => next.widen_days = Some((self.widen_days.unwrap_or(0) + WIDEN_STEP).min(90)),
            code => match limit_of(code) {
                Some(passerelle_search::Limit::Travel) => next.relax_travel = on(),
                Some(passerelle_search::Limit::Length) => next.relax_length = on(),
                Some(passerelle_search::Limit::Notice) => next.relax_notice = on(),
                None => {}
            },
        }
        next
    }

    /// The match page with these parameters.
    pub(super) fn link(&self, request: RequestId) -> String {
        let mut pairs = Vec::new();
        if let Some(limit) = self.limit {
            pairs.push(format!("limit={limit}"));
        }
        if let Some(days) = self.widen_days.filter(|d| *d > 0) {
            pairs.push(format!("widen_days={days}"));
        }
        for (name, value) in [
            ("relax_languages", &self.relax_languages),
            ("relax_travel", &self.relax_travel),
            ("relax_length", &self.relax_length),
            ("relax_notice", &self.relax_notice),
        ] {
            if value == "on" {
                pairs.push(format!("{name}=on"));
            }
        }
        let query = if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) };
        format!("/requests/{request}/matches{query}")
    }
}

/// The request, if `actor` may look for candidates for it (staff); others get 404 or 403.
async fn for_matching(state: &AppState, actor: &Actor, id: &str) -> Result<Request, AppError> {
    let request = visible(state, actor, id).await?;
    if !actor.is_staff() {
        return Err(AppError::Forbidden);
    }
    Ok(request)
}

/// What matching looks for, for the request as adjusted, with the taxonomy as it is now.
async fn criteria(state: &AppState, request: &Request, adjust: Adjustments) -> Result<Criteria, AppError> {
    let taxonomy = state.taxonomy().await?;
    Ok(of_request(&request.fields, adjust, &taxonomy, Timestamp::now().date()))
}

/// The best `limit` candidates for the request, explained.
pub(crate) async fn candidates(
    state: &AppState,
    request: &Request,
    adjust: Adjustments,
    limit: usize,
) -> Result<Vec<Ranked>, AppError> {
    let criteria = criteria(state, request, adjust).await?;
    let search = state.search.clone();
    tokio::task::spawn_blocking(move || search.matches(&criteria, limit))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(|e| AppError::from_search("limit", e))
}

/// How many near misses a page lists.
const NEAR_MISSES: usize = 5;

/// Experts holding the must-haves whom a hard filter kept out, other than those `shown`.
async fn near_misses(
    state: &AppState,
    request: &Request,
    adjust: Adjustments,
    shown: HashSet<ExpertId>,
) -> Result<Vec<NearMiss>, AppError> {
    let criteria = criteria(state, request, adjust).await?;
    let search = state.search.clone();
    tokio::task::spawn_blocking(move || search.near_misses(&criteria, &shown, NEAR_MISSES))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(|e| AppError::from_search("limit", e))
}

#[derive(Template)]
#[template(path = "missions/matches.html")]
struct MatchesPage {
    page: PageContext,
    request: Request,
    params: MatchParams,
    candidates: RankedList,
    near: Vec<NearMissView>,
}

pub async fn page(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(params): Query<MatchParams>,
) -> Result<Response, AppError> {
    let request = for_matching(&state, &actor, &id).await?;
    let (adjust, limit) = params.adjustments();
    let ranked = candidates(&state, &request, adjust, limit).await?;
    let shown = ranked.iter().map(|r| r.id).collect();
    let misses = near_misses(&state, &request, adjust, shown).await?;
    let near = near_views(&state, &page, &request, &params, &misses).await?;
    let candidates = views(&state, &page, &request, &ranked).await?;
    render(&MatchesPage { page, request, params, candidates, near })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MatchCandidate {
    expert_id: String,
    score: f32,
    /// Meets every must-have: holds it at the level asked (or a narrower skill at that level),
    /// or listed it in words.
    meets_must_haves: bool,
    /// Every criterion's contribution (`contributions`), each wanted skill with how the
    /// candidate meets it (`skills`: `evidence` held, close, listed, mentioned or missing,
    /// `stood_in` for a close skill), the language margins, the slot, the expert's own limits
    /// loosened for this search (`relaxed`), and the other facts.
    #[schema(value_type = Object)]
    explanation: serde_json::Value,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MatchList {
    /// How many candidates meet every must-have (they come first).
    full_matches: usize,
    candidates: Vec<MatchCandidate>,
}

/// Candidates for a request, best first, each with the explanation of its score
/// (coordinators and admins). Those meeting every must-have come first. The hard filters
/// (consent, languages, availability, bookings, the experts' own limits unless loosened) are
/// never broken.
#[utoipa::path(get, path = "/api/v1/requests/{id}/matches", tag = "requests",
    params(("id" = String, Path, description = "Request id"), MatchParams),
    responses((status = 200, body = MatchList), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn api(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(params): Query<MatchParams>,
) -> Result<Json<MatchList>, AppError> {
    let request = for_matching(&state, &actor, &id).await?;
    let (adjust, limit) = params.adjustments();
    let ranked = candidates(&state, &request, adjust, limit).await?;
    let full_matches = ranked.iter().filter(|r| r.explanation.meets_must_haves).count();
    let candidates = ranked
        .into_iter()
        .map(|r| MatchCandidate {
            expert_id: r.id.to_string(),
            score: r.explanation.total,
            meets_must_haves: r.explanation.meets_must_haves,
            explanation: serde_json::to_value(&r.explanation).unwrap_or_default(),
        })
        .collect();
    Ok(Json(MatchList { full_matches, candidates }))
}
