//! What the rest of the platform uses: the index with its query expander and the ranking
//! weights, behind one handle.

use crate::expand::Expander;
use crate::index::SearchIndex;
use crate::near::{self, NearMiss};
use crate::rank::{Criteria, Ranked, Scoring};
use crate::roster::{RosterResult, RosterSearch};
use crate::window::SearchError;
use crate::{encode, matcher, roster};
use passerelle_core::{DateRange, ExpertId, Timestamp};
use passerelle_taxonomy::{Taxonomy, TaxonomyCache};
use std::collections::HashSet;
use std::sync::Arc;
use time::Duration;

pub struct Search {
    pub index: Arc<SearchIndex>,
    /// The taxonomy (shared with the rest of the process): what queries and requests are read
    /// with.
    pub taxonomy: Arc<TaxonomyCache>,
    pub scoring: Scoring,
    /// A profile not confirmed for this long counts as stale in the ranking.
    pub stale_after: Duration,
}

impl Search {
    pub fn new(
        index: Arc<SearchIndex>,
        taxonomy: Arc<TaxonomyCache>,
        scoring: Scoring,
        stale_after: Duration,
    ) -> Search {
        Search { index, taxonomy, scoring, stale_after }
    }

    fn stale_before(&self) -> u32 {
        encode::day((Timestamp::now() - self.stale_after).date())
    }

    /// The best `limit` candidates for a request, explained (blocking work: call from a
    /// blocking thread).
    pub fn matches(&self, criteria: &Criteria, limit: usize) -> Result<Vec<Ranked>, SearchError> {
        matcher::find(&self.index, criteria, &self.scoring, limit, self.stale_before())
    }

    /// Experts who hold the must-haves but fail a hard filter, other than `shown` (blocking).
    pub fn near_misses(
        &self,
        criteria: &Criteria,
        shown: &HashSet<ExpertId>,
        limit: usize,
    ) -> Result<Vec<NearMiss>, SearchError> {
        near::find(&self.index, criteria, shown, limit)
    }

    /// Roster search, with the skills `taxonomy` finds in its text (blocking).
    pub fn roster(
        &self,
        search: &RosterSearch,
        quarter: DateRange,
        taxonomy: Arc<Taxonomy>,
    ) -> Result<RosterResult, SearchError> {
        roster::search(&self.index, &Expander::of(taxonomy), search, quarter)
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
