//! The profile service against a real database: what is saved is what is loaded, credentials
//! keep their verification unless changed, consent and erasure do what they say (and tell the
//! search index through the change log), and bulk import reports exactly the bad lines.

use passerelle_core::{ExpertId, UserId};
use passerelle_db::Db;
use passerelle_db::change_log::Operation;
use passerelle_profiles::consent::Source;
use passerelle_profiles::import::{self, Options};
use passerelle_profiles::model::CredentialStatus;
use passerelle_profiles::resolve::SkillResolver;
use passerelle_profiles::service::{self, Target};
use passerelle_profiles::synthetic::Generator;
use passerelle_profiles::{rights, store};

async fn database() -> (tempfile::TempDir, Db) {
    let (dir, db) = passerelle_db::testing::fresh().await;
    passerelle_taxonomy::sync_shipped(&db).await.unwrap();
    (dir, db)
}

async fn write(db: &Db, input: &passerelle_profiles::ExpertInput, target: Target) -> ExpertId {
    let resolver = SkillResolver::load(db).await.unwrap();
    let checked = service::check(input, &resolver).unwrap();
    let mut tx = db.begin().await.unwrap();
    let written = service::write(&mut tx, &checked, target, None, Source::Api).await.unwrap();
    tx.commit().await.unwrap();
    written.id
}

#[tokio::test]
async fn what_is_saved_is_what_is_loaded_and_skills_meet_the_taxonomy() {
    let (_dir, db) = database().await;
    let mut input = Generator::new(1).expert(0);
    input.skills.push(passerelle_profiles::input::SkillInput {
        label: "infirmière anesthésiste".into(),
        level: Some(4),
        ..Default::default()
    });
    input.skills.push(passerelle_profiles::input::SkillInput {
        label: "griot storytelling".into(),
        level: Some(2),
        ..Default::default()
    });
    let id = write(&db, &input, Target::New { user: None }).await;
    let profile = store::load(&db, id).await.unwrap().unwrap();
    let expected = service::check(&input, &SkillResolver::load(&db).await.unwrap()).unwrap().data;
    assert_eq!(profile.data.name, expected.name);
    assert_eq!(profile.data.skills.len(), expected.skills.len());
    let nurse = profile.data.skills.iter().find(|s| s.label == "infirmière anesthésiste").unwrap();
    assert_eq!(nurse.skill.as_ref().unwrap().as_str(), "nurse-anaesthesia");
    let free = profile.data.skills.iter().find(|s| s.label == "griot storytelling").unwrap();
    assert!(free.skill.is_none(), "free text stays free text");
    assert_eq!(profile.data.languages.len(), expected.languages.len());
    assert_eq!(profile.data.windows, expected.windows);
    assert!(profile.consent.is_some(), "the generator gives consent to most profiles");
    // Saving the loaded profile back changes nothing.
    let again = service::input_of(&profile);
    let id2 = write(&db, &again, Target::Existing(id)).await;
    assert_eq!(id2, id);
    let reloaded = store::load(&db, id).await.unwrap().unwrap();
    assert_eq!(reloaded.data, profile.data);
    let changes = passerelle_db::testing::all_changes(&db).await;
    assert!(changes.iter().filter(|c| c.entity_id == id.to_string()).count() >= 2, "each save is in the change log");
}

