//! The programme report a coordinator sends a donor: the dashboard's figures for a programme,
//! country, sector and period, every mission with its days and results, and the experts'
//! recommendations; a page to read and print, and the same as a PDF (EN/FR by the reader).

use super::figures::{Board, Filters, board};
use crate::auth::CurrentUser;
use crate::page::{PageContext, render};
use crate::words;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use passerelle_core::Timestamp;
use passerelle_missions::lifecycle::Status;
use passerelle_missions::policy::{PipelineAction, can};
use passerelle_missions::programmes::{self, Programme};
use passerelle_missions::reports;
use passerelle_missions::stats;
use passerelle_pdf::{Block, Column, Document, Table};

pub struct MissionRow {
    pub id: String,
    pub title: String,
    pub institution: String,
    pub expert: String,
    pub days: String,
    pub status: String,
    pub on_site: i64,
    pub remote: i64,
    pub trained: u32,
    pub reached: u32,
    pub rating: String,
}

/// What a report says, in the reader's language.
struct Report {
    programme: Option<Programme>,
    scope: String,
    period: String,
    board: Board,
    missions: Vec<MissionRow>,
    /// (mission, what its expert recommends), at most 600 characters each.
    recommendations: Vec<(String, String)>,
    issued: String,
}

#[derive(Template)]
#[template(path = "pipeline/programme_report.html")]
struct ReportPage {
    page: PageContext,
    report: Report,
    link: String,
}

async fn report(state: &AppState, page: &PageContext, filters: &Filters) -> Result<Report, AppError> {
    let filter = filters.filter()?;
    let today = Timestamp::now().date();
    let figures = stats::figures(&state.db, &filter, today).await?;
    let programme = match filter.programme {
        Some(id) => programmes::get(&state.db, id).await?,
        None => None,
    };
    let mut scope = Vec::new();
    if let Some(country) = filter.country {
        scope.push(country.name(page.locale).to_owned());
    }
    if let Some(sector) = filter.sector {
        scope.push(sector.label(page.locale).to_owned());
    }
    let mut missions = Vec::new();
    let mut recommendations = Vec::new();
    for line in &figures.missions {
        let m = &line.mission;
        if m.status == Status::Cancelled {
            continue;
        }
        if let Some(report) = reports::get(&state.db, m.id).await?
            && !report.fields.recommendations.is_empty()
        {
            let text: String = report.fields.recommendations.chars().take(600).collect();
            recommendations.push((m.request_title.clone(), text));
        }
        missions.push(MissionRow {
            id: m.id.to_string(),
            title: m.request_title.clone(),
            institution: m.institution_name.clone(),
            expert: m.expert_name.clone().unwrap_or_else(|| page.t("mission-expert-erased")),
            days: crate::missions::list::days_text(page, m.ran(today).unwrap_or(m.planned)),
            status: words::mission_status(page, m.status),
            on_site: line.days.0,
            remote: line.days.1,
            trained: line.trained,
            reached: line.reached,
            rating: m.rating.map(|r| page.decimal(r, 1)).unwrap_or_default(),
        });
    }
    Ok(Report {
        board: board(page, &figures),
        period: crate::missions::list::days_text(page, filter.period),
        scope: scope.join(" · "),
        issued: page.date(today),
        programme,
        missions,
        recommendations,
    })
}

pub async fn page(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, PipelineAction::Report))?;
    let report = report(&state, &page, &filters).await?;
    render(&ReportPage { report, link: filters.link(), page })
}

