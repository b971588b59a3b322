//! The index and the matcher against a real database: languages and genders meet, the hard
//! filters are never broken (property test against a brute force over the database), erased
//! and withdrawn experts disappear, a crash between the database and the index loses nothing,
//! and a rebuilt index answers like the incrementally updated one.

use passerelle_core::{Cefr, Country, DateRange, ExpertId, Language, Sector, Timestamp};
use passerelle_db::Db;
use passerelle_profiles::consent::{self, Source};
use passerelle_profiles::input::{ConsentInput, ExpertInput, LanguageInput, SkillInput, WindowInput};
use passerelle_profiles::resolve::SkillResolver;
use passerelle_profiles::service::{self, Target};
use passerelle_profiles::{rights, store};
use passerelle_search::availability::slot;
use passerelle_search::roster::{self, RosterSearch};
use passerelle_search::schema::SCHEMA_VERSION;
use passerelle_search::{
    Criteria, Expander, Indexer, LimitCheck, MissionMode, Rebuild, Scoring, SearchIndex, Timing, Wanted, encode,
    matcher,
};
use passerelle_taxonomy::{SkillId, Taxonomy};
use proptest::prelude::*;
use std::sync::Arc;
use time::macros::date;

struct World {
    dir: tempfile::TempDir,
    db: Db,
    index: Arc<SearchIndex>,
    indexer: Indexer,
    expander: Expander,
    resolver: SkillResolver,
}

async fn world() -> World {
    let (dir, db) = passerelle_db::testing::fresh().await;
    passerelle_taxonomy::sync_shipped(&db).await.unwrap();
    let (index, rebuild) = SearchIndex::open(&dir.path().join("index")).unwrap();
    assert_eq!(rebuild, Some(Rebuild::Missing));
    let index = Arc::new(index);
    let mut indexer = Indexer::new(index.clone(), db.clone()).await.unwrap();
    indexer.rebuild(&Rebuild::Missing, &mut |_, _| {}).await.unwrap();
    let taxonomy = Arc::new(Taxonomy::load(&db).await.unwrap());
    let expander = Expander::of(taxonomy.clone());
    let resolver = SkillResolver::of(taxonomy);
    World { dir, db, index, indexer, expander, resolver }
}

impl World {
    async fn add(&mut self, input: &ExpertInput) -> ExpertId {
        let checked = service::check(input, &self.resolver).unwrap();
        let mut tx = self.db.begin().await.unwrap();
        let id = service::write(&mut tx, &checked, Target::New { user: None }, None, Source::Api).await.unwrap().id;
        tx.commit().await.unwrap();
        id
    }

    async fn sync(&mut self) {
        let newest = *self.db.committed_changes().borrow();
        passerelle_db::testing::readable(&self.db, newest).await;
        self.indexer.catch_up().await.unwrap();
        assert!(self.index.applied() >= newest, "the index has every change");
    }

    fn roster(&self, text: &str) -> Vec<ExpertId> {
        let quarter = DateRange::new(date!(2027 - 01 - 01), date!(2027 - 03 - 31)).unwrap();
        let q = RosterSearch { text: text.into(), limit: 50, ..Default::default() };
        roster::search(&self.index, &self.expander, &q, quarter).unwrap().hits.into_iter().map(|h| h.id).collect()
    }

    fn find(&self, criteria: &Criteria, limit: usize) -> Vec<ExpertId> {
        matcher::find(&self.index, criteria, &Scoring::default(), limit, 0).unwrap().into_iter().map(|r| r.id).collect()
    }
}

fn expert(name: &str, skill: &str, languages: &[(&str, &str)]) -> ExpertInput {
    ExpertInput {
        name: name.into(),
        residence_country: Some("BE".into()),
        origin_countries: vec!["RW".into()],
        skills: vec![SkillInput { label: skill.into(), level: Some(3), ..Default::default() }],
        languages: languages
            .iter()
            .map(|(c, l)| LanguageInput { code: (*c).into(), spoken: (*l).into(), written: (*l).into() })
            .collect(),
        availability: vec![WindowInput { start: "2027-01-01".into(), end: "2027-12-31".into(), mode: "either".into() }],
        consent: Some(ConsentInput { matching: true, version: "2026-11-01".into(), given_at: None }),
        ..Default::default()
    }
}

