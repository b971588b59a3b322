//! Request lists (an institution's own requests; the coordinators' review queue), a request's
//! page, and the steps of the workflow taken from them.

use super::request_view::{self, View};
use crate::auth::require;
use crate::auth::{ClientIp, CurrentUser};
use crate::forms::url_encode;
use crate::page::{PageContext, render};
use crate::pager::Pager;
pub(super) use crate::visible::request as visible;
use crate::words::{mode_text, timing_short};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_core::{Country, ProgrammeId, Sector};
use passerelle_missions::programmes;
use passerelle_missions::requests::{self, By, ChangeError, RequestAction, Sort, Status, Summary, Urgency};
use serde::Deserialize;

const PAGE_SIZE: u32 = 50;

/// A request in a list.
pub struct Line {
    pub summary: Summary,
    pub status: String,
    pub status_class: &'static str,
    pub sector: &'static str,
    pub country: &'static str,
    pub when: String,
    pub mode: String,
    pub urgent: bool,
    /// The steps the viewer may take from the list: (target code, button label, comment required).
    pub actions: Vec<(&'static str, String, bool)>,
}

impl Line {
    pub fn new(page: &PageContext, summary: Summary) -> Line {
        Line {
            status: super::status_label(page, summary.status),
            status_class: super::status_class(summary.status),
            sector: summary.sector.label(page.locale),
            country: summary.country.name(page.locale),
            when: timing_short(page, summary.timing),
            mode: mode_text(page, summary.mode),
            urgent: summary.urgency == Urgency::Urgent,
            actions: vec![],
            summary,
        }
    }

