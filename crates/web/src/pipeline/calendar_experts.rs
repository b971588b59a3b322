//! The experts' side of the calendar: for each expert on the missions shown (or, for an expert,
//! themself), the windows they said they are free and the missions that book them, on the same
//! months, as SVG and as a table. Availability is personal: staff and the expert only.

use super::calendar::booking;
use super::charts::{self, Row, Span};
use super::missions::line;
use crate::page::PageContext;
use crate::{AppError, AppState};
use passerelle_core::{DateRange, ExpertId};
use passerelle_missions::lifecycle::{self, Status};
use time::Date;

/// Experts drawn at most; the missions' table above lists every mission.
const MAX_EXPERTS: usize = 40;

pub struct ExpertRow {
    pub id: ExpertId,
    pub name: String,
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

pub async fn of(
    state: &AppState,
    page: &PageContext,
    ids: &[ExpertId],
    window: DateRange,
    today: Date,
    months: &[(Date, String)],
) -> Result<Option<Experts>, AppError> {
    if ids.is_empty() {
        return Ok(None);
    }
    let cut = ids.len() > MAX_EXPERTS;
    let profiles = passerelle_profiles::load::load_many(&state.db, &ids[..ids.len().min(MAX_EXPERTS)]).await?;
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for profile in profiles {
        let mut spans = Vec::new();
        let mut free = Vec::new();
        for w in profile.data.windows.iter().filter(|w| w.range.overlaps(&window)) {
            let days = super::missions::days_text(page, w.range);
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
        rows.push(ExpertRow { id: profile.id, name: profile.data.name, free, booked });
    }
    let title = page.t("calendar-experts-title");
    let description = page.t1("calendar-experts-description", "count", rows.len());
    let svg = charts::timeline("calendar-experts", &title, &description, window, months, today, &bars);
    Ok(Some(Experts { svg, rows, cut }))
}