fn request(skill: &str, languages: &[(&str, Cefr)]) -> Criteria {
    Criteria {
        must: vec![Wanted::of_skill(SkillId::parse(skill).unwrap(), 2)],
        nice: vec![],
        languages: languages.iter().map(|(c, l)| (Language::parse(c).unwrap(), *l)).collect(),
        timing: Timing::Fixed(DateRange::new(date!(2027 - 03 - 01), date!(2027 - 03 - 15)).unwrap()),
        mode: MissionMode::OnSite,
        country: Some(Country::parse("RW").unwrap()),
        preferred_origins: vec![],
        sector: Some(Sector::Health),
        limits: None,
    }
}

#[tokio::test]
async fn languages_accents_and_genders_meet() {
    let mut w = world().await;
    let english = w.add(&expert("Grace Uwera", "nurse anaesthetist", &[("en", "C1")])).await;
    let french = w.add(&expert("Claudine Mukamana", "infirmière anesthésiste", &[("fr", "C2")])).await;
    let welder = w.add(&expert("Eric Hakizimana", "soudure", &[("fr", "C1")])).await;
    let surgeon = w.add(&expert("Jean Niyonzima", "chirurgie générale", &[("fr", "C1")])).await;
    w.sync().await;

    // A French query finds the English-only profile and the other way round.
    for query in ["infirmière anesthésiste", "infirmier anesthesiste", "INFIRMIERE ANESTHESISTE", "nurse anesthetist"]
    {
        let found = w.roster(query);
        assert!(found.contains(&english) && found.contains(&french), "{query}: {found:?}");
        assert!(!found.contains(&welder), "{query}");
    }
    assert_eq!(w.roster("welding").first(), Some(&welder), "the English name finds the French-written skill");
    assert_eq!(w.roster("surgical"), vec![surgeon], "a word of a synonym (surgical procedures) finds the skill");
    // Whatever people type, the parser does not panic.
    for odd in ["\"unbalanced", "a AND OR", "((((", "title:[a TO", "*", "  ", "é-è-à"] {
        let _ = w.roster(odd);
    }

    // Matching: the skill id meets both profiles; the language filter keeps only French speakers.
    let both = w.find(&request("nurse-anaesthesia", &[]), 10);
    assert_eq!(both.len(), 4, "everyone available passes when no language is required: {both:?}");
    assert!(both[..2].contains(&english) && both[..2].contains(&french), "skill holders first");
    let french_only = w.find(&request("nurse-anaesthesia", &[("fr", Cefr::B2)]), 10);
    assert_eq!(french_only.first(), Some(&french));
    assert!(!french_only.contains(&english), "English-only expert broke the French requirement");
}

/// A text plainly in one language is analysed in that one only: it is still found by its words,
/// stemmed in its language, and its snippet is cut with the matching words marked.
#[tokio::test]
async fn a_text_in_one_language_is_found_by_its_words_with_a_snippet() {
    let mut w = world().await;
    let mut english = expert("Grace Uwera", "hydraulics", &[("en", "C1")]);
    english.summary = Some(
        "Water engineer with twenty years in the design of irrigation canals for the districts of the north.".into(),
    );
    let english = w.add(&english).await;
    let mut french = expert("Claudine Mukamana", "hydraulique", &[("fr", "C2")]);
    french.summary = Some(
        "Ingénieure depuis quinze ans, conception des retenues collinaires pour les communes rurales du nord.".into(),
    );
    let french = w.add(&french).await;
    w.sync().await;

    let quarter = DateRange::new(date!(2027 - 01 - 01), date!(2027 - 03 - 31)).unwrap();
    let search = |text: &str| {
        let q = RosterSearch { text: text.into(), limit: 50, ..Default::default() };
        roster::search(&w.index, &w.expander, &q, quarter).unwrap().hits
    };
    for (words, who, marked) in [
        ("canal designs", english, "<b>canals</b>"),
        ("retenue collinaire", french, "<b>retenues</b>"),
        ("communes rurales", french, "<b>rurales</b>"),
    ] {
        let hits = search(words);
        assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![who], "{words}");
        assert!(hits[0].snippet.contains(marked), "{words}: {}", hits[0].snippet);
    }
}

