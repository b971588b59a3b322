//! Calls for experts and saved searches: a coordinator saves a roster search, sends an urgent
//! call to the experts it finds, reads the answers and shortlists those interested for a
//! request; experts answer interested or not available.

use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::forms::url_encode;
use crate::page::{PageContext, render};
use crate::routes::Routes;
use crate::visible::call as visible;
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_core::{Country, ExpertId, FieldError, Language, SavedSearchId, Sector, Timestamp};
use passerelle_missions::calls::{self, Answer, Call, CallInput, SavedSearch, SearchParams};
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::requests;
use passerelle_search::quarter_of;
use passerelle_search::roster::RosterSearch;
use serde::Deserialize;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/calls", "call.list", list)
        .get("/calls/new", "call.new.form", new_form)
        .post("/calls/new", "call.create", create)
        .get("/calls/{id}", "call.view", show)
        .post("/calls/{id}/answer", "call.answer", answer)
        .post("/calls/{id}/close", "call.close", close)
        .post("/saved-searches", "search.save", save_search)
        .post("/saved-searches/{id}/delete", "search.delete", delete_search)
}

/// The most experts a call reaches.
pub const MAX_RECIPIENTS: usize = 200;

fn staff(actor: &Actor) -> Result<(), AppError> {
    crate::auth::require(can(actor, PipelineAction::Coordinate))
}

/// Runs a saved search on the roster: the consenting experts it finds.
pub(crate) async fn recipients(state: &AppState, params: &SearchParams) -> Result<Vec<ExpertId>, AppError> {
    let search = RosterSearch {
        text: params.text.clone(),
        sector: params.sector,
        origin: params.origin,
        language: params.language,
        available: params.available,
        consenting: true,
        limit: MAX_RECIPIENTS,
        ..Default::default()
    };
    let service = state.search.clone();
    let taxonomy = state.taxonomy().await?;
    let quarter = quarter_of(Timestamp::now().date());
    let result = tokio::task::spawn_blocking(move || service.roster(&search, quarter, taxonomy))
        .await
        .map_err(anyhow::Error::from)?
        .map_err(|e| AppError::from_search("limit", e))?;
    Ok(result.hits.into_iter().map(|h| h.id).collect())
}

/// The roster search's page for a saved search.
pub fn search_link(params: &SearchParams) -> String {
    let code = |v: Option<String>| v.unwrap_or_default();
    format!(
        "/search?q={}&sector={}&origin={}&language={}&quarter={}&consenting=on",
        url_encode(&params.text),
        code(params.sector.map(|s| s.code().to_owned())),
        code(params.origin.map(|c| c.code().to_owned())),
        code(params.language.map(|l| l.code().to_owned())),
        if params.available.is_some() { "on" } else { "" },
    )
}

pub struct SearchLine {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub link: String,
}

fn search_line(page: &PageContext, s: &SavedSearch) -> SearchLine {
    let p = &s.params;
    let mut parts = Vec::new();
    if !p.text.is_empty() {
        parts.push(format!("« {} »", p.text));
    }
    if let Some(sector) = p.sector {
        parts.push(sector.label(page.locale).to_owned());
    }
    if let Some(origin) = p.origin {
        parts.push(page.t1("search-saved-origin", "country", origin.name(page.locale)));
    }
    if let Some(language) = p.language {
        parts.push(language.name(page.locale).to_owned());
    }
    if let Some(range) = p.available {
        parts.push(page.t2("search-saved-available", "start", page.date(range.start()), "end", page.date(range.end())));
    }
    SearchLine { id: s.id.to_string(), name: s.name.clone(), summary: parts.join(" · "), link: search_link(p) }
}

pub struct CallLine {
    pub id: String,
    pub title: String,
    pub sent: String,
    pub reply_by: String,
    pub open: bool,
    pub recipients: i64,
    pub interested: i64,
}

fn call_line(page: &PageContext, call: &Call) -> CallLine {
    CallLine {
        id: call.id.to_string(),
        title: call.title.clone(),
        sent: page.date(call.created_at.date()),
        reply_by: call.reply_by().map(|d| page.date(d)).unwrap_or_default(),
        open: call.is_open(),
        recipients: call.recipients,
        interested: call.interested,
    }
}

