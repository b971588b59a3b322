//! The coordinators' roster: every profile, filtered and paged.

use super::choices::Choices;
use crate::auth::CurrentUser;
use crate::forms::url_encode;
use crate::page::{PageContext, render};
use crate::pager::Pager;
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use passerelle_core::{Cefr, Country, DateRange, Language, Sector, Timestamp, parse_date};
use passerelle_profiles::policy::{ProfileAction, can};
use passerelle_profiles::roster::{CredentialFilter, FreshnessFilter, RosterQuery, RosterRow, roster};
use serde::Deserialize;

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct Filters {
    pub q: String,
    pub sector: String,
    pub origin: String,
    pub residence: String,
    pub language: String,
    pub level: String,
    pub from: String,
    pub to: String,
    pub credentials: String,
    pub freshness: String,
    pub consent: String,
    /// From 1 to 10,000.
    #[param(minimum = 1, maximum = 10000)]
    pub page: Option<u32>,
}

impl Filters {
    /// The query for these filters; a filter that does not parse is ignored (and shown empty).
    pub fn query(&self, stale_before: Timestamp, page: u32, size: u32) -> RosterQuery {
        let from = parse_date(&self.from).ok();
        let to = parse_date(&self.to).ok().or(from);
        RosterQuery {
            text: Some(self.q.clone()).filter(|q| !q.trim().is_empty()),
            sector: Sector::parse(&self.sector).ok(),
            origin: Country::parse(&self.origin).ok(),
            residence: Country::parse(&self.residence).ok(),
            language: Language::parse(&self.language).ok().map(|l| (l, Cefr::parse(&self.level).unwrap_or(Cefr::A1))),
            available: from.zip(to).and_then(|(a, b)| DateRange::new(a, b).ok()),
            credentials: match self.credentials.as_str() {
                "verified" => Some(CredentialFilter::Verified),
                "awaiting" => Some(CredentialFilter::AwaitingReview),
                _ => None,
            },
            freshness: match self.freshness.as_str() {
                "fresh" => Some(FreshnessFilter::Fresh),
                "stale" => Some(FreshnessFilter::Stale),
                _ => None,
            },
            stale_before: Some(stale_before),
            consent: match self.consent.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            offset: (page - 1) * size,
            limit: size,
        }
    }

    /// The filters as (name, value) pairs: for links, and for forms that carry them on.
    pub(crate) fn pairs(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("q", &self.q),
            ("sector", &self.sector),
            ("origin", &self.origin),
            ("residence", &self.residence),
            ("language", &self.language),
            ("level", &self.level),
            ("from", &self.from),
            ("to", &self.to),
            ("credentials", &self.credentials),
            ("freshness", &self.freshness),
            ("consent", &self.consent),
        ]
    }

    pub(crate) fn link(&self) -> String {
        let query: Vec<String> = self.pairs().iter().map(|(k, v)| format!("{k}={}", url_encode(v))).collect();
        format!("/experts?{}", query.join("&"))
    }
}

pub struct Line {
    pub row: RosterRow,
    pub residence: String,
    pub origins: String,
    pub sectors: String,
    pub stale: bool,
    pub updated: String,
}

#[derive(Template)]
#[template(path = "profiles/roster.html")]
struct RosterPage {
    page: PageContext,
    filters: Filters,
    lines: Vec<Line>,
    total: u64,
    pager: Pager,
    choices: Choices,
}

pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    crate::query::Query(filters): crate::query::Query<Filters>,
) -> Result<Response, AppError> {
    crate::auth::require(can(&actor, ProfileAction::List, None))?;
    let number = filters.page.unwrap_or(1).max(1);
    let now = Timestamp::now();
    let stale_before = now - state.config.stale_after;
    let (rows, total) = roster(&state.db, &filters.query(stale_before, number, PAGE_SIZE)).await?;
    let lines = rows
        .into_iter()
        .map(|row| Line {
            residence: row.residence_country.map(|c| c.name(page.locale).to_owned()).unwrap_or_default(),
            origins: row.origins.iter().map(|c| c.name(page.locale)).collect::<Vec<_>>().join(", "),
            sectors: row.sectors.iter().map(|s| s.label(page.locale)).collect::<Vec<_>>().join(", "),
            stale: row.confirmed_at.unwrap_or(row.created_at) < stale_before,
            updated: page.short_date(row.updated_at.date()),
            row,
        })
        .collect();
    let pager = Pager::new(&page, &filters.link(), number, total, PAGE_SIZE);
    let choices = Choices::new(&page);
    render(&RosterPage { page, filters, lines, total, pager, choices })
}
