//! From a mission request's terms of reference to the matcher's criteria, with the
//! adjustments a coordinator may try (relaxed language levels, a wider window, an expert's limit
//! loosened).

use crate::availability::{MissionMode, Timing};
use crate::encode;
use crate::limits::{Limit, LimitCheck};
use crate::rank::{Criteria, Wanted};
use passerelle_core::{Cefr, DateRange, Locale};
use passerelle_missions::requests::{self, Mode, RequestFields, RequiredSkill, Requirement};
use passerelle_taxonomy::{Closeness, MatchKind, SkillId, Taxonomy};
use time::{Date, Duration};

/// A coordinator's changes to what the request asks, for one search only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Adjustments {
    /// Each required language one CEFR level lower.
    pub relax_languages: bool,
    /// The dates, or the window, this many days wider on each side.
    pub widen_days: u32,
    /// Experts' own limits not applied (named in the explanation when broken).
    pub relax_travel: bool,
    pub relax_length: bool,
    pub relax_notice: bool,
}

impl Adjustments {
    pub fn relaxes(&self, limit: Limit) -> bool {
        match limit {
            Limit::Travel => self.relax_travel,
            Limit::Length => self.relax_length,
            Limit::Notice => self.relax_notice,
        }
    }
}

/// Linked skills the linker was unsure of count as close skills of a requirement kept in words:
/// below this confidence they are left out.
const WORDS_CLOSE: f32 = 0.5;

/// What matching looks for of a skill of the taxonomy: the skill, the skills standing in, its
/// labels in both languages (and `label`, as the request typed it) to look for in experts'
/// words.
pub fn of_skill(taxonomy: &Taxonomy, skill: &SkillId, label: &str, level: u8) -> Wanted {
    let mut phrases: Vec<String> =
        Locale::ALL.iter().filter_map(|l| taxonomy.label(skill, *l)).map(str::to_owned).collect();
    if !label.is_empty() && !phrases.iter().any(|p| p == label) {
        phrases.push(label.to_owned());
    }
    phrases.dedup();
    Wanted { skill: Some(skill.clone()), label: label.to_owned(), level, close: taxonomy.graph.close(skill), phrases }
}

/// What matching looks for of one required skill: the skill, the skills that may stand in, the
/// names to look for in what experts wrote.
pub fn wanted(taxonomy: &Taxonomy, required: &RequiredSkill) -> Wanted {
    let level = required.level.value();
    match &required.skill {
        Some(skill) => of_skill(taxonomy, skill, &required.label, level),
        None => {
            // The words may name skills the linker was not sure enough to take: a label inside
            // the words is a broader skill (the words ask for a kind of it), the words inside a
            // label a narrower one, some words in common a related one.
            let close = taxonomy
                .linker
                .link(&required.label)
                .into_iter()
                .filter(|l| l.confidence >= WORDS_CLOSE)
                .take(5)
                .map(|l| {
                    let closeness = match l.kind {
                        MatchKind::Contains => Closeness::Broader,
                        MatchKind::Within | MatchKind::Prefix => Closeness::Narrower,
                        _ => Closeness::Related,
                    };
                    (l.skill, closeness)
                })
                .collect();
            Wanted { skill: None, label: required.label.clone(), level, close, phrases: vec![required.label.clone()] }
        }
    }
}

pub fn of_request(fields: &RequestFields, adjust: Adjustments, taxonomy: &Taxonomy, today: Date) -> Criteria {
    let level = |cefr: Cefr| if adjust.relax_languages { lower(cefr) } else { cefr };
    let skills = |requirement: Requirement| {
        fields.skills.iter().filter(|s| s.requirement == requirement).map(|s| wanted(taxonomy, s)).collect()
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
    let mode = match fields.mode {
        Mode::OnSite => MissionMode::OnSite,
        Mode::Remote => MissionMode::Remote,
        Mode::Hybrid { .. } => MissionMode::Hybrid,
    };
    let limits = Limit::ALL.iter().fold(
        LimitCheck::new(fields.country.map(encode::country), mode, timing, today),
        |check, limit| {
            if adjust.relaxes(*limit) { check.relax(*limit) } else { check }
        },
    );
    Criteria {
        must: skills(Requirement::MustHave),
        nice: skills(Requirement::NiceToHave),
        languages: fields.languages.iter().map(|l| (l.language, level(l.level))).collect(),
        timing,
        mode,
        country: fields.country,
        preferred_origins: fields.preferred_origins.clone(),
        sector: Some(fields.sector),
        limits: Some(limits),
    }
}

fn lower(level: Cefr) -> Cefr {
    let index = Cefr::ALL.iter().position(|l| *l == level).unwrap_or(0);
    Cefr::ALL[index.saturating_sub(1)]
}
