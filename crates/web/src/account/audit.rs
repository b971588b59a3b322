//! The audit log page (admins): filters by action, actor, and period.

use super::require;
use crate::auth::CurrentUser;
use crate::forms::url_encode;
use crate::page::{PageContext, render};
use crate::pager::Pager;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use passerelle_accounts::audit::{self, Entry};
use passerelle_accounts::policy::{AccountAction, can};
use passerelle_core::{Timestamp, parse_date};
use serde::Deserialize;

const PAGE_SIZE: u32 = 100;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    action: String,
    actor: String,
    since: String,
    until: String,
    target_kind: String,
    target_id: String,
    /// From 1 to 10,000.
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    page: PageContext,
    query: AuditQuery,
    entries: Vec<Entry>,
    total: u64,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    crate::query::Query(query): crate::query::Query<AuditQuery>,
) -> Result<Response, AppError> {
    require(can(&actor, AccountAction::ReadAuditLog))?;
    let number = query.page.unwrap_or(1).max(1);
    let day_start = |text: &str| parse_date(text).ok().and_then(|d| Timestamp::parse(&format!("{d}T00:00:00Z")).ok());
    let filter = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
    let search = audit::Query {
        action: filter(&query.action),
        actor: filter(&query.actor),
        target_kind: filter(&query.target_kind),
        target_id: filter(&query.target_id),
        since: day_start(&query.since),
        until: day_start(&query.until).map(|t| t + time::Duration::days(1)),
        offset: (number - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let (entries, total) = audit::search(&state.db, &search).await?;
    let base = format!(
        "/admin/audit?action={}&actor={}&since={}&until={}&target_kind={}&target_id={}",
        url_encode(&query.action),
        url_encode(&query.actor),
        url_encode(&query.since),
        url_encode(&query.until),
        url_encode(&query.target_kind),
        url_encode(&query.target_id)
    );
    let pager = Pager::new(&page, &base, number, total, PAGE_SIZE);
    render(&AuditPage { page, query, entries, total, pager })
}
