//! Explained re-ranking: a pure function from what a request asks and what is known of each
//! candidate to a score made of named contributions, so that a coordinator can read why one
//! candidate is above another. Weights come from the configuration.

use crate::availability::{Days, MissionMode, Timing};
use crate::encode;
use passerelle_core::{Cefr, Country, DateRange, ExpertId, Language, Sector};
use passerelle_taxonomy::SkillId;
use serde::{Deserialize, Serialize};

/// What a mission request asks of an expert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criteria {
    /// Required skills with the minimum level (1 to 4).
    pub must: Vec<(SkillId, u8)>,
    pub nice: Vec<(SkillId, u8)>,
    /// Every one is a hard requirement: spoken at or above the level.
    pub languages: Vec<(Language, Cefr)>,
    pub timing: Timing,
    pub mode: MissionMode,
    /// Where the mission takes place (none for remote missions).
    pub country: Option<Country>,
    /// Countries of origin the host would prefer.
    pub preferred_origins: Vec<Country>,
    pub sector: Option<Sector>,
}

/// How much each criterion can add (or, for freshness, take away).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    pub must_have: f32,
    pub nice_to_have: f32,
    pub languages: f32,
    pub availability: f32,
    pub origin: f32,
    pub sector: f32,
    pub experience: f32,
    pub credentials: f32,
    pub freshness: f32,
    pub evaluations: f32,
    pub text: f32,
}

impl Weights {
    /// Each weight with its configuration name.
    pub fn named(&self) -> [(&'static str, f32); 11] {
        [
            ("must_have", self.must_have),
            ("nice_to_have", self.nice_to_have),
            ("languages", self.languages),
            ("availability", self.availability),
            ("origin", self.origin),
            ("sector", self.sector),
            ("experience", self.experience),
            ("credentials", self.credentials),
            ("freshness", self.freshness),
            ("evaluations", self.evaluations),
            ("text", self.text),
        ]
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            must_have: 40.0,
            nice_to_have: 12.0,
            languages: 6.0,
            availability: 6.0,
            origin: 8.0,
            sector: 5.0,
            experience: 6.0,
            credentials: 5.0,
            freshness: 4.0,
            evaluations: 6.0,
            text: 6.0,
        }
    }
}

/// What is known of a candidate (read from the index's fast fields).
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub id: ExpertId,
    /// Text relevance from retrieval.
    pub text_score: f32,
    /// (skill hash, level), see `encode::skill`.
    pub skills: Vec<(u64, u8)>,
    /// (language code, spoken rank).
    pub languages: Vec<(u64, u8)>,
    pub origins: Vec<u64>,
    pub sector_bits: u64,
    pub years: u32,
    pub verified: u32,
    pub confirmed_day: u32,
    /// Average rating × 100 and count.
    pub rating: u32,
    pub ratings: u32,
    /// The slot found by the availability filter.
    pub slot: Option<Days>,
}

/// The criteria of the explanation, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    MustHave,
    NiceToHave,
    Languages,
    Availability,
    Origin,
    Sector,
    Experience,
    Credentials,
    Freshness,
    Evaluations,
    Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub criterion: Criterion,
    pub points: f32,
    /// The most this criterion could give for this request.
    pub max: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillFit {
    pub skill: SkillId,
    pub must: bool,
    pub required: u8,
    /// The candidate's level, if they have the skill.
    pub level: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageFit {
    pub language: Language,
    pub required: Cefr,
    /// Levels above the requirement (the hard filter guarantees 0 or more).
    pub margin: u8,
}

/// Why a candidate scored what it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub total: f32,
    pub contributions: Vec<Contribution>,
    pub skills: Vec<SkillFit>,
    pub languages: Vec<LanguageFit>,
    /// When the expert could do the mission.
    pub slot: Option<DateRange>,
    pub origin_matches: bool,
    pub sector_matches: bool,
    pub years: u32,
    pub verified_credentials: u32,
    pub stale: bool,
    pub average_rating: Option<f32>,
    pub evaluations: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub id: ExpertId,
    pub explanation: Explanation,
}

fn skill_credit(level: Option<u8>, required: u8) -> f32 {
    match level {
        Some(l) if l >= required => 1.0,
        Some(l) => 0.5 * f32::from(l) / f32::from(required.max(1)),
        None => 0.0,
    }
}

