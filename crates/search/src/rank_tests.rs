//! The re-ranking's rules: every contribution listed, must-haves first, close skills earning a
//! share and saying which stood in, skills in words, weights and shares from the configuration.

use super::*;
use time::macros::date;

fn criteria() -> Criteria {
    Criteria {
        must: vec![Wanted::of_skill(SkillId::parse("nurse-anaesthesia").unwrap(), 3)],
        nice: vec![Wanted::of_skill(SkillId::parse("training-of-trainers").unwrap(), 2)],
        languages: vec![(Language::parse("fr").unwrap(), Cefr::B2)],
        timing: Timing::Flexible {
            window: DateRange::new(date!(2027 - 03 - 01), date!(2027 - 04 - 30)).unwrap(),
            days: 15,
        },
        mode: MissionMode::OnSite,
        country: Some(Country::parse("RW").unwrap()),
        preferred_origins: vec![],
        sector: Some(Sector::Health),
        limits: None,
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
        relaxed: vec![],
        words: Words::default(),
    }
}

#[test]
fn every_contribution_is_listed_and_adds_up() {
    let e = explain(&criteria(), &Scoring::default(), &facts(Some(4)), 1.0, 0);
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
    let ranked = rank(&criteria(), &Scoring::default(), vec![weak.clone(), strong.clone()], 0);
    assert_eq!(ranked[0].id, strong.id);
    let second = &ranked[1].explanation;
    assert!(second.skills.iter().any(|s| s.must && s.level.is_none()));
    let below = facts(Some(1));
    let e = explain(&criteria(), &Scoring::default(), &below, 1.0, 0);
    let must = e.contributions.iter().find(|c| c.criterion == Criterion::MustHave).unwrap();
    assert!(must.points > 0.0 && must.points < 40.0, "a level below the minimum counts partly");
}

#[test]
fn stale_profiles_lose_points_and_later_slots_are_worth_less() {
    let fresh = explain(&criteria(), &Scoring::default(), &facts(Some(3)), 1.0, 10_000);
    let mut old = facts(Some(3));
    old.confirmed_day = 5_000;
    let stale = explain(&criteria(), &Scoring::default(), &old, 1.0, 10_000);
    assert!(stale.stale && stale.total < fresh.total);
    let mut late = facts(Some(3));
    late.slot = Some((encode::day(date!(2027 - 04 - 16)), encode::day(date!(2027 - 04 - 30))));
    let later = explain(&criteria(), &Scoring::default(), &late, 1.0, 0);
    assert!(later.total < explain(&criteria(), &Scoring::default(), &facts(Some(3)), 1.0, 0).total);
}

#[test]
fn weights_change_the_order() {
    let mut rated = facts(None);
    rated.rating = 500;
    rated.ratings = 5;
    let skilled = facts(Some(4));
    let default = rank(&criteria(), &Scoring::default(), vec![rated.clone(), skilled.clone()], 0);
    assert_eq!(default[0].id, skilled.id);
    // Among candidates who meet the must-haves alike, the weights decide.
    rated.skills = vec![(encode::skill_hash("nurse-anaesthesia"), 3)];
    rated.ratings = 1;
    let skilled = Facts { years: 20, ..skilled };
    assert_eq!(rank(&criteria(), &Scoring::default(), vec![rated.clone(), skilled.clone()], 0)[0].id, skilled.id);
    let evaluations_first =
        Scoring { weights: Weights { evaluations: 100.0, ..Weights::default() }, ..Scoring::default() };
    let changed = rank(&criteria(), &evaluations_first, vec![rated.clone(), skilled], 0);
    assert_eq!(changed[0].id, rated.id);
}

fn with_relations() -> Criteria {
    let mut c = criteria();
    c.must[0].close = vec![
        (SkillId::parse("post-anaesthesia-care").unwrap(), Closeness::Narrower),
        (SkillId::parse("intensive-care").unwrap(), Closeness::Related),
        (SkillId::parse("general-nursing").unwrap(), Closeness::Broader),
    ];
    c
}