#[tokio::test]
async fn erased_or_withdrawn_experts_disappear_and_a_crash_loses_nothing() {
    let mut w = world().await;
    let a = w.add(&expert("Aline Uwase", "midwifery", &[("fr", "C2")])).await;
    let b = w.add(&expert("Diane Ingabire", "sage-femme", &[("fr", "C2")])).await;
    w.sync().await;
    assert_eq!(w.find(&request("midwifery", &[]), 10).len(), 2);

    let mut tx = w.db.begin().await.unwrap();
    consent::record(&mut tx, a, "2026-11-01", false, Timestamp::now(), None, Source::Web).await.unwrap();
    tx.commit().await.unwrap();
    assert!(rights::erase(&w.db, b, passerelle_accounts::audit::Event::by(None, "profile.erase")).await.unwrap());
    w.sync().await;
    assert!(w.find(&request("midwifery", &[]), 10).is_empty());
    assert!(!w.roster("sage-femme").contains(&b), "erased");
    assert!(w.roster("sage-femme").contains(&a), "withdrawn: still in the roster, not in matching");

    // A profile committed to the database but not yet to the index ("crash") is searchable
    // after a restart: the index catches up from its last commit.
    let c = w.add(&expert("Solange Umutoni", "midwifery", &[("fr", "C1")])).await;
    let World { dir, db, indexer, index, .. } = w;
    drop(indexer);
    drop(index);
    let (reopened, rebuild) = SearchIndex::open(&dir.path().join("index")).unwrap();
    assert_eq!(rebuild, None, "the index is reused");
    let reopened = Arc::new(reopened);
    let mut indexer = Indexer::new(reopened.clone(), db.clone()).await.unwrap();
    indexer.catch_up().await.unwrap();
    let found = matcher::find(&reopened, &request("midwifery", &[]), &Scoring::default(), 10, 0).unwrap();
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), vec![c]);
}

