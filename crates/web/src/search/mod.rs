//! Roster search for coordinators: free text in either language (skill synonyms included),
//! filters, facet counts, highlighted extracts, sorting and pages; as a page and as
//! `/api/v1/search/experts`.

mod from_text;

use crate::auth::CurrentUser;
use crate::forms::url_encode;
use crate::page::{PageContext, render};
use crate::pager::Pager;
use crate::profiles::choices::Choices;
use crate::query::Query;
use crate::routes::Routes;
use crate::{AppError, AppState};
use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use passerelle_core::{Country, Language, Sector, Timestamp};
use passerelle_profiles::policy::{ProfileAction, can};
use passerelle_profiles::store;
use passerelle_search::quarter_of;
use passerelle_search::roster::{RosterResult, RosterSearch, Sort};
use serde::{Deserialize, Serialize};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/search", "search.roster", page)
        .reads::<SearchParams>()
        .post("/search/from-text", "search.from_text", from_text::from_text)
        .get("/api/v1/search/experts", "api.search.experts", api)
        .reads::<SearchParams>()
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Free text, in English or French: skills (any name or gender), experience, anything.
    pub q: String,
    /// A sector code (health, tvet…).
    pub sector: String,
    /// Country of origin (ISO 3166-1 alpha-2).
    pub origin: String,
    /// A language (BCP 47) the expert speaks.
    pub language: String,
    /// `on`: only experts available some time this quarter.
    pub quarter: String,
    /// `on`: only experts who consent to be matched.
    pub consenting: String,
    /// relevance (default), updated or experience.
    #[param(value_type = Option<String>, pattern = "^(relevance|updated|experience)?$")]
    pub sort: String,
    /// From 1 to 500, pages of 20: the search serves the first 10,000 results.
    #[param(minimum = 1, maximum = 500)]
    pub page: Option<u32>,
    /// A request to shortlist the experts found for (pages only).
    #[param(ignore)]
    pub request: String,
    /// How many skills a text named, when the search was made from one (pages only).
    #[param(ignore)]
    pub found: String,
}

/// Results per page; with at most 500 pages, a page ends within the search's window
/// (`passerelle_search::window::MAX_WINDOW`).
const PAGE_SIZE: usize = 20;

impl SearchParams {
    fn search(&self) -> Result<RosterSearch, AppError> {
        let mut problems = passerelle_core::Problems::new();
        fn parse(text: &str) -> Option<&str> {
            Some(text.trim()).filter(|t| !t.is_empty())
        }
        let sector = parse(&self.sector).and_then(|s| problems.parse("sector", s, Sector::parse));
        let origin = parse(&self.origin).and_then(|s| problems.parse("origin", s, Country::parse));
        let language = parse(&self.language).and_then(|s| problems.parse("language", s, Language::parse));
        let sort = match self.sort.as_str() {
            "" | "relevance" => Sort::Relevance,
            "updated" => Sort::RecentlyUpdated,
            "experience" => Sort::MostExperienced,
            other => {
                problems.push(passerelle_core::FieldError::new(
                    "sort",
                    "sort.unknown",
                    format!("{other:?}: relevance, updated or experience"),
                ));
                Sort::Relevance
            }
        };
        let page = self.page.unwrap_or(1).max(1) as usize;
        problems
            .finish(|| RosterSearch {
                text: self.q.chars().take(500).collect(),
                sector,
                origin,
                language,
                available: (self.quarter == "on").then(|| quarter_of(Timestamp::now().date())),
                consenting: self.consenting == "on",
                sort,
                offset: (page - 1) * PAGE_SIZE,
                limit: PAGE_SIZE,
            })
            .map_err(AppError::Invalid)
    }

    /// How many skills the text this search was made from named, when it was made from one.
    pub fn found_in_text(&self) -> Option<usize> {
        self.found.parse().ok()
    }

    fn link(&self) -> String {
        let pairs = [
            ("q", &self.q),
            ("sector", &self.sector),
            ("origin", &self.origin),
            ("language", &self.language),
            ("quarter", &self.quarter),
            ("consenting", &self.consenting),
            ("sort", &self.sort),
            ("request", &self.request),
        ];
        format!("/search?{}", pairs.iter().map(|(k, v)| format!("{k}={}", url_encode(v))).collect::<Vec<_>>().join("&"))
    }

    /// This search with one filter set to another value.
    pub fn with(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("q", self.q.clone()),
            ("sector", self.sector.clone()),
            ("origin", self.origin.clone()),
            ("language", self.language.clone()),
            ("quarter", self.quarter.clone()),
            ("consenting", self.consenting.clone()),
            ("sort", self.sort.clone()),
            ("request", self.request.clone()),
        ];
        for pair in &mut pairs {
            if pair.0 == key {
                pair.1 = value.to_owned();
            }
        }
        format!("/search?{}", pairs.iter().map(|(k, v)| format!("{k}={}", url_encode(v))).collect::<Vec<_>>().join("&"))
    }
}

async fn run(state: &AppState, search: RosterSearch) -> Result<RosterResult, AppError> {
    let service = state.search.clone();
    let taxonomy = state.taxonomy().await?;
    let quarter = quarter_of(Timestamp::now().date());
    tokio::task::spawn_blocking(move || service.roster(&search, quarter, taxonomy))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(|e| AppError::from_search("page", e))
}