#[tokio::test]
async fn every_list_of_every_profile_comes_back_whole_and_in_order() {
    let (_dir, db) = database().await;
    let generator = Generator::new(11);
    let resolver = SkillResolver::load(&db).await.unwrap();
    let mut saved = Vec::new();
    for n in 0..60 {
        let mut input = generator.expert(n);
        // Every list filled, so that none is silently dropped by the loader.
        input.memberships.push(passerelle_profiles::input::MembershipInput {
            organisation: "Association des médecins".into(),
            role: "trésorière".into(),
        });
        input.no_travel_countries.push("ER".into());
        let id = write(&db, &input, Target::New { user: None }).await;
        saved.push((id, service::check(&input, &resolver).unwrap().data));
    }
    let ids: Vec<ExpertId> = saved.iter().rev().map(|(id, _)| *id).collect();
    let loaded = store::load_many(&db, &ids).await.unwrap();
    assert_eq!(loaded.iter().map(|p| p.id).collect::<Vec<_>>(), ids, "in the order asked");
    for profile in &loaded {
        let (_, mut expected) = saved.iter().find(|(id, _)| *id == profile.id).unwrap().clone();
        expected.sectors.sort();
        expected
            .languages
            .sort_by(|a, b| b.spoken.rank().cmp(&a.spoken.rank()).then(a.language.code().cmp(b.language.code())));
        // Credentials are given their id when saved.
        for (credential, stored) in expected.credentials.iter_mut().zip(&profile.data.credentials) {
            assert!(!stored.id.is_empty());
            credential.id.clone_from(&stored.id);
        }
        assert_eq!(profile.data, expected);
        assert!(!profile.data.memberships.is_empty() && !profile.data.no_travel.is_empty());
    }
    // Walking by cursor meets every profile once, in id order.
    let mut walked = Vec::new();
    let mut cursor = None;
    while let Some(last) = store::load_after(&mut db.reader().acquire().await.unwrap(), db.dialect(), cursor, 7)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .inspect(|id| walked.push(*id))
        .last()
    {
        cursor = Some(last);
    }
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(walked, sorted);
}

#[tokio::test]
async fn a_credential_keeps_its_verification_until_its_content_changes() {
    let (_dir, db) = database().await;
    let mut input = Generator::new(2).expert(3);
    input.credentials = vec![passerelle_profiles::input::CredentialInput {
        kind: "licence".into(),
        title: "Médecin — INAMI".into(),
        issuer: "SPF Santé publique".into(),
        country: Some("BE".into()),
        number: "1-23456-78".into(),
        valid_until: Some("2029-06-30".into()),
        ..Default::default()
    }];
    let id = write(&db, &input, Target::New { user: None }).await;
    let credential = store::load(&db, id).await.unwrap().unwrap().data.credentials[0].clone();
    let mut tx = db.begin().await.unwrap();
    assert!(
        store::set_credential_status(&mut tx, id, &credential.id, CredentialStatus::Verified, UserId::new())
            .await
            .unwrap()
    );
    assert!(
        !store::set_credential_status(&mut tx, id, "nope", CredentialStatus::Verified, UserId::new()).await.unwrap()
    );
    tx.commit().await.unwrap();

    let profile = store::load(&db, id).await.unwrap().unwrap();
    let mut edit = service::input_of(&profile);
    edit.headline = Some("Changed headline".into());
    write(&db, &edit, Target::Existing(id)).await;
    let kept = store::load(&db, id).await.unwrap().unwrap().data.credentials[0].clone();
    assert_eq!(kept.status, CredentialStatus::Verified, "unchanged credential keeps its verification");
    assert_eq!(kept.id, credential.id);

    edit.credentials[0].number = "9-99999-99".into();
    write(&db, &edit, Target::Existing(id)).await;
    let changed = store::load(&db, id).await.unwrap().unwrap().data.credentials[0].clone();
    assert_eq!(changed.status, CredentialStatus::Unverified, "a changed credential must be checked again");
}

#[tokio::test]
async fn erasure_removes_the_person_keeps_counts_and_tells_the_index() {
    let (_dir, db) = database().await;
    let id = write(&db, &Generator::new(3).expert(9), Target::New { user: None }).await;
    let export = rights::export(&db, id).await.unwrap().unwrap();
    assert!(export["profile"]["data"]["name"].is_string());
    assert!(export["consents"].as_array().unwrap().len() == 1);

    let event = passerelle_accounts::audit::Event::by(None, "profile.erase");
    assert!(rights::erase(&db, id, event.clone()).await.unwrap());
    assert!(store::load(&db, id).await.unwrap().is_none());
    assert!(rights::export(&db, id).await.unwrap().is_none());
    assert!(!rights::erase(&db, id, event).await.unwrap());
    let last = passerelle_db::testing::all_changes(&db).await.pop().unwrap();
    assert_eq!((last.entity_id, last.operation), (id.to_string(), Operation::Delete));
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM erased_profiles").fetch_one(db.reader()).await.unwrap();
    assert_eq!(kept, 1);
    let leftovers: i64 = sqlx::query_scalar("SELECT count(*) FROM expert_skills").fetch_one(db.reader()).await.unwrap();
    assert_eq!(leftovers, 0);
}