    fn with_actions(mut self, page: &PageContext, actor: &Actor) -> Line {
        let (targets, _) = requests::allowed_in_list(actor, &self.summary);
        self.actions = targets.into_iter().map(|to| request_view::action(page, to)).collect();
        self
    }
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A status code, `all`, or nothing (the default of the list: submitted for staff).
    status: Option<String>,
    programme: String,
    country: String,
    sector: String,
    urgency: String,
    /// Part of the title or of the institution's name (at most 200 characters).
    #[param(max_length = 200)]
    q: String,
    /// From 1 to 10,000.
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "missions/requests.html")]
struct ListPage {
    page: PageContext,
    /// Staff see the review queue; members their institution's requests.
    queue: bool,
    can_create: bool,
    query: ListQuery,
    status: String,
    lines: Vec<Line>,
    total: u64,
    pager: Pager,
    notice: String,
    /// The filters, as a query string, for the forms of the list to come back to.
    back: String,
    programmes: Vec<(String, String)>,
    statuses: Vec<(&'static str, String)>,
    countries: Vec<(&'static str, &'static str)>,
    sectors: Vec<(&'static str, &'static str)>,
}

pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    crate::query::Query(query): crate::query::Query<ListQuery>,
) -> Result<Response, AppError> {
    require(requests::can(&actor, RequestAction::List, None))?;
    let queue = actor.is_staff();
    let status = query.status.clone().unwrap_or_else(|| if queue { "submitted".into() } else { "all".into() });
    let number = query.page.unwrap_or(1).max(1);
    let search = requests::Query {
        institution: if queue { None } else { actor.institution },
        programme: ProgrammeId::parse(&query.programme).ok(),
        country: Country::parse(&query.country).ok().filter(|_| queue),
        sector: Sector::parse(&query.sector).ok().filter(|_| queue),
        status: Status::parse(&status).ok(),
        urgency: Urgency::parse(&query.urgency).ok().filter(|_| queue),
        text: crate::query::search_text(&query.q)?,
        sort: if queue { Sort::Queue } else { Sort::Newest },
        offset: (number - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let (found, total) = requests::search(&state.db, &search).await?;
    let lines = found.into_iter().map(|s| Line::new(&page, s).with_actions(&page, &actor)).collect();
    let back = format!(
        "status={}&programme={}&country={}&sector={}&urgency={}&q={}",
        url_encode(&status),
        url_encode(&query.programme),
        url_encode(&query.country),
        url_encode(&query.sector),
        url_encode(&query.urgency),
        url_encode(&query.q)
    );
    let pager = Pager::new(&page, &format!("/requests?{back}"), number, total, PAGE_SIZE);
    let notice = match query.done.as_deref().and_then(|d| Status::parse(d).ok()) {
        Some(to) => page.t1("request-moved", "status", super::status_label(&page, to)),
        None => String::new(),
    };
    let programmes = crate::choices::programme_choices(page.locale, programmes::list(&state.db, None).await?);
    let statuses = Status::ALL.iter().map(|s| (s.code(), super::status_label(&page, *s))).collect();
    render(&ListPage {
        queue,
        can_create: requests::can(&actor, RequestAction::Create, None),
        query,
        status,
        lines,
        total,
        pager,
        notice,
        back,
        programmes,
        statuses,
        countries: crate::choices::countries(page.locale),
        sectors: crate::choices::sectors(page.locale),
        page,
    })
}

#[derive(Template)]
#[template(path = "missions/request.html")]
struct RequestPage {
    page: PageContext,
    view: View,
    notice: String,
    /// A refusal of the last step asked, or a problem with its comment.
    problem: String,
    comment: String,
    /// Coordinators see the best candidates of an open request.
    show_candidates: bool,
    candidates: super::match_view::RankedList,
    /// The request's pipeline, as far as the viewer may see it (coordinators, the host).
    pipeline: Vec<crate::candidates::CandidateLine>,
    show_pipeline: bool,
    /// Coordinators may look for more candidates (the request is approved).
    pipeline_open: bool,
}

/// The pipeline section of a request's page: (lines, shown, open for more candidates).
async fn pipeline(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    request: &requests::Request,
) -> Result<(Vec<crate::candidates::CandidateLine>, bool, bool), AppError> {
    let shown = matches!(request.status, Status::Approved | Status::Staffed | Status::Closed);
    if !shown {
        return Ok((vec![], false, false));
    }
    let lines = crate::candidates::pipeline_of_request(state, page, actor, request.id).await?;
    Ok((lines, true, actor.is_staff() && request.status == Status::Approved))
}

/// The best few candidates, for coordinators looking at a request open for matching.
async fn top_candidates(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    request: &requests::Request,
) -> Result<(bool, super::match_view::RankedList), AppError> {
    if !actor.is_staff() || !matches!(request.status, Status::Approved | Status::Staffed) {
        return Ok((false, super::match_view::RankedList::default()));
    }
    let ranked = super::matches::candidates(state, request, Default::default(), 5).await?;
    Ok((true, super::match_view::views(state, page, request, &ranked).await?))
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
    let request = visible(&state, &actor, &id).await?;
    let notice = match done.done.as_deref() {
        Some("created") => page.t("request-created"),
        Some("saved") => page.t("request-saved"),
        Some("shortlisted") => page.t("request-shortlisted"),
        Some(bulk @ ("bulk-none" | "bulk-shortlisted" | "bulk-invited" | "bulk-partial")) => {
            page.t(&format!("match-{bulk}"))
        }
        Some("taken_over") => page.t("request-taken-over"),
        Some(code) => match Status::parse(code) {
            Ok(to) => page.t1("request-moved", "status", super::status_label(&page, to)),
            Err(_) => String::new(),
        },
        None => String::new(),
    };
    let (show_candidates, candidates) = top_candidates(&state, &page, &actor, &request).await?;
    let (pipeline, show_pipeline, pipeline_open) = pipeline(&state, &page, &actor, &request).await?;
    let view = request_view::build(&state, &page, &actor, request).await?;
    render(&RequestPage {
        page,
        view,
        notice,
        problem: String::new(),
        comment: String::new(),
        show_candidates,
        candidates,
        pipeline,
        show_pipeline,
        pipeline_open,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TransitionInput {
    to: String,
    comment: String,
    /// The filters of the list the step was taken from, to go back to it.
    back: Option<String>,
}

/// Keeps only what a query string of our own filters may hold.
fn query_string_only(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric() || "-_.~%&=+".contains(*c)).take(500).collect()
}

pub async fn transition(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(input): Form<TransitionInput>,
) -> Result<Response, AppError> {
    let request = visible(&state, &actor, &id).await?;
    let Ok(to) = Status::parse(&input.to) else {
        let problem = page.t("request-choose-step");
        let answer = Refused { problem, status: StatusCode::UNPROCESSABLE_ENTITY, comment: input.comment };
        return answer.page(&state, page, &actor, request).await;
    };
    match requests::transition(&state.db, By::Person(&actor), request.id, to, &input.comment, &ip.to_string()).await {
        Ok(step) => {
            // A review's outcome is told to the host: its emails are to be written.
            state.notifications_queued.notify_one();
            let location = match input.back {
                Some(back) => format!("/requests?{}&done={}", query_string_only(&back), step.to),
                None => format!("/requests/{}?done={}", request.id, step.to),
            };
            Ok(Redirect::to(&location).into_response())
        }
        Err(ChangeError::Refused(refusal)) => {
            let problem = super::refusal_text(&page, &refusal);
            let status = if refusal.is_about_input() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::CONFLICT };
            // The page shows the request as it is now.
            let request = visible(&state, &actor, &id).await?;
            Refused { problem, status, comment: input.comment }.page(&state, page, &actor, request).await
        }
        Err(ChangeError::NotFound) => Err(AppError::NotFound),
        Err(ChangeError::Forbidden | ChangeError::NotEditable { .. } | ChangeError::NotHeld) => {
            Err(AppError::Forbidden)
        }
        Err(ChangeError::Database(e)) => Err(e.into()),
    }
}

/// A member takes over a request a coordinator entered on the institution's behalf.
pub async fn take_over(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let request = visible(&state, &actor, &id).await?;
    match requests::take_over(&state.db, &actor, request.id, &ip.to_string()).await {
        Ok(()) => Ok(Redirect::to(&format!("/requests/{}?done=taken_over", request.id)).into_response()),
        Err(ChangeError::NotFound) => Err(AppError::NotFound),
        Err(ChangeError::Database(e)) => Err(e.into()),
        Err(ChangeError::NotHeld) => {
            let problem = page.t("request-not-held");
            Refused { problem, status: StatusCode::CONFLICT, comment: String::new() }
                .page(&state, page, &actor, request)
                .await
        }
        Err(_) => Err(AppError::Forbidden),
    }
}

/// A step that was not taken: the request's page again, saying why, with the comment typed.
pub(super) struct Refused {
    pub problem: String,
    pub status: StatusCode,
    pub comment: String,
}

impl Refused {
    pub(super) async fn page(
        self,
        state: &AppState,
        page: PageContext,
        actor: &Actor,
        request: requests::Request,
    ) -> Result<Response, AppError> {
        let (show_candidates, candidates) = top_candidates(state, &page, actor, &request).await?;
        let (pipeline, show_pipeline, pipeline_open) = pipeline(state, &page, actor, &request).await?;
        let view = request_view::build(state, &page, actor, request).await?;
        let body = render(&RequestPage {
            page,
            view,
            notice: String::new(),
            problem: self.problem,
            comment: self.comment,
            show_candidates,
            candidates,
            pipeline,
            show_pipeline,
            pipeline_open,
        })?;
        Ok((self.status, body).into_response())
    }
}