pub struct Line {
    pub id: String,
    pub name: String,
    pub headline: String,
    pub snippet: String,
    pub place: String,
}

pub struct FacetLink {
    pub label: String,
    pub count: u64,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "search/roster.html")]
struct SearchPage {
    page: PageContext,
    params: SearchParams,
    total: usize,
    lines: Vec<Line>,
    sectors: Vec<FacetLink>,
    origins: Vec<FacetLink>,
    languages: Vec<FacetLink>,
    available_in_quarter: u64,
    pager: Pager,
    choices: Choices,
    /// The request the coordinator looks for candidates for, if open, with its title.
    for_request: Option<(String, String)>,
    /// The experts already in that request's pipeline.
    in_pipeline: std::collections::HashMap<String, String>,
}

pub async fn page(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(params): Query<SearchParams>,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, ProfileAction::List, None))?;
    let result = run(&state, params.search()?).await?;
    let ids: Vec<_> = result.hits.iter().map(|h| h.id).collect();
    let profiles = store::load_many(&state.db, &ids).await?;
    let lines = result
        .hits
        .iter()
        .filter_map(|hit| {
            let p = profiles.iter().find(|p| p.id == hit.id)?;
            Some(Line {
                id: hit.id.to_string(),
                name: p.data.name.clone(),
                headline: p.data.headline.clone(),
                snippet: hit.snippet.clone(),
                place: p.data.residence_country.map(|c| c.name(page.locale).to_owned()).unwrap_or_default(),
            })
        })
        .collect();
    let locale = page.locale;
    let sectors = result
        .facets
        .sectors
        .iter()
        .map(|(s, n)| FacetLink {
            label: s.label(locale).into(),
            count: *n,
            href: params.with("sector", s.code()),
            current: params.sector == s.code(),
        })
        .collect();
    let origins = result
        .facets
        .origins
        .iter()
        .take(12)
        .map(|(c, n)| FacetLink {
            label: c.name(locale).into(),
            count: *n,
            href: params.with("origin", c.code()),
            current: params.origin == c.code(),
        })
        .collect();
    let languages = result
        .facets
        .languages
        .iter()
        .take(12)
        .map(|(l, n)| FacetLink {
            label: l.name(locale).into(),
            count: *n,
            href: params.with("language", l.code()),
            current: params.language == l.code(),
        })
        .collect();
    let number = params.page.unwrap_or(1).max(1);
    // The pager offers no page past the last one the search serves.
    let served = result.total.min(passerelle_search::window::MAX_WINDOW) as u64;
    let pager = Pager::new(&page, &params.link(), number, served, PAGE_SIZE as u32);
    let choices = Choices::new(&page);
    let for_request = match passerelle_core::RequestId::parse(&params.request) {
        Ok(id) => passerelle_missions::requests::get(&state.db, id)
            .await?
            .filter(|r| r.status == passerelle_missions::requests::Status::Approved),
        Err(_) => None,
    };
    let in_pipeline = match &for_request {
        Some(request) => crate::candidates::in_pipeline(&state, &page, request.id)
            .await?
            .into_iter()
            .map(|(id, status)| (id.to_string(), status))
            .collect(),
        None => Default::default(),
    };
    let for_request = for_request.map(|r| (r.id.to_string(), r.fields.title));
    render(&SearchPage {
        for_request,
        in_pipeline,
        page,
        total: result.total,
        lines,
        sectors,
        origins,
        languages,
        available_in_quarter: result.facets.available_in_quarter,
        pager,
        choices,
        params,
    })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiHit {
    id: String,
    score: f32,
    /// An extract with the matching words in `<b>`, HTML-escaped.
    snippet: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Count {
    value: String,
    count: u64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiFacets {
    sectors: Vec<Count>,
    origins: Vec<Count>,
    languages: Vec<Count>,
    available_this_quarter: u64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiResults {
    total: usize,
    hits: Vec<ApiHit>,
    facets: ApiFacets,
}

/// Searches the roster (coordinators and admins).
#[utoipa::path(get, path = "/api/v1/search/experts", tag = "search", params(SearchParams),
    responses((status = 200, body = ApiResults), (status = 401, body = crate::error::Problem), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json")))]
pub async fn api(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(params): Query<SearchParams>,
) -> Result<Json<ApiResults>, AppError> {
    if !can(&actor, ProfileAction::List, None) {
        return Err(AppError::Forbidden);
    }
    let result = run(&state, params.search()?).await?;
    let count = |value: String, count: u64| Count { value, count };
    Ok(Json(ApiResults {
        total: result.total,
        hits: result
            .hits
            .into_iter()
            .map(|h| ApiHit { id: h.id.to_string(), score: h.score, snippet: h.snippet })
            .collect(),
        facets: ApiFacets {
            sectors: result.facets.sectors.iter().map(|(s, n)| count(s.code().into(), *n)).collect(),
            origins: result.facets.origins.iter().map(|(c, n)| count(c.code().into(), *n)).collect(),
            languages: result.facets.languages.iter().map(|(l, n)| count(l.code().into(), *n)).collect(),
            available_this_quarter: result.facets.available_in_quarter,
        },
    }))
}
