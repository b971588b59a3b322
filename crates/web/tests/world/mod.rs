//! The people and objects the authorization matrix is checked against.

use passerelle_accounts::api_tokens;
use passerelle_accounts::sessions::{self, Lifetime};
use passerelle_accounts::users::{self, Membership, NewUser};
use passerelle_accounts::{Role, password};
use passerelle_core::{
    CallId, CandidateId, Country, DocumentId, Email, ExpertId, InstitutionId, Locale, MissionId, ProgrammeId,
    RequestId, SavedSearchId, Timestamp, UserId,
};
use passerelle_missions::calls::{self, CallInput, SearchParams};
use passerelle_missions::candidates::{self, Input, Source as CandidateSource, Status};
use passerelle_missions::costs::{self, CostCategory, CostFields};
use passerelle_missions::documents::{self, Owner, UploadInput};
use passerelle_missions::institutions::{self, InstitutionFields, Kind, Verification};
use passerelle_missions::programmes::{self, ProgrammeInput};
use passerelle_missions::requests::{self, RequestFields, RequestInput, SkillInput};
use passerelle_profiles::consent::Source;
use passerelle_profiles::input::CredentialInput;
use passerelle_profiles::resolve::SkillResolver;
use passerelle_profiles::service::{self, Target};
use passerelle_profiles::store;
use passerelle_web::{AppState, Metrics, WebConfig};
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Expert,
    OtherExpert,
    Member,
    OtherMember,
    Coordinator,
    Admin,
    Disabled,
}

impl Actor {
    pub const ALL: [Actor; 8] = [
        Actor::Anonymous,
        Actor::Expert,
        Actor::OtherExpert,
        Actor::Member,
        Actor::OtherMember,
        Actor::Coordinator,
        Actor::Admin,
        Actor::Disabled,
    ];
}

pub struct World {
    pub state: AppState,
    _dir: tempfile::TempDir,
    hash: String,
    counter: AtomicU32,
    /// Kept for the disabled user's profile-less peers; requests as "expert" use the fresh
    /// expert of their targets.
    pub expert: UserId,
    pub other_expert: UserId,
    pub member: UserId,
    pub other_member: UserId,
    pub coordinator: UserId,
    pub admin: UserId,
    pub disabled: UserId,
    pub institution: InstitutionId,
    pub programme: ProgrammeId,
    /// The terms of reference of the member's requests.
    request_fields: Option<RequestFields>,
}

/// Objects a request may change, made anew for every request.
pub struct Targets {
    /// The expert of this request (an erasure may delete them), with a profile.
    pub expert: UserId,
    pub profile: ExpertId,
    /// A credential of that profile.
    pub credential: String,
    /// An API token of the expert.
    pub token_id: String,
    /// A session of the expert.
    pub session_id: String,
    /// The member's institution, and someone waiting to join it.
    pub institution: InstitutionId,
    pub pending_member: UserId,
    /// An account for the admin to act on.
    pub victim: UserId,
    /// A programme, and a draft request of the member's institution.
    pub programme: ProgrammeId,
    pub request: RequestId,
    /// For the routes of the mission pipeline (made only for those): an approved request of
    /// the member's institution, the expert invited to another one (no consent given yet), a
    /// mission of the expert at the member's institution, a call the expert received, a saved
    /// search.
    pub approved_request: RequestId,
    pub candidate: CandidateId,
    pub mission: MissionId,
    pub call: CallId,
    pub saved_search: SavedSearchId,
    /// For the routes of one document: a ticket the expert attached to that mission.
    pub document: DocumentId,
    /// For the routes of one cost line: a line of that mission.
    pub cost: i64,
}

/// What a request of one actor carries.
pub struct Credentials {
    pub cookie: Option<String>,
    pub csrf: String,
}

const SESSION_COOKIE: &str = "passerelle-session";
const CSRF_COOKIE: &str = "passerelle-csrf";
const ANONYMOUS_CSRF: &str = "anonymous-csrf-token-of-the-matrix-test-000000";

