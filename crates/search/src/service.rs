//! What the rest of the platform uses: the index with its query expander and the ranking
//! weights, behind one handle.

use crate::expand::Expander;
use crate::index::SearchIndex;
use crate::rank::{Criteria, Ranked, Weights};
use crate::roster::{RosterResult, RosterSearch};
use crate::window::SearchError;
use crate::{encode, matcher, roster};
use passerelle_core::{DateRange, Timestamp};
use passerelle_db::Db;
use std::sync::{Arc, RwLock};
use time::Duration;

pub struct Search {
    pub index: Arc<SearchIndex>,
    expander: RwLock<Arc<Expander>>,
    pub weights: Weights,
    /// A profile not confirmed for this long counts as stale in the ranking.
    pub stale_after: Duration,
}

impl Search {
    pub async fn new(
        index: Arc<SearchIndex>,
        db: &Db,
        weights: Weights,
        stale_after: Duration,
    ) -> anyhow::Result<Search> {
        let expander = Expander::load(db).await?;
        Ok(Search { index, expander: RwLock::new(Arc::new(expander)), weights, stale_after })
    }

    fn expander(&self) -> Arc<Expander> {
        self.expander.read().map(|e| e.clone()).unwrap_or_default()
    }

    /// Reloads the skill labels (after a taxonomy import).
    pub async fn refresh(&self, db: &Db) -> anyhow::Result<()> {
        let fresh = Arc::new(Expander::load(db).await?);
        if let Ok(mut expander) = self.expander.write() {
            *expander = fresh;
        }
        Ok(())
    }

    /// The best `limit` candidates for a request, explained (blocking work: call from a
    /// blocking thread).
    pub fn matches(&self, criteria: &Criteria, weights: &Weights, limit: usize) -> Result<Vec<Ranked>, SearchError> {
        let stale_before = encode::day((Timestamp::now() - self.stale_after).date());
        matcher::find(&self.index, &self.expander(), criteria, weights, limit, stale_before)
    }

    pub fn roster(&self, search: &RosterSearch, quarter: DateRange) -> Result<RosterResult, SearchError> {
        roster::search(&self.index, &self.expander(), search, quarter)
    }
}

/// The calendar quarter of `date`.
pub fn quarter_of(date: time::Date) -> DateRange {
    let first = (u8::from(date.month()) - 1) / 3 * 3 + 1;
    let month = |n: u8| time::Month::try_from(n).unwrap_or(time::Month::January);
    let (first, last) = (month(first), month(first + 2));
    let start = time::Date::from_calendar_date(date.year(), first, 1);
    let end = time::Date::from_calendar_date(date.year(), last, last.length(date.year()));
    match (start, end) {
        (Ok(start), Ok(end)) => DateRange::new(start, end).unwrap_or_else(|_| single_day(date)),
        _ => single_day(date),
    }
}

fn single_day(date: time::Date) -> DateRange {
    DateRange::new(date, date).unwrap_or_else(|e| panic!("a day is a range: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn quarters() {
        assert_eq!(quarter_of(date!(2026 - 11 - 27)).to_string(), "2026-10-01/2026-12-31");
        assert_eq!(quarter_of(date!(2027 - 02 - 10)).to_string(), "2027-01-01/2027-03-31");
    }
}
