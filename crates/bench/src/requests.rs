//! A fixed, deterministic set of match requests drawn like the programmes' real ones: skills of
//! one sector (must-have and nice-to-have), French or English (sometimes a local language),
//! fixed dates or a flexible window in the same year as the roster's availability.

use passerelle_core::{Cefr, Country, DateRange, Language, Sector};
use passerelle_profiles::synthetic::Rng;
use passerelle_search::criteria::of_skill;
use passerelle_search::{Criteria, MissionMode, Timing, Wanted};
use passerelle_taxonomy::{SkillId, Taxonomy, shipped_rows};
use time::macros::date;

pub struct Request {
    pub criteria: Criteria,
    /// The words a full-text engine is given: the skills' preferred labels in both languages.
    pub words: Vec<String>,
}

/// `taxonomy` gives each wanted skill its close skills and labels, as a real request's.
pub fn generate(count: usize, seed: u64, taxonomy: &Taxonomy) -> Vec<Request> {
    let rows = shipped_rows();
    let mut rng = Rng::new(seed ^ 0x005E_ED0F_BE4C);
    let sectors = [
        ("health", 30),
        ("tvet", 20),
        ("education", 12),
        ("rural_development", 12),
        ("ict", 8),
        ("engineering", 8),
        ("public_administration", 6),
        ("finance", 4),
    ];
    (0..count)
        .map(|_| {
            let sector = *rng.weighted(&sectors);
            let pool: Vec<_> = rows.iter().filter(|r| r.sector == sector).collect();
            let pick = |rng: &mut Rng| {
                let position = rng.below(pool.len()).min(rng.below(pool.len()));
                pool[position]
            };
            let mut must = Vec::new();
            let mut words = Vec::new();
            for _ in 0..rng.between(1, 3) {
                let row = pick(&mut rng);
                if !must.iter().any(|w: &Wanted| w.skill.as_ref().is_some_and(|id| id.as_str() == row.id)) {
                    let id = SkillId::parse(&row.id).unwrap_or_else(|e| panic!("{e}"));
                    must.push(of_skill(taxonomy, &id, &row.label_en, rng.between(1, 3) as u8));
                    words.extend([row.label_en.clone(), row.label_fr.clone()]);
                }
            }
            let mut nice = Vec::new();
            for _ in 0..rng.between(0, 2) {
                let row = pick(&mut rng);
                let id = SkillId::parse(&row.id).unwrap_or_else(|e| panic!("{e}"));
                nice.push(of_skill(taxonomy, &id, &row.label_en, 2));
                words.extend([row.label_en.clone(), row.label_fr.clone()]);
            }
            let language = if rng.chance(75) { "fr" } else { "en" };
            let mut languages = vec![(
                Language::parse(language).unwrap_or_else(|e| panic!("{e}")),
                *rng.pick(&[Cefr::B1, Cefr::B2, Cefr::B2, Cefr::C1]),
            )];
            if rng.chance(15) {
                let local = *rng.pick(&["rw", "ln", "ar", "wo", "rn"]);
                languages.push((Language::parse(local).unwrap_or_else(|e| panic!("{e}")), Cefr::B2));
            }
            let start = date!(2027 - 01 - 01) + time::Duration::days(rng.between(0, 300));
            let timing = if rng.chance(50) {
                let days = rng.between(7, 30);
                Timing::Fixed(
                    DateRange::new(start, start + time::Duration::days(days - 1)).unwrap_or_else(|e| panic!("{e}")),
                )
            } else {
                let span = rng.between(30, 120);
                let window =
                    DateRange::new(start, start + time::Duration::days(span)).unwrap_or_else(|e| panic!("{e}"));
                Timing::Flexible { window, days: rng.between(7, 30.min(span)) as u32 }
            };
            let mode = *rng.weighted(&[(MissionMode::OnSite, 6), (MissionMode::Remote, 2), (MissionMode::Hybrid, 2)]);
            let country = *rng.pick(&["RW", "CD", "BI", "MA", "MR", "SN", "CM", "GN"]);
            Request {
                criteria: Criteria {
                    must,
                    nice,
                    languages,
                    timing,
                    mode,
                    country: Country::parse(country).ok(),
                    preferred_origins: vec![],
                    sector: Sector::parse(sector).ok(),
                    limits: None,
                },
                words,
            }
        })
        .collect()
}