#[tokio::test]
async fn erasure_removes_the_persons_email_and_address_from_the_audit_log_and_nothing_else() {
    use passerelle_accounts::Role;
    use passerelle_accounts::audit::{self, Event};
    use passerelle_accounts::users::{self, NewUser};
    let (_dir, db) = database().await;
    let mut tx = db.begin().await.unwrap();
    let new = NewUser {
        email: passerelle_core::Email::parse("amina@example.org").unwrap(),
        name: "Amina".into(),
        role: Role::Expert,
        password_hash: "x".into(),
        locale: passerelle_core::Locale::En,
        institution: None,
        email_verified: true,
    };
    let user = users::insert(&mut tx, &new).await.unwrap();
    tx.commit().await.unwrap();
    let id = write(&db, &Generator::new(3).expert(4), Target::New { user: Some(user.id) }).await;
    let mut tx = db.begin().await.unwrap();
    let by_her = Event { actor: Some(user.id), actor_label: "amina@example.org", ..Event::by(None, "profile.edit") };
    audit::record(&mut tx, &by_her.on("expert", &id.to_string()).from_ip("198.51.100.7").detail("skills"))
        .await
        .unwrap();
    audit::record(
        &mut tx,
        &Event { actor_label: "coordinator@example.org", ..Event::by(None, "other") }.from_ip("192.0.2.1"),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    assert!(rights::erase(&db, id, Event::by(None, "profile.erase")).await.unwrap());
    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT action, actor_label, client_ip, detail FROM audit_log ORDER BY id")
            .fetch_all(db.reader())
            .await
            .unwrap();
    let edit = rows.iter().find(|r| r.0 == "profile.edit").unwrap();
    assert_eq!((edit.1.as_str(), edit.2.as_str(), edit.3.as_str()), (audit::ERASED, "", "skills"));
    let other = rows.iter().find(|r| r.0 == "other").unwrap();
    assert_eq!((other.1.as_str(), other.2.as_str()), ("coordinator@example.org", "192.0.2.1"));
    assert!(!rows.iter().any(|r| r.1.contains("amina") || r.2 == "198.51.100.7"));

    // Anything else is still refused: the log stays append-only.
    for change in [
        "UPDATE audit_log SET action = 'forged' WHERE action = 'profile.edit'",
        "UPDATE audit_log SET detail = '' WHERE action = 'profile.edit'",
        "DELETE FROM audit_log",
    ] {
        let mut tx = db.begin().await.unwrap();
        assert!(sqlx::query(change).execute(&mut *tx).await.is_err(), "{change} was allowed");
    }
}

#[tokio::test]
async fn a_thousand_lines_with_ten_bad_ones_reports_exactly_those() {
    let (_dir, db) = database().await;
    let generator = Generator::new(4);
    let bad_lines = [3, 97, 150, 151, 400, 512, 640, 777, 901, 1000];
    let mut file = String::new();
    for line in 1..=1000u64 {
        let mut input = generator.expert(line);
        let text = match bad_lines.iter().position(|&b| b == line) {
            Some(0) => r#"{"name": "Broken", "skills": [{"label": "x", "level": "high"}]}"#.to_owned(),
            Some(1) => "{not json".to_owned(),
            Some(2) => {
                input.languages[0].spoken = "D1".into();
                serde_json::to_string(&input).unwrap()
            }
            Some(3) => {
                input.residence_country = Some("XX".into());
                serde_json::to_string(&input).unwrap()
            }
            Some(4) => {
                input.availability = vec![passerelle_profiles::input::WindowInput {
                    start: "2027-05-01".into(),
                    end: "2027-04-01".into(),
                    mode: "either".into(),
                }];
                serde_json::to_string(&input).unwrap()
            }
            Some(5) => {
                input.name = String::new();
                serde_json::to_string(&input).unwrap()
            }
            Some(6) => r#"{"name": "X", "shoe_size": 44}"#.to_owned(),
            Some(7) => {
                input.consent = Some(passerelle_profiles::input::ConsentInput {
                    matching: true,
                    version: "1999".into(),
                    given_at: None,
                });
                serde_json::to_string(&input).unwrap()
            }
            Some(8) => {
                input.email = Some("not-an-email".into());
                serde_json::to_string(&input).unwrap()
            }
            Some(_) => {
                input.skills[0].level = Some(7);
                serde_json::to_string(&input).unwrap()
            }
            None => serde_json::to_string(&input).unwrap(),
        };
        file.push_str(&text);
        file.push('\n');
    }
    let report = import::import_jsonl(&db, file.as_bytes(), Options::default(), |_| {}).await.unwrap();
    let mut reported: Vec<usize> = report.refused.iter().map(|e| e.line).collect();
    reported.dedup();
    assert_eq!(reported, bad_lines.iter().map(|&l| l as usize).collect::<Vec<_>>(), "{:#?}", report.refused);
    assert_eq!(report.created, 990);
    assert!(report.refused.iter().any(|e| e.line == 3 && e.field == "skills[0].level"));
    assert!(report.refused.iter().any(|e| e.line == 150 && e.field == "languages[0].spoken"));
    assert!(report.refused.iter().any(|e| e.line == 777 && e.field == "consent.version"));
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM experts").fetch_one(db.reader()).await.unwrap();
    assert_eq!(count, 990, "nothing of a refused line is written");

    // Importing again updates instead of duplicating; all-or-nothing writes nothing.
    let again =
        import::import_jsonl(&db, file.as_bytes(), Options { all_or_nothing: true, by: None }, |_| {}).await.unwrap();
    assert!(again.rolled_back && again.created == 0 && again.updated == 0);
    let good: String = file
        .lines()
        .enumerate()
        .filter(|(i, _)| !bad_lines.contains(&(*i as u64 + 1)))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let updated =
        import::import_jsonl(&db, good.as_bytes(), Options { all_or_nothing: true, by: None }, |_| {}).await.unwrap();
    assert_eq!((updated.created, updated.updated, updated.refused.len()), (0, 990, 0));
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM experts").fetch_one(db.reader()).await.unwrap();
    assert_eq!(count, 990);
}

#[tokio::test]
async fn an_import_batch_creates_at_once_and_a_repeated_external_id_updates_its_profile() {
    let (_dir, db) = database().await;
    let generator = Generator::new(9);
    let mut lines = Vec::new();
    for n in 0..40u64 {
        let mut input = generator.expert(n);
        input.external_id = Some(format!("roster-{n}"));
        input.consent = Some(passerelle_profiles::input::ConsentInput {
            matching: n % 2 == 0,
            version: "2026-11-01".into(),
            given_at: None,
        });
        lines.push(input);
    }
    // The same person again later in the file, with a new headline: an update, not a second profile.
    let mut again = lines[5].clone();
    again.headline = Some("Updated in the same file".into());
    lines.push(again);
    let file: String = lines.iter().map(|l| format!("{}\n", serde_json::to_string(l).unwrap())).collect();
    let report = import::import_jsonl(&db, file.as_bytes(), Options::default(), |_| {}).await.unwrap();
    assert_eq!((report.created, report.updated, report.refused.len()), (40, 1, 0), "{report:#?}");

    let headline: String = sqlx::query_scalar("SELECT headline FROM experts WHERE external_id = 'roster-5'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(headline, "Updated in the same file");
    let consented: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM experts WHERE consent_version = '2026-11-01' AND consent_at IS NOT NULL",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(consented, 20, "the even lines consented");
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM consent_events WHERE source = 'import' AND granted = 1")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(events, 20, "one recorded grant per consenting line");
    let logged: i64 =
        sqlx::query_scalar("SELECT count(DISTINCT entity_id) FROM change_log").fetch_one(db.reader()).await.unwrap();
    assert_eq!(logged, 40, "the index is told of every profile");
}

#[tokio::test]
async fn a_line_updates_a_profile_created_by_an_earlier_batch_of_the_same_file() {
    let (_dir, db) = database().await;
    let generator = Generator::new(11);
    // Batches are of 500 lines, each written while the next is read: the last line names the
    // external id of the first, written by the batch before.
    let mut lines: Vec<_> = (0..520u64)
        .map(|n| {
            let mut input = generator.expert(n);
            input.external_id = Some(format!("batch-{n}"));
            input
        })
        .collect();
    let mut again = lines[0].clone();
    again.headline = Some("Updated a batch later".into());
    lines.push(again);
    let file: String = lines.iter().map(|l| format!("{}\n", serde_json::to_string(l).unwrap())).collect();
    let report = import::import_jsonl(&db, file.as_bytes(), Options::default(), |_| {}).await.unwrap();
    assert_eq!((report.lines, report.created, report.updated, report.refused.len()), (521, 520, 1, 0));
    let headline: String = sqlx::query_scalar("SELECT headline FROM experts WHERE external_id = 'batch-0'")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(headline, "Updated a batch later");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM experts").fetch_one(db.reader()).await.unwrap();
    assert_eq!(count, 520);
}

#[tokio::test]
async fn skills_named_in_words_are_kept_with_each_write_and_erased_with_the_expert() {
    use passerelle_profiles::mentions;
    let (_dir, db) = database().await;
    // Words only in the summary (the generator writes skills into every text).
    let only_words = |mut input: passerelle_profiles::ExpertInput| {
        input.skills.clear();
        input.headline = None;
        input.work_history.clear();
        input.education.clear();
        input.credentials.clear();
        input
    };
    let mut input = only_words(Generator::new(3).expert(0));
    input.summary = Some("Quinze ans en soins intensifs au CHU de Liège, puis formatrice.".into());
    let id = write(&db, &input, Target::New { user: None }).await;
    let skills = |db: Db| async move {
        let kept = mentions::of_experts(&db, &[id]).await.unwrap();
        kept.get(&id).map(|m| m.skills.iter().map(ToString::to_string).collect::<Vec<_>>())
    };
    assert_eq!(skills(db.clone()).await.unwrap(), ["intensive-care"], "read when created");

    // Saved with other words: read again. Listed, a skill is not repeated as named.
    input.summary = Some("Sage-femme depuis vingt ans, formatrice en soins obstétricaux.".into());
    write(&db, &input, Target::Existing(id)).await;
    let named = skills(db.clone()).await.unwrap();
    assert!(!named.is_empty() && !named.contains(&"intensive-care".to_owned()), "{named:?}");
    input.skills.push(passerelle_profiles::input::SkillInput {
        label: named[0].clone(),
        level: Some(3),
        ..Default::default()
    });
    write(&db, &input, Target::Existing(id)).await;
    assert!(!skills(db.clone()).await.unwrap().contains(&named[0]), "listed now");

    // Imported lines keep theirs too.
    let mut line = only_words(Generator::new(4).expert(1));
    line.summary = None;
    line.headline = Some("Infirmière en soins intensifs".into());
    let resolver = SkillResolver::load(&db).await.unwrap();
    let checked = service::check(&line, &resolver).unwrap();
    let mut tx = db.begin().await.unwrap();
    let created = service::create_many(&mut tx, &[&checked], None, Source::Import).await.unwrap();
    tx.commit().await.unwrap();
    let other = *created[0].as_ref().unwrap();
    assert_eq!(mentions::of_experts(&db, &[other]).await.unwrap()[&other].skills.len(), 1);

    // Read again later (after a taxonomy change), they are kept only while the profile read is
    // still the one stored: a write in between keeps what it read itself.
    let read = store::load(&db, id).await.unwrap().unwrap();
    let again = mentions::Mentions { taxonomy: -1, reader: mentions::READER, skills: vec![] };
    write(&db, &input, Target::Existing(id)).await;
    let mut tx = db.begin().await.unwrap();
    assert!(!mentions::keep_if_unchanged(&mut tx, &read, &again).await.unwrap(), "written since");
    let current = store::load(&db, id).await.unwrap().unwrap();
    assert!(mentions::keep_if_unchanged(&mut tx, &current, &again).await.unwrap());
    tx.commit().await.unwrap();
    assert_eq!(mentions::of_experts(&db, &[id]).await.unwrap()[&id], again);

    let event = passerelle_accounts::audit::Event::by(None, "profile.erase");
    assert!(rights::erase(&db, id, event).await.unwrap());
    assert_eq!(skills(db.clone()).await, None, "erased with the expert");
}
