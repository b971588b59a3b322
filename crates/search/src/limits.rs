//! The expert's own limits as hard filters: the countries they will not travel to (for on-site
//! and hybrid missions), the longest mission they take, and the notice they need before a
//! start. A pure check shared by the index's filter, the explanation of relaxed limits, the
//! near misses and the tests' brute force, so that all say the same thing.

use crate::availability::{Days, MissionMode, Timing};
use crate::encode;
use passerelle_core::DateRange;
use serde::{Deserialize, Serialize};

/// One of the expert's limits, or of the hard filters a coordinator may loosen for one search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    /// A country the expert will not travel to.
    Travel,
    /// Longer than the longest mission the expert takes.
    Length,
    /// Starts sooner than the notice the expert needs.
    Notice,
}

impl Limit {
    pub const ALL: [Limit; 3] = [Limit::Travel, Limit::Length, Limit::Notice];

    pub fn code(self) -> &'static str {
        match self {
            Limit::Travel => "travel",
            Limit::Length => "length",
            Limit::Notice => "notice",
        }
    }
}

/// What the limits are checked against, for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitCheck {
    /// The mission's country when experts travel there (on site, hybrid), as `encode::country`.
    pub country: Option<u64>,
    /// The mission's length in days.
    pub days: u32,
    /// Today, as `encode::day`: notice counts from here.
    pub today: u32,
    /// Limits the coordinator loosened for this search (not filtered, named when broken).
    pub relaxed: [bool; 3],
}

impl LimitCheck {
    pub fn new(country: Option<u64>, mode: MissionMode, timing: Timing, today: time::Date) -> LimitCheck {
        let days = match timing {
            Timing::Fixed(range) => u32::try_from(range.days()).unwrap_or(u32::MAX),
            Timing::Flexible { days, .. } => days,
        };
        let travels = matches!(mode, MissionMode::OnSite | MissionMode::Hybrid);
        LimitCheck { country: country.filter(|_| travels), days, today: encode::day(today), relaxed: [false; 3] }
    }

    pub fn relax(mut self, limit: Limit) -> LimitCheck {
        self.relaxed[limit as usize] = true;
        self
    }

    pub fn is_relaxed(&self, limit: Limit) -> bool {
        self.relaxed[limit as usize]
    }

    /// The timing an expert with `notice_days` can take: nothing starting before today plus
    /// the notice (`None` when nothing is left).
    pub fn with_notice(&self, timing: Timing, notice_days: u32) -> Option<Timing> {
        if notice_days == 0 {
            return Some(timing);
        }
        let earliest = self.today.saturating_add(notice_days);
        match timing {
            Timing::Fixed(range) => (encode::day(range.start()) >= earliest).then_some(timing),
            Timing::Flexible { window, days } => {
                let start = encode::day(window.start()).max(earliest);
                let end = encode::day(window.end());
                if end < start || end - start + 1 < days {
                    return None;
                }
                let window = DateRange::new(encode::date(start), window.end()).ok()?;
                Some(Timing::Flexible { window, days })
            }
        }
    }

    /// The limits an expert's own values break for this mission, given the slot the
    /// availability found without notice (`None` when there is none at all).
    pub fn broken(
        &self,
        no_travel: &[u64],
        max_days: u32,
        notice_days: u32,
        slot_with_notice: Option<Days>,
        slot_without_notice: Option<Days>,
    ) -> Vec<Limit> {
        let mut broken = Vec::new();
        if self.country.is_some_and(|c| no_travel.contains(&c)) {
            broken.push(Limit::Travel);
        }
        if max_days > 0 && self.days > max_days {
            broken.push(Limit::Length);
        }
        if notice_days > 0 && slot_with_notice.is_none() && slot_without_notice.is_some() {
            broken.push(Limit::Notice);
        }
        broken
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn check(timing: Timing) -> LimitCheck {
        LimitCheck::new(Some(encode::code("CD")), MissionMode::OnSite, timing, date!(2027 - 01 - 01))
    }

    #[test]
    fn notice_moves_the_earliest_start() {
        let fixed = Timing::Fixed(DateRange::new(date!(2027 - 01 - 20), date!(2027 - 01 - 30)).unwrap());
        assert_eq!(check(fixed).with_notice(fixed, 19), Some(fixed));
        assert_eq!(check(fixed).with_notice(fixed, 20), None, "starts on day 19 after today");
        let window = DateRange::new(date!(2027 - 01 - 05), date!(2027 - 02 - 28)).unwrap();
        let flexible = Timing::Flexible { window, days: 10 };
        let Some(Timing::Flexible { window: later, days: 10 }) = check(flexible).with_notice(flexible, 30) else {
            panic!("a window long enough remains")
        };
        assert_eq!(later.start(), date!(2027 - 01 - 31));
        assert_eq!(check(flexible).with_notice(flexible, 55), None, "too little of the window left");
    }

    #[test]
    fn travel_and_length_are_named() {
        let fixed = Timing::Fixed(DateRange::new(date!(2027 - 03 - 01), date!(2027 - 03 - 30)).unwrap());
        let c = check(fixed);
        assert_eq!(c.days, 30);
        let slot = Some((1, 30));
        assert_eq!(c.broken(&[encode::code("CD")], 0, 0, slot, slot), vec![Limit::Travel]);
        assert_eq!(c.broken(&[], 21, 0, slot, slot), vec![Limit::Length]);
        assert_eq!(c.broken(&[], 30, 0, slot, slot), vec![]);
        assert_eq!(c.broken(&[], 0, 90, None, slot), vec![Limit::Notice]);
        let remote = LimitCheck::new(Some(encode::code("CD")), MissionMode::Remote, fixed, date!(2027 - 01 - 01));
        assert_eq!(remote.broken(&[encode::code("CD")], 0, 0, slot, slot), vec![], "no travel for a remote mission");
    }
}