#[tokio::test]
async fn the_index_follows_the_change_log_once_it_hears_of_other_instances_and_has_caught_up() {
    let mut w = world().await;
    assert!(!w.index.is_following(), "rebuilt is not following: nothing hears of later changes yet");
    let id = w.add(&expert("Aline", "solar PV installation", &[("fr", "C1")])).await;
    if !w.db.hears_changes_elsewhere() {
        // PostgreSQL: caught up, but deaf to other instances until the listener listens.
        w.sync().await;
        assert!(!w.index.is_following(), "follows before it listens");
        w.indexer.listen();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !w.db.hears_changes_elsewhere() {
            assert!(std::time::Instant::now() < deadline, "the listener never listened");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }
    w.sync().await;
    assert!(w.index.is_following());
    assert_eq!(w.index.documents(), 1, "{id} indexed");
}

#[tokio::test]
async fn a_rebuilt_index_answers_like_the_incremental_one_and_other_schemas_are_rebuilt() {
    let mut w = world().await;
    let generator = passerelle_profiles::synthetic::Generator::new(11);
    for i in 0..150 {
        w.add(&generator.expert(i)).await;
    }
    w.sync().await;
    let requests: Vec<Criteria> = ["general-surgery", "welding-fabrication", "midwifery", "training-of-trainers"]
        .iter()
        .map(|s| request(s, &[("fr", Cefr::B1)]))
        .collect();
    let before: Vec<_> = requests.iter().map(|r| w.find(r, 20)).collect();
    let roster_before = w.roster("santé publique");

    let indexed = w.indexer.rebuild(&Rebuild::Asked, &mut |_, _| {}).await.unwrap();
    assert_eq!(indexed, 150);
    let after: Vec<_> = requests.iter().map(|r| w.find(r, 20)).collect();
    assert_eq!(before, after);
    assert_eq!(roster_before, w.roster("santé publique"));

    // An index written with another schema version is rebuilt.
    let World { dir, index, indexer, .. } = w;
    drop(indexer);
    drop(index);
    let meta = dir.path().join("index/meta.json");
    let current = format!(r#"\"schema\":{SCHEMA_VERSION}"#);
    let text = std::fs::read_to_string(&meta).unwrap();
    assert!(text.contains(&current), "the payload names the schema version");
    let text = text.replace(&current, r#"\"schema\":0"#);
    std::fs::write(&meta, text).unwrap();
    let (_, rebuild) = SearchIndex::open(&dir.path().join("index")).unwrap();
    assert_eq!(rebuild, Some(Rebuild::OtherSchema));
    std::fs::write(&meta, "{ not json").unwrap();
    let (_, rebuild) = SearchIndex::open(&dir.path().join("index")).unwrap();
    assert!(matches!(rebuild, Some(Rebuild::Corrupt(_))), "{rebuild:?}");
}

/// What the hard filters say, straight from the database.
#[tokio::test]
async fn merging_the_segments_changes_no_answer_and_keeps_the_position() {
    let mut w = world().await;
    let generator = passerelle_profiles::synthetic::Generator::new(5);
    // Each catch-up commits a segment of its own.
    for i in 0..4 {
        for j in 0..10 {
            w.add(&generator.expert(i * 10 + j)).await;
        }
        w.sync().await;
    }
    assert!(w.index.searcher().segment_readers().len() >= 4, "one segment per commit");
    let requests: Vec<Criteria> =
        ["general-surgery", "midwifery", "training-of-trainers"].iter().map(|s| request(s, &[])).collect();
    let before: Vec<_> = requests.iter().map(|r| w.find(r, 20)).collect();
    assert!(before.iter().all(|found| !found.is_empty()), "every request finds someone: {before:?}");
    let (applied, documents) = (w.index.applied(), w.index.documents());

    w.indexer.merge_segments().await;
    assert!(w.indexer.merged().await, "a merge was started");
    assert_eq!(w.index.searcher().segment_readers().len(), 1, "the merged segment is what the index reads");
    assert_eq!(w.index.documents(), documents);
    assert_eq!(requests.iter().map(|r| w.find(r, 20)).collect::<Vec<_>>(), before);
    assert!(!w.indexer.merged().await, "nothing left to wait for");

    // The merge kept the last commit's payload: a reopened index starts from the same change.
    let World { dir, index, indexer, .. } = w;
    drop(indexer);
    drop(index);
    let (reopened, rebuild) = SearchIndex::open(&dir.path().join("index")).unwrap();
    assert_eq!(rebuild, None);
    assert_eq!(reopened.applied(), applied);
    assert_eq!(reopened.searcher().segment_readers().len(), 1);
}

async fn passes(db: &Db, id: ExpertId, criteria: &Criteria) -> bool {
    let profile = store::load(db, id).await.unwrap().unwrap();
    if profile.consent.is_none() {
        return false;
    }
    for (language, level) in &criteria.languages {
        if !profile.data.languages.iter().any(|l| l.language == *language && l.spoken >= *level) {
            return false;
        }
    }
    let windows: Vec<(u32, u32, u64)> = profile
        .data
        .windows
        .iter()
        .map(|w| {
            let modes = match w.mode {
                passerelle_profiles::model::WorkMode::OnSite => encode::ON_SITE,
                passerelle_profiles::model::WorkMode::Remote => encode::REMOTE,
                passerelle_profiles::model::WorkMode::Either => encode::ON_SITE | encode::REMOTE,
            };
            (encode::day(w.range.start()), encode::day(w.range.end()), modes)
        })
        .chain(profile.data.remote_now.then(|| {
            let today = encode::day(Timestamp::now().date());
            (today, today + 90, encode::REMOTE)
        }))
        .collect();
    let Some(limits) = criteria.limits else {
        return slot(&windows, &[], criteria.timing, criteria.mode).is_some();
    };
    let data = &profile.data;
    if limits.country.is_some_and(|c| data.no_travel.iter().any(|n| encode::country(*n) == c)) {
        return false;
    }
    if data.max_mission_days.is_some_and(|m| m > 0 && limits.days > u32::from(m)) {
        return false;
    }
    let notice = u32::from(data.notice_days.unwrap_or(0));
    limits
        .with_notice(criteria.timing, notice)
        .is_some_and(|timing| slot(&windows, &[], timing, criteria.mode).is_some())
}

fn criteria_strategy() -> impl Strategy<Value = (Criteria, usize)> {
    let skills = [
        "general-surgery",
        "midwifery",
        "welding-fabrication",
        "training-of-trainers",
        "nurse-anaesthesia",
        "public-procurement",
    ];
    let languages = ["fr", "en", "rw", "ln", "ar", "wo"];
    (
        0..skills.len(),
        proptest::collection::vec((0..languages.len(), 0usize..7), 0..3),
        0i64..330,
        0i64..60,
        any::<bool>(),
        0usize..3,
        1usize..40,
        proptest::option::of(0usize..3),
    )
        .prop_map(move |(skill, langs, start, length, fixed, mode, limit, country)| {
            let first = date!(2027 - 01 - 01) + time::Duration::days(start);
            let range = DateRange::new(first, first + time::Duration::days(length)).unwrap();
            let timing = if fixed {
                Timing::Fixed(range)
            } else {
                Timing::Flexible { window: range, days: (length as u32 / 2).max(1) }
            };
            let mode = [MissionMode::OnSite, MissionMode::Remote, MissionMode::Hybrid][mode];
            // The experts' own limits are checked from the day the 2027 availability is near.
            let country = country.map(|c| Country::parse(["CD", "RW", "BI"][c]).unwrap());
            let today = date!(2026 - 12 - 05);
            let limits = LimitCheck::new(country.map(encode::country), mode, timing, today);
            let criteria = Criteria {
                must: vec![Wanted::of_skill(SkillId::parse(skills[skill]).unwrap(), 2)],
                nice: vec![],
                languages: langs
                    .iter()
                    .map(|(l, c)| (Language::parse(languages[*l]).unwrap(), Cefr::ALL[*c]))
                    .collect(),
                timing,
                mode,
                country,
                preferred_origins: vec![],
                sector: None,
                limits: Some(limits),
            };
            (criteria, limit)
        })
}

#[test]
fn the_matcher_never_breaks_a_hard_filter_nor_misses_a_match() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (w, ids) = runtime.block_on(async {
        let mut w = world().await;
        let generator = passerelle_profiles::synthetic::Generator::new(99);
        let mut ids = Vec::new();
        for i in 0..300 {
            let mut expert = generator.expert(i);
            // Some will not go to the DRC or Burundi (the generator gives nobody such limits).
            if i % 4 == 0 {
                expert.no_travel_countries = vec![["CD", "BI"][i as usize % 8 / 4].into()];
            }
            ids.push(w.add(&expert).await);
        }
        w.sync().await;
        (w, ids)
    });
    let config = ProptestConfig { cases: 64, ..ProptestConfig::default() };
    proptest!(config, |((criteria, limit) in criteria_strategy())| {
        let found = w.find(&criteria, limit);
        let passing: Vec<ExpertId> = runtime.block_on(async {
            let mut passing = Vec::new();
            for id in &ids {
                if passes(&w.db, *id, &criteria).await {
                    passing.push(*id);
                }
            }
            passing
        });
        for id in &found {
            prop_assert!(passing.contains(id), "returned {id} which breaks a hard filter");
        }
        prop_assert!(found.len() <= limit);
        if passing.len() < limit {
            prop_assert_eq!(found.len(), passing.len(), "missed some of the {} that pass", passing.len());
        } else {
            prop_assert_eq!(found.len(), limit);
        }
    });
}