#[derive(Template)]
#[template(path = "pipeline/calls.html")]
struct ListPage {
    page: PageContext,
    calls: Vec<CallLine>,
    searches: Vec<SearchLine>,
    notice: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    staff(&actor)?;
    let calls = calls::list(&state.db).await?.iter().map(|c| call_line(&page, c)).collect();
    let searches = calls::saved_searches(&state.db).await?.iter().map(|s| search_line(&page, s)).collect();
    let notice = match done.done.as_deref() {
        Some("deleted") => page.t("search-deleted"),
        _ => String::new(),
    };
    render(&ListPage { page, calls, searches, notice })
}

#[derive(Template)]
#[template(path = "pipeline/call_form.html")]
struct FormPage {
    page: PageContext,
    form: FormErrors,
    values: CallInput,
    searches: Vec<SearchLine>,
    requests: Vec<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    saved_search: String,
    request: String,
}

async fn form_page(
    state: &AppState,
    page: PageContext,
    values: CallInput,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let searches = calls::saved_searches(&state.db).await?.iter().map(|s| search_line(&page, s)).collect();
    let query = requests::Query { status: Some(requests::Status::Approved), limit: 200, ..Default::default() };
    let requests = requests::search(&state.db, &query)
        .await?
        .0
        .into_iter()
        .map(|r| (r.id.to_string(), format!("{} — {}", r.title, r.institution_name)))
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = render(&FormPage { form: FormErrors::new(page.locale, errors), values, searches, requests, page })?;
    Ok((status, body).into_response())
}

pub async fn new_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<NewQuery>,
) -> Result<Response, AppError> {
    staff(&actor)?;
    let values = CallInput {
        saved_search_id: query.saved_search,
        request_id: query.request,
        reply_by: (Timestamp::now().date() + time::Duration::days(3)).to_string(),
        ..Default::default()
    };
    form_page(&state, page, values, vec![]).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CallForm {
    title: String,
    message: String,
    saved_search_id: String,
    request_id: String,
    reply_by: String,
}

pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<CallForm>,
) -> Result<Response, AppError> {
    staff(&actor)?;
    let values = CallInput {
        title: form.title,
        message: form.message,
        saved_search_id: form.saved_search_id,
        request_id: form.request_id,
        reply_by: form.reply_by,
    };
    let fields = match values.validate(Timestamp::now().date()) {
        Ok(fields) => fields,
        Err(errors) => return form_page(&state, page, values, errors).await,
    };
    let Some(search) = calls::saved_search(&state.db, fields.saved_search).await? else {
        let errors = vec![FieldError::new("saved_search_id", "call.search_required", "choose a saved search")];
        return form_page(&state, page, values, errors).await;
    };
    let experts = recipients(&state, &search.params).await?;
    match calls::create(&state.db, &actor, &fields, &experts, &ip.to_string()).await {
        Ok(id) => {
            state.notifications_queued.notify_one();
            Ok(Redirect::to(&format!("/calls/{id}?done=sent")).into_response())
        }
        Err(calls::CallError::Invalid(errors)) => form_page(&state, page, values, errors).await,
        Err(error) => Err(error.into()),
    }
}

pub struct RecipientLine {
    pub expert: String,
    pub name: String,
    pub answer: &'static str,
    pub answer_label: String,
    pub note: String,
    pub answered: String,
    /// Already in the linked request's pipeline.
    pub in_pipeline: Option<String>,
}

