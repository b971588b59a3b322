//! Requests against a real (temporary) database: the store applies the policy and the workflow,
//! and writes every change with its audit entry, or nothing at all.

use passerelle_accounts::audit;
use passerelle_accounts::{Actor, Role};
use passerelle_core::{Country, InstitutionId, RequestId};
use passerelle_db::Db;
use passerelle_missions::institutions::{self, InstitutionFields, Kind, Verification};
use passerelle_missions::programmes::{self, ProgrammeInput};
use passerelle_missions::requests::{
    self, By, ChangeError, LanguageInput, Refusal, RequestFields, RequestInput, SkillInput, Status,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use support::person;

// The pipeline tests' world; only its people are used here.
#[allow(dead_code)]
mod support;

struct World {
    db: Db,
    _dir: tempfile::TempDir,
    member: Actor,
    other_member: Actor,
    unverified_member: Actor,
    coordinator: Actor,
    admin: Actor,
    expert: Actor,
    fields: RequestFields,
}

async fn institution(db: &Db, name: &str, verified_by: Option<&Actor>) -> InstitutionId {
    let mut tx = db.begin().await.unwrap();
    let fields = InstitutionFields {
        name: name.into(),
        kind: Kind::Hospital,
        country: Country::parse("BI").unwrap(),
        city: "Bujumbura".into(),
        sectors: vec![],
        website: String::new(),
        description: String::new(),
        contact_name: String::new(),
        contact_email: String::new(),
        contact_phone: String::new(),
    };
    let id = institutions::create(&mut tx, &fields).await.unwrap();
    tx.commit().await.unwrap();
    if let Some(coordinator) = verified_by {
        assert!(institutions::verify_by(db, coordinator, id, Verification::Verified, "", "").await.unwrap());
    }
    id
}

fn input(programme: &str) -> RequestInput {
    RequestInput {
        programme_id: programme.into(),
        title: "Anaesthesia nursing skills transfer".into(),
        description: "Strengthen the anaesthesia team of the surgical wing.".into(),
        objectives: "Safer anaesthesia practice.".into(),
        deliverables: "Protocols, 10 nurses trained.".into(),
        sector: "health".into(),
        skills: vec![SkillInput {
            skill: "nurse-anaesthesia".into(),
            requirement: "must_have".into(),
            level: "4".into(),
        }],
        languages: vec![LanguageInput { language: "fr".into(), level: "C1".into() }],
        country: "BI".into(),
        city: "Bujumbura".into(),
        mode: "on_site".into(),
        timing: "fixed".into(),
        dates_start: "2027-02-01".into(),
        dates_end: "2027-02-21".into(),
        urgency: "urgent".into(),
        positions: "2".into(),
        ..Default::default()
    }
}

impl World {
    async fn build() -> World {
        let (dir, db) = passerelle_db::testing::fresh().await;
        passerelle_taxonomy::sync_shipped(&db).await.unwrap();
        let coordinator = person(&db, Role::Coordinator, None).await;
        let admin = person(&db, Role::Admin, None).await;
        let expert = person(&db, Role::Expert, None).await;
        let verified = institution(&db, "CHU de Kamenge", Some(&coordinator)).await;
        let other = institution(&db, "Hôpital Prince Régent Charles", Some(&coordinator)).await;
        let unverified = institution(&db, "Centre de santé de Gitega", None).await;
        let member = person(&db, Role::Institution, Some(verified)).await;
        let other_member = person(&db, Role::Institution, Some(other)).await;
        let unverified_member = person(&db, Role::Institution, Some(unverified)).await;
        let programme = ProgrammeInput {
            code: "MIDA-GL".into(),
            name_en: "MIDA Great Lakes".into(),
            starts_on: "2026-01-01".into(),
            ends_on: "2028-12-31".into(),
            ..Default::default()
        };
        let programme = programmes::create(&db, &coordinator, &programme.validate().unwrap(), "").await.unwrap();
        let fields = requests::check(
            &db,
            &passerelle_taxonomy::Taxonomy::load(&db).await.unwrap(),
            &input(&programme.to_string()),
            None,
        )
        .await
        .unwrap()
        .unwrap();
        World { db, _dir: dir, member, other_member, unverified_member, coordinator, admin, expert, fields }
    }

    async fn status(&self, id: RequestId) -> Status {
        requests::get(&self.db, id).await.unwrap().unwrap().status
    }

    async fn audit_count(&self, id: RequestId) -> usize {
        audit::history(&self.db, "request", &id.to_string()).await.unwrap().len()
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

#[test]
fn a_request_is_reviewed_and_every_step_is_audited() {
    runtime().block_on(async {
        let w = World::build().await;
        let id = requests::create(&w.db, &w.member, &w.fields, "10.0.0.1").await.unwrap();
        assert_eq!(w.status(id).await, Status::Draft);
        assert!(matches!(requests::create(&w.db, &w.coordinator, &w.fields, "").await, Err(ChangeError::Forbidden)));

        let submit = |by| requests::transition(&w.db, By::Person(by), id, Status::Submitted, "", "");
        submit(&w.member).await.unwrap();
        let refused = requests::transition(&w.db, By::Person(&w.member), id, Status::Approved, "", "").await;
        assert!(matches!(refused, Err(ChangeError::Refused(Refusal::NotYours { .. }))), "{refused:?}");
        let no_reason =
            requests::transition(&w.db, By::Person(&w.coordinator), id, Status::ChangesRequested, " ", "").await;
        assert!(matches!(no_reason, Err(ChangeError::Refused(Refusal::CommentRequired { .. }))));
        requests::transition(&w.db, By::Person(&w.coordinator), id, Status::ChangesRequested, "Add the dates", "")
            .await
            .unwrap();

        // Another institution's member learns nothing; an expert neither.
        for outsider in [&w.other_member, &w.expert] {
            let seen = requests::transition(&w.db, By::Person(outsider), id, Status::Cancelled, "mine", "").await;
            assert!(matches!(seen, Err(ChangeError::NotFound)), "{seen:?}");
            assert!(matches!(requests::update(&w.db, outsider, id, &w.fields, "").await, Err(ChangeError::NotFound)));
        }

        let mut changed = w.fields.clone();
        changed.positions = 3;
        requests::update(&w.db, &w.member, id, &changed, "").await.unwrap();
        submit(&w.member).await.unwrap();
        assert!(
            matches!(requests::update(&w.db, &w.member, id, &w.fields, "").await, Err(ChangeError::NotEditable { .. })),
            "submitted: the member waits for the review"
        );
        requests::update(&w.db, &w.admin, id, &changed, "").await.expect("staff edit while open");
        requests::transition(&w.db, By::Person(&w.admin), id, Status::Approved, "Good to go", "").await.unwrap();
        requests::transition(&w.db, By::System("pipeline"), id, Status::Staffed, "", "").await.unwrap();
        requests::transition(&w.db, By::Person(&w.coordinator), id, Status::Closed, "", "").await.unwrap();
        assert_eq!(w.status(id).await, Status::Closed);
        assert_eq!(requests::get(&w.db, id).await.unwrap().unwrap().fields.positions, 3);

        let history = requests::history(&w.db, id).await.unwrap();
        let actions: Vec<_> = history.iter().map(|h| h.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "request.create",
                "request.submit",
                "request.request_changes",
                "request.edit",
                "request.submit",
                "request.edit",
                "request.approve",
                "request.staff",
                "request.close"
            ]
        );
        assert_eq!(history[2].comment, "Add the dates");
        assert_eq!(history[2].step, Some((Status::Submitted, Status::ChangesRequested)));
        assert_eq!(history[2].actor, Some(w.coordinator.user_id));
        assert_eq!(history[3].comment, "changes_requested: positions");
        assert_eq!(history[7].actor_label, "pipeline");
        let raw = audit::history(&w.db, "request", &id.to_string()).await.unwrap();
        assert_eq!(raw[0].client_ip, "10.0.0.1");
    });
}

#[test]
fn only_a_verified_institutions_requests_are_approved() {
    runtime().block_on(async {
        let w = World::build().await;
        let id = requests::create(&w.db, &w.unverified_member, &w.fields, "").await.unwrap();
        requests::transition(&w.db, By::Person(&w.unverified_member), id, Status::Submitted, "", "").await.unwrap();
        let refused = requests::transition(&w.db, By::Person(&w.coordinator), id, Status::Approved, "", "").await;
        assert!(matches!(refused, Err(ChangeError::Refused(Refusal::InstitutionNotVerified))), "{refused:?}");
        let request = requests::get(&w.db, id).await.unwrap().unwrap();
        assert_eq!(requests::allowed_for(&w.coordinator, &request).0, [Status::ChangesRequested, Status::Cancelled]);
        assert_eq!(w.audit_count(id).await, 2, "created and submitted; the refusal changed nothing");
    });
}

#[test]
fn the_programme_is_checked_and_unknown_skills_are_kept_in_words() {
    runtime().block_on(async {
        let w = World::build().await;
        let taxonomy = passerelle_taxonomy::Taxonomy::load(&w.db).await.unwrap();
        let skills = vec![
            SkillInput { skill: "vannerie subaquatique".into(), requirement: "must_have".into(), level: "2".into() },
            SkillInput {
                skill: "Infirmière anesthésiste".into(), requirement: "must_have".into(), level: "3".into()
            },
        ];
        let unknown =
            RequestInput { skills: skills.clone(), ..input(&passerelle_core::ProgrammeId::new().to_string()) };
        let errors = requests::check(&w.db, &taxonomy, &unknown, None).await.unwrap().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(fields, [("programme_id", "request.programme_unknown")], "a word the taxonomy lacks is no error");

        let known = RequestInput { skills, ..input(&w.fields.programme.to_string()) };
        let fields = requests::check(&w.db, &taxonomy, &known, None).await.unwrap().unwrap();
        assert_eq!(fields.skills[0].skill, None);
        assert_eq!(fields.skills[0].label, "vannerie subaquatique");
        assert_eq!(fields.skills[1].skill.as_ref().map(|s| s.as_str()), Some("nurse-anaesthesia"));
        let id = requests::create(&w.db, &w.member, &fields, "").await.unwrap();
        let stored = requests::get(&w.db, id).await.unwrap().unwrap();
        assert_eq!(stored.fields.skills, fields.skills, "kept as written");
    });
}

/// What an actor of the property test is.
#[derive(Debug, Clone, Copy)]
enum Who {
    Member,
    OtherMember,
    UnverifiedMember,
    Coordinator,
    Admin,
    Expert,
    System,
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Move { to: Status, commented: bool },
    Edit,
}

fn who() -> impl Strategy<Value = Who> {
    prop_oneof![
        Just(Who::Member),
        Just(Who::OtherMember),
        Just(Who::UnverifiedMember),
        Just(Who::Coordinator),
        Just(Who::Admin),
        Just(Who::Expert),
        Just(Who::System),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (proptest::sample::select(Status::ALL), any::<bool>()).prop_map(|(to, commented)| Action::Move { to, commented }),
        1 => Just(Action::Edit),
    ]
}

/// The workflow as the issue states it, written again here so that the store is checked
/// against the issue and not against its own table. `member` says whether the acting member
/// belongs to the request's institution.
fn legal(from: Status, to: Status, who: Who, own: bool, verified: bool) -> bool {
    use Status::*;
    let member = own && matches!(who, Who::Member | Who::UnverifiedMember);
    let staff = matches!(who, Who::Coordinator | Who::Admin);
    match (from, to) {
        (Draft | ChangesRequested, Submitted) => member,
        (Submitted, ChangesRequested) | (Staffed, Closed) => staff,
        (Submitted, Approved) => staff && verified,
        (Approved, Staffed) | (Staffed, Approved) => matches!(who, Who::System),
        (Draft | Submitted | ChangesRequested | Approved, Cancelled) => member || staff,
        _ => false,
    }
}

/// No sequence of random actions by random actors drives a request into a state the workflow
/// does not allow, or changes it without an audit entry.
#[test]
fn random_actions_by_random_actors_never_escape_the_workflow_or_the_audit_log() {
    let rt = runtime();
    let w = rt.block_on(World::build());
    let mut runner = TestRunner::new(Config { cases: 64, failure_persistence: None, ..Config::default() });
    let strategy = (any::<bool>(), proptest::collection::vec((who(), action()), 1..40));
    let result = runner.run(&strategy, |(in_verified, steps)| {
        rt.block_on(async {
            let owner = if in_verified { &w.member } else { &w.unverified_member };
            let id = requests::create(&w.db, owner, &w.fields, "").await.unwrap();
            for (who, action) in steps {
                let before = w.status(id).await;
                let audited = w.audit_count(id).await;
                let actor = match who {
                    Who::Member => Some(&w.member),
                    Who::OtherMember => Some(&w.other_member),
                    Who::UnverifiedMember => Some(&w.unverified_member),
                    Who::Coordinator => Some(&w.coordinator),
                    Who::Admin => Some(&w.admin),
                    Who::Expert => Some(&w.expert),
                    Who::System => None,
                };
                let own = actor.is_some_and(|a| a.user_id == owner.user_id);
                match action {
                    Action::Move { to, commented } => {
                        let by = actor.map_or(By::System("pipeline"), By::Person);
                        let comment = if commented { "because" } else { "" };
                        let result = requests::transition(&w.db, by, id, to, comment, "").await;
                        let after = w.status(id).await;
                        match result {
                            Ok(step) => {
                                prop_assert!(legal(before, to, who, own, in_verified), "{before} -> {to} by {who:?}");
                                prop_assert_eq!((step.from, step.to, after), (before, to, to));
                                let history = requests::history(&w.db, id).await.unwrap();
                                prop_assert_eq!(history.len(), audited + 1, "one audit entry per change");
                                let last = history.last().unwrap();
                                prop_assert_eq!(last.step, Some((before, to)));
                                prop_assert_eq!(last.actor, actor.map(|a| a.user_id));
                            }
                            Err(_) => {
                                let legal_with_comment = legal(before, to, who, own, in_verified)
                                    && (commented || !matches!(to, Status::ChangesRequested | Status::Cancelled));
                                prop_assert!(!legal_with_comment, "{before} -> {to} by {who:?} was refused");
                                prop_assert_eq!(after, before, "a refusal changes nothing");
                                prop_assert_eq!(w.audit_count(id).await, audited);
                            }
                        }
                    }
                    Action::Edit => {
                        let Some(actor) = actor else { continue };
                        let result = requests::update(&w.db, actor, id, &w.fields, "").await;
                        prop_assert_eq!(w.status(id).await, before, "an edit never moves the request");
                        let may = (own && matches!(before, Status::Draft | Status::ChangesRequested))
                            || (matches!(who, Who::Coordinator | Who::Admin)
                                && !matches!(before, Status::Closed | Status::Cancelled));
                        prop_assert_eq!(result.is_ok(), may, "edit by {:?} while {}", who, before);
                        prop_assert_eq!(w.audit_count(id).await, audited + usize::from(may));
                    }
                }
            }
            Ok(())
        })
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}
