//! The audit log page (admins): filters by action, actor, and period.

use crate::auth::CurrentUser;
use crate::auth::require;
use crate::forms::url_encode;
use crate::history;
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

/// An entry as the page reads it: who did what, on what, in words.
pub struct Row {
    pub at: String,
    pub who: String,
    /// The address or email the log kept, when it says more than the name.
    pub label: String,
    pub what: String,
    /// The action's code, for filtering.
    pub action: String,
    pub target: String,
    pub target_link: Option<String>,
    pub client_ip: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    page: PageContext,
    query: AuditQuery,
    rows: Vec<Row>,
    total: u64,
    pager: Pager,
    /// The kinds of actions to filter by: (code or first part of codes, words).
    actions: Vec<(String, String)>,
}

/// The first parts of the actions' codes, each a kind of action to filter by.
const FAMILIES: &[&str] = &[
    "account",
    "login",
    "password",
    "email",
    "role",
    "token",
    "membership",
    "profile",
    "consent",
    "credential",
    "request",
    "candidate",
    "mission",
    "institution",
    "programme",
    "call",
    "search",
    "export",
];

fn action_choices(page: &PageContext, chosen: &str) -> Vec<(String, String)> {
    let mut choices: Vec<(String, String)> =
        FAMILIES.iter().map(|f| ((*f).to_owned(), page.t(&format!("audit-family-{f}")))).collect();
    crate::format::sort_by_name(&mut choices, |c| &c.1);
    let chosen = chosen.trim();
    if !chosen.is_empty() && !FAMILIES.contains(&chosen) {
        choices.insert(0, (chosen.to_owned(), history::action_label(page, chosen)));
    }
    choices
}

fn rows(
    page: &PageContext,
    entries: Vec<Entry>,
    names: &std::collections::HashMap<passerelle_core::UserId, String>,
) -> Vec<Row> {
    entries
        .into_iter()
        .map(|e| {
            let who = history::who(page, names, e.actor_id, &e.actor_label);
            let (target, target_link) = history::target(page, &e.target_kind, &e.target_id);
            Row {
                at: page.moment(&e.at),
                label: if e.actor_label == who { String::new() } else { e.actor_label.clone() },
                who,
                what: history::action_label(page, &e.action),
                detail: history::detail(page, &e.action, &e.detail),
                action: e.action,
                target,
                target_link,
                client_ip: e.client_ip,
            }
        })
        .collect()
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
    let names = history::names_of(&state, entries.iter().filter_map(|e| e.actor_id)).await?;
    let rows = rows(&page, entries, &names);
    let actions = action_choices(&page, &query.action);
    render(&AuditPage { page, query, rows, total, pager, actions })
}
