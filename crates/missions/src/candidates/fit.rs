//! How a candidate meets a request, for the host asked to approve them: each skill asked with
//! the candidate's level, each language with theirs, whether the availability they gave covers
//! the mission's days, and how past hosts rated them. Nothing in it reaches the person (no
//! name, email or phone): it may be shown before the contact details are.

use crate::requests::{RequestFields, Requirement, Timing};
use passerelle_core::{Cefr, DateRange, Language};
use passerelle_profiles::model::ProfileData;
use passerelle_taxonomy::SkillId;

/// A skill the request asks for, and the candidate's level in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillMeet {
    /// The skill of the taxonomy; none for a skill the request names in words.
    pub skill: Option<SkillId>,
    /// As the request names it.
    pub label: String,
    pub must: bool,
    pub required: u8,
    /// The candidate's level (1 to 4), if their profile names the skill.
    pub level: Option<u8>,
}

impl SkillMeet {
    pub fn met(&self) -> bool {
        self.level.is_some_and(|l| l >= self.required)
    }
}

/// A language the request asks for, and how well the candidate speaks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageMeet {
    pub language: Language,
    pub required: Cefr,
    pub spoken: Option<Cefr>,
}

impl LanguageMeet {
    pub fn met(&self) -> bool {
        self.spoken.is_some_and(|l| l.rank() >= self.required.rank())
    }
}

/// Whether the availability the candidate gave covers the mission's days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatesMeet {
    /// A period of theirs holds the whole mission (or, for a flexible window, a run of its
    /// length inside the window).
    Covered,
    /// Their periods meet the mission's days, but none holds it all.
    Partly,
    /// None of their periods meets the mission's days.
    Outside,
    /// They gave no period.
    NotGiven,
}

/// How a candidate meets a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub skills: Vec<SkillMeet>,
    pub languages: Vec<LanguageMeet>,
    pub dates: DatesMeet,
    /// Their periods that meet the mission's days.
    pub periods: Vec<DateRange>,
    /// Average rating (1 to 5) by the hosts of their evaluated missions, and how many.
    pub rating: Option<(f32, u32)>,
}

/// How `profile` meets `request`; `rating` is the candidate's record of evaluations.
pub fn fit(request: &RequestFields, profile: &ProfileData, rating: Option<(f32, u32)>) -> Fit {
    let skills = request
        .skills
        .iter()
        .map(|need| SkillMeet {
            skill: need.skill.clone(),
            label: need.label.clone(),
            must: need.requirement == Requirement::MustHave,
            required: need.level.value(),
            level: profile.skills.iter().filter(|s| names_the_same(s, need)).map(|s| s.level).max(),
        })
        .collect();
    let languages = request
        .languages
        .iter()
        .map(|need| LanguageMeet {
            language: need.language,
            required: need.level,
            spoken: profile.languages.iter().find(|l| l.language == need.language).map(|l| l.spoken),
        })
        .collect();
    let days = request.timing.range();
    let periods: Vec<DateRange> =
        profile.windows.iter().map(|w| w.range).filter(|range| range.overlaps(&days)).collect();
    let needed = i64::from(request.timing.duration_days());
    let dates = if profile.windows.is_empty() {
        DatesMeet::NotGiven
    } else if periods.iter().any(|p| match request.timing {
        Timing::Fixed(range) => p.contains(&range),
        Timing::Flexible { window, .. } => p.intersection(&window).is_some_and(|inside| inside.days() >= needed),
    }) {
        DatesMeet::Covered
    } else if periods.is_empty() {
        DatesMeet::Outside
    } else {
        DatesMeet::Partly
    };
    Fit { skills, languages, dates, periods, rating }
}