impl World {
    pub async fn build() -> World {
        let (dir, db) = passerelle_db::testing::fresh().await;
        passerelle_taxonomy::sync_shipped(&db).await.unwrap();
        let hash = password::hash("a password nobody will type".into()).await.unwrap();
        let mut tx = db.begin().await.unwrap();
        let institution = new_institution(&mut tx, "IPRC Huye").await;
        let other_institution = new_institution(&mut tx, "CHU de Kamenge").await;
        tx.commit().await.unwrap();
        let (index, rebuild) = passerelle_search::SearchIndex::open(&dir.path().join("index")).unwrap();
        let index = std::sync::Arc::new(index);
        let mut indexer = passerelle_search::Indexer::new(index.clone(), db.clone()).await.unwrap();
        indexer.rebuild(&rebuild.unwrap(), &mut |_, _| {}).await.unwrap();
        // Listening for other instances' changes (PostgreSQL) and caught up, the index follows
        // the change log: `/readyz` says ready. The listener's first tick says it listens.
        let mut heard = db.changes_elsewhere();
        indexer.listen();
        if !db.hears_changes_elsewhere() {
            tokio::time::timeout(std::time::Duration::from_secs(30), heard.changed()).await.unwrap().unwrap();
        }
        indexer.catch_up().await.unwrap();
        assert!(index.is_following(), "the test server's index follows the change log");
        let search = passerelle_search::Search::new(
            index,
            std::sync::Arc::default(),
            passerelle_search::Scoring::default(),
            time::Duration::days(182),
        );
        let mut world = World {
            state: AppState::new(db, WebConfig::default(), Metrics::new(|_| {}), std::sync::Arc::new(search)),
            _dir: dir,
            hash,
            counter: AtomicU32::new(0),
            expert: UserId::new(),
            other_expert: UserId::new(),
            member: UserId::new(),
            other_member: UserId::new(),
            coordinator: UserId::new(),
            admin: UserId::new(),
            disabled: UserId::new(),
            institution,
            programme: ProgrammeId::new(),
            request_fields: None,
        };
        world.expert = world.user(Role::Expert, None).await;
        world.other_expert = world.user(Role::Expert, None).await;
        world.member = world.user(Role::Institution, Some((institution, Membership::Active))).await;
        world.other_member = world.user(Role::Institution, Some((other_institution, Membership::Active))).await;
        world.coordinator = world.user(Role::Coordinator, None).await;
        world.admin = world.user(Role::Admin, None).await;
        world.disabled = world.user(Role::Expert, None).await;
        let mut tx = world.state.db.begin().await.unwrap();
        users::set_disabled(&mut tx, world.disabled, true).await.unwrap();
        tx.commit().await.unwrap();
        let coordinator = users::by_id(&world.state.db, world.coordinator).await.unwrap().unwrap().actor();
        // Verified, so that its requests can be approved for the pipeline's routes.
        institutions::verify_by(&world.state.db, &coordinator, institution, Verification::Verified, "", "")
            .await
            .unwrap();
        let programme = ProgrammeInput {
            code: "MATRIX-1".into(),
            name_en: "Matrix programme".into(),
            starts_on: "2026-01-01".into(),
            ends_on: "2030-12-31".into(),
            ..Default::default()
        };
        world.programme =
            programmes::create(&world.state.db, &coordinator, &programme.validate().unwrap(), "").await.unwrap();
        let input = RequestInput {
            programme_id: world.programme.to_string(),
            title: "Training of trainers in solar PV installation".into(),
            description: "Twelve teachers of the electricity department.".into(),
            objectives: "Teachers install small PV systems.".into(),
            deliverables: "A module and a lab.".into(),
            sector: "tvet".into(),
            skills: vec![SkillInput {
                skill: "solar-pv-installation".into(),
                requirement: "must_have".into(),
                level: "4".into(),
            }],
            country: "RW".into(),
            city: "Huye".into(),
            mode: "on_site".into(),
            timing: "fixed".into(),
            dates_start: "2027-03-01".into(),
            dates_end: "2027-03-14".into(),
            urgency: "normal".into(),
            positions: "1".into(),
            ..Default::default()
        };
        world.request_fields = Some(
            requests::check(&world.state.db, &world.state.taxonomy().await.unwrap(), &input, None)
                .await
                .unwrap()
                .unwrap(),
        );
        world
    }

