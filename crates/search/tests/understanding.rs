//! Skill understanding against a real index: a close skill stands in (and says so), a skill the
//! taxonomy does not know is found in experts' own words, experts' own limits are hard filters
//! that a coordinator may loosen, and near misses name the filter that kept someone out.

use passerelle_core::{Cefr, Country, DateRange, ExpertId, Language, Sector};
use passerelle_db::Db;
use passerelle_profiles::consent::Source;
use passerelle_profiles::input::{ConsentInput, ExpertInput, LanguageInput, SkillInput, WindowInput};
use passerelle_profiles::resolve::SkillResolver;
use passerelle_profiles::service::{self, Target};
use passerelle_search::criteria::of_skill;
use passerelle_search::near::{self, Failing};
use passerelle_search::{
    Criteria, Evidence, Indexer, Limit, LimitCheck, MissionMode, Scoring, SearchIndex, Timing, Wanted, encode, matcher,
};
use passerelle_taxonomy::{Closeness, SkillId, Taxonomy};
use std::collections::HashSet;
use std::sync::Arc;
use time::macros::date;

struct World {
    _dir: tempfile::TempDir,
    db: Db,
    index: Arc<SearchIndex>,
    indexer: Indexer,
    taxonomy: Arc<Taxonomy>,
}

async fn world() -> World {
    let (dir, db) = passerelle_db::testing::fresh().await;
    passerelle_taxonomy::sync_shipped(&db).await.unwrap();
    let (index, rebuild) = SearchIndex::open(&dir.path().join("index")).unwrap();
    let index = Arc::new(index);
    let mut indexer = Indexer::new(index.clone(), db.clone()).await.unwrap();
    indexer.rebuild(&rebuild.unwrap(), &mut |_, _| {}).await.unwrap();
    let taxonomy = Arc::new(Taxonomy::load(&db).await.unwrap());
    World { _dir: dir, db, index, indexer, taxonomy }
}

impl World {
    async fn add(&mut self, input: ExpertInput) -> ExpertId {
        let checked = service::check(&input, &SkillResolver::of(self.taxonomy.clone())).unwrap();
        let mut tx = self.db.begin().await.unwrap();
        let id = service::write(&mut tx, &checked, Target::New { user: None }, None, Source::Api).await.unwrap().id;
        tx.commit().await.unwrap();
        let newest = *self.db.committed_changes().borrow();
        passerelle_db::testing::readable(&self.db, newest).await;
        self.indexer.catch_up().await.unwrap();
        id
    }

    fn wanted(&self, skill: &str) -> Wanted {
        of_skill(&self.taxonomy, &SkillId::parse(skill).unwrap(), skill, 2)
    }
}

fn expert(name: &str, skills: &[&str]) -> ExpertInput {
    ExpertInput {
        name: name.into(),
        residence_country: Some("BE".into()),
        origin_countries: vec!["RW".into()],
        skills: skills
            .iter()
            .map(|s| SkillInput { label: (*s).into(), level: Some(3), ..Default::default() })
            .collect(),
        languages: vec![LanguageInput { code: "fr".into(), spoken: "C1".into(), written: "C1".into() }],
        availability: vec![WindowInput { start: "2027-01-01".into(), end: "2027-12-31".into(), mode: "either".into() }],
        consent: Some(ConsentInput { matching: true, version: "2026-11-01".into(), given_at: None }),
        ..Default::default()
    }
}

fn criteria(must: Vec<Wanted>, country: &str) -> Criteria {
    let timing = Timing::Fixed(DateRange::new(date!(2027 - 03 - 01), date!(2027 - 03 - 20)).unwrap());
    let country = Country::parse(country).unwrap();
    Criteria {
        must,
        nice: vec![],
        languages: vec![(Language::parse("fr").unwrap(), Cefr::B2)],
        timing,
        mode: MissionMode::OnSite,
        country: Some(country),
        preferred_origins: vec![],
        sector: Some(Sector::Health),
        limits: Some(LimitCheck::new(
            Some(encode::country(country)),
            MissionMode::OnSite,
            timing,
            date!(2026 - 12 - 05),
        )),
    }
}