pub async fn pdf(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, PipelineAction::Report))?;
    let r = report(&state, &page, &filters).await?;
    let mut title = page.t("report-programme-title");
    if let Some(p) = &r.programme {
        title = format!("{title} — {}", p.name.get(page.locale));
    }
    let footer = format!("{} · {}", page.t("site-name"), page.t1("certificate-issued", "date", &r.issued));
    let mut document = Document::new(title.clone(), page.lang(), footer);
    document.push(Block::Brand(page.t("site-name"))).push(Block::Title(title.clone()));
    let mut facts = Vec::new();
    if let Some(p) = &r.programme {
        facts.push((page.t("programme-code"), p.code.clone()));
        if !p.funder.is_empty() {
            facts.push((page.t("programme-funder"), p.funder.clone()));
        }
    }
    facts.push((page.t("report-programme-period"), r.period.clone()));
    if !r.scope.is_empty() {
        facts.push((page.t("report-programme-scope"), r.scope.clone()));
    }
    facts.push((page.t("report-programme-issued"), r.issued.clone()));
    document.push(Block::Facts(facts));
    if let Some(p) = r.programme.as_ref().filter(|p| !p.description.is_empty()) {
        document.push(Block::Paragraph(p.description.get(page.locale).to_owned()));
    }
    figures(&page, &r.board, &mut document);
    document.push(Block::Heading(page.t("report-programme-missions")));
    if r.missions.is_empty() {
        document.push(Block::Paragraph(page.t("missions-none")));
    } else {
        // Six columns fit a portrait page: pairs of figures share one.
        document.push(Block::Table(Table {
            columns: vec![
                Column::text(page.t("mission-request"), 3.2),
                Column::text(page.t("candidate-expert"), 1.7),
                Column::text(page.t("mission-days-col"), 2.0),
                Column::figure(page.t("report-pdf-days"), 1.3),
                Column::figure(page.t("report-pdf-people"), 1.3),
                Column::figure(page.t("report-pdf-rating"), 0.8),
            ],
            rows: r
                .missions
                .iter()
                .map(|m| {
                    vec![
                        format!("{}\n{}", m.title, m.institution),
                        m.expert.clone(),
                        format!("{}\n{}", m.days, m.status),
                        format!("{} / {}", page.number(m.on_site), page.number(m.remote)),
                        format!("{} / {}", page.number(i64::from(m.trained)), page.number(i64::from(m.reached))),
                        m.rating.clone(),
                    ]
                })
                .collect(),
        }));
    }
    if !r.recommendations.is_empty() {
        document.push(Block::Heading(page.t("report-programme-recommendations")));
        for (mission, text) in &r.recommendations {
            document.push(Block::Subheading(mission.clone())).push(Block::Paragraph(text.clone()));
        }
    }
    crate::pdf_out::respond(document, &title).await
}

/// The dashboard's key figures and the tables behind its charts.
fn figures(page: &PageContext, board: &Board, document: &mut Document) {
    let count = |n: u64| page.number(i64::try_from(n).unwrap_or(i64::MAX));
    document
        .push(Block::Heading(page.t("dashboard-key-figures")))
        .push(Block::Facts(board.tiles.iter().map(|t| (capitalised(&t.label), t.value.clone())).collect()));
    let by_status = |what: &str, rows: &[(String, u64)]| {
        Block::Table(Table {
            columns: vec![Column::text(what, 3.0), Column::figure(page.t("dashboard-count"), 1.0)],
            rows: rows.iter().map(|(label, n)| vec![label.clone(), count(*n)]).collect(),
        })
    };
    document
        .push(Block::Heading(page.t("dashboard-requests-by-status")))
        .push(by_status(&page.t("request-status"), &board.requests))
        .push(Block::Heading(page.t("dashboard-missions-by-status")))
        .push(by_status(&page.t("mission-status"), &board.missions));
    // Every month (or year) of the period, quiet ones too: on paper a gap must read as a gap,
    // not as a month left out.
    let months: Vec<Vec<String>> = board
        .over_time
        .iter()
        .map(|m| vec![m.label.clone(), count(m.missions), page.number(m.on_site), page.number(m.remote)])
        .collect();
    if !months.is_empty() {
        document.push(Block::Heading(board.over_time_words.heading.clone())).push(Block::Table(Table {
            columns: vec![
                Column::text(board.over_time_words.column.clone(), 2.0),
                Column::figure(page.t("dashboard-missions"), 1.0),
                Column::figure(page.t("dashboard-on-site"), 1.0),
                Column::figure(page.t("dashboard-remote"), 1.0),
            ],
            rows: months,
        }));
    }
    document.push(Block::Heading(page.t("dashboard-people"))).push(Block::Table(Table {
        columns: vec![
            Column::text(page.t("report-role"), 2.0),
            Column::figure(page.t("report-women"), 1.0),
            Column::figure(page.t("report-men"), 1.0),
            Column::figure(page.t("report-unspecified"), 1.0),
            Column::figure(page.t("report-total"), 1.0),
        ],
        rows: board
            .people
            .iter()
            .map(|p| {
                [p.role.clone()]
                    .into_iter()
                    .chain([p.women, p.men, p.unspecified, p.total].map(|n| page.number(i64::from(n))))
                    .collect()
            })
            .collect(),
    }));
}

/// A tile's label ("people trained", written to follow its figure) as a label of its own.
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
