//! A small world for the pipeline's store tests: a verified host with a member, another host's
//! member, a coordinator, experts with accounts and profiles, and approved requests.

use passerelle_accounts::users::{self, Membership, NewUser};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{Country, Email, ExpertId, InstitutionId, Locale, ProgrammeId, RequestId};
use passerelle_db::Db;
use passerelle_missions::institutions::{self, InstitutionFields, Kind, Verification};
use passerelle_missions::programmes::{self, ProgrammeInput};
use passerelle_missions::requests::{self, By, RequestInput, SkillInput, Status};
use std::sync::atomic::{AtomicU32, Ordering};
use time::Duration;

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

pub struct World {
    pub db: Db,
    pub dir: tempfile::TempDir,
    pub coordinator: Actor,
    pub member: Actor,
    pub other_member: Actor,
    pub institution: InstitutionId,
    pub programme: ProgrammeId,
}

pub struct Expert {
    pub actor: Actor,
    pub id: ExpertId,
}

pub async fn person(db: &Db, role: Role, institution: Option<InstitutionId>) -> Actor {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut tx = db.begin().await.unwrap();
    let user = users::insert(
        &mut tx,
        &NewUser {
            email: Email::parse(&format!("person{n}@pipeline.example")).unwrap(),
            name: format!("Person {n}"),
            role,
            password_hash: "not a real hash".into(),
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

async fn institution(db: &Db, name: &str, verifier: &Actor) -> InstitutionId {
    let mut tx = db.begin().await.unwrap();
    let fields = InstitutionFields {
        name: name.into(),
        kind: Kind::TvetCollege,
        country: Country::parse("RW").unwrap(),
        city: "Kigali".into(),
        sectors: vec![],
        website: String::new(),
        description: String::new(),
        contact_name: String::new(),
        contact_email: String::new(),
        contact_phone: String::new(),
    };
    let id = institutions::create(&mut tx, &fields).await.unwrap();
    tx.commit().await.unwrap();
    assert!(institutions::verify_by(db, verifier, id, Verification::Verified, "", "").await.unwrap());
    id
}

impl World {
    pub async fn build() -> World {
        let (dir, db) = passerelle_db::testing::fresh().await;
        passerelle_taxonomy::sync_shipped(&db).await.unwrap();
        let coordinator = person(&db, Role::Coordinator, None).await;
        let host = institution(&db, "IPRC Kigali", &coordinator).await;
        let other = institution(&db, "IPRC Huye", &coordinator).await;
        let member = person(&db, Role::Institution, Some(host)).await;
        let other_member = person(&db, Role::Institution, Some(other)).await;
        let programme = ProgrammeInput {
            code: "TVET-TOT".into(),
            name_en: "Training of Trainers".into(),
            starts_on: "2026-01-01".into(),
            ends_on: "2030-12-31".into(),
            ..Default::default()
        };
        let programme = programmes::create(&db, &coordinator, &programme.validate().unwrap(), "").await.unwrap();
        World { db, dir, coordinator, member, other_member, institution: host, programme }
    }

    pub async fn expert(&self) -> Expert {
        let actor = person(&self.db, Role::Expert, None).await;
        let id = passerelle_profiles::service::profile_of_account(&self.db, actor.user_id, &actor.name).await.unwrap();
        Expert { actor, id }
    }

    /// An approved request of the member's institution, for `positions` experts, on the days
    /// `start..start+days` from today, in `mode`.
    pub async fn request(&self, positions: u32, start: i64, days: i64, mode: &str) -> RequestId {
        let today = passerelle_core::Timestamp::now().date();
        let input = RequestInput {
            programme_id: self.programme.to_string(),
            title: "Training of trainers in solar PV installation".into(),
            description: "Twelve teachers of the electricity department.".into(),
            objectives: "Teachers install small PV systems.".into(),
            deliverables: "A module and a lab.".into(),
            sector: "tvet".into(),
            skills: vec![SkillInput {
                skill: "solar-pv-installation".into(),
                requirement: "must_have".into(),
                level: "3".into(),
            }],
            country: "RW".into(),
            city: "Kigali".into(),
            mode: mode.into(),
            days_on_site: if mode == "hybrid" { "3".into() } else { String::new() },
            timing: "fixed".into(),
            dates_start: (today + Duration::days(start)).to_string(),
            dates_end: (today + Duration::days(start + days - 1)).to_string(),
            urgency: "normal".into(),
            positions: positions.to_string(),
            ..Default::default()
        };
        let fields =
            requests::check(&self.db, &passerelle_taxonomy::Taxonomy::load(&self.db).await.unwrap(), &input, None)
                .await
                .unwrap()
                .unwrap();
        let id = requests::create(&self.db, &self.member, &fields, "").await.unwrap();
        requests::transition(&self.db, By::Person(&self.member), id, Status::Submitted, "", "").await.unwrap();
        requests::transition(&self.db, By::Person(&self.coordinator), id, Status::Approved, "", "").await.unwrap();
        id
    }

    pub async fn request_status(&self, id: RequestId) -> Status {
        requests::get(&self.db, id).await.unwrap().unwrap().status
    }
}
