//! Ranked, explained candidates for a request (coordinators): on the request's page (the top
//! few), on a page of their own where the coordinator can loosen what is asked, and as
//! `GET /api/v1/requests/{id}/matches`.

use super::requests::visible;
use crate::auth::CurrentUser;
use crate::page::{PageContext, render};
use crate::query::Query;
use crate::{AppError, AppState};
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use passerelle_accounts::Actor;
use passerelle_core::{Cefr, ExpertId};
use passerelle_missions::requests::Request;
use passerelle_profiles::store;
use passerelle_search::Ranked;
use passerelle_search::criteria::{Adjustments, of_request};
use passerelle_search::rank::Criterion;
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
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
}

impl MatchParams {
    /// The loosening asked for, and how many candidates. The ranges were checked when the
    /// query was read (`crate::query`).
    fn adjustments(&self) -> (Adjustments, usize) {
        let limit = self.limit.unwrap_or(20) as usize;
        let widen_days = self.widen_days.unwrap_or(0);
        (Adjustments { relax_languages: self.relax_languages == "on", widen_days }, limit)
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

/// The best `limit` candidates for the request, explained.
pub(super) async fn candidates(
    state: &AppState,
    request: &Request,
    adjust: Adjustments,
    limit: usize,
) -> Result<Vec<Ranked>, AppError> {
    let criteria = of_request(&request.fields, adjust);
    let search = state.search.clone();
    tokio::task::spawn_blocking(move || search.matches(&criteria, &search.weights, limit))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(|e| AppError::from_search("limit", e))
}

pub struct Part {
    pub label: String,
    pub points: String,
    /// Empty when the criterion has no ceiling (it can only take points away).
    pub max: String,
    pub negative: bool,
}

/// A candidate as a coordinator reads it: one row of what decides at a glance, and the
/// explanation of the score folded under it.
pub struct CandidateView {
    pub rank: usize,
    pub id: ExpertId,
    pub name: String,
    pub headline: String,
    pub score: String,
    /// "2 of 3" must-have skills at the level asked, or "—" when none is asked.
    pub must: String,
    pub must_class: &'static str,
    /// Every must-have skill at the level asked (the others are near misses).
    pub meets_all: bool,
    /// "French C2": each required language at the candidate's level.
    pub languages: Vec<String>,
    /// When the candidate could do the mission, in short.
    pub availability: String,
    /// The candidate's countries of origin.
    pub origin: String,
    pub origin_matches: bool,
    /// Verified credentials, host ratings, a profile to confirm: (text, badge class).
    pub flags: Vec<(String, &'static str)>,
    pub parts: Vec<Part>,
    /// "nurse anaesthesia: 4 (at least 3)" — matched, partly matched, missing.
    pub skills: Vec<(String, &'static str)>,
    pub language_lines: Vec<String>,
    pub slot: String,
    /// The request, for the shortlist button.
    pub request: passerelle_core::RequestId,
    /// The candidate's status in the request's pipeline, if already in it.
    pub in_pipeline: Option<String>,
    /// A coordinator may shortlist (the request is open).
    pub can_shortlist: bool,
}

/// The ranked candidates split for the page: those who meet every must-have, and the near
/// misses, shown apart.
pub struct RankedList {
    pub meeting: Vec<CandidateView>,
    pub near: Vec<CandidateView>,
}

impl RankedList {
    pub fn is_empty(&self) -> bool {
        self.meeting.is_empty() && self.near.is_empty()
    }
}

pub(super) async fn views(
    state: &AppState,
    page: &PageContext,
    request: &Request,
    ranked: &[Ranked],
) -> Result<RankedList, AppError> {
    let pipeline = crate::pipeline::in_pipeline(state, page, request.id).await?;
    let open = request.status == passerelle_missions::requests::Status::Approved;
    let ids: Vec<ExpertId> = ranked.iter().map(|r| r.id).collect();
    let profiles = store::load_many(&state.db, &ids).await?;
    let skill_ids: Vec<_> = ranked.iter().flat_map(|r| r.explanation.skills.iter().map(|s| s.skill.clone())).collect();
    let skills = passerelle_taxonomy::by_ids(&state.db, &skill_ids).await?;
    let number = |x: f32| page.decimal(x, 1);
    let views = ranked.iter().enumerate().filter_map(|(i, r)| {
        let profile = profiles.iter().find(|p| p.id == r.id)?;
        let e = &r.explanation;
        let parts = e
            .contributions
            .iter()
            .filter(|c| c.max > 0.0 || c.points != 0.0)
            .map(|c| Part {
                label: page.t(&format!("match-criterion-{}", criterion_code(c.criterion))),
                points: number(c.points),
                max: if c.max > 0.0 { number(c.max) } else { String::new() },
                negative: c.points < 0.0,
            })
            .collect();
        let skill_lines = e
            .skills
            .iter()
            .map(|s| {
                let name =
                    skills.get(&s.skill).map_or_else(|| s.skill.to_string(), |k| k.label(page.locale).to_owned());
                let kind = if s.must { page.t("match-must") } else { page.t("match-nice") };
                match s.level {
                    Some(l) if l >= s.required => {
                        (page.t2("match-skill-has", "skill", format!("{name} ({kind})"), "level", l), "ok")
                    }
                    Some(l) => (
                        page.t2(
                            "match-skill-below",
                            "skill",
                            format!("{name} ({kind})"),
                            "level",
                            format!("{l}/{}", s.required),
                        ),
                        "warn",
                    ),
                    None => (page.t1("match-skill-missing", "skill", format!("{name} ({kind})")), "error"),
                }
            })
            .collect();
        let musts: Vec<_> = e.skills.iter().filter(|s| s.must).collect();
        let met = musts.iter().filter(|s| s.level.is_some_and(|l| l >= s.required)).count();
        let (must, must_class) = if musts.is_empty() {
            ("—".to_owned(), "")
        } else {
            // Missing altogether is red; held below the level asked, amber.
            let close = musts.iter().all(|s| s.level.is_some());
            let class = if met == musts.len() {
                "ok"
            } else if met > 0 || close {
                "warn"
            } else {
                "error"
            };
            (page.t2("match-must-met", "met", met, "total", musts.len()), class)
        };
        let languages = e
            .languages
            .iter()
            .map(|l| {
                let level = Cefr::ALL.get(usize::from(l.required.rank() - 1 + l.margin)).copied().unwrap_or(l.required);
                format!("{} {}", l.language.name(page.locale), page.cefr(level))
            })
            .collect();
        let language_lines = e
            .languages
            .iter()
            .map(|l| page.t2("match-language", "language", l.language.name(page.locale), "margin", l.margin))
            .collect();
        let slot = e.slot.map_or_else(String::new, |s| {
            page.t2("match-slot", "from", page.date(s.start()), "to", page.date(s.end()))
        });
        let availability = e.slot.map_or_else(String::new, |s| {
            page.t2("match-slot-short", "from", page.short_date(s.start()), "to", page.short_date(s.end()))
        });
        let mut flags = Vec::new();
        if e.verified_credentials > 0 {
            flags.push((page.t1("match-verified", "count", e.verified_credentials), "ok"));
        }
        if let Some(avg) = e.average_rating {
            flags.push((page.t2("match-rating", "rating", page.decimal(avg, 1), "count", e.evaluations), ""));
        }
        if e.stale {
            flags.push((page.t("match-stale"), "warn"));
        }
        let origin = profile.data.origins.iter().map(|c| c.name(page.locale)).collect::<Vec<_>>().join(", ");
        Some(CandidateView {
            rank: i + 1,
            id: r.id,
            name: profile.data.name.clone(),
            headline: profile.data.headline.clone(),
            score: number(e.total),
            must,
            must_class,
            meets_all: met == musts.len(),
            languages,
            availability,
            origin,
            origin_matches: e.origin_matches,
            flags,
            parts,
            skills: skill_lines,
            language_lines,
            slot,
            request: request.id,
            in_pipeline: pipeline.get(&r.id).cloned(),
            can_shortlist: open,
        })
    });
    let (meeting, near) = views.partition(|c: &CandidateView| c.meets_all);
    Ok(RankedList { meeting, near })
}

fn criterion_code(c: Criterion) -> &'static str {
    match c {
        Criterion::MustHave => "must",
        Criterion::NiceToHave => "nice",
        Criterion::Languages => "languages",
        Criterion::Availability => "availability",
        Criterion::Origin => "origin",
        Criterion::Sector => "sector",
        Criterion::Experience => "experience",
        Criterion::Credentials => "credentials",
        Criterion::Freshness => "freshness",
        Criterion::Evaluations => "evaluations",
        Criterion::Text => "text",
    }
}

#[derive(Template)]
#[template(path = "missions/matches.html")]
struct MatchesPage {
    page: PageContext,
    request: Request,
    params: MatchParams,
    candidates: RankedList,
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
    let candidates = views(&state, &page, &request, &ranked).await?;
    render(&MatchesPage { page, request, params, candidates })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MatchCandidate {
    expert_id: String,
    score: f32,
    /// Every criterion's contribution (`contributions`), the required skills with the
    /// candidate's levels (`skills`), the language margins, the slot, and the other facts.
    #[schema(value_type = Object)]
    explanation: serde_json::Value,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MatchList {
    candidates: Vec<MatchCandidate>,
}

/// Candidates for a request, best first, each with the explanation of its score
/// (coordinators and admins). The hard filters (consent, languages, availability, bookings)
/// are never broken.
#[utoipa::path(get, path = "/api/v1/requests/{id}/matches", tag = "requests",
    params(("id" = String, Path, description = "Request id"), MatchParams),
    responses((status = 200, body = MatchList), (status = 401, body = crate::api::Problem), (status = 403, body = crate::api::Problem),
        (status = 404, body = crate::api::Problem), (status = 422, body = crate::api::Problem, content_type = "application/problem+json")))]
pub async fn api(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(params): Query<MatchParams>,
) -> Result<Json<MatchList>, AppError> {
    let request = for_matching(&state, &actor, &id).await?;
    let (adjust, limit) = params.adjustments();
    let ranked = candidates(&state, &request, adjust, limit).await?;
    let candidates = ranked
        .into_iter()
        .map(|r| MatchCandidate {
            expert_id: r.id.to_string(),
            score: r.explanation.total,
            explanation: serde_json::to_value(&r.explanation).unwrap_or_default(),
        })
        .collect();
    Ok(Json(MatchList { candidates }))
}