#[tokio::test]
async fn close_skills_stand_in_and_say_which() {
    let mut w = world().await;
    // The request names critical-care nursing; these experts hold intensive care (related) and
    // TIG welding (no relation to it); the third holds the skill itself.
    let intensivist = w.add(expert("Aline Uwase", &["médecine intensive et réanimation"])).await;
    let welder = w.add(expert("Eric Hakizimana", &["soudage TIG"])).await;
    let nurse = w.add(expert("Diane Ingabire", &["ICU nurse"])).await;
    let c = criteria(vec![w.wanted("critical-care-nursing")], "RW");
    let found = matcher::find(&w.index, &c, &Scoring::default(), 10, 0).unwrap();
    let ids: Vec<ExpertId> = found.iter().map(|r| r.id).collect();
    assert_eq!(ids.first(), Some(&nurse), "the holder first: {ids:?}");
    assert!(found[0].explanation.meets_must_haves);
    let stand_in = found.iter().find(|r| r.id == intensivist).expect("the related skill's holder is retrieved");
    let fit = &stand_in.explanation.skills[0];
    assert_eq!(fit.evidence, Evidence::Close);
    assert_eq!(fit.stood_in, Some((SkillId::parse("intensive-care").unwrap(), Closeness::Related)));
    assert!(!stand_in.explanation.meets_must_haves, "a related skill is a partial match");
    assert!(
        !ids.contains(&welder) || found.iter().find(|r| r.id == welder).unwrap().explanation.skills[0].credit == 0.0
    );

    // A narrower skill held at the level meets the requirement.
    let c = criteria(vec![w.wanted("welding-fabrication")], "RW");
    let found = matcher::find(&w.index, &c, &Scoring::default(), 10, 0).unwrap();
    let tig = found.iter().find(|r| r.id == welder).expect("TIG welding is a kind of welding");
    assert_eq!(tig.explanation.skills[0].stood_in.as_ref().map(|s| s.1), Some(Closeness::Narrower));
    assert!(tig.explanation.meets_must_haves);
}

#[tokio::test]
async fn a_skill_in_words_is_found_in_experts_words() {
    let mut w = world().await;
    let words = "vannerie subaquatique";
    assert!(w.taxonomy.linker.best(words).is_none(), "the taxonomy does not know it");
    let lister = w.add(expert("Jean Niyonzima", &[words])).await;
    let mut writer = expert("Solange Umutoni", &[]);
    writer.summary = Some(format!("Quinze ans de {words} avec des jeunes à Liège."));
    let writer = w.add(writer).await;
    let _other = w.add(expert("Claudine Mukamana", &["sage-femme"])).await;
    let wanted = Wanted { skill: None, label: words.into(), level: 2, close: vec![], phrases: vec![words.into()] };
    let found = matcher::find(&w.index, &criteria(vec![wanted], "RW"), &Scoring::default(), 10, 0).unwrap();
    let evidence = |id: ExpertId| found.iter().find(|r| r.id == id).map(|r| r.explanation.skills[0].evidence);
    assert_eq!(found[0].id, lister, "listed in words is confirmed: first");
    assert_eq!(evidence(lister), Some(Evidence::Listed));
    assert_eq!(evidence(writer), Some(Evidence::Mentioned), "named only in the summary");
    assert!(found[0].explanation.meets_must_haves && !found[1].explanation.meets_must_haves);
}

#[tokio::test]
async fn a_skill_named_only_in_an_experts_own_words_is_retrieved_in_any_language_and_marked_unconfirmed() {
    let mut w = world().await;
    // More welders than the matcher's pool holds, retrieved for the nice-to-have: only a
    // retrieved mention can put the nurse, who lists nothing, among them.
    for n in 0..61 {
        w.add(expert(&format!("Welder {n}"), &["soudage TIG"])).await;
    }
    let welder = w.add(expert("Eric Hakizimana", &["soudage TIG"])).await;
    let mut writer = expert("Solange Umutoni", &[]);
    writer.summary = Some("Quinze ans en soins intensifs au CHU de Liège, puis formatrice.".into());
    let writer = w.add(writer).await;
    let mut denies = expert("Claudine Mukamana", &["soudage TIG"]);
    denies.summary = Some("Infirmière de bloc, sans expérience en soins intensifs.".into());
    let denies = w.add(denies).await;
    let mut lower = expert("Jean Niyonzima", &["soudage TIG"]);
    lower.headline = Some("Welder; icu is not my field".into());
    let lower = w.add(lower).await;

    // The request names the skill in English; the summary in French.
    let mut c = criteria(vec![w.wanted("intensive-care")], "RW");
    c.nice = vec![w.wanted("tig-welding")];
    let found = matcher::find(&w.index, &c, &Scoring::default(), 1, 0).unwrap();
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), [writer], "welder {welder}, denies {denies}");
    let fit = &found[0].explanation.skills[0];
    assert_eq!(fit.evidence, Evidence::Mentioned, "named in the summary, not confirmed");
    assert!(fit.credit > 0.0 && fit.credit < 1.0, "a share of a confirmed skill: {}", fit.credit);
    assert!(!found[0].explanation.meets_must_haves, "unconfirmed evidence never meets a must-have");

    // Said not to be held, or a short word in lower case: no evidence.
    let found = matcher::find(&w.index, &c, &Scoring::default(), 100, 0).unwrap();
    for id in [denies, lower, welder] {
        let fit = &found.iter().find(|r| r.id == id).expect("passes the filters").explanation.skills[0];
        assert_eq!(fit.evidence, Evidence::Missing, "{id}");
    }

    // Suggested to her and dismissed ("not mine"): no longer credited.
    let intensive_care = SkillId::parse("intensive-care").unwrap();
    let mut tx = w.db.begin().await.unwrap();
    passerelle_profiles::suggestions::dismiss(&mut tx, writer, &intensive_care).await.unwrap();
    tx.commit().await.unwrap();
    passerelle_db::testing::readable(&w.db, *w.db.committed_changes().borrow()).await;
    w.indexer.catch_up().await.unwrap();
    let found = matcher::find(&w.index, &c, &Scoring::default(), 100, 0).unwrap();
    let fit = &found.iter().find(|r| r.id == writer).expect("passes the filters").explanation.skills[0];
    assert_eq!(fit.evidence, Evidence::Missing);
}