/// Scores one candidate. `stale_before` is the day before which a confirmation is too old.
pub fn explain(
    criteria: &Criteria,
    weights: &Weights,
    facts: &Facts,
    best_text: f32,
    stale_before: u32,
) -> Explanation {
    let mut contributions = Vec::new();
    let mut add = |criterion, points: f32, max: f32| contributions.push(Contribution { criterion, points, max });

    let level_of = |skill: &SkillId| {
        let hash = encode::skill_hash(skill.as_str());
        facts.skills.iter().find(|(h, _)| *h == hash).map(|(_, l)| *l)
    };
    let mut skills = Vec::new();
    for (must, list, weight, criterion) in [
        (true, &criteria.must, weights.must_have, Criterion::MustHave),
        (false, &criteria.nice, weights.nice_to_have, Criterion::NiceToHave),
    ] {
        if list.is_empty() {
            continue;
        }
        let mut credit = 0.0;
        for (skill, required) in list {
            let level = level_of(skill);
            credit += skill_credit(level, *required);
            skills.push(SkillFit { skill: skill.clone(), must, required: *required, level });
        }
        add(criterion, weight * credit / list.len() as f32, weight);
    }

    let mut languages = Vec::new();
    if !criteria.languages.is_empty() {
        let mut credit = 0.0;
        for (language, required) in &criteria.languages {
            let code = encode::language(*language);
            let rank = facts.languages.iter().filter(|(c, _)| *c == code).map(|(_, r)| *r).max().unwrap_or(0);
            let margin = rank.saturating_sub(required.rank());
            credit += f32::from(margin.min(2)) / 2.0;
            languages.push(LanguageFit { language: *language, required: *required, margin });
        }
        add(Criterion::Languages, weights.languages * credit / criteria.languages.len() as f32, weights.languages);
    }

    // Fixed dates fit or not (the filter saw to it); in a flexible window, earlier is better.
    let fit = match (criteria.timing, facts.slot) {
        (_, None) => 0.0,
        (Timing::Fixed(_), Some(_)) => 1.0,
        (Timing::Flexible { window, days }, Some((start, _))) => {
            let first = encode::day(window.start());
            let span = (window.days() as f32 - days as f32 + 1.0).max(1.0);
            1.0 - (start.saturating_sub(first) as f32 / span).min(1.0)
        }
    };
    add(Criterion::Availability, weights.availability * fit, weights.availability);

    let origin_codes: Vec<u64> =
        criteria.country.iter().chain(&criteria.preferred_origins).map(|c| encode::country(*c)).collect();
    let origin_matches = facts.origins.iter().any(|o| origin_codes.contains(o));
    if !origin_codes.is_empty() {
        add(Criterion::Origin, if origin_matches { weights.origin } else { 0.0 }, weights.origin);
    }
    let sector_matches = criteria.sector.is_some_and(|s| facts.sector_bits & crate::document::sector_bit(s) != 0);
    if criteria.sector.is_some() {
        add(Criterion::Sector, if sector_matches { weights.sector } else { 0.0 }, weights.sector);
    }
    add(Criterion::Experience, weights.experience * facts.years.min(20) as f32 / 20.0, weights.experience);
    add(Criterion::Credentials, weights.credentials * facts.verified.min(2) as f32 / 2.0, weights.credentials);
    let stale = facts.confirmed_day < stale_before;
    add(Criterion::Freshness, if stale { -weights.freshness } else { 0.0 }, 0.0);
    let average_rating = (facts.ratings > 0).then(|| facts.rating as f32 / 100.0);
    let evaluation = average_rating.map_or(0.0, |avg| ((avg - 1.0) / 4.0) * (facts.ratings.min(3) as f32 / 3.0));
    add(Criterion::Evaluations, weights.evaluations * evaluation, weights.evaluations);
    let text = if best_text > 0.0 { facts.text_score / best_text } else { 0.0 };
    add(Criterion::Text, weights.text * text, weights.text);

    let total = contributions.iter().map(|c| c.points).sum();
    Explanation {
        total,
        contributions,
        skills,
        languages,
        slot: facts.slot.and_then(|(a, b)| DateRange::new(encode::date(a), encode::date(b)).ok()),
        origin_matches,
        sector_matches,
        years: facts.years,
        verified_credentials: facts.verified,
        stale,
        average_rating,
        evaluations: facts.ratings,
    }
}

