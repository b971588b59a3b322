//! From a mission request's terms of reference to the matcher's criteria, with the
//! adjustments a coordinator may try (relaxed language levels, a wider window).

use crate::availability::{MissionMode, Timing};
use crate::rank::Criteria;
use passerelle_core::{Cefr, DateRange};
use passerelle_missions::requests::{self, Mode, RequestFields, Requirement};
use time::Duration;

/// A coordinator's changes to what the request asks, for one search only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Adjustments {
    /// Each required language one CEFR level lower.
    pub relax_languages: bool,
    /// The dates, or the window, this many days wider on each side.
    pub widen_days: u32,
}

pub fn of_request(fields: &RequestFields, adjust: Adjustments) -> Criteria {
    let level = |cefr: Cefr| if adjust.relax_languages { lower(cefr) } else { cefr };
    let skills = |wanted: Requirement| {
        fields.skills.iter().filter(|s| s.requirement == wanted).map(|s| (s.skill.clone(), s.level.value())).collect()
    };
    let widen = |range: DateRange| {
        let by = Duration::days(i64::from(adjust.widen_days));
        DateRange::new(range.start() - by, range.end() + by).unwrap_or(range)
    };
    let timing = match fields.timing {
        requests::Timing::Fixed(range) if adjust.widen_days == 0 => Timing::Fixed(range),
        // Wider fixed dates become a window in which the same number of days is sought.
        requests::Timing::Fixed(range) => {
            Timing::Flexible { window: widen(range), days: u32::try_from(range.days()).unwrap_or(u32::MAX) }
        }
        requests::Timing::Flexible { window, duration_days } => {
            Timing::Flexible { window: widen(window), days: duration_days }
        }
    };
    Criteria {
        must: skills(Requirement::MustHave),
        nice: skills(Requirement::NiceToHave),
        languages: fields.languages.iter().map(|l| (l.language, level(l.level))).collect(),
        timing,
        mode: match fields.mode {
            Mode::OnSite => MissionMode::OnSite,
            Mode::Remote => MissionMode::Remote,
            Mode::Hybrid { .. } => MissionMode::Hybrid,
        },
        country: fields.country,
        preferred_origins: fields.preferred_origins.clone(),
        sector: Some(fields.sector),
    }
}

fn lower(level: Cefr) -> Cefr {
    let index = Cefr::ALL.iter().position(|l| *l == level).unwrap_or(0);
    Cefr::ALL[index.saturating_sub(1)]
}