#[tokio::test]
async fn the_index_credits_the_mentions_kept_with_the_profile_while_they_are_current() {
    let mut w = world().await;
    let mut writer = expert("Solange Umutoni", &[]);
    writer.summary = Some("Quinze ans en soins intensifs au CHU de Liège, puis formatrice.".into());
    let writer = w.add(writer).await;
    let kept = passerelle_profiles::mentions::of_experts(&w.db, &[writer]).await.unwrap();
    assert_eq!(kept[&writer].skills, [SkillId::parse("intensive-care").unwrap()], "read when written");
    assert!(kept[&writer].is_current(&w.taxonomy));

    let evidence = |w: &World, skill: &str| {
        let found = matcher::find(&w.index, &criteria(vec![w.wanted(skill)], "RW"), &Scoring::default(), 10, 0);
        found.unwrap().iter().find(|r| r.id == writer).map(|r| r.explanation.skills[0].evidence)
    };
    assert_eq!(evidence(&w, "intensive-care"), Some(Evidence::Mentioned));
    // What is kept is what the index credits (it does not read the text again)...
    let rewrite = |set: &'static str| {
        let db = w.db.clone();
        async move {
            let mut tx = db.begin().await.unwrap();
            passerelle_db::sqlx::query(&format!("UPDATE expert_mentions SET {set} WHERE expert_id = $1"))
                .bind(writer)
                .execute(&mut *tx)
                .await
                .unwrap();
            passerelle_profiles::store::changed(&mut tx, writer).await.unwrap();
            tx.commit().await.unwrap();
            passerelle_db::testing::readable(&db, *db.committed_changes().borrow()).await;
        }
    };
    rewrite("skills = 'tig-welding'").await;
    w.indexer.catch_up().await.unwrap();
    assert_eq!(evidence(&w, "tig-welding"), Some(Evidence::Mentioned));
    assert_ne!(evidence(&w, "intensive-care"), Some(Evidence::Mentioned));
    // ...while it was read as this code reads: kept by another reader, the text is read again.
    rewrite("reader = reader - 1").await;
    w.indexer.catch_up().await.unwrap();
    assert_eq!(evidence(&w, "intensive-care"), Some(Evidence::Mentioned));
    assert_ne!(evidence(&w, "tig-welding"), Some(Evidence::Mentioned));
}