/// Whether a skill of the profile is the one the request asks for: the same concept, or for a
/// skill in words, the same words (case and accents aside).
fn names_the_same(held: &passerelle_profiles::model::SkillEntry, need: &crate::requests::RequiredSkill) -> bool {
    match &need.skill {
        Some(id) => held.skill.as_ref() == Some(id),
        None => {
            held.skill.is_none()
                && passerelle_taxonomy::normalize(&held.label) == passerelle_taxonomy::normalize(&need.label)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::{Level, RequiredLanguage, RequiredSkill};
    use passerelle_profiles::model::{LanguageEntry, SkillEntry, Window, WorkMode};
    use time::macros::date;

    fn range(a: time::Date, b: time::Date) -> DateRange {
        DateRange::new(a, b).unwrap()
    }

    fn skill(id: &str, level: u8) -> SkillEntry {
        SkillEntry { skill: Some(SkillId::parse(id).unwrap()), label: id.into(), level, years: None }
    }

    fn request(timing: Timing) -> RequestFields {
        RequestFields {
            programme: passerelle_core::ProgrammeId::new(),
            title: "Training of trainers in industrial automation".into(),
            description: String::new(),
            objectives: String::new(),
            deliverables: String::new(),
            sector: passerelle_core::Sector::Education,
            skills: vec![
                RequiredSkill {
                    skill: Some(SkillId::parse("industrial-automation").unwrap()),
                    label: "industrial automation".into(),
                    requirement: Requirement::MustHave,
                    level: Level::new(3).unwrap(),
                },
                RequiredSkill {
                    skill: Some(SkillId::parse("plc-programming").unwrap()),
                    label: "PLC programming".into(),
                    requirement: Requirement::NiceToHave,
                    level: Level::new(2).unwrap(),
                },
            ],
            languages: vec![RequiredLanguage { language: Language::parse("fr").unwrap(), level: Cefr::B2 }],
            preferred_origins: vec![],
            country: None,
            city: String::new(),
            mode: crate::requests::Mode::Remote,
            timing,
            urgency: crate::requests::Urgency::Normal,
            positions: 1,
            host_provides: String::new(),
        }
    }

    fn profile(windows: Vec<DateRange>) -> ProfileData {
        ProfileData {
            skills: vec![skill("industrial-automation", 4), skill("plc-programming", 1), skill("surgery", 4)],
            languages: vec![LanguageEntry {
                language: Language::parse("fr").unwrap(),
                spoken: Cefr::C1,
                written: Cefr::B2,
            }],
            windows: windows.into_iter().map(|range| Window { range, mode: WorkMode::Either }).collect(),
            ..ProfileData::default()
        }
    }

    #[test]
    fn each_skill_and_language_asked_is_set_beside_the_candidates_own() {
        let fixed = Timing::Fixed(range(date!(2027 - 03 - 01), date!(2027 - 03 - 20)));
        let fit = fit(&request(fixed), &profile(vec![]), Some((4.5, 2)));
        assert_eq!(fit.skills.len(), 2, "only what the request asks");
        assert!(fit.skills[0].must && fit.skills[0].met());
        assert_eq!((fit.skills[1].level, fit.skills[1].met()), (Some(1), false), "below the level asked");
        assert!(fit.languages[0].met());
        assert_eq!(fit.dates, DatesMeet::NotGiven);
        assert_eq!(fit.rating, Some((4.5, 2)));
    }

    #[test]
    fn the_dates_are_covered_partly_or_not_at_all() {
        let fixed = Timing::Fixed(range(date!(2027 - 03 - 01), date!(2027 - 03 - 20)));
        let whole = profile(vec![range(date!(2027 - 02 - 01), date!(2027 - 04 - 30))]);
        assert_eq!(fit(&request(fixed), &whole, None).dates, DatesMeet::Covered);
        let part = profile(vec![range(date!(2027 - 03 - 10), date!(2027 - 04 - 30))]);
        let partly = fit(&request(fixed), &part, None);
        assert_eq!((partly.dates, partly.periods.len()), (DatesMeet::Partly, 1));
        let later = profile(vec![range(date!(2027 - 06 - 01), date!(2027 - 06 - 30))]);
        assert_eq!(fit(&request(fixed), &later, None).dates, DatesMeet::Outside);

        let window = range(date!(2027 - 03 - 01), date!(2027 - 04 - 30));
        let flexible = Timing::Flexible { window, duration_days: 15 };
        let fortnight = profile(vec![range(date!(2027 - 04 - 10), date!(2027 - 05 - 31))]);
        assert_eq!(fit(&request(flexible), &fortnight, None).dates, DatesMeet::Covered, "21 days inside the window");
        let short = profile(vec![range(date!(2027 - 04 - 25), date!(2027 - 05 - 31))]);
        assert_eq!(fit(&request(flexible), &short, None).dates, DatesMeet::Partly, "6 days inside the window");
    }
}
