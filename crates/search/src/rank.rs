//! Explained re-ranking: a pure function from what a request asks and what is known of each
//! candidate to a score made of named contributions, so that a coordinator can read why one
//! candidate is above another. Weights come from the configuration.

use crate::availability::{Days, MissionMode, Timing};
use crate::encode;
use crate::limits::{Limit, LimitCheck};
use passerelle_core::{Cefr, Country, DateRange, ExpertId, Language, Sector};
use passerelle_taxonomy::{Closeness, SkillId};
use serde::{Deserialize, Serialize};

/// A skill a request wants: one of the taxonomy, or one it does not know, in the request's
/// words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wanted {
    pub skill: Option<SkillId>,
    /// As the request names it.
    pub label: String,
    /// The minimum level (1 to 4).
    pub level: u8,
    /// Skills that may stand in for it, with how they stand to it (the taxonomy's relations).
    pub close: Vec<(SkillId, Closeness)>,
    /// The skill's labels (both languages) to look for in what experts wrote; for a skill in
    /// words, the words.
    pub phrases: Vec<String>,
}

impl Wanted {
    pub fn of_skill(skill: SkillId, level: u8) -> Wanted {
        Wanted { label: skill.to_string(), skill: Some(skill), level, close: vec![], phrases: vec![] }
    }
}

/// What a mission request asks of an expert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criteria {
    pub must: Vec<Wanted>,
    pub nice: Vec<Wanted>,
    /// Every one is a hard requirement: spoken at or above the level.
    pub languages: Vec<(Language, Cefr)>,
    pub timing: Timing,
    pub mode: MissionMode,
    /// Where the mission takes place (none for remote missions).
    pub country: Option<Country>,
    /// Countries of origin the host would prefer.
    pub preferred_origins: Vec<Country>,
    pub sector: Option<Sector>,
    /// The experts' own limits (none: not checked).
    pub limits: Option<LimitCheck>,
}

impl Criteria {
    /// Every wanted skill, must-haves first (the order of [`Words`]' bits).
    pub fn wanted(&self) -> impl Iterator<Item = (bool, &Wanted)> {
        self.must.iter().map(|w| (true, w)).chain(self.nice.iter().map(|w| (false, w)))
    }
}

/// The share of a skill's points that close evidence earns: a skill standing in for the one
/// wanted (never as much as the skill itself), or the skill named only in the expert's own
/// words (headline, summary, work history), not confirmed in their skills list.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Shares {
    pub narrower: f32,
    pub related: f32,
    pub broader: f32,
    pub mentioned: f32,
}

impl Default for Shares {
    fn default() -> Self {
        Shares { narrower: 0.6, related: 0.5, broader: 0.4, mentioned: 0.8 }
    }
}

impl Shares {
    pub fn named(&self) -> [(&'static str, f32); 4] {
        [
            ("narrower", self.narrower),
            ("related", self.related),
            ("broader", self.broader),
            ("mentioned", self.mentioned),
        ]
    }

    fn of(&self, closeness: Closeness) -> f32 {
        match closeness {
            Closeness::Narrower => self.narrower,
            Closeness::Related => self.related,
            Closeness::Broader => self.broader,
        }
    }
}

/// How candidates are scored: the criteria's weights and the shares of close evidence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Scoring {
    pub weights: Weights,
    pub shares: Shares,
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
    /// The expert's limits this mission breaks, loosened by the coordinator for this search.
    pub relaxed: Vec<Limit>,
    /// Where the wanted skills are named in the expert's words.
    pub words: Words,
}

/// Where a request's wanted skills are named in an expert's words: bit `i` for the `i`-th
/// wanted skill of [`Criteria::wanted`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Words {
    /// Among the skills the expert listed that the taxonomy does not know (the expert's own
    /// entry: confirmed).
    pub listed: u64,
    /// In the headline, summary, work history or education only (not confirmed).
    pub mentioned: u64,
}

