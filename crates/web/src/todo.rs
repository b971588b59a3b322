//! The home of each role after sign-in: what waits for the person (see
//! `passerelle_missions::todo`), as a page (`/home`) and for the API (`/api/v1/me/todo`), with
//! a link to each piece of work and to the list it belongs to.

use crate::auth::CurrentUser;
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use passerelle_accounts::{Actor, Role};
use passerelle_core::{Country, Timestamp, parse_date};
use passerelle_missions::requests;
use passerelle_missions::todo::{self, Entry, Item, kinds};
use passerelle_search::criteria::Adjustments;

/// How many approved requests are asked about full matches (the most recently approved).
const MATCH_CHECKS: u32 = 30;
/// How many candidates of each are looked at for one meeting every must-have.
const MATCH_DEPTH: usize = 50;

/// Everything waiting for `actor`, in the order the home page shows it.
pub(crate) async fn for_actor(state: &AppState, actor: &Actor) -> Result<Vec<Item>, AppError> {
    let now = Timestamp::now();
    let mut items = Vec::new();
    if actor.role == Role::Expert {
        items.extend(profile_to_claim(state, actor).await?);
        items.extend(todo::for_expert(&state.db, actor.user_id, now, state.config.stale_after).await?);
    }
    if let Some(institution) = actor.institution.filter(|_| actor.role == Role::Institution) {
        items.extend(todo::for_host(&state.db, institution).await?);
    }
    if actor.is_staff() {
        let mut staff = todo::for_staff(&state.db, now.date()).await?;
        staff.insert(1, without_full_match(state).await?);
        items.extend(staff);
    }
    if actor.role == Role::Admin {
        items.extend(todo::for_admin(&state.db).await?);
    }
    Ok(items)
}

/// A profile carrying the expert's verified email and no account, to claim (see `onboarding`).
async fn profile_to_claim(state: &AppState, actor: &Actor) -> Result<Option<Item>, AppError> {
    let Some(user) = passerelle_accounts::users::by_id(&state.db, actor.user_id).await? else { return Ok(None) };
    if user.email_verified_at.is_none() {
        return Ok(None);
    }
    let found = passerelle_profiles::join::claimable(&state.db, &user.email).await?;
    let entries: Vec<Entry> =
        found.into_iter().map(|c| Entry { id: c.id.to_string(), title: c.name, detail: c.headline }).collect();
    Ok((!entries.is_empty()).then_some(Item { kind: PROFILE_TO_CLAIM, count: entries.len() as i64, entries }))
}

/// The kind of a profile to claim (the web layer finds it, from the account's email).
pub(crate) const PROFILE_TO_CLAIM: &str = "profile_to_claim";

/// Approved requests for which no candidate meets every must-have skill (the explanation's
/// `meets_must_haves`).
async fn without_full_match(state: &AppState) -> Result<Item, AppError> {
    let mut entries = Vec::new();
    for id in todo::approved_requests(&state.db, MATCH_CHECKS).await? {
        let Some(request) = requests::get(&state.db, id).await? else { continue };
        let ranked = crate::requests::matches::candidates(state, &request, Adjustments::default(), MATCH_DEPTH).await?;
        let full = ranked.iter().any(|r| r.explanation.meets_must_haves);
        if !full {
            let near = ranked.len().to_string();
            entries.push(Entry { id: id.to_string(), title: request.fields.title, detail: near });
        }
    }
    let count = entries.len() as i64;
    entries.truncate(todo::SHOWN);
    Ok(Item { kind: kinds::REQUESTS_WITHOUT_FULL_MATCH, count, entries })
}