    pub async fn user(&self, role: Role, institution: Option<(InstitutionId, Membership)>) -> UserId {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut tx = self.state.db.begin().await.unwrap();
        let user = users::insert(
            &mut tx,
            &NewUser {
                email: Email::parse(&format!("person{n}@matrix.example")).unwrap(),
                name: format!("Person {n}"),
                role,
                password_hash: self.hash.clone(),
                locale: Locale::En,
                institution,
                email_verified: true,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        user.id
    }

    fn id_of(&self, actor: Actor) -> Option<UserId> {
        Some(match actor {
            Actor::Anonymous => return None,
            Actor::Expert => self.expert,
            Actor::OtherExpert => self.other_expert,
            Actor::Member => self.member,
            Actor::OtherMember => self.other_member,
            Actor::Coordinator => self.coordinator,
            Actor::Admin => self.admin,
            Actor::Disabled => self.disabled,
        })
    }

    /// A fresh session of `actor`. The disabled user's session was opened like any other: it
    /// must not work, and such a browser only has its CSRF cookie to show.
    pub async fn credentials(&self, actor: Actor, targets: &Targets) -> Credentials {
        let anonymous =
            || Credentials { cookie: Some(format!("{CSRF_COOKIE}={ANONYMOUS_CSRF}")), csrf: ANONYMOUS_CSRF.to_owned() };
        let user = if actor == Actor::Expert { Some(targets.expert) } else { self.id_of(actor) };
        match user {
            None => anonymous(),
            Some(user) => {
                let opened = self.open_session(user).await;
                if actor == Actor::Disabled {
                    let cookie = format!("{SESSION_COOKIE}={}; {CSRF_COOKIE}={ANONYMOUS_CSRF}", opened.token);
                    Credentials { cookie: Some(cookie), ..anonymous() }
                } else {
                    Credentials { cookie: Some(format!("{SESSION_COOKIE}={}", opened.token)), csrf: opened.csrf }
                }
            }
        }
    }

    async fn open_session(&self, user: UserId) -> sessions::Opened {
        let mut tx = self.state.db.begin().await.unwrap();
        let opened = sessions::open(&mut tx, user, Lifetime::default(), "matrix", "127.0.0.1").await.unwrap();
        tx.commit().await.unwrap();
        opened
    }

    /// An approved request of the member's institution.
    async fn approved_request(&self) -> RequestId {
        let member = users::by_id(&self.state.db, self.member).await.unwrap().unwrap().actor();
        let coordinator = users::by_id(&self.state.db, self.coordinator).await.unwrap().unwrap().actor();
        let fields = self.request_fields.as_ref().unwrap();
        let id = requests::create(&self.state.db, &member, fields, "").await.unwrap();
        requests::transition(&self.state.db, requests::By::Person(&member), id, requests::Status::Submitted, "", "")
            .await
            .unwrap();
        requests::transition(
            &self.state.db,
            requests::By::Person(&coordinator),
            id,
            requests::Status::Approved,
            "",
            "",
        )
        .await
        .unwrap();
        id
    }

    /// The pipeline's objects a route needs, made only for the routes that need them.
    async fn pipeline_targets(&self, pattern: &str, targets: &mut Targets) {
        let db = &self.state.db;
        let coordinator = users::by_id(db, self.coordinator).await.unwrap().unwrap().actor();
        let member = users::by_id(db, self.member).await.unwrap().unwrap().actor();
        let expert = users::by_id(db, targets.expert).await.unwrap().unwrap().actor();
        let invite =
            Input { comment: String::new(), reply_by: Some(Timestamp::now().date() + time::Duration::days(5)) };
        let step = |by, id, to, input: &Input| {
            let input = input.clone();
            async move { candidates::transition(db, by, id, to, &input, "").await.unwrap() }
        };
        if pattern.contains("/requests/{id}/candidates") {
            targets.approved_request = self.approved_request().await;
        }
        if pattern.contains("/candidates/{id}") || pattern.contains("/invitations/{id}") {
            let request = self.approved_request().await;
            let id = candidates::shortlist(db, &coordinator, request, targets.profile, CandidateSource::Match, "")
                .await
                .unwrap();
            step(requests::By::Person(&coordinator), id, Status::Invited, &invite).await;
            targets.candidate = id;
        }
        let for_document = pattern.contains("/documents/{id}");
        if pattern.contains("/missions/{id}") || for_document {
            let request = self.approved_request().await;
            let id = candidates::shortlist(db, &coordinator, request, targets.profile, CandidateSource::Match, "")
                .await
                .unwrap();
            let none = Input::default();
            step(requests::By::Person(&coordinator), id, Status::Invited, &invite).await;
            step(requests::By::Person(&expert), id, Status::Accepted, &none).await;
            step(requests::By::Person(&coordinator), id, Status::Proposed, &none).await;
            step(requests::By::Person(&member), id, Status::HostApproved, &none).await;
            targets.mission =
                step(requests::By::Person(&coordinator), id, Status::Selected, &none).await.mission.unwrap();
        }
        if pattern.starts_with("/api/v1/missions/{id}/report")
            || pattern.starts_with("/api/v1/missions/{id}/evaluation")
        {
            self.report_and_evaluate(targets.mission, &coordinator, &expert, &member).await;
        }
        if for_document {
            let files = &self.state.files;
            let mut intake = passerelle_files::Intake::new(files.store.temp_dir(), 1 << 20).unwrap();
            intake.write(&passerelle_files::samples::pdf("Ticket")).await.unwrap();
            let received = intake.finish().await.unwrap();
            let input = UploadInput { category: "ticket".into(), private: false, credential: String::new() };
            let upload = documents::Upload {
                owner: Owner::Mission(targets.mission),
                input: &input,
                name: "ticket.pdf",
                received: &received,
            };
            targets.document = documents::add(db, files, &expert, &upload, "").await.unwrap().id;
        }
        if pattern.contains("/costs/{cost}") {
            let mission = passerelle_missions::lifecycle::get(db, targets.mission).await.unwrap().unwrap();
            let fields = CostFields {
                category: CostCategory::Travel,
                description: "Matrix flight".into(),
                quantity: 1,
                unit_amount: passerelle_core::Amount::from_cents(45_000).unwrap(),
            };
            targets.cost = costs::add(db, &coordinator, &mission, &fields, "").await.unwrap();
        }
        if pattern.contains("/calls/{id}") || pattern.contains("/saved-searches/{id}") {
            let params = SearchParams { text: "matrix".into(), ..Default::default() };
            targets.saved_search = calls::save_search(db, &coordinator, "Matrix search", &params, "").await.unwrap();
            let input = CallInput {
                title: "Matrix call".into(),
                message: "Who can come?".into(),
                saved_search_id: targets.saved_search.to_string(),
                request_id: String::new(),
                reply_by: (Timestamp::now().date() + time::Duration::days(3)).to_string(),
            };
            let fields = input.validate(Timestamp::now().date()).unwrap();
            targets.call = calls::create(db, &coordinator, &fields, &[targets.profile], "").await.unwrap();
        }
    }

    /// Runs the mission to its end: started, completed, reported by its expert, evaluated by
    /// its host.
    async fn report_and_evaluate(
        &self,
        mission: MissionId,
        coordinator: &passerelle_accounts::Actor,
        expert: &passerelle_accounts::Actor,
        member: &passerelle_accounts::Actor,
    ) {
        use passerelle_missions::lifecycle::{self, Status as MissionStatus, logistics};
        use passerelle_missions::{evaluations, reports};
        let db = &self.state.db;
        let step = |to, comment: &str| {
            let input = lifecycle::Input { comment: comment.to_owned(), ..Default::default() };
            async move {
                lifecycle::transition(db, requests::By::Person(coordinator), mission, to, &input, "").await.unwrap();
            }
        };
        step(MissionStatus::Approved, "").await;
        step(MissionStatus::Preparing, "").await;
        for item in logistics::Item::ALL {
            let entry = logistics::entry(*item, "not_applicable", "", "", Timestamp::now().date()).unwrap();
            lifecycle::set_checklist_item(db, coordinator, mission, &entry, "").await.unwrap();
        }
        step(MissionStatus::InProgress, "Started early for the matrix.").await;
        step(MissionStatus::Completed, "Ended early for the matrix.").await;
        let report = reports::ReportInput { activities: "Trained four nurses.".into(), ..Default::default() };
        reports::submit(db, expert, mission, &report.validate().unwrap(), "").await.unwrap();
        let evaluation = evaluations::EvaluationInput {
            ratings: evaluations::Criterion::ALL.iter().map(|c| (c.code().to_owned(), "4".to_owned())).collect(),
            comments: "Useful.".into(),
        };
        evaluations::submit(db, member, mission, &evaluation.validate().unwrap(), "").await.unwrap();
    }

    pub async fn fresh_targets(&self, pattern: &str) -> Targets {
        let expert = self.user(Role::Expert, None).await;
        let profile = service::profile_of_account(&self.state.db, expert, "Matrix Expert").await.unwrap();
        let mut input = service::input_of(&store::load(&self.state.db, profile).await.unwrap().unwrap());
        input.credentials.push(CredentialInput {
            kind: "licence".into(),
            title: "Licence".into(),
            ..Default::default()
        });
        let checked = service::check(&input, &SkillResolver::default()).unwrap();
        let mut tx = self.state.db.begin().await.unwrap();
        service::write(&mut tx, &checked, Target::Existing(profile), None, Source::Web).await.unwrap();
        let (token, _) = api_tokens::create(&mut tx, expert, "matrix").await.unwrap();
        tx.commit().await.unwrap();
        let credential = store::load(&self.state.db, profile).await.unwrap().unwrap().data.credentials[0].id.clone();
        let session = self.open_session(expert).await;
        let pending_member = self.user(Role::Institution, Some((self.institution, Membership::Pending))).await;
        let victim = self.user(Role::Expert, None).await;
        let member = users::by_id(&self.state.db, self.member).await.unwrap().unwrap().actor();
        let fields = self.request_fields.as_ref().unwrap();
        let request = requests::create(&self.state.db, &member, fields, "").await.unwrap();
        let mut targets = Targets {
            expert,
            profile,
            credential,
            token_id: token.id,
            session_id: session.id,
            institution: self.institution,
            pending_member,
            victim,
            programme: self.programme,
            request,
            approved_request: RequestId::new(),
            candidate: CandidateId::new(),
            mission: MissionId::new(),
            call: CallId::new(),
            saved_search: SavedSearchId::new(),
            document: DocumentId::new(),
            cost: 0,
        };
        self.pipeline_targets(pattern, &mut targets).await;
        targets
    }
}

async fn new_institution(tx: &mut passerelle_db::Tx, name: &str) -> InstitutionId {
    institutions::create(
        tx,
        &InstitutionFields {
            name: name.into(),
            kind: Kind::TvetCollege,
            country: Country::parse("RW").unwrap(),
            city: "Huye".into(),
            sectors: vec![],
            website: String::new(),
            description: String::new(),
            contact_name: String::new(),
            contact_email: String::new(),
            contact_phone: String::new(),
        },
    )
    .await
    .unwrap()
}