#[test]
fn a_close_skill_earns_a_share_and_says_which_stood_in() {
    let criteria = with_relations();
    let scoring = Scoring::default();
    let holder = |skill: &str, level: u8| Facts { skills: vec![(encode::skill_hash(skill), level)], ..facts(None) };
    let must = |e: &Explanation| e.contributions.iter().find(|c| c.criterion == Criterion::MustHave).unwrap().points;
    let exact = explain(&criteria, &scoring, &holder("nurse-anaesthesia", 3), 1.0, 0);
    let narrower = explain(&criteria, &scoring, &holder("post-anaesthesia-care", 3), 1.0, 0);
    let related = explain(&criteria, &scoring, &holder("intensive-care", 3), 1.0, 0);
    let broader = explain(&criteria, &scoring, &holder("general-nursing", 3), 1.0, 0);
    let none = explain(&criteria, &scoring, &facts(None), 1.0, 0);
    assert!(must(&exact) > must(&narrower) && must(&narrower) > must(&related));
    assert!(must(&related) > must(&broader) && must(&broader) > must(&none));
    assert_eq!(must(&narrower), 40.0 * 0.6);
    let fit = &narrower.skills[0];
    assert_eq!(fit.evidence, Evidence::Close);
    assert_eq!(fit.stood_in, Some((SkillId::parse("post-anaesthesia-care").unwrap(), Closeness::Narrower)));
    assert!(narrower.meets_must_haves, "a narrower skill at the level is the skill");
    assert!(!related.meets_must_haves && !broader.meets_must_haves);
    // Configured shares, never the whole.
    let generous = Scoring { shares: Shares { related: 0.9, ..Shares::default() }, ..Scoring::default() };
    let related = explain(&criteria, &generous, &holder("intensive-care", 3), 1.0, 0);
    assert_eq!(must(&related), 40.0 * 0.9);
}

#[test]
fn skills_in_words_listed_or_only_mentioned() {
    let mut criteria = criteria();
    criteria.must.push(Wanted {
        skill: None,
        label: "soudage TIG sur inox".into(),
        level: 3,
        close: vec![],
        phrases: vec!["soudage TIG sur inox".into()],
    });
    let scoring = Scoring::default();
    let listed = Facts { words: Words { listed: 0b10, mentioned: 0 }, ..facts(Some(3)) };
    let mentioned = Facts { words: Words { listed: 0, mentioned: 0b10 }, ..facts(Some(3)) };
    let e = explain(&criteria, &scoring, &listed, 1.0, 0);
    assert_eq!(e.skills[1].evidence, Evidence::Listed);
    assert!(e.meets_must_haves);
    let m = explain(&criteria, &scoring, &mentioned, 1.0, 0);
    assert_eq!(m.skills[1].evidence, Evidence::Mentioned);
    assert_eq!(m.skills[1].credit, scoring.shares.mentioned);
    assert!(!m.meets_must_haves, "named in a summary is not confirmed");
    let ranked = rank(&criteria, &scoring, vec![mentioned.clone(), listed.clone()], 0);
    assert_eq!(ranked[0].id, listed.id);
}

#[test]
fn full_matches_come_first_whatever_else_they_score() {
    let criteria = criteria();
    let mut partial = facts(Some(1));
    partial.rating = 500;
    partial.ratings = 5;
    partial.verified = 5;
    let full = Facts { years: 0, verified: 0, ..facts(Some(3)) };
    let ranked = rank(
        &criteria,
        &Scoring { weights: Weights { evaluations: 200.0, ..Weights::default() }, ..Scoring::default() },
        vec![partial, full.clone()],
        0,
    );
    assert_eq!(ranked[0].id, full.id);
    assert!(ranked[0].explanation.meets_must_haves && !ranked[1].explanation.meets_must_haves);
}