/// Where an entry of `kind` leads, and where the whole list of that kind is.
pub(crate) fn links(kind: &str, id: &str) -> (String, Option<&'static str>) {
    match kind {
        PROFILE_TO_CLAIM => ("/claim-profile".to_owned(), Some("/claim-profile")),
        kinds::INVITATIONS_TO_ANSWER => (format!("/invitations/{id}"), Some("/invitations")),
        kinds::CALLS_TO_ANSWER => (format!("/calls/{id}"), None),
        kinds::REPORTS_DUE => (format!("/missions/{id}/report"), Some("/missions")),
        kinds::PROFILE_MISSING | kinds::PROFILE_STALE => ("/profile".to_owned(), Some("/profile")),
        kinds::REQUESTS_NEEDING_CHANGES | kinds::REQUESTS_TO_TAKE_OVER => {
            (format!("/requests/{id}"), Some("/requests"))
        }
        kinds::CANDIDATES_TO_APPROVE | kinds::INVITATIONS_EXPIRING => {
            (format!("/candidates/{id}"), Some("/candidates"))
        }
        kinds::MISSIONS_TO_EVALUATE => (format!("/missions/{id}/evaluation"), Some("/missions")),
        kinds::REVIEW_QUEUE => (format!("/requests/{id}"), Some("/requests")),
        kinds::REQUESTS_WITHOUT_FULL_MATCH => (format!("/requests/{id}/matches"), Some("/requests?status=approved")),
        kinds::CHECKLISTS_DUE | kinds::MISSIONS_TO_CLOSE => (format!("/missions/{id}"), Some("/missions")),
        kinds::ACCOUNTS_PENDING => (format!("/institutions/{id}/members"), Some("/admin/users")),
        kinds::INSTITUTIONS_TO_VERIFY => (format!("/institutions/{id}"), Some("/institutions")),
        _ => ("/home".to_owned(), None),
    }
}

/// An entry as the page shows it.
pub struct Line {
    pub href: String,
    pub text: String,
    pub detail: String,
}

/// An item as the page shows it.
pub struct Section {
    pub kind: &'static str,
    pub heading: String,
    pub count: i64,
    pub lines: Vec<Line>,
    pub all: Option<&'static str>,
}

/// A detail in the reader's words: a day, a moment, a country, an urgency; else as it is.
fn detail_text(page: &PageContext, kind: &str, detail: &str) -> String {
    if let Ok(day) = parse_date(detail) {
        return page.date(day);
    }
    if let Ok(at) = Timestamp::parse(detail) {
        return page.moment(&at);
    }
    match kind {
        kinds::INSTITUTIONS_TO_VERIFY => {
            Country::parse(detail).map_or_else(|_| detail.to_owned(), |c| c.name(page.locale).to_owned())
        }
        kinds::REVIEW_QUEUE if detail == "urgent" => page.t("request-urgency-urgent"),
        kinds::REVIEW_QUEUE => String::new(),
        kinds::REQUESTS_TO_TAKE_OVER => page.t(&format!("request-status-{detail}")),
        kinds::REQUESTS_WITHOUT_FULL_MATCH => page.t1("todo-near-misses", "count", detail),
        _ => detail.to_owned(),
    }
}

pub(crate) fn sections(page: &PageContext, items: Vec<Item>) -> Vec<Section> {
    items
        .into_iter()
        .filter(|item| item.count > 0)
        .map(|item| {
            let kind = item.kind;
            let lines = item
                .entries
                .into_iter()
                .map(|entry| {
                    let (href, _) = links(kind, &entry.id);
                    let text = match kind {
                        kinds::PROFILE_MISSING => page.t(&format!("completeness-{}", entry.id)),
                        kinds::PROFILE_STALE => page.t("todo-profile-confirm"),
                        _ => entry.title.clone(),
                    };
                    Line { href, text, detail: detail_text(page, kind, &entry.detail) }
                })
                .collect();
            Section {
                kind,
                heading: page.t1(&format!("todo-{}", kind.replace('_', "-")), "count", item.count),
                count: item.count,
                lines,
                all: links(kind, "").1,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "todo.html")]
struct HomePage {
    page: PageContext,
    sections: Vec<Section>,
}

/// `/home`: the signed-in person's to-do list.
pub async fn page(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
) -> Result<Response, AppError> {
    let items = for_actor(&state, &actor).await?;
    let sections = sections(&page, items);
    render(&HomePage { page, sections })
}