impl Words {
    fn has(bits: u64, i: usize) -> bool {
        i < 64 && bits & (1 << i) != 0
    }
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

/// How a candidate meets one wanted skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The skill in their skills list.
    Held,
    /// A close skill in their skills list stands in (see `stood_in`).
    Close,
    /// The skill the request names in words is among the skills they listed in words.
    Listed,
    /// Named in their headline, summary or work history, not in their skills list.
    Mentioned,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillFit {
    pub skill: Option<SkillId>,
    /// As the request names it.
    pub label: String,
    pub must: bool,
    pub required: u8,
    /// The candidate's level, if they hold the skill (or the one standing in).
    pub level: Option<u8>,
    pub evidence: Evidence,
    /// The skill that stood in for the one wanted, and how it stands to it.
    pub stood_in: Option<(SkillId, Closeness)>,
    /// The share of the skill's points earned (0 to 1).
    pub credit: f32,
    /// Whether this meets the requirement: held at the level, or a narrower skill held at the
    /// level, or listed in words.
    pub met: bool,
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
    /// Every must-have met (see [`SkillFit::met`]).
    pub meets_must_haves: bool,
    /// The expert's limits this mission breaks, loosened for this search.
    pub relaxed: Vec<Limit>,
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

/// How a candidate meets one wanted skill (the `i`-th of [`Criteria::wanted`]).
fn fit(i: usize, must: bool, wanted: &Wanted, facts: &Facts, shares: &Shares) -> SkillFit {
    let level_of = |skill: &SkillId| {
        let hash = encode::skill_hash(skill.as_str());
        facts.skills.iter().find(|(h, _)| *h == hash).map(|(_, l)| *l)
    };
    let base = SkillFit {
        skill: wanted.skill.clone(),
        label: wanted.label.clone(),
        must,
        required: wanted.level,
        level: None,
        evidence: Evidence::Missing,
        stood_in: None,
        credit: 0.0,
        met: false,
    };
    if let Some(level) = wanted.skill.as_ref().and_then(level_of) {
        let credit = skill_credit(Some(level), wanted.level);
        return SkillFit { level: Some(level), evidence: Evidence::Held, credit, met: level >= wanted.level, ..base };
    }
    if Words::has(facts.words.listed, i) {
        return SkillFit { evidence: Evidence::Listed, credit: 1.0, met: true, ..base };
    }
    // The best skill standing in: its share of the points at its level.
    let close = wanted
        .close
        .iter()
        .filter_map(|(skill, closeness)| {
            let level = level_of(skill)?;
            Some((skill, *closeness, level, shares.of(*closeness) * skill_credit(Some(level), wanted.level)))
        })
        .max_by(|a, b| a.3.total_cmp(&b.3).then(b.1.cmp(&a.1)));
    let mentioned = Words::has(facts.words.mentioned, i).then_some(shares.mentioned);
    match (close, mentioned) {
        (Some((skill, closeness, level, credit)), m) if credit >= m.unwrap_or(0.0) => SkillFit {
            level: Some(level),
            evidence: Evidence::Close,
            stood_in: Some((skill.clone(), closeness)),
            credit,
            met: closeness == Closeness::Narrower && level >= wanted.level,
            ..base
        },
        (_, Some(credit)) => SkillFit { evidence: Evidence::Mentioned, credit, ..base },
        _ => base,
    }
}

/// Scores one candidate. `stale_before` is the day before which a confirmation is too old.
pub fn explain(
    criteria: &Criteria,
    scoring: &Scoring,
    facts: &Facts,
    best_text: f32,
    stale_before: u32,
) -> Explanation {
    let weights = &scoring.weights;
    let mut contributions = Vec::new();
    let mut add = |criterion, points: f32, max: f32| contributions.push(Contribution { criterion, points, max });

    let skills: Vec<SkillFit> =
        criteria.wanted().enumerate().map(|(i, (must, w))| fit(i, must, w, facts, &scoring.shares)).collect();
    for (must, weight, criterion) in
        [(true, weights.must_have, Criterion::MustHave), (false, weights.nice_to_have, Criterion::NiceToHave)]
    {
        let rows: Vec<&SkillFit> = skills.iter().filter(|s| s.must == must).collect();
        if !rows.is_empty() {
            let credit: f32 = rows.iter().map(|s| s.credit).sum();
            add(criterion, weight * credit / rows.len() as f32, weight);
        }
    }
    let meets_must_haves = skills.iter().filter(|s| s.must).all(|s| s.met);

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
        meets_must_haves,
        relaxed: facts.relaxed.clone(),
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

/// Ranks candidates: those who meet every must-have first, then by total, ties broken by id
/// so that the order is stable.
pub fn rank(criteria: &Criteria, scoring: &Scoring, candidates: Vec<Facts>, stale_before: u32) -> Vec<Ranked> {
    let best_text = candidates.iter().map(|f| f.text_score).fold(0.0f32, f32::max);
    let mut ranked: Vec<Ranked> = candidates
        .iter()
        .map(|facts| Ranked { id: facts.id, explanation: explain(criteria, scoring, facts, best_text, stale_before) })
        .collect();
    ranked.sort_by(|a, b| {
        b.explanation
            .meets_must_haves
            .cmp(&a.explanation.meets_must_haves)
            .then(b.explanation.total.total_cmp(&a.explanation.total))
            .then(a.id.cmp(&b.id))
    });
    ranked
}

#[cfg(test)]
#[path = "rank_tests.rs"]
mod tests;
