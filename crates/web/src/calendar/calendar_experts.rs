//! The experts' side of the calendar: for each expert on the missions shown (or, for an expert,
//! themself), the windows they said they are free and the missions that book them, on the same
//! months, as SVG and as a table. Availability is personal: staff and the expert only.
//!
//! Staff may choose whose availability is shown instead ([`chosen`]): the candidates of a
//! request (with the period the request wants drawn above them, to pick dates), the experts a
//! saved search finds, or both.

use super::view::booking;
use crate::charts::{self, Row, Span};
use crate::missions::list::line;
use crate::page::PageContext;
use crate::{AppError, AppState};
use passerelle_accounts::Actor;
use passerelle_core::{DateRange, ExpertId, RequestId, SavedSearchId};
use passerelle_missions::candidates::{self, Status as CandidateStatus};
use passerelle_missions::lifecycle::{self, Status};
use passerelle_missions::{calls, requests};
use time::Date;

/// Experts drawn at most; the missions' table above lists every mission.
const MAX_EXPERTS: usize = 40;

pub struct ExpertRow {
    pub id: ExpertId,
    pub name: String,
    /// Why they are shown, when chosen: their candidacy's status, or the saved search.
    pub note: String,
    /// The windows they are free, each in words with its mode.
    pub free: Vec<String>,
    /// The missions that book them in these months, in words.
    pub booked: Vec<String>,
}

pub struct Experts {
    pub svg: String,
    pub rows: Vec<ExpertRow>,
    /// More experts were on the missions than are drawn.
    pub cut: bool,
}

/// The experts `ids` (each with a note saying why they are shown, or nothing), in that order,
/// below `first` (the period a request wants) when there is one.
pub async fn of(
    state: &AppState,
    page: &PageContext,
    ids: &[(ExpertId, String)],
    first: Option<Row>,
    window: DateRange,
    today: Date,
    months: &[(Date, String)],
) -> Result<Option<Experts>, AppError> {
    if ids.is_empty() {
        return Ok(None);
    }
    let cut = ids.len() > MAX_EXPERTS;
    let shown = &ids[..ids.len().min(MAX_EXPERTS)];
    let just_ids: Vec<ExpertId> = shown.iter().map(|(id, _)| *id).collect();
    let profiles = passerelle_profiles::load::load_many(&state.db, &just_ids).await?;
    let mut rows = Vec::new();
    let mut bars: Vec<Row> = first.into_iter().collect();
    for profile in profiles {
        let note = shown.iter().find(|(id, _)| *id == profile.id).map(|(_, note)| note.clone()).unwrap_or_default();
        let mut spans = Vec::new();
        let mut free = Vec::new();
        // In the order of the days, whatever the order the profile lists them in.
        let mut windows: Vec<_> = profile.data.windows.iter().filter(|w| w.range.overlaps(&window)).collect();
        windows.sort_by_key(|w| w.range.start());
        for w in windows {
            let days = crate::missions::list::days_text(page, w.range);
            let mode = page.t(&format!("mode-{}", w.mode.code()));
            spans.push(Span {
                days: w.range,
                class: "available",
                tip: page.t2("calendar-free-tip", "days", &days, "mode", &mode),
            });
            free.push(format!("{days} ({mode})"));
        }
        let query = lifecycle::Query {
            expert: Some(profile.id),
            period: Some(window),
            statuses: Status::ALL.iter().copied().filter(|s| *s != Status::Cancelled).collect(),
            limit: 50,
            ..Default::default()
        };
        let (missions, _) = lifecycle::search(&state.db, &query).await?;
        let mut booked = Vec::new();
        for m in &missions {
            let line = line(page, m);
            spans.push(booking(&line, m));
            booked.push(format!("{} — {}", line.title, line.days));
        }
        bars.push(Row { label: profile.data.name.clone(), spans });
        rows.push(ExpertRow { id: profile.id, name: profile.data.name, note, free, booked });
    }
    let title = page.t("calendar-experts-title");
    let description = page.t1("calendar-experts-description", "count", rows.len());
    let svg = charts::timeline("calendar-experts", &title, &description, window, months, today, &bars);
    Ok(Some(Experts { svg, rows, cut }))
}

