//! Whether an expert can take a mission at the dates it needs: a pure function over the
//! expert's windows and booked periods, shared by the index's filter and by the tests' brute
//! force, so that both say the same thing.

use crate::encode::{ON_SITE, REMOTE};
use passerelle_core::DateRange;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

/// How a mission is carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissionMode {
    OnSite,
    Remote,
    /// Some days on site, the rest remote: the expert must be able to travel in the window.
    Hybrid,
    /// Any window will do (roster filters such as "available this quarter"; not a request).
    Any,
}

impl MissionMode {
    /// The window modes (bits) that serve this mission.
    pub fn needs(self) -> u64 {
        match self {
            MissionMode::OnSite | MissionMode::Hybrid => ON_SITE,
            MissionMode::Remote => REMOTE,
            MissionMode::Any => ON_SITE | REMOTE,
        }
    }
}

/// When a mission takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timing {
    /// These exact days.
    Fixed(DateRange),
    /// `days` consecutive days somewhere in `window`.
    Flexible { window: DateRange, days: u32 },
}

/// A period in days (see `encode::day`), both ends included.
pub type Days = (u32, u32);

/// The first slot at which the expert can do the mission, if any: inside windows whose mode
/// serves the mission, outside every booked period.
pub fn slot(windows: &[(u32, u32, u64)], booked: &[Days], timing: Timing, mode: MissionMode) -> Option<Days> {
    let (from, to, length) = match timing {
        Timing::Fixed(range) => {
            let (a, b) = (crate::encode::day(range.start()), crate::encode::day(range.end()));
            (a, b, b - a + 1)
        }
        Timing::Flexible { window, days } => {
            (crate::encode::day(window.start()), crate::encode::day(window.end()), days.max(1))
        }
    };
    let needed = mode.needs();
    // The usable days: windows of the right mode, cut to the mission's period, in order. This
    // runs for every expert a search reads, so it does not allocate for the few windows experts
    // have.
    let mut usable: SmallVec<[Days; 8]> = windows
        .iter()
        .filter(|(_, _, modes)| modes & needed != 0)
        .filter_map(|&(a, b, _)| {
            let (a, b) = (a.max(from), b.min(to));
            (a <= b).then_some((a, b))
        })
        .collect();
    usable.sort_unstable();
    let mut next = 0;
    while next < usable.len() {
        // One run of usable days: windows that overlap or touch make one.
        let (first, mut last) = usable[next];
        next += 1;
        while next < usable.len() && usable[next].0 <= last.saturating_add(1) {
            last = last.max(usable[next].1);
            next += 1;
        }
        // The earliest start in the run whose days no booking touches: a start that meets
        // bookings cannot be moved to any day up to the last of theirs.
        let mut start = first;
        while let Some(end) = start.checked_add(length - 1).filter(|&end| end <= last) {
            match booked.iter().filter(|&&(x, y)| x <= end && y >= start).map(|&(_, y)| y).max() {
                None => return Some((start, end)),
                Some(y) => match y.checked_add(1) {
                    Some(after) => start = after,
                    None => break,
                },
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::{day, period, split_period};
    use proptest::prelude::*;
    use time::macros::date;

    fn range(a: time::Date, b: time::Date) -> DateRange {
        DateRange::new(a, b).unwrap()
    }

    fn windows(list: &[(time::Date, time::Date, u64)]) -> Vec<(u32, u32, u64)> {
        list.iter().map(|&(a, b, m)| (day(a), day(b), m)).collect()
    }

    #[test]
    fn fixed_dates_need_one_window_covering_them() {
        let w = windows(&[(date!(2027 - 03 - 01), date!(2027 - 03 - 31), ON_SITE | REMOTE)]);
        let inside = Timing::Fixed(range(date!(2027 - 03 - 05), date!(2027 - 03 - 20)));
        assert!(slot(&w, &[], inside, MissionMode::OnSite).is_some());
        let overflowing = Timing::Fixed(range(date!(2027 - 03 - 25), date!(2027 - 04 - 05)));
        assert!(slot(&w, &[], overflowing, MissionMode::OnSite).is_none());
        let remote_only = windows(&[(date!(2027 - 03 - 01), date!(2027 - 03 - 31), REMOTE)]);
        assert!(slot(&remote_only, &[], inside, MissionMode::OnSite).is_none(), "mode must fit");
        assert!(slot(&remote_only, &[], inside, MissionMode::Remote).is_some());
        assert!(slot(&remote_only, &[], inside, MissionMode::Hybrid).is_none(), "hybrid needs travel");
    }

    #[test]
    fn flexible_windows_need_a_long_enough_free_run_and_adjacent_windows_join() {
        let w = windows(&[
            (date!(2027 - 03 - 01), date!(2027 - 03 - 10), ON_SITE),
            (date!(2027 - 03 - 11), date!(2027 - 03 - 20), ON_SITE | REMOTE),
        ]);
        let fifteen = Timing::Flexible { window: range(date!(2027 - 02 - 01), date!(2027 - 04 - 30)), days: 15 };
        let found = slot(&w, &[], fifteen, MissionMode::OnSite).unwrap();
        assert_eq!(found, (day(date!(2027 - 03 - 01)), day(date!(2027 - 03 - 15))));
        // A booking in the middle leaves two runs of 9 and 5 days: not enough.
        let booked = [(day(date!(2027 - 03 - 10)), day(date!(2027 - 03 - 15)))];
        assert!(slot(&w, &booked, fifteen, MissionMode::OnSite).is_none());
        let five = Timing::Flexible { window: range(date!(2027 - 02 - 01), date!(2027 - 04 - 30)), days: 5 };
        assert_eq!(slot(&w, &booked, five, MissionMode::OnSite).unwrap().0, day(date!(2027 - 03 - 01)));
    }

    /// The earliest slot, day by day: what [`slot`] must find.
    fn earliest(
        windows: &[(u32, u32, u64)],
        booked: &[Days],
        from: u32,
        to: u32,
        length: u32,
        mode: MissionMode,
    ) -> Option<Days> {
        let usable = |d: u32| windows.iter().any(|&(a, b, m)| a <= d && d <= b && m & mode.needs() != 0);
        let free = |d: u32| !booked.iter().any(|&(x, y)| x <= d && d <= y);
        (from..=to)
            .find(|&s| s + length - 1 <= to && (s..s + length).all(|d| usable(d) && free(d)))
            .map(|s| (s, s + length - 1))
    }

    proptest! {
        /// The slot found is the earliest one, counted day by day.
        #[test]
        fn the_slot_is_the_earliest_one(
            ws in proptest::collection::vec((0u32..120, 0u32..40, 1u64..4), 0..9),
            bs in proptest::collection::vec((0u32..120, 0u32..20), 0..4),
            from in 0u32..100, span in 0u32..60, days in 1u32..30, remote in any::<bool>(), fixed in any::<bool>(),
        ) {
            let base = day(date!(2027 - 01 - 01));
            let w: Vec<_> = ws.iter().map(|&(a, l, m)| split_period(period(base + a, base + a + l, m))).collect();
            let b: Vec<_> = bs.iter().map(|&(a, l)| (base + a, base + a + l)).collect();
            let window = range(crate::encode::date(base + from), crate::encode::date(base + from + span));
            let mode = if remote { MissionMode::Remote } else { MissionMode::OnSite };
            let (timing, length) =
                if fixed { (Timing::Fixed(window), span + 1) } else { (Timing::Flexible { window, days }, days) };
            prop_assert_eq!(slot(&w, &b, timing, mode), earliest(&w, &b, base + from, base + from + span, length, mode));
        }

        /// The slot found is real: inside the period, made of usable days, free of bookings.
        #[test]
        fn a_slot_is_always_usable(
            ws in proptest::collection::vec((0u32..120, 0u32..40, 1u64..4), 0..5),
            bs in proptest::collection::vec((0u32..120, 0u32..20), 0..3),
            from in 0u32..100, span in 0u32..60, days in 1u32..30, remote in any::<bool>(),
        ) {
            let base = day(date!(2027 - 01 - 01));
            let w: Vec<_> = ws.iter().map(|&(a, l, m)| split_period(period(base + a, base + a + l, m))).collect();
            let b: Vec<_> = bs.iter().map(|&(a, l)| (base + a, base + a + l)).collect();
            let window = range(crate::encode::date(base + from), crate::encode::date(base + from + span));
            let mode = if remote { MissionMode::Remote } else { MissionMode::OnSite };
            if let Some((s, e)) = slot(&w, &b, Timing::Flexible { window, days }, mode) {
                prop_assert_eq!(e - s + 1, days);
                prop_assert!(s >= base + from && e <= base + from + span);
                for d in s..=e {
                    prop_assert!(w.iter().any(|&(a, z, m)| a <= d && d <= z && m & mode.needs() != 0));
                    prop_assert!(!b.iter().any(|&(x, y)| x <= d && d <= y));
                }
            }
        }
    }
}
