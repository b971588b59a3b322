//! Bookings and ratings from the mission pipeline reach the index through the change log: an
//! expert selected for a mission is not offered for overlapping days (and is again once the
//! mission is cancelled), and a host's evaluation becomes part of their ranking.

use passerelle_accounts::users::{self, Membership, NewUser};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{Cefr, Country, DateRange, Email, ExpertId, Language, Locale, RequestId, Sector, Timestamp};
use passerelle_db::Db;
use passerelle_missions::candidates::{self, Input, Source, Status};
use passerelle_missions::institutions::{self, InstitutionFields, Kind, Verification};
use passerelle_missions::lifecycle::{self, Status as MissionStatus, logistics};
use passerelle_missions::programmes::{self, ProgrammeInput};
use passerelle_missions::requests::{self, By, RequestInput, SkillInput};
use passerelle_missions::{evaluations, reports};
use passerelle_profiles::consent::Source as ConsentSource;
use passerelle_profiles::input::{ConsentInput, ExpertInput, LanguageInput, SkillInput as ExpertSkill, WindowInput};
use passerelle_profiles::resolve::SkillResolver;
use passerelle_profiles::service::{self, Target};
use passerelle_search::{Criteria, Indexer, MissionMode, Rebuild, Scoring, SearchIndex, Timing, Wanted, matcher};
use passerelle_taxonomy::SkillId;
use std::sync::Arc;
use time::macros::date;