/// The request whose candidates staff chose to see.
pub struct ChosenRequest {
    pub id: RequestId,
    pub title: String,
    /// When the request wants the mission, in words.
    pub when: String,
    /// The days the mission is within: its dates, or its window.
    pub range: DateRange,
}

/// The saved search whose experts staff chose to see.
pub struct ChosenSearch {
    pub id: SavedSearchId,
    pub name: String,
}

/// Whose availability staff chose to see, instead of the experts of the missions shown.
pub struct Chosen {
    pub request: Option<ChosenRequest>,
    pub search: Option<ChosenSearch>,
    /// The experts, in the order shown, each with why they are shown.
    pub experts: Vec<(ExpertId, String)>,
}

impl Chosen {
    /// The period the request wants, as the first row of the experts' timeline over `window`
    /// (a row without a band when the period is outside it).
    pub fn wanted_row(&self, page: &PageContext, window: DateRange) -> Option<Row> {
        self.request.as_ref().map(|r| Row {
            label: page.t1("calendar-wanted-row", "title", &r.title),
            spans: r
                .range
                .overlaps(&window)
                .then(|| Span { days: r.range, class: "wanted", tip: page.t1("calendar-wanted-tip", "when", &r.when) })
                .into_iter()
                .collect(),
        })
    }
}

/// A candidacy that still runs: the expert may still be on the mission.
fn in_play(status: CandidateStatus) -> bool {
    !matches!(
        status,
        CandidateStatus::Declined
            | CandidateStatus::HostDeclined
            | CandidateStatus::Withdrawn
            | CandidateStatus::Expired
    )
}

/// The experts staff chose with the calendar's `request` (its candidates still in play) and
/// `search` (the experts a saved search finds) parameters, or `None` when neither is given.
/// Only staff choose: the caller refuses anyone else before this runs, so that nobody else
/// learns, from the answer, whether a request or a saved search exists. An id that is not one,
/// or of nothing the actor may see, is a 422 naming its parameter.
pub async fn chosen(
    state: &AppState,
    page: &PageContext,
    actor: &Actor,
    request: &str,
    search: &str,
) -> Result<Option<Chosen>, AppError> {
    let (request, search) = (request.trim(), search.trim());
    if request.is_empty() && search.is_empty() {
        return Ok(None);
    }
    let mut chosen = Chosen { request: None, search: None, experts: Vec::new() };
    if !request.is_empty() {
        let unknown = || AppError::invalid("request", "calendar.request_unknown", page.t("calendar-request-unknown"));
        let id = RequestId::parse(request).map_err(|_| unknown())?;
        let found = requests::get(&state.db, id)
            .await?
            .filter(|r| requests::can(actor, requests::RequestAction::View, Some(r.institution)))
            .ok_or_else(unknown)?;
        let query = candidates::Query { request: Some(id), ..Default::default() };
        let mut found_candidates: Vec<_> =
            candidates::search(&state.db, &query).await?.into_iter().filter(|c| in_play(c.status)).collect();
        crate::format::sort_by_name(&mut found_candidates, |c| &c.expert_name);
        for c in found_candidates {
            if !chosen.experts.iter().any(|(id, _)| *id == c.expert) {
                chosen.experts.push((c.expert, crate::words::candidate_status(page, c.status)));
            }
        }
        chosen.request = Some(ChosenRequest {
            id,
            title: found.fields.title.clone(),
            when: crate::words::timing_text(page, found.fields.timing),
            range: found.fields.timing.range(),
        });
    }
    if !search.is_empty() {
        let unknown = || AppError::invalid("search", "calendar.search_unknown", page.t("calendar-search-unknown"));
        let id = SavedSearchId::parse(search).map_err(|_| unknown())?;
        let saved = calls::saved_search(&state.db, id).await?.ok_or_else(unknown)?;
        let note = page.t1("calendar-from-search", "name", &saved.name);
        for expert in crate::calls::recipients(state, &saved.params).await? {
            if !chosen.experts.iter().any(|(id, _)| *id == expert) {
                chosen.experts.push((expert, note.clone()));
            }
        }
        chosen.search = Some(ChosenSearch { id, name: saved.name });
    }
    Ok(Some(chosen))
}
