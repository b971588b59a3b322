//! `/api/v1/saved-searches`: roster searches kept under a name by coordinators and admins (who
//! share them), to run again and to send calls for experts with ([`super::calls`]).

use super::body::{json, paging};
use super::calls::{page_of, staff};
use crate::auth::{ClientIp, CurrentUser};
use crate::query::Query;
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_core::{Country, Language, SavedSearchId, Sector, Timestamp};
use passerelle_missions::calls::{self, SavedSearch, SearchParams};
use passerelle_search::quarter_of;
use serde::{Deserialize, Serialize};

/// The longest search text kept with a saved search, in characters (the page keeps as much).
const MAX_SEARCH_TEXT: usize = 500;

/// The longest name of a saved search, in characters (as `calls::save_search` checks it).
const MAX_SEARCH_NAME: usize = 120;

/// A roster search kept under a name.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = SavedSearch)]
pub struct SavedSearchView {
    id: String,
    name: String,
    /// The account that saved it, if it still exists.
    owner_id: Option<String>,
    /// The free text searched for (may be empty).
    text: String,
    /// A sector code.
    sector: Option<String>,
    /// Country of origin (ISO 3166-1 alpha-2).
    origin: Option<String>,
    /// A language (BCP 47) the experts speak.
    language: Option<String>,
    /// Experts available some time in this period (YYYY-MM-DD, both included), if asked.
    available_from: Option<String>,
    available_to: Option<String>,
    created_at: String,
}

fn search_view(s: &SavedSearch) -> SavedSearchView {
    let p = &s.params;
    SavedSearchView {
        id: s.id.to_string(),
        name: s.name.clone(),
        owner_id: s.owner.map(|u| u.to_string()),
        text: p.text.clone(),
        sector: p.sector.map(|v| v.code().to_owned()),
        origin: p.origin.map(|v| v.code().to_owned()),
        language: p.language.map(|v| v.code().to_owned()),
        available_from: p.available.map(|r| r.start().to_string()),
        available_to: p.available.map(|r| r.end().to_string()),
        created_at: s.created_at.to_string(),
    }
}

/// Saved searches, by name.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SavedSearchList {
    items: Vec<SavedSearchView>,
    /// How many there are in all.
    total: u64,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct SavedSearchListQuery {
    /// Results to skip, from 0 to 1,000,000.
    #[param(minimum = 0, maximum = 1000000)]
    offset: Option<u32>,
    /// 1 to 200, default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// The saved searches (coordinators and admins: they share them), by name.
#[utoipa::path(
    get,
    path = "/api/v1/saved-searches",
    tag = "calls",
    params(SavedSearchListQuery),
    responses(
        (status = 200, description = "The saved searches, by name", body = SavedSearchList),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a coordinator or admin", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`offset` or `limit` out of range", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn searches(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<SavedSearchListQuery>,
) -> Result<Json<SavedSearchList>, AppError> {
    staff(&actor)?;
    let (offset, limit) = paging(query.offset, query.limit)?;
    let all = calls::saved_searches(&state.db).await?;
    let total = all.len() as u64;
    let items = page_of(all, offset, limit).iter().map(search_view).collect();
    Ok(Json(SavedSearchList { items, total }))
}

/// A roster search to keep under a name. Blank criteria are left out of the search.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = NewSavedSearch)]
pub struct SavedSearchBody {
    /// Up to 120 characters.
    #[schema(required = true)]
    name: String,
    /// Free text, in English or French, up to 500 characters on one line.
    text: String,
    /// A sector code (health, tvet…).
    sector: Option<String>,
    /// Country of origin (ISO 3166-1 alpha-2).
    origin: Option<String>,
    /// A language (BCP 47) the experts speak.
    language: Option<String>,
    /// Only experts available some time in the current quarter.
    available_this_quarter: bool,
}

/// Saves a roster search under a name (coordinators and admins), to send calls with; recorded
/// in the audit log. Calls reach only the experts who consent to be matched.
#[utoipa::path(
    post,
    path = "/api/v1/saved-searches",
    tag = "calls",
    request_body = SavedSearchBody,
    responses(
        (status = 201, description = "Saved", body = SavedSearchView,
            headers(("Location" = String, description = "The saved search's address, to delete it"))),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a coordinator or admin", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn save_search(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AppError> {
    staff(&actor)?;
    let input: SavedSearchBody = json(&body)?;
    let mut problems = passerelle_core::Problems::new();
    let optional = |text: &Option<String>| text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    // The name as the store checks it, so that every invalid field is named at once.
    let name = problems.text("name", &input.name, MAX_SEARCH_NAME, true);
    let params = SearchParams {
        text: problems.text("text", &input.text, MAX_SEARCH_TEXT, false),
        sector: optional(&input.sector).and_then(|s| problems.parse("sector", &s, Sector::parse)),
        origin: optional(&input.origin).and_then(|s| problems.parse("origin", &s, Country::parse)),
        language: optional(&input.language).and_then(|s| problems.parse("language", &s, Language::parse)),
        available: input.available_this_quarter.then(|| quarter_of(Timestamp::now().date())),
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems.into_vec()));
    }
    let id = calls::save_search(&state.db, &actor, &name, &params, &ip.to_string()).await.map_err(AppError::from)?;
    let saved = calls::saved_search(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let location = format!("/api/v1/saved-searches/{id}");
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(search_view(&saved))).into_response())
}

/// Forgets a saved search (coordinators and admins); the calls sent with it keep their
/// recipients. Recorded in the audit log.
#[utoipa::path(
    delete,
    path = "/api/v1/saved-searches/{id}",
    tag = "calls",
    params(("id" = String, Path, description = "The saved search's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a coordinator or admin", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such saved search", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_search(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    staff(&actor)?;
    let id = SavedSearchId::parse(&id).map_err(|_| AppError::NotFound)?;
    calls::delete_search(&state.db, &actor, id, &ip.to_string()).await.map_err(AppError::from)?;
    Ok(StatusCode::NO_CONTENT)
}