async fn person(db: &Db, role: Role, email: &str, institution: Option<passerelle_core::InstitutionId>) -> Actor {
    let mut tx = db.begin().await.unwrap();
    let user = users::insert(
        &mut tx,
        &NewUser {
            email: Email::parse(email).unwrap(),
            name: email.into(),
            role,
            password_hash: "x".into(),
            locale: Locale::En,
            institution: institution.map(|id| (id, Membership::Active)),
            email_verified: true,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    user.actor()
}

fn criteria(start: time::Date, end: time::Date) -> Criteria {
    Criteria {
        must: vec![Wanted::of_skill(SkillId::parse("solar-pv-installation").unwrap(), 2)],
        nice: vec![],
        languages: vec![(Language::parse("en").unwrap(), Cefr::B2)],
        timing: Timing::Fixed(DateRange::new(start, end).unwrap()),
        mode: MissionMode::OnSite,
        country: Some(Country::parse("RW").unwrap()),
        preferred_origins: vec![],
        sector: Some(Sector::Tvet),
        limits: None,
    }
}

async fn approved_request(
    db: &Db,
    member: &Actor,
    coordinator: &Actor,
    programme: &str,
    start: &str,
    end: &str,
) -> RequestId {
    let input = RequestInput {
        programme_id: programme.into(),
        title: "Solar PV training of trainers".into(),
        description: "Teachers of the electricity department.".into(),
        objectives: "PV systems.".into(),
        deliverables: "A module.".into(),
        sector: "tvet".into(),
        skills: vec![SkillInput {
            skill: "solar-pv-installation".into(),
            requirement: "must_have".into(),
            level: "2".into(),
        }],
        country: "RW".into(),
        city: "Kigali".into(),
        mode: "on_site".into(),
        timing: "fixed".into(),
        dates_start: start.into(),
        dates_end: end.into(),
        urgency: "normal".into(),
        positions: "1".into(),
        ..Default::default()
    };
    let fields = requests::check(db, &passerelle_taxonomy::Taxonomy::load(db).await.unwrap(), &input, None)
        .await
        .unwrap()
        .unwrap();
    let id = requests::create(db, member, &fields, "").await.unwrap();
    requests::transition(db, By::Person(member), id, requests::Status::Submitted, "", "").await.unwrap();
    requests::transition(db, By::Person(coordinator), id, requests::Status::Approved, "", "").await.unwrap();
    id
}

/// Applies every change this process committed (on PostgreSQL, once the server lets readers
/// see it).
async fn caught_up(db: &Db, indexer: &mut Indexer) {
    let newest = *db.committed_changes().borrow();
    passerelle_db::testing::readable(db, newest).await;
    indexer.catch_up().await.unwrap();
}

#[tokio::test]
async fn booked_experts_are_not_offered_and_ratings_count() {
    let (dir, db) = passerelle_db::testing::fresh().await;
    passerelle_taxonomy::sync_shipped(&db).await.unwrap();
    let (index, _) = SearchIndex::open(&dir.path().join("index")).unwrap();
    let index = Arc::new(index);
    let mut indexer = Indexer::new(index.clone(), db.clone()).await.unwrap();
    indexer.rebuild(&Rebuild::Missing, &mut |_, _| {}).await.unwrap();

    let coordinator = person(&db, Role::Coordinator, "coordinator@bookings.example", None).await;
    let mut tx = db.begin().await.unwrap();
    let host = institutions::create(
        &mut tx,
        &InstitutionFields {
            name: "IPRC Kigali".into(),
            kind: Kind::TvetCollege,
            country: Country::parse("RW").unwrap(),
            city: "Kigali".into(),
            sectors: vec![],
            website: String::new(),
            description: String::new(),
            contact_name: String::new(),
            contact_email: String::new(),
            contact_phone: String::new(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    institutions::verify_by(&db, &coordinator, host, Verification::Verified, "", "").await.unwrap();
    let member = person(&db, Role::Institution, "member@bookings.example", Some(host)).await;
    let programme = ProgrammeInput {
        code: "TVET".into(),
        name_en: "TVET".into(),
        starts_on: "2026-01-01".into(),
        ends_on: "2030-12-31".into(),
        ..Default::default()
    };
    let programme =
        programmes::create(&db, &coordinator, &programme.validate().unwrap(), "").await.unwrap().to_string();

    let expert = person(&db, Role::Expert, "expert@bookings.example", None).await;
    let input = ExpertInput {
        name: "Jean Bosco".into(),
        residence_country: Some("BE".into()),
        origin_countries: vec!["RW".into()],
        skills: vec![ExpertSkill { label: "solar PV installation".into(), level: Some(4), ..Default::default() }],
        languages: vec![LanguageInput { code: "en".into(), spoken: "C1".into(), written: "C1".into() }],
        availability: vec![WindowInput { start: "2027-01-01".into(), end: "2027-12-31".into(), mode: "either".into() }],
        consent: Some(ConsentInput { matching: true, version: "2026-11-01".into(), given_at: None }),
        ..Default::default()
    };
    let checked = service::check(&input, &SkillResolver::load(&db).await.unwrap()).unwrap();
    let mut tx = db.begin().await.unwrap();
    let profile: ExpertId =
        service::write(&mut tx, &checked, Target::New { user: Some(expert.user_id) }, None, ConsentSource::Api)
            .await
            .unwrap()
            .id;
    tx.commit().await.unwrap();

    let find = |c: &Criteria| matcher::find(&index, c, &Scoring::default(), 10, 0).unwrap();
    caught_up(&db, &mut indexer).await;
    let march = criteria(date!(2027 - 03 - 01), date!(2027 - 03 - 15));
    assert_eq!(find(&march).iter().map(|r| r.id).collect::<Vec<_>>(), [profile]);

    // Selected for March: booked, so no longer offered for days that overlap, still for others.
    let request = approved_request(&db, &member, &coordinator, &programme, "2027-03-05", "2027-03-20").await;
    let id = candidates::shortlist(&db, &coordinator, request, profile, Source::Match, "").await.unwrap();
    let invite = Input { comment: String::new(), reply_by: Some(Timestamp::now().date() + time::Duration::days(5)) };
    candidates::transition(&db, By::Person(&coordinator), id, Status::Invited, &invite, "").await.unwrap();
    candidates::transition(&db, By::Person(&expert), id, Status::Accepted, &Input::default(), "").await.unwrap();
    candidates::transition(&db, By::Person(&coordinator), id, Status::Proposed, &Input::default(), "").await.unwrap();
    candidates::transition(&db, By::Person(&member), id, Status::HostApproved, &Input::default(), "").await.unwrap();
    let mission = candidates::transition(&db, By::Person(&coordinator), id, Status::Selected, &Input::default(), "")
        .await
        .unwrap();
    let mission = mission.mission.unwrap();
    caught_up(&db, &mut indexer).await;
    assert!(find(&march).is_empty(), "booked from 5 to 20 March");
    let june = criteria(date!(2027 - 06 - 01), date!(2027 - 06 - 15));
    assert_eq!(find(&june).len(), 1, "free in June");

    // Through the mission to the host's evaluation: free again, and rated.
    let by = By::Person(&coordinator);
    let step = |comment: &'static str| lifecycle::Input { comment: comment.into(), date: None, override_proof: false };
    lifecycle::transition(&db, by, mission, MissionStatus::Approved, &step(""), "").await.unwrap();
    lifecycle::transition(&db, by, mission, MissionStatus::Preparing, &step(""), "").await.unwrap();
    for item in logistics::Item::ALL {
        // The visa, ticket and insurance would need their documents: not applicable here.
        let state = if item.needs_proof() { "not_applicable" } else { "done" };
        let entry = logistics::entry(*item, state, "", "", Timestamp::now().date()).unwrap();
        lifecycle::set_checklist_item(&db, &coordinator, mission, &entry, "").await.unwrap();
    }
    lifecycle::transition(&db, by, mission, MissionStatus::InProgress, &step(""), "").await.unwrap();
    lifecycle::transition(&db, by, mission, MissionStatus::Completed, &step("Done remotely ahead."), "").await.unwrap();
    let report = reports::ReportInput { activities: "Training.".into(), ..Default::default() };
    reports::submit(&db, &expert, mission, &report.validate().unwrap(), "").await.unwrap();
    let evaluation = evaluations::EvaluationInput {
        ratings: evaluations::Criterion::ALL.iter().map(|c| (c.code().into(), "4".into())).collect(),
        comments: String::new(),
    };
    evaluations::submit(&db, &member, mission, &evaluation.validate().unwrap(), "").await.unwrap();
    caught_up(&db, &mut indexer).await;
    let found = find(&march);
    assert_eq!(found.len(), 1, "the mission is over: free again");
    assert_eq!(found[0].explanation.average_rating, Some(4.0));
    assert_eq!(found[0].explanation.evaluations, 1);
}