#[derive(Template)]
#[template(path = "pipeline/call.html")]
struct CallPage {
    page: PageContext,
    call: Call,
    line: CallLine,
    staff: bool,
    recipients: Vec<RecipientLine>,
    answer_label: String,
    can_answer: bool,
    can_shortlist: bool,
    notice: String,
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let (call, expert) = visible(&state, &actor, &id).await?;
    let all = calls::recipients(&state.db, call.id).await?;
    let pipeline = match call.request_id {
        Some(request) if expert.is_none() => crate::candidates::in_pipeline(&state, &page, request).await?,
        _ => Default::default(),
    };
    let answer = match expert {
        Some(me) => all
            .iter()
            .find(|r| r.expert_id == me)
            .map_or("pending", |r| Answer::parse(&r.answer).map_or("pending", Answer::code)),
        None => "pending",
    };
    let recipients = if expert.is_some() {
        vec![]
    } else {
        all.iter()
            .map(|r| RecipientLine {
                expert: r.expert_id.to_string(),
                name: r.expert_name.clone(),
                answer: Answer::parse(&r.answer).map_or("pending", Answer::code),
                answer_label: page.t(&format!("call-answer-{}", r.answer)),
                note: r.note.clone(),
                answered: r.answered_at.map(|at| page.moment(&at)).unwrap_or_default(),
                in_pipeline: pipeline.get(&r.expert_id).cloned(),
            })
            .collect()
    };
    let today = Timestamp::now().date();
    let open = call.is_open() && call.reply_by().is_none_or(|d| d >= today);
    let can_shortlist = match call.request_id {
        Some(request) => {
            requests::get(&state.db, request).await?.is_some_and(|r| r.status == requests::Status::Approved)
        }
        None => false,
    };
    let notice = match done.done.as_deref() {
        Some("sent") => page.t1("call-sent", "count", call.recipients),
        Some("answered") => page.t("call-answered"),
        Some("closed") => page.t("call-closed-notice"),
        _ => String::new(),
    };
    render(&CallPage {
        line: call_line(&page, &call),
        staff: expert.is_none(),
        can_answer: expert.is_some() && open,
        can_shortlist,
        call,
        recipients,
        answer_label: page.t(&format!("call-answer-{answer}")),
        notice,
        page,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    answer: String,
    note: String,
}

pub async fn answer(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let (call, expert) = visible(&state, &actor, &id).await?;
    let Some(expert) = expert else { return Err(AppError::Forbidden) };
    let answer =
        Answer::parse(&form.answer).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("answer", &e)]))?;
    calls::answer(&state.db, &actor, expert, call.id, answer, &form.note, &ip.to_string())
        .await
        .map_err(AppError::from)?;
    state.notifications_queued.notify_one();
    Ok(Redirect::to(&format!("/calls/{}?done=answered", call.id)).into_response())
}

pub async fn close(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (call, expert) = visible(&state, &actor, &id).await?;
    if expert.is_some() {
        return Err(AppError::Forbidden);
    }
    calls::close(&state.db, &actor, call.id, &ip.to_string()).await.map_err(AppError::from)?;
    Ok(Redirect::to(&format!("/calls/{}?done=closed", call.id)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SaveForm {
    name: String,
    q: String,
    sector: String,
    origin: String,
    language: String,
    quarter: String,
}

/// Keeps the roster search under a name, then offers to send a call with it.
pub async fn save_search(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<SaveForm>,
) -> Result<Response, AppError> {
    staff(&actor)?;
    let mut problems = passerelle_core::Problems::new();
    let optional = |text: &str| Some(text.trim()).filter(|t| !t.is_empty()).map(str::to_owned);
    let params = SearchParams {
        text: form.q.chars().take(500).collect(),
        sector: optional(&form.sector).and_then(|s| problems.parse("sector", &s, Sector::parse)),
        origin: optional(&form.origin).and_then(|s| problems.parse("origin", &s, Country::parse)),
        language: optional(&form.language).and_then(|s| problems.parse("language", &s, Language::parse)),
        available: crate::forms::yes(&form.quarter).then(|| quarter_of(Timestamp::now().date())),
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems.into_vec()));
    }
    let id =
        calls::save_search(&state.db, &actor, &form.name, &params, &ip.to_string()).await.map_err(AppError::from)?;
    Ok(Redirect::to(&format!("/calls/new?saved_search={id}")).into_response())
}

pub async fn delete_search(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    staff(&actor)?;
    let id = SavedSearchId::parse(&id).map_err(|_| AppError::NotFound)?;
    calls::delete_search(&state.db, &actor, id, &ip.to_string()).await.map_err(AppError::from)?;
    Ok(Redirect::to("/calls?done=deleted").into_response())
}