#[tokio::test]
async fn experts_words_are_read_again_when_the_taxonomy_changes() {
    let mut w = world().await;
    let cache = Arc::new(passerelle_taxonomy::TaxonomyCache::new());
    let (index, rebuild) = SearchIndex::open(&w._dir.path().join("index-2")).unwrap();
    let index = Arc::new(index);
    let mut indexer = Indexer::new(index.clone(), w.db.clone()).await.unwrap().sharing(cache.clone());
    let mut keeper = expert("Solange Umutoni", &[]);
    keeper.summary = Some("Vingt ans à élever des abeilles au pied des Virunga.".into());
    let keeper = w.add(keeper).await;
    indexer.rebuild(&rebuild.unwrap(), &mut |_, _| {}).await.unwrap();
    assert!(!indexer.follow_the_taxonomy().await.unwrap(), "nothing changed");

    // The words name no skill until ESCO's beekeeping is imported.
    let esco = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status\n\
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/00000000-1111-2222-3333-444444444444,\
        skill/competence,cross-sector,gérer un rucher,élever des abeilles,,released\n";
    passerelle_taxonomy::import_esco_csv(&w.db, esco.as_bytes(), "fr").await.unwrap();
    cache.invalidate();
    let beekeeping = SkillId::parse("esco:00000000-1111-2222-3333-444444444444").unwrap();
    let taxonomy = Arc::new(Taxonomy::load(&w.db).await.unwrap());
    let wanted = of_skill(&taxonomy, &beekeeping, "apiculture", 2);
    let evidence = |index: &SearchIndex| {
        let found = matcher::find(index, &criteria(vec![wanted.clone()], "RW"), &Scoring::default(), 10, 0).unwrap();
        found.iter().find(|r| r.id == keeper).map(|r| r.explanation.skills[0].evidence)
    };
    assert_eq!(evidence(&index), Some(Evidence::Missing));

    // The job that follows a taxonomy change reads the words again and keeps what they name,
    // so that rebuilds after it need not read them.
    let kept = || async { passerelle_profiles::mentions::of_experts(&w.db, &[keeper]).await.unwrap()[&keeper].clone() };
    assert!(!kept().await.is_current(&taxonomy), "kept with the taxonomy of the profile's write");
    let relinked = passerelle_profiles::relink::all(&w.db, &taxonomy).await.unwrap();
    assert!(relinked.mentions >= 1, "{relinked:?}");
    let now = kept().await;
    assert!(now.is_current(&taxonomy) && now.skills == [beekeeping.clone()], "{now:?}");
    assert_eq!(passerelle_profiles::mentions::refresh(&w.db, &taxonomy).await.unwrap(), 0, "nothing left to read");

    assert!(indexer.follow_the_taxonomy().await.unwrap(), "the taxonomy moved");
    assert_eq!(evidence(&index), Some(Evidence::Mentioned));
    assert!(!index.is_rebuilding(), "the index answered and stayed ready throughout");
}

#[tokio::test]
async fn experts_limits_filter_and_near_misses_say_which() {
    let mut w = world().await;
    let mut homebody = expert("Grace Uwera", &["midwifery"]);
    homebody.no_travel_countries = vec!["CD".into()];
    let homebody = w.add(homebody).await;
    let mut short = expert("Claudine Mukamana", &["midwifery"]);
    short.max_mission_days = Some(10);
    let short = w.add(short).await;
    let mut notice = expert("Eric Hakizimana", &["midwifery"]);
    notice.notice_days = Some(120);
    let notice = w.add(notice).await;
    let free = w.add(expert("Aline Uwase", &["midwifery"])).await;

    let drc = criteria(vec![w.wanted("midwifery")], "CD");
    let ids = |c: &Criteria| -> Vec<ExpertId> {
        matcher::find(&w.index, c, &Scoring::default(), 10, 0).unwrap().into_iter().map(|r| r.id).collect()
    };
    assert_eq!(ids(&drc), vec![free], "20 days in the DRC from 2027-03-01, asked on 2026-12-05");
    assert_eq!(ids(&criteria(vec![w.wanted("midwifery")], "RW")).len(), 2, "Rwanda: only length and notice fail");

    let misses = near::find(&w.index, &drc, &HashSet::from([free]), 10).unwrap();
    let failing = |id: ExpertId| misses.iter().find(|m| m.id == id).map(|m| m.failing.clone()).unwrap_or_default();
    assert_eq!(failing(homebody), vec![Failing::Limit { limit: Limit::Travel }]);
    assert_eq!(failing(short), vec![Failing::Limit { limit: Limit::Length }]);
    assert_eq!(failing(notice), vec![Failing::Limit { limit: Limit::Notice }]);

    // Loosened, the expert comes back with the limit named.
    let mut loose = drc.clone();
    loose.limits = loose.limits.map(|l| l.relax(Limit::Travel));
    let found = matcher::find(&w.index, &loose, &Scoring::default(), 10, 0).unwrap();
    let back = found.iter().find(|r| r.id == homebody).expect("travel loosened");
    assert_eq!(back.explanation.relaxed, vec![Limit::Travel]);
    assert!(!found.iter().any(|r| r.id == short || r.id == notice), "the other limits still hold");
}