/// Ranks candidates: best total first, ties broken by id so that the order is stable.
pub fn rank(criteria: &Criteria, weights: &Weights, candidates: Vec<Facts>, stale_before: u32) -> Vec<Ranked> {
    let best_text = candidates.iter().map(|f| f.text_score).fold(0.0f32, f32::max);
    let mut ranked: Vec<Ranked> = candidates
        .iter()
        .map(|facts| Ranked { id: facts.id, explanation: explain(criteria, weights, facts, best_text, stale_before) })
        .collect();
    ranked.sort_by(|a, b| b.explanation.total.total_cmp(&a.explanation.total).then(a.id.cmp(&b.id)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn criteria() -> Criteria {
        Criteria {
            must: vec![(SkillId::parse("nurse-anaesthesia").unwrap(), 3)],
            nice: vec![(SkillId::parse("training-of-trainers").unwrap(), 2)],
            languages: vec![(Language::parse("fr").unwrap(), Cefr::B2)],
            timing: Timing::Flexible {
                window: DateRange::new(date!(2027 - 03 - 01), date!(2027 - 04 - 30)).unwrap(),
                days: 15,
            },
            mode: MissionMode::OnSite,
            country: Some(Country::parse("RW").unwrap()),
            preferred_origins: vec![],
            sector: Some(Sector::Health),
        }
    }

    fn facts(must_level: Option<u8>) -> Facts {
        Facts {
            id: ExpertId::new(),
            text_score: 1.0,
            skills: must_level.map(|l| vec![(encode::skill_hash("nurse-anaesthesia"), l)]).unwrap_or_default(),
            languages: vec![(encode::code("fr"), 5)],
            origins: vec![encode::code("RW")],
            sector_bits: crate::document::sector_bit(Sector::Health),
            years: 10,
            verified: 1,
            confirmed_day: 20_000,
            rating: 0,
            ratings: 0,
            slot: Some((encode::day(date!(2027 - 03 - 01)), encode::day(date!(2027 - 03 - 15)))),
        }
    }

    #[test]
    fn every_contribution_is_listed_and_adds_up() {
        let e = explain(&criteria(), &Weights::default(), &facts(Some(4)), 1.0, 0);
        let sum: f32 = e.contributions.iter().map(|c| c.points).sum();
        assert!((sum - e.total).abs() < 1e-4);
        let must = e.contributions.iter().find(|c| c.criterion == Criterion::MustHave).unwrap();
        assert_eq!((must.points, must.max), (40.0, 40.0));
        assert_eq!(e.skills[0].level, Some(4));
        assert_eq!(e.skills[1].level, None, "the nice-to-have skill is missing");
        assert_eq!(e.languages[0].margin, 1, "C1 is one level above B2");
        assert!(e.origin_matches && e.sector_matches);
        assert_eq!(e.slot.unwrap().days(), 15);
    }

    #[test]
    fn a_missing_must_have_ranks_below_and_says_why() {
        let strong = facts(Some(3));
        let weak = facts(None);
        let ranked = rank(&criteria(), &Weights::default(), vec![weak.clone(), strong.clone()], 0);
        assert_eq!(ranked[0].id, strong.id);
        let second = &ranked[1].explanation;
        assert!(second.skills.iter().any(|s| s.must && s.level.is_none()));
        let below = facts(Some(1));
        let e = explain(&criteria(), &Weights::default(), &below, 1.0, 0);
        let must = e.contributions.iter().find(|c| c.criterion == Criterion::MustHave).unwrap();
        assert!(must.points > 0.0 && must.points < 40.0, "a level below the minimum counts partly");
    }

    #[test]
    fn stale_profiles_lose_points_and_later_slots_are_worth_less() {
        let fresh = explain(&criteria(), &Weights::default(), &facts(Some(3)), 1.0, 10_000);
        let mut old = facts(Some(3));
        old.confirmed_day = 5_000;
        let stale = explain(&criteria(), &Weights::default(), &old, 1.0, 10_000);
        assert!(stale.stale && stale.total < fresh.total);
        let mut late = facts(Some(3));
        late.slot = Some((encode::day(date!(2027 - 04 - 16)), encode::day(date!(2027 - 04 - 30))));
        let later = explain(&criteria(), &Weights::default(), &late, 1.0, 0);
        assert!(later.total < explain(&criteria(), &Weights::default(), &facts(Some(3)), 1.0, 0).total);
    }

    #[test]
    fn weights_change_the_order() {
        let mut rated = facts(None);
        rated.rating = 500;
        rated.ratings = 5;
        let skilled = facts(Some(4));
        let default = rank(&criteria(), &Weights::default(), vec![rated.clone(), skilled.clone()], 0);
        assert_eq!(default[0].id, skilled.id);
        let evaluations_first = Weights { evaluations: 100.0, ..Weights::default() };
        let changed = rank(&criteria(), &evaluations_first, vec![rated.clone(), skilled], 0);
        assert_eq!(changed[0].id, rated.id);
    }
}
